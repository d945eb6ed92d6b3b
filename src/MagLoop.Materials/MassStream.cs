using System.Globalization;

namespace MagLoop.Materials;

/// <summary>
/// An immutable flow of matter: kg per year of each <see cref="Component"/>. Arithmetic returns new streams;
/// a component that would go negative or non-finite throws, because that is always a model bug.
/// </summary>
public sealed class MassStream : IEquatable<MassStream>
{
    private readonly double[] _kgPerYear;

    // The total, summed in component order on first use (NaN until then); streams are immutable, so it never changes.
    private double _total = double.NaN;

    private MassStream(double[] kgPerYear) => _kgPerYear = kgPerYear;

    /// <summary>The stream with nothing in it.</summary>
    public static MassStream Empty { get; } = new(new double[Components.Count]);

    /// <summary>kg per year of one component.</summary>
    public double this[Component component] => _kgPerYear[(int)component];

    /// <summary>Total mass flow, kg per year.</summary>
    public double TotalKgPerYear
    {
        get
        {
            if (double.IsNaN(_total)) _total = Total(_kgPerYear);
            return _total;
        }
    }

    /// <summary>kg per year of every component, in the order of <see cref="Components.All"/>.</summary>
    public ReadOnlySpan<double> KgPerYear => _kgPerYear;

    /// <summary>Total mass flow, tonnes per year.</summary>
    public double TotalTonnesPerYear => TotalKgPerYear / 1000.0;

    /// <summary>True when the stream carries no mass.</summary>
    public bool IsEmpty => IsNothing(_kgPerYear);

    /// <summary>True when every one of the flows is zero.</summary>
    public static bool IsNothing(ReadOnlySpan<double> kgPerYear)
    {
        foreach (var kg in kgPerYear)
            if (kg != 0) return false;
        return true;
    }

    /// <summary>Builds a stream of <paramref name="totalKgPerYear"/> with the given composition.</summary>
    public static MassStream Of(Composition composition, double totalKgPerYear)
    {
        Check(totalKgPerYear, "total");
        var values = new double[Components.Count];
        for (var i = 0; i < values.Length; i++) values[i] = composition[(Component)i] * totalKgPerYear;
        return new MassStream(values);
    }

    /// <summary>Builds a stream from kg per year of each named component (others zero).</summary>
    public static MassStream FromKgPerYear(IEnumerable<KeyValuePair<Component, double>> kgPerYear)
    {
        var values = new double[Components.Count];
        foreach (var (component, kg) in kgPerYear)
        {
            Check(kg, component);
            values[(int)component] += kg;
            Check(values[(int)component], component);
        }

        return new MassStream(values);
    }

    /// <summary>Builds a stream from kg per year of every component, in the order of <see cref="Components.All"/>.</summary>
    public static MassStream FromKgPerYear(ReadOnlySpan<double> kgPerYear)
    {
        if (kgPerYear.Length != Components.Count)
            throw new ArgumentException($"a stream has {Components.Count} components, not {kgPerYear.Length}", nameof(kgPerYear));
        for (var i = 0; i < kgPerYear.Length; i++) Check(kgPerYear[i], (Component)i);
        return new MassStream(kgPerYear.ToArray());
    }

    /// <summary>A stream of one component only.</summary>
    public static MassStream Pure(Component component, double kgPerYear)
    {
        Check(kgPerYear, component);
        var values = new double[Components.Count];
        values[(int)component] = 0.0 + kgPerYear;
        return new MassStream(values);
    }

    /// <summary>Sum of streams.</summary>
    public static MassStream Sum(IEnumerable<MassStream> streams)
    {
        var values = new double[Components.Count];
        foreach (var stream in streams) Accumulate(values, stream);
        return Summed(values);
    }

    /// <summary>Sum of streams.</summary>
    public static MassStream Sum(params ReadOnlySpan<MassStream> streams)
    {
        var values = new double[Components.Count];
        foreach (var stream in streams) Accumulate(values, stream);
        return Summed(values);
    }

    /// <summary>Component-wise sum.</summary>
    public static MassStream operator +(MassStream left, MassStream right) => Sum(left, right);

    /// <summary>Component-wise difference; throws if any component would go negative beyond round-off.</summary>
    public static MassStream operator -(MassStream left, MassStream right)
    {
        var values = new double[Components.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Clamp(left._kgPerYear[i] - right._kgPerYear[i], left._kgPerYear[i], (Component)i);
            Check(values[i], (Component)i);
        }

        return new MassStream(values);
    }

    /// <summary>Every component scaled by a non-negative factor.</summary>
    public static MassStream operator *(MassStream stream, double factor)
    {
        Check(factor, "factor");
        var values = new double[Components.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = stream._kgPerYear[i] * factor;
            Check(values[i], (Component)i);
        }

        return new MassStream(values);
    }

    /// <summary>Every component scaled by a non-negative factor.</summary>
    public static MassStream operator *(double factor, MassStream stream) => stream * factor;

    /// <summary>Every component scaled by a non-negative factor (named alternative to <c>*</c>).</summary>
    public MassStream Multiply(double factor) => this * factor;

    /// <summary>Component-wise sum (named alternative to <c>+</c>).</summary>
    public MassStream Add(MassStream other) => this + other;

    /// <summary>Component-wise difference (named alternative to <c>-</c>).</summary>
    public MassStream Subtract(MassStream other) => this - other;

    /// <summary>
    /// Splits the stream in two with a per-component fraction: the first part gets
    /// <c>fraction(c)</c> of component c, the second the rest. Fractions must lie in [0, 1].
    /// </summary>
    public (MassStream Taken, MassStream Remainder) Split(Func<Component, double> fraction)
    {
        ArgumentNullException.ThrowIfNull(fraction);
        var first = new double[Components.Count];
        var rest = new double[Components.Count];
        for (var i = 0; i < first.Length; i++)
        {
            var f = fraction((Component)i);
            if (!(f >= 0 && f <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), f, $"split fraction of {(Component)i} must be in [0, 1]");
            first[i] = _kgPerYear[i] * f;
            rest[i] = _kgPerYear[i] - first[i];
        }

        return (new MassStream(first), new MassStream(rest));
    }

    /// <summary>Only the components for which <paramref name="keep"/> is true.</summary>
    public MassStream Where(Func<Component, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var values = new double[Components.Count];
        for (var i = 0; i < values.Length; i++) values[i] = keep((Component)i) ? _kgPerYear[i] : 0;
        return new MassStream(values);
    }

    /// <summary>Total kg per year of the components for which <paramref name="include"/> is true.</summary>
    public double KgPerYearOf(Func<Component, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        var sum = 0.0;
        for (var i = 0; i < _kgPerYear.Length; i++)
            if (include((Component)i)) sum += _kgPerYear[i];
        return sum;
    }

    /// <summary>The stream with one component set to a new value.</summary>
    public MassStream With(Component component, double kgPerYear)
    {
        Check(kgPerYear, component);
        var values = (double[])_kgPerYear.Clone();
        values[(int)component] = kgPerYear;
        return new MassStream(values);
    }

    /// <summary>Composition of this stream (throws if empty).</summary>
    public Composition Composition => Composition.Of(this);

    /// <summary>
    /// True when every component differs from <paramref name="other"/>'s by at most
    /// <paramref name="relativeTolerance"/> of the larger of the two flows. Differences below 1e-30 of the larger
    /// stream total count as none, so that round-off in vanishing flows cannot keep a solver iterating.
    /// </summary>
    public bool AgreesWith(MassStream other, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Agree(_kgPerYear, other._kgPerYear, relativeTolerance);
    }

    /// <summary>
    /// <see cref="AgreesWith"/> on flows in component order (as a solver keeps them in its own buffers): true when every
    /// component of <paramref name="left"/> and <paramref name="right"/> agrees within <paramref name="relativeTolerance"/>.
    /// </summary>
    public static bool Agree(ReadOnlySpan<double> left, ReadOnlySpan<double> right, double relativeTolerance)
    {
        var floor = 1e-30 * Math.Max(Total(left), Total(right));
        for (var i = 0; i < left.Length; i++)
        {
            var difference = Math.Abs(left[i] - right[i]);
            if (difference > Math.Max(relativeTolerance * Math.Max(left[i], right[i]), floor)) return false;
        }

        return true;
    }

    /// <summary>Total of flows in component order, summed in that order as <see cref="TotalKgPerYear"/> sums them.</summary>
    public static double Total(ReadOnlySpan<double> kgPerYear)
    {
        var sum = 0.0;
        foreach (var kg in kgPerYear) sum += kg;
        return sum;
    }

    /// <inheritdoc />
    public bool Equals(MassStream? other) => other is not null && _kgPerYear.AsSpan().SequenceEqual(other._kgPerYear);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MassStream);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _kgPerYear) hash.Add(value);
        return hash.ToHashCode();
    }

    /// <summary>"1234.5 t/yr".</summary>
    public override string ToString() => TotalTonnesPerYear.ToString("0.###", CultureInfo.InvariantCulture) + " t/yr";

    private static void Accumulate(double[] values, MassStream stream)
    {
        for (var i = 0; i < values.Length; i++) values[i] += stream._kgPerYear[i];
    }

    // The parts are finite and >= 0, so only overflow can make the sum invalid.
    private static MassStream Summed(double[] values)
    {
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i])) Check(values[i], (Component)i);
        return new MassStream(values);
    }

    // Subtraction may leave -1e-12 of round-off; anything more is a real negative mass.
    private static double Clamp(double difference, double reference, Component component) =>
        difference >= 0 ? difference
        : difference >= -1e-9 * Math.Max(1.0, reference) ? 0
        : throw new InvalidOperationException($"mass of {component} would go negative ({difference} kg/yr)");

    private static void Check(double kgPerYear, Component component)
    {
        if (!double.IsFinite(kgPerYear) || kgPerYear < 0) Check(kgPerYear, component.ToString());
    }

    private static void Check(double kgPerYear, string what)
    {
        if (!double.IsFinite(kgPerYear) || kgPerYear < 0)
            throw new InvalidOperationException($"mass flow of {what} must be finite and >= 0, got {kgPerYear}");
    }
}
