namespace MagLoop.Materials.Magnets;

/// <summary>
/// How a sintered magnet was made, as far as its properties depend on it beyond composition.
/// </summary>
/// <param name="DensityRatio">
/// Sintered density over the full (pore-free) density of the phase mixture, 0-1. Default 0.99: engineering
/// assumption for vacuum-sintered magnets (7.5-7.6 g/cm3 measured against about 7.6 full density).
/// </param>
/// <param name="GrainSizeUm">Mean grain size after sintering, um. Default 5: the jet-milled 2-5 um powder grows slightly in sintering (engineering assumption).</param>
/// <param name="GbdDyWtPct">Dy added by grain-boundary diffusion, wt% of the finished magnet (default 0).</param>
/// <param name="GbdTbWtPct">Tb added by grain-boundary diffusion, wt% of the finished magnet (default 0).</param>
/// <param name="Alignment">
/// Mean cos(theta) of the grains' easy axes to the magnetising direction, or null for the model's
/// (<see cref="MagnetPropertyModel.AlignmentOf"/>).
/// </param>
/// <param name="ThicknessMm">
/// Magnet thickness along which Dy/Tb diffuses, mm. Default 5: engineering assumption (diffused grades are sold
/// up to about 5-6 mm thick); above <see cref="MagnetPropertyModel.GbdReferenceThicknessMm"/> diffusion saturates
/// at less (<see cref="MagnetPropertyModel.EffectiveDiffusedWtPct"/>).
/// </param>
public sealed record MagnetProcessing(double DensityRatio = 0.99, double GrainSizeUm = 5.0, double GbdDyWtPct = 0, double GbdTbWtPct = 0, double? Alignment = null, double ThicknessMm = 5)
{
    /// <summary>The defaults.</summary>
    public static MagnetProcessing Default { get; } = new();

    /// <summary>Throws <see cref="MaterialsException"/> for values outside their physical range.</summary>
    public void Validate()
    {
        if (!(DensityRatio is > 0 and <= 1)) throw new MaterialsException($"density ratio must be in (0, 1], got {DensityRatio}");
        if (!(GrainSizeUm is >= 0.05 and <= 100)) throw new MaterialsException($"grain size must be 0.05-100 um, got {GrainSizeUm}");
        if (!(GbdDyWtPct is >= 0 and <= 5)) throw new MaterialsException($"diffused Dy must be 0-5 wt%, got {GbdDyWtPct}");
        if (!(GbdTbWtPct is >= 0 and <= 5)) throw new MaterialsException($"diffused Tb must be 0-5 wt%, got {GbdTbWtPct}");
        if (Alignment is { } a && !(a is > 0 and <= 1)) throw new MaterialsException($"alignment <cos theta> must be in (0, 1], got {a}");
        if (!(ThicknessMm is >= 0.1 and <= 200)) throw new MaterialsException($"magnet thickness must be 0.1-200 mm, got {ThicknessMm}");
    }
}

/// <summary>
/// The few free parameters of <see cref="MagnetPropertyModel"/>. <see cref="Calibrated"/> holds the values fitted
/// by <see cref="MagnetCalibration.Fit"/> to <see cref="MagnetCalibration.Points"/> (docs/model-magnet.md).
/// </summary>
/// <param name="Alignment">
/// Mean cos(theta) of the grain easy axes of a magnet without secondary phases (Br = f rho/rho0 cos(theta) Js;
/// cos(theta) = Alignment - AlignmentLossPerVolPct x secondary-phase vol%, at most 1). Calibrated.
/// </param>
/// <param name="AlignmentLossPerVolPct">
/// Loss of mean cos(theta) per vol% of secondary phases (RE-rich grain-boundary metal, oxides, carbides, alpha-Fe):
/// grains rotate in the rare-earth-rich liquid during sintering and polycrystalline particles align less, so
/// rare-earth- and oxygen-rich lower grades are less well aligned (Nd-rich alloys align worse: J. Mater. Res.,
/// "Effect of Nd content on the magnetic properties and crystallographic alignment of Fe-Nd-B-Al sintered
/// magnets" [M14]). Calibrated.
/// </param>
/// <param name="Alpha">Kronmueller microstructure factor alpha of HcJ = alpha g HA - Neff Js. Calibrated.</param>
/// <param name="DemagnetisingFactorAt1Um">Effective demagnetising factor Neff of 1 um grains. Calibrated.</param>
/// <param name="DemagnetisingFactorPerLnUm">
/// Rise of Neff per unit ln(grain size / 1 um): 0.203, from Bance et al., J. Appl. Phys. 116, 233903 (2014),
/// Neff from 0.2 at 55 nm to 1.22 at 8.3 um in Dy-free Nd2Fe14B magnets. Fixed (not fitted).
/// </param>
/// <param name="OxygenCoefficientTPerWtPct">
/// Loss of mu0 HcJ per wt% O beyond what the oxide's consumption of rare earth already costs, T/wt%. Calibrated.
/// </param>
/// <param name="GrainBoundaryExcessAtPct">
/// Scale of the rare-earth-rich grain-boundary phase: g = 1 - exp(-excess / scale), excess being the at% of free
/// rare earth beyond the 2:14:1 phase. 0.3 at%: engineering assumption (commercial magnets carry 1-2 at% excess and
/// a continuous Nd-rich film; an alloy without excess has almost no coercivity).
/// </param>
/// <param name="DiffusionEfficiency">
/// How many times more a kg of Dy/Tb brought in by grain-boundary diffusion raises HA than the same kg alloyed
/// in the bulk: diffusion puts it in the grain shells where reversal nucleates. Calibrated on the TbF3 diffusion
/// pair of the calibration set.
/// </param>
/// <param name="Squareness">(BH)max over the ideal square-loop value min(Br^2/(4 mu0), HcJ (Br - mu0 HcJ)). Calibrated, at most 1.</param>
public sealed record MagnetModelParameters(
    double Alignment,
    double AlignmentLossPerVolPct,
    double Alpha,
    double DemagnetisingFactorAt1Um,
    double DemagnetisingFactorPerLnUm,
    double OxygenCoefficientTPerWtPct,
    double GrainBoundaryExcessAtPct,
    double DiffusionEfficiency,
    double Squareness)
{
    /// <summary>Neff of Bance et al. 2014 per ln(um).</summary>
    public const double BanceDemagnetisingFactorPerLnUm = 0.203;

    /// <summary>Scale of the grain-boundary excess, at% (engineering assumption).</summary>
    public const double DefaultGrainBoundaryExcessAtPct = 0.3;

    /// <summary>
    /// Values fitted to the calibration set (MagnetCalibration.Fit, rounded; a test keeps them equal to a fresh fit).
    /// </summary>
    public static MagnetModelParameters Calibrated { get; } = new(
        Alignment: CalibratedValues.Alignment,
        AlignmentLossPerVolPct: CalibratedValues.AlignmentLossPerVolPct,
        Alpha: CalibratedValues.Alpha,
        DemagnetisingFactorAt1Um: CalibratedValues.DemagnetisingFactorAt1Um,
        DemagnetisingFactorPerLnUm: BanceDemagnetisingFactorPerLnUm,
        OxygenCoefficientTPerWtPct: CalibratedValues.OxygenCoefficientTPerWtPct,
        GrainBoundaryExcessAtPct: DefaultGrainBoundaryExcessAtPct,
        DiffusionEfficiency: CalibratedValues.DiffusionEfficiency,
        Squareness: CalibratedValues.Squareness);
}
