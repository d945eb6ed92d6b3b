namespace MagLoop.Materials.Magnets;

/// <summary>
/// Intrinsic properties at 300 K of the RE2Fe14B hard phases the property model mixes by rare-earth site
/// fraction. Nd, Pr, Dy and Tb from Herbst, Rev. Mod. Phys. 63, 819 (1991), table as in the project brief;
/// Ce2Fe14B from the same review (Js 1.17 T, mu0 HA 2.6 T, Tc 424 K).
/// </summary>
/// <param name="RareEarth">The rare earth on the 2:14:1 sites.</param>
/// <param name="SaturationPolarisationT">Js = mu0 Ms, T.</param>
/// <param name="AnisotropyFieldT">mu0 HA, T.</param>
/// <param name="CurieTemperatureK">Tc, K.</param>
public sealed record HardPhase(Component RareEarth, double SaturationPolarisationT, double AnisotropyFieldT, double CurieTemperatureK)
{
    /// <summary>Nd2Fe14B.</summary>
    public static HardPhase Nd { get; } = new(Component.Nd, 1.60, 7.3, 585);

    /// <summary>Pr2Fe14B.</summary>
    public static HardPhase Pr { get; } = new(Component.Pr, 1.56, 8.7, 565);

    /// <summary>Dy2Fe14B (the Dy moment couples antiparallel to Fe, hence the low Js).</summary>
    public static HardPhase Dy { get; } = new(Component.Dy, 0.71, 15, 598);

    /// <summary>Tb2Fe14B.</summary>
    public static HardPhase Tb { get; } = new(Component.Tb, 0.70, 22, 620);

    /// <summary>Ce2Fe14B.</summary>
    public static HardPhase Ce { get; } = new(Component.Ce, 1.17, 2.6, 424);

    /// <summary>Every hard phase the model mixes.</summary>
    public static IReadOnlyList<HardPhase> All { get; } = [Nd, Pr, Dy, Tb, Ce];

    /// <summary>The largest Js of the hard phases, T (Nd2Fe14B): no magnet's Br exceeds it.</summary>
    public static double MaxSaturationPolarisationT => All.Max(p => p.SaturationPolarisationT);

    /// <summary>The phase of each rare earth.</summary>
    public static HardPhase Of(Component rareEarth) => rareEarth switch
    {
        Component.Nd => Nd,
        Component.Pr => Pr,
        Component.Dy => Dy,
        Component.Tb => Tb,
        Component.Ce => Ce,
        _ => throw new ArgumentException($"{rareEarth} is not a rare earth of the hard phase", nameof(rareEarth)),
    };

    /// <summary>
    /// Density of the 2:14:1 phase of a given formula mass, g/cm3: four formula units in the tetragonal cell of
    /// Nd2Fe14B (a = 0.880 nm, c = 1.220 nm, Herbst 1991); the cell is taken the same for every rare earth.
    /// </summary>
    public static double DensityGcm3(double formulaMassGPerMol)
    {
        const double avogadro = 6.02214076e23;
        const double cellVolumeCm3 = 0.880e-7 * 0.880e-7 * 1.220e-7;
        return 4 * formulaMassGPerMol / (avogadro * cellVolumeCm3);
    }
}
