using System.Runtime.InteropServices;
using static MagLoop.Process.Tests.TestNodes;

namespace MagLoop.Process.Tests;

public sealed class FlowsheetSolvePlanTests
{
    private static FlowsheetNode[] Nodes(double r, double? mixCapacityKgPerYear, double feedKgPerYear = 1000.0) =>
        [Feed("feed", feedKgPerYear), Pass("mix", mixCapacityKgPerYear), Splitter("split", r), Pass("loop")];

    private static FlowsheetEdge[] Edges() =>
    [
        FlowsheetEdge.Between("feed", "feed", FeedNode.Out, "mix", "in"),
        FlowsheetEdge.Between("mixed", "mix", Out, "split", "in"),
        FlowsheetEdge.Between("recycle", "split", "taken", "loop", "in"),
        FlowsheetEdge.Between("return", "loop", Out, "mix", "return"),
        FlowsheetEdge.Leaving("product", "split", "rest", OutletKind.Magnet),
    ];

    private static void AssertBitForBit(FlowsheetSolution expected, FlowsheetSolution actual)
    {
        Assert.Equal(expected.FeedScale, actual.FeedScale);
        Assert.Equal(expected.Iterations, actual.Iterations);
        Assert.Equal(expected.Streams.Keys.Order(StringComparer.Ordinal), actual.Streams.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, stream) in expected.Streams)
            Assert.True(MemoryMarshal.AsBytes(stream.KgPerYear).SequenceEqual(MemoryMarshal.AsBytes(actual.Streams[name].KgPerYear)), $"stream '{name}' differs");
    }

    [Fact]
    public void A_flowsheet_like_its_template_shares_the_template_topology()
    {
        var template = new Flowsheet(Nodes(0.5, 800.0), Edges());
        var like = Flowsheet.Like(template, Nodes(0.3, 600.0, feedKgPerYear: 1200.0), Edges());
        Assert.Same(template.Topology, like.Topology);
        Assert.Same(template.Edges, like.Edges);
        Assert.Equal(600.0, like.NodesById["mix"].IntakeCapacityKgPerYear);
    }

    [Fact]
    public void A_flowsheet_with_another_graph_gets_its_own_topology()
    {
        var template = new Flowsheet(Nodes(0.5, 800.0), Edges());
        // The same nodes, the product named differently: another graph, checked as a new flowsheet.
        var renamed = Edges();
        renamed[^1] = FlowsheetEdge.Leaving("magnets", "split", "rest", OutletKind.Magnet);
        Assert.NotSame(template.Topology, Flowsheet.Like(template, Nodes(0.5, 800.0), renamed).Topology);
        // A node that loses its capacity changes what the plan indexes.
        Assert.NotSame(template.Topology, Flowsheet.Like(template, Nodes(0.5, null), Edges()).Topology);
        Assert.NotSame(template.Topology, Flowsheet.Like(null, Nodes(0.5, 800.0), Edges()).Topology);
    }

    [Fact]
    public void A_flowsheet_unlike_its_template_is_still_checked()
    {
        var template = new Flowsheet(Nodes(0.5, 800.0), Edges());
        var dangling = Edges();
        dangling[0] = FlowsheetEdge.Between("feed", "feed", FeedNode.Out, "nowhere", "in");
        Assert.Throws<ArgumentException>(() => Flowsheet.Like(template, Nodes(0.5, 800.0), dangling));
    }

    [Theory]
    [InlineData(0.5, 800.0, 0.3, 600.0)]
    [InlineData(0.5, 800.0, 0.7, 2000.0)]
    [InlineData(0.2, 5000.0, 0.6, 500.0)]
    public void A_kept_plan_solves_a_flowsheet_of_the_same_graph_bit_for_bit_as_a_new_one(double r1, double capacity1, double r2, double capacity2)
    {
        var plan = new FlowsheetSolvePlan();
        var first = new Flowsheet(Nodes(r1, capacity1), Edges());
        AssertBitForBit(FlowsheetSolver.Solve(first), FlowsheetSolver.Solve(first, plan));
        // Other parameters, same graph: the plan is reused (its buffers hold the first solve) and gives the fresh answer.
        var second = Flowsheet.Like(first, Nodes(r2, capacity2, feedKgPerYear: 1300.0), Edges());
        var reused = FlowsheetSolver.Solve(second, plan);
        AssertBitForBit(FlowsheetSolver.Solve(new Flowsheet(Nodes(r2, capacity2, feedKgPerYear: 1300.0), Edges())), reused);
        Assert.Same(second, reused.Flowsheet);
        // And back: nothing of the second solve leaks into the next.
        AssertBitForBit(FlowsheetSolver.Solve(first), FlowsheetSolver.Solve(Flowsheet.Like(first, Nodes(r1, capacity1), Edges()), plan));
    }

    [Fact]
    public void A_kept_plan_of_another_graph_is_replaced()
    {
        var plan = new FlowsheetSolvePlan();
        FlowsheetSolver.Solve(new Flowsheet(Nodes(0.5, 800.0), Edges()), plan);
        var other = new Flowsheet(
            [Feed("feed"), Pass("unit", 400.0)],
            [FlowsheetEdge.Between("feed", "feed", FeedNode.Out, "unit", "in"), FlowsheetEdge.Leaving("product", "unit", Out, OutletKind.Magnet)]);
        AssertBitForBit(FlowsheetSolver.Solve(other), FlowsheetSolver.Solve(other, plan));
    }
}
