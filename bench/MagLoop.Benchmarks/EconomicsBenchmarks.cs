using BenchmarkDotNet.Attributes;
using MagLoop.Studies;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Benchmarks;

/// <summary>
/// Monte Carlo throughput on the DFW hub (3 vessels): draws per second = Draws / mean time. "Prices only" draws
/// touch no process parameter and reuse the base flowsheet; the bundled distributions include HPMS availability,
/// so every draw re-solves the flowsheet. Each run also evaluates the base case and the tornado (18 cases).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class EconomicsBenchmarks
{
    /// <summary>Draws per run.</summary>
    public const int Draws = 1000;

    private Plant _bundled = null!;
    private Plant _pricesOnly = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = FindScenario("dfw-hub.yaml");
        _bundled = Study.Load(path);
        var text = File.ReadAllText(path);
        var lines = text.Split('\n').Where(l => !l.Contains("driver: hpmsAvailability, kind", StringComparison.Ordinal));
        var (scenario, map) = ScenarioReader.Read(string.Join('\n', lines), "prices-only.yaml");
        _pricesOnly = PlantBuilder.Build(scenario, map);
    }

    /// <summary>The deterministic study with economics (base case only).</summary>
    [Benchmark(Baseline = true)]
    public decimal Study_with_economics() => Study.Run(_bundled, "dfw-hub.yaml").Economics!.NpvUsd;

    /// <summary>1,000 draws with the bundled distributions (flowsheet re-solved per draw).</summary>
    [Benchmark(OperationsPerInvoke = Draws)]
    public double Monte_Carlo_draw_with_flowsheet_re_solve() =>
        Study.Run(_bundled, "dfw-hub.yaml", new StudyOptions { MonteCarloDraws = Draws, Seed = 1 }).Risk!.NpvP50Usd;

    /// <summary>1,000 draws over prices, capital and opex only (no re-solve).</summary>
    [Benchmark(OperationsPerInvoke = Draws)]
    public double Monte_Carlo_draw_prices_only() =>
        Study.Run(_pricesOnly, "prices-only.yaml", new StudyOptions { MonteCarloDraws = Draws, Seed = 1 }).Risk!.NpvP50Usd;

    private static string FindScenario(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return Path.Combine(dir.FullName, "scenarios", name);
        throw new InvalidOperationException("run from inside the repository");
    }
}
