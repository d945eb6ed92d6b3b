namespace MagLoop.Numerics.Tests;

public sealed class PercentilesTests
{
    [Fact]
    public void Percentile_interpolates_between_order_statistics()
    {
        Assert.Equal(2.5, Percentiles.Of([4, 1, 3, 2], 0.5), 12);
        Assert.Equal(1.3, Percentiles.OfSorted([1, 2, 3, 4], 0.1), 12);
    }

    [Fact]
    public void Triangular_quantile_matches_the_closed_form()
    {
        // Low 0, mode 1, high 3: P(X <= 1) = 1/3.
        var d = new Triangular(0, 1, 3);
        Assert.Equal(1.0, d.Quantile(1.0 / 3), 12);
        Assert.Equal(3 - Math.Sqrt(0.5 * 3 * 2), d.Quantile(0.5), 12);
    }

    [Fact]
    public void Sampling_a_triangular_is_its_quantile_at_the_stream_s_next_uniform()
    {
        var d = new Triangular(0.5, 1, 2);
        var a = RandomStream.For(3, "t");
        var b = RandomStream.For(3, "t");
        for (var i = 0; i < 100; i++) Assert.Equal(d.Quantile(b.NextDouble()), d.Sample(a));
    }

    [Fact]
    public void Indexed_streams_depend_only_on_seed_name_and_index()
    {
        Assert.Equal(RandomStream.For(1, "mc", 7).NextUInt64(), RandomStream.For(1, "mc", 7).NextUInt64());
        Assert.NotEqual(RandomStream.For(1, "mc", 7).NextUInt64(), RandomStream.For(1, "mc", 8).NextUInt64());
    }

    [Fact]
    public void Correlated_probabilities_have_the_stated_correlation()
    {
        var copula = new GaussianCopula(new double[,] { { 1, 0.8 }, { 0.8, 1 } });
        var n = 20000;
        var a = new double[n];
        var b = new double[n];
        Span<double> u = stackalloc double[2];
        for (var k = 0; k < n; k++)
        {
            copula.Sample(RandomStream.For(3, "c", k), u);
            a[k] = StandardNormal.Quantile(u[0]);
            b[k] = StandardNormal.Quantile(u[1]);
        }

        var (ma, mb) = (a.Average(), b.Average());
        var cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Average();
        var rho = cov / Math.Sqrt(a.Average(x => (x - ma) * (x - ma)) * b.Average(y => (y - mb) * (y - mb)));
        Assert.Equal(0.8, rho, 0.02);
    }

    [Fact]
    public void Inconsistent_correlations_are_refused() =>
        Assert.Throws<ArgumentException>(() => new GaussianCopula(new double[,] { { 1, 0.9, -0.9 }, { 0.9, 1, 0.9 }, { -0.9, 0.9, 1 } }));
}
