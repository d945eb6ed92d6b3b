using static MagLoop.Process.Tests.TestNodes;

namespace MagLoop.Process.Tests;

public sealed class FlowsheetTests
{
    // --- validation ---

    [Fact]
    public void Well_formed_graph_is_accepted()
    {
        var flowsheet = new Flowsheet(
            [Feed("feed"), Pass("unit")],
            [FlowsheetEdge.Between("a", "feed", FeedNode.Out, "unit", "in"), FlowsheetEdge.Leaving("b", "unit", Out, OutletKind.Magnet)]);

        Assert.Equal(2, flowsheet.Nodes.Count);
    }

    [Fact]
    public void Duplicate_node_id_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Flowsheet(
            [Feed("x"), Pass("x")],
            [FlowsheetEdge.Leaving("a", "x", FeedNode.Out, OutletKind.Magnet)]));

    [Fact]
    public void Duplicate_stream_name_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Flowsheet(
            [Feed("feed"), Pass("unit")],
            [FlowsheetEdge.Between("a", "feed", FeedNode.Out, "unit", "in"), FlowsheetEdge.Leaving("a", "unit", Out, OutletKind.Magnet)]));

    [Fact]
    public void Unconnected_output_port_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Flowsheet(
            [Feed("feed"), Pass("unit")],
            [FlowsheetEdge.Between("a", "feed", FeedNode.Out, "unit", "in")]));

    [Fact]
    public void Output_port_with_two_streams_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Flowsheet(
            [Feed("feed")],
            [FlowsheetEdge.Leaving("a", "feed", FeedNode.Out, OutletKind.Magnet), FlowsheetEdge.Leaving("b", "feed", FeedNode.Out, OutletKind.Residue)]));

    [Fact]
    public void Stream_from_an_unknown_node_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Flowsheet(
            [Feed("feed")],
            [FlowsheetEdge.Leaving("a", "feed", FeedNode.Out, OutletKind.Magnet), FlowsheetEdge.Leaving("b", "ghost", Out, OutletKind.Magnet)]));

    [Fact]
    public void Stream_to_an_unknown_node_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Flowsheet(
            [Feed("feed")],
            [FlowsheetEdge.Between("a", "feed", FeedNode.Out, "ghost", "in")]));

    [Fact]
    public void Stream_from_an_unknown_port_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Flowsheet(
            [Feed("feed")],
            [FlowsheetEdge.Leaving("a", "feed", FeedNode.Out, OutletKind.Magnet), FlowsheetEdge.Leaving("b", "feed", "spare", OutletKind.Residue)]));

    [Fact]
    public void Stream_that_both_enters_a_node_and_leaves_the_plant_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Flowsheet(
            [Feed("feed"), Pass("unit")],
            [new FlowsheetEdge("a", "feed", FeedNode.Out, "unit", "in", OutletKind.Magnet), FlowsheetEdge.Leaving("b", "unit", Out, OutletKind.Magnet)]));

    [Fact]
    public void Stream_that_neither_enters_a_node_nor_leaves_the_plant_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Flowsheet(
            [Feed("feed")],
            [new FlowsheetEdge("a", "feed", FeedNode.Out, null, null, null)]));

    [Fact]
    public void Stream_into_a_node_without_an_input_port_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Flowsheet(
            [Feed("feed"), Pass("unit")],
            [new FlowsheetEdge("a", "feed", FeedNode.Out, "unit", null, null), FlowsheetEdge.Leaving("b", "unit", Out, OutletKind.Magnet)]));

    [Fact]
    public void Stream_into_a_feed_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Flowsheet(
            [Feed("a"), Feed("b")],
            [FlowsheetEdge.Between("x", "a", FeedNode.Out, "b", "in"), FlowsheetEdge.Leaving("y", "b", FeedNode.Out, OutletKind.Magnet)]));

    // --- reachability of products ---

    [Fact]
    public void Feed_with_a_path_to_magnets_is_not_listed()
    {
        var flowsheet = new Flowsheet(
            [Feed("feed"), Pass("unit")],
            [FlowsheetEdge.Between("a", "feed", FeedNode.Out, "unit", "in"), FlowsheetEdge.Leaving("b", "unit", Out, OutletKind.Magnet)]);

        Assert.Empty(flowsheet.FeedsWithoutPathTo(OutletKind.Magnet));
    }

    [Fact]
    public void Feed_whose_streams_only_end_as_residue_is_listed()
    {
        var flowsheet = new Flowsheet(
            [Feed("good"), Feed("bad"), Pass("unit"), Pass("dump")],
            [
                FlowsheetEdge.Between("a", "good", FeedNode.Out, "unit", "in"),
                FlowsheetEdge.Leaving("b", "unit", Out, OutletKind.Magnet),
                FlowsheetEdge.Between("c", "bad", FeedNode.Out, "dump", "in"),
                FlowsheetEdge.Leaving("d", "dump", Out, OutletKind.Residue),
            ]);

        Assert.Equal(["bad"], flowsheet.FeedsWithoutPathTo(OutletKind.Magnet));
    }

    [Fact]
    public void Feed_whose_only_path_to_magnets_runs_through_a_cycle_is_not_listed()
    {
        // feed -> a -> b -> a (cycle); b's other output leaves as magnets.
        var flowsheet = new Flowsheet(
            [Feed("feed"), Pass("a"), Splitter("b", 0.5)],
            [
                FlowsheetEdge.Between("1", "feed", FeedNode.Out, "a", "in"),
                FlowsheetEdge.Between("2", "a", Out, "b", "in"),
                FlowsheetEdge.Between("3", "b", "taken", "a", "recycle"),
                FlowsheetEdge.Leaving("4", "b", "rest", OutletKind.Magnet),
            ]);

        Assert.Empty(flowsheet.FeedsWithoutPathTo(OutletKind.Magnet));
    }

    [Fact]
    public void Feed_trapped_in_a_cycle_without_a_magnet_outlet_is_listed()
    {
        var flowsheet = new Flowsheet(
            [Feed("feed"), Pass("a"), Splitter("b", 0.5), Feed("other"), Pass("line")],
            [
                FlowsheetEdge.Between("1", "feed", FeedNode.Out, "a", "in"),
                FlowsheetEdge.Between("2", "a", Out, "b", "in"),
                FlowsheetEdge.Between("3", "b", "taken", "a", "recycle"),
                FlowsheetEdge.Leaving("4", "b", "rest", OutletKind.Residue),
                FlowsheetEdge.Between("5", "other", FeedNode.Out, "line", "in"),
                FlowsheetEdge.Leaving("6", "line", Out, OutletKind.Magnet),
            ]);

        Assert.Equal(["feed"], flowsheet.FeedsWithoutPathTo(OutletKind.Magnet));
    }

    [Fact]
    public void Reachability_asks_for_the_outlet_kind_given()
    {
        var flowsheet = new Flowsheet(
            [Feed("feed"), Pass("unit")],
            [FlowsheetEdge.Between("a", "feed", FeedNode.Out, "unit", "in"), FlowsheetEdge.Leaving("b", "unit", Out, OutletKind.Magnet)]);

        Assert.Equal(["feed"], flowsheet.FeedsWithoutPathTo(OutletKind.CoProduct));
    }

    [Fact]
    public void Feeds_lists_only_the_feed_nodes()
    {
        var flowsheet = new Flowsheet(
            [Feed("feed"), Pass("unit")],
            [FlowsheetEdge.Between("a", "feed", FeedNode.Out, "unit", "in"), FlowsheetEdge.Leaving("b", "unit", Out, OutletKind.Magnet)]);

        Assert.Equal(["feed"], flowsheet.Feeds.Select(f => f.Id));
    }
}
