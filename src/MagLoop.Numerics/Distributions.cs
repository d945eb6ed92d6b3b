namespace MagLoop.Numerics;

/// <summary>
/// A probability distribution of durations or quantities: sampled from a <see cref="RandomStream"/> (the simulation's
/// draws), or inverted at a probability (<see cref="Quantile"/>), which lets correlated normal draws (a Gaussian
/// copula, <see cref="GaussianCopula"/>) drive any marginal.
/// </summary>
public abstract record Distribution
{
    /// <summary>One draw.</summary>
    public abstract double Sample(RandomStream random);

    /// <summary>The value at cumulative probability <paramref name="u"/> in (0, 1).</summary>
    public abstract double Quantile(double u);

    /// <summary>The distribution's mean.</summary>
    public abstract double Mean { get; }
}

/// <summary>Always the same value (deterministic runs).</summary>
/// <param name="Value">The value.</param>
public sealed record Constant(double Value) : Distribution
{
    /// <inheritdoc/>
    public override double Sample(RandomStream random) => Value;

    /// <inheritdoc/>
    public override double Quantile(double u) => Value;

    /// <inheritdoc/>
    public override double Mean => Value;
}

/// <summary>Exponential with mean <paramref name="MeanValue"/> (rate 1/mean).</summary>
/// <param name="MeanValue">Mean, > 0.</param>
public sealed record Exponential(double MeanValue) : Distribution
{
    /// <inheritdoc/>
    public override double Sample(RandomStream random) => random.NextExponential(MeanValue);

    /// <inheritdoc/>
    public override double Quantile(double u) => -MeanValue * Math.Log(1 - u);

    /// <inheritdoc/>
    public override double Mean => MeanValue;
}

/// <summary>Normal, truncated at zero when <paramref name="NonNegative"/> (durations).</summary>
/// <param name="MeanValue">Mean.</param>
/// <param name="StandardDeviation">Standard deviation, >= 0.</param>
/// <param name="NonNegative">Clamp draws below zero to zero.</param>
public sealed record Normal(double MeanValue, double StandardDeviation, bool NonNegative = true) : Distribution
{
    /// <inheritdoc/>
    public override double Sample(RandomStream random)
    {
        var x = MeanValue + StandardDeviation * random.NextStandardNormal();
        return NonNegative && x < 0 ? 0 : x;
    }

    /// <inheritdoc/>
    public override double Quantile(double u)
    {
        var x = MeanValue + (StandardDeviation * StandardNormal.Quantile(u));
        return NonNegative && x < 0 ? 0 : x;
    }

    /// <inheritdoc/>
    public override double Mean => MeanValue;
}

/// <summary>Lognormal given the mean and standard deviation of the variable itself (not of its logarithm).</summary>
/// <param name="MeanValue">Mean, > 0.</param>
/// <param name="StandardDeviation">Standard deviation, >= 0.</param>
public sealed record LogNormal(double MeanValue, double StandardDeviation) : Distribution
{
    private readonly double _sigma = Math.Sqrt(Math.Log(1 + StandardDeviation * StandardDeviation / (MeanValue * MeanValue)));

    /// <summary>The lognormal with median <paramref name="median"/> and standard deviation <paramref name="sigmaOfLog"/> of ln x.</summary>
    public static LogNormal FromMedian(double median, double sigmaOfLog)
    {
        var mean = median * Math.Exp(sigmaOfLog * sigmaOfLog / 2);
        return new LogNormal(mean, mean * Math.Sqrt(Math.Exp(sigmaOfLog * sigmaOfLog) - 1));
    }

    /// <inheritdoc/>
    public override double Sample(RandomStream random)
    {
        var mu = Math.Log(MeanValue) - _sigma * _sigma / 2;
        return Math.Exp(mu + _sigma * random.NextStandardNormal());
    }

    /// <inheritdoc/>
    public override double Quantile(double u)
    {
        var mu = Math.Log(MeanValue) - (_sigma * _sigma / 2);
        return Math.Exp(mu + (_sigma * StandardNormal.Quantile(u)));
    }

    /// <inheritdoc/>
    public override double Mean => MeanValue;
}

/// <summary>Triangular on [<paramref name="Min"/>, <paramref name="Max"/>] with mode <paramref name="Mode"/>.</summary>
/// <param name="Min">Lower bound.</param>
/// <param name="Mode">Most likely value.</param>
/// <param name="Max">Upper bound.</param>
public sealed record Triangular(double Min, double Mode, double Max) : Distribution
{
    /// <inheritdoc/>
    public override double Sample(RandomStream random) => Quantile(random.NextDouble());

    /// <inheritdoc/>
    public override double Quantile(double u)
    {
        var span = Max - Min;
        if (span <= 0) return Min;
        var cut = (Mode - Min) / span;
        return u < cut
            ? Min + Math.Sqrt(u * span * (Mode - Min))
            : Max - Math.Sqrt((1 - u) * span * (Max - Mode));
    }

    /// <inheritdoc/>
    public override double Mean => (Min + Mode + Max) / 3;
}

/// <summary>PERT on [<paramref name="Min"/>, <paramref name="Max"/>]: a beta distribution with shape 4 weighting the mode <paramref name="Mode"/>.</summary>
/// <param name="Min">Lower bound.</param>
/// <param name="Mode">Most likely value.</param>
/// <param name="Max">Upper bound, above <paramref name="Min"/>.</param>
public sealed record Pert(double Min, double Mode, double Max) : Distribution
{
    // Beta with alpha = 1 + 4 (mode - min) / (max - min), beta = 1 + 4 (max - mode) / (max - min).
    private double Alpha => 1 + (4 * (Mode - Min) / (Max - Min));

    private double Beta => 1 + (4 * (Max - Mode) / (Max - Min));

    /// <inheritdoc/>
    public override double Sample(RandomStream random) => Quantile(random.NextDouble());

    /// <inheritdoc/>
    public override double Quantile(double u) => Min + ((Max - Min) * MathNet.Numerics.Distributions.Beta.InvCDF(Alpha, Beta, u));

    /// <inheritdoc/>
    public override double Mean => (Min + (4 * Mode) + Max) / 6;
}

/// <summary>Uniform on [<paramref name="Min"/>, <paramref name="Max"/>).</summary>
/// <param name="Min">Lower bound.</param>
/// <param name="Max">Upper bound.</param>
public sealed record Uniform(double Min, double Max) : Distribution
{
    /// <inheritdoc/>
    public override double Sample(RandomStream random) => Quantile(random.NextDouble());

    /// <inheritdoc/>
    public override double Quantile(double u) => Min + (Max - Min) * u;

    /// <inheritdoc/>
    public override double Mean => (Min + Max) / 2;
}

/// <summary>Weibull with shape k and scale λ (times to failure: k &gt; 1 wear-out, k &lt; 1 infant mortality).</summary>
/// <param name="Shape">Shape k, > 0.</param>
/// <param name="Scale">Scale λ, > 0.</param>
public sealed record Weibull(double Shape, double Scale) : Distribution
{
    /// <inheritdoc/>
    public override double Sample(RandomStream random) => Scale * Math.Pow(-Math.Log(random.NextOpenDouble()), 1 / Shape);

    /// <inheritdoc/>
    public override double Quantile(double u) => Scale * Math.Pow(-Math.Log(1 - u), 1 / Shape);

    /// <inheritdoc/>
    public override double Mean => Scale * Math.Exp(LogGamma(1 + 1 / Shape));

    // Lanczos approximation (g = 7), accurate to ~1e-15 for the arguments used here.
    private static double LogGamma(double x)
    {
        double[] c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var a = c[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++) a += c[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }
}

/// <summary>Empirical: one of the observed values, each equally likely (or with the given weights).</summary>
public sealed record Empirical : Distribution
{
    private readonly double[] _values;
    private readonly double[] _cumulative;

    /// <summary>Observed values, optionally weighted (weights need not sum to 1).</summary>
    public Empirical(IReadOnlyList<double> values, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("an empirical distribution needs at least one value", nameof(values));
        if (weights is not null && weights.Count != values.Count) throw new ArgumentException("one weight per value", nameof(weights));
        _values = [.. values];
        _cumulative = new double[values.Count];
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            var w = weights?[i] ?? 1.0;
            if (!(w >= 0)) throw new ArgumentException("weights must be >= 0", nameof(weights));
            sum += w;
            _cumulative[i] = sum;
        }

        if (!(sum > 0)) throw new ArgumentException("weights must not all be zero", nameof(weights));
        for (var i = 0; i < _cumulative.Length; i++) _cumulative[i] /= sum;
    }

    /// <inheritdoc/>
    public override double Sample(RandomStream random) => Quantile(random.NextDouble());

    /// <inheritdoc/>
    public override double Quantile(double u)
    {
        var index = Array.BinarySearch(_cumulative, u);
        index = index < 0 ? ~index : index + 1;
        return _values[Math.Min(index, _values.Length - 1)];
    }

    /// <inheritdoc/>
    public override double Mean
    {
        get
        {
            var mean = 0.0;
            var previous = 0.0;
            for (var i = 0; i < _values.Length; i++)
            {
                mean += _values[i] * (_cumulative[i] - previous);
                previous = _cumulative[i];
            }

            return mean;
        }
    }
}
