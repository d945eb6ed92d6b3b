namespace MagLoop.Carbon.Tests;

public sealed class FunctionalUnitTests
{
    private static readonly AttributedFigures Figures = new(CutBlock: 3, Coated: 3.5, Magnet: 3.8, CoProduct: 1.5);

    [Fact]
    public void The_cut_block_has_no_virgin_counterpart()
    {
        var r = FunctionalUnitResult.Of(FunctionalUnitKind.CutBlock, Figures, 12);
        Assert.Equal(3, r.KgCo2ePerUnit);
        Assert.Null(r.SavingFraction);
    }

    [Fact]
    public void The_magnet_unit_compares_per_kg_with_the_virgin_route()
    {
        var r = FunctionalUnitResult.Of(FunctionalUnitKind.Magnet, Figures, 12);
        Assert.Equal(3.8, r.KgCo2ePerUnit);
        Assert.Equal(1 - 3.8 / 12, r.SavingFraction!.Value, 12);
    }

    [Fact]
    public void The_energy_product_unit_lowers_the_saving_of_a_weaker_recycled_magnet()
    {
        var r = FunctionalUnitResult.Of(FunctionalUnitKind.EnergyProduct, Figures, 12, energyProductMGOe: 38, virginEnergyProductMGOe: 42);
        Assert.Equal(3.8 / 38, r.KgCo2ePerUnit, 12);
        Assert.Equal(12.0 / 42, r.VirginKgCo2ePerUnit!.Value, 12);
        Assert.Equal(1 - (3.8 / 38) / (12.0 / 42), r.SavingFraction!.Value, 12);
        Assert.True(r.SavingFraction < FunctionalUnitResult.Of(FunctionalUnitKind.Magnet, Figures, 12).SavingFraction);
    }

    [Fact]
    public void The_energy_product_unit_needs_both_energy_products()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FunctionalUnitResult.Of(FunctionalUnitKind.EnergyProduct, Figures, 12, null, 42));
        Assert.Throws<ArgumentOutOfRangeException>(() => FunctionalUnitResult.Of(FunctionalUnitKind.EnergyProduct, Figures, 12, 38, 0));
    }
}
