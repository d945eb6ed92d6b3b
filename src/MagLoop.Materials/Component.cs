namespace MagLoop.Materials;

/// <summary>
/// A tracked component of every mass stream: the chemical elements of NdFeB magnets, their coatings and
/// process gases, plus three lumped non-magnet materials. The set is fixed so that streams are plain vectors.
/// </summary>
public enum Component
{
    /// <summary>Neodymium.</summary>
    Nd,
    /// <summary>Praseodymium.</summary>
    Pr,
    /// <summary>Dysprosium.</summary>
    Dy,
    /// <summary>Terbium.</summary>
    Tb,
    /// <summary>Cerium (present in some low-cost grades).</summary>
    Ce,
    /// <summary>Iron.</summary>
    Fe,
    /// <summary>Cobalt.</summary>
    Co,
    /// <summary>Boron.</summary>
    B,
    /// <summary>Copper.</summary>
    Cu,
    /// <summary>Aluminium.</summary>
    Al,
    /// <summary>Gallium.</summary>
    Ga,
    /// <summary>Niobium.</summary>
    Nb,
    /// <summary>Oxygen (in the magnet mostly as RE2O3).</summary>
    O,
    /// <summary>Carbon.</summary>
    C,
    /// <summary>Hydrogen (absorbed in HPMS, released in degassing and sintering).</summary>
    H,
    /// <summary>Nickel, here only as coating (Ni and Ni-Cu-Ni coatings are lumped as Ni).</summary>
    Ni,
    /// <summary>Zinc, here only as coating.</summary>
    Zn,
    /// <summary>Steel parts attached to or around the magnets (yokes, laminations, housings).</summary>
    Steel,
    /// <summary>Polymers: plastics, adhesives and epoxy coatings.</summary>
    Polymer,
    /// <summary>Any other non-magnet matter (aluminium housings, copper windings, dirt, coolant).</summary>
    Other,
}

/// <summary>Facts about each <see cref="Component"/>: molar mass and what kind of matter it is.</summary>
public static class Components
{
    /// <summary>Number of tracked components; the length of every stream vector.</summary>
    public const int Count = (int)Component.Other + 1;

    /// <summary>All components in their fixed order.</summary>
    public static IReadOnlyList<Component> All { get; } = Enum.GetValues<Component>();

    /// <summary>The chemical elements among the components, in their fixed order.</summary>
    public static IReadOnlyList<Component> Elements { get; } = All.Where(IsElement).ToArray();

    /// <summary>The rare earths among the components.</summary>
    public static IReadOnlyList<Component> RareEarths { get; } = [Component.Nd, Component.Pr, Component.Dy, Component.Tb, Component.Ce];

    // Standard atomic weights, IUPAC 2021 (abridged to 4-5 significant figures), g/mol.
    private static readonly double[] MolarMassesGPerMol =
    [
        144.242, 140.908, 162.500, 158.925, 140.116, 55.845, 58.933, 10.81, 63.546, 26.982,
        69.723, 92.906, 15.999, 12.011, 1.008, 58.693, 65.38, double.NaN, double.NaN, double.NaN,
    ];

    /// <summary>True for chemical elements; false for the lumped materials Steel, Polymer and Other.</summary>
    public static bool IsElement(Component component) => component < Component.Steel;

    /// <summary>True for the rare earths Nd, Pr, Dy, Tb and Ce.</summary>
    public static bool IsRareEarth(Component component) => component <= Component.Ce;

    /// <summary>True for the components that make up the magnet alloy itself (not coating or foreign matter).</summary>
    public static bool IsMagnetAlloy(Component component) => component < Component.Ni;

    /// <summary>True for coating metals (Ni, Zn); epoxy coatings are counted as <see cref="Component.Polymer"/>.</summary>
    public static bool IsCoatingMetal(Component component) => component is Component.Ni or Component.Zn;

    /// <summary>True for the non-magnet materials Steel, Polymer and Other.</summary>
    public static bool IsForeign(Component component) => component >= Component.Steel;

    /// <summary>Molar mass in g/mol (IUPAC 2021 standard atomic weight); throws for lumped materials.</summary>
    public static double MolarMassGPerMol(Component component) =>
        IsElement(component)
            ? MolarMassesGPerMol[(int)component]
            : throw new ArgumentException($"{component} is a lumped material and has no molar mass.", nameof(component));

    /// <summary>Parses a component symbol case-insensitively ("nd", "Nd", "steel").</summary>
    public static bool TryParse(string symbol, out Component component)
    {
        var trimmed = symbol.Trim();
        component = default;
        // Enum.TryParse also accepts numbers and comma-separated lists ("Pr,Dy" would OR to Tb); a component is
        // only ever named by its symbol, which is letters only.
        return trimmed.Length > 0 && trimmed.All(char.IsLetter)
            && Enum.TryParse(trimmed, ignoreCase: true, out component) && Enum.IsDefined(component);
    }
}
