namespace MagLoop.Network.Maps;

/// <summary>
/// Douglas-Peucker line simplification (Douglas and Peucker 1973): keeps the points that lie further than a
/// tolerance from the chord of the points kept around them, so no dropped point is further than the tolerance
/// from the simplified line.
/// </summary>
public static class DouglasPeucker
{
    /// <summary>
    /// Simplifies an open polyline; the first and last points are always kept. For a closed ring pass it with its
    /// closing point repeated.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Simplify(IReadOnlyList<(double X, double Y)> points, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        if (points.Count < 3) return [.. points];
        var keep = new bool[points.Count];
        keep[0] = keep[^1] = true;
        // An explicit stack instead of recursion: a state border has thousands of points.
        var stack = new Stack<(int First, int Last)>();
        stack.Push((0, points.Count - 1));
        while (stack.Count > 0)
        {
            var (first, last) = stack.Pop();
            double worst = -1;
            var at = -1;
            for (var i = first + 1; i < last; i++)
            {
                var d = Distance(points[i], points[first], points[last]);
                if (d > worst) (worst, at) = (d, i);
            }

            if (at < 0 || worst <= tolerance) continue;
            keep[at] = true;
            stack.Push((first, at));
            stack.Push((at, last));
        }

        return [.. points.Where((_, i) => keep[i])];
    }

    // Distance from p to the segment a-b (to a when the segment has no length, as for a closed ring's chord).
    private static double Distance((double X, double Y) p, (double X, double Y) a, (double X, double Y) b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, length2 = (dx * dx) + (dy * dy);
        var t = length2 == 0 ? 0 : Math.Clamp((((p.X - a.X) * dx) + ((p.Y - a.Y) * dy)) / length2, 0, 1);
        double ex = p.X - (a.X + (t * dx)), ey = p.Y - (a.Y + (t * dy));
        return Math.Sqrt((ex * ex) + (ey * ey));
    }
}
