using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

public sealed class MagnetStudyTests
{
    private static StudyResult RunText(string text) => FlowsheetRoutingTests.Run(text);

    // Pinned to docs/model-magnet.md ("DFW hub"), and the grade checked against the datasheet class table's own
    // numbers (M: 1114 <= HcJ < 1353 kA/m; 35: (BH)max 33-36 MGOe), not against the model's grading.
    [Fact]
    public void Dfw_hub_magnets_are_the_documented_grade_with_error_bands()
    {
        var result = Study.Run(RepositoryFiles.Scenario("dfw-hub.yaml"));
        var product = Assert.Single(result.Products);
        Assert.Equal(result.Production.MagnetTonnesPerYear, product.TonnesPerYear, 9);
        Assert.Equal(DfwGrade, product.Grade);
        Assert.InRange(product.CoercivityKAm, 1114, 1353);
        Assert.InRange(product.EnergyProductKJm3, 33 * 7.9577, 36 * 7.9577);
        Assert.Equal(DfwRemanenceT, product.RemanenceT, 3);
        Assert.Equal(0.042 * product.RemanenceT, product.RemanenceBandT, 9);
        Assert.Null(product.TargetGrade);
    }

    private const string DfwGrade = "35M";
    private const double DfwRemanenceT = 1.177;

    [Fact]
    public void Dfw_hub_magnets_carry_the_domain_warnings_into_the_study()
    {
        var result = Study.Run(RepositoryFiles.Scenario("dfw-hub.yaml"));
        Assert.Contains(result.Warnings, w => w.StartsWith("Sintered magnets: oxygen: oxygen 0.481 wt%", StringComparison.Ordinal));
        Assert.Equal(result.Products[0].DomainWarnings.Count, result.Warnings.Count(w => w.StartsWith("Sintered magnets: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Heavy_steel_carry_over_is_a_located_error_naming_the_steel_not_a_priced_magnet()
    {
        var text = MinimalScenario.Text + "process:\n  hpms:\n    foreignCarryover: 1\n";
        var error = Assert.Throws<ScenarioException>(() => RunText(text));
        Assert.Equal("process.hpms.foreignCarryover", error.Field);
        Assert.Contains("outside the magnet model's domain", error.Problem, StringComparison.Ordinal);
        Assert.Contains("steel", error.Problem, StringComparison.Ordinal);
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
        // 35UH by the datasheet table: HcJ >= 1990 kA/m, (BH)max >= 33 MGOe (262.6 kJ/m3).
        Assert.True(product.CoercivityKAm >= 1990 && product.EnergyProductKJm3 >= 33 * 7.9577 - 0.01, product.Grade);
        Assert.True(byGrade.Production.FreshRareEarthTonnesPerYear < byFreeRareEarth.Production.FreshRareEarthTonnesPerYear);
    }

    [Fact]
    public void A_grade_beyond_what_rare_earth_can_give_is_a_located_error()
    {
        var error = Assert.Throws<ScenarioException>(() => RunText(MinimalScenario.Text + "magnets:\n  targetGrade: 30EH\n"));
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
