namespace MagLoop.Numerics;

/// <summary>Writes the next draw's input values into <paramref name="row"/>, in stream order.</summary>
public delegate void RowSampler(Span<double> row);

/// <summary>
/// Evaluates draw <paramref name="draw"/> (its index in the range run) from its input values, with
/// <paramref name="state"/> owned by the calling thread; writes its results by that index.
/// </summary>
public delegate void RowEvaluator<in TState>(int draw, ReadOnlySpan<double> row, TState state);

/// <summary>
/// Runs Monte Carlo draws a block at a time: a block's input rows are sampled in stream order on the calling thread,
/// then its draws are evaluated in parallel, each writing its results by draw index. So the results do not depend on
/// the number of threads, and memory stays flat in the number of draws. The economics and the carbon Monte Carlo
/// both run on it.
/// </summary>
public static class DrawBlocks
{
    /// <summary>Draws sampled ahead of evaluation at a time.</summary>
    public const int Size = 4096;

    /// <summary>
    /// Samples and evaluates <paramref name="count"/> draws of <paramref name="width"/> values each on at most
    /// <paramref name="maxThreads"/> threads (-1: as many as the thread pool gives), each thread with its own
    /// <typeparamref name="TState"/> from <paramref name="newState"/>. Progress counts finished draws, about a
    /// hundred reports in all and always the last.
    /// </summary>
    public static void Run<TState>(int count, int width, RowSampler sample, Func<TState> newState, RowEvaluator<TState> evaluate,
        int maxThreads = -1, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(newState);
        ArgumentNullException.ThrowIfNull(evaluate);
        var block = new double[Math.Min(Size, count) * width];
        var done = 0;
        var step = Math.Max(1, count / 100);
        var options = new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = maxThreads };
        for (var first = 0; first < count; first += Size)
        {
            var size = Math.Min(Size, count - first);
            for (var d = 0; d < size; d++) sample(block.AsSpan(d * width, width));
            var offset = first;
            Parallel.For(0, size, options, newState, (d, _, state) =>
            {
                evaluate(offset + d, block.AsSpan(d * width, width), state);
                var finished = Interlocked.Increment(ref done);
                if (finished % step == 0 || finished == count) progress?.Report(finished);
                return state;
            }, static _ => { });
        }
    }
}
