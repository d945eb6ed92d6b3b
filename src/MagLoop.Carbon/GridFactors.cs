using System.Collections.Frozen;

namespace MagLoop.Carbon;

/// <summary>An electricity grid emission factor.</summary>
/// <param name="Region">Region code (eGRID subregion acronym or a scenario's own code).</param>
/// <param name="KgCo2ePerKWh">kg CO2e per kWh consumed.</param>
/// <param name="Source">Where the factor comes from, with its year.</param>
public sealed record GridFactor(string Region, double KgCo2ePerKWh, string Source)
{
    /// <summary>The eGRID subregion's name (for example "ERCOT All"); null for a scenario's own code.</summary>
    public string? Name { get; init; }

    /// <summary>The factor as given, in lb CO2e per MWh (eGRID's unit); null for a scenario's own code.</summary>
    public double? Co2eLbPerMWh { get; init; }

    /// <summary>True when the subregion lies in the contiguous US (48 states and DC).</summary>
    public bool Contiguous { get; init; }
}

/// <summary>
/// Built-in grid factors: every EPA eGRID2022 subregion's total output emission rates (CO2, CH4, N2O in lb/MWh) as
/// published in the EPA GHG Emission Factors Hub (2024), Table 6, combined to CO2e with IPCC AR5 100-year GWPs
/// (CH4 28, N2O 265, eGRID's own CO2e convention) and converted to kg/kWh [C1]. eGRID2022 has 27 subregions: 22 in
/// the contiguous US, and AKGD, AKMS (Alaska), HIMS, HIOA (Hawaii) and PRMS (Puerto Rico).
/// </summary>
public static class GridFactors
{
    /// <summary>GWP100 of CH4, IPCC AR5.</summary>
    public const double MethaneGwp = 28;

    /// <summary>GWP100 of N2O, IPCC AR5.</summary>
    public const double NitrousOxideGwp = 265;

    /// <summary>Code of the US average.</summary>
    public const string UsAverage = "US";

    private const string Source = "EPA eGRID2022 via GHG Emission Factors Hub 2024, Table 6; CO2e with AR5 GWPs [C1]";

    /// <summary>CO2e in lb/MWh from eGRID rates in lb/MWh of CO2, CH4 and N2O.</summary>
    public static double Co2eLbPerMWh(double co2LbPerMWh, double ch4LbPerMWh, double n2oLbPerMWh) =>
        co2LbPerMWh + (MethaneGwp * ch4LbPerMWh) + (NitrousOxideGwp * n2oLbPerMWh);

    /// <summary>kg CO2e/kWh from eGRID rates in lb/MWh of CO2, CH4 and N2O.</summary>
    public static double Co2e(double co2LbPerMWh, double ch4LbPerMWh, double n2oLbPerMWh) =>
        Units.KgPerKWhFromPoundsPerMWh(Co2eLbPerMWh(co2LbPerMWh, ch4LbPerMWh, n2oLbPerMWh));

    private static GridFactor Subregion(string code, string name, double co2, double ch4, double n2o, bool contiguous = true) =>
        new(code, Co2e(co2, ch4, n2o), $"{name}; {Source}") { Name = name, Co2eLbPerMWh = Co2eLbPerMWh(co2, ch4, n2o), Contiguous = contiguous };

    /// <summary>The built-in factors: the 27 eGRID2022 subregions in acronym order, then the US average.</summary>
    public static IReadOnlyList<GridFactor> BuiltIn { get; } =
    [
        // Total output emission rates, lb/MWh: CO2, CH4, N2O (eGRID2022, EPA GHG Emission Factors Hub 2024, Table 6).
        Subregion("AKGD", "ASCC Alaska Grid", 1052.114, 0.088, 0.012, contiguous: false),
        Subregion("AKMS", "ASCC Miscellaneous", 495.772, 0.023, 0.004, contiguous: false),
        Subregion("AZNM", "WECC Southwest", 776.036, 0.051, 0.007),
        Subregion("CAMX", "WECC California", 497.443, 0.030, 0.004),
        Subregion("ERCT", "ERCOT All", 771.083, 0.049, 0.007),
        Subregion("FRCC", "FRCC All", 813.846, 0.048, 0.006),
        Subregion("HIMS", "HICC Miscellaneous", 1155.486, 0.124, 0.019, contiguous: false),
        Subregion("HIOA", "HICC Oahu", 1575.407, 0.163, 0.025, contiguous: false),
        Subregion("MROE", "MRO East", 1479.621, 0.133, 0.019),
        Subregion("MROW", "MRO West", 936.485, 0.102, 0.015),
        Subregion("NEWE", "NPCC New England", 536.428, 0.063, 0.008),
        Subregion("NWPP", "WECC Northwest", 602.088, 0.056, 0.008),
        Subregion("NYCW", "NPCC NYC/Westchester", 885.233, 0.023, 0.003),
        Subregion("NYLI", "NPCC Long Island", 1200.708, 0.135, 0.018),
        Subregion("NYUP", "NPCC Upstate NY", 274.559, 0.015, 0.002),
        Subregion("PRMS", "Puerto Rico Miscellaneous", 1593.481, 0.087, 0.014, contiguous: false),
        Subregion("RFCE", "RFC East", 657.386, 0.045, 0.006),
        Subregion("RFCM", "RFC Michigan", 1216.404, 0.116, 0.016),
        Subregion("RFCW", "RFC West", 1000.053, 0.087, 0.012),
        Subregion("RMPA", "WECC Rockies", 1124.887, 0.101, 0.014),
        Subregion("SPNO", "SPP North", 952.575, 0.100, 0.014),
        Subregion("SPSO", "SPP South", 970.398, 0.072, 0.010),
        Subregion("SRMV", "SERC Mississippi Valley", 801.015, 0.040, 0.006),
        Subregion("SRMW", "SERC Midwest", 1369.887, 0.151, 0.022),
        Subregion("SRSO", "SERC South", 893.290, 0.064, 0.009),
        Subregion("SRTV", "SERC Tennessee Valley", 933.067, 0.082, 0.012),
        Subregion("SRVC", "SERC Virginia/Carolina", 622.987, 0.047, 0.007),
        new(UsAverage, Co2e(823.149, 0.066, 0.009), $"US average; {Source}") { Name = "US average", Co2eLbPerMWh = Co2eLbPerMWh(823.149, 0.066, 0.009) },
    ];

    /// <summary>
    /// Primary eGRID2022 subregion of each US state, DC and Puerto Rico: the subregion serving most of the state's
    /// load, read from EPA's eGRID2022 subregion map (engineering judgement, not an EPA table). An approximation
    /// where a state spans several subregions (IL, IN, KY, MI, MO, MS, MT, NE, NM, NV, NY, OK, PA, SD, TX, VA, WI, WY
    /// among others): give a site's region explicitly there. Nevada is split by latitude (see <see cref="RegionOf"/>).
    /// </summary>
    public static FrozenDictionary<string, string> PrimaryRegionByState { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["AL"] = "SRSO", ["AK"] = "AKGD", ["AZ"] = "AZNM", ["AR"] = "SRMV", ["CA"] = "CAMX", ["CO"] = "RMPA",
        ["CT"] = "NEWE", ["DE"] = "RFCE", ["DC"] = "RFCE", ["FL"] = "FRCC", ["GA"] = "SRSO", ["HI"] = "HIOA",
        ["ID"] = "NWPP", ["IL"] = "RFCW", ["IN"] = "RFCW", ["IA"] = "MROW", ["KS"] = "SPNO", ["KY"] = "SRTV",
        ["LA"] = "SRMV", ["ME"] = "NEWE", ["MD"] = "RFCE", ["MA"] = "NEWE", ["MI"] = "RFCM", ["MN"] = "MROW",
        ["MS"] = "SRMV", ["MO"] = "SRMW", ["MT"] = "NWPP", ["NE"] = "MROW", ["NV"] = "AZNM", ["NH"] = "NEWE",
        ["NJ"] = "RFCE", ["NM"] = "AZNM", ["NY"] = "NYUP", ["NC"] = "SRVC", ["ND"] = "MROW", ["OH"] = "RFCW",
        ["OK"] = "SPSO", ["OR"] = "NWPP", ["PA"] = "RFCE", ["RI"] = "NEWE", ["SC"] = "SRVC", ["SD"] = "MROW",
        ["TN"] = "SRTV", ["TX"] = "ERCT", ["UT"] = "NWPP", ["VT"] = "NEWE", ["VA"] = "SRVC", ["WA"] = "NWPP",
        ["WV"] = "RFCW", ["WI"] = "MROE", ["WY"] = "NWPP", ["PR"] = "PRMS",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Latitude north of which a Nevada site is on the NV Energy north (Sierra Pacific) system, in NWPP; south of it, Nevada Power (Las Vegas), in AZNM. Engineering judgement from the eGRID2022 map.</summary>
    public const double NevadaNorthLatitudeDeg = 37.5;

    /// <summary>
    /// The eGRID subregion of a site from its state (and, in Nevada, its latitude), or null for a code not in
    /// <see cref="PrimaryRegionByState"/>.
    /// </summary>
    public static string? RegionOf(string state, double latitudeDeg)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (string.Equals(state, "NV", StringComparison.OrdinalIgnoreCase)) return latitudeDeg >= NevadaNorthLatitudeDeg ? "NWPP" : "AZNM";
        return PrimaryRegionByState.GetValueOrDefault(state);
    }

    /// <summary>Looks a region up among the built-in factors and <paramref name="overrides"/> (which win), case-insensitively.</summary>
    public static GridFactor? Find(string region, IEnumerable<GridFactor>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        var own = overrides?.LastOrDefault(f => string.Equals(f.Region, region, StringComparison.OrdinalIgnoreCase));
        return own ?? BuiltIn.FirstOrDefault(f => string.Equals(f.Region, region, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Region codes known with the given overrides.</summary>
    public static IReadOnlyList<string> Known(IEnumerable<GridFactor>? overrides = null) =>
        BuiltIn.Select(f => f.Region).Concat(overrides?.Select(f => f.Region) ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
