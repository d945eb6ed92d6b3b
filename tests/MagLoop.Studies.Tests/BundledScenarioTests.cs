using MagLoop.Plants;
namespace MagLoop.Studies.Tests;

public sealed class BundledScenarioTests
{
    private static readonly Lazy<StudyResult> ThreeVessels = new(() => Study.Run(RepositoryFiles.Scenario("dfw-hub.yaml")));
    private static readonly Lazy<StudyResult> TwoVessels = new(() => Study.Run(RepositoryFiles.Scenario("dfw-hub-2-vessels.yaml")));

    [Fact]
    public void Dfw_hub_makes_the_disclosed_750_tonnes_of_magnets_within_2_percent() =>
        Assert.InRange(ThreeVessels.Value.Production.MagnetTonnesPerYear, 735, 765);

    [Fact]
    public void Dfw_hub_makes_the_disclosed_807_tonnes_of_co_products_within_2_percent() =>
        Assert.InRange(ThreeVessels.Value.Production.CoProductTonnesPerYear, 791, 823);

    [Fact]
    public void Dfw_hub_total_is_the_disclosed_1557_tonnes_within_2_percent() =>
        Assert.InRange(ThreeVessels.Value.Production.TotalTonnesPerYear, 1557 * 0.98, 1557 * 1.02);

    [Theory]
    [InlineData("dfw-hub.yaml")]
    [InlineData("dfw-hub-2-vessels.yaml")]
    public void Every_element_balances_to_1e_9(string file)
    {
        var result = file == "dfw-hub.yaml" ? ThreeVessels.Value : TwoVessels.Value;
        Assert.True(result.Production.MassBalance.MaxRelativeError < 1e-9, $"max relative error {result.Production.MassBalance.MaxRelativeError}");
        Assert.All(result.Production.MassBalance.Components, c => Assert.True(c.RelativeError < 1e-9, c.Component));
    }

    [Fact]
    public void Two_vessel_case_makes_the_same_magnets_and_fewer_co_products()
    {
        // The line is full in both; only the blend's composition shifts a little with the share of recycled rejects.
        Assert.Equal(1.0, TwoVessels.Value.Production.MagnetTonnesPerYear / ThreeVessels.Value.Production.MagnetTonnesPerYear, 4);
        Assert.True(TwoVessels.Value.Production.CoProductTonnesPerYear < ThreeVessels.Value.Production.CoProductTonnesPerYear - 100);
    }

    [Fact]
    public void Hpms_capacity_is_vessels_times_batch_times_batches_per_year_times_availability()
    {
        // 3 x 1432 kg x 8760/8 batches x 0.85
        Assert.Equal(3 * 1432 * (8760 / 8.0) * 0.85 / 1000, ThreeVessels.Value.Production.HpmsCapacityTonnesPerYear, 9);
        Assert.Equal(2.0 / 3.0 * ThreeVessels.Value.Production.HpmsCapacityTonnesPerYear, TwoVessels.Value.Production.HpmsCapacityTonnesPerYear, 9);
    }

    [Fact]
    public void Hpms_runs_at_capacity_when_supply_exceeds_it()
    {
        var p = ThreeVessels.Value.Production;
        Assert.True(p.FeedScale < 1);
        Assert.Equal(p.HpmsCapacityTonnesPerYear, p.HpmsIntakeTonnesPerYear, 6);
        Assert.Contains(ThreeVessels.Value.Warnings, w => w.Contains("HPMS capacity", StringComparison.Ordinal));
    }

    [Fact]
    public void Fresh_rare_earth_is_a_few_percent_of_the_blend()
    {
        var p = ThreeVessels.Value.Production;
        Assert.InRange(p.FreshRareEarthTonnesPerYear / p.MagnetLineIntakeTonnesPerYear, 0.005, 0.10);
    }

    [Fact]
    public void Every_stream_has_a_composition_summing_to_1()
    {
        foreach (var stream in ThreeVessels.Value.Streams.Where(s => s.TonnesPerYear > 0))
            Assert.Equal(1.0, stream.Composition.Values.Sum(), 9);
    }

    [Fact]
    public void Study_json_has_the_documented_keys()
    {
        using var json = System.Text.Json.JsonDocument.Parse(ThreeVessels.Value.ToJson());
        var production = json.RootElement.GetProperty("production");
        foreach (var key in new[] { "magnetTonnesPerYear", "coProductTonnesPerYear", "totalTonnesPerYear", "scrapFeedTonnesPerYear", "hpmsPowderTonnesPerYear", "freshRareEarthTonnesPerYear" })
            Assert.True(production.GetProperty(key).GetDouble() > 0, key);
        Assert.True(production.GetProperty("massBalance").GetProperty("maxRelativeError").GetDouble() < 1e-9);
        var stream = json.RootElement.GetProperty("streams")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.String, stream.GetProperty("name").ValueKind);
        Assert.True(stream.GetProperty("tonnesPerYear").GetDouble() > 0);
        Assert.True(stream.GetProperty("composition").EnumerateObject().Any());
    }

    [Fact]
    public void Same_scenario_gives_identical_results() =>
        Assert.Equal(Study.Run(RepositoryFiles.Scenario("dfw-hub.yaml")).ToJson(), ThreeVessels.Value.ToJson());
}

public sealed class BundledMagnetTests
{
    private static readonly Lazy<StudyResult> Result = new(() => Study.Run(RepositoryFiles.Scenario("dfw-hub.yaml")));

    private static IReadOnlyDictionary<string, double> Magnets => Result.Value.Streams.Single(s => s.Name == StreamId.Magnets.Value).Composition;

    [Fact]
    public void Magnets_carry_no_organics_after_sintering() => Assert.False(Magnets.ContainsKey("Polymer"));

    [Fact]
    public void Magnets_carry_at_most_a_trace_of_foreign_matter() =>
        Assert.True(Magnets.GetValueOrDefault("Steel") + Magnets.GetValueOrDefault("Other") < 0.002);

    [Fact]
    public void Magnets_hold_commercial_rare_earth_contents() =>
        Assert.InRange(new[] { "Nd", "Pr", "Dy", "Tb" }.Sum(Magnets.GetValueOrDefault), 0.28, 0.35);

    [Fact]
    public void Stream_outlets_are_camel_case_in_json() =>
        Assert.Contains("\"outlet\": \"coProduct\"", Result.Value.ToJson(), StringComparison.Ordinal);
}
