using System.Runtime.InteropServices;
using MagLoop.Process;

namespace MagLoop.Plants.Tests;

public sealed class FlowsheetWorkspaceTests
{
    private static void AssertBitForBit(FlowsheetSolution expected, FlowsheetSolution actual)
    {
        Assert.Equal(expected.FeedScale, actual.FeedScale);
        Assert.Equal(expected.Iterations, actual.Iterations);
        foreach (var (name, stream) in expected.Streams)
            Assert.True(MemoryMarshal.AsBytes(stream.KgPerYear).SequenceEqual(MemoryMarshal.AsBytes(actual.Streams[name].KgPerYear)), $"stream '{name}' differs");
        Assert.Equal(expected.ExternalInputs.Count, actual.ExternalInputs.Count);
    }

    [Fact]
    public void Plants_solved_in_one_workspace_match_plants_solved_alone_bit_for_bit()
    {
        var workspace = new FlowsheetWorkspace();
        // The Monte Carlo's case: one plant re-built with other capacities (the line binds or not), draw after draw.
        foreach (var (feedTonnes, jetMillKgPerHour) in new[] { (1000.0, 10.0), (1000.0, 6.0), (1400.0, 12.0), (1000.0, 10.0) })
        {
            var plant = SamplePlant.Create(feedTonnesPerYear: feedTonnes, jetMillKgPerHour: jetMillKgPerHour);
            AssertBitForBit(FlowsheetFactory.Solve(plant), FlowsheetFactory.Solve(plant, workspace: workspace));
        }
    }

    [Fact]
    public void A_workspace_shares_the_graph_of_plants_of_one_shape()
    {
        var workspace = new FlowsheetWorkspace();
        var first = FlowsheetFactory.Solve(SamplePlant.Create(), workspace: workspace);
        var second = FlowsheetFactory.Solve(SamplePlant.Create(jetMillKgPerHour: 6), workspace: workspace);
        Assert.Same(first.Flowsheet.Topology, second.Flowsheet.Topology);
        Assert.NotSame(first.Flowsheet.Topology, FlowsheetFactory.Create(SamplePlant.Create()).Topology);
    }
}
