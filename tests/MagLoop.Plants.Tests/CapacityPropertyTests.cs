using CsCheck;
using MagLoop.Process;

namespace MagLoop.Plants.Tests;

/// <summary>Capacity everywhere, as properties of the sample plant over random sizes.</summary>
public sealed class CapacityPropertyTests
{
    private static Gen<double> Between(double min, double max) => Gen.Int[0, 1000].Select(i => min + (max - min) * i / 1000.0);

    private static readonly Gen<PlantDefinition> GenPlant =
        Gen.Select(Between(100, 5000), Between(5, 200), Between(5, 200)).Select((feed, jet, press) => SamplePlant.Create(feed, jet, press));

    private static FlowsheetSolution Solve(PlantDefinition plant) => FlowsheetSolver.Solve(FlowsheetFactory.Create(plant));

    private static PlantDefinition OneMoreUnit(PlantDefinition plant, int station) =>
        plant with { Stations = [.. plant.Stations.Select((s, i) => i == station ? s with { Units = s.Units + 1 } : s)] };

    [Fact]
    public void No_station_takes_more_than_its_capacity() =>
        GenPlant.Sample(plant =>
        {
            var loads = StationLoads.Of(plant, Solve(plant));
            return loads.All(l => l.Utilisation <= 1 + 1e-9);
        }, iter: 60);

    [Fact]
    public void A_unit_more_of_any_station_never_lowers_the_magnets() =>
        Gen.Select(GenPlant, Gen.Int[0, 2]).Sample((plant, station) =>
        {
            var before = Solve(plant).Outlet(OutletKind.Magnet).TotalKgPerYear;
            var after = Solve(OneMoreUnit(plant, station)).Outlet(OutletKind.Magnet).TotalKgPerYear;
            // The magnet line is sized by successive solves with recycles; two sizings of nearly the same plant
            // were seen to differ by 2e-9 relative (seed 7fMZLJsGAjU1), so the property allows 1e-7.
            return after >= before * (1 - 1e-7);
        }, iter: 60);

    [Fact]
    public void Slow_presses_bind_the_line_and_leave_the_rest_of_the_powder_as_surplus()
    {
        var plant = SamplePlant.Create(feedTonnesPerYear: 5000, jetMillKgPerHour: 100, pressKgPerHour: 20);
        var solution = Solve(plant);
        var loads = StationLoads.Of(plant, solution);
        var limiting = StationLoads.LimitingMagnets(loads, solution);
        Assert.Equal(StationId.Presses, limiting?.Station);
        Assert.Equal(plant.Station(StationId.Presses).CapacityKgPerYear, solution.Intake(UnitId.Pressing).TotalKgPerYear, 1e-9 * plant.Station(StationId.Presses).CapacityKgPerYear);
        Assert.True(loads.Single(l => l.Station == StationId.JetMills).Utilisation < 0.5);
        Assert.True(solution.Stream(StreamId.SurplusPowder).TotalKgPerYear > 0);
    }

    [Fact]
    public void With_ample_equipment_no_station_binds_and_supply_limits_the_plant()
    {
        var plant = SamplePlant.Create(feedTonnesPerYear: 100, jetMillKgPerHour: 200, pressKgPerHour: 200);
        var solution = Solve(plant);
        Assert.Equal(1, solution.FeedScale);
        Assert.Null(StationLoads.LimitingMagnets(StationLoads.Of(plant, solution), solution));
    }

    [Fact]
    public void A_slow_receiving_dock_scales_the_feeds_down_to_its_capacity()
    {
        var plant = SamplePlant.Create(feedTonnesPerYear: 1000, jetMillKgPerHour: 200, pressKgPerHour: 200);
        var dock = SamplePlant.Station(StationId.Receiving, StationKind.Receiving, UnitId.Receiving, new RateThroughput(20));
        var limited = plant with { Stations = [dock, .. plant.Stations] };
        var solution = Solve(limited);
        Assert.True(solution.FeedScale < 1);
        Assert.Equal(dock.CapacityKgPerYear, solution.Intake(UnitId.Receiving).TotalKgPerYear, 1e-9 * dock.CapacityKgPerYear);
        Assert.Equal(StationId.Receiving, StationLoads.LimitingMagnets(StationLoads.Of(limited, solution), solution)?.Station);
    }
}
