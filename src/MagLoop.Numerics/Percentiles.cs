namespace MagLoop.Numerics;

/// <summary>
/// Percentiles by linear interpolation between order statistics (Hyndman and Fan's type 7, the default of R and
/// NumPy): the p-th percentile of n sorted values lies at position p (n - 1).
/// </summary>
public static class Percentiles
{
    /// <summary>Percentile <paramref name="p"/> in [0, 1] of values already sorted ascending.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        var position = p * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>Percentile <paramref name="p"/> in [0, 1] of values in any order (sorted on a copy).</summary>
    public static double Of(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, p);
    }
}
