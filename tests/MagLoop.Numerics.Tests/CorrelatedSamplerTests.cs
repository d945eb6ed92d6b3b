namespace MagLoop.Numerics.Tests;

public sealed class CorrelatedSamplerTests
{
    private static readonly Distribution[] StandardNormals = [new Normal(0, 1, NonNegative: false), new Normal(0, 1, NonNegative: false)];

    private static double[,] Pair(double rho) => new[,] { { 1, rho }, { rho, 1 } };

    private static double[][] Rows(CorrelatedSampler sampler, int count)
    {
        var rows = new double[count][];
        for (var d = 0; d < count; d++)
        {
            rows[d] = new double[sampler.Width];
            sampler.Next(rows[d]);
        }

        return rows;
    }

    [Fact]
    public void A_draw_s_values_depend_only_on_the_seed_the_source_and_its_index()
    {
        var whole = Rows(new CorrelatedSampler(StandardNormals, Pair(0.5), 11, "test"), 500);
        foreach (var start in new[] { 0, 1, 137, 499 })
        {
            var sampler = new CorrelatedSampler(StandardNormals, Pair(0.5), 11, "test");
            sampler.Skip(start);
            Assert.Equal(start, sampler.Draw);
            Assert.Equal(whole[start], Rows(sampler, 1)[0]);
        }

        Assert.NotEqual(whole[0], Rows(new CorrelatedSampler(StandardNormals, Pair(0.5), 11, "other"), 1)[0]);
        Assert.NotEqual(whole[0], Rows(new CorrelatedSampler(StandardNormals, Pair(0.5), 12, "test"), 1)[0]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.6)]
    [InlineData(-0.8)]
    public void Normal_marginals_have_the_stated_correlation_and_unit_variance(double rho)
    {
        var rows = Rows(new CorrelatedSampler(StandardNormals, Pair(rho), 3, "correlation"), 40_000);
        // Standard error of a sample correlation is about (1 - rho^2) / sqrt(n): 0.005 at rho 0; four of them.
        Assert.InRange(Correlation(rows, 0, 1), rho - 0.02, rho + 0.02);
        Assert.InRange(Variance(rows, 0), 0.97, 1.03);
        Assert.InRange(Math.Abs(rows.Average(r => r[0])), 0, 0.02);
    }

    private static double Variance(double[][] rows, int column)
    {
        var mean = rows.Average(r => r[column]);
        return rows.Average(r => Math.Pow(r[column] - mean, 2));
    }

    private static double Correlation(double[][] rows, int a, int b)
    {
        double meanA = rows.Average(r => r[a]), meanB = rows.Average(r => r[b]);
        return rows.Average(r => (r[a] - meanA) * (r[b] - meanB)) / Math.Sqrt(Variance(rows, a) * Variance(rows, b));
    }

    [Fact]
    public void Independent_marginals_are_their_quantiles_at_one_uniform_each()
    {
        const int n = 40_000;
        var rows = Rows(CorrelatedSampler.Independent([new Uniform(2, 4), new Triangular(0, 1, 3), new Constant(7)], 5, "independent"), n);
        var uniform = rows.Select(r => r[0]).Order().ToArray();
        var triangular = rows.Select(r => r[1]).Order().ToArray();
        // The sample's deciles against the distributions' (Kolmogorov-Smirnov's 1.63 / sqrt(n) at 1 %: 0.008 in probability).
        for (var p = 0.1; p < 0.95; p += 0.1)
        {
            Assert.InRange(uniform[(int)(p * n)], 2 + (2 * (p - 0.01)), 2 + (2 * (p + 0.01)));
            var expected = new Triangular(0, 1, 3);
            Assert.InRange(triangular[(int)(p * n)], expected.Quantile(p - 0.01), expected.Quantile(p + 0.01));
        }

        Assert.All(rows, r => Assert.Equal(7, r[2]));
        // Uncorrelated, as independent draws are.
        Assert.InRange(Correlation(rows, 0, 1), -0.02, 0.02);
    }

    [Fact]
    public void A_matrix_of_another_size_or_not_positive_definite_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CorrelatedSampler(StandardNormals, new double[3, 3], 1, "x"));
        Assert.Throws<ArgumentException>(() => new CorrelatedSampler([new Normal(0, 1), new Normal(0, 1), new Normal(0, 1)],
            new[,] { { 1, 0.9, -0.9 }, { 0.9, 1, 0.9 }, { -0.9, 0.9, 1 } }, 1, "x"));
        var sampler = new CorrelatedSampler(StandardNormals, Pair(0), 1, "x");
        Assert.Throws<ArgumentException>(() => sampler.Next(new double[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Skip(-1));
    }
}
