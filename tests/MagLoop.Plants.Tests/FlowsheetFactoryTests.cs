using MagLoop.Process;

namespace MagLoop.Plants.Tests;

public sealed class FlowsheetFactoryTests
{
    private static readonly StreamId[] HubStreams =
    [
        StreamId.HpmsPowder, StreamId.HpmsResidue, StreamId.DegassingOffGas, StreamId.DegassedPowder, StreamId.SurplusPowder, StreamId.Blend,
        StreamId.JetMillFines, StreamId.FinePowder, StreamId.PressingScrap, StreamId.GreenCompacts, StreamId.SinteringOffGas, StreamId.SinteringLosses,
        StreamId.SinteredBlock, StreamId.HeatTreatmentLosses, StreamId.HeatTreatedBlock, StreamId.Swarf, StreamId.CutBlock, StreamId.CoatedParts,
        StreamId.Magnets, StreamId.Rejects,
    ];

    [Fact]
    public void Every_hub_stream_id_names_an_edge_of_the_built_flowsheet()
    {
        var flowsheet = FlowsheetFactory.Create(SamplePlant.Create());
        var edges = flowsheet.Edges.Select(e => e.Name).ToHashSet();
        Assert.All(HubStreams, id => Assert.Contains(id.Value, edges));
        Assert.Equal(edges.Count, flowsheet.Edges.Count);
    }

    [Fact]
    public void Feed_streams_and_units_follow_the_feed_id()
    {
        var plant = SamplePlant.Create();
        var feed = plant.Feeds[0];
        var flowsheet = FlowsheetFactory.Create(plant);
        Assert.Contains(UnitId.Feed(feed.Id).Value, flowsheet.NodesById.Keys);
        Assert.Contains(UnitId.Spoke(feed.Id).Value, flowsheet.NodesById.Keys);
        var names = flowsheet.Edges.Select(e => e.Name).ToList();
        Assert.Contains(StreamId.ScrapReceived(feed).Value, names);
        Assert.Contains(StreamId.ConcentrateToHub(feed.Id).Value, names);
        Assert.Contains(StreamId.SpokeResidue(feed.Id).Value, names);
    }

    [Fact]
    public void A_feed_without_a_route_to_the_hub_leaves_its_concentrate_stranded()
    {
        var plant = SamplePlant.Create() with { Routes = [] };
        var solution = FlowsheetSolver.Solve(FlowsheetFactory.Create(plant));
        Assert.True(solution.StreamOrNothing(StreamId.ConcentrateToHub(plant.Feeds[0].Id)).IsEmpty);
        Assert.True(solution.Stream(StreamId.ConcentrateStranded(plant.Feeds[0].Id)).TotalKgPerYear > 0);
    }

    [Fact]
    public void The_jet_mills_cap_the_blend_at_their_capacity()
    {
        var plant = SamplePlant.Create(feedTonnesPerYear: 5000, jetMillKgPerHour: 10);
        var solution = FlowsheetSolver.Solve(FlowsheetFactory.Create(plant));
        Assert.Equal(plant.Station(StationId.JetMills).CapacityKgPerYear, solution.Stream(StreamId.Blend).TotalKgPerYear, 3);
        Assert.True(solution.Stream(StreamId.SurplusPowder).TotalKgPerYear > 0);
    }

    [Fact]
    public void The_hpms_vessels_cap_the_intake_at_their_capacity()
    {
        var plant = SamplePlant.Create(feedTonnesPerYear: 50_000, jetMillKgPerHour: 1000);
        var solution = FlowsheetSolver.Solve(FlowsheetFactory.Create(plant));
        Assert.True(solution.FeedScale < 1);
        Assert.Equal(plant.Station(StationId.Hpms).CapacityKgPerYear, solution.Intake(UnitId.Hpms).TotalKgPerYear, 1e-6 * plant.Station(StationId.Hpms).CapacityKgPerYear);
    }
}
