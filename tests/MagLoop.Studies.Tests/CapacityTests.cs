using MagLoop.Plants;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

/// <summary>Every station with a rate or batch cycle limits the flowsheet; the study names the binding one and agrees with the simulation.</summary>
public sealed class CapacityTests
{
    // Flowsheet and simulation of the same line agree within this (the simulation's breakdowns average out to the
    // availability the flowsheet's capacities assume, over 4 replications of a year).
    private const double AgreementTolerance = 0.02;

    private static Plant Plant(Func<string, string> edit)
    {
        var text = edit(File.ReadAllText(RepositoryFiles.Scenario("dfw-hub.yaml")));
        Assert.NotEqual(File.ReadAllText(RepositoryFiles.Scenario("dfw-hub.yaml")), text);
        var (scenario, map) = ScenarioReader.Read(text.Replace("replications: 30", "replications: 4", StringComparison.Ordinal), "capacity.yaml");
        return PlantBuilder.Build(scenario, map);
    }

    private static StudyResult Simulated(Plant plant) => Study.Run(plant, "capacity.yaml", new StudyOptions { Simulate = true });

    [Theory]
    [InlineData("jetMillKgPerHour: 69.5", "jetMillKgPerHour: 110")]
    [InlineData("jetMills: 2 ", "jetMills: 3 ")]
    public void A_bigger_jet_mill_section_is_press_limited_in_the_flowsheet_as_in_the_simulation(string from, string to)
    {
        var result = Simulated(Plant(t => t.Replace(from, to, StringComparison.Ordinal)));
        var production = result.Production;
        Assert.Equal(StationId.Presses.Value, production.BindingStation);
        Assert.Equal(StationId.Presses.Value, result.Simulation!.BottleneckStation);
        Assert.Equal(result.Simulation.MagnetTonnesPerYear.Mean, production.MagnetTonnesPerYear, production.MagnetTonnesPerYear * AgreementTolerance);
        // Before capacity everywhere: 1,169 (faster mill) and 1,125 t/yr (third mill) in the flowsheet, 996 simulated.
        Assert.InRange(production.MagnetTonnesPerYear, 900, 1050);
        var presses = production.Stations.Single(s => s.Id == StationId.Presses.Value);
        Assert.Equal(1, presses.Utilisation, 9);
        Assert.Contains(result.Warnings, w => w.StartsWith("Presses", StringComparison.Ordinal) && w.Contains("limit the magnet line", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("binding station", StringComparison.Ordinal));
    }

    [Fact]
    public void A_third_press_lets_the_faster_jet_mills_bind_again()
    {
        var two = Study.Run(Plant(t => t.Replace("jetMillKgPerHour: 69.5", "jetMillKgPerHour: 110", StringComparison.Ordinal)), "capacity.yaml");
        var three = Study.Run(Plant(t => t.Replace("jetMillKgPerHour: 69.5", "jetMillKgPerHour: 110", StringComparison.Ordinal)
            .Replace("  stations:\n", "  stations:\n    presses: { units: 3, lotKg: 250, rateKgPerHour: 80, bufferKg: 5000 }\n", StringComparison.Ordinal)), "capacity.yaml");
        Assert.True(three.Production.MagnetTonnesPerYear > two.Production.MagnetTonnesPerYear);
        Assert.NotEqual(StationId.Presses.Value, three.Production.BindingStation);
    }

    [Theory]
    [InlineData("dfw-hub.yaml")]
    [InlineData("dfw-hub-2-vessels.yaml")]
    public void On_the_bundled_scenarios_the_jet_mills_bind_in_the_flowsheet_and_the_simulation(string name)
    {
        var text = File.ReadAllText(RepositoryFiles.Scenario(name)).Replace("replications: 30", "replications: 4", StringComparison.Ordinal);
        var (scenario, map) = ScenarioReader.Read(text, name);
        var result = Simulated(PlantBuilder.Build(scenario, map));
        Assert.Equal(StationId.JetMills.Value, result.Production.BindingStation);
        Assert.Equal(StationId.JetMills.Value, result.Simulation!.BottleneckStation);
        Assert.Empty(Study.BottleneckNote(PlantBuilder.Build(scenario, map), result.Production, result.Simulation));
    }

    [Fact]
    public void A_slow_receiving_dock_limits_the_intake_and_the_study_says_the_simulation_does_not_model_it()
    {
        var result = Simulated(Plant(t => t.Replace("  stations:\n", "  stations:\n    receiving: { units: 1, rateKgPerHour: 100 }\n", StringComparison.Ordinal)));
        var production = result.Production;
        Assert.Equal(StationId.Receiving.Value, production.BindingStation);
        var receiving = production.Stations.Single(s => s.Id == StationId.Receiving.Value);
        Assert.Equal(receiving.CapacityTonnesPerYear, receiving.IntakeTonnesPerYear, receiving.CapacityTonnesPerYear * 1e-9);
        Assert.True(production.MagnetTonnesPerYear < 700);
        Assert.Contains(result.Warnings, w => w.Contains("The flowsheet's binding station is Receiving dock", StringComparison.Ordinal)
            && w.Contains("no stage of the simulation", StringComparison.Ordinal));
    }

    [Fact]
    public void Few_degassing_furnaces_limit_the_intake()
    {
        var result = Study.Run(Plant(t => t.Replace("  stations:\n", "  stations:\n    degassing: { units: 1, lotKg: 500, cycleHours: 8 }\n", StringComparison.Ordinal)), "capacity.yaml");
        var degassing = result.Production.Stations.Single(s => s.Id == StationId.Degassing.Value);
        Assert.Equal(1, degassing.Utilisation, 9);
        Assert.True(result.Production.FeedScale < 0.87);
    }

    [Theory]
    [InlineData("sintering: { units: 4,", "sintering: { units: 2,", "sintering")]
    [InlineData("heatTreatment: { units: 3,", "heatTreatment: { units: 1,", "heatTreatment")]
    public void Too_few_furnaces_limit_the_magnet_line(string from, string to, string station)
    {
        var result = Study.Run(Plant(t => t.Replace(from, to, StringComparison.Ordinal)), "capacity.yaml");
        Assert.Equal(station, result.Production.BindingStation);
        Assert.True(result.Production.MagnetTonnesPerYear < 749);
        Assert.True(result.Production.CoProducts.Single(c => c.Name == StreamId.SurplusPowder.Value).TonnesPerYear > 600);
    }

    [Theory]
    [InlineData("machining")]
    [InlineData("coating")]
    [InlineData("inspection")]
    public void A_slow_finishing_station_limits_the_magnet_line(string station)
    {
        var result = Study.Run(Plant(t => t.Replace("  stations:\n", $"  stations:\n    {station}: {{ units: 1, lotKg: 500, rateKgPerHour: 50, bufferKg: 30000 }}\n", StringComparison.Ordinal)), "capacity.yaml");
        Assert.Equal(station, result.Production.BindingStation);
        var load = result.Production.Stations.Single(s => s.Id == station);
        Assert.Equal(1, load.Utilisation, 9);
    }

    [Fact]
    public void A_degassing_station_with_both_a_rate_and_a_cycle_is_a_located_error()
    {
        var text = File.ReadAllText(RepositoryFiles.Scenario("dfw-hub.yaml"))
            .Replace("  stations:\n", "  stations:\n    degassing: { lotKg: 500, rateKgPerHour: 8, cycleHours: 8 }\n", StringComparison.Ordinal);
        var (scenario, map) = ScenarioReader.Read(text, "bad.yaml");
        var error = Assert.Throws<ScenarioException>(() => PlantBuilder.Build(scenario, map));
        Assert.Equal("simulation.stations.degassing.cycleHours", error.Field);
    }
}
