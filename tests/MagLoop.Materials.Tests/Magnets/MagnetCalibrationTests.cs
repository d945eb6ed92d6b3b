using MagLoop.Materials.Magnets;

namespace MagLoop.Materials.Tests.Magnets;

public sealed class MagnetCalibrationTests
{
    private static readonly CalibrationResult Fit = MagnetCalibration.Fit(MagnetCalibration.Points);

    [Fact]
    public void Calibrated_parameters_are_the_fit_of_the_calibration_set()
    {
        var fitted = Fit.Parameters;
        var used = MagnetModelParameters.Calibrated;
        Assert.Equal(fitted.Alignment, used.Alignment, 3);
        Assert.Equal(fitted.AlignmentLossPerVolPct, used.AlignmentLossPerVolPct, 3);
        Assert.Equal(fitted.Alpha, used.Alpha, 3);
        Assert.Equal(fitted.DemagnetisingFactorAt1Um, used.DemagnetisingFactorAt1Um, 3);
        Assert.Equal(fitted.OxygenCoefficientTPerWtPct, used.OxygenCoefficientTPerWtPct, 3);
        Assert.Equal(fitted.DiffusionEfficiency, used.DiffusionEfficiency, 2);
        Assert.Equal(fitted.Squareness, used.Squareness, 3);
    }

    [Fact]
    public void Error_bands_are_twice_the_rms_residuals()
    {
        Assert.Equal(Fit.Bands.RemanenceRelative, MagnetUncertainty.Calibrated.RemanenceRelative, 3);
        Assert.Equal(Fit.Bands.CoercivityRelative, MagnetUncertainty.Calibrated.CoercivityRelative, 3);
        Assert.Equal(Fit.Bands.EnergyProductRelative, MagnetUncertainty.Calibrated.EnergyProductRelative, 3);
    }

    [Fact]
    public void Rms_errors_meet_the_targets_Br_3_percent_HcJ_10_percent()
    {
        Assert.True(Fit.RemanenceRms <= 0.03, $"Br RMS {Fit.RemanenceRms:P2}");
        Assert.True(Fit.CoercivityRms <= 0.10, $"HcJ RMS {Fit.CoercivityRms:P2}");
    }

    // The bands are twice the larger RMS (calibration or held-out, about 95 %). Two points lie outside, as
    // docs/model-magnet.md lists: Sagawa et al. 1984 (first-generation laboratory magnet, HcJ -21 %) and the
    // held-out 48H (its recipe, extrapolated from 42H, is boron-limited and lean: HcJ -22 %).
    [Fact]
    public void All_points_but_the_two_documented_outliers_lie_within_the_error_bands()
    {
        var bands = MagnetUncertainty.Calibrated;
        var outside = Fit.Residuals.Where(r => r.Point.Kind == CalibrationSourceKind.Datasheet || !r.Point.HeldOut).Where(r =>
                Math.Abs(r.Remanence ?? 0) > bands.RemanenceRelative || Math.Abs(r.Coercivity) > bands.CoercivityRelative
                || Math.Abs(r.EnergyProduct ?? 0) > bands.EnergyProductRelative)
            .Select(r => r.Point.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["48H-CMF", "Sagawa1984"], outside);
    }

    // The test: grades of other vendors than the calibration's, compositions by the fixed recipe rule.
    [Fact]
    public void Held_out_datasheet_grades_are_predicted_within_Br_3_percent_and_BHmax_5_percent_RMS()
    {
        Assert.True(Fit.HeldOutRemanenceRms <= 0.03, $"held-out Br RMS {Fit.HeldOutRemanenceRms:P2}");
        Assert.True(Fit.HeldOutEnergyProductRms <= 0.05, $"held-out (BH)max RMS {Fit.HeldOutEnergyProductRms:P2}");
        Assert.True(Fit.HeldOutCoercivityRms <= 0.10, $"held-out HcJ RMS {Fit.HeldOutCoercivityRms:P2}");
    }

    [Fact]
    public void The_held_out_set_holds_fourteen_datasheet_grades_none_of_them_fitted()
    {
        var heldOut = MagnetCalibration.Points.Where(p => p.HeldOut && p.Kind == CalibrationSourceKind.Datasheet).ToList();
        Assert.Equal(14, heldOut.Count);
        var fitted = MagnetCalibration.Points.Where(p => !p.HeldOut).Select(p => p.Source).ToHashSet();
        Assert.All(heldOut, p => Assert.DoesNotContain(p.Source, fitted));
    }

    [Fact]
    public void Held_out_recipes_follow_the_rule_not_the_point()
    {
        // N45 lies halfway between the N42 and N48 calibration recipes.
        var (text, processing) = MagnetCalibration.DatasheetRecipe(MagnetGrade.Parse("N45"));
        var n45 = Composition.ParseWeightPercent(text);
        var n42 = MagnetCalibration.Points.Single(p => p.Id == "N42").ParsedComposition;
        var n48 = MagnetCalibration.Points.Single(p => p.Id == "N48").ParsedComposition;
        Assert.Equal((n42[Component.Nd] + n48[Component.Nd]) / 2, n45[Component.Nd], 6);
        Assert.Equal((n42[Component.O] + n48[Component.O]) / 2, n45[Component.O], 6);
        Assert.Equal(4.75, processing.GrainSizeUm, 9);
    }

    // Before the alignment law (one alignment 0.922 for every magnet) no magnet could pass 0.922 x 0.99 x 1.60 T
    // = 1.46 T and the N52 recipe gave 1.388 T; secondary phases now cost alignment, so a lean low-oxygen magnet
    // (28.5 wt% rare earth, 0.05 wt% O, density 99.5 %) reaches the N52 datasheet range 1.43-1.48 T [M12].
    [Fact]
    public void A_lean_low_oxygen_magnet_reaches_the_N52_remanence()
    {
        var lean = Composition.ParseWeightPercent("Nd=22.3,Pr=6.2,B=0.99,Co=1,Cu=0.12,Ga=0.2,Al=0.05,O=0.05,C=0.04,Fe=bal");
        var m = MagnetPropertyModel.Predict(lean, new MagnetProcessing(DensityRatio: 0.995, GrainSizeUm: 4));
        Assert.InRange(m.RemanenceT, 1.43, 1.48);
        Assert.Equal(new MagnetGrade(52, CoercivityClass.N), m.Grade);
    }

    [Fact]
    public void Alignment_falls_with_the_secondary_phase_volume_and_never_exceeds_one()
    {
        var p = MagnetModelParameters.Calibrated;
        Assert.True(p.AlignmentLossPerVolPct > 0);
        Assert.InRange(p.Alignment, 0.9, 1.0);
        var n35 = MagnetCalibration.Points.Single(q => q.Id == "N35");
        var n52 = MagnetCalibration.Points.Single(q => q.Id == "N52");
        double A(CalibrationPoint q) => MagnetPropertyModel.AlignmentOf(MagnetPropertyModel.Analyse(q.ParsedComposition, q.Processing, p.DiffusionEfficiency), p);
        Assert.True(A(n52) > A(n35));
    }

    [Fact]
    public void Alpha_and_Neff_are_in_the_range_reported_for_sintered_magnets()
    {
        // Fukada et al. 2012 and Bance et al. 2014: alpha below 1, Neff of micrometre grains about 1-2.
        Assert.InRange(MagnetModelParameters.Calibrated.Alpha, 0.3, 1.0);
        Assert.InRange(MagnetPropertyModel.DemagnetisingFactor(5, MagnetModelParameters.Calibrated), 0.8, 2.5);
    }

    [Fact]
    public void Every_point_cites_a_source_and_its_composition_parses()
    {
        foreach (var p in MagnetCalibration.Points)
        {
            Assert.StartsWith("[M", p.Source, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(p.Assumptions));
            Assert.True(p.ParsedComposition.RareEarthMassFraction > 0.25, p.Id);
        }
    }

    [Fact]
    public void Least_squares_solves_an_exact_system()
    {
        var x = MagnetCalibration.LeastSquares([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]], [1.0, 4.0, 3.0]);
        Assert.Equal(1.0, x[0], 12);
        Assert.Equal(2.0, x[1], 12);
    }
}
