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
    /// <summary>Draws a multiplier from the triangular distribution for a uniform draw <paramref name="u"/> in [0, 1).</summary>
    public double Sample(double u) => HighMultiplier - LowMultiplier <= 0 ? 1 : new Numerics.Triangular(LowMultiplier, 1, HighMultiplier).Quantile(u);
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
    /// <paramref name="seed"/>: the footprints the whole run gives those draws (each draw takes one uniform per group,
    /// so the draws before <paramref name="start"/> are skipped, not computed).
    /// </summary>
    public static CarbonDraws Draw(IReadOnlyList<InventoryLine> lines, IAttribution attribution, double virginRouteKgCo2ePerKg,
        IReadOnlyList<UncertaintyRange> ranges, int seed, int start, int count, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var ordered = ranges.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var random = new Random(seed);
        for (long k = 0, skipped = (long)start * ordered.Count; k < skipped; k++) random.NextDouble();
        var results = new CarbonDraws(count);
        var multipliers = new Dictionary<string, double>(StringComparer.Ordinal);
        var drawn = new InventoryLine[lines.Count];
        for (var i = 0; i < count; i++)
        {
            foreach (var range in ordered) multipliers[range.Key] = range.Sample(random.NextDouble());
            for (var l = 0; l < lines.Count; l++)
            {
                drawn[l] = lines[l] with
                {
                    AmountPerYear = lines[l].AmountPerYear * Multiplier(multipliers, lines[l].ActivityUncertainty),
                    KgCo2ePerUnit = lines[l].KgCo2ePerUnit * Multiplier(multipliers, lines[l].FactorUncertainty),
                };
            }

            var core = Footprint.Core(drawn, attribution, virginRouteKgCo2ePerKg * Multiplier(multipliers, UncertaintyKeys.VirginRoute));
            results.CutBlock[i] = core.CutBlock;
            results.Magnet[i] = core.Magnet;
            results.CoProduct[i] = core.CoProduct;
            results.Saving[i] = core.Saving;
            if ((i + 1) % 100 == 0 || i + 1 == count) progress?.Report(i + 1);
        }

        return results;
    }

    /// <summary>The P10, P50 and P90 of draws in any order (a whole run, or shards joined).</summary>
    public static MonteCarloResult Summarise(CarbonDraws draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        if (draws.Count == 0) throw new ArgumentException("no draws", nameof(draws));
        return new MonteCarloResult(draws.Count, At(draws, 0.10), At(draws, 0.50), At(draws, 0.90));
    }

    private static double Multiplier(Dictionary<string, double> multipliers, string? key) =>
        key is not null && multipliers.TryGetValue(key, out var m) ? m : 1;

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
