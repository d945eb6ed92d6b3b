using MagLoop.Plants;

namespace MagLoop.Studies.Tests;

public sealed class GrainBoundaryDiffusionStudyTests
{
    private static StudyResult RunText(string text) => FlowsheetRoutingTests.Run(text);

    private static readonly StudyResult Without = RunText(MinimalScenario.Text);
    private static readonly StudyResult With = RunText(MinimalScenario.Text + "magnets:\n  gbdTbWtPct: 0.5\n");

    [Fact]
    public void Diffusion_draws_fresh_Tb_that_is_the_retained_Tb_over_the_utilisation()
    {
        Assert.Equal(0, Without.Production.FreshTbForDiffusionTonnesPerYear);
        var magnetsTb = With.Streams.Single(s => s.Name == StreamId.Magnets.Value);
        var cutTb = With.Streams.Single(s => s.Name == StreamId.CutBlock.Value);
        var diffused = With.Streams.Single(s => s.Name == StreamId.DiffusedParts.Value);
        // Retained Tb: what the diffused parts hold beyond the cut block's own.
        var retainedT = diffused.TonnesPerYear * diffused.Composition["Tb"] - cutTb.TonnesPerYear * cutTb.Composition.GetValueOrDefault("Tb");
        Assert.Equal(0.005 * diffused.TonnesPerYear, retainedT, 9);
        Assert.Equal(retainedT / 0.8, With.Production.FreshTbForDiffusionTonnesPerYear, 9);
        Assert.True(magnetsTb.Composition["Tb"] > 0.004);
    }

    [Fact]
    public void The_balance_closes_with_diffusion() =>
        Assert.True(With.Production.MassBalance.MaxRelativeError < 1e-9, $"{With.Production.MassBalance.MaxRelativeError}");

    [Fact]
    public void Diffused_Tb_adds_magnet_mass_and_carbon()
    {
        Assert.True(With.Production.MagnetTonnesPerYear > Without.Production.MagnetTonnesPerYear);
        Assert.Contains(With.Carbon!.Inventory, l => l.Item.StartsWith("Fresh Dy/Tb for grain-boundary diffusion", StringComparison.Ordinal) && l.TonnesCo2ePerYear > 0);
        Assert.DoesNotContain(Without.Carbon!.Inventory, l => l.Item.StartsWith("Fresh Dy/Tb", StringComparison.Ordinal));
        Assert.True(With.Carbon.AnnualTonnesCo2e > Without.Carbon.AnnualTonnesCo2e);
    }

    [Fact]
    public void A_thicker_magnet_gains_less_coercivity_from_the_same_Tb()
    {
        var thick = RunText(MinimalScenario.Text + "magnets:\n  gbdTbWtPct: 0.5\n  thicknessMm: 20\n");
        Assert.True(thick.Products[0].CoercivityKAm < With.Products[0].CoercivityKAm);
        Assert.True(With.Products[0].CoercivityKAm > Without.Products[0].CoercivityKAm);
        Assert.Equal(With.Production.FreshTbForDiffusionTonnesPerYear, thick.Production.FreshTbForDiffusionTonnesPerYear, 9);
    }

    [Fact]
    public void Without_diffusion_the_flowsheet_has_no_diffusion_unit() =>
        Assert.DoesNotContain(Without.Streams, s => s.Name == StreamId.DiffusedParts.Value);
}
