using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class SinteringTests
{
    private static MassStream Compact => Samples.HydridePowder;

    private static Sintering.Result Run(double hydrogenReleased = 1.0, double loss = 0.005) => Sintering.Run(Compact, new(hydrogenReleased, loss));

    [Fact]
    public void Sintering_releases_all_hydrogen() =>
        Assert.Equal(0.0, Run(hydrogenReleased: 1.0).Block[Component.H]);

    [Fact]
    public void Released_hydrogen_is_all_the_hydrogen_of_the_compact() =>
        Assert.Equal(Compact[Component.H], Run(hydrogenReleased: 1.0).GasReleased[Component.H]);

    [Fact]
    public void Sintering_releases_the_stated_fraction_of_hydrogen() =>
        Assert.Equal(0.6 * Compact[Component.H], Run(hydrogenReleased: 0.6).GasReleased[Component.H], 1e-12);

    [Fact]
    public void Sintering_loses_the_stated_fraction_of_the_mass_left_after_the_gas() =>
        Assert.Equal(0.005 * (Compact.TotalKgPerYear - Compact[Component.H]), Run().Loss.TotalKgPerYear, 1e-9);

    [Fact]
    public void Sintering_loss_carries_no_released_hydrogen() =>
        Assert.Equal(0.0, Run().Loss[Component.H]);

    [Fact]
    public void Sintered_block_keeps_the_rest_of_the_alloy() =>
        Assert.Equal(0.995 * Compact[Component.Nd], Run().Block[Component.Nd], 1e-9);

    [Theory]
    [InlineData(1.0, 0.005)]
    [InlineData(0.6, 0.0)]
    [InlineData(0.0, 1.0)]
    public void Mass_is_conserved_per_component(double hydrogenReleased, double loss)
    {
        var result = Run(hydrogenReleased, loss);

        Conservation.AssertConserved([Compact], [result.Block, result.GasReleased, result.Loss]);
    }

    [Fact]
    public void Sintering_pyrolyses_organics_to_off_gas()
    {
        var compact = Compact + MassStream.Pure(Component.Polymer, 5.0);
        var result = Sintering.Run(compact, new(HydrogenReleased: 1.0, LossFraction: 0.005, PolymerReleased: 1.0));
        Assert.Equal(0.0, result.Block[Component.Polymer]);
        Assert.Equal(5.0, result.GasReleased[Component.Polymer]);
        Conservation.AssertConserved([compact], [result.Block, result.GasReleased, result.Loss]);
    }

    [Fact]
    public void Sintering_can_keep_organics_when_told_to()
    {
        var compact = Compact + MassStream.Pure(Component.Polymer, 5.0);
        var result = Sintering.Run(compact, new(HydrogenReleased: 1.0, LossFraction: 0.0, PolymerReleased: 0.0));
        Assert.Equal(5.0, result.Block[Component.Polymer]);
    }
}
