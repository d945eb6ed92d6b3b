using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>The shortest chain of routes from a site to the hub, which freight cost, transport carbon and truck transit all use.</summary>
/// <param name="Legs">The routes in order; empty at the hub or when no route leads there.</param>
public sealed record Lane(IReadOnlyList<Route> Legs)
{
    /// <summary>Length of the lane.</summary>
    public double DistanceKm => Legs.Sum(r => r.DistanceKm);

    /// <summary>Kilometres by transport mode along the lane, in mode order.</summary>
    public IReadOnlyList<(TransportMode Mode, double Km)> KmByMode =>
        Legs.GroupBy(r => r.Mode).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(r => r.DistanceKm))).ToList();

    /// <summary>
    /// The shortest lane from <paramref name="site"/> to <paramref name="hub"/> over <paramref name="routes"/> (Dijkstra;
    /// ties keep the first route found). PlantBuilder has already refused feeds whose site has no path to the hub.
    /// </summary>
    public static Lane ToHub(IReadOnlyList<Route> routes, string site, string hub)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (site == hub) return new Lane([]);
        var best = new Dictionary<string, (double Km, Route[] Path)>(StringComparer.Ordinal) { [site] = (0, []) };
        var open = new PriorityQueue<string, double>();
        open.Enqueue(site, 0);
        while (open.TryDequeue(out var at, out var km))
        {
            if (km > best[at].Km) continue;
            if (at == hub) break;
            foreach (var route in routes.Where(r => r.From == at))
            {
                var next = km + route.DistanceKm;
                if (best.TryGetValue(route.To, out var known) && known.Km <= next) continue;
                best[route.To] = (next, [.. best[at].Path, route]);
                open.Enqueue(route.To, next);
            }
        }

        return new Lane(best.TryGetValue(hub, out var lane) ? lane.Path : []);
    }
}
