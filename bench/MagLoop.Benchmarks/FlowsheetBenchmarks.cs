using BenchmarkDotNet.Attributes;
using MagLoop.Process;
using MagLoop.Studies;

namespace MagLoop.Benchmarks;

/// <summary>
/// How fast the steady-state flowsheet of the DFW hub solves: this sets the pace of Monte Carlo and sweeps,
/// which re-solve it for every draw.
/// </summary>
[MemoryDiagnoser]
public class FlowsheetBenchmarks
{
    private Plant _threeVessels = null!;
    private Plant _swarfRecycled = null!;
    private string _scenarioPath = "";

    [GlobalSetup]
    public void Setup()
    {
        _scenarioPath = Repository.Scenario("dfw-hub.yaml");
        _threeVessels = Study.Load(_scenarioPath);
        var text = File.ReadAllText(_scenarioPath).Replace("swarf: coProduct", "swarf: hpms", StringComparison.Ordinal);
        var (scenario, map) = MagLoop.Studies.Scenarios.ScenarioReader.Read(text, "swarf-to-hpms.yaml");
        _swarfRecycled = PlantBuilder.Build(scenario, map);
    }

    /// <summary>Solve with HPMS capacity binding (feed scale found by regula falsi) and rejects recycled.</summary>
    [Benchmark(Baseline = true)]
    public double Solve_dfw_hub() => FlowsheetSolver.Solve(_threeVessels.Flowsheet).MaxRelativeBalanceError;

    /// <summary>Solve with a larger recycle loop: swarf back to HPMS.</summary>
    [Benchmark]
    public double Solve_dfw_hub_swarf_recycled() => FlowsheetSolver.Solve(_swarfRecycled.Flowsheet).MaxRelativeBalanceError;

    /// <summary>The whole study: read YAML, validate, build, solve, summarise.</summary>
    [Benchmark]
    public int Study_from_file() => Study.Run(_scenarioPath).Streams.Count;
}
