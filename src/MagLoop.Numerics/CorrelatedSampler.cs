namespace MagLoop.Numerics;

/// <summary>
/// The input rows of a Monte Carlo run over correlated marginals: draw k takes its own stream
/// (<see cref="RandomStream.For(long, string, long)"/> of the run's seed, the source name and k), one standard normal per
/// marginal, the correlation through the <see cref="GaussianCopula"/>, then each marginal's quantile. So draw k's
/// values depend only on the seed, the source and k: <see cref="Skip"/> costs nothing, and a shard of draws is
/// sampled alone with the numbers the whole run gives it. Independent marginals (<see cref="Independent"/>) take one
/// uniform each instead. The economics and the carbon Monte Carlo both sample here.
/// </summary>
public sealed class CorrelatedSampler
{
    private readonly Distribution[] _marginals;
    private readonly GaussianCopula? _copula;
    private readonly double[] _probabilities;
    private readonly ulong _source;
    private long _draw;

    /// <summary>A sampler at draw 0 of source <paramref name="source"/> in a run seeded with <paramref name="seed"/>.</summary>
    /// <param name="marginals">One distribution per value of a row.</param>
    /// <param name="correlation">Correlation matrix of the marginals' underlying normals (ones on the diagonal).</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="source">Name of this source of randomness within the run (another name, other numbers).</param>
    /// <exception cref="ArgumentException">The matrix does not match the marginals or is not positive definite.</exception>
    public CorrelatedSampler(IReadOnlyList<Distribution> marginals, double[,] correlation, long seed, string source)
        : this(marginals, CopulaOf(marginals, correlation), seed, source)
    {
    }

    private CorrelatedSampler(IReadOnlyList<Distribution> marginals, GaussianCopula? copula, long seed, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _marginals = [.. marginals];
        _copula = copula;
        _probabilities = new double[_marginals.Length];
        _source = RandomStream.Derive(seed, source);
    }

    /// <summary>A sampler of independent marginals: one uniform per marginal and draw, inverted by its quantile.</summary>
    public static CorrelatedSampler Independent(IReadOnlyList<Distribution> marginals, long seed, string source)
    {
        ArgumentNullException.ThrowIfNull(marginals);
        return new CorrelatedSampler(marginals, (GaussianCopula?)null, seed, source);
    }

    private static GaussianCopula CopulaOf(IReadOnlyList<Distribution> marginals, double[,] correlation)
    {
        ArgumentNullException.ThrowIfNull(marginals);
        ArgumentNullException.ThrowIfNull(correlation);
        if (correlation.GetLength(0) != marginals.Count || correlation.GetLength(1) != marginals.Count)
            throw new ArgumentException($"needs a {marginals.Count} x {marginals.Count} correlation matrix", nameof(correlation));
        return new GaussianCopula(correlation);
    }

    /// <summary>Values per row (the number of marginals).</summary>
    public int Width => _marginals.Length;

    /// <summary>Index of the draw <see cref="Next"/> samples next.</summary>
    public long Draw => _draw;

    /// <summary>Moves past <paramref name="draws"/> draws without sampling them.</summary>
    public void Skip(long draws)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(draws);
        _draw += draws;
    }

    /// <summary>Writes the next draw's values (one per marginal, in the order given) into <paramref name="values"/>.</summary>
    public void Next(Span<double> values)
    {
        if (values.Length < _marginals.Length) throw new ArgumentException($"needs room for {_marginals.Length} values", nameof(values));
        var stream = RandomStream.ForIndex(_source, _draw++);
        if (_copula is not null) _copula.Sample(stream, _probabilities);
        else for (var i = 0; i < _probabilities.Length; i++) _probabilities[i] = stream.NextDouble();
        for (var i = 0; i < _marginals.Length; i++) values[i] = _marginals[i].Quantile(_probabilities[i]);
    }
}
