using MagLoop.Materials;
using MagLoop.Materials.Magnets;

namespace MagLoop.Process;

/// <summary>
/// A grade the blending step aims at: the fresh addition is the least for which the magnet made from the milled
/// blend (hydrogen and organics gone in sintering) is predicted to meet the grade.
/// </summary>
/// <param name="Grade">Target grade.</param>
/// <param name="Processing">How the magnets are made (density, grain size, diffusion).</param>
public sealed record MagnetGradeTarget(MagnetGrade Grade, MagnetProcessing Processing)
{
    /// <summary>Largest addition searched, kg of fresh rare earth per kg of powder.</summary>
    public const double MaxFreshKgPerKg = MagnetTopUp.MaxFreshKgPerKg;

    /// <summary>The magnet composition of a stream: what is left after sintering releases hydrogen and organics.</summary>
    public static Composition MagnetComposition(MassStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (_, solid) = stream.Split(c => c is Component.H or Component.Polymer ? 1 : 0);
        return Composition.Of(solid);
    }

    /// <summary>Predicted properties of a magnet made from <paramref name="stream"/>.</summary>
    public MagnetProperties Predict(MassStream stream) => MagnetPropertyModel.Predict(MagnetComposition(stream), Processing);

    /// <summary>
    /// Least fresh addition x (kg per kg of powder) for which the milled blend <paramref name="milledBlendAt"/>(x)
    /// makes the grade; 0 when it already does. Throws <see cref="ProcessException"/> when no addition up to
    /// <see cref="MaxFreshKgPerKg"/> does.
    /// </summary>
    public double FreshKgPerKgPowder(Func<double, MassStream> milledBlendAt)
    {
        ArgumentNullException.ThrowIfNull(milledBlendAt);
        bool Meets(double x)
        {
            var m = Predict(milledBlendAt(x));
            return Grade.IsMetBy(m.CoercivityKAm, m.EnergyProductKJm3);
        }

        if (MagnetTopUp.LeastAddition(Meets, MaxFreshKgPerKg) is { } least) return least;
        var best = Predict(milledBlendAt(MaxFreshKgPerKg));
        // Which requirement fails decides the remedy: coercivity needs Dy/Tb; (BH)max cannot be bought with more rare
        // earth (it dilutes Br), only with a cleaner, less oxidised powder or denser, better-aligned magnets.
        var scan = Enumerable.Range(0, 21).Select(i => Predict(milledBlendAt(MaxFreshKgPerKg * i / 20))).ToList();
        var none = scan[0];
        var remedies = new List<string>();
        if (!scan.Any(m => m.CoercivityKAm >= Grade.MinimumCoercivityKAm))
            remedies.Add("for a higher coercivity class add Dy/Tb by grain-boundary diffusion (magnets.gbdDyWtPct, gbdTbWtPct) or a Dy-bearing fresh addition");
        if (!scan.Any(m => m.EnergyProductKJm3 >= Grade.MinimumEnergyProductKJm3 - 1e-9))
            remedies.Add($"(BH)max falls short at every addition (without fresh addition {none.EnergyProductKJm3:F0} kJ/m3): rare earth dilutes Br, so aim at a lower grade number");
        if (remedies.Count == 0)
            remedies.Add("HcJ and (BH)max are each reached but never together: add Dy/Tb by grain-boundary diffusion (magnets.gbdDyWtPct, gbdTbWtPct) to raise HcJ at a smaller addition");
        var remedy = string.Join("; ", remedies);
        throw new UnreachableGradeException(
            $"no fresh addition up to {MaxFreshKgPerKg} kg/kg makes {Grade}: even at that limit the magnet would have HcJ {best.CoercivityKAm:F0} kA/m and (BH)max {best.EnergyProductKJm3:F0} kJ/m3 (needs {Grade.MinimumCoercivityKAm:F0} kA/m and {Grade.MinimumEnergyProductKJm3:F0} kJ/m3); {remedy}");
    }
}
