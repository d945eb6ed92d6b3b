using MagLoop.Simulation.Models;

namespace MagLoop.Simulation.Tests;

public sealed class ModelTests
{
    // (c, λ, μ): light to heavy load, one to several servers.
    [Theory]
    [InlineData(1, 0.5, 1.0)]
    [InlineData(2, 1.2, 1.0)]
    [InlineData(3, 2.4, 1.0)]
    [InlineData(5, 8.0, 2.0)]
    public void MMc_mean_wait_agrees_with_Erlang_C(int servers, double lambda, double mu)
    {
        var result = MmcQueue.Run(servers, lambda, mu, 100_000, seed: 11);
        var exact = MmcQueue.ErlangCMeanWait(servers, lambda, mu);
        // Four batch-means standard errors: a wrong formula or kernel misses by far more.
        Assert.InRange(result.MeanWaitTime, exact - 4 * result.WaitStandardError, exact + 4 * result.WaitStandardError);
        Assert.Equal(lambda / (servers * mu), result.ServerUtilization, 0.02);
    }

    [Fact]
    public void Erlang_C_matches_the_textbook_M_M_1_value()
    {
        // M/M/1: Wq = ρ / (μ − λ).
        Assert.Equal(0.5 / 0.5, MmcQueue.ErlangCMeanWait(1, 0.5, 1.0), 12);
    }

    [Fact]
    public void The_machine_shop_is_deterministic_under_a_seed()
    {
        var a = MachineShop.Run(0.2, seed: 3);
        var b = MachineShop.Run(0.2, seed: 3);
        var c = MachineShop.Run(0.2, seed: 4);
        Assert.Equal(a, b);
        Assert.NotEqual(a.PartsMade, c.PartsMade);
    }

    [Fact]
    public void The_machine_shop_makes_parts_at_the_rate_its_breakdowns_allow()
    {
        var r = MachineShop.Run(0.5, seed: 1);
        var hours = 0.5 * 8760;
        // Each machine runs between failures (mean 300 min) and stops for the 30-min repair plus a wait for the
        // one repairman, who is busy with repairs about 90 % of the time.
        var upper = 10 * hours * 60 / 10.0 * 300 / (300 + 30);
        var lower = upper * 0.75;
        Assert.InRange(r.PartsMade, lower, upper);
        Assert.InRange(r.Breakdowns, 10 * hours * 60 / 300 * 0.8, 10 * hours * 60 / 300 * 1.1);
    }

    [Fact]
    public void Parallel_runs_give_the_same_results_as_serial_ones()
    {
        var serial = Enumerable.Range(0, 4).Select(s => MachineShop.Run(0.05, s)).ToArray();
        var parallel = new MachineShopResult[4];
        Parallel.For(0, 4, s => parallel[s] = MachineShop.Run(0.05, s));
        Assert.Equal(serial, parallel);
    }
}
