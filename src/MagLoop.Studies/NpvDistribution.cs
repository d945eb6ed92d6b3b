namespace MagLoop.Studies;

/// <summary>
/// The Monte Carlo's project NPV as a distribution: a histogram of the draws and their percentiles at every whole
/// percent, so a report draws the histogram and the CDF from the same numbers study.json holds.
/// </summary>
/// <param name="BinEdgesUsd">Edges of the histogram's equal-width bins, lowest first (one more than <paramref name="Counts"/>).</param>
/// <param name="Counts">Draws in each bin; a bin holds values from its lower edge up to (but not including) its upper edge, the last bin also its upper edge.</param>
/// <param name="PercentilesUsd">NPV at 0, 1, ..., 100 % of the draws (index = percent), by the same interpolation as P10/P50/P90.</param>
public sealed record NpvDistribution(IReadOnlyList<double> BinEdgesUsd, IReadOnlyList<int> Counts, IReadOnlyList<double> PercentilesUsd)
{
    /// <summary>Bins of the histogram: enough to show the shape of 1,000-10,000 draws without noise dominating it.</summary>
    public const int Bins = 40;

    /// <summary>The distribution of <paramref name="npvUsd"/> (any order; the result depends only on the values).</summary>
    public static NpvDistribution From(IReadOnlyList<double> npvUsd)
    {
        ArgumentNullException.ThrowIfNull(npvUsd);
        if (npvUsd.Count == 0) throw new ArgumentException("no draws", nameof(npvUsd));
        var sorted = npvUsd.Order().ToArray();
        var (low, high) = (sorted[0], sorted[^1]);
        // All draws equal: one bin of zero width would hide them, so the one bin spans the value.
        var bins = high > low ? Bins : 1;
        var width = high > low ? (high - low) / bins : 1;
        if (high <= low) (low, high) = (low - 0.5, low + 0.5);
        var edges = Enumerable.Range(0, bins + 1).Select(i => i == bins ? high : low + (i * width)).ToArray();
        var counts = new int[bins];
        foreach (var v in sorted) counts[Math.Min(bins - 1, (int)((v - low) / width))]++;
        var percentiles = Enumerable.Range(0, 101).Select(p => MagLoop.Numerics.Percentiles.OfSorted(sorted, p / 100.0)).ToArray();
        return new NpvDistribution(edges, counts, percentiles);
    }
}
