using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

/// <summary>One lane search serves freight cost, transport carbon and truck transit.</summary>
public sealed class LaneTests
{
    private static Route R(string from, string to, double km, TransportMode mode = TransportMode.Truck) =>
        new() { From = from, To = to, DistanceKm = km, Mode = mode };

    [Fact]
    public void The_shortest_chain_wins_even_when_a_longer_direct_route_is_listed_first()
    {
        var routes = new[] { R("spoke", "hub", 900), R("spoke", "yard", 100), R("yard", "hub", 500, TransportMode.Rail) };
        var lane = Lane.ToHub(routes, "spoke", "hub");
        Assert.Equal(600, lane.DistanceKm);
        Assert.Equal([(TransportMode.Truck, 100.0), (TransportMode.Rail, 500.0)], lane.KmByMode);
    }

    [Fact]
    public void The_hub_itself_and_an_unconnected_site_have_no_legs()
    {
        var routes = new[] { R("spoke", "hub", 900) };
        Assert.Empty(Lane.ToHub(routes, "hub", "hub").Legs);
        Assert.Empty(Lane.ToHub(routes, "elsewhere", "hub").Legs);
        Assert.Equal(0, Lane.ToHub(routes, "elsewhere", "hub").DistanceKm);
    }
}
