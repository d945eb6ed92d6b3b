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

/// <summary>Evaluates Monte Carlo draw <paramref name="draw"/> (its index in the whole run) with its input values.</summary>
/// <param name="draw">Index of the draw in the run, 0 to draws - 1.</param>
/// <param name="values">One value per input, in the order given; valid only during the call.</param>
public delegate void DrawEvaluator(int draw, ReadOnlySpan<double> values);

/// <summary>
/// Monte Carlo over correlated inputs (<see cref="Numerics.CorrelatedSampler"/>, source <see cref="Source"/>). Draws are sampled in order on one thread,
/// block by block, and each block is evaluated in parallel, so the result is the same for any number of threads, and
/// a range of draws (a shard) evaluates with the numbers the whole run gives those draws.
/// </summary>
public static class MonteCarlo
{
    /// <summary>Draws sampled ahead of evaluation at a time: memory stays flat in the number of draws.</summary>
    public const int BlockDraws = Numerics.DrawBlocks.Size;

    /// <summary>Name of the economics draws' streams within a run's seed (<see cref="RandomStream.For(long, string, long)"/>).</summary>
    public const string Source = "economics.monte-carlo";

    /// <summary>The sampler of a run seeded with <paramref name="seed"/>, at draw 0; throws <see cref="ArgumentException"/> for inconsistent correlations.</summary>
    public static CorrelatedSampler Sampler(IReadOnlyList<UncertainInput> inputs, IReadOnlyList<Correlation> correlations, int seed)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return new CorrelatedSampler([.. inputs.Select(i => i.Distribution.ToNumerics())], CorrelationMatrix(inputs, correlations), seed, Source);
    }

    /// <summary>
    /// Draws <paramref name="draws"/> input vectors (one value per input, in the order given).
    /// </summary>
    public static double[][] Sample(IReadOnlyList<UncertainInput> inputs, IReadOnlyList<Correlation> correlations, int draws, int seed)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(correlations);
        ArgumentOutOfRangeException.ThrowIfNegative(draws);
        var sampler = Sampler(inputs, correlations, seed);
        var result = new double[draws][];
        for (var d = 0; d < draws; d++)
        {
            result[d] = new double[inputs.Count];
            sampler.Next(result[d]);
        }

        return result;
    }

    /// <summary>
    /// Evaluates draws <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 of a run
    /// seeded with <paramref name="seed"/>, in parallel; <paramref name="evaluate"/> must write each draw's results
    /// by its index (draws finish in any order). Progress counts finished draws of the range.
    /// </summary>
    public static void Evaluate(IReadOnlyList<UncertainInput> inputs, IReadOnlyList<Correlation> correlations, int seed, int start, int count,
        DrawEvaluator evaluate, IProgress<int>? progress = null, CancellationToken cancellation = default) =>
        Evaluate(inputs, correlations, seed, start, count, evaluate, -1, progress, cancellation);

    /// <summary>
    /// As <see cref="Evaluate(IReadOnlyList{UncertainInput}, IReadOnlyList{Correlation}, int, int, int, DrawEvaluator, IProgress{int}?, CancellationToken)"/>
    /// on at most <paramref name="maxThreads"/> threads (-1: as many as the thread pool gives); the results do not depend on it.
    /// </summary>
    public static void Evaluate(IReadOnlyList<UncertainInput> inputs, IReadOnlyList<Correlation> correlations, int seed, int start, int count,
        DrawEvaluator evaluate, int maxThreads, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var sampler = Sampler(inputs, correlations, seed);
        sampler.Skip(start);
        Numerics.DrawBlocks.Run(count, sampler.Width, sampler.Next, static () => 0, (d, row, _) => evaluate(start + d, row), maxThreads, progress, cancellation);
    }

    /// <summary>
    /// Samples and evaluates every draw in parallel, reporting progress; deterministic under <paramref name="seed"/>.
    /// </summary>
    public static MonteCarloSummary Run(IReadOnlyList<UncertainInput> inputs, IReadOnlyList<Correlation> correlations, int draws, int seed,
        Func<double[], DrawOutcome> evaluate, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        var outcomes = new DrawOutcome[draws];
        Evaluate(inputs, correlations, seed, 0, draws, (d, values) => outcomes[d] = evaluate(values.ToArray()), progress, cancellation);
        return Summarise(outcomes);
    }

    /// <summary>
    /// Percentiles and shares of draws given as one NPV and one IRR (NaN: none unique) per draw, in any order; the
    /// same figures as <see cref="Summarise(IReadOnlyList{DrawOutcome})"/> of the same draws.
    /// </summary>
    public static MonteCarloSummary Summarise(ReadOnlySpan<double> npvUsd, ReadOnlySpan<double> irr)
    {
        if (npvUsd.Length == 0) throw new ArgumentException("no draws", nameof(npvUsd));
        if (irr.Length != npvUsd.Length) throw new ArgumentException("one IRR per draw", nameof(irr));
        var npv = npvUsd.ToArray();
        Array.Sort(npv);
        var unique = 0;
        foreach (var v in irr) if (!double.IsNaN(v)) unique++;
        var irrs = new double[unique];
        unique = 0;
        foreach (var v in irr) if (!double.IsNaN(v)) irrs[unique++] = v;
        Array.Sort(irrs);
        return Summary(npv, irrs);
    }

    /// <summary>Percentiles and shares of a set of outcomes.</summary>
    public static MonteCarloSummary Summarise(IReadOnlyList<DrawOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0) throw new ArgumentException("no draws", nameof(outcomes));
        var npv = outcomes.Select(o => o.NpvUsd).Order().ToArray();
        var irr = outcomes.Where(o => o.Irr.HasValue).Select(o => o.Irr!.Value).Order().ToArray();
        return Summary(npv, irr);
    }

    // The summary of sorted NPVs and sorted unique IRRs.
    private static MonteCarloSummary Summary(double[] npv, double[] irr) =>
        new(
            npv.Length,
            Percentiles.OfSorted(npv, 0.10),
            Percentiles.OfSorted(npv, 0.50),
            Percentiles.OfSorted(npv, 0.90),
            npv.Average(),
            (double)npv.Count(v => v < 0) / npv.Length,
            irr.Length > 0 ? Percentiles.OfSorted(irr, 0.5) : null,
            npv.Length - irr.Length);

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
}
