using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class GrainBoundaryDiffusionTests
{
    private static MassStream Parts => Samples.DegassedPowder;

    private static GrainBoundaryDiffusion.Result Run(double dy = 0, double tb = 0.5, double utilisation = 0.8) =>
        GrainBoundaryDiffusion.Run(Parts, new(dy, tb, utilisation));

    [Fact]
    public void The_diffused_part_holds_the_stated_wt_percent_of_Tb()
    {
        var r = Run();
        Assert.Equal(0.005, (r.Diffused[Component.Tb] - Parts[Component.Tb]) / r.Diffused.TotalKgPerYear, 12);
    }

    [Fact]
    public void Fresh_Tb_is_the_retained_Tb_over_the_utilisation_and_the_rest_is_lost()
    {
        var r = Run();
        var retained = r.Diffused[Component.Tb] - Parts[Component.Tb];
        Assert.Equal(retained / 0.8, r.FreshHeavyRareEarth[Component.Tb], 9);
        Assert.Equal(retained / 0.8 - retained, r.Loss[Component.Tb], 9);
        Assert.Equal(0, r.FreshHeavyRareEarth[Component.Dy]);
    }

    [Theory]
    [InlineData(0, 0.5, 0.8)]
    [InlineData(0.3, 0.4, 1.0)]
    [InlineData(1.0, 0, 0.5)]
    public void Mass_is_conserved_per_component(double dy, double tb, double utilisation)
    {
        var r = Run(dy, tb, utilisation);
        Conservation.AssertConserved([Parts, r.FreshHeavyRareEarth], [r.Diffused, r.Loss]);
    }

    [Fact]
    public void No_diffusion_draws_nothing_and_changes_nothing()
    {
        var r = Run(0, 0);
        Assert.True(r.FreshHeavyRareEarth.IsEmpty && r.Loss.IsEmpty);
        Assert.Equal(Parts.TotalKgPerYear, r.Diffused.TotalKgPerYear, 9);
    }

    [Fact]
    public void A_utilisation_outside_zero_to_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(utilisation: 0));
}
