using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MagLoop.Plants;

/// <summary>The shortest chain of routes from a site to the hub, which freight cost, transport carbon and truck transit all use.</summary>
/// <param name="Legs">The routes in order; empty at the hub or when no route leads there.</param>
public sealed record Lane(IReadOnlyList<RouteDefinition> Legs)
{
    // One shortest-path tree per route list and hub, shared by every site's lane: a search per site would cost
    // sites x routes, and lanes through a long chain of spokes would copy their common legs once per site.
    private static readonly ConditionalWeakTable<IReadOnlyList<RouteDefinition>, ConcurrentDictionary<SiteId, Dictionary<SiteId, RouteDefinition>>> Trees = new();

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
    /// The shortest lane from <paramref name="site"/> to <paramref name="hub"/> over <paramref name="routes"/> (Dijkstra
    /// from the hub against the direction of the routes; between lanes of equal length the order of the routes
    /// decides, so the same file always gives the same lane). The definition's validation pass has already refused
    /// feeds whose site has no path to the hub.
    /// </summary>
    public static Lane ToHub(IReadOnlyList<RouteDefinition> routes, SiteId site, SiteId hub)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (site == hub) return new Lane([]);
        var next = Trees.GetOrCreateValue(routes).GetOrAdd(hub, h => NextLegs(routes, h));
        var legs = new List<RouteDefinition>();
        // Each leg leads to a site settled earlier by the search, so the walk ends at the hub.
        for (var at = site; at != hub && next.TryGetValue(at, out var leg); at = leg.To) legs.Add(leg);
        return new Lane(legs);
    }

    // The first leg of the shortest lane to the hub from every site that has one.
    private static Dictionary<SiteId, RouteDefinition> NextLegs(IReadOnlyList<RouteDefinition> routes, SiteId hub)
    {
        var incoming = routes.ToLookup(r => r.To);
        var kmToHub = new Dictionary<SiteId, double> { [hub] = 0 };
        var next = new Dictionary<SiteId, RouteDefinition>();
        var open = new PriorityQueue<SiteId, double>();
        open.Enqueue(hub, 0);
        while (open.TryDequeue(out var at, out var km))
        {
            if (km > kmToHub[at]) continue;
            foreach (var route in incoming[at])
            {
                var through = km + route.DistanceKm;
                if (kmToHub.TryGetValue(route.From, out var known) && known <= through) continue;
                kmToHub[route.From] = through;
                next[route.From] = route;
                open.Enqueue(route.From, through);
            }
        }

        return next;
    }
}
