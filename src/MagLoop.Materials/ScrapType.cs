namespace MagLoop.Materials;

/// <summary>How a magnet's surface is protected; decides what HPMS must separate from the alloy.</summary>
public enum CoatingKind
{
    /// <summary>Bare or phosphated magnet.</summary>
    None,
    /// <summary>Nickel or Ni-Cu-Ni plating (the Cu interlayer is lumped with Ni).</summary>
    Nickel,
    /// <summary>Zinc plating.</summary>
    Zinc,
    /// <summary>Epoxy or other organic coating.</summary>
    Epoxy,
}

/// <summary>Coating materials as streams.</summary>
public static class Coatings
{
    /// <summary>The material of <paramref name="coatingKg"/> of coating of a given kind.</summary>
    public static MassStream Material(CoatingKind kind, double coatingKg) =>
        MaterialComponent(kind) is { } component ? MassStream.Pure(component, coatingKg) : MassStream.Empty;

    /// <summary>The component a coating of this kind is made of (null for none).</summary>
    public static Component? MaterialComponent(CoatingKind kind) => kind switch
    {
        CoatingKind.None => null,
        CoatingKind.Nickel => Component.Ni,
        CoatingKind.Zinc => Component.Zn,
        CoatingKind.Epoxy => Component.Polymer,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>A figure with the citation or stated assumption it rests on.</summary>
/// <param name="Value">The figure.</param>
/// <param name="Source">Citation, or "Engineering assumption: why", or "Calibrated: against what".</param>
public readonly record struct Sourced(double Value, string Source);

/// <summary>
/// A kind of magnet-bearing scrap as it arrives at a spoke, with every figure's source. Raw scrap is
/// magnet alloy (of <see cref="MagnetComposition"/> plus <see cref="OxygenMassFraction"/> of oxygen), its coating,
/// and foreign matter (steel, polymer, other) in the proportions of <see cref="ForeignComposition"/>.
/// </summary>
public sealed record ScrapType
{
    /// <summary>Identifier used in scenario files, kebab-case (for example "hdd-vcm").</summary>
    public required string Id { get; init; }

    /// <summary>Human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>kg of magnet alloy (coating excluded) per kg of scrap as received.</summary>
    public required Sourced MagnetMassFraction { get; init; }

    /// <summary>Bulk composition of the magnet alloy, oxygen excluded.</summary>
    public required Composition MagnetComposition { get; init; }

    /// <summary>Citation for <see cref="MagnetComposition"/>.</summary>
    public required string MagnetCompositionSource { get; init; }

    /// <summary>kg of oxygen per kg of magnet alloy (the alloy is diluted by it).</summary>
    public required Sourced OxygenMassFraction { get; init; }

    /// <summary>Kind of coating.</summary>
    public required CoatingKind Coating { get; init; }

    /// <summary>kg of coating per kg of magnet alloy.</summary>
    public required Sourced CoatingMassPerMagnetMass { get; init; }

    /// <summary>Split of the non-magnet, non-coating remainder among Steel, Polymer and Other (mass fractions).</summary>
    public required Composition ForeignComposition { get; init; }

    /// <summary>Fraction of the magnets that sorting and dismantling at the spoke keep in the concentrate.</summary>
    public required Sourced SpokeMagnetRecovery { get; init; }

    /// <summary>Fraction of the foreign matter (steel, polymer, other) that dismantling at the spoke removes.</summary>
    public required Sourced SpokeForeignRemoval { get; init; }

    /// <summary>Fraction of the magnet alloy fed to HPMS that leaves the drum as powder.</summary>
    public required Sourced HpmsExtractionYield { get; init; }

    /// <summary>Composition of the magnet alloy with its oxygen.</summary>
    public Composition MagnetAlloyWithOxygen
    {
        get
        {
            var oxygen = OxygenMassFraction.Value;
            var fractions = MagnetComposition.NonZero()
                .Select(p => KeyValuePair.Create(p.Key, p.Value * (1 - oxygen)))
                .Append(KeyValuePair.Create(Component.O, oxygen));
            return Composition.FromMassFractions(fractions);
        }
    }

    /// <summary>
    /// Breaks <paramref name="kgPerYear"/> of this scrap as received into its component flows. Throws
    /// <see cref="MaterialsException"/> if magnet and coating together exceed the scrap mass.
    /// </summary>
    public MassStream AsReceived(double kgPerYear)
    {
        var magnetKg = kgPerYear * MagnetMassFraction.Value;
        var coatingKg = magnetKg * CoatingMassPerMagnetMass.Value;
        var foreignKg = kgPerYear - magnetKg - coatingKg;
        if (foreignKg < -1e-9 * kgPerYear)
            throw new MaterialsException($"scrap type '{Id}': magnet plus coating exceed the scrap mass");
        return MassStream.Of(MagnetAlloyWithOxygen, magnetKg)
            + Coatings.Material(Coating, coatingKg)
            + MassStream.Of(ForeignComposition, Math.Max(foreignKg, 0));
    }
}
