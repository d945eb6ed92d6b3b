using MagLoop.Plants;
using MagLoop.Studies;

namespace MagLoop.Carbon.Tests;

/// <summary>The bundled DFW hub: calibration to the disclosure and the direction and size of what moves it.</summary>
public sealed class DfwHubCarbonTests
{
    private const double Disclosed = 2.35;

    private static readonly Lazy<StudyResult> Base = new(() => Study.Run(Scenarios.DfwHub));

    private static CarbonResult BaseCarbon => Base.Value.Carbon!;

    // Under subdivision a hub burden reaches the cut block through the line's share of the powder (shared stages)
    // and the cut block's share at machining (everything before machining).
    private static double LineShare => BaseCarbon.Attribution.Shares.Single(s => s.Process == CarbonStudy.Processes.PowderSplit && s.Product != StreamId.SurplusPowder.Value).Share;

    private static double CutShare => BaseCarbon.Attribution.Shares.Single(s => s.Process == CarbonStudy.Processes.Machining && s.Product == StreamId.CutBlock.Value).Share;

    [Fact]
    public void Dfw_hub_shows_the_disclosed_2_35_beside_the_pooled_mass_allocation_that_reproduces_it_within_1_percent()
    {
        var d = BaseCarbon.Disclosure!;
        Assert.Equal(Disclosed, d.DisclosedKgCo2ePerKgCutBlock);
        Assert.InRange(d.Reproduced.KgCo2ePerKgCutBlock, Disclosed * 0.99, Disclosed * 1.01);
        Assert.Contains("calibrated", d.Assumptions, StringComparison.Ordinal);
        Assert.Contains(BaseCarbon.Methods, m => m.Method == d.Reproduced.Method && m.KgCo2ePerKgCutBlock == d.Reproduced.KgCo2ePerKgCutBlock);
    }

    [Fact]
    public void Dfw_hub_under_subdivision_puts_more_on_the_cut_block_than_the_disclosure_and_less_on_co_products()
    {
        var c = BaseCarbon;
        Assert.Equal("subdivision", c.Attribution.Method);
        Assert.Equal(c.KgCo2ePerKgCutBlock, c.Methods[0].KgCo2ePerKgCutBlock, 12);
        Assert.True(c.KgCo2ePerKgCutBlock > c.Disclosure!.Reproduced.KgCo2ePerKgCutBlock + 0.5);
        Assert.True(c.KgCo2ePerKgCoProduct < c.Disclosure.Reproduced.KgCo2ePerKgCoProduct);
    }

    [Fact]
    public void Dfw_hub_sums_stages_and_sites_and_energy()
    {
        var c = BaseCarbon;
        Assert.Equal(c.KgCo2ePerKgCutBlock, c.ByStagePerKgCutBlock.Values.Sum(), 9);
        Assert.Equal(c.KgCo2ePerKgMagnet, c.ByStage.Values.Sum(), 9);
        Assert.Equal(c.AnnualTonnesCo2e, c.BySite.Sum(s => s.AnnualTonnesCo2e), 6);
        Assert.Equal(c.Energy.ElectricityKWhPerYear, c.Energy.ElectricityKWhPerYearBySite.Values.Sum(), 3);
        Assert.Equal(c.Energy.ElectricityKWhPerYear, c.BySite.Sum(s => s.ElectricityKWhPerYear), 3);
        Assert.Equal(["dfw-hub", "nv-spoke", "sc-spoke"], c.BySite.Select(s => s.Site));
        Assert.Equal(["ERCT", "NWPP", "SRVC"], c.BySite.Select(s => s.GridRegion));
    }

    [Fact]
    public void Dfw_hub_energy_record_reports_gases_and_the_magnets_weigh_more_than_the_block()
    {
        var c = BaseCarbon;
        Assert.InRange(c.Energy.HydrogenKgPerYear, 4000, 10000); // 0.3 wt% uptake of ~1,550 t powder plus vented head space
        Assert.True(c.Energy.ArgonKgPerYear > 0 && c.Energy.NitrogenKgPerYear > 0);
        Assert.All(c.Energy.Units, u => Assert.True(u.ElectricityKWhPerYear >= 0));
        Assert.True(c.KgCo2ePerKgMagnet > c.KgCo2ePerKgCoatedMagnet && c.KgCo2ePerKgCoatedMagnet > c.KgCo2ePerKgCutBlock);
        Assert.InRange(c.SavingFraction, 0.5, 0.95); // virgin routes are several times higher (BRIEF)
    }

    [Fact]
    public void Moving_the_hub_to_a_dirtier_grid_raises_the_footprint_by_its_electricity_times_the_factor_change()
    {
        var moved = Scenarios.Run(Scenarios.Variant(t => t.Replace("region: ERCT", "region: US", StringComparison.Ordinal))).Carbon!;
        var hub = BaseCarbon.BySite.Single(s => s.Site == "dfw-hub");
        var expected = hub.ElectricityKWhPerYear * (GridFactors.Find("US")!.KgCo2ePerKWh - hub.GridKgCo2ePerKWh);
        Assert.True(moved.AnnualTonnesCo2e > BaseCarbon.AnnualTonnesCo2e);
        Assert.Equal(expected / 1000, moved.AnnualTonnesCo2e - BaseCarbon.AnnualTonnesCo2e, 6);
    }

    [Fact]
    public void Moving_the_hub_to_a_cleaner_grid_lowers_the_footprint()
    {
        var moved = Scenarios.Run(Scenarios.Variant(t => t.Replace("region: ERCT", "region: NWPP", StringComparison.Ordinal))).Carbon!;
        var delta = BaseCarbon.KgCo2ePerKgCutBlock - moved.KgCo2ePerKgCutBlock;
        // Hub electricity up to the cut block, 5.55 GWh/yr x (0.351 - 0.275), mostly magnet line (x 0.75 at machining)
        // and partly shared (x 0.64 x 0.75), over 757 t of block: about 0.4 kg/kg.
        Assert.InRange(delta, 0.25, 0.5);
    }

    [Fact]
    public void Low_carbon_hydrogen_lowers_the_footprint_by_the_hydrogen_it_replaces()
    {
        var green = Scenarios.Run(Scenarios.WithCarbon("  factors:\n    hydrogenKgCo2ePerKg: 1.0")).Carbon!;
        var c = BaseCarbon;
        var expected = c.Energy.HydrogenKgPerYear * (11.2 - 1.0) * LineShare * CutShare / Base.Value.Production.CutBlockTonnesPerYear / 1000;
        Assert.True(green.KgCo2ePerKgCutBlock < c.KgCo2ePerKgCutBlock);
        Assert.Equal(expected, c.KgCo2ePerKgCutBlock - green.KgCo2ePerKgCutBlock, 9);
        Assert.InRange(expected, 0.01, 0.1); // a few per cent: HPMS uses little hydrogen
    }

    [Fact]
    public void More_fresh_rare_earth_raises_the_footprint_by_its_virgin_burden()
    {
        var richer = Scenarios.Run(Scenarios.Variant(t => t.Replace("targetFreeRareEarthFraction: 0.30", "targetFreeRareEarthFraction: 0.31", StringComparison.Ordinal)));
        var extraKg = (richer.Production.FreshRareEarthTonnesPerYear - Base.Value.Production.FreshRareEarthTonnesPerYear) * 1000;
        Assert.True(extraKg > 0);
        var delta = richer.Carbon!.KgCo2ePerKgCutBlock - BaseCarbon.KgCo2ePerKgCutBlock;
        var fresh = extraKg * 20 * CutShare / (Base.Value.Production.CutBlockTonnesPerYear * 1000);
        Assert.True(delta > 0);
        Assert.InRange(delta, 0.5 * fresh, 1.5 * fresh); // the fresh rare earth dominates the change; yields move a little too
    }

    [Fact]
    public void Economic_split_of_the_shared_stages_puts_more_on_the_cut_block_than_mass()
    {
        var economic = Scenarios.Run(Scenarios.Variant(t => t.Replace("sharedStages: mass", "sharedStages: economic", StringComparison.Ordinal))).Carbon!;
        Assert.True(economic.KgCo2ePerKgCutBlock > BaseCarbon.KgCo2ePerKgCutBlock);
        Assert.True(economic.KgCo2ePerKgCoProduct < BaseCarbon.KgCo2ePerKgCoProduct);
        Assert.Equal(BaseCarbon.AnnualTonnesCo2e, economic.AnnualTonnesCo2e, 6);
    }

    [Fact]
    public void Monte_carlo_under_a_seed_is_reproducible_and_brackets_the_point_value()
    {
        var options = new StudyOptions { MonteCarloDraws = 300, Seed = 11 };
        var a = Study.Run(Scenarios.DfwHub, options).Carbon!;
        var b = Study.Run(Scenarios.DfwHub, options).Carbon!;
        Assert.Equal(a.P10, b.P10);
        Assert.Equal(a.P90, b.P90);
        Assert.Equal(300, a.MonteCarloDraws);
        Assert.InRange(a.KgCo2ePerKgCutBlock, a.P10!.KgCo2ePerKgCutBlock, a.P90!.KgCo2ePerKgCutBlock);
        Assert.Null(BaseCarbon.P50);
    }

    [Fact]
    public void A_scenario_without_a_carbon_section_uses_the_US_average_grid()
    {
        var start = Scenarios.DfwHubText.IndexOf("\ncarbon:", StringComparison.Ordinal);
        var bare = Scenarios.Run(Scenarios.Variant(t => t[..start] + "\n")).Carbon!;
        Assert.All(bare.BySite, s => Assert.Equal("US", s.GridRegion));
        Assert.True(bare.KgCo2ePerKgCutBlock > BaseCarbon.KgCo2ePerKgCutBlock);
    }
}
