using CsCheck;

namespace MagLoop.Economics.Tests;

public sealed class CapitalModelTests
{
    private static readonly CostCurve Mill = new(70, "kg/h", 1_000_000m, 0.6, 1.8, "test");
    private static readonly CapitalFactors Factors = new(0.4, 0.25, 0.72, 0.15);

    private static CapitalInputs Inputs(params EquipmentPurchase[] equipment) =>
        new(equipment, [new SpokeFitOut("spoke", 2_000_000m)], Factors, new CapitalDepreciation());

    [Fact]
    public void A_unit_at_the_reference_size_costs_the_reference_times_the_installation_factor()
    {
        Assert.Equal(1_800_000m, Mill.InstalledUsd(70));
    }

    [Fact]
    public void Doubling_the_size_multiplies_the_cost_by_two_to_the_exponent()
    {
        Assert.Equal(Math.Pow(2, 0.6), (double)(Mill.DeliveredUsd(140) / Mill.DeliveredUsd(70)), 10);
    }

    [Fact]
    public void Capital_is_installed_equipment_plus_factored_items_plus_fit_out_with_contingency()
    {
        var e = CapitalModel.Estimate(Inputs(new EquipmentPurchase("jetMill", "hub", 2, 70, Mill)));
        // Delivered 2.0M: installed 3.6M, services 0.8M, buildings 0.5M, indirect 1.44M, spoke 2.0M; x 1.15.
        Assert.Equal((3.6m + 0.8m + 0.5m + 1.44m + 2.0m) * 1_000_000m * 1.15m, e.TotalUsd);
        Assert.Equal(5, e.Areas.Count);
        Assert.Equal(e.TotalUsd, e.TotalUsdBySite.Values.Sum());
    }

    [Fact]
    public void A_third_jet_mill_raises_capital_by_its_installed_and_factored_cost()
    {
        var two = CapitalModel.Estimate(Inputs(new EquipmentPurchase("jetMill", "hub", 2, 70, Mill)));
        var three = CapitalModel.Estimate(Inputs(new EquipmentPurchase("jetMill", "hub", 3, 70, Mill)));
        Assert.Equal(1_000_000m * (1.8m + 0.4m + 0.25m + 0.72m) * 1.15m, three.TotalUsd - two.TotalUsd);
    }

    [Fact]
    public void A_bad_curve_is_refused_with_the_kind_named()
    {
        var bad = Mill with { ScalingExponent = 1.5 };
        var e = Assert.Throws<ArgumentException>(() => CapitalModel.Estimate(Inputs(new EquipmentPurchase("press", "hub", 1, 80, bad))));
        Assert.Contains("'press'", e.Message);
    }

    private static readonly Gen<EquipmentPurchase> Purchase =
        Gen.Select(Gen.OneOfConst("jetMill", "press", "sintering"), Gen.Int[0, 6], Gen.Double[1, 5000], Gen.Double[1, 5000], Gen.Int[0, 5_000_000], Gen.Double[0.3, 1.0], Gen.Double[1, 4])
            .Select((kind, count, size, reference, usd, n, install) => new EquipmentPurchase(kind, "hub", count, size, new CostCurve(reference, "kg", usd, n, install, "gen")));

    [Fact]
    public void Adding_equipment_never_lowers_capital()
    {
        Gen.Select(Purchase.List[0, 8], Purchase, Gen.Int[1, 3]).Sample((list, extra, more) =>
        {
            var before = CapitalModel.Estimate(Inputs([.. list])).TotalUsd;
            var added = CapitalModel.Estimate(Inputs([.. list, extra])).TotalUsd;
            var counted = CapitalModel.Estimate(Inputs([.. list, extra with { Count = extra.Count + more }])).TotalUsd;
            Assert.True(added >= before, $"adding {extra} lowered capital from {before} to {added}");
            Assert.True(counted >= added, $"more units of {extra.Kind} lowered capital from {added} to {counted}");
        });
    }

    [Fact]
    public void Larger_equipment_never_costs_less()
    {
        Gen.Select(Purchase, Gen.Double[1, 4]).Sample((p, factor) =>
        {
            var small = CapitalModel.Estimate(Inputs(p)).TotalUsd;
            var large = CapitalModel.Estimate(Inputs(p with { Size = p.Size * factor })).TotalUsd;
            Assert.True(large >= small);
        });
    }
}
