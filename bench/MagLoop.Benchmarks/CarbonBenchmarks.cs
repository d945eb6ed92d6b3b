using BenchmarkDotNet.Attributes;
using MagLoop.Carbon;
using MagLoop.Process;
using MagLoop.Studies;

namespace MagLoop.Benchmarks;

/// <summary>
/// The carbon Monte Carlo of the DFW hub on one thread: each draw scales the inventory lines and attributes them by
/// subdivision. The baseline works the product system's order and shares out again in every draw, as before
/// <see cref="IAttribution.ForRepeatedUse"/>; the other prepares them once per run. Both give the same draws.
/// </summary>
[MemoryDiagnoser]
public class CarbonBenchmarks
{
    /// <summary>Draws per run.</summary>
    public const int Draws = 2000;

    private IReadOnlyList<InventoryLine> _lines = null!;
    private IAttribution _attribution = null!;
    private IReadOnlyList<UncertaintyRange> _ranges = null!;
    private double _virginKgCo2ePerKg;

    [GlobalSetup]
    public void Setup()
    {
        var plant = Study.Load(Repository.Scenario("dfw-hub.yaml"));
        var solution = FlowsheetSolver.Solve(plant.Flowsheet);
        var carbon = plant.Scenario.Carbon;
        _lines = CarbonStudy.Inventory(plant, solution, CarbonStudy.Grids(plant)).Lines;
        _attribution = CarbonStudy.Attribution(plant, solution, carbon.Allocation);
        _ranges = CarbonStudy.Ranges(carbon.Uncertainty);
        _virginKgCo2ePerKg = carbon.VirginRouteKgCo2ePerKg;
    }

    /// <summary>Subdivision solved from scratch in every draw.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Draws)]
    public double Carbon_draw_unprepared() => Run(new Unprepared(_attribution));

    /// <summary>Subdivision prepared once per run.</summary>
    [Benchmark(OperationsPerInvoke = Draws)]
    public double Carbon_draw_prepared() => Run(_attribution);

    private double Run(IAttribution attribution) =>
        MonteCarlo.Draw(_lines, attribution, _virginKgCo2ePerKg, _ranges, 1, 0, Draws, maxThreads: 1).CutBlock[Draws - 1];

    // Hides the attribution's preparation: the interface's default ForRepeatedUse returns this wrapper itself.
    private sealed class Unprepared(IAttribution inner) : IAttribution
    {
        public AttributionSummary Summary => inner.Summary;

        public AttributedFigures Attribute(IReadOnlyList<InventoryLine> lines) => inner.Attribute(lines);
    }
}
