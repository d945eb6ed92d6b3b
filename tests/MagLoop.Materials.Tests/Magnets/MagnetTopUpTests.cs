using MagLoop.Materials.Magnets;

namespace MagLoop.Materials.Tests.Magnets;

public sealed class MagnetTopUpTests
{
    // An oxidised recycled powder: 0.6 wt% O binds ~3.6 wt% rare earth and leaves no grain-boundary phase.
    private static readonly Composition Powder = Composition.ParseWeightPercent("Nd=21,Pr=5.5,Dy=1,Co=1,B=0.95,Cu=0.1,Al=0.2,O=0.6,Fe=bal");
    private static readonly Composition NdPr = Composition.ParseWeightPercent("Nd=75,Pr=25");

    [Fact]
    public void A_fresh_addition_must_be_rare_earth_metal()
    {
        MagnetTopUp.CheckFresh(NdPr);
        var e = Assert.Throws<MaterialsException>(() => MagnetTopUp.CheckFresh(Composition.ParseWeightPercent("Fe=100")));
        Assert.Contains("must be rare-earth metal", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oxidised_powder_alone_makes_no_grade() => Assert.Null(MagnetPropertyModel.Predict(Powder).Grade);

    [Fact]
    public void Fresh_NdPr_brings_the_powder_to_N38_and_the_addition_is_the_least()
    {
        var target = MagnetGrade.Parse("N38");
        var option = MagnetTopUp.Options(Powder, target, NdPr)[0];
        Assert.Equal(TopUpKind.FreshRareEarth, option.Kind);
        var x = Assert.NotNull(option.AdditionKgPerKgPowder);
        Assert.InRange(x, 0.005, 0.2);
        var at = MagnetPropertyModel.Predict(MagnetTopUp.Blend(Powder, NdPr, x));
        var below = MagnetPropertyModel.Predict(MagnetTopUp.Blend(Powder, NdPr, x * 0.99));
        Assert.True(target.IsMetBy(at.CoercivityKAm, at.EnergyProductKJm3));
        Assert.False(target.IsMetBy(below.CoercivityKAm, below.EnergyProductKJm3));
    }

    [Fact]
    public void Tb_diffusion_after_the_fresh_top_up_reaches_38SH_that_NdPr_alone_cannot()
    {
        var options = MagnetTopUp.Options(Powder, MagnetGrade.Parse("38SH"), NdPr);
        Assert.False(options[0].Reaches);
        var tb = options.Single(o => o.Kind == TopUpKind.DiffusedTb);
        Assert.True(tb.Reaches);
        Assert.True(tb.BaseFreshKgPerKgPowder > 0);
        Assert.Equal(CoercivityClass.SH, tb.Properties.Grade?.Class);
    }

    [Fact]
    public void A_powder_that_already_makes_the_grade_needs_nothing()
    {
        var good = Composition.ParseWeightPercent("Nd=23,Pr=6,Dy=0.3,Co=1,B=0.98,Cu=0.1,Al=0.1,Ga=0.1,O=0.1,C=0.04,Fe=bal");
        Assert.Equal(0, MagnetTopUp.Options(good, MagnetGrade.Parse("N40"), NdPr)[0].AdditionKgPerKgPowder);
    }

    [Fact]
    public void Blend_is_the_mass_weighted_mix()
    {
        var blend = MagnetTopUp.Blend(Powder, NdPr, 0.1);
        Assert.Equal((Powder[Component.Nd] + 0.075) / 1.1, blend[Component.Nd], 12);
    }
}
