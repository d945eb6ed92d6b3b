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
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        var ordered = ranges.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var random = new Random(seed);
        var results = new CoreFigures[draws];
        var multipliers = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < draws; i++)
        {
            foreach (var range in ordered) multipliers[range.Key] = range.Sample(random.NextDouble());
            var drawn = lines.Select(l => l with
            {
                AmountPerYear = l.AmountPerYear * Multiplier(multipliers, l.ActivityUncertainty),
                KgCo2ePerUnit = l.KgCo2ePerUnit * Multiplier(multipliers, l.FactorUncertainty),
            }).ToList();
            results[i] = Footprint.Core(drawn, attribution, virginRouteKgCo2ePerKg * Multiplier(multipliers, UncertaintyKeys.VirginRoute));
            if ((i + 1) % 100 == 0 || i + 1 == draws) progress?.Report(i + 1);
        }

        return new MonteCarloResult(draws, At(results, 0.10), At(results, 0.50), At(results, 0.90));
    }

    private static double Multiplier(Dictionary<string, double> multipliers, string? key) =>
        key is not null && multipliers.TryGetValue(key, out var m) ? m : 1;

    private static CarbonPercentile At(CoreFigures[] results, double p) => new(
        Numerics.Percentiles.Of(results.Select(r => r.CutBlock).ToList(), p),
        Numerics.Percentiles.Of(results.Select(r => r.Magnet).ToList(), p),
        Numerics.Percentiles.Of(results.Select(r => r.CoProduct).ToList(), p),
        Numerics.Percentiles.Of(results.Select(r => r.Saving).ToList(), p));
}
