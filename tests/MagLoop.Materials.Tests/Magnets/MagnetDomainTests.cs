using MagLoop.Materials.Magnets;

namespace MagLoop.Materials.Tests.Magnets;

public sealed class MagnetDomainTests
{
    private static IEnumerable<Composition> Calibration =>
        MagnetCalibration.Points.Where(p => !p.HeldOut).Select(p => p.ParsedComposition);

    private static (double Min, double Max) Span(Func<Composition, double> wtPct) =>
        (Calibration.Min(wtPct), Calibration.Max(wtPct));

    [Fact]
    public void The_calibrated_ranges_are_the_span_of_the_calibration_magnets()
    {
        static void Covers((double Min, double Max) stated, (double Min, double Max) actual)
        {
            Assert.InRange(stated.Min, actual.Min - 0.05, actual.Min + 1e-9);
            Assert.InRange(stated.Max, actual.Max - 1e-9, actual.Max + 0.05);
        }

        Covers(MagnetDomain.CalibratedRareEarthWtPct, Span(c => 100 * c.RareEarthMassFraction));
        Covers(MagnetDomain.CalibratedBoronWtPct, Span(c => 100 * c[Component.B]));
        Covers(MagnetDomain.CalibratedIronWtPct, Span(c => 100 * c[Component.Fe]));
        Covers(MagnetDomain.CalibratedOxygenWtPct, Span(c => 100 * c[Component.O]));
        Assert.Equal(MagnetDomain.CalibratedMaxHeavyRareEarthWtPct, Calibration.Max(c => 100 * (c[Component.Dy] + c[Component.Tb])), 6);
    }

    [Fact]
    public void Calibration_magnets_raise_no_finding()
    {
        foreach (var p in MagnetCalibration.Points.Where(p => !p.HeldOut && p.Id != "Sagawa1984" && p.Id != "TbF3-before"))
            Assert.True(MagnetDomain.Assess(p.ParsedComposition, p.Processing).Count == 0, $"{p.Id}: {string.Join("; ", MagnetDomain.Assess(p.ParsedComposition, p.Processing))}");
    }

    [Fact]
    public void Heavy_steel_carry_over_is_an_error_naming_the_steel()
    {
        // 45 wt% steel in a magnet alloy: what heavy drum carry-over makes of the cut block.
        var alloy = Composition.ParseWeightPercent("Nd=17,Pr=4,Dy=1,B=0.55,Co=0.5,O=0.3,Steel=45,Fe=bal");
        var findings = MagnetDomain.Assess(alloy);
        var error = Assert.Single(findings, f => f.Cause == "non-magnet matter");
        Assert.Equal(DomainSeverity.Error, error.Severity);
        Assert.Contains("steel 45 wt%", error.Message, StringComparison.Ordinal);
        Assert.Throws<MaterialsException>(() => MagnetPropertyModel.CheckDomain(alloy));
    }

    [Fact]
    public void A_little_steel_is_a_warning_and_the_prediction_stands()
    {
        var alloy = Composition.ParseWeightPercent("Nd=23,Pr=6,Dy=1,B=0.97,Co=1,Cu=0.1,Al=0.2,O=0.2,C=0.05,Steel=2,Fe=bal");
        var finding = Assert.Single(MagnetDomain.Assess(alloy));
        Assert.Equal(("non-magnet matter", DomainSeverity.Warning), (finding.Cause, finding.Severity));
        MagnetPropertyModel.CheckDomain(alloy);
    }

    [Theory]
    [InlineData("Nd=24,Pr=6,B=0.97,Co=1,Cu=0.1,Al=0.2,O=0.7,C=0.05,Fe=bal", "oxygen")]
    [InlineData("Nd=26,Pr=7,Dy=3,B=0.97,Co=1,O=0.2,Fe=bal", "rare earth")]
    [InlineData("Nd=23,Pr=6,B=0.85,Co=1,O=0.2,Fe=bal", "boron")]
    [InlineData("Nd=14,Ce=15,B=0.97,Co=1,O=0.2,Fe=bal", "cerium")]
    public void Values_outside_the_calibrated_ranges_are_warnings_naming_the_cause(string composition, string cause)
    {
        var findings = MagnetDomain.Assess(Composition.ParseWeightPercent(composition));
        var finding = Assert.Single(findings, f => f.Cause == cause);
        Assert.Equal(DomainSeverity.Warning, finding.Severity);
        Assert.DoesNotContain(findings, f => f.Severity == DomainSeverity.Error);
    }

    [Fact]
    public void A_magnet_below_every_standard_grade_is_a_warning()
    {
        // Oxidised recycled powder: 0.6 wt% O leaves no grain-boundary phase, so no coercivity.
        var powder = Composition.ParseWeightPercent("Nd=21,Pr=5.5,Dy=1,Co=1,B=0.95,Cu=0.1,Al=0.2,O=0.6,Fe=bal");
        Assert.Null(MagnetPropertyModel.Predict(powder).Grade);
        var grade = Assert.Single(MagnetDomain.Assess(powder), f => f.Cause == "grade");
        Assert.Equal(DomainSeverity.Warning, grade.Severity);
        Assert.Contains("N28 needs 955 kA/m and 26 MGOe", grade.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_come_before_warnings_and_prevent_the_grade_check()
    {
        var findings = MagnetDomain.Assess(Composition.ParseWeightPercent("Nd=10,B=1,O=0.7,Fe=bal"));
        Assert.Equal(DomainSeverity.Error, findings[0].Severity);
        Assert.DoesNotContain(findings, f => f.Cause == "grade");
    }
}
