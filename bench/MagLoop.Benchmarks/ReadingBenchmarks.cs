using BenchmarkDotNet.Attributes;
using MagLoop.Studies;
using MagLoop.Studies.Scenarios;
using MagLoop.Studies.Tests;

namespace MagLoop.Benchmarks;

/// <summary>
/// The reading and validation pass of `magloop validate` (parse, bind, the definition's validation pass, solve)
/// on large generated files: each size is four times the one before, so linear work takes about four times as long
/// from one to the next. docs/scenarios.md ("Large files") has the whole-command timings.
/// </summary>
[MemoryDiagnoser]
public class ReadingBenchmarks
{
    private string _text = "";

    /// <summary>Feeds in the file, or sites in the chain.</summary>
    [Params(500, 2_000, 8_000)]
    public int Size { get; set; }

    /// <summary>feeds: that many feeds at the bundled sites; chain: that many spokes in a chain to the hub.</summary>
    [Params("feeds", "chain")]
    public string Shape { get; set; } = "feeds";

    [GlobalSetup]
    public void Setup()
    {
        var bundled = File.ReadAllText(Repository.Scenario("dfw-hub.yaml"));
        _text = Shape == "feeds" ? LargeScenario.Feeds(bundled, Size) : LargeScenario.Chain(bundled, Size);
    }

    [Benchmark]
    public int Read_validate_and_solve()
    {
        var (scenario, map) = ScenarioReader.Read(_text, "large.yaml");
        return Study.Validate(PlantBuilder.Build(scenario, map)).Count;
    }
}
