using MagLoop.Numerics;

namespace MagLoop.Economics;

/// <summary>An uncertain input: a named driver and its distribution.</summary>
/// <param name="Driver">Driver name.</param>
/// <param name="Distribution">Distribution of its value.</param>
public sealed record UncertainInput(string Driver, Distribution Distribution);

/// <summary>A correlation between two drivers' draws (rank-like, through a Gaussian copula).</summary>
/// <param name="A">First driver.</param>
/// <param name="B">Second driver.</param>
/// <param name="Rho">Correlation of the underlying normal draws, in (-1, 1).</param>
public sealed record Correlation(string A, string B, double Rho);

/// <summary>What one draw gave.</summary>
/// <param name="NpvUsd">Project NPV.</param>
/// <param name="Irr">Project IRR when unique.</param>
public readonly record struct DrawOutcome(double NpvUsd, double? Irr);

/// <summary>Summary of a Monte Carlo run.</summary>
/// <param name="Draws">Draws evaluated.</param>
/// <param name="NpvP10Usd">10th percentile of the NPV.</param>
/// <param name="NpvP50Usd">Median NPV.</param>
/// <param name="NpvP90Usd">90th percentile of the NPV.</param>
/// <param name="NpvMeanUsd">Mean NPV.</param>
/// <param name="ProbabilityNpvNegative">Share of draws with a negative NPV.</param>
/// <param name="IrrP50">Median IRR over draws with a unique IRR (null if none has one).</param>
/// <param name="DrawsWithoutUniqueIrr">Draws whose cash flows had no or several IRRs.</param>
public sealed record MonteCarloSummary(int Draws, double NpvP10Usd, double NpvP50Usd, double NpvP90Usd, double NpvMeanUsd, double ProbabilityNpvNegative, double? IrrP50, int DrawsWithoutUniqueIrr);

/// <summary>
/// Monte Carlo over correlated inputs: correlated standard normals (Cholesky factor of the correlation matrix)
/// become probabilities, then each driver's value through its quantile function. All draws are generated from
/// one seeded stream before evaluation, so parallel evaluation gives the same result as serial, for any seed.
/// </summary>
public static class MonteCarlo
{
    /// <summary>
    /// Draws <paramref name="draws"/> input vectors (one value per input, in the order given).
    /// </summary>
    public static double[][] Sample(IReadOnlyList<UncertainInput> inputs, IReadOnlyList<Correlation> correlations, int draws, int seed)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(correlations);
        ArgumentOutOfRangeException.ThrowIfNegative(draws);
        var n = inputs.Count;
        var lower = GaussianCopula.Cholesky(CorrelationMatrix(inputs, correlations));
        var random = new Random(seed);
        var result = new double[draws][];
        var z = new double[n];
        for (var d = 0; d < draws; d++)
        {
            for (var i = 0; i < n; i++) z[i] = StandardNormal(random);
            var values = new double[n];
            for (var i = 0; i < n; i++)
            {
                double correlated = 0;
                for (var j = 0; j <= i; j++) correlated += lower[i, j] * z[j];
                var u = Math.Clamp(Numerics.StandardNormal.Cdf(correlated), 1e-12, 1 - 1e-12);
                values[i] = inputs[i].Distribution.Quantile(u);
            }

            result[d] = values;
        }

        return result;
    }

    /// <summary>
    /// Samples and evaluates every draw in parallel, reporting progress; deterministic under <paramref name="seed"/>.
    /// </summary>
    public static MonteCarloSummary Run(IReadOnlyList<UncertainInput> inputs, IReadOnlyList<Correlation> correlations, int draws, int seed,
        Func<double[], DrawOutcome> evaluate, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        var samples = Sample(inputs, correlations, draws, seed);
        var outcomes = new DrawOutcome[draws];
        var done = 0;
        var step = Math.Max(1, draws / 100);
        Parallel.For(0, draws, new ParallelOptions { CancellationToken = cancellation }, d =>
        {
            outcomes[d] = evaluate(samples[d]);
            var count = Interlocked.Increment(ref done);
            if (count % step == 0 || count == draws) progress?.Report(count);
        });
        return Summarise(outcomes);
    }

    /// <summary>Percentiles and shares of a set of outcomes.</summary>
    public static MonteCarloSummary Summarise(IReadOnlyList<DrawOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0) throw new ArgumentException("no draws", nameof(outcomes));
        var npv = outcomes.Select(o => o.NpvUsd).Order().ToArray();
        var irr = outcomes.Where(o => o.Irr.HasValue).Select(o => o.Irr!.Value).Order().ToArray();
        return new MonteCarloSummary(
            outcomes.Count,
            Percentiles.OfSorted(npv, 0.10),
            Percentiles.OfSorted(npv, 0.50),
            Percentiles.OfSorted(npv, 0.90),
            npv.Average(),
            (double)npv.Count(v => v < 0) / npv.Length,
            irr.Length > 0 ? Percentiles.OfSorted(irr, 0.5) : null,
            outcomes.Count - irr.Length);
    }

    /// <summary>The correlation matrix of the inputs; throws if a correlation names an unknown driver or |rho| >= 1.</summary>
    public static double[,] CorrelationMatrix(IReadOnlyList<UncertainInput> inputs, IReadOnlyList<Correlation> correlations)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(correlations);
        var n = inputs.Count;
        var matrix = new double[n, n];
        for (var i = 0; i < n; i++) matrix[i, i] = 1;
        foreach (var c in correlations)
        {
            var a = IndexOf(inputs, c.A);
            var b = IndexOf(inputs, c.B);
            if (a == b) throw new ArgumentException($"a driver cannot be correlated with itself ('{c.A}')", nameof(correlations));
            if (Math.Abs(c.Rho) >= 1) throw new ArgumentException($"correlation of '{c.A}' and '{c.B}' must lie strictly between -1 and 1", nameof(correlations));
            matrix[a, b] = matrix[b, a] = c.Rho;
        }

        return matrix;
    }

    private static int IndexOf(IReadOnlyList<UncertainInput> inputs, string driver)
    {
        for (var i = 0; i < inputs.Count; i++)
            if (inputs[i].Driver == driver) return i;
        throw new ArgumentException($"correlation names '{driver}', which has no distribution", nameof(inputs));
    }

    // Box-Muller on a seeded stream: two uniforms per normal keeps the stream position independent of caching.
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
