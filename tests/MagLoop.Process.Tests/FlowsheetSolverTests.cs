using MagLoop.Materials;
using static MagLoop.Process.Tests.TestNodes;

namespace MagLoop.Process.Tests;

public sealed class FlowsheetSolverTests
{
    private const double FeedKgPerYear = 1000.0;

    // feed -> mix -> split; split returns a fraction r through "loop" back to mix; the rest leaves as magnets.
    private static Flowsheet RecycleLoop(double r, double? mixCapacityKgPerYear = null) => new(
        [Feed("feed", FeedKgPerYear), Pass("mix", mixCapacityKgPerYear), Splitter("split", r), Pass("loop")],
        [
            FlowsheetEdge.Between("feed", "feed", FeedNode.Out, "mix", "in"),
            FlowsheetEdge.Between("mixed", "mix", Out, "split", "in"),
            FlowsheetEdge.Between("recycle", "split", "taken", "loop", "in"),
            FlowsheetEdge.Between("return", "loop", Out, "mix", "return"),
            FlowsheetEdge.Leaving("product", "split", "rest", OutletKind.Magnet),
        ]);

    // feed -> unit (with capacity) -> magnets.
    private static Flowsheet Line(double? capacityKgPerYear, double feedKgPerYear = FeedKgPerYear) => new(
        [Feed("feed", feedKgPerYear), Pass("unit", capacityKgPerYear)],
        [FlowsheetEdge.Between("feed", "feed", FeedNode.Out, "unit", "in"), FlowsheetEdge.Leaving("product", "unit", Out, OutletKind.Magnet)]);

    // --- recycle loops ---

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Pure_split_loop_delivers_the_feed_at_steady_state(double r) =>
        Assert.Equal(FeedKgPerYear, FlowsheetSolver.Solve(RecycleLoop(r)).Stream("product")[Component.Fe], FeedKgPerYear * 1e-12);

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Recycle_stream_converges_to_feed_times_r_over_1_minus_r(double r) =>
        Assert.Equal(FeedKgPerYear * r / (1 - r), FlowsheetSolver.Solve(RecycleLoop(r)).Stream("recycle")[Component.Fe], FeedKgPerYear * r / (1 - r) * 1e-11);

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Recycle_loop_closes_the_balance_to_1e_12(double r) =>
        Assert.True(FlowsheetSolver.Solve(RecycleLoop(r)).MaxRelativeBalanceError < 1e-12);

    [Fact]
    public void Recycle_ratio_of_1_does_not_converge() =>
        Assert.Throws<ProcessException>(() => FlowsheetSolver.Solve(RecycleLoop(1.0)));

    [Fact]
    public void Graph_without_recycle_solves_in_one_sweep() =>
        Assert.Equal(1, FlowsheetSolver.Solve(Line(null)).Iterations);

    [Fact]
    public void Recycle_loop_needs_more_than_one_sweep() =>
        Assert.True(FlowsheetSolver.Solve(RecycleLoop(0.5)).Iterations > 1);

    [Fact]
    public void Solving_again_gives_the_same_solution()
    {
        var flowsheet = RecycleLoop(0.5, mixCapacityKgPerYear: 1000.0);

        var first = FlowsheetSolver.Solve(flowsheet);
        var second = FlowsheetSolver.Solve(flowsheet);

        Assert.Equal(first.Stream("product"), second.Stream("product"));
    }

    // --- reading the solution ---

    [Fact]
    public void Solution_holds_a_stream_for_every_edge()
    {
        var flowsheet = RecycleLoop(0.5);

        Assert.Equal(flowsheet.Edges.Select(e => e.Name).Order(), FlowsheetSolver.Solve(flowsheet).Streams.Keys.Order());
    }

    [Fact]
    public void Feed_total_is_what_the_feeds_delivered() =>
        Assert.Equal(MassStream.Pure(Component.Fe, FeedKgPerYear), FlowsheetSolver.Solve(RecycleLoop(0.5)).FeedTotal);

    [Fact]
    public void Intake_of_a_node_sums_its_incoming_streams() =>
        Assert.Equal(FeedKgPerYear / (1 - 0.5), FlowsheetSolver.Solve(RecycleLoop(0.5)).Intake("mix").TotalKgPerYear, 1e-9);

    [Fact]
    public void Outlet_sums_the_streams_of_one_kind() =>
        Assert.Equal(FeedKgPerYear, FlowsheetSolver.Solve(RecycleLoop(0.5)).Outlet(OutletKind.Magnet).TotalKgPerYear, 1e-9);

    [Fact]
    public void Outlet_of_a_kind_with_no_streams_is_empty() =>
        Assert.True(FlowsheetSolver.Solve(RecycleLoop(0.5)).Outlet(OutletKind.Loss).IsEmpty);

    [Fact]
    public void External_inputs_are_collected_by_name()
    {
        var flowsheet = new Flowsheet(
            [Feed("feed"), Oxidiser("ox", 0.01)],
            [FlowsheetEdge.Between("feed", "feed", FeedNode.Out, "ox", "in"), FlowsheetEdge.Leaving("product", "ox", Out, OutletKind.Magnet)]);

        Assert.Equal(MassStream.Pure(Component.O, 10.0), FlowsheetSolver.Solve(flowsheet).ExternalInput("oxygen"));
    }

    [Fact]
    public void External_inputs_count_in_the_balance()
    {
        var flowsheet = new Flowsheet(
            [Feed("feed"), Oxidiser("ox", 0.01)],
            [FlowsheetEdge.Between("feed", "feed", FeedNode.Out, "ox", "in"), FlowsheetEdge.Leaving("product", "ox", Out, OutletKind.Magnet)]);

        Assert.Equal(10.0, FlowsheetSolver.Solve(flowsheet).Balance.Single(b => b.Component == Component.O).InKgPerYear, 1e-12);
    }

    [Fact]
    public void Recycle_loop_with_external_inputs_closes_the_balance_of_every_component_to_1e_12()
    {
        // feed -> ox (adds 1 % O) -> split (half back to ox).
        var flowsheet = new Flowsheet(
            [Feed("feed"), Oxidiser("ox", 0.01), Splitter("split", 0.5)],
            [
                FlowsheetEdge.Between("feed", "feed", FeedNode.Out, "ox", "in"),
                FlowsheetEdge.Between("oxidised", "ox", Out, "split", "in"),
                FlowsheetEdge.Between("recycle", "split", "taken", "ox", "return"),
                FlowsheetEdge.Leaving("product", "split", "rest", OutletKind.Magnet),
            ]);

        Assert.True(FlowsheetSolver.Solve(flowsheet).MaxRelativeBalanceError < 1e-12);
    }

    [Fact]
    public void Losses_are_booked_apart_from_the_other_outlets()
    {
        var flowsheet = new Flowsheet(
            [Feed("feed"), Splitter("split", 0.25)],
            [FlowsheetEdge.Between("feed", "feed", FeedNode.Out, "split", "in"),
             FlowsheetEdge.Leaving("lost", "split", "taken", OutletKind.Loss), FlowsheetEdge.Leaving("product", "split", "rest", OutletKind.Magnet)]);

        Assert.Equal(250.0, FlowsheetSolver.Solve(flowsheet).Balance.Single(b => b.Component == Component.Fe).LossesKgPerYear, 1e-12);
    }

    // --- intake capacity ---

    [Fact]
    public void Capacity_above_the_load_leaves_the_feeds_whole() =>
        Assert.Equal(1.0, FlowsheetSolver.Solve(Line(capacityKgPerYear: 5000.0)).FeedScale);

    [Theory]
    [InlineData(400.0)]
    [InlineData(999.0)]
    [InlineData(1.0)]
    public void Capacity_below_the_feed_scales_the_intake_to_the_capacity(double capacityKgPerYear) =>
        Assert.Equal(capacityKgPerYear, FlowsheetSolver.Solve(Line(capacityKgPerYear)).Intake("unit").TotalKgPerYear, capacityKgPerYear * 1e-9);

    [Fact]
    public void Capacity_below_the_feed_reports_the_feed_scale() =>
        Assert.Equal(0.4, FlowsheetSolver.Solve(Line(capacityKgPerYear: 400.0)).FeedScale, 1e-9);

    [Fact]
    public void Capacity_inside_a_recycle_loop_counts_the_recycled_load() =>
        // Intake of mix = feed / (1 - r): at r = 0.5 a capacity of 800 admits 400 of feed.
        Assert.Equal(800.0, FlowsheetSolver.Solve(RecycleLoop(0.5, mixCapacityKgPerYear: 800.0)).Intake("mix").TotalKgPerYear, 800.0 * 1e-9);

    [Fact]
    public void Capacity_scaled_solution_still_closes_the_balance() =>
        Assert.True(FlowsheetSolver.Solve(RecycleLoop(0.5, mixCapacityKgPerYear: 800.0)).MaxRelativeBalanceError < 1e-12);

    [Fact]
    public void Capacity_scales_all_feeds_together()
    {
        var flowsheet = new Flowsheet(
            [Feed("a", 600.0), Feed("b", 400.0), Pass("unit", 500.0)],
            [FlowsheetEdge.Between("a", "a", FeedNode.Out, "unit", "in"), FlowsheetEdge.Between("b", "b", FeedNode.Out, "unit", "in"),
             FlowsheetEdge.Leaving("product", "unit", Out, OutletKind.Magnet)]);

        Assert.Equal(300.0, FlowsheetSolver.Solve(flowsheet).Stream("a").TotalKgPerYear, 1e-9);
    }

    [Fact]
    public void Tightest_of_several_capacities_binds()
    {
        var flowsheet = new Flowsheet(
            [Feed("feed", 1000.0), Splitter("split", 0.5, capacityKgPerYear: 800.0), Pass("unit", 300.0)],
            [FlowsheetEdge.Between("feed", "feed", FeedNode.Out, "split", "in"),
             FlowsheetEdge.Between("half", "split", "taken", "unit", "in"), FlowsheetEdge.Leaving("other", "split", "rest", OutletKind.CoProduct),
             FlowsheetEdge.Leaving("product", "unit", Out, OutletKind.Magnet)]);

        Assert.Equal(600.0, FlowsheetSolver.Solve(flowsheet).FeedTotal.TotalKgPerYear, 600.0 * 1e-9);
    }

    [Fact]
    public void Capacity_behind_a_saturating_unit_is_met_exactly()
    {
        // "sat" passes at most 300 kg/yr, so the unit's intake is not proportional to the feed: the solver must search.
        var flowsheet = new Flowsheet(
            [Feed("feed", 1000.0), Saturating("sat", 300.0), Pass("unit", 200.0)],
            [FlowsheetEdge.Between("feed", "feed", FeedNode.Out, "sat", "in"),
             FlowsheetEdge.Between("passed", "sat", Out, "unit", "in"), FlowsheetEdge.Leaving("excess", "sat", "excess", OutletKind.Residue),
             FlowsheetEdge.Leaving("product", "unit", Out, OutletKind.Magnet)]);

        Assert.Equal(200.0, FlowsheetSolver.Solve(flowsheet).Intake("unit").TotalKgPerYear, 200.0 * 1e-9);
    }

    [Fact]
    public void Zero_capacity_takes_no_feed() =>
        Assert.Equal(0.0, FlowsheetSolver.Solve(Line(capacityKgPerYear: 0.0)).FeedTotal.TotalKgPerYear);
}
