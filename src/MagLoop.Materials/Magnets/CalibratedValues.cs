namespace MagLoop.Materials.Magnets;

// Results of MagnetCalibration.Fit on MagnetCalibration.Points, rounded (docs/model-magnet.md, "Fit").
// MagnetCalibrationTests re-runs the fit and checks these stay equal to it.
internal static class CalibratedValues
{
    public const double Alignment = 0.977;
    public const double AlignmentLossPerVolPct = 0.0100;
    public const double Alpha = 0.602;
    public const double DemagnetisingFactorAt1Um = 1.626;
    public const double OxygenCoefficientTPerWtPct = 0.335;
    public const double DiffusionEfficiency = 11.55;
    public const double Squareness = 0.979;

    // Error bands: twice the larger of the calibration and the held-out RMS relative residuals.
    public const double RemanenceBand = 0.042;
    public const double CoercivityBand = 0.188;
    public const double EnergyProductBand = 0.074;
}
