using CsCheck;
using MagLoop.Materials.Magnets;

namespace MagLoop.Materials.Tests.Magnets;

public sealed class GrainBoundaryDiffusionModelTests
{
    private static readonly Composition Base = Composition.ParseWeightPercent("Nd=23,Pr=6,Co=1,B=0.97,Cu=0.12,Al=0.1,Ga=0.2,O=0.1,C=0.05,Fe=bal");

    private static double HcJ(double tbWtPct, double thicknessMm = 5) =>
        MagnetPropertyModel.Predict(Base, new MagnetProcessing(GbdTbWtPct: tbWtPct, ThicknessMm: thicknessMm)).CoercivityKAm;

    [Fact]
    public void The_effective_amount_saturates_at_the_stated_level() =>
        Assert.Equal(MagnetPropertyModel.GbdSaturationWtPct, MagnetPropertyModel.EffectiveDiffusedWtPct(50, 5), 9);

    [Fact]
    public void The_gain_per_wt_percent_falls_as_more_Tb_is_diffused()
    {
        var g1 = HcJ(0.3) - HcJ(0);
        var g2 = HcJ(0.6) - HcJ(0.3);
        var g3 = HcJ(0.9) - HcJ(0.6);
        Assert.True(g1 > g2 && g2 > g3 && g3 > 0, $"{g1:F0} {g2:F0} {g3:F0}");
    }

    [Fact]
    public void HcJ_never_falls_with_more_diffused_Tb_and_thicker_magnets_gain_less() =>
        Gen.Select(Gen.Double[0, 2], Gen.Double[0, 0.5], Gen.Double[5, 30]).Sample((w, dw, t) =>
            HcJ(w + dw, t) >= HcJ(w, t) - 1e-9 && HcJ(w, t + 5) <= HcJ(w, t) + 1e-9);

    [Fact]
    public void Below_the_reference_thickness_the_thickness_does_not_matter() =>
        Assert.Equal(HcJ(0.5, 2), HcJ(0.5, 5), 9);
}
