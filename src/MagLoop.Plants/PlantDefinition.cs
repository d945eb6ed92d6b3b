using MagLoop.Materials;

namespace MagLoop.Plants;

/// <summary>
/// The one typed, immutable description of a plant that every model reads: sites and lanes, feeds, the hub's
/// stations (equipment by kind with sizes, rates, cycles, availability, calendars and energy), the unit
/// operations' parameters and routing, the magnets made and the settings of the plant simulation. It is built
/// once from a scenario by a single validation pass, so a definition that exists is consistent: every id it
/// holds resolves, every capacity is positive and finite.
/// </summary>
/// <param name="Name">Scenario name shown in reports.</param>
/// <param name="Sites">The hub and the spokes.</param>
/// <param name="Routes">Shipping lanes between sites.</param>
/// <param name="Feeds">Scrap supplies, each with its resolved scrap type.</param>
/// <param name="Stations">The hub's equipment types, in line order (receiving first, inspection last).</param>
/// <param name="Process">Parameters of the unit operations and where recycles go.</param>
/// <param name="Magnets">What the magnet property model needs and the target grade.</param>
/// <param name="Energy">Plant-wide energy figures beyond the stations' own.</param>
/// <param name="Simulation">Settings of the discrete-event plant simulation.</param>
public sealed record PlantDefinition(
    string Name,
    IReadOnlyList<SiteDefinition> Sites,
    IReadOnlyList<RouteDefinition> Routes,
    IReadOnlyList<FeedDefinition> Feeds,
    IReadOnlyList<StationDefinition> Stations,
    PlantProcess Process,
    MagnetSpecification Magnets,
    PlantEnergySpecification Energy,
    SimulationSettings Simulation)
{
    /// <summary>The medium and long loops beside the short loop and where each stream goes; null for a short-loop plant (docs/model-routes.md).</summary>
    public RecyclingRoutes? RecyclingRoutes { get; init; }

    /// <summary>The hub: the site of the HPMS vessels and the magnet line.</summary>
    public SiteDefinition Hub => Sites.Single(s => s.Role == SiteRole.Hub && s.Id == Station(StationId.Hpms).Site);

    /// <summary>The site with id <paramref name="id"/>.</summary>
    public SiteDefinition Site(SiteId id) => Sites.First(s => s.Id == id);

    /// <summary>The feed with id <paramref name="id"/>.</summary>
    public FeedDefinition Feed(FeedId id) => Feeds.First(f => f.Id == id);

    /// <summary>The station with id <paramref name="id"/>.</summary>
    public StationDefinition Station(StationId id) => Stations.First(s => s.Id == id);

    /// <summary>The station of kind <paramref name="kind"/>, or null when the plant has none.</summary>
    public StationDefinition? StationOfKind(StationKind kind) => Stations.FirstOrDefault(s => s.Kind == kind);

    /// <summary>Sites from which a chain of routes leads to the hub, the hub itself included.</summary>
    public IReadOnlySet<SiteId> SitesReachingHub()
    {
        var hub = Hub.Id;
        var reaching = new HashSet<SiteId> { hub };
        var incoming = Routes.ToLookup(r => r.To, r => r.From);
        var queue = new Queue<SiteId>([hub]);
        while (queue.TryDequeue(out var site))
            foreach (var from in incoming[site])
                if (reaching.Add(from)) queue.Enqueue(from);
        return reaching;
    }
}

/// <summary>Role of a site in the network.</summary>
public enum SiteRole
{
    /// <summary>Central plant with HPMS and the magnet line.</summary>
    Hub,
    /// <summary>Pre-processing site that sorts, dismantles and ships concentrate to the hub.</summary>
    Spoke,
}

/// <summary>A site of the network.</summary>
/// <param name="Id">Site id.</param>
/// <param name="Name">Display name (the id when the scenario gives none).</param>
/// <param name="Role">Hub or spoke.</param>
/// <param name="LatitudeDeg">Latitude, decimal degrees, north positive.</param>
/// <param name="LongitudeDeg">Longitude, decimal degrees, east positive.</param>
public sealed record SiteDefinition(SiteId Id, string Name, SiteRole Role, double LatitudeDeg, double LongitudeDeg);

/// <summary>Freight mode of a lane.</summary>
public enum FreightMode
{
    /// <summary>Road freight.</summary>
    Truck,
    /// <summary>Rail freight.</summary>
    Rail,
}

/// <summary>A shipping lane from one site to another.</summary>
/// <param name="From">Origin site.</param>
/// <param name="To">Destination site.</param>
/// <param name="Mode">Truck or rail.</param>
/// <param name="DistanceKm">Distance travelled, km.</param>
public sealed record RouteDefinition(SiteId From, SiteId To, FreightMode Mode, double DistanceKm);

/// <summary>A scrap supply at a site, with its scrap type resolved (library or scenario, with the feed's overrides applied).</summary>
/// <param name="Id">Feed id.</param>
/// <param name="Site">Site where the scrap is received and pre-processed.</param>
/// <param name="ScrapType">The scrap type as this feed delivers it.</param>
/// <param name="SupplyKgPerYear">Scrap on offer per year, as received.</param>
public sealed record FeedDefinition(FeedId Id, SiteId Site, ScrapType ScrapType, double SupplyKgPerYear);
