using CsCheck;

namespace MagLoop.Carbon.Tests;

public sealed class FootprintTests
{
    private static readonly ProductMasses Products = new(CutBlockKgPerYear: 1000, CoatedKgPerYear: 1010, MagnetKgPerYear: 990, CoProductKgPerYear: 1000);

    private static readonly GridFactor Hub = new("H", 0.4, "test");

    private static List<InventoryLine> Lines() =>
    [
        new("Electricity, sintering", Stage.MagnetMaking, "hub", Gate.CutBlock, 1000, "kWh", 0.4, "test", UncertaintyKeys.ElectricityIntensity, UncertaintyKeys.GridFactor),
        new("Hydrogen", Stage.Hpms, "hub", Gate.CutBlock, 10, "kg", 11.2, "test", UncertaintyKeys.GasConsumption, UncertaintyKeys.HydrogenFactor),
        new("Fresh RE", Stage.FreshRareEarth, "hub", Gate.CutBlock, 20, "kg", 20, "test", null, UncertaintyKeys.FreshRareEarthFactor),
        new("Truck", Stage.Transport, "spoke", Gate.CutBlock, 2000, "t·km", 0.1, "test", null, UncertaintyKeys.TransportFactor),
        new("Electricity, spoke", Stage.CollectionAndPreprocessing, "spoke", Gate.CutBlock, 100, "kWh", 0.3, "test", UncertaintyKeys.ElectricityIntensity, UncertaintyKeys.GridFactor),
        new("Electricity, coating", Stage.MagnetMaking, "hub", Gate.Coating, 500, "kWh", 0.4, "test", UncertaintyKeys.ElectricityIntensity, UncertaintyKeys.GridFactor),
        new("Electricity, magnetising", Stage.MagnetMaking, "hub", Gate.Magnetising, 50, "kWh", 0.4, "test", UncertaintyKeys.ElectricityIntensity, UncertaintyKeys.GridFactor),
    ];

    private static CarbonResult Evaluate(Allocation allocation, List<InventoryLine>? lines = null) =>
        Footprint.Evaluate(lines ?? Lines(), new PooledAllocation(Products, allocation), [new SiteGrid("hub", Hub), new SiteGrid("spoke", new GridFactor("S", 0.3, "test"))],
            PlantEnergy.Of([]), 12);

    [Fact]
    public void Per_kg_figures_follow_from_the_inventory_by_hand()
    {
        var r = Evaluate(Allocation.ByMass(Products));
        var preGate = 400 + 112 + 400 + 200 + 30.0;
        Assert.Equal(0.5 * preGate / 1000, r.KgCo2ePerKgCutBlock, 12);
        Assert.Equal((0.5 * preGate + 200) / 1010, r.KgCo2ePerKgCoatedMagnet, 12);
        Assert.Equal((0.5 * preGate + 200 + 20) / 990, r.KgCo2ePerKgMagnet, 12);
        Assert.Equal(0.5 * preGate / 1000, r.KgCo2ePerKgCoProduct, 12);
        Assert.Equal((preGate + 220) / 1000, r.AnnualTonnesCo2e, 12);
        Assert.Equal(1 - r.KgCo2ePerKgMagnet / 12, r.SavingFraction, 12);
    }

    [Fact]
    public void Stages_sum_to_the_totals()
    {
        var r = Evaluate(Allocation.ByMass(Products));
        Assert.Equal(r.KgCo2ePerKgMagnet, r.ByStage.Values.Sum(), 12);
        Assert.Equal(r.KgCo2ePerKgCutBlock, r.ByStagePerKgCutBlock.Values.Sum(), 12);
        Assert.Equal(Enum.GetValues<Stage>().Length, r.ByStage.Count);
    }

    [Fact]
    public void Sites_sum_to_the_totals()
    {
        var r = Evaluate(Allocation.ByValue(Products, 70, 35));
        Assert.Equal(r.AnnualTonnesCo2e, r.BySite.Sum(s => s.AnnualTonnesCo2e), 12);
        Assert.Equal(r.KgCo2ePerKgMagnet, r.BySite.Sum(s => s.KgCo2ePerKgMagnet), 12);
        Assert.Equal(r.KgCo2ePerKgCutBlock, r.BySite.Sum(s => s.KgCo2ePerKgCutBlock), 12);
        Assert.Equal(1550, r.BySite.Single(s => s.Site == "hub").ElectricityKWhPerYear, 12);
        Assert.Equal("H", r.BySite.Single(s => s.Site == "hub").GridRegion);
    }

    [Fact]
    public void Stages_and_sites_sum_to_the_totals_for_any_inventory()
    {
        var line = Gen.Select(Gen.Enum<Stage>(), Gen.OneOfConst("hub", "spoke", "third"), Gen.Enum<Gate>(), Gen.Double[0, 1e6], Gen.Double[0, 30])
            .Select((stage, site, gate, amount, factor) => new InventoryLine("x", stage, site, gate, amount, "kg", factor, "test", null, null));
        Gen.Select(line.List[1, 30], Gen.Double[0.01, 0.99]).Sample((lines, share) =>
        {
            var r = Footprint.Evaluate(lines, new PooledAllocation(Products, Allocation.Explicit(share, 1 - share)), [], PlantEnergy.Of([]), 12);
            var scale = Math.Max(1, r.KgCo2ePerKgMagnet);
            Assert.Equal(r.KgCo2ePerKgMagnet, r.ByStage.Values.Sum(), 1e-9 * scale);
            Assert.Equal(r.KgCo2ePerKgMagnet, r.BySite.Sum(s => s.KgCo2ePerKgMagnet), 1e-9 * scale);
            Assert.Equal(r.AnnualTonnesCo2e, r.BySite.Sum(s => s.AnnualTonnesCo2e), 1e-9 * Math.Max(1, r.AnnualTonnesCo2e));
        });
    }

    [Fact]
    public void Mass_allocation_shares_by_mass_and_economic_allocation_by_value()
    {
        var mass = Allocation.ByMass(Products with { CoProductKgPerYear = 3000 });
        Assert.Equal((0.25, 0.75), (mass.CutBlockShare, mass.CoProductShare));
        var value = Allocation.ByValue(Products, 70, 35);
        Assert.Equal(70000.0 / (70000 + 35000), value.CutBlockShare, 12);
        Assert.Equal(1, value.CutBlockShare + value.CoProductShare, 12);
        Assert.Equal(AllocationMethod.Economic, value.Method);
    }

    [Fact]
    public void Allocation_moves_burden_between_cut_block_and_co_products_and_conserves_it()
    {
        var mass = Evaluate(Allocation.ByMass(Products));
        var value = Evaluate(Allocation.ByValue(Products, 70, 35));
        Assert.True(value.KgCo2ePerKgCutBlock > mass.KgCo2ePerKgCutBlock);
        Assert.True(value.KgCo2ePerKgCoProduct < mass.KgCo2ePerKgCoProduct);
        foreach (var r in new[] { mass, value })
            Assert.Equal(1142, r.KgCo2ePerKgCutBlock * Products.CutBlockKgPerYear + r.KgCo2ePerKgCoProduct * Products.CoProductKgPerYear, 9);
    }

    [Theory]
    [InlineData(0.6, 0.3)]
    [InlineData(0.9, 0.2)]
    [InlineData(-0.1, 1.1)]
    public void Stated_shares_must_sum_to_one(double cutBlock, double coProduct)
    {
        Assert.False(Allocation.IsValidShares(cutBlock, coProduct));
        Assert.Throws<ArgumentException>(() => Allocation.Explicit(cutBlock, coProduct));
    }

    [Fact]
    public void All_burden_on_the_cut_block_with_no_co_products()
    {
        var r = Evaluate(Allocation.ByMass(Products with { CoProductKgPerYear = 0 }));
        Assert.Equal(1, r.Attribution.Shares.Single(x => x.Product == "cut block").Share);
        Assert.Equal(0, r.KgCo2ePerKgCoProduct);
    }
}
