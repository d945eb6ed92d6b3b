namespace MagLoop.Materials.Magnets;

/// <summary>How far a calibration point's inputs come from its source.</summary>
public enum CalibrationSourceKind
{
    /// <summary>A paper: composition (at least the rare earths) and properties as published.</summary>
    Paper,
    /// <summary>A vendor datasheet: properties of a grade; the composition is an engineering assumption.</summary>
    Datasheet,
}

/// <summary>One measured property set the model is fitted to (calibration) or only compared with (held-out test).</summary>
/// <param name="Id">Short name.</param>
/// <param name="Kind">Paper or datasheet.</param>
/// <param name="Source">Citation and what was read there (docs/references.md [M..] ids).</param>
/// <param name="Assumptions">What the source does not give and was assumed.</param>
/// <param name="Composition">Composition of the magnet before any grain-boundary diffusion, wt% ("Nd=..,Fe=bal").</param>
/// <param name="Processing">Density ratio, grain size and diffusion.</param>
/// <param name="RemanenceT">Measured Br, T, or null when the source gives none.</param>
/// <param name="CoercivityKAm">Measured HcJ, kA/m.</param>
/// <param name="EnergyProductKJm3">Measured (BH)max, kJ/m3, or null.</param>
/// <param name="HeldOut">True for held-out test points: kept out of the fit and only compared with.</param>
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
    bool HeldOut = false)
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
/// <param name="Residuals">Residuals of every point (calibration and held-out test).</param>
/// <param name="RemanenceRms">RMS relative Br residual over the calibration points.</param>
/// <param name="CoercivityRms">RMS relative HcJ residual over the calibration points.</param>
/// <param name="EnergyProductRms">RMS relative (BH)max residual over the calibration points.</param>
/// <param name="HeldOutRemanenceRms">RMS relative Br residual over the held-out datasheet grades (the test).</param>
/// <param name="HeldOutCoercivityRms">RMS relative HcJ residual over the held-out datasheet grades.</param>
/// <param name="HeldOutEnergyProductRms">RMS relative (BH)max residual over the held-out datasheet grades.</param>
public sealed record CalibrationResult(
    MagnetModelParameters Parameters,
    IReadOnlyList<CalibrationResidual> Residuals,
    double RemanenceRms,
    double CoercivityRms,
    double EnergyProductRms,
    double HeldOutRemanenceRms,
    double HeldOutCoercivityRms,
    double HeldOutEnergyProductRms)
{
    /// <summary>
    /// Error bands: twice the larger of the calibration and the held-out RMS relative residuals (about 95 % for
    /// normal errors). The held-out grades are the test of what the model predicts for magnets it was not fitted
    /// to, so the bands follow them where they are wider.
    /// </summary>
    public MagnetUncertainty Bands => new(
        2 * Math.Max(RemanenceRms, HeldOutRemanenceRms),
        2 * Math.Max(CoercivityRms, HeldOutCoercivityRms),
        2 * Math.Max(EnergyProductRms, HeldOutEnergyProductRms));
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

    // Calibration points and the Ce-rich paper magnet; the held-out datasheet grades are added in Points.
    private static readonly CalibrationPoint[] PaperAndCalibrationPoints =
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
        // --- Held out (test only), outside the domain: Ce substitution beyond the calibration range.
        new("Ce50-Aalen2024", CalibrationSourceKind.Paper,
            "[M10] Materials 17, 3110 (2024): Fe70.9(Ce0.5Nd0.5)18.8B5.8M4.5 at% sintered: mu0 Hc 1.29 T (1026 kA/m), Jr 1.02 T, (BH)max 176.5 kJ/m3 (abstract)",
            "M = Co 2.5, Al 1.0, Ga 0.5, Cu 0.5 at% (abstract: Co balance, Ti+Al+Ga+Cu < 2 at%; Ti taken as Al); O 0.3, C 0.05 wt%; grain size 5 um",
            "Nd=19.55,Ce=18.99,B=0.904,Co=2.124,Al=0.389,Ga=0.503,Cu=0.458,O=0.3,C=0.05,Fe=bal", P(5), 1.02, 1026, 176.5, HeldOut: true),
    ];

    /// <summary>
    /// The calibration set, then the held-out test points (<see cref="CalibrationPoint.HeldOut"/>). Datasheet points give a grade's property ranges (middle taken; HcJ is a minimum);
    /// papers give measured sets. Every assumption is stated with the point.
    /// </summary>
    public static IReadOnlyList<CalibrationPoint> Points { get; } = [.. PaperAndCalibrationPoints, .. HeldOutGrades()];

    private static CalibrationPoint[] HeldOutGrades() =>
    [
        // --- Held out (test only): datasheet grades of other vendors than the calibration's, compositions by
        // DatasheetRecipe (interpolated from the calibration recipes, never set per point).
        HeldOutGrade("N38", "Arnold", "[M12] Arnold N38: Br 1260 mT typical, HcJ >= 955 kA/m, (BH)max 306 kJ/m3 typical", 1.260, 955, 306),
        HeldOutGrade("N40", "Arnold", "[M12] Arnold N40: Br 1285 mT typical, HcJ >= 955 kA/m, (BH)max 318 kJ/m3 typical", 1.285, 955, 318),
        HeldOutGrade("N45", "Arnold", "[M12] Arnold N45: Br 1350 mT typical, HcJ >= 955 kA/m, (BH)max 350 kJ/m3 typical", 1.350, 955, 350),
        HeldOutGrade("N50", "Arnold", "[M12] Arnold N50: Br 1425 mT typical, HcJ >= 955 kA/m, (BH)max 390 kJ/m3 typical", 1.425, 955, 390),
        HeldOutGrade("N52", "Arnold", "[M12] Arnold N52: Br 1450 mT typical, HcJ >= 876 kA/m, (BH)max 406 kJ/m3 typical", 1.450, 876, 406),
        HeldOutGrade("38M", "Arnold", "[M12] Arnold N38M: Br 1260 mT typical, HcJ >= 1114 kA/m, (BH)max 307 kJ/m3 typical", 1.260, 1114, 307),
        HeldOutGrade("45M", "Arnold", "[M12] Arnold N45M: Br 1350 mT typical, HcJ >= 1114 kA/m, (BH)max 354 kJ/m3 typical", 1.350, 1114, 354),
        HeldOutGrade("48M", "Arnold", "[M12] Arnold N48M: Br 1395 mT typical, HcJ >= 1114 kA/m, (BH)max 378 kJ/m3 typical", 1.395, 1114, 378),
        HeldOutGrade("38H", "Arnold", "[M12] Arnold N38H: Br 1260 mT typical, HcJ >= 1353 kA/m, (BH)max 307 kJ/m3 typical", 1.260, 1353, 307),
        HeldOutGrade("45H", "CMF", "[M4] 45H: Br 1.30-1.36 T, HcJ >= 1353 kA/m, (BH)max 326-358 kJ/m3", 1.33, 1353, 342),
        HeldOutGrade("48H", "CMF", "[M4] 48H: Br 1.37-1.43 T, HcJ >= 1353 kA/m, (BH)max 366-390 kJ/m3", 1.40, 1353, 378),
        HeldOutGrade("38SH", "KJ", "[M13] K&J Magnetics N38SH: Br 12.2-12.6 kG, HcJ > 20 kOe, (BH)max 36-38 MGOe", 1.24, 1592, 37 * MagnetGrade.KJm3PerMGOe),
        HeldOutGrade("40SH", "KJ", "[M13] K&J Magnetics N40SH: Br 12.6-12.9 kG, HcJ > 20 kOe, (BH)max 38-40 MGOe", 1.275, 1592, 39 * MagnetGrade.KJm3PerMGOe),
        HeldOutGrade("45SH", "KJ", "[M13] K&J Magnetics N45SH: Br 13.3-13.7 kG, HcJ > 19 kOe, (BH)max 43-45 MGOe", 1.35, 19000 / (4 * Math.PI), 44 * MagnetGrade.KJm3PerMGOe),
    ];

    private const string RecipeAssumption =
        "composition and processing: DatasheetRecipe of the grade (interpolated from the calibration recipes; an engineering assumption, no vendor publishes one); HcJ: datasheet minimum x 1.05 as for the calibration grades; Br and (BH)max: typical value, or the middle of the range";

    private static CalibrationPoint HeldOutGrade(string grade, string vendor, string source, double remanenceT, double coercivityMinimumKAm, double energyProductKJm3)
    {
        var (composition, processing) = DatasheetRecipe(MagnetGrade.Parse(grade));
        return new CalibrationPoint($"{grade}-{vendor}", CalibrationSourceKind.Datasheet, source, RecipeAssumption, composition, processing,
            remanenceT, coercivityMinimumKAm * 1.05, energyProductKJm3, HeldOut: true);
    }

    // The N-class recipes of the calibration set by grade number; the anchor recipe of every other class.
    private static (int Number, string Id)[] NAnchors => [(35, "N35"), (42, "N42"), (48, "N48"), (52, "N52")];

    private static (int Number, string Id) ClassAnchor(CoercivityClass c) => c switch
    {
        CoercivityClass.H => (42, "42H"),
        CoercivityClass.SH => (42, "42SH"),
        CoercivityClass.UH => (38, "38UH"),
        CoercivityClass.EH => (35, "35EH"),
        _ => throw new MaterialsException($"no calibration recipe for the {c} class"),
    };

    private sealed record Recipe(Dictionary<Component, double> WeightPercent, double DensityRatio, double GrainSizeUm);

    private static Recipe RecipeOf(string id)
    {
        var p = PaperAndCalibrationPoints.First(q => q.Id == id);
        var c = p.ParsedComposition;
        return new Recipe(Components.All.Where(k => k != Component.Fe).ToDictionary(k => k, k => 100 * c[k]), p.Processing.DensityRatio, p.Processing.GrainSizeUm);
    }

    private static Recipe Lerp(Recipe a, Recipe b, double t) => new(
        a.WeightPercent.Keys.ToDictionary(k => k, k => a.WeightPercent[k] + t * (b.WeightPercent[k] - a.WeightPercent[k])),
        a.DensityRatio + t * (b.DensityRatio - a.DensityRatio),
        a.GrainSizeUm + t * (b.GrainSizeUm - a.GrainSizeUm));

    private static Recipe NRecipe(int number)
    {
        var i = 0;
        while (i < NAnchors.Length - 2 && number > NAnchors[i + 1].Number) i++;
        var (n0, id0) = NAnchors[i];
        var (n1, id1) = NAnchors[i + 1];
        return Lerp(RecipeOf(id0), RecipeOf(id1), (number - n0) / (double)(n1 - n0));
    }

    private static Recipe ClassRecipe(int number, CoercivityClass c)
    {
        if (c == CoercivityClass.N) return NRecipe(number);
        if (c == CoercivityClass.M)
        {
            // Between N and H in proportion to the class minima (1114 between 955 and 1353 kA/m).
            var t = (MagnetGrade.ClassMinimumKAm(CoercivityClass.M) - MagnetGrade.ClassMinimumKAm(CoercivityClass.N))
                / (MagnetGrade.ClassMinimumKAm(CoercivityClass.H) - MagnetGrade.ClassMinimumKAm(CoercivityClass.N));
            return Lerp(NRecipe(number), ClassRecipe(number, CoercivityClass.H), t);
        }

        var (n0, id) = ClassAnchor(c);
        var anchor = RecipeOf(id);
        var at = NRecipe(number);
        var atAnchor = NRecipe(n0);
        // The class keeps its heavy rare earth; Nd+Pr moves with the N series; minor elements scale with it.
        var w = new Dictionary<Component, double>(anchor.WeightPercent);
        var light = anchor.WeightPercent[Component.Nd] + anchor.WeightPercent[Component.Pr];
        var shift = at.WeightPercent[Component.Nd] + at.WeightPercent[Component.Pr] - atAnchor.WeightPercent[Component.Nd] - atAnchor.WeightPercent[Component.Pr];
        w[Component.Nd] *= (light + shift) / light;
        w[Component.Pr] *= (light + shift) / light;
        foreach (var k in new[] { Component.Co, Component.B, Component.Cu, Component.Al, Component.Ga, Component.Nb, Component.O, Component.C })
            if (atAnchor.WeightPercent[k] > 0) w[k] = anchor.WeightPercent[k] * at.WeightPercent[k] / atAnchor.WeightPercent[k];
        return new Recipe(w, anchor.DensityRatio + at.DensityRatio - atAnchor.DensityRatio, anchor.GrainSizeUm + at.GrainSizeUm - atAnchor.GrainSizeUm);
    }

    /// <summary>
    /// The assumed composition ("Nd=..,Fe=bal", wt%) and processing of a datasheet grade, by a fixed rule from the
    /// calibration recipes so that held-out grades are never given a composition of their own: N class
    /// interpolated linearly in the grade number between the N35, N42, N48 and N52 recipes; H, SH, UH and EH keep
    /// their anchor recipe's Dy (42H, 42SH, 38UH, 35EH) with Nd+Pr shifted as the N series shifts between the
    /// anchor's number and this one, and O, C, B, Co, Cu, Al, Ga, Nb scaled as the N series scales them; M lies
    /// between N and H in proportion to the class minima. Grade numbers 35-52 only; AH has no recipe.
    /// </summary>
    public static (string Composition, MagnetProcessing Processing) DatasheetRecipe(MagnetGrade grade)
    {
        if (grade.Number is < 35 or > 52) throw new MaterialsException($"{grade}: recipes cover grade numbers 35-52 (the calibration recipes' range)");
        var r = ClassRecipe(grade.Number, grade.Class);
        var text = string.Join(",", r.WeightPercent.Where(p => p.Value > 1e-9).Select(p => FormattableString.Invariant($"{p.Key}={Math.Round(p.Value, 4)}"))) + ",Fe=bal";
        return (text, new MagnetProcessing(DensityRatio: Math.Round(r.DensityRatio, 4), GrainSizeUm: Math.Round(r.GrainSizeUm, 3)));
    }

    /// <summary>Grid of diffusion efficiencies searched by <see cref="Fit"/>.</summary>
    public static IEnumerable<double> DiffusionEfficiencyGrid => Enumerable.Range(0, 381).Select(i => 1.0 + 0.05 * i);

    /// <summary>
    /// Fits the alignment law (lean-magnet alignment and its loss per vol% of secondary phases), alpha, Neff(1 um), the oxygen coefficient, the diffusion efficiency and the squareness to
    /// the non-validation points: weighted (relative) linear least squares for Br and HcJ at each diffusion
    /// efficiency of a grid, the efficiency with the least HcJ error kept; then the squareness.
    /// </summary>
    public static CalibrationResult Fit(IReadOnlyList<CalibrationPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var fitted = points.Where(p => !p.HeldOut).ToList();
        if (fitted.Count < 4) throw new MaterialsException("calibration needs at least four points");
        var template = new MagnetModelParameters(1, 0, 1, 1, MagnetModelParameters.BanceDemagnetisingFactorPerLnUm, 0,
            MagnetModelParameters.DefaultGrainBoundaryExcessAtPct, 1, 1);

        MagnetModelParameters? best = null;
        var bestError = double.PositiveInfinity;
        foreach (var eta in DiffusionEfficiencyGrid)
        {
            var phases = fitted.Select(p => MagnetPropertyModel.Analyse(p.ParsedComposition, p.Processing, eta)).ToList();
            var (alignment, alignmentLoss) = FitAlignment(fitted, phases);
            var (alpha, n0, kO) = FitCoercivity(fitted, phases, template);
            var candidate = template with { Alignment = alignment, AlignmentLossPerVolPct = alignmentLoss, Alpha = alpha, DemagnetisingFactorAt1Um = n0, OxygenCoefficientTPerWtPct = kO, DiffusionEfficiency = eta };
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
        var calibration = residuals.Where(r => !r.Point.HeldOut).ToList();
        // The test set is the held-out datasheet grades; the Ce-rich paper magnet lies outside the domain and is shown apart.
        var test = residuals.Where(r => r.Point.HeldOut && r.Point.Kind == CalibrationSourceKind.Datasheet).ToList();
        return new CalibrationResult(parameters, residuals,
            Rms(calibration.Select(r => r.Remanence)), Rms(calibration.Select(r => (double?)r.Coercivity)), Rms(calibration.Select(r => r.EnergyProduct)),
            Rms(test.Select(r => r.Remanence)), Rms(test.Select(r => (double?)r.Coercivity)), Rms(test.Select(r => r.EnergyProduct)));
    }

    private static double Rms(IEnumerable<double?> values)
    {
        var list = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return list.Count == 0 ? 0 : Math.Sqrt(list.Sum(v => v * v) / list.Count);
    }

    // Br = (A0 - A1 v) x with x = f rho/rho0 Js and v the secondary-phase vol%; minimise sum ((Br - y) / y)^2.
    private static (double A0, double A1) FitAlignment(List<CalibrationPoint> points, List<MagnetPhaseAnalysis> phases)
    {
        var rows = new List<double[]>();
        var rhs = new List<double>();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].RemanenceT is not { } y) continue;
            var x = phases[i].HardPhaseVolumeFraction * phases[i].DensityRatio * phases[i].SaturationPolarisationT / y;
            rows.Add([x, -x * MagnetPropertyModel.SecondaryPhaseVolPct(phases[i])]);
            rhs.Add(1);
        }

        var a = LeastSquares(rows, rhs);
        return (a[0], a[1]);
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
