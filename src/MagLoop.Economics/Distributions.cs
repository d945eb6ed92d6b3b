namespace MagLoop.Economics;

/// <summary>Kind of probability distribution of an uncertain input.</summary>
public enum DistributionKind
{
    /// <summary>Triangular (low, mode, high).</summary>
    Triangular,
    /// <summary>PERT (low, mode, high): a beta distribution with shape 4 weighting the mode.</summary>
    Pert,
    /// <summary>Normal (mean, standard deviation).</summary>
    Normal,
    /// <summary>Lognormal (median, sigma of the natural logarithm).</summary>
    Lognormal,
    /// <summary>Uniform (low, high).</summary>
    Uniform,
}

/// <summary>
/// A univariate distribution sampled by inverting its CDF at a probability <c>u</c>; inversion lets correlated
/// normal draws (a Gaussian copula) drive any marginal.
/// </summary>
/// <param name="Kind">Kind.</param>
/// <param name="A">Low (triangular, PERT, uniform), mean (normal) or median (lognormal).</param>
/// <param name="B">Mode (triangular, PERT), standard deviation (normal), sigma of ln (lognormal), high (uniform).</param>
/// <param name="C">High (triangular, PERT); unused otherwise.</param>
public readonly record struct Distribution(DistributionKind Kind, double A, double B, double C)
{
    /// <summary>Triangular distribution.</summary>
    public static Distribution Triangular(double low, double mode, double high) => new(DistributionKind.Triangular, low, mode, high);

    /// <summary>PERT distribution.</summary>
    public static Distribution Pert(double low, double mode, double high) => new(DistributionKind.Pert, low, mode, high);

    /// <summary>Normal distribution.</summary>
    public static Distribution Normal(double mean, double standardDeviation) => new(DistributionKind.Normal, mean, standardDeviation, 0);

    /// <summary>Lognormal distribution by its median and the standard deviation of its logarithm.</summary>
    public static Distribution Lognormal(double median, double sigma) => new(DistributionKind.Lognormal, median, sigma, 0);

    /// <summary>Uniform distribution.</summary>
    public static Distribution Uniform(double low, double high) => new(DistributionKind.Uniform, low, high, 0);

    /// <summary>Why the parameters are invalid, or null when they are valid.</summary>
    public string? Problem() => Kind switch
    {
        DistributionKind.Triangular or DistributionKind.Pert when !(A <= B && B <= C && A < C) => "needs low <= mode <= high and low < high",
        DistributionKind.Normal when B <= 0 => "needs a standard deviation above 0",
        DistributionKind.Lognormal when A <= 0 || B <= 0 => "needs a median and a sigma above 0",
        DistributionKind.Uniform when !(A < B) => "needs low < high",
        _ => null,
    };

    /// <summary>The value at cumulative probability <paramref name="u"/> in (0, 1).</summary>
    public double Quantile(double u) => ToNumerics().Quantile(u);

    /// <summary>The same distribution in the numerics room, which does the sampling and inversion.</summary>
    public Numerics.Distribution ToNumerics() => Kind switch
    {
        DistributionKind.Triangular => new Numerics.Triangular(A, B, C),
        DistributionKind.Pert => new Numerics.Pert(A, B, C),
        DistributionKind.Normal => new Numerics.Normal(A, B, NonNegative: false),
        DistributionKind.Lognormal => new LognormalByMedian(A, B),
        DistributionKind.Uniform => new Numerics.Uniform(A, B),
        _ => throw new InvalidOperationException($"unknown distribution {Kind}"),
    };

    /// <summary>The median, the value every draw is compared with in a symmetric check.</summary>
    public double Median => Quantile(0.5);
}

/// <summary>Lognormal by median and sigma of ln: the value is median x exp(sigma z), z the standard normal quantile.</summary>
internal sealed record LognormalByMedian(double Median, double Sigma) : Numerics.Distribution
{
    public override double Sample(Numerics.RandomStream random) => Median * Math.Exp(Sigma * random.NextStandardNormal());

    public override double Quantile(double u) => Median * Math.Exp(Sigma * Numerics.StandardNormal.Quantile(u));

    public override double Mean => Median * Math.Exp(Sigma * Sigma / 2);
}
