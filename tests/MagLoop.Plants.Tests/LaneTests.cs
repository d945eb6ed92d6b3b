namespace MagLoop.Plants.Tests;

/// <summary>One lane search serves freight cost, transport carbon and truck transit.</summary>
public sealed class LaneTests
{
    private static RouteDefinition R(string from, string to, double km, FreightMode mode = FreightMode.Truck) => new(new(from), new(to), mode, km);

    private static Lane ToHub(RouteDefinition[] routes, string site) => Lane.ToHub(routes, new SiteId(site), new SiteId("hub"));

    [Fact]
    public void The_shortest_chain_wins_even_when_a_longer_direct_route_is_listed_first()
    {
        var lane = ToHub([R("spoke", "hub", 900), R("spoke", "yard", 100), R("yard", "hub", 500, FreightMode.Rail)], "spoke");
        Assert.Equal(600, lane.DistanceKm);
        Assert.Equal([(FreightMode.Truck, 100.0), (FreightMode.Rail, 500.0)], lane.KmByMode);
    }

    [Fact]
    public void The_hub_itself_and_an_unconnected_site_have_no_legs()
    {
        RouteDefinition[] routes = [R("spoke", "hub", 900)];
        Assert.Empty(ToHub(routes, "hub").Legs);
        Assert.Empty(ToHub(routes, "elsewhere").Legs);
        Assert.Equal(0, ToHub(routes, "elsewhere").DistanceKm);
    }

    [Fact]
    public void The_definition_lane_ends_at_its_hub() =>
        Assert.Equal(1500, Lane.ToHub(SamplePlant.Create(), SamplePlant.Spoke).DistanceKm);
}
