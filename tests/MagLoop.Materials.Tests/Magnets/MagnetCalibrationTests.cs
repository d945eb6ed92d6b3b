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

    // The bands are 2 RMS (about 95 %); three of the sixteen points lie outside, as docs/model-magnet.md lists:
    // Sagawa et al. 1984 (first-generation laboratory magnet, HcJ -21 %), the N35 and N42 datasheet points
    // ((BH)max +12.3 %, HcJ +16 %: lower grades carry more HcJ than their class minimum, which they are fitted to).
    [Fact]
    public void All_calibration_points_but_the_three_documented_outliers_lie_within_the_error_bands()
    {
        var bands = MagnetUncertainty.Calibrated;
        var outside = Fit.Residuals.Where(r => !r.Point.HeldOut).Where(r =>
                Math.Abs(r.Remanence ?? 0) > bands.RemanenceRelative || Math.Abs(r.Coercivity) > bands.CoercivityRelative
                || Math.Abs(r.EnergyProduct ?? 0) > bands.EnergyProductRelative)
            .Select(r => r.Point.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["N35", "N42", "Sagawa1984"], outside);
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
