namespace MagLoop.Materials.Magnets;

/// <summary>How far outside the model's domain a finding puts a magnet.</summary>
public enum DomainSeverity
{
    /// <summary>Outside the calibrated range, or below every grade: the prediction stands with less confidence.</summary>
    Warning,
    /// <summary>Not a sintered NdFeB magnet the model covers: no prediction.</summary>
    Error,
}

/// <summary>One reason a composition lies outside the magnet model's domain.</summary>
/// <param name="Severity">Warning or error.</param>
/// <param name="Cause">What causes it, one short word group ("rare earth", "boron", "non-magnet matter", "grade").</param>
/// <param name="Message">The value, the range it leaves and what that means.</param>
public sealed record DomainFinding(DomainSeverity Severity, string Cause, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Severity == DomainSeverity.Error ? "error" : "warning")}: {Cause}: {Message}";
}

/// <summary>
/// The magnet property model's domain (docs/model-magnet.md, "Domain"): hard limits outside which the model does
/// not describe the material (errors) and the ranges its calibration magnets span, outside which a prediction is
/// an extrapolation (warnings). A magnet that reaches no standard grade is a warning too.
/// </summary>
public static class MagnetDomain
{
    /// <summary>Calibrated range of total rare earth (Nd, Pr, Dy, Tb, Ce), wt%: the calibration magnets (N52 28.0 ... Sagawa 1984 33.03).</summary>
    public static readonly (double Min, double Max) CalibratedRareEarthWtPct = (28.0, 33.05);

    /// <summary>Calibrated range of boron, wt% (calibration magnets 0.95-1.32).</summary>
    public static readonly (double Min, double Max) CalibratedBoronWtPct = (0.95, 1.32);

    /// <summary>Calibrated range of iron, wt% (calibration magnets 64.1-69.6: Fe is the balance).</summary>
    public static readonly (double Min, double Max) CalibratedIronWtPct = (64.1, 69.6);

    /// <summary>Calibrated range of oxygen, wt% (calibration magnets 0.06-0.45).</summary>
    public static readonly (double Min, double Max) CalibratedOxygenWtPct = (0.06, 0.45);

    /// <summary>Largest bulk Dy + Tb of the calibration magnets, wt% (35EH: 9.5).</summary>
    public const double CalibratedMaxHeavyRareEarthWtPct = 9.5;

    /// <summary>
    /// Largest Ce share of the rare earth, by mass, before a warning: the calibration has no Ce, and the held-out
    /// 50 % Ce magnet's HcJ is predicted 82 % too low. 5 %: engineering limit.
    /// </summary>
    public const double MaxCeriumShareOfRareEarth = 0.05;

    /// <summary>
    /// Non-magnet matter (steel, polymer, other, Ni and Zn coating) above which a warning is given, wt%: the
    /// calibration magnets hold none, and the model only dilutes by it (no soft-magnetic or inclusion term).
    /// 0.5 wt%: engineering limit.
    /// </summary>
    public const double WarnNonMagnetWtPct = 0.5;

    /// <summary>
    /// Non-magnet matter above which the material is no magnet the model covers, wt% (an error). 5 wt%: engineering
    /// limit; steel inclusions at that level are a soft-magnetic phase that nucleates reversal, which no
    /// sintered-magnet datasheet describes.
    /// </summary>
    public const double MaxNonMagnetWtPct = 5;

    // Parsed wt% carry rounding of a few 1e-15; a calibration magnet at the edge of a range is inside it.
    private const double Tolerance = 1e-9;

    /// <summary>
    /// Every finding for <paramref name="composition"/> made as <paramref name="processing"/> says: errors first
    /// (then no prediction is made), warnings after; with no error, a warning when the predicted magnet reaches
    /// no standard grade. An empty list means inside the calibrated domain.
    /// </summary>
    public static IReadOnlyList<DomainFinding> Assess(Composition composition, MagnetProcessing? processing = null)
    {
        ArgumentNullException.ThrowIfNull(composition);
        var errors = new List<DomainFinding>();
        var warnings = new List<DomainFinding>();
        var rareEarth = 100 * composition.RareEarthMassFraction;
        var boron = 100 * composition[Component.B];
        var iron = 100 * composition[Component.Fe];
        var oxygen = 100 * composition[Component.O];
        var heavy = 100 * (composition[Component.Dy] + composition[Component.Tb]);
        var nonMagnet = 100 * (composition[Component.Steel] + composition[Component.Polymer] + composition[Component.Other]
            + composition[Component.Ni] + composition[Component.Zn]);

        if (nonMagnet > MaxNonMagnetWtPct)
            errors.Add(new(DomainSeverity.Error, "non-magnet matter",
                $"steel, polymer, coating and other matter make {nonMagnet:0.##} wt% (steel {100 * composition[Component.Steel]:0.##} wt%); the model covers sintered NdFeB with at most {MaxNonMagnetWtPct:0} wt%"));
        else if (nonMagnet > WarnNonMagnetWtPct)
            warnings.Add(new(DomainSeverity.Warning, "non-magnet matter",
                $"steel, polymer, coating and other matter make {nonMagnet:0.##} wt% (calibration magnets: none); the model only dilutes by it"));

        if (rareEarth is < MagnetPropertyModel.MinRareEarthWtPct or > MagnetPropertyModel.MaxRareEarthWtPct)
            errors.Add(new(DomainSeverity.Error, "rare earth",
                $"total rare earth (Nd, Pr, Dy, Tb, Ce) is {rareEarth:0.##} wt%; the magnet model covers sintered NdFeB with {MagnetPropertyModel.MinRareEarthWtPct:0}-{MagnetPropertyModel.MaxRareEarthWtPct:0} wt%"));
        else if (rareEarth < CalibratedRareEarthWtPct.Min - Tolerance || rareEarth > CalibratedRareEarthWtPct.Max + Tolerance)
            warnings.Add(new(DomainSeverity.Warning, "rare earth",
                $"total rare earth {rareEarth:0.##} wt% lies outside the calibrated {CalibratedRareEarthWtPct.Min:0.0#}-{CalibratedRareEarthWtPct.Max:0.0#} wt%"));

        if (boron is < MagnetPropertyModel.MinBoronWtPct or > MagnetPropertyModel.MaxBoronWtPct)
            errors.Add(new(DomainSeverity.Error, "boron",
                $"boron is {boron:0.###} wt%; the magnet model covers sintered NdFeB with {MagnetPropertyModel.MinBoronWtPct:0.0}-{MagnetPropertyModel.MaxBoronWtPct:0.0} wt% (Nd2Fe14B holds 1.0 wt%)"));
        else if (boron < CalibratedBoronWtPct.Min - Tolerance || boron > CalibratedBoronWtPct.Max + Tolerance)
            warnings.Add(new(DomainSeverity.Warning, "boron",
                $"boron {boron:0.###} wt% lies outside the calibrated {CalibratedBoronWtPct.Min:0.00}-{CalibratedBoronWtPct.Max:0.00} wt%"));

        if (iron < CalibratedIronWtPct.Min - Tolerance || iron > CalibratedIronWtPct.Max + Tolerance)
            warnings.Add(new(DomainSeverity.Warning, "iron",
                $"iron {iron:0.##} wt% lies outside the calibrated {CalibratedIronWtPct.Min:0.0}-{CalibratedIronWtPct.Max:0.0} wt%"));
        if (oxygen > CalibratedOxygenWtPct.Max + Tolerance)
            warnings.Add(new(DomainSeverity.Warning, "oxygen",
                $"oxygen {oxygen:0.###} wt% lies above the calibrated {CalibratedOxygenWtPct.Min:0.00}-{CalibratedOxygenWtPct.Max:0.00} wt%"));
        if (heavy > CalibratedMaxHeavyRareEarthWtPct + Tolerance)
            warnings.Add(new(DomainSeverity.Warning, "heavy rare earth",
                $"bulk Dy + Tb {heavy:0.##} wt% lies above the calibrated 0-{CalibratedMaxHeavyRareEarthWtPct:0.0} wt%"));
        if (rareEarth > 0 && composition[Component.Ce] / composition.RareEarthMassFraction > MaxCeriumShareOfRareEarth)
            warnings.Add(new(DomainSeverity.Warning, "cerium",
                $"Ce is {composition[Component.Ce] / composition.RareEarthMassFraction:P0} of the rare earth; the model is calibrated without Ce and predicts Ce-rich magnets' HcJ far too low"));

        if (errors.Count == 0)
        {
            var p = processing ?? MagnetProcessing.Default;
            var phases = MagnetPropertyModel.Analyse(composition, p, MagnetModelParameters.Calibrated.DiffusionEfficiency);
            if (!(phases.HardPhaseVolumeFraction > 0))
                errors.Add(new(DomainSeverity.Error, "hard phase", "no RE2Fe14B hard phase can form: oxygen and carbon bind the rare earth, or there is no transition metal"));
            else if (MagnetPropertyModel.Predict(composition, p) is { Grade: null } m)
                warnings.Add(new(DomainSeverity.Warning, "grade",
                    $"the magnet reaches no standard grade (HcJ {m.CoercivityKAm:F0} kA/m, (BH)max {m.EnergyProductMGOe:F1} MGOe; N28 needs {MagnetGrade.ClassMinimumKAm(CoercivityClass.N):F0} kA/m and {MagnetGrade.StandardNumbers[0] - MagnetGrade.SpanBelowMGOe:F0} MGOe)"));
        }

        return [.. errors, .. warnings];
    }

    /// <summary>The errors of <see cref="Assess"/>.</summary>
    public static IReadOnlyList<DomainFinding> Errors(IEnumerable<DomainFinding> findings) =>
        [.. findings.Where(f => f.Severity == DomainSeverity.Error)];
}
