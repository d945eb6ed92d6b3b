namespace MagLoop.Process.Tests;

public sealed class RootFinderTests
{
    [Fact]
    public void Finds_the_root_of_a_smooth_increasing_function()
    {
        var (root, _) = RootFinder.Increasing(x => x * x * x - 2, 0, -2, 2, 6, 1e-14);
        Assert.Equal(Math.Cbrt(2), root, 12);
    }

    [Fact]
    public void Linear_function_is_solved_by_the_first_secant_step()
    {
        var calls = 0;
        var (root, _) = RootFinder.Increasing(x => { calls++; return 3 * x - 1; }, 0, -1, 1, 2, 1e-14);
        Assert.Equal(1.0 / 3.0, root, 14);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Piecewise_linear_function_converges_and_reports_a_point_at_or_below_the_root()
    {
        static double Kinked(double x) => x < 0.5 ? 2 * x - 0.8 : 0.2 + 0.01 * (x - 0.5);
        var (root, belowOrAt) = RootFinder.Increasing(Kinked, 0, -0.8, 1, Kinked(1), 1e-13);
        Assert.Equal(0.4, root, 12);
        Assert.True(Kinked(belowOrAt) <= 1e-13);
    }
}
