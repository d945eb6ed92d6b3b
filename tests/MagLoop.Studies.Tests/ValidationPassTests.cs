using MagLoop.Plants;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

/// <summary>The plant builder's one validation pass reports every located problem together, before any model runs.</summary>
public sealed class ValidationPassTests
{
    private static ScenarioValidationException FailsAll(string text) => Assert.Throws<ScenarioValidationException>(() =>
    {
        var (scenario, map) = ScenarioReader.Read(text, "test.yaml");
        PlantBuilder.Build(scenario, map);
    });

    [Fact]
    public void Independent_problems_are_all_reported_in_file_order()
    {
        var text = MinimalScenario.With("    scrapType: ev-rotor\n", "    scrapType: ev-rotr\n")
            .Replace("    site: hub\n    jetMills: 1\n", "    site: hubb\n    jetMills: 1\n", StringComparison.Ordinal)
            + "simulation:\n  stations:\n    presses: { maintenanceEveryHours: 10, maintenanceHours: 12 }\n";
        var error = FailsAll(text);
        Assert.Collection(error.Errors,
            e => Assert.Equal(("feeds[0].scrapType", 17), (e.Field, e.Line)),
            e => Assert.Equal(("equipment.magnetLine.site", 28), (e.Field, e.Line)),
            e => Assert.Equal("simulation.stations.presses.maintenanceHours", e.Field));
        Assert.Equal(error.Errors.Select(e => e.Message), error.Message.Split(Environment.NewLine));
        Assert.Equal(error.Errors[0].Location, error.Location);
    }

    [Fact]
    public void A_single_problem_is_thrown_as_itself()
    {
        var (scenario, map) = ScenarioReader.Read(MinimalScenario.With("    scrapType: ev-rotor\n", "    scrapType: ev-rotr\n"), "test.yaml");
        var error = Assert.Throws<ScenarioException>(() => PlantBuilder.Build(scenario, map));
        Assert.Equal("feeds[0].scrapType", error.Field);
    }

    [Fact]
    public void A_problem_that_follows_from_another_is_not_reported_twice()
    {
        // The route's unknown end strands the feed; only the route is reported.
        var (scenario, map) = ScenarioReader.Read(MinimalScenario.With("    to: hub\n", "    to: hubb\n"), "test.yaml");
        var error = Assert.Throws<ScenarioException>(() => PlantBuilder.Build(scenario, map));
        Assert.Equal("routes[0].to", error.Field);
    }

    [Fact]
    public void The_definition_holds_the_scenario_typed()
    {
        var (scenario, map) = ScenarioReader.Read(MinimalScenario.Text, "test.yaml");
        var definition = PlantBuilder.Build(scenario, map).Definition;
        Assert.Equal(new SiteId("hub"), definition.Hub.Id);
        Assert.Equal(new FeedId("ev"), Assert.Single(definition.Feeds).Id);
        Assert.Equal(1_000_000, definition.Feeds[0].SupplyKgPerYear);
        var hpms = definition.Station(StationId.Hpms);
        Assert.Equal(1 * 1000 * 8760 / 8.0 * 0.85, hpms.CapacityKgPerYear, 6);
        Assert.Equal(8, ((BatchThroughput)hpms.Throughput).CycleHours, 12);
        Assert.Equal(1 * 10 * 8760 * 0.85, definition.Station(StationId.JetMills).CapacityKgPerYear, 6);
        Assert.Equal(
            [StationKind.Hpms, StationKind.JetMill, StationKind.Press, StationKind.SinteringFurnace, StationKind.HeatTreatmentFurnace, StationKind.Machining, StationKind.Coating, StationKind.Inspection],
            definition.Stations.Select(s => s.Kind));
    }
}
