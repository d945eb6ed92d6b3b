namespace MagLoop.Carbon.Tests;

public sealed class UnitsAndFactorsTests
{
    [Fact]
    public void One_kg_per_short_ton_mile_is_0_685_kg_per_tonne_km()
    {
        // 1 short ton-mile = 0.90718474 t x 1.609344 km = 1.459972 t.km.
        Assert.Equal(1 / (0.90718474 * 1.609344), Units.PerTonneKmFromPerShortTonMile(1), 12);
        Assert.Equal(0.115, Units.PerTonneKmFromPerShortTonMile(0.168), 3);
    }

    [Fact]
    public void Pounds_per_MWh_convert_to_kg_per_kWh()
    {
        Assert.Equal(0.45359237, Units.KgPerKWhFromPoundsPerMWh(1000), 12);
    }

    [Fact]
    public void Gas_mass_follows_volume_pressure_and_density()
    {
        // 1 m3 at 1.01325 bar and 0 C is 1 Nm3.
        Assert.Equal(Units.ArgonKgPerNm3, Units.GasKg(1, 1.01325, Units.ArgonKgPerNm3), 12);
        Assert.Equal(2 * 3 / 1.01325 * Units.HydrogenKgPerNm3, Units.GasKg(3, 2, Units.HydrogenKgPerNm3), 12);
    }

    [Fact]
    public void Sensible_heat_counts_from_25_C()
    {
        // 3600 kg x 1 kJ/(kg K) x 100 K = 360,000 kJ = 100 kWh.
        Assert.Equal(100, Units.SensibleHeatKWh(3600, 1, 125), 9);
        Assert.Equal(0, Units.SensibleHeatKWh(3600, 1, 20));
    }

    [Theory]
    [InlineData("ERCT", 0.351)]
    [InlineData("SRVC", 0.284)]
    [InlineData("NWPP", 0.275)]
    [InlineData("AZNM", 0.353)]
    [InlineData("US", 0.375)]
    [InlineData("erct", 0.351)]
    public void Built_in_grid_factors_match_eGRID2022_as_given_in_the_brief(string region, double kgPerKWh)
    {
        var factor = GridFactors.Find(region);
        Assert.NotNull(factor);
        Assert.Equal(kgPerKWh, Math.Round(factor.KgCo2ePerKWh, 3));
        Assert.Contains("eGRID2022", factor.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_factor_overrides_the_built_in_one_and_unknown_regions_are_null()
    {
        var own = new[] { new GridFactor("ERCT", 0.2, "own"), new GridFactor("HYDRO", 0.01, "own") };
        Assert.Equal(0.2, GridFactors.Find("ERCT", own)!.KgCo2ePerKWh);
        Assert.Equal(0.01, GridFactors.Find("hydro", own)!.KgCo2ePerKWh);
        Assert.Null(GridFactors.Find("ERCX"));
        Assert.Contains("HYDRO", GridFactors.Known(own));
    }
}

public class EgridSubregionTests
{
    private static readonly string[] Subregions =
    [
        "AKGD", "AKMS", "AZNM", "CAMX", "ERCT", "FRCC", "HIMS", "HIOA", "MROE", "MROW", "NEWE", "NWPP", "NYCW", "NYLI",
        "NYUP", "PRMS", "RFCE", "RFCM", "RFCW", "RMPA", "SPNO", "SPSO", "SRMV", "SRMW", "SRSO", "SRTV", "SRVC",
    ];

    [Fact]
    public void Every_eGRID2022_subregion_is_built_in_22_of_them_contiguous()
    {
        Assert.Equal(Subregions, GridFactors.BuiltIn.Where(f => f.Region != GridFactors.UsAverage).Select(f => f.Region));
        Assert.Equal(22, GridFactors.BuiltIn.Count(f => f.Contiguous));
    }

    [Fact]
    public void Every_subregion_factor_is_in_range_and_cited()
    {
        foreach (var factor in GridFactors.BuiltIn)
        {
            // eGRID2022 total output rates span about 275 (NYUP) to 1,595 (PRMS) lb CO2e/MWh.
            Assert.InRange(factor.Co2eLbPerMWh!.Value, 250, 1700);
            Assert.Equal(factor.Co2eLbPerMWh.Value * Units.KgPerPound / 1000, factor.KgCo2ePerKWh, 12);
            Assert.Contains("eGRID2022", factor.Source, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(factor.Name));
        }
    }

    [Theory]
    [InlineData("RFCW", 0.456)]
    [InlineData("CAMX", 0.226)]
    [InlineData("NYUP", 0.125)]
    [InlineData("SRMW", 0.626)]
    public void Subregion_factors_match_the_hub_table_combined_with_AR5(string region, double kgPerKWh) =>
        Assert.Equal(kgPerKWh, Math.Round(GridFactors.Find(region)!.KgCo2ePerKWh, 3));
}
