using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class SpokePreprocessingTests
{
    private static readonly SpokePreprocessing.Parameters Parameters = new(MagnetRecovery: 0.96, ForeignRemoval: 0.9);

    public static TheoryData<string> ScrapIds => new(ScrapLibrary.All.Select(s => s.Id));

    [Fact]
    public void Concentrate_keeps_the_recovered_share_of_the_magnet_alloy() =>
        Assert.Equal(0.96 * Samples.EvScrap[Component.Nd], SpokePreprocessing.Run(Samples.EvScrap, Parameters).Concentrate[Component.Nd], 1e-9);

    [Fact]
    public void Coating_travels_with_the_magnets() =>
        Assert.Equal(0.96 * Samples.HddScrap[Component.Ni], SpokePreprocessing.Run(Samples.HddScrap, Parameters).Concentrate[Component.Ni], 1e-9);

    [Fact]
    public void Concentrate_keeps_the_foreign_matter_not_removed() =>
        Assert.Equal(0.1 * Samples.EvScrap[Component.Steel], SpokePreprocessing.Run(Samples.EvScrap, Parameters).Concentrate[Component.Steel], 1e-6);

    [Fact]
    public void Residue_takes_the_removed_foreign_matter() =>
        Assert.Equal(0.9 * Samples.EvScrap[Component.Steel], SpokePreprocessing.Run(Samples.EvScrap, Parameters).Residue[Component.Steel], 1e-6);

    [Fact]
    public void Residue_takes_the_magnets_lost_in_sorting() =>
        Assert.Equal(0.04 * Samples.EvScrap[Component.Dy], SpokePreprocessing.Run(Samples.EvScrap, Parameters).Residue[Component.Dy], 1e-9);

    [Theory]
    [MemberData(nameof(ScrapIds))]
    public void Mass_is_conserved_per_component(string scrapId)
    {
        var type = ScrapLibrary.Find(scrapId)!;
        var raw = type.AsReceived(1_000_000.0);

        var result = SpokePreprocessing.Run(raw, new(type.SpokeMagnetRecovery.Value, type.SpokeForeignRemoval.Value));

        Conservation.AssertConserved([raw], [result.Concentrate, result.Residue]);
    }
}
