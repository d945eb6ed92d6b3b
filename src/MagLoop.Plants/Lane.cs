namespace MagLoop.Plants;

/// <summary>The shortest chain of routes from a site to the hub, which freight cost, transport carbon and truck transit all use.</summary>
/// <param name="Legs">The routes in order; empty at the hub or when no route leads there.</param>
public sealed record Lane(IReadOnlyList<RouteDefinition> Legs)
{
    /// <summary>Length of the lane.</summary>
    public double DistanceKm => Legs.Sum(r => r.DistanceKm);

    /// <summary>Kilometres by freight mode along the lane, in mode order.</summary>
    public IReadOnlyList<(FreightMode Mode, double Km)> KmByMode =>
        Legs.GroupBy(r => r.Mode).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(r => r.DistanceKm))).ToList();

    /// <summary>The shortest lane from <paramref name="site"/> to the plant's hub.</summary>
    public static Lane ToHub(PlantDefinition plant, SiteId site)
    {
        ArgumentNullException.ThrowIfNull(plant);
        return ToHub(plant.Routes, site, plant.Hub.Id);
    }

    /// <summary>
    /// The shortest lane from <paramref name="site"/> to <paramref name="hub"/> over <paramref name="routes"/> (Dijkstra;
    /// ties keep the first route found). The definition's validation pass has already refused feeds whose site has
    /// no path to the hub.
    /// </summary>
    public static Lane ToHub(IReadOnlyList<RouteDefinition> routes, SiteId site, SiteId hub)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (site == hub) return new Lane([]);
        var best = new Dictionary<SiteId, (double Km, RouteDefinition[] Path)> { [site] = (0, []) };
        var open = new PriorityQueue<SiteId, double>();
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
