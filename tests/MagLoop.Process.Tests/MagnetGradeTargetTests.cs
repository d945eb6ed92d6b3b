using MagLoop.Materials;
using MagLoop.Materials.Magnets;

namespace MagLoop.Process.Tests;

public sealed class MagnetGradeTargetTests
{
    private const double Unlimited = 1e12;

    // Powder short of rare earth: 0.7 wt% O binds about 4 wt% of it.
    private static MassStream LeanPowder =>
        MassStream.Of(Composition.ParseWeightPercent("Nd=21,Pr=5.5,Dy=1.5,Co=1,B=0.95,Cu=0.1,Al=0.2,O=0.7,H=0.05,Fe=bal"), 100_000.0);

    private static Blending.Parameters WithTarget(string grade) =>
        new(Samples.NdPr, 0.30, Unlimited, DownstreamOxygenKgPerKg: 0.001, TargetGrade: new MagnetGradeTarget(MagnetGrade.Parse(grade), MagnetProcessing.Default));

    [Fact]
    public void Without_a_target_grade_blending_keeps_the_free_rare_earth_target()
    {
        var plain = new Blending.Parameters(Samples.NdPr, 0.30, Unlimited, DownstreamOxygenKgPerKg: 0.001);
        Assert.Equal(Blending.FreshKgPerKgPowder(LeanPowder, plain), Blending.FreshKgPerKgPowder(LeanPowder, plain with { TargetGrade = null }));
        Assert.Equal(0.30, Blending.MilledFreeRareEarthFraction(Blending.Run(LeanPowder, plain).Blend, 0.001), 12);
    }

    [Fact]
    public void A_target_grade_adds_the_least_fresh_rare_earth_that_makes_it()
    {
        var parameters = WithTarget("N35");
        var x = Blending.FreshKgPerKgPowder(LeanPowder, parameters);
        Assert.True(x > 0);
        var target = parameters.TargetGrade!;
        var at = target.Predict(Blending.Milled(Blending.Run(LeanPowder, parameters).Blend, 0.001));
        Assert.True(target.Grade.IsMetBy(at.CoercivityKAm, at.EnergyProductKJm3));
        var less = target.Predict(Blending.Milled(LeanPowder + MassStream.Of(Samples.NdPr, LeanPowder.TotalKgPerYear * x * 0.98), 0.001));
        Assert.False(target.Grade.IsMetBy(less.CoercivityKAm, less.EnergyProductKJm3));
    }

    [Fact]
    public void A_coercivity_class_rare_earth_cannot_reach_is_a_process_error_that_points_to_diffusion()
    {
        var e = Assert.Throws<UnreachableGradeException>(() => Blending.FreshKgPerKgPowder(LeanPowder, WithTarget("40UH")));
        Assert.Contains("grain-boundary diffusion", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grade_number_rare_earth_cannot_reach_says_that_BHmax_falls_short_not_coercivity()
    {
        var e = Assert.Throws<UnreachableGradeException>(() => Blending.FreshKgPerKgPowder(LeanPowder, WithTarget("N52")));
        Assert.Contains("(BH)max falls short", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("grain-boundary diffusion", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_magnet_composition_leaves_out_hydrogen_and_organics()
    {
        var c = MagnetGradeTarget.MagnetComposition(LeanPowder + MassStream.Pure(Component.Polymer, 100));
        Assert.Equal(0, c[Component.H]);
        Assert.Equal(0, c[Component.Polymer]);
    }
}
