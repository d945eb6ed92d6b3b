using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

/// <summary>
/// The reading and validation pass (what <c>magloop validate</c> runs: read, the definition's validation pass, a
/// flowsheet solve and the section checks) grows linearly with the file, guarded by the
/// memory it allocates for n, 2n and 4n feeds or sites: going from 2n to 4n adds twice what going from n to 2n
/// adds when the work is linear, four times when it grows with the square (the fixed part of a study cancels out).
/// Allocated bytes are counted, not time, so the guard does not depend on the machine's load; it catches work
/// that allocates as it grows (copied paths, per-item lists), while time is watched by ReadingBenchmarks
/// (bench/MagLoop.Benchmarks) and the table in docs/scenarios.md.
/// </summary>
public sealed class ReadingScalingTests
{
    // Halfway between linear (2) and quadratic (4) growth.
    private const double MaxGrowth = 3;

    private static readonly string Bundled = File.ReadAllText(RepositoryFiles.Scenario("dfw-hub.yaml"));

    private static long AllocatedBytes(string text, Action<Plant> run)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (scenario, map) = ScenarioReader.Read(text, "large.yaml");
        run(PlantBuilder.Build(scenario, map));
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static double Growth(Func<int, string> scenario, int n, Action<Plant> run)
    {
        AllocatedBytes(scenario(n), run); // the first run pays for type loading and caches
        var (a1, a2, a4) = (AllocatedBytes(scenario(n), run), AllocatedBytes(scenario(2 * n), run), AllocatedBytes(scenario(4 * n), run));
        return (double)(a4 - a2) / (a2 - a1);
    }

    [Fact]
    public void Memory_grows_linearly_with_the_number_of_feeds()
    {
        var growth = Growth(n => LargeScenario.Feeds(Bundled, n), 250, plant => Study.Validate(plant));
        Assert.True(growth <= MaxGrowth, $"1,000 feeds add {growth:F1} times what 500 add over 250 (linear: 2)");
    }

    [Fact]
    public void Memory_grows_linearly_with_the_length_of_a_chain_of_sites()
    {
        // The whole study without simulation: the lanes through the chain are walked by carbon and economics.
        var growth = Growth(n => LargeScenario.Chain(Bundled, n), 2_000, plant => Study.Run(plant, "large.yaml"));
        Assert.True(growth <= MaxGrowth, $"a chain of 8,000 sites adds {growth:F1} times what 4,000 add over 2,000 (linear: 2)");
    }
}
