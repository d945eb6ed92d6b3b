namespace MagLoop.Economics.Tests;

public sealed class MonteCarloTests
{
    private static readonly UncertainInput[] Inputs =
    [
        new("price", Distribution.Normal(1.0, 0.1)),
        new("cost", Distribution.Triangular(0.8, 1.0, 1.2)),
    ];

    private static DrawOutcome Linear(double[] v) => new((100 * v[0]) - (50 * v[1]), null);

    [Fact]
    public void Same_seed_gives_identical_results_in_parallel()
    {
        var a = MonteCarlo.Run(Inputs, [new Correlation("price", "cost", 0.5)], 2000, 42, Linear);
        var b = MonteCarlo.Run(Inputs, [new Correlation("price", "cost", 0.5)], 2000, 42, Linear);
        Assert.Equal(a, b);
        var c = MonteCarlo.Run(Inputs, [new Correlation("price", "cost", 0.5)], 2000, 43, Linear);
        Assert.NotEqual(a.NpvP50Usd, c.NpvP50Usd);
    }

    [Fact]
    public void A_range_of_draws_gets_the_values_the_whole_run_gives_those_draws()
    {
        Correlation[] rho = [new("price", "cost", 0.5)];
        var whole = MonteCarlo.Sample(Inputs, rho, MonteCarlo.BlockDraws + 700, 11);
        // A range that starts mid-run and spans a block boundary: skipped draws are not computed, yet the numbers match.
        const int start = 300;
        var count = MonteCarlo.BlockDraws + 100;
        var seen = new double[count][];
        MonteCarlo.Evaluate(Inputs, rho, 11, start, count, (d, values) => seen[d - start] = values.ToArray());
        for (var k = 0; k < count; k++) Assert.Equal(whole[start + k], seen[k]);
    }

    [Fact]
    public void Summary_of_per_draw_arrays_equals_the_summary_of_outcomes()
    {
        var outcomes = MonteCarlo.Sample(Inputs, [], 999, 5).Select((v, k) => new DrawOutcome(Linear(v).NpvUsd, k % 7 == 0 ? null : v[0])).ToArray();
        var fromArrays = MonteCarlo.Summarise(outcomes.Select(o => o.NpvUsd).ToArray(), outcomes.Select(o => o.Irr ?? double.NaN).ToArray());
        Assert.Equal(MonteCarlo.Summarise(outcomes), fromArrays);
        Assert.Equal(143, fromArrays.DrawsWithoutUniqueIrr);
    }

    [Fact]
    public void P50_of_symmetric_inputs_converges_to_the_deterministic_value()
    {
        var summary = MonteCarlo.Run(Inputs, [], 20000, 7, Linear);
        Assert.Equal(50, summary.NpvP50Usd, 0.3);
        Assert.True(summary.NpvP10Usd < summary.NpvP50Usd && summary.NpvP50Usd < summary.NpvP90Usd);
    }

    [Fact]
    public void Correlated_draws_have_the_stated_correlation()
    {
        UncertainInput[] normals = [new("a", Distribution.Normal(0, 1)), new("b", Distribution.Normal(0, 1))];
        var draws = MonteCarlo.Sample(normals, [new Correlation("a", "b", 0.8)], 20000, 3);
        var a = draws.Select(d => d[0]).ToArray();
        var b = draws.Select(d => d[1]).ToArray();
        var ma = a.Average();
        var mb = b.Average();
        var cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Average();
        var rho = cov / Math.Sqrt(a.Average(x => (x - ma) * (x - ma)) * b.Average(y => (y - mb) * (y - mb)));
        Assert.Equal(0.8, rho, 0.02);
    }

    [Fact]
    public void Inconsistent_correlations_are_refused()
    {
        UncertainInput[] three = [new("a", Distribution.Uniform(0, 1)), new("b", Distribution.Uniform(0, 1)), new("c", Distribution.Uniform(0, 1))];
        Correlation[] bad = [new("a", "b", 0.9), new("b", "c", 0.9), new("a", "c", -0.9)];
        Assert.Throws<ArgumentException>(() => MonteCarlo.Sample(three, bad, 10, 1));
    }

    [Theory]
    [InlineData(DistributionKind.Triangular, 0.8, 1.0, 1.2)]
    [InlineData(DistributionKind.Pert, 0.8, 1.0, 1.2)]
    [InlineData(DistributionKind.Normal, 1.0, 0.1, 0)]
    [InlineData(DistributionKind.Lognormal, 1.0, 0.2, 0)]
    [InlineData(DistributionKind.Uniform, 0.9, 1.1, 0)]
    public void Every_distribution_has_its_stated_median_and_ordered_quantiles(DistributionKind kind, double a, double b, double c)
    {
        var d = new Distribution(kind, a, b, c);
        Assert.Null(d.Problem());
        Assert.Equal(1.0, d.Median, 9);
        Assert.True(d.Quantile(0.1) < d.Quantile(0.5) && d.Quantile(0.5) < d.Quantile(0.9));
    }

    [Fact]
    public void Triangular_quantile_matches_the_closed_form()
    {
        // Low 0, mode 1, high 3: P(X <= 1) = 1/3.
        var d = Distribution.Triangular(0, 1, 3);
        Assert.Equal(1.0, d.Quantile(1.0 / 3), 12);
        Assert.Equal(3 - Math.Sqrt(0.5 * 3 * 2), d.Quantile(0.5), 12);
    }

    [Fact]
    public void Invalid_parameters_are_described()
    {
        Assert.NotNull(Distribution.Triangular(1.2, 1.0, 0.8).Problem());
        Assert.NotNull(Distribution.Normal(1, 0).Problem());
        Assert.NotNull(Distribution.Lognormal(0, 0.2).Problem());
        Assert.NotNull(Distribution.Uniform(1, 1).Problem());
    }
}
