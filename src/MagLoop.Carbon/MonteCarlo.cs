namespace MagLoop.Carbon;

/// <summary>
/// Uncertainty of one group of activities or factors: a triangular distribution of a multiplier with mode 1
/// between <paramref name="LowMultiplier"/> and <paramref name="HighMultiplier"/>.
/// </summary>
/// <param name="Key">Group key (<see cref="UncertaintyKeys"/>).</param>
/// <param name="LowMultiplier">Lowest multiplier (0-1].</param>
/// <param name="HighMultiplier">Highest multiplier (at least 1).</param>
public sealed record UncertaintyRange(string Key, double LowMultiplier, double HighMultiplier)
{
    /// <summary>The multiplier's distribution: triangular with mode 1, or always 1 for an empty range.</summary>
    public Numerics.Distribution Distribution => HighMultiplier - LowMultiplier <= 0 ? new Numerics.Constant(1) : new Numerics.Triangular(LowMultiplier, 1, HighMultiplier);
}

/// <summary>The P10, P50 and P90 of the footprints over the draws.</summary>
/// <param name="Draws">Number of draws.</param>
/// <param name="P10">10th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
public sealed record MonteCarloResult(int Draws, CarbonPercentile P10, CarbonPercentile P50, CarbonPercentile P90);

/// <summary>
/// Propagates the uncertainty ranges through the footprint by Monte Carlo. Groups are drawn independently; all
/// lines of a group share its multiplier in a draw (one grid multiplier for every site, for instance), which is
/// the conservative (correlated) choice. The same inputs and seed give the same result.
/// </summary>
public static class MonteCarlo
{
    /// <summary>Runs <paramref name="draws"/> draws seeded with <paramref name="seed"/>.</summary>
    public static MonteCarloResult Run(IReadOnlyList<InventoryLine> lines, IAttribution attribution, double virginRouteKgCo2ePerKg,
        IReadOnlyList<UncertaintyRange> ranges, int draws, int seed, IProgress<int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        return Summarise(Draw(lines, attribution, virginRouteKgCo2ePerKg, ranges, seed, 0, draws, progress));
    }

    /// <summary>
    /// Draws <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 of a run seeded with
    /// <paramref name="seed"/>: the footprints the whole run gives those draws (draw k's multipliers come from its own
    /// stream, <see cref="Source"/> and k, so the draws before <paramref name="start"/> are skipped, not computed). The multipliers are sampled in stream
    /// order, block by block; the footprints of a block are computed on up to <paramref name="maxThreads"/> threads
    /// (-1: as many as the thread pool gives) and written by draw index, so the results do not depend on it.
    /// </summary>
    public static CarbonDraws Draw(IReadOnlyList<InventoryLine> lines, IAttribution attribution, double virginRouteKgCo2ePerKg,
        IReadOnlyList<UncertaintyRange> ranges, int seed, int start, int count, IProgress<int>? progress = null, int maxThreads = -1)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(attribution);
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var prepared = attribution.ForRepeatedUse();
        var ordered = ranges.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var width = ordered.Count;
        var sampler = Numerics.CorrelatedSampler.Independent([.. ordered.Select(r => r.Distribution)], seed, Source);
        sampler.Skip(start);
        // Each line's multipliers as columns of a draw's row (-1: none, a factor of 1); a key given twice takes its
        // last range, as a dictionary filled in range order would.
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < width; r++) column[ordered[r].Key] = r;
        int Column(string? key) => key is not null && column.TryGetValue(key, out var c) ? c : -1;
        var activity = lines.Select(l => Column(l.ActivityUncertainty)).ToArray();
        var factor = lines.Select(l => Column(l.FactorUncertainty)).ToArray();
        var virgin = Column(UncertaintyKeys.VirginRoute);
        var results = new CarbonDraws(count);
        Numerics.DrawBlocks.Run(count, width, sampler.Next, () => new InventoryLine[lines.Count], (i, row, drawn) =>
        {
            for (var l = 0; l < drawn.Length; l++)
            {
                drawn[l] = lines[l] with
                {
                    AmountPerYear = lines[l].AmountPerYear * Multiplier(row, activity[l]),
                    KgCo2ePerUnit = lines[l].KgCo2ePerUnit * Multiplier(row, factor[l]),
                };
            }

            var core = Footprint.Core(drawn, prepared, virginRouteKgCo2ePerKg * Multiplier(row, virgin));
            results.CutBlock[i] = core.CutBlock;
            results.Magnet[i] = core.Magnet;
            results.CoProduct[i] = core.CoProduct;
            results.Saving[i] = core.Saving;
        }, maxThreads, progress);
        return results;
    }

    /// <summary>Draws sampled at a time before their footprints are computed in parallel.</summary>
    public const int BlockDraws = Numerics.DrawBlocks.Size;

    /// <summary>Name of the carbon draws' streams within a run's seed (<see cref="Numerics.RandomStream.For(long, string, long)"/>).</summary>
    public const string Source = "carbon.monte-carlo";

    /// <summary>The P10, P50 and P90 of draws in any order (a whole run, or shards joined).</summary>
    public static MonteCarloResult Summarise(CarbonDraws draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        if (draws.Count == 0) throw new ArgumentException("no draws", nameof(draws));
        return new MonteCarloResult(draws.Count, At(draws, 0.10), At(draws, 0.50), At(draws, 0.90));
    }

    // A draw's multiplier in a column of its row; no column (-1) is a factor of 1.
    private static double Multiplier(ReadOnlySpan<double> row, int column) => column < 0 ? 1 : row[column];

    private static CarbonPercentile At(CarbonDraws d, double p) => new(
        Numerics.Percentiles.Of(d.CutBlock, p),
        Numerics.Percentiles.Of(d.Magnet, p),
        Numerics.Percentiles.Of(d.CoProduct, p),
        Numerics.Percentiles.Of(d.Saving, p));
}

/// <summary>The footprints of a run of Monte Carlo draws, one value per draw in each array (kg CO2e per kg; saving in kg CO2e per kg of magnet against the virgin route).</summary>
public sealed class CarbonDraws
{
    /// <summary>Room for <paramref name="count"/> draws.</summary>
    public CarbonDraws(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CutBlock = new double[count];
        Magnet = new double[count];
        CoProduct = new double[count];
        Saving = new double[count];
    }

    /// <summary>Draws held.</summary>
    public int Count => CutBlock.Length;

    /// <summary>Per kg of cut sintered block.</summary>
    public double[] CutBlock { get; }

    /// <summary>Per kg of magnet.</summary>
    public double[] Magnet { get; }

    /// <summary>Per kg of co-product.</summary>
    public double[] CoProduct { get; }

    /// <summary>Saving against the virgin route.</summary>
    public double[] Saving { get; }
}
