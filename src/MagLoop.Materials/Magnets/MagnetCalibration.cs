namespace MagLoop.Materials.Magnets;

/// <summary>How far a calibration point's inputs come from its source.</summary>
public enum CalibrationSourceKind
{
    /// <summary>A paper: composition (at least the rare earths) and properties as published.</summary>
    Paper,
    /// <summary>A vendor datasheet: properties of a grade; the composition is an engineering assumption.</summary>
    Datasheet,
}

/// <summary>One measured property set the model is fitted to (or, for validation points, compared with).</summary>
/// <param name="Id">Short name.</param>
/// <param name="Kind">Paper or datasheet.</param>
/// <param name="Source">Citation and what was read there (docs/references.md [M..] ids).</param>
/// <param name="Assumptions">What the source does not give and was assumed.</param>
/// <param name="Composition">Composition of the magnet before any grain-boundary diffusion, wt% ("Nd=..,Fe=bal").</param>
/// <param name="Processing">Density ratio, grain size and diffusion.</param>
/// <param name="RemanenceT">Measured Br, T, or null when the source gives none.</param>
/// <param name="CoercivityKAm">Measured HcJ, kA/m.</param>
/// <param name="EnergyProductKJm3">Measured (BH)max, kJ/m3, or null.</param>
/// <param name="Validation">True for points kept out of the fit and only compared with.</param>
public sealed record CalibrationPoint(
    string Id,
    CalibrationSourceKind Kind,
    string Source,
    string Assumptions,
    string Composition,
    MagnetProcessing Processing,
    double? RemanenceT,
    double CoercivityKAm,
    double? EnergyProductKJm3,
    bool Validation = false)
{
    /// <summary>The composition parsed.</summary>
    public Composition ParsedComposition => Materials.Composition.ParseWeightPercent(Composition);
}

/// <summary>Relative residuals (predicted / measured - 1) of one point; null where nothing was measured.</summary>
/// <param name="Point">The point.</param>
/// <param name="Predicted">The model's prediction.</param>
/// <param name="Remanence">Br residual.</param>
/// <param name="Coercivity">HcJ residual.</param>
/// <param name="EnergyProduct">(BH)max residual.</param>
public sealed record CalibrationResidual(CalibrationPoint Point, MagnetProperties Predicted, double? Remanence, double Coercivity, double? EnergyProduct);

/// <summary>Result of a calibration: fitted parameters, residuals, root-mean-square errors and the error bands.</summary>
/// <param name="Parameters">Fitted parameters.</param>
/// <param name="Residuals">Residuals of every point (calibration and validation).</param>
/// <param name="RemanenceRms">RMS relative Br residual over the calibration points.</param>
/// <param name="CoercivityRms">RMS relative HcJ residual over the calibration points.</param>
/// <param name="EnergyProductRms">RMS relative (BH)max residual over the calibration points.</param>
public sealed record CalibrationResult(
    MagnetModelParameters Parameters,
    IReadOnlyList<CalibrationResidual> Residuals,
    double RemanenceRms,
    double CoercivityRms,
    double EnergyProductRms)
{
    /// <summary>Error bands: twice the RMS relative residuals (about 95 % for normal errors).</summary>
    public MagnetUncertainty Bands => new(2 * RemanenceRms, 2 * CoercivityRms, 2 * EnergyProductRms);
}

/// <summary>
/// Calibration of <see cref="MagnetPropertyModel"/>: the data (<see cref="Points"/>, each with its source and
/// what was assumed) and the least-squares fit of the free parameters (<see cref="Fit"/>).
/// </summary>
public static class MagnetCalibration
{
    private static MagnetProcessing P(double grainUm, double tb = 0, double density = 0.99) =>
        new(DensityRatio: density, GrainSizeUm: grainUm, GbdTbWtPct: tb);

    private const string GradeComposition =
        "composition: engineering assumption, a typical recipe for the grade (no vendor publishes one); lower grades with more rare earth and oxygen (O 0.06-0.45 wt%, C 0.04-0.06 wt%); HcJ: datasheet minimum x 1.05 (production lots clear the guaranteed minimum); Br and (BH)max: middle of the datasheet range";

    /// <summary>
    /// The calibration set. Datasheet points give a grade's property ranges (middle taken; HcJ is a minimum);
    /// papers give measured sets. Every assumption is stated with the point.
    /// </summary>
    public static IReadOnlyList<CalibrationPoint> Points { get; } =
    [
        // --- Vendor datasheets: N series [M3] Shanghai Magnet grade table (also sdsdxt.com, chinamagnetfactory.com: same ranges).
        new("N35", CalibrationSourceKind.Datasheet, "[M3] N35: Br 1.17-1.22 T, HcJ >= 955 kA/m, (BH)max 263-287 kJ/m3", GradeComposition,
            "Nd=25.5,Pr=7.5,B=1.0,Co=0.5,Cu=0.15,Al=0.5,Nb=0.2,O=0.45,C=0.06,Fe=bal", P(6, density: 0.975), 1.195, 955 * 1.05, 275),
        new("N42", CalibrationSourceKind.Datasheet, "[M3] N42: Br 1.28-1.32 T, HcJ >= 955 kA/m, (BH)max 318-342 kJ/m3", GradeComposition,
            "Nd=24,Pr=6.7,Dy=0.3,B=0.98,Co=1,Cu=0.12,Al=0.3,Ga=0.1,O=0.25,C=0.05,Fe=bal", P(5), 1.30, 955 * 1.05, 330),
        new("N48", CalibrationSourceKind.Datasheet, "[M3] N48: Br 1.37-1.42 T, HcJ >= 955 kA/m, (BH)max 358-390 kJ/m3", GradeComposition,
            "Nd=22.5,Pr=6.3,B=0.97,Co=1,Cu=0.12,Al=0.1,Ga=0.2,O=0.10,C=0.05,Fe=bal", P(4.5), 1.395, 955 * 1.05, 374),
        new("N52", CalibrationSourceKind.Datasheet, "[M3] N52: Br 1.42-1.46 T, HcJ >= 955 kA/m, (BH)max 390-422 kJ/m3", GradeComposition,
            "Nd=21.9,Pr=6.1,B=0.96,Co=1,Cu=0.12,Al=0.05,Ga=0.2,O=0.06,C=0.04,Fe=bal", P(4), 1.44, 955 * 1.05, 406),
        // --- Datasheets: H, SH, UH, EH by bulk Dy [M4] chinamagnetfactory.com (H), [M5] buymagnet.com (SH; UH/EH classes).
        new("42H", CalibrationSourceKind.Datasheet, "[M4] 42H: Br 1.28-1.32 T, HcJ >= 1353 kA/m, (BH)max 318-342 kJ/m3", GradeComposition,
            "Nd=21,Pr=6,Dy=2.5,B=0.96,Co=1.5,Cu=0.12,Al=0.25,Ga=0.15,O=0.12,C=0.05,Fe=bal", P(5), 1.30, 1353 * 1.05, 330),
        new("42SH", CalibrationSourceKind.Datasheet, "[M3] class minimum 1592 kA/m; 42 number: Br 1.28-1.32 T, (BH)max 318-342 kJ/m3 as every 42 grade", GradeComposition,
            "Nd=20,Pr=5.5,Dy=4,B=0.96,Co=2,Cu=0.15,Al=0.3,Ga=0.15,O=0.12,C=0.05,Fe=bal", P(4.5), 1.30, 1592 * 1.05, 330),
        new("38UH", CalibrationSourceKind.Datasheet, "[M3] class minimum 1990 kA/m; 38 number: Br 1.22-1.25 T, (BH)max 287-310 kJ/m3 as every 38 grade", GradeComposition,
            "Nd=17.5,Pr=5,Dy=7,B=0.97,Co=2.5,Cu=0.15,Al=0.4,Ga=0.2,O=0.12,C=0.05,Fe=bal", P(4.5), 1.235, 1990 * 1.05, 298),
        new("35EH", CalibrationSourceKind.Datasheet, "[M3] class minimum 2388 kA/m; 35 number: Br 1.17-1.22 T, (BH)max 263-287 kJ/m3 as every 35 grade", GradeComposition,
            "Nd=15.5,Pr=4.5,Dy=9.5,B=0.98,Co=3,Cu=0.15,Al=0.4,Ga=0.2,O=0.12,C=0.05,Fe=bal", P(4.5), 1.195, 2388 * 1.05, 275),
        // --- Datasheets: grain-boundary-diffused grades [M6] HL-MAG Dy/Tb diffusion table. Tb uptake assumed.
        new("G50SH", CalibrationSourceKind.Datasheet, "[M6] G50SH: Br 1.39-1.44 T, HcJ >= 1592 kA/m, (BH)max 374-398 kJ/m3", GradeComposition + "; diffused Tb 0.4 wt% assumed",
            "Nd=22.6,Pr=6.2,B=0.97,Co=1,Cu=0.15,Al=0.1,Ga=0.2,O=0.08,C=0.04,Fe=bal", P(4, tb: 0.4), 1.415, 1592 * 1.05, 386),
        new("G48UH", CalibrationSourceKind.Datasheet, "[M6] G48UH: Br 1.36-1.40 T, HcJ >= 1990 kA/m, (BH)max 358-382 kJ/m3", GradeComposition + "; diffused Tb 0.6 wt% assumed",
            "Nd=22,Pr=6,Dy=0.5,B=0.97,Co=1.2,Cu=0.15,Al=0.1,Ga=0.2,O=0.08,C=0.04,Fe=bal", P(4, tb: 0.6), 1.38, 1990 * 1.05, 370),
        new("G45EH", CalibrationSourceKind.Datasheet, "[M6] G45EH: Br 1.32-1.37 T, HcJ >= 2388 kA/m, (BH)max 334-366 kJ/m3", GradeComposition + "; diffused Tb 0.8 wt% assumed",
            "Nd=21,Pr=6,Dy=1.5,B=0.97,Co=1.5,Cu=0.15,Al=0.15,Ga=0.2,O=0.08,C=0.04,Fe=bal", P(4, tb: 0.8), 1.345, 2388 * 1.05, 350),
        new("G42AH", CalibrationSourceKind.Datasheet, "[M6] G42AH: Br 1.28-1.33 T, HcJ >= 2786 kA/m, (BH)max 318-342 kJ/m3", GradeComposition + "; diffused Tb 0.9 wt% assumed",
            "Nd=20,Pr=5.5,Dy=3,B=0.97,Co=2,Cu=0.15,Al=0.2,Ga=0.2,O=0.08,C=0.04,Fe=bal", P(4, tb: 0.9), 1.305, 2786 * 1.05, 330),
        // --- Papers.
        new("Sagawa1984", CalibrationSourceKind.Paper,
            "[M7] Sagawa et al. 1984, Nd15Fe77B8 (at%) sintered: (BH)max 290 kJ/m3 (via Yue et al. 2019, hpms-facts); Br 1.23 T and HcJ 960 kA/m as widely quoted (primary not read)",
            "O 0.3 wt%, C 0.05 wt%, grain size 10 um, density ratio 0.98: engineering assumptions for a 1984 laboratory magnet",
            "Nd=33.03,B=1.32,O=0.3,C=0.05,Fe=bal", P(10, density: 0.98), 1.23, 960, 290),
        new("Vasilenko2021", CalibrationSourceKind.Paper,
            "[M8] Vasilenko et al. 2021, Phys. Met. Metallogr. 122: (Nd,Dy)-Fe-B, 0.5 wt% Dy, O <= 0.20 wt%, grains ~3.5 um: HcJ > 13 kOe, (BH)max 48.5-49.5 MGOe (abstract)",
            "Nd 29.0, B 0.95, Co 1, Cu 0.1, Al 0.1, Ga 0.1 wt% and C 0.04 wt% assumed (abstract gives Dy and O only); HcJ taken as 13 kOe; Br not given",
            "Nd=29,Dy=0.5,B=0.95,Co=1,Cu=0.1,Al=0.1,Ga=0.1,O=0.2,C=0.04,Fe=bal", P(3.5), null, 13 * 1000 / (4 * Math.PI), 49 * MagnetGrade.KJm3PerMGOe),
        new("TbF3-before", CalibrationSourceKind.Paper,
            "[M9] JMMM 2017 (daneshyari 5490037): sintered Nd-Fe-Cu-B before TbF3 diffusion: Br 13.80 kG, HcJ 12.57 kOe (abstract)",
            "composition beyond 'Nd-Fe-Cu-B' assumed (Nd 29.5, B 0.95, Cu 0.2, Al 0.1, O 0.12, C 0.05 wt%), grain size 5 um",
            "Nd=29.5,B=0.95,Cu=0.2,Al=0.1,O=0.12,C=0.05,Fe=bal", P(5), 1.380, 12.57 * 1000 / (4 * Math.PI), null),
        new("TbF3-after", CalibrationSourceKind.Paper,
            "[M9] same magnet after TbF3 grain-boundary diffusion for 2 h: Br 13.49 kG, HcJ 21.70 kOe (abstract)",
            "as before; diffused Tb 0.5 wt% assumed (uptake not in the abstract; 0.3-0.6 wt% is usual)",
            "Nd=29.5,B=0.95,Cu=0.2,Al=0.1,O=0.12,C=0.05,Fe=bal", P(5, tb: 0.5), 1.349, 21.70 * 1000 / (4 * Math.PI), null),
        // --- Validation only: Ce substitution beyond the calibration range.
        new("Ce50-Aalen2024", CalibrationSourceKind.Paper,
            "[M10] Materials 17, 3110 (2024): Fe70.9(Ce0.5Nd0.5)18.8B5.8M4.5 at% sintered: mu0 Hc 1.29 T (1026 kA/m), Jr 1.02 T, (BH)max 176.5 kJ/m3 (abstract)",
            "M = Co 2.5, Al 1.0, Ga 0.5, Cu 0.5 at% (abstract: Co balance, Ti+Al+Ga+Cu < 2 at%; Ti taken as Al); O 0.3, C 0.05 wt%; grain size 5 um",
            "Nd=19.55,Ce=18.99,B=0.904,Co=2.124,Al=0.389,Ga=0.503,Cu=0.458,O=0.3,C=0.05,Fe=bal", P(5), 1.02, 1026, 176.5, Validation: true),
    ];

    /// <summary>Grid of diffusion efficiencies searched by <see cref="Fit"/>.</summary>
    public static IEnumerable<double> DiffusionEfficiencyGrid => Enumerable.Range(0, 181).Select(i => 1.0 + 0.05 * i);

    /// <summary>
    /// Fits alignment, alpha, Neff(1 um), the oxygen coefficient, the diffusion efficiency and the squareness to
    /// the non-validation points: weighted (relative) linear least squares for Br and HcJ at each diffusion
    /// efficiency of a grid, the efficiency with the least HcJ error kept; then the squareness.
    /// </summary>
    public static CalibrationResult Fit(IReadOnlyList<CalibrationPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var fitted = points.Where(p => !p.Validation).ToList();
        if (fitted.Count < 4) throw new MaterialsException("calibration needs at least four points");
        var template = new MagnetModelParameters(1, 1, 1, MagnetModelParameters.BanceDemagnetisingFactorPerLnUm, 0,
            MagnetModelParameters.DefaultGrainBoundaryExcessAtPct, 1, 1);

        MagnetModelParameters? best = null;
        var bestError = double.PositiveInfinity;
        foreach (var eta in DiffusionEfficiencyGrid)
        {
            var phases = fitted.Select(p => MagnetPropertyModel.Analyse(p.ParsedComposition, p.Processing, eta)).ToList();
            var alignment = FitAlignment(fitted, phases);
            var (alpha, n0, kO) = FitCoercivity(fitted, phases, template);
            var candidate = template with { Alignment = alignment, Alpha = alpha, DemagnetisingFactorAt1Um = n0, OxygenCoefficientTPerWtPct = kO, DiffusionEfficiency = eta };
            var error = fitted.Zip(phases).Sum(t =>
            {
                var r = MagnetPropertyModel.CoercivityT(t.Second, candidate) / (MagnetPropertyModel.Mu0 * 1000 * t.First.CoercivityKAm) - 1;
                return r * r;
            });
            if (error < bestError - 1e-15)
            {
                bestError = error;
                best = candidate;
            }
        }

        var parameters = best!;
        // Squareness: (BH)max / ideal, least squares in relative terms, at most 1.
        double num = 0, den = 0;
        foreach (var p in fitted.Where(p => p.EnergyProductKJm3 is not null))
        {
            var predicted = MagnetPropertyModel.Predict(p.ParsedComposition, p.Processing, parameters with { Squareness = 1 }, new MagnetUncertainty(0, 0, 0));
            var x = predicted.EnergyProductKJm3 / p.EnergyProductKJm3!.Value;
            num += x;
            den += x * x;
        }

        parameters = parameters with { Squareness = den > 0 ? Math.Min(1, num / den) : 1 };
        return Evaluate(points, parameters);
    }

    /// <summary>Residuals and RMS errors of <paramref name="parameters"/> on <paramref name="points"/>.</summary>
    public static CalibrationResult Evaluate(IReadOnlyList<CalibrationPoint> points, MagnetModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(parameters);
        var residuals = points.Select(p =>
        {
            var predicted = MagnetPropertyModel.Predict(p.ParsedComposition, p.Processing, parameters, MagnetUncertainty.Calibrated);
            return new CalibrationResidual(p, predicted,
                p.RemanenceT is { } br ? predicted.RemanenceT / br - 1 : null,
                predicted.CoercivityKAm / p.CoercivityKAm - 1,
                p.EnergyProductKJm3 is { } bh ? predicted.EnergyProductKJm3 / bh - 1 : null);
        }).ToList();
        var calibration = residuals.Where(r => !r.Point.Validation).ToList();
        return new CalibrationResult(parameters, residuals,
            Rms(calibration.Select(r => r.Remanence)), Rms(calibration.Select(r => (double?)r.Coercivity)), Rms(calibration.Select(r => r.EnergyProduct)));
    }

    private static double Rms(IEnumerable<double?> values)
    {
        var list = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return list.Count == 0 ? 0 : Math.Sqrt(list.Sum(v => v * v) / list.Count);
    }

    // Br = A x with x = f rho/rho0 Js; minimise sum ((A x - y) / y)^2.
    private static double FitAlignment(List<CalibrationPoint> points, List<MagnetPhaseAnalysis> phases)
    {
        double num = 0, den = 0;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].RemanenceT is not { } y) continue;
            var x = phases[i].HardPhaseVolumeFraction * phases[i].DensityRatio * phases[i].SaturationPolarisationT / y;
            num += x;
            den += x * x;
        }

        return num / den;
    }

    // mu0 HcJ + c ln(d) Js = alpha (g HA) - N0 Js - kO O, relative weights; kO held at 0 if the fit makes it negative.
    private static (double Alpha, double N0, double KO) FitCoercivity(List<CalibrationPoint> points, List<MagnetPhaseAnalysis> phases, MagnetModelParameters template)
    {
        var rows = new List<double[]>();
        var rhs = new List<double>();
        for (var i = 0; i < points.Count; i++)
        {
            var ph = phases[i];
            var y = points[i].CoercivityKAm * 1000 * MagnetPropertyModel.Mu0;
            var g = MagnetPropertyModel.GrainBoundaryFactor(ph.GrainBoundaryExcessAtPct, template.GrainBoundaryExcessAtPct);
            rows.Add([g * ph.AnisotropyFieldT / y, -ph.SaturationPolarisationT / y, -ph.OxygenWtPct / y]);
            rhs.Add((y + template.DemagnetisingFactorPerLnUm * Math.Log(ph.GrainSizeUm) * ph.SaturationPolarisationT) / y);
        }

        var full = LeastSquares(rows, rhs);
        if (full[2] >= 0) return (full[0], full[1], full[2]);
        var reduced = LeastSquares(rows.Select(r => r[..2]).ToList(), rhs);
        return (reduced[0], reduced[1], 0);
    }

    /// <summary>Solves min |A x - b| by the normal equations with Gaussian elimination (a few unknowns only).</summary>
    public static double[] LeastSquares(IReadOnlyList<double[]> rows, IReadOnlyList<double> rhs)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rhs);
        var n = rows[0].Length;
        var m = new double[n, n + 1];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++) m[i, j] += rows[r][i] * rows[r][j];
                m[i, n] += rows[r][i] * rhs[r];
            }
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++) if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            if (Math.Abs(m[pivot, col]) < 1e-300) throw new MaterialsException("calibration data cannot determine the parameters (singular normal equations)");
            for (var j = 0; j <= n; j++) (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var factor = m[r, col] / m[col, col];
                for (var j = col; j <= n; j++) m[r, j] -= factor * m[col, j];
            }
        }

        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = m[i, n] / m[i, i];
        return x;
    }
}
