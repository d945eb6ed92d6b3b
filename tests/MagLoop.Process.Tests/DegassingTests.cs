using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class DegassingTests
{
    private static Degassing.Result Run(double hydrogenRemoved) => Degassing.Run(Samples.HydridePowder, new(hydrogenRemoved));

    [Fact]
    public void Degassing_releases_the_stated_fraction_of_hydrogen() =>
        Assert.Equal(0.85 * Samples.HydridePowder[Component.H], Run(0.85).HydrogenReleased[Component.H], 1e-12);

    [Fact]
    public void Degassed_powder_keeps_the_rest_of_the_hydrogen() =>
        Assert.Equal(0.15 * Samples.HydridePowder[Component.H], Run(0.85).Powder[Component.H], 1e-9);

    [Fact]
    public void Degassing_releases_nothing_but_hydrogen() =>
        Assert.Equal(Run(0.85).HydrogenReleased[Component.H], Run(0.85).HydrogenReleased.TotalKgPerYear);

    [Fact]
    public void Degassing_leaves_the_alloy_untouched() =>
        Assert.Equal(Samples.HydridePowder.Where(c => c != Component.H), Run(0.85).Powder.Where(c => c != Component.H));

    [Fact]
    public void Complete_degassing_leaves_no_hydrogen() =>
        Assert.Equal(0.0, Run(1.0).Powder[Component.H]);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.85)]
    [InlineData(1.0)]
    public void Mass_is_conserved_per_component(double hydrogenRemoved)
    {
        var result = Run(hydrogenRemoved);

        Conservation.AssertConserved([Samples.HydridePowder], [result.Powder, result.HydrogenReleased]);
    }
}
