using MagLoop.Network.Planning;
using Xunit.Abstractions;

namespace MagLoop.Network.Tests.Planning;

public class SmokeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true, 10)]
    [InlineData(false, 10)]
    [InlineData(true, 60)]
    public void Smoke(bool tight, int seconds)
    {
        var p = SyntheticNetwork.Generate(new SyntheticNetworkSpec());
        var plan = NetworkPlanner.Solve(p, new PlannerOptions { MarginalValues = false, TightLinking = tight, TimeLimit = TimeSpan.FromSeconds(seconds) });
        output.WriteLine($"{tight} {plan.Status} obj {plan.ObjectiveUsd:N0} bound {plan.BestBoundUsd:N0} gap {plan.RelativeGap:P3} t {plan.SolveSeconds:F2}s npv {plan.NpvUsd:N0}");
    }
}
