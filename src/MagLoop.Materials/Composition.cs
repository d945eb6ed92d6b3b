using System.Globalization;
using System.Text;

namespace MagLoop.Materials;

/// <summary>
/// An immutable composition: the mass fraction of each <see cref="Component"/>, non-negative and summing to 1.
/// </summary>
public sealed class Composition : IEquatable<Composition>
{
    /// <summary>Largest accepted deviation of the sum of fractions from 1 before normalising (0.1 wt%).</summary>
    public const double SumTolerance = 1e-3;

    private readonly double[] _massFractions;

    private Composition(double[] massFractions) => _massFractions = massFractions;

    /// <summary>Mass fraction (0..1) of one component.</summary>
    public double this[Component component] => _massFractions[(int)component];

    /// <summary>Mass fraction (0..1) of one component.</summary>
    public double MassFraction(Component component) => _massFractions[(int)component];

    /// <summary>Mass percentage (wt%) of one component.</summary>
    public double WeightPercent(Component component) => 100.0 * _massFractions[(int)component];

    /// <summary>Sum of the mass fractions of the rare earths.</summary>
    public double RareEarthMassFraction => Components.RareEarths.Sum(c => _massFractions[(int)c]);

    /// <summary>
    /// Builds a composition from mass fractions; components not named are zero. Throws
    /// <see cref="MaterialsException"/> for negative or non-finite values or a sum off 1 by more than
    /// <see cref="SumTolerance"/>; a sum within tolerance is normalised to exactly 1.
    /// </summary>
    public static Composition FromMassFractions(IEnumerable<KeyValuePair<Component, double>> massFractions)
    {
        var values = new double[Components.Count];
        foreach (var (component, fraction) in massFractions)
        {
            if (!double.IsFinite(fraction) || fraction < 0)
                throw new MaterialsException($"mass fraction of {component} must be a finite number >= 0, got {Format(fraction)}");
            values[(int)component] += fraction;
        }

        var sum = values.Sum();
        if (Math.Abs(sum - 1.0) > SumTolerance)
            throw new MaterialsException($"mass fractions sum to {Format(sum)}, not 1 (tolerance {SumTolerance})");
        for (var i = 0; i < values.Length; i++) values[i] /= sum;
        return new Composition(values);
    }

    /// <summary>Builds a composition from mass percentages (wt%) that sum to 100.</summary>
    public static Composition FromWeightPercent(IEnumerable<KeyValuePair<Component, double>> weightPercent) =>
        FromMassFractions(weightPercent.Select(p => KeyValuePair.Create(p.Key, p.Value / 100.0)));

    /// <summary>
    /// Builds a composition from mass fractions where one component, <paramref name="balance"/>, takes whatever
    /// the others leave. Throws if the others already exceed 1.
    /// </summary>
    public static Composition WithBalance(IEnumerable<KeyValuePair<Component, double>> massFractions, Component balance)
    {
        var given = massFractions.ToList();
        if (given.Any(p => p.Key == balance))
            throw new MaterialsException($"{balance} is the balance and cannot also have a value");
        var rest = 1.0 - given.Sum(p => p.Value);
        if (rest < -SumTolerance)
            throw new MaterialsException($"mass fractions other than the balance ({balance}) already sum to {Format(1.0 - rest)}, more than 1");
        given.Add(KeyValuePair.Create(balance, Math.Max(rest, 0.0)));
        return FromMassFractions(given);
    }

    /// <summary>
    /// Builds a composition from atomic percentages of elements (at%), as papers often state alloys
    /// (for example Nd13.4 Dy0.7 Fe78.6 Al0.7 Nb0.4 B6.3).
    /// </summary>
    public static Composition FromAtomicPercent(IEnumerable<KeyValuePair<Component, double>> atomicPercent)
    {
        var given = atomicPercent.ToList();
        foreach (var (component, _) in given)
            if (!Components.IsElement(component)) throw new MaterialsException($"{component} is a lumped material and has no atomic percentage");
        var masses = given.Select(p => KeyValuePair.Create(p.Key, p.Value * Components.MolarMassGPerMol(p.Key))).ToList();
        var total = masses.Sum(p => p.Value);
        if (!(total > 0)) throw new MaterialsException("atomic composition has no positive amount");
        return FromMassFractions(masses.Select(p => KeyValuePair.Create(p.Key, p.Value / total)));
    }

    /// <summary>
    /// Parses "Nd=23.5,Pr=6,B=0.95,Fe=bal" in wt%; one component may be "bal" (balance). Without a balance the
    /// values must sum to 100. A component given twice is an error.
    /// </summary>
    public static Composition ParseWeightPercent(string text)
    {
        var values = new List<KeyValuePair<Component, double>>();
        var seen = new HashSet<Component>();
        Component? balance = null;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', StringSplitOptions.TrimEntries);
            if (pieces.Length != 2)
                throw new MaterialsException($"'{part}' is not of the form Element=wt% (for example Nd=23.5 or Fe=bal)");
            if (!Components.TryParse(pieces[0], out var component))
                throw new MaterialsException($"unknown component '{pieces[0]}'; known: {string.Join(", ", Components.All)}");
            if (!seen.Add(component)) throw new MaterialsException($"{component} is given twice; give each component once");
            if (pieces[1].Equals("bal", StringComparison.OrdinalIgnoreCase))
            {
                if (balance is not null) throw new MaterialsException("only one component can be the balance ('bal')");
                balance = component;
                continue;
            }

            if (!double.TryParse(pieces[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var wtPct))
                throw new MaterialsException($"'{pieces[1]}' is not a number (wt% of {component})");
            if (!double.IsFinite(wtPct) || wtPct < 0) throw new MaterialsException($"wt% of {component} must be a finite number >= 0, got {pieces[1]}");
            values.Add(KeyValuePair.Create(component, wtPct / 100.0));
        }

        if (values.Count == 0 && balance is null) throw new MaterialsException("composition is empty");
        var sumWtPct = 100 * values.Sum(v => v.Value);
        if (balance is null && Math.Abs(sumWtPct - 100) > 100 * SumTolerance)
            throw new MaterialsException($"wt% sum to {Format(sumWtPct)}, not 100; fix the values or give one element as the balance (for example Fe=bal)");
        return balance is { } b ? WithBalance(values, b) : FromMassFractions(values);
    }

    /// <summary>Composition of the matter in <paramref name="stream"/>; throws for an empty stream.</summary>
    public static Composition Of(MassStream stream)
    {
        var total = stream.TotalKgPerYear;
        if (!(total > 0)) throw new MaterialsException("an empty stream has no composition");
        var values = new double[Components.Count];
        for (var i = 0; i < values.Length; i++) values[i] = stream[(Component)i] / total;
        return new Composition(values);
    }

    /// <summary>
    /// Atomic percentages of the elements (lumped materials excluded), as used in phase calculations.
    /// </summary>
    public IReadOnlyDictionary<Component, double> ToAtomicPercent()
    {
        var moles = Components.Elements.ToDictionary(c => c, c => _massFractions[(int)c] / Components.MolarMassGPerMol(c));
        var total = moles.Values.Sum();
        if (!(total > 0)) throw new MaterialsException("composition has no chemical elements");
        return moles.ToDictionary(p => p.Key, p => 100.0 * p.Value / total);
    }

    /// <summary>The non-zero mass fractions in component order.</summary>
    public IEnumerable<KeyValuePair<Component, double>> NonZero() =>
        Components.All.Where(c => _massFractions[(int)c] > 0).Select(c => KeyValuePair.Create(c, _massFractions[(int)c]));

    /// <inheritdoc />
    public bool Equals(Composition? other) => other is not null && _massFractions.AsSpan().SequenceEqual(other._massFractions);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Composition);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _massFractions) hash.Add(value);
        return hash.ToHashCode();
    }

    /// <summary>"Nd=22.00 Pr=6.50 ... wt%".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (component, fraction) in NonZero())
            text.Append(CultureInfo.InvariantCulture, $"{component}={100 * fraction:0.###} ");
        return text.Append("wt%").ToString();
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
