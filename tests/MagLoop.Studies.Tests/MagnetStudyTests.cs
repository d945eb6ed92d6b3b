using MagLoop.Materials.Magnets;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

public sealed class MagnetStudyTests
{
    private static StudyResult RunText(string text) => FlowsheetRoutingTests.Run(text);

    [Fact]
    public void Dfw_hub_magnets_get_a_grade_and_properties_with_error_bands()
    {
        var result = Study.Run(RepositoryFiles.Scenario("dfw-hub.yaml"));
        var product = Assert.Single(result.Products);
        Assert.Equal(result.Production.MagnetTonnesPerYear, product.TonnesPerYear, 9);
        var grade = MagnetGrade.Parse(product.Grade);
        Assert.True(grade.IsMetBy(product.CoercivityKAm, product.EnergyProductKJm3));
        Assert.InRange(product.RemanenceT, 1.1, 1.45);
        Assert.True(product.RemanenceBandT > 0 && product.CoercivityBandKAm > 0 && product.EnergyProductBandKJm3 > 0);
        Assert.Null(product.TargetGrade);
    }

    [Fact]
    public void Products_serialise_with_the_issue_keys()
    {
        var json = Study.Run(RepositoryFiles.Scenario("dfw-hub.yaml")).ToJson();
        foreach (var key in new[] { "\"products\"", "\"grade\"", "\"tonnesPerYear\"", "\"remanenceT\"", "\"coercivityKAm\"", "\"energyProductKJm3\"", "\"remanenceBandT\"" })
            Assert.Contains(key, json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_magnets_section_is_optional_and_leaves_the_flowsheet_unchanged()
    {
        var without = RunText(MinimalScenario.Text);
        var with = RunText(MinimalScenario.Text + "magnets:\n  grainSizeUm: 4\n");
        Assert.Equal(without.Production.FreshRareEarthTonnesPerYear, with.Production.FreshRareEarthTonnesPerYear, 12);
        Assert.True(with.Products[0].CoercivityKAm > without.Products[0].CoercivityKAm);
    }

    [Fact]
    public void A_target_grade_drives_the_fresh_addition_and_the_magnets_make_it()
    {
        // EV-rotor powder with 0.5 wt% Tb diffused makes 35UH without the NdPr the free rare-earth target adds.
        const string diffused = "magnets:\n  gbdTbWtPct: 0.5\n";
        var byFreeRareEarth = RunText(MinimalScenario.Text + diffused);
        var byGrade = RunText(MinimalScenario.Text + diffused + "  targetGrade: 35UH\n");
        var product = Assert.Single(byGrade.Products);
        Assert.Equal("35UH", product.TargetGrade);
        Assert.True(MagnetGrade.Parse("35UH").IsMetBy(product.CoercivityKAm, product.EnergyProductKJm3), product.Grade);
        Assert.True(byGrade.Production.FreshRareEarthTonnesPerYear < byFreeRareEarth.Production.FreshRareEarthTonnesPerYear);
    }

    [Fact]
    public void A_grade_beyond_what_rare_earth_can_give_is_a_located_error()
    {
        var error = Assert.Throws<ScenarioException>(() => RunText(MinimalScenario.Text + "magnets:\n  targetGrade: 40SH\n"));
        Assert.Contains("grain-boundary diffusion", error.Problem, StringComparison.Ordinal);
        Assert.Equal("magnets.targetGrade", error.Field);
    }

    [Fact]
    public void A_bad_target_grade_is_located()
    {
        var text = MinimalScenario.Text + "magnets:\n  targetGrade: N41\n";
        var error = Assert.Throws<ScenarioException>(() =>
        {
            var (scenario, map) = ScenarioReader.Read(text, "test.yaml");
            PlantBuilder.Build(scenario, map);
        });
        Assert.Equal("magnets.targetGrade", error.Field);
        Assert.Contains("not a standard grade number", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_target_grade_is_a_located_error_not_a_crash()
    {
        var error = Assert.Throws<ScenarioException>(() => RunText(MinimalScenario.Text + "magnets:\n  targetGrade: 40AH\n"));
        Assert.Contains("40AH", error.Problem, StringComparison.Ordinal);
    }
}
