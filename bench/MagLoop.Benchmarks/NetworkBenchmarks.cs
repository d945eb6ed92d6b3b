using BenchmarkDotNet.Attributes;
using MagLoop.Network;
using MagLoop.Network.Planning;

namespace MagLoop.Benchmarks;

/// <summary>
/// The network planner on the anchor network, 50 sources x 10 spokes x 3 hubs x 10 years (SyntheticNetwork,
/// seed 1), within its 10 s limit; the gap it reaches is printed by `magloop bench network` (docs/network.md).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class NetworkBenchmarks
{
    private NetworkProblem _problem = null!;

    [GlobalSetup]
    public void Setup() => _problem = SyntheticNetwork.Generate(new SyntheticNetworkSpec());

    [Benchmark]
    public double Plan_50_sources_10_spokes_3_hubs_10_years() =>
        NetworkPlanner.Solve(_problem, new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(10), MarginalValues = false }).RelativeGap;
}
