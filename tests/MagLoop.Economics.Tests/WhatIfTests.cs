using MagLoop.Studies;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Economics.Tests;

/// <summary>The what-if questions of the study give answers that hold together: equipment, spokes and quality cost or earn money.</summary>
public sealed class WhatIfTests
{
    private static readonly string Base = File.ReadAllText(StudyEconomicsTests.Scenario("dfw-hub.yaml"));

    private static EconomicsResult Run(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"magloop-whatif-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return Study.Run(path).Economics!;
    }

    private static string Edit(string find, string replace)
    {
        Assert.Contains(find, Base, StringComparison.Ordinal);
        return Base.Replace(find, replace, StringComparison.Ordinal);
    }

    private static decimal CoProductRevenue(EconomicsResult e) => e.Sales.Where(s => s.Name != "Magnets").Sum(s => (decimal)s.TonnesPerYear * 1000 * s.PriceUsdPerKg);

    [Fact]
    public void Bundled_staff_land_in_the_disclosed_90_to_100_jobs()
    {
        foreach (var file in new[] { "dfw-hub.yaml", "dfw-hub-2-vessels.yaml" })
        {
            var labour = Study.Run(StudyEconomicsTests.Scenario(file)).Economics!.Labour!;
            Assert.InRange(labour.Jobs, 90, 100);
            Assert.Equal(labour.Roles.Sum(r => r.Headcount * r.LoadedWageUsdPerYear), labour.CostUsdPerYear);
        }
    }

    [Fact]
    public void A_third_jet_mill_raises_capital_and_staff()
    {
        var baseline = Study.Run(StudyEconomicsTests.Scenario("dfw-hub.yaml")).Economics!;
        var three = Run(Edit("    jetMills: 2 ", "    jetMills: 3 "));
        // One more mill at the reference size: delivered $2.276M, installed x 1.80 plus 0.40 + 0.25 + 0.72 factored, 15 % contingency.
        Assert.Equal(2_276_000m * (1.80m + 0.40m + 0.25m + 0.72m) * 1.15m, three.CapexUsd - baseline.CapexUsd, 0);
        Assert.True(three.Labour!.Fte > baseline.Labour!.Fte);
        Assert.Equal(3, three.CapitalLines.Single(l => l.Item == "jetMill").Count);
    }

    [Fact]
    public void A_new_spoke_brings_its_fit_out_and_its_staff()
    {
        var baseline = Study.Run(StudyEconomicsTests.Scenario("dfw-hub.yaml")).Economics!;
        var site = "  - id: nv-spoke\n";
        var spoke = "  - id: az-spoke\n    name: Arizona spoke (Phoenix, AZ)\n    kind: spoke\n    latitude: 33.44838\n    longitude: -112.07404\n" + site;
        var route = "routes:\n  - from: az-spoke\n    to: dfw-hub\n    mode: truck\n    distanceKm: 1700\n";
        var text = Edit(site, spoke).Replace("routes:\n", route, StringComparison.Ordinal);
        var withSpoke = Run(text);
        Assert.Equal(6_000_000m * 1.15m, withSpoke.CapexUsd - baseline.CapexUsd);
        Assert.True(withSpoke.Labour!.Jobs > baseline.Labour!.Jobs);
        Assert.Contains(withSpoke.Labour.Roles, r => r.Site == "az-spoke" && r.Role == LabourModel.OperatorRole);
        Assert.Equal(6_900_000m, withSpoke.CapexUsdBySite["az-spoke"]);
    }

    [Fact]
    public void Heavy_steel_carry_over_does_not_raise_co_product_revenue_or_npv()
    {
        var clean = Study.Run(StudyEconomicsTests.Scenario("dfw-hub.yaml")).Economics!;
        Assert.Equal("HPMS alloy powder", clean.Sales.Single(s => s.Name == "Surplus recycled powder").SoldAs);
        var (perKgRareEarth, npv) = (PerKgRareEarth(clean), clean.NpvUsd);
        // Heavy: the powder leaves the HPMS class (at most 1 % carry-over) and sells as long-loop feed. The line
        // takes kg of blend, so steel in the blend pushes alloy out of the magnets into the surplus powder: the
        // co-products hold more rare earth as carry-over rises, but each kg of it earns less, and the plant less.
        foreach (var carryOver in new[] { "0.01", "0.02" })
        {
            var dirty = Run(Edit("foreignCarryover: 0.001 ", $"foreignCarryover: {carryOver} "));
            Assert.Equal("Long-loop feed", dirty.Sales.Single(s => s.Name == "Surplus recycled powder").SoldAs);
            Assert.True(CoProductRevenue(dirty) < CoProductRevenue(clean), $"carry-over {carryOver}: co-product revenue {CoProductRevenue(dirty):N0} is not below the clean plant's {CoProductRevenue(clean):N0}");
            Assert.True(PerKgRareEarth(dirty) <= perKgRareEarth, $"carry-over {carryOver}: co-products earn more per kg of rare earth");
            Assert.True(dirty.NpvUsd <= npv, $"carry-over {carryOver}: NPV rose from {npv:N0} to {dirty.NpvUsd:N0}");
            (perKgRareEarth, npv) = (PerKgRareEarth(dirty), dirty.NpvUsd);
        }

        // Heavier still, the magnets leave the magnet model's domain: a located error naming the cause, never a priced product.
        var refused = Assert.Throws<ScenarioException>(() => Run(Edit("foreignCarryover: 0.001 ", "foreignCarryover: 0.05 ")));
        Assert.Contains("process.hpms.foreignCarryover", refused.Message, StringComparison.Ordinal);

        static decimal PerKgRareEarth(EconomicsResult e) =>
            CoProductRevenue(e) / (decimal)e.Sales.Where(s => s.Name != "Magnets").Sum(s => s.TonnesPerYear * 1000 * s.RareEarthFraction!.Value);
    }

    [Fact]
    public void Diffused_terbium_is_bought_at_its_price()
    {
        var baseline = Study.Run(StudyEconomicsTests.Scenario("dfw-hub.yaml"));
        var path = Path.Combine(Path.GetTempPath(), $"magloop-whatif-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Edit("  gbdTbWtPct: 0", "  gbdTbWtPct: 0.5"));
        var diffused = Study.Run(path);
        static decimal Line(StudyResult r) => r.Economics!.OpexAtNameplate.Single(l => l.Name == "Dy/Tb for grain-boundary diffusion").UsdPerYear;
        Assert.Equal(0m, Line(baseline));
        var tbKg = diffused.Production.FreshTbForDiffusionTonnesPerYear * 1000;
        Assert.True(tbKg > 0);
        // Default terbium metal price, $1,000/kg (scenario schema, an engineering assumption).
        Assert.Equal((decimal)tbKg * 1000m, Line(diffused), 0);
    }

    [Fact]
    public void A_higher_grade_sells_for_more_and_below_every_grade_for_less()
    {
        var baseline = Study.Run(StudyEconomicsTests.Scenario("dfw-hub.yaml")).Economics!;
        var reference = baseline.Sales.Single(s => s.Name == "Magnets");
        Assert.Equal("35M", reference.SoldAs);
        var sh = Run(Edit("  defaultPriceDeck: current", "  magnetGrade: 42SH\n  defaultPriceDeck: current")).Sales.Single(s => s.Name == "Magnets");
        // 42SH over 35M: class SH +9, 7 MGOe x $1.
        Assert.Equal(reference.PriceUsdPerKg + 9 + 7, sh.PriceUsdPerKg);
    }

    [Fact]
    public void Buying_by_margin_drops_the_unprofitable_feed_and_names_the_one_cut_back()
    {
        var path = Path.Combine(Path.GetTempPath(), $"magloop-whatif-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Edit("  feedChoice: proRata", "  feedChoice: margin"));
        var byMargin = Study.Run(path);
        var proRata = Study.Run(StudyEconomicsTests.Scenario("dfw-hub.yaml"));
        var margins = byMargin.Economics!.FeedMargins;
        Assert.Equal(Enumerable.Range(1, margins.Count), margins.Select(m => m.Rank));
        var unprofitable = margins.Single(m => m.Decision == "unprofitable");
        Assert.True(unprofitable.MarginUsdPerKgScrap <= 0);
        Assert.Equal(0, byMargin.Feeds.Single(f => f.Id == unprofitable.Feed).ProcessedTonnesPerYear, 9);
        var cut = margins.Single(m => m.Decision == "cutBack");
        Assert.Contains(byMargin.Warnings, w => w.Contains(cut.Feed, StringComparison.Ordinal) && w.Contains("by margin", StringComparison.Ordinal));
        // Every feed taken in full earns more per kg of vessel intake than the one cut back.
        Assert.All(margins.Where(m => m.Decision == "takenInFull"), m => Assert.True(m.MarginUsdPerKgHpms >= cut.MarginUsdPerKgHpms));
        Assert.True(byMargin.Production.HpmsIntakeTonnesPerYear <= byMargin.Production.HpmsCapacityTonnesPerYear * (1 + 1e-9));
        Assert.True(byMargin.Economics.NpvUsd > proRata.Economics!.NpvUsd);
        // Pro rata, the margins are shown with what the plant does buy.
        Assert.All(proRata.Economics.FeedMargins, m => Assert.Equal("proRata", m.Decision));
    }
}
