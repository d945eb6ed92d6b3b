namespace MagLoop.Materials.Magnets;

/// <summary>
/// The phase balance of a sintered magnet: what the model computes from composition and processing before the
/// calibrated parameters enter. Exposed so that calibration can fit those parameters by linear least squares.
/// </summary>
/// <param name="HardPhaseVolumeFraction">Volume fraction f of the RE2(Fe,Co,Al)14B phase in pore-free material.</param>
/// <param name="FullDensityGcm3">Density of the pore-free phase mixture rho0, g/cm3.</param>
/// <param name="DensityGcm3">Density of the magnet, rho = density ratio x rho0, g/cm3.</param>
/// <param name="SaturationPolarisationT">Js of the hard phase, T (site-fraction mix, diluted by Al on Fe sites).</param>
/// <param name="AnisotropyFieldT">
/// mu0 HA of the hard phase, T, interpolated linearly in rare-earth site fraction (as Js); diffused Dy/Tb
/// weighted by the diffusion efficiency.
/// </param>
/// <param name="GrainBoundaryExcessAtPct">Free rare earth beyond the 2:14:1 phase, at% of all atoms (the grain-boundary phase).</param>
/// <param name="OxygenWtPct">Oxygen, wt%.</param>
/// <param name="HeavyRareEarthSiteFraction">Share of the 2:14:1 rare-earth sites held by Dy and Tb (bulk).</param>
/// <param name="CobaltWtPct">Cobalt, wt%.</param>
/// <param name="DensityRatio">rho / rho0.</param>
/// <param name="GrainSizeUm">Grain size, um.</param>
/// <param name="Alignment">Alignment given in the processing, or null for the model's (<see cref="MagnetPropertyModel.AlignmentOf"/>).</param>
public sealed record MagnetPhaseAnalysis(
    double HardPhaseVolumeFraction,
    double FullDensityGcm3,
    double DensityGcm3,
    double SaturationPolarisationT,
    double AnisotropyFieldT,
    double GrainBoundaryExcessAtPct,
    double OxygenWtPct,
    double HeavyRareEarthSiteFraction,
    double CobaltWtPct,
    double DensityRatio,
    double GrainSizeUm,
    double? Alignment);

/// <summary>
/// Predicted properties of a sintered NdFeB magnet at room temperature, with the model's error bands
/// (absolute half-widths, from the calibration residuals).
/// </summary>
/// <param name="RemanenceT">Br, T.</param>
/// <param name="CoercivityKAm">Intrinsic coercivity HcJ, kA/m.</param>
/// <param name="EnergyProductKJm3">(BH)max, kJ/m3.</param>
/// <param name="DensityGcm3">Density, g/cm3.</param>
/// <param name="RemanenceTempCoefficientPctPerK">Reversible temperature coefficient of Br (alpha), %/K.</param>
/// <param name="CoercivityTempCoefficientPctPerK">Reversible temperature coefficient of HcJ (beta), %/K.</param>
/// <param name="Phases">The phase balance behind the numbers.</param>
/// <param name="RemanenceBandT">Error band of Br, +/- T.</param>
/// <param name="CoercivityBandKAm">Error band of HcJ, +/- kA/m.</param>
/// <param name="EnergyProductBandKJm3">Error band of (BH)max, +/- kJ/m3.</param>
public sealed record MagnetProperties(
    double RemanenceT,
    double CoercivityKAm,
    double EnergyProductKJm3,
    double DensityGcm3,
    double RemanenceTempCoefficientPctPerK,
    double CoercivityTempCoefficientPctPerK,
    MagnetPhaseAnalysis Phases,
    double RemanenceBandT,
    double CoercivityBandKAm,
    double EnergyProductBandKJm3)
{
    /// <summary>(BH)max in MGOe.</summary>
    public double EnergyProductMGOe => EnergyProductKJm3 / MagnetGrade.KJm3PerMGOe;

    /// <summary>The grade these properties reach, or null (below N28 or below the N class's 955 kA/m).</summary>
    public MagnetGrade? Grade => MagnetGrade.Classify(CoercivityKAm, EnergyProductKJm3);
}

/// <summary>
/// Physically based property model of sintered NdFeB (docs/model-magnet.md): composition (wt%, with O and C)
/// -> phase balance (oxygen and carbon bind rare earth as RE2O3 and RE2C3; the rest forms RE2(Fe,Co,Al)14B as far
/// as rare earth, boron and transition metal allow; free rare earth beyond it forms the grain-boundary phase)
/// -> Js and HA mixed by rare-earth site fraction (Herbst 1991) -> Br = f (rho/rho0) cos(theta) Js, cos(theta)
/// falling with the secondary-phase volume,
/// mu0 HcJ = alpha g mu0 HA - Neff(d) Js - kO wO (Kronmueller), (BH)max = s min(Br^2/(4 mu0), HcJ (Br - mu0 HcJ)).
/// Pure functions.
/// </summary>
public static class MagnetPropertyModel
{
    /// <summary>Vacuum permeability, T m/A.</summary>
    public const double Mu0 = 4e-7 * Math.PI;

    // Densities of the minor phases, g/cm3: Nd2O3 7.24 (handbook value); RE-rich grain-boundary metal and
    // carbides ~7.0 (Nd metal 7.01); alpha-Fe 7.87. Engineering values; they only move rho0 and f by tenths of a percent.
    private const double OxideDensityGcm3 = 7.24;
    private const double RestDensityGcm3 = 7.0;
    private const double IronDensityGcm3 = 7.87;

    /// <summary>Lowest total rare earth (Nd, Pr, Dy, Tb, Ce) of a composition in the model's domain, wt%: leaner recycled powder than any calibration magnet (28-38.5 wt%).</summary>
    public const double MinRareEarthWtPct = 20;

    /// <summary>Highest total rare earth in the model's domain, wt% (sintered grades hold 28-36 wt%; the Ce-rich calibration magnet 38.5).</summary>
    public const double MaxRareEarthWtPct = 40;

    /// <summary>Lowest boron in the model's domain, wt% (Nd2Fe14B holds 1.0 wt%; calibration magnets 0.90-1.32).</summary>
    public const double MinBoronWtPct = 0.7;

    /// <summary>Highest boron in the model's domain, wt%.</summary>
    public const double MaxBoronWtPct = 1.5;

    /// <summary>
    /// Throws <see cref="MaterialsException"/> with the first error of <see cref="MagnetDomain.Assess"/> when
    /// <paramref name="composition"/> is not a sintered NdFeB magnet or powder the model covers: total rare earth
    /// outside [<see cref="MinRareEarthWtPct"/>, <see cref="MaxRareEarthWtPct"/>] wt%, boron outside
    /// [<see cref="MinBoronWtPct"/>, <see cref="MaxBoronWtPct"/>] wt%, more than
    /// <see cref="MagnetDomain.MaxNonMagnetWtPct"/> wt% non-magnet matter, or no RE2Fe14B hard phase left once
    /// oxygen and carbon have bound their rare earth. Warnings do not throw.
    /// </summary>
    public static void CheckDomain(Composition composition)
    {
        if (MagnetDomain.Errors(MagnetDomain.Assess(composition)) is [var first, ..])
            throw new MaterialsException(first.Message);
    }

    /// <summary>Predicts the properties with the calibrated parameters and their error bands.</summary>
    public static MagnetProperties Predict(Composition composition, MagnetProcessing? processing = null) =>
        Predict(composition, processing ?? MagnetProcessing.Default, MagnetModelParameters.Calibrated, MagnetUncertainty.Calibrated);

    /// <summary>Predicts the properties with given parameters and error bands.</summary>
    public static MagnetProperties Predict(Composition composition, MagnetProcessing processing, MagnetModelParameters parameters, MagnetUncertainty uncertainty)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(uncertainty);
        var phases = Analyse(composition, processing, parameters.DiffusionEfficiency);
        return FromPhases(phases, parameters, uncertainty);
    }

    /// <summary>Properties from a phase balance (the calibrated part of the model).</summary>
    public static MagnetProperties FromPhases(MagnetPhaseAnalysis phases, MagnetModelParameters parameters, MagnetUncertainty uncertainty)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(uncertainty);
        var alignment = phases.Alignment ?? AlignmentOf(phases, parameters);
        var br = phases.HardPhaseVolumeFraction * phases.DensityRatio * alignment * phases.SaturationPolarisationT;
        var hcjT = Math.Max(0, CoercivityT(phases, parameters));
        var hcjKAm = hcjT / Mu0 / 1000;
        var bh = Math.Min(1.0, parameters.Squareness) * IdealEnergyProductJm3(br, hcjT) / 1000;
        return new MagnetProperties(
            RemanenceT: br,
            CoercivityKAm: hcjKAm,
            EnergyProductKJm3: bh,
            DensityGcm3: phases.DensityGcm3,
            RemanenceTempCoefficientPctPerK: RemanenceTempCoefficient(phases),
            CoercivityTempCoefficientPctPerK: CoercivityTempCoefficient(hcjKAm),
            Phases: phases,
            RemanenceBandT: uncertainty.RemanenceRelative * br,
            CoercivityBandKAm: uncertainty.CoercivityRelative * hcjKAm,
            EnergyProductBandKJm3: uncertainty.EnergyProductRelative * bh);
    }

    /// <summary>
    /// Mean cos(theta) of the grains: the lean-magnet alignment less the loss per vol% of secondary phases
    /// (everything but the hard phase, pores excluded), at most 1.
    /// </summary>
    public static double AlignmentOf(MagnetPhaseAnalysis phases, MagnetModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(parameters);
        return Math.Min(1, parameters.Alignment - parameters.AlignmentLossPerVolPct * SecondaryPhaseVolPct(phases));
    }

    /// <summary>Volume percent of the pore-free magnet that is not hard phase: 100 (1 - f).</summary>
    public static double SecondaryPhaseVolPct(MagnetPhaseAnalysis phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        return 100 * (1 - phases.HardPhaseVolumeFraction);
    }

    /// <summary>The grain-boundary factor g = 1 - exp(-excess / scale).</summary>
    public static double GrainBoundaryFactor(double excessAtPct, double scaleAtPct) =>
        excessAtPct <= 0 ? 0 : 1 - Math.Exp(-excessAtPct / scaleAtPct);

    /// <summary>Neff at a grain size: N(1 um) + slope ln(d / 1 um).</summary>
    public static double DemagnetisingFactor(double grainSizeUm, MagnetModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.DemagnetisingFactorAt1Um + parameters.DemagnetisingFactorPerLnUm * Math.Log(grainSizeUm);
    }

    /// <summary>mu0 HcJ, T, before clamping at zero.</summary>
    public static double CoercivityT(MagnetPhaseAnalysis phases, MagnetModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(parameters);
        var g = GrainBoundaryFactor(phases.GrainBoundaryExcessAtPct, parameters.GrainBoundaryExcessAtPct);
        return parameters.Alpha * g * phases.AnisotropyFieldT
            - DemagnetisingFactor(phases.GrainSizeUm, parameters) * phases.SaturationPolarisationT
            - parameters.OxygenCoefficientTPerWtPct * phases.OxygenWtPct;
    }

    /// <summary>
    /// (BH)max of an ideal square intrinsic loop, J/m3: Br^2/(4 mu0) when mu0 HcJ reaches Br/2, otherwise the
    /// product at the knee, HcJ (Br - mu0 HcJ). Never above Br^2/(4 mu0).
    /// </summary>
    public static double IdealEnergyProductJm3(double remanenceT, double coercivityT)
    {
        if (remanenceT <= 0 || coercivityT <= 0) return 0;
        return coercivityT >= remanenceT / 2
            ? remanenceT * remanenceT / (4 * Mu0)
            : coercivityT / Mu0 * (remanenceT - coercivityT);
    }

    /// <summary>
    /// Reversible temperature coefficient of Br, %/K: -0.12 for Dy-free, low-Co grades (vendor datasheets, N
    /// series), flatter with Co (+0.004 per wt%) and with Dy/Tb on the rare-earth sites (+0.05 per unit site
    /// fraction). Engineering fit to the datasheet ranges -0.12 (N) to -0.095 (diffused high-coercivity grades).
    /// </summary>
    public static double RemanenceTempCoefficient(MagnetPhaseAnalysis phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        return -0.12 + 0.004 * phases.CobaltWtPct + 0.05 * phases.HeavyRareEarthSiteFraction;
    }

    /// <summary>
    /// Reversible temperature coefficient of HcJ, %/K, interpolated in HcJ between vendor datasheet values:
    /// -0.76 at 955 kA/m (N), -0.70 at 1114 (M), -0.58 at 1592 (SH, HL-MAG normal grades), -0.46 at 2388 kA/m and
    /// above (HL-MAG diffused grades). A higher HcJ at room temperature leaves a smaller relative loss per kelvin.
    /// </summary>
    public static double CoercivityTempCoefficient(double coercivityKAm)
    {
        ReadOnlySpan<(double HcjKAm, double Beta)> table = [(955, -0.76), (1114, -0.70), (1592, -0.58), (2388, -0.46)];
        if (coercivityKAm <= table[0].HcjKAm) return table[0].Beta;
        for (var i = 1; i < table.Length; i++)
        {
            if (coercivityKAm <= table[i].HcjKAm)
            {
                var t = (coercivityKAm - table[i - 1].HcjKAm) / (table[i].HcjKAm - table[i - 1].HcjKAm);
                return table[i - 1].Beta + t * (table[i].Beta - table[i - 1].Beta);
            }
        }

        return table[^1].Beta;
    }

    /// <summary>
    /// Amount of diffused Dy/Tb of saturation (wt% of the magnet) at or below <see cref="GbdReferenceThicknessMm"/>:
    /// 0.6 wt%. Engineering assumption from the literature's shape, not a fit: commercial diffusion brings in 0.3-0.6
    /// wt% Tb, and beyond the grain shells more Tb enters the grains and lowers Br instead of raising HcJ (TbF3
    /// diffusion, [M9]); a Tb film thicker than about 3 um gives no further HcJ ([M16]).
    /// </summary>
    public const double GbdSaturationWtPct = 0.6;

    /// <summary>
    /// Thickness (along the diffusion, from two faces) up to which diffusion reaches the whole magnet, mm: 5.
    /// Engineering assumption: the HcJ increment falls with depth below a 0.3-1 mm sub-surface layer ([M15]);
    /// thicker magnets saturate at proportionally less (their core stays undiffused).
    /// </summary>
    public const double GbdReferenceThicknessMm = 5;

    /// <summary>
    /// The part of <paramref name="diffusedWtPct"/> (Dy + Tb brought in by grain-boundary diffusion, wt% of the
    /// magnet) that acts in the grain shells: w_sat (1 - exp(-w / w_sat)) with w_sat =
    /// <see cref="GbdSaturationWtPct"/> x min(1, <see cref="GbdReferenceThicknessMm"/> / thickness). The HcJ gain,
    /// linear in it, so saturates as a (1 - exp(-w / w0)); the slope at zero is 1 (a little Tb all acts).
    /// </summary>
    public static double EffectiveDiffusedWtPct(double diffusedWtPct, double thicknessMm)
    {
        if (!(diffusedWtPct > 0)) return 0;
        var saturation = GbdSaturationWtPct * Math.Min(1, GbdReferenceThicknessMm / thicknessMm);
        return saturation * (1 - Math.Exp(-diffusedWtPct / saturation));
    }

    /// <summary>
    /// The phase balance of a magnet of <paramref name="composition"/> (wt%, before any grain-boundary
    /// diffusion) made as <paramref name="processing"/> says.
    /// </summary>
    public static MagnetPhaseAnalysis Analyse(Composition composition, MagnetProcessing processing, double diffusionEfficiency)
    {
        ArgumentNullException.ThrowIfNull(composition);
        ArgumentNullException.ThrowIfNull(processing);
        processing.Validate();

        // Diffused Dy/Tb adds mass to the finished magnet: wt% of the final magnet.
        var gbdFraction = (processing.GbdDyWtPct + processing.GbdTbWtPct) / 100;
        var baseShare = 1 - gbdFraction;
        double MassFraction(Component c) => composition[c] * baseShare
            + (c == Component.Dy ? processing.GbdDyWtPct / 100 : c == Component.Tb ? processing.GbdTbWtPct / 100 : 0);
        double Moles(Component c) => MassFraction(c) / Components.MolarMassGPerMol(c);

        var reMoles = Components.RareEarths.ToDictionary(c => c, Moles);
        // Only the effective part of the diffused Dy/Tb sits in the grain shells; the rest acts as bulk (it enters
        // the grains or stays in the surface layer), so the gain saturates (EffectiveDiffusedWtPct).
        var diffusedWtPct = processing.GbdDyWtPct + processing.GbdTbWtPct;
        var effectiveShare = diffusedWtPct > 0 ? EffectiveDiffusedWtPct(diffusedWtPct, processing.ThicknessMm) / diffusedWtPct : 0;
        var diffusedMoles = new Dictionary<Component, double>
        {
            [Component.Dy] = effectiveShare * processing.GbdDyWtPct / 100 / Components.MolarMassGPerMol(Component.Dy),
            [Component.Tb] = effectiveShare * processing.GbdTbWtPct / 100 / Components.MolarMassGPerMol(Component.Tb),
        };
        var re = reMoles.Values.Sum();
        var oxygen = Moles(Component.O);
        var carbon = Moles(Component.C);
        // RE2O3 and RE2C3: 2 rare earth per 3 O or C, taken from every rare earth alike.
        var reOxide = Math.Min(re, 2.0 / 3.0 * oxygen);
        var reCarbide = Math.Min(re - reOxide, 2.0 / 3.0 * carbon);
        var free = re - reOxide - reCarbide;
        var freeShare = re > 0 ? free / re : 0;
        var meanReMolarMass = re > 0 ? Components.RareEarths.Sum(c => MassFraction(c)) / re : 0;

        var fe = Moles(Component.Fe);
        var co = Moles(Component.Co);
        var al = Moles(Component.Al);
        var tm = fe + co + al;
        var boron = Moles(Component.B);
        var formulaUnits = Math.Max(0, Math.Min(Math.Min(free / 2, boron), tm / 14));

        // Site fractions of the free rare earth on the 2:14:1 sites (bulk), and weights for HA in which diffused
        // heavy rare earth counts diffusionEfficiency times (it sits in the grain shells).
        double js = 0, anisotropy = 0, heavy = 0, reMix = 0;
        if (free > 0)
        {
            var hWeights = Components.RareEarths.ToDictionary(c => c,
                c => reMoles[c] * freeShare + (diffusionEfficiency - 1) * diffusedMoles.GetValueOrDefault(c) * freeShare);
            var hTotal = hWeights.Values.Sum();
            foreach (var c in Components.RareEarths)
            {
                var x = reMoles[c] * freeShare / free;
                var phase = HardPhase.Of(c);
                js += x * phase.SaturationPolarisationT;
                reMix += x * Components.MolarMassGPerMol(c);
                if (c is Component.Dy or Component.Tb) heavy += x;
                anisotropy += hWeights[c] / hTotal * phase.AnisotropyFieldT;
            }
        }

        // Al takes Fe sites and carries no moment: it dilutes Js in proportion to its share of the sites.
        var alShare = tm > 0 ? al / tm : 0;
        var jsPhase = js * (1 - alShare);

        var tmMolarMass = tm > 0 ? (fe * Components.MolarMassGPerMol(Component.Fe) + co * Components.MolarMassGPerMol(Component.Co)
            + al * Components.MolarMassGPerMol(Component.Al)) / tm : Components.MolarMassGPerMol(Component.Fe);
        var formulaMass = 2 * reMix + 14 * tmMolarMass + Components.MolarMassGPerMol(Component.B);
        var hardMass = formulaUnits * formulaMass;
        var oxideMass = reOxide * (meanReMolarMass + 1.5 * Components.MolarMassGPerMol(Component.O));
        var carbideMass = reCarbide * (meanReMolarMass + 1.5 * Components.MolarMassGPerMol(Component.C));
        // Transition metal the hard phase cannot take (rare-earth- or boron-lean alloys) stays as alpha-Fe.
        var ironMass = Math.Max(0, tm - 14 * formulaUnits) * tmMolarMass;
        var restMass = Math.Max(0, 1 - hardMass - oxideMass - carbideMass - ironMass);
        var hardVolume = formulaUnits > 0 ? hardMass / HardPhase.DensityGcm3(formulaMass) : 0;
        var volume = hardVolume + oxideMass / OxideDensityGcm3 + carbideMass / RestDensityGcm3 + ironMass / IronDensityGcm3 + restMass / RestDensityGcm3;

        var atoms = Components.Elements.Where(c => c != Component.H).Sum(Moles);
        var excess = atoms > 0 ? 100 * (free - 2 * formulaUnits) / atoms : 0;
        var fullDensity = 1 / volume;
        return new MagnetPhaseAnalysis(
            HardPhaseVolumeFraction: hardVolume / volume,
            FullDensityGcm3: fullDensity,
            DensityGcm3: fullDensity * processing.DensityRatio,
            SaturationPolarisationT: jsPhase,
            AnisotropyFieldT: anisotropy,
            GrainBoundaryExcessAtPct: Math.Max(0, excess),
            OxygenWtPct: 100 * MassFraction(Component.O),
            HeavyRareEarthSiteFraction: heavy,
            CobaltWtPct: 100 * MassFraction(Component.Co),
            DensityRatio: processing.DensityRatio,
            GrainSizeUm: processing.GrainSizeUm,
            Alignment: processing.Alignment);
    }
}

/// <summary>
/// Relative error bands of the model (half-widths as fractions of the prediction), from the calibration
/// residuals: twice the root-mean-square relative residual, about a 95 % band (docs/model-magnet.md).
/// </summary>
/// <param name="RemanenceRelative">Br band / Br.</param>
/// <param name="CoercivityRelative">HcJ band / HcJ.</param>
/// <param name="EnergyProductRelative">(BH)max band / (BH)max.</param>
public sealed record MagnetUncertainty(double RemanenceRelative, double CoercivityRelative, double EnergyProductRelative)
{
    /// <summary>Bands of the calibrated model.</summary>
    public static MagnetUncertainty Calibrated { get; } =
        new(CalibratedValues.RemanenceBand, CalibratedValues.CoercivityBand, CalibratedValues.EnergyProductBand);
}
