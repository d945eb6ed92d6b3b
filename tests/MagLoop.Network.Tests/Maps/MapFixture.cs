using MagLoop.Network.Results;

namespace MagLoop.Network.Tests.Maps;

/// <summary>A small hand-made problem and plan: two hubs (one open), three spokes (two open), five sources, two years.</summary>
internal static class MapFixture
{
    private static readonly SiteOption Base = new("base", 1e7, 0, 0, 0, 0, 0, 0, 0, 1, null);

    public static NetworkProblem Problem { get; } = new("fixture", [2027, 2028], 0.08,
        [
            Source("TX/hdd", 31.0, -99.0), Source("TX/ev", 31.0, -99.0), Source("SC/hdd", 33.9, -80.9),
            Source("NV/wind", 39.3, -116.6), Source("CA/hdd", 37.2, -119.5),
        ],
        [
            Site("northlake", "Northlake TX", SiteRole.Hub, 33.08, -97.25), Site("joliet", "Joliet IL", SiteRole.Hub, 41.5, -88.1),
            Site("greer", "Greer SC", SiteRole.Spoke, 34.9, -82.2), Site("reno", "Reno NV", SiteRole.Spoke, 39.5, -119.8),
            Site("columbus", "Columbus OH", SiteRole.Spoke, 39.96, -83.0),
        ],
        [], new Demand([10e6, 10e6], 0.5, null, 60, 5, 0), new CarbonPolicy(0, null));

    public static NetworkPlan Plan { get; } = Make(PlanStatus.Optimal);

    public static NetworkPlan Make(PlanStatus status) => new("fixture", PlanObjective.MaximiseMargin, status, 1e6, 1e6, 0, 1, 1, 5e6,
        [], [
            SiteYear("northlake", 2027, 10_104.7, 3_000), SiteYear("reno", 2027, 2_000, 500),
            SiteYear("northlake", 2028, 10_104.7, 6_360), SiteYear("greer", 2028, 2_000, 800), SiteYear("reno", 2028, 2_000, 1_700),
            SiteYear("joliet", 2028, 0, 0), SiteYear("columbus", 2028, 0, 0),
        ],
        [
            new Flow("TX/hdd", "northlake", TransportMode.Truck, "hdd", 2027, 2_500),
            new Flow("NV/wind", "reno", TransportMode.Truck, "wind", 2027, 500),
            new Flow("reno", "northlake", TransportMode.Truck, "wind", 2027, 500),
            new Flow("TX/hdd", "northlake", TransportMode.Truck, "hdd", 2028, 3_000),
            new Flow("TX/ev", "northlake", TransportMode.Truck, "ev", 2028, 1_000),
            new Flow("SC/hdd", "greer", TransportMode.Truck, "hdd", 2028, 800),
            new Flow("greer", "northlake", TransportMode.Rail, "hdd", 2028, 760),
            new Flow("NV/wind", "reno", TransportMode.Truck, "wind", 2028, 500),
            new Flow("CA/hdd", "reno", TransportMode.Truck, "hdd", 2028, 1_200),
            // One lane, two scrap types: the map draws one line of 1,600 t.
            new Flow("reno", "northlake", TransportMode.Truck, "hdd", 2028, 1_000),
            new Flow("reno", "northlake", TransportMode.Truck, "wind", 2028, 600),
        ],
        [], [], [], [], status == PlanStatus.Infeasible ? new InfeasibilityReport("supply cannot meet the minimum utilisation", []) : null);

    private static ScrapSource Source(string id, double lat, double lon) => new(id, id[..2], lat, lon, id[3..], [1e6, 1e6], 5);

    private static CandidateSite Site(string id, string name, SiteRole role, double lat, double lon) =>
        new(id, name, role, name[^2..], lat, lon, "SRVC", [Base], [], 1, null);

    private static SiteYear SiteYear(string id, int year, double capacity, double intake) =>
        new(id, year, capacity, intake, capacity > 0 ? intake / capacity : 0, 0, 0, 0, 0, 0);
}
