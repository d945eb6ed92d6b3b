namespace MagLoop.Carbon;

/// <summary>An electricity grid emission factor.</summary>
/// <param name="Region">Region code (eGRID subregion acronym or a scenario's own code).</param>
/// <param name="KgCo2ePerKWh">kg CO2e per kWh consumed.</param>
/// <param name="Source">Where the factor comes from, with its year.</param>
public sealed record GridFactor(string Region, double KgCo2ePerKWh, string Source);

/// <summary>
/// Built-in grid factors: EPA eGRID2022 subregion output emission rates as published in the EPA GHG Emission
/// Factors Hub (2024), Table 6, combined to CO2e with IPCC AR5 100-year GWPs (CH4 28, N2O 265) [C1].
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

    /// <summary>kg CO2e/kWh from eGRID rates in lb/MWh of CO2, CH4 and N2O.</summary>
    public static double Co2e(double co2LbPerMWh, double ch4LbPerMWh, double n2oLbPerMWh) =>
        Units.KgPerKWhFromPoundsPerMWh(co2LbPerMWh + MethaneGwp * ch4LbPerMWh + NitrousOxideGwp * n2oLbPerMWh);

    /// <summary>The built-in factors: ERCT, SRVC, NWPP, AZNM and the US average.</summary>
    public static IReadOnlyList<GridFactor> BuiltIn { get; } =
    [
        new("ERCT", Co2e(771.083, 0.049, 0.007), $"ERCOT All; {Source}"),
        new("SRVC", Co2e(622.987, 0.047, 0.007), $"SERC Virginia/Carolina; {Source}"),
        new("NWPP", Co2e(602.088, 0.056, 0.008), $"WECC Northwest; {Source}"),
        new("AZNM", Co2e(776.036, 0.051, 0.007), $"WECC Southwest; {Source}"),
        new(UsAverage, Co2e(823.149, 0.066, 0.009), $"US average; {Source}"),
    ];

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
