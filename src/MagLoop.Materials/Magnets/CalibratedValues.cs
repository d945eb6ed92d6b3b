namespace MagLoop.Materials.Magnets;

// Results of MagnetCalibration.Fit on MagnetCalibration.Points, rounded to three decimals
// (docs/model-magnet.md, "Fit"). MagnetCalibrationTests re-runs the fit and checks these stay equal to it.
internal static class CalibratedValues
{
    public const double Alignment = 0.922;
    public const double Alpha = 0.591;
    public const double DemagnetisingFactorAt1Um = 1.570;
    public const double OxygenCoefficientTPerWtPct = 0.332;
    public const double DiffusionEfficiency = 7.9;
    public const double Squareness = 0.977;

    // Error bands: twice the RMS relative residuals of the calibration points.
    public const double RemanenceBand = 0.054;
    public const double CoercivityBand = 0.151;
    public const double EnergyProductBand = 0.123;
}
