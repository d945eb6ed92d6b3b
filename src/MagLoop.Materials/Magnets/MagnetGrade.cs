using System.Globalization;

namespace MagLoop.Materials.Magnets;

/// <summary>
/// Coercivity class of a sintered NdFeB grade: the letters of the grade name. Each class has a minimum intrinsic
/// coercivity HcJ (vendor datasheets, e.g. Shanghai Magnet and HL-MAG grade tables; project brief section 2).
/// </summary>
public enum CoercivityClass
{
    /// <summary>HcJ at least 955 kA/m (12 kOe).</summary>
    N,
    /// <summary>HcJ at least 1114 kA/m (14 kOe).</summary>
    M,
    /// <summary>HcJ at least 1353 kA/m (17 kOe).</summary>
    H,
    /// <summary>HcJ at least 1592 kA/m (20 kOe).</summary>
    SH,
    /// <summary>HcJ at least 1990 kA/m (25 kOe).</summary>
    UH,
    /// <summary>HcJ at least 2388 kA/m (30 kOe).</summary>
    EH,
    /// <summary>HcJ at least 2786 kA/m (35 kOe).</summary>
    AH,
}

/// <summary>
/// A sintered NdFeB grade such as N42, 45SH or 38UH: the nominal (BH)max in MGOe and the coercivity class.
/// </summary>
/// <remarks>
/// Rule (documented in docs/model-magnet.md): a grade number n spans (BH)max from n - 2 MGOe up to n + 1 MGOe,
/// as in the datasheet tables (N42: 40-43, N45: 43-46, N48: 46-49, N52: 50-53 MGOe). Where neighbouring spans
/// overlap (N50 48-51 and N52 50-53) a magnet takes the highest number whose lower bound it reaches. So a
/// magnet of (BH)max B gets the largest standard number n with n - 2 &lt;= B; below 26 MGOe (N28's lower bound)
/// it has no grade. The class is the highest whose minimum HcJ the magnet reaches; below 955 kA/m, none.
/// </remarks>
/// <param name="Number">Nominal (BH)max, MGOe.</param>
/// <param name="Class">Coercivity class.</param>
public readonly record struct MagnetGrade(int Number, CoercivityClass Class)
{
    /// <summary>kJ/m3 per MGOe: 10^6 G Oe = 10^6 x 10^-4 T x 10^3/(4 pi) A/m = 7.9577 kJ/m3.</summary>
    public const double KJm3PerMGOe = 100.0 / (4 * Math.PI);

    /// <summary>The standard grade numbers, MGOe (N28 ... N55).</summary>
    public static IReadOnlyList<int> StandardNumbers { get; } = [28, 30, 33, 35, 38, 40, 42, 45, 48, 50, 52, 55];

    /// <summary>Width of a grade's span below its number, MGOe (N42 starts at 40).</summary>
    public const double SpanBelowMGOe = 2.0;

    /// <summary>Width of a grade's span above its number, MGOe (N42 ends at 43).</summary>
    public const double SpanAboveMGOe = 1.0;

    /// <summary>Minimum HcJ of a coercivity class, kA/m.</summary>
    public static double ClassMinimumKAm(CoercivityClass coercivityClass) => coercivityClass switch
    {
        CoercivityClass.N => 955,
        CoercivityClass.M => 1114,
        CoercivityClass.H => 1353,
        CoercivityClass.SH => 1592,
        CoercivityClass.UH => 1990,
        CoercivityClass.EH => 2388,
        CoercivityClass.AH => 2786,
        _ => throw new ArgumentOutOfRangeException(nameof(coercivityClass)),
    };

    /// <summary>Lowest (BH)max of this grade, kJ/m3 (N42: 40 MGOe = 318.3 kJ/m3).</summary>
    public double MinimumEnergyProductKJm3 => (Number - SpanBelowMGOe) * KJm3PerMGOe;

    /// <summary>Minimum HcJ of this grade's class, kA/m.</summary>
    public double MinimumCoercivityKAm => ClassMinimumKAm(Class);

    /// <summary>The coercivity class a magnet of this HcJ reaches, or null below 955 kA/m.</summary>
    public static CoercivityClass? ClassOf(double coercivityKAm)
    {
        CoercivityClass? reached = null;
        foreach (var c in Enum.GetValues<CoercivityClass>())
            if (coercivityKAm >= ClassMinimumKAm(c)) reached = c;
        return reached;
    }

    /// <summary>The grade number a magnet of this (BH)max reaches, or null below 26 MGOe.</summary>
    public static int? NumberOf(double energyProductKJm3)
    {
        var mgoe = energyProductKJm3 / KJm3PerMGOe;
        int? reached = null;
        // A hair of tolerance so that exactly 40 MGOe written in kJ/m3 is not lost to rounding.
        foreach (var n in StandardNumbers)
            if (mgoe >= n - SpanBelowMGOe - 1e-9) reached = n;
        return reached;
    }

    /// <summary>
    /// The grade of a magnet with this HcJ and (BH)max, or null when it reaches no class or no number. Br is not
    /// needed: the grade is defined by (BH)max and HcJ, and (BH)max already bounds Br from below.
    /// </summary>
    public static MagnetGrade? Classify(double coercivityKAm, double energyProductKJm3) =>
        ClassOf(coercivityKAm) is { } c && NumberOf(energyProductKJm3) is { } n ? new MagnetGrade(n, c) : null;

    /// <summary>True when a magnet with these properties meets this grade (its class and its lowest (BH)max).</summary>
    public bool IsMetBy(double coercivityKAm, double energyProductKJm3) =>
        coercivityKAm >= MinimumCoercivityKAm && energyProductKJm3 >= MinimumEnergyProductKJm3 - 1e-9;

    /// <summary>"N42" for the N class, otherwise number then letters: "42M", "45SH", "38UH".</summary>
    public override string ToString() =>
        Class == CoercivityClass.N ? $"N{Number.ToString(CultureInfo.InvariantCulture)}" : $"{Number.ToString(CultureInfo.InvariantCulture)}{Class}";

    /// <summary>
    /// Parses "N42", "42SH", "N42SH", "45sh", "38UH": an optional leading N, the number, then the class letters
    /// (none for N). Throws <see cref="MaterialsException"/> for anything else.
    /// </summary>
    public static MagnetGrade Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().ToUpperInvariant();
        if (s.StartsWith('N')) s = s[1..];
        var digits = s.TakeWhile(char.IsAsciiDigit).Count();
        var suffix = s[digits..];
        if (digits == 0 || !int.TryParse(s[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw new MaterialsException($"'{text}' is not a magnet grade (expected for example N42, 45SH or 38UH)");
        if (!StandardNumbers.Contains(number))
            throw new MaterialsException($"'{text}': {number} is not a standard grade number ({string.Join(", ", StandardNumbers)})");
        CoercivityClass cls;
        if (suffix.Length == 0) cls = CoercivityClass.N;
        else if (suffix == "N" || !Enum.TryParse(suffix, ignoreCase: false, out cls) || !Enum.IsDefined(cls) || suffix.Any(char.IsDigit))
            throw new MaterialsException($"'{text}': unknown coercivity class '{suffix}' (known: M, H, SH, UH, EH, AH, or none for N)");
        return new MagnetGrade(number, cls);
    }
}
