namespace MagLoop.Numerics.Tests;

public sealed class DrawBlocksTests
{
    // Each draw's value is a function of its sampled row, so a draw given another draw's row shows up.
    private static double[] Run(int count, int width, int maxThreads, List<int>? reported = null)
    {
        var stream = RandomStream.For(7, "blocks");
        var results = new double[count];
        var states = new HashSet<double[]>(ReferenceEqualityComparer.Instance);
        DrawBlocks.Run(count, width, row =>
        {
            for (var r = 0; r < row.Length; r++) row[r] = stream.NextDouble();
        }, () =>
        {
            var scratch = new double[width];
            lock (states) states.Add(scratch);
            return scratch;
        }, (d, row, scratch) =>
        {
            row.CopyTo(scratch);
            var sum = 0.0;
            for (var r = 0; r < scratch.Length; r++) sum += scratch[r] * (r + 1);
            results[d] = sum;
        }, maxThreads, reported is null ? null : new Recorder(reported));
        return results;
    }

    [Fact]
    public void Draws_across_block_boundaries_are_the_same_on_one_thread_and_on_four_and_are_the_stream_s_rows_in_order()
    {
        var count = DrawBlocks.Size * 2 + 37;
        var reported = new List<int>();
        var one = Run(count, 3, 1);
        var four = Run(count, 3, 4, reported);
        Assert.Equal(one, four);
        var stream = RandomStream.For(7, "blocks");
        for (var d = 0; d < count; d++)
        {
            double a = stream.NextDouble(), b = stream.NextDouble(), c = stream.NextDouble();
            Assert.Equal(a + 2 * b + 3 * c, one[d]);
        }

        Assert.Equal(count, reported.Max());
        Assert.InRange(reported.Count, 100, 110);
    }

    [Fact]
    public void No_draws_or_no_inputs_run_without_sampling_room()
    {
        Assert.Empty(Run(0, 3, 2));
        Assert.All(Run(10, 0, 2), v => Assert.Equal(0, v));
    }

    [Fact]
    public void A_cancelled_run_stops_with_the_token_s_exception()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            DrawBlocks.Run(10, 1, row => row[0] = 1, () => 0, (_, _, _) => { }, cancellation: cancel.Token));
    }

    private sealed class Recorder(List<int> reported) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (reported) reported.Add(value);
        }
    }
}
