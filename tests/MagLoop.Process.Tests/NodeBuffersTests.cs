using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class NodeBuffersTests
{
    private static readonly LossyStep.Parameters Mill = new(0.1, 0.01);
    private static readonly Inspection.Parameters Check = new(0.2);

    // feed -> mill -> inspection; rejects go back to the mill; units evaluated in place or on streams.
    private static Flowsheet Plant(bool inPlace)
    {
        UnitNode mill = inPlace
            ? new("mill", "mill", ["out", "loss"], b =>
            {
                Span<double> mixed = stackalloc double[Components.Count];
                var feed = b.Input("in");
                var rejects = b.Input("rejects");
                for (var i = 0; i < mixed.Length; i++) mixed[i] = 0.0 + feed[i] + rejects[i];
                LossyStep.Run(mixed, Mill, b.Output("out"), b.Output("loss"), b.External("oxygen"));
            })
            : new("mill", "mill", ["out", "loss"], i =>
            {
                var r = LossyStep.Run(i.Port("in") + i.Port("rejects"), Mill);
                return new NodeOutputs(new Dictionary<string, MassStream> { ["out"] = r.Product, ["loss"] = r.Loss },
                    new Dictionary<string, MassStream> { ["oxygen"] = r.OxygenPickedUp });
            });
        UnitNode inspection = inPlace
            ? new("inspection", "inspection", ["out", "rejects"], b => Inspection.Run(b.Input("in"), Check, b.Output("out"), b.Output("rejects")))
            : new("inspection", "inspection", ["out", "rejects"], i =>
            {
                var r = Inspection.Run(i.Port("in"), Check);
                return new NodeOutputs(new Dictionary<string, MassStream> { ["out"] = r.Magnets, ["rejects"] = r.Rejects });
            });
        return new Flowsheet(
            [new FeedNode("feed", "feed", Samples.HydridePowder), mill, inspection],
            [
                FlowsheetEdge.Between("feed", "feed", FeedNode.Out, "mill", "in"),
                FlowsheetEdge.Leaving("fines", "mill", "loss", OutletKind.Loss),
                FlowsheetEdge.Between("milled", "mill", "out", "inspection", "in"),
                FlowsheetEdge.Leaving("magnets", "inspection", "out", OutletKind.Magnet),
                FlowsheetEdge.Between("rejects", "inspection", "rejects", "mill", "rejects"),
            ]);
    }

    [Fact]
    public void The_solver_gives_the_same_bits_for_units_in_place_and_on_streams()
    {
        var inPlace = FlowsheetSolver.Solve(Plant(inPlace: true));
        var onStreams = FlowsheetSolver.Solve(Plant(inPlace: false));
        Assert.Equal(onStreams.Iterations, inPlace.Iterations);
        foreach (var (name, stream) in onStreams.Streams) Assert.Equal(stream, inPlace.Stream(name));
        Assert.Equal(onStreams.ExternalInputs, inPlace.ExternalInputs);
        Assert.True(inPlace.MaxRelativeBalanceError < 1e-9);
    }

    [Fact]
    public void A_unit_in_place_evaluated_on_streams_gives_what_its_operation_gives()
    {
        var node = new UnitNode("mill", "mill", ["out", "loss"], b => LossyStep.Run(b.Input("in"), Mill, b.Output("out"), b.Output("loss"), b.External("oxygen")));
        var outputs = node.Evaluate(new Dictionary<string, MassStream> { ["in"] = Samples.HydridePowder });
        var expected = LossyStep.Run(Samples.HydridePowder, Mill);
        Assert.Equal(expected.Product, outputs.Outputs["out"]);
        Assert.Equal(expected.Loss, outputs.Outputs["loss"]);
        Assert.Equal(expected.OxygenPickedUp, Assert.Single(outputs.ExternalInputs).Value);
    }

    [Fact]
    public void An_input_port_nothing_enters_reads_as_zero_and_an_unknown_output_port_throws()
    {
        var node = new UnitNode("mill", "mill", ["out", "loss"], b =>
        {
            Assert.True(MassStream.IsNothing(b.Input("in")));
            b.Output("elsewhere");
        });
        Assert.Throws<ArgumentException>(() => node.Evaluate(new Dictionary<string, MassStream>()));
    }
}
