using MagLoop.Plants;
using MagLoop.Process;

namespace MagLoop.Studies.Tests;

public sealed class PlantSimulationTests
{
    private static readonly Lazy<(Plant Plant, FlowsheetSolution Solution)> ThreeVessels = new(() => Solve("dfw-hub.yaml"));
    private static readonly Lazy<(Plant Plant, FlowsheetSolution Solution)> TwoVessels = new(() => Solve("dfw-hub-2-vessels.yaml"));

    private static (Plant, FlowsheetSolution) Solve(string name)
    {
        var plant = Study.Load(RepositoryFiles.Scenario(name));
        return (plant, FlowsheetSolver.Solve(plant.Flowsheet));
    }

    private static readonly PlantSimulationOptions Nominal = new() { Breakdowns = false, Deterministic = true, UnlimitedFeed = true, Replications = 1, Years = 1 };

    [Fact]
    public void Without_breakdowns_and_variation_and_with_unlimited_feed_the_simulation_makes_the_flowsheet_capacity()
    {
        var (plant, solution) = ThreeVessels.Value;
        var r = PlantSimulation.Run(plant.Definition, solution, Nominal);
        Assert.Equal(r.FlowsheetMagnetTonnesPerYear, r.MagnetTonnesPerYear.Mean, r.FlowsheetMagnetTonnesPerYear * 0.01);
        Assert.Equal(r.FlowsheetCoProductTonnesPerYear, r.CoProductTonnesPerYear.Mean, r.FlowsheetCoProductTonnesPerYear * 0.01);
    }

    [Fact]
    public void The_third_HPMS_vessel_adds_co_products_as_the_flowsheet_says_and_leaves_magnets_alone()
    {
        var three = PlantSimulation.Run(ThreeVessels.Value.Plant.Definition, ThreeVessels.Value.Solution, Nominal);
        var two = PlantSimulation.Run(TwoVessels.Value.Plant.Definition, TwoVessels.Value.Solution, Nominal);
        Assert.Equal(two.FlowsheetCoProductTonnesPerYear, two.CoProductTonnesPerYear.Mean, two.FlowsheetCoProductTonnesPerYear * 0.01);
        var flowsheetGain = three.FlowsheetCoProductTonnesPerYear - two.FlowsheetCoProductTonnesPerYear;
        Assert.Equal(flowsheetGain, three.CoProductTonnesPerYear.Mean - two.CoProductTonnesPerYear.Mean, flowsheetGain * 0.05);
        Assert.Equal(three.MagnetTonnesPerYear.Mean, two.MagnetTonnesPerYear.Mean, three.MagnetTonnesPerYear.Mean * 0.01);
    }

    [Fact]
    public void The_same_seed_gives_the_same_result_whatever_the_threads()
    {
        var (plant, solution) = ThreeVessels.Value;
        var options = new PlantSimulationOptions { Replications = 4, Seed = 9 };
        var a = PlantSimulation.Run(plant.Definition, solution, options) with { WallClockSeconds = 0 };
        var b = PlantSimulation.Run(plant.Definition, solution, options) with { WallClockSeconds = 0 };
        Assert.Equal(new StudyResult(null!, null!, [], [], []) { Simulation = a }.ToJson(), new StudyResult(null!, null!, [], [], []) { Simulation = b }.ToJson());
        var c = PlantSimulation.Run(plant.Definition, solution, options with { Seed = 10 });
        Assert.NotEqual(a.MagnetTonnesPerYear.Mean, c.MagnetTonnesPerYear.Mean);
    }

    [Fact]
    public void Breakdowns_lower_output_and_the_interval_brackets_the_mean()
    {
        var (plant, solution) = ThreeVessels.Value;
        var r = PlantSimulation.Run(plant.Definition, solution, new PlantSimulationOptions { Replications = 6 });
        // The flowsheet's capacity already allows each station's availability, the time the simulation loses to
        // breakdowns and maintenance: the simulated plant cannot beat it (beyond its own 95 % interval).
        Assert.True(r.MagnetTonnesPerYear.Ci95Low <= r.FlowsheetMagnetTonnesPerYear, $"simulated {r.MagnetTonnesPerYear.Ci95Low:F1}-{r.MagnetTonnesPerYear.Ci95High:F1} t/yr, flowsheet {r.FlowsheetMagnetTonnesPerYear:F1}");
        // Longer repairs cost output.
        var slow = plant.Definition with { Stations = [.. plant.Definition.Stations.Select(s => s.Kind == StationKind.JetMill ? s with { Reliability = s.Reliability with { MttrHours = 3 * s.Reliability.MttrHours } } : s)] };
        var slower = PlantSimulation.Run(slow, solution, new PlantSimulationOptions { Replications = 6 });
        Assert.True(slower.MagnetTonnesPerYear.Mean < r.MagnetTonnesPerYear.Mean, $"repairs x3: {slower.MagnetTonnesPerYear.Mean:F1} t/yr, base {r.MagnetTonnesPerYear.Mean:F1}");
        Assert.True(r.MagnetTonnesPerYear.Ci95Low < r.MagnetTonnesPerYear.Mean && r.MagnetTonnesPerYear.Mean < r.MagnetTonnesPerYear.Ci95High);
        Assert.All(r.Stations, s => Assert.Equal(1.0, s.Busy + s.Starved + s.Blocked + s.Down + s.OffShift, 6));
        Assert.All(r.Stations, s => Assert.True(s.BreakdownsPerYear > 0, s.Name));
        Assert.Contains(r.Bottleneck, r.Stations.Select(s => s.Name));
        Assert.Equal(["hpms", "jetMills", "presses", "sintering", "heatTreatment", "machining", "coating", "inspection"], r.Utilization.Keys);
    }

    [Fact]
    public void A_ramp_up_year_makes_less_than_the_full_rate_year_after_it()
    {
        var text = File.ReadAllText(RepositoryFiles.Scenario("dfw-hub.yaml")).Replace("rampUp: []", "rampUp: [0.5]", StringComparison.Ordinal);
        var (scenario, map) = MagLoop.Studies.Scenarios.ScenarioReader.Read(text, "ramp.yaml");
        var plant = PlantBuilder.Build(scenario, map);
        var r = PlantSimulation.Run(plant.Definition, FlowsheetSolver.Solve(plant.Flowsheet), Nominal);
        Assert.Equal(2, r.ByYear.Count);
        Assert.Equal(0.5, r.ByYear[0].MagnetTonnes.Mean / r.ByYear[1].MagnetTonnes.Mean, 0.05);
    }
}

public sealed class StudySimulationTests
{
    [Fact]
    public void The_study_simulates_only_when_asked()
    {
        var text = File.ReadAllText(RepositoryFiles.Scenario("dfw-hub.yaml")).Replace("replications: 30", "replications: 2", StringComparison.Ordinal);
        var (scenario, map) = MagLoop.Studies.Scenarios.ScenarioReader.Read(text, "two-replications.yaml");
        var plant = PlantBuilder.Build(scenario, map);
        Assert.Null(Study.Run(plant, "two-replications.yaml").Simulation);
        var simulation = Study.Run(plant, "two-replications.yaml", new StudyOptions { Simulate = true, Seed = 3 }).Simulation;
        Assert.NotNull(simulation);
        Assert.Equal(2, simulation.Replications);
        Assert.Equal(3, simulation.Seed);
    }

    [Fact]
    public void The_study_warns_when_the_simulation_falls_far_short_of_the_flowsheet()
    {
        var text = File.ReadAllText(RepositoryFiles.Scenario("dfw-hub.yaml"))
            .Replace("replications: 30", "replications: 2", StringComparison.Ordinal)
            .Replace("mtbfHours: 50, mttrHours: 6", "mtbfHours: 5, mttrHours: 20", StringComparison.Ordinal);
        var (scenario, map) = MagLoop.Studies.Scenarios.ScenarioReader.Read(text, "failing-mills.yaml");
        var result = Study.Run(PlantBuilder.Build(scenario, map), "failing-mills.yaml", new StudyOptions { Simulate = true });
        Assert.Contains(result.Warnings, w => w.Contains("t/yr of magnets", StringComparison.Ordinal) && w.Contains("below the flowsheet's", StringComparison.Ordinal)
            && w.Contains("tolerance 5 %", StringComparison.Ordinal) && w.Contains("bottleneck: Jet mills", StringComparison.Ordinal));
    }
}

public sealed class ReplicationEstimateTests
{
    [Fact]
    public void One_replication_has_no_interval()
    {
        var estimate = ReplicationEstimate.Of([5.0]);
        Assert.Equal(5.0, estimate.Mean);
        Assert.Null(estimate.Ci95Low);
        Assert.Null(estimate.Ci95High);
    }

    [Fact]
    public void The_lower_bound_of_a_non_negative_quantity_is_at_least_zero()
    {
        var estimate = ReplicationEstimate.Of([0.0, 0.0, 3.0]);
        Assert.Equal(0.0, estimate.Ci95Low);
        Assert.Equal(1 + 4.303 * Math.Sqrt(3.0 / 3), estimate.Ci95High!.Value, 9);
    }
}
