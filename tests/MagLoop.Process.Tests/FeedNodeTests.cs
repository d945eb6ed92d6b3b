using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class FeedNodeTests
{
    private static FeedNode Feed => new("feed", "Feed", ScrapLibrary.HddVcm.AsReceived(1000.0));

    [Fact]
    public void Feed_delivers_its_whole_supply() =>
        Assert.Equal(Feed.Supply, Feed.Evaluate(new Dictionary<string, MassStream>()).Outputs[FeedNode.Out]);

    [Fact]
    public void Feed_delivers_the_fraction_taken_of_its_supply() =>
        Assert.Equal(Feed.Supply * 0.25, Feed.Take(0.25).Outputs[FeedNode.Out]);

    [Fact]
    public void Feed_has_a_single_output_port() =>
        Assert.Equal([FeedNode.Out], Feed.OutputPorts);

    [Fact]
    public void Feed_has_no_intake_capacity() =>
        Assert.Null(Feed.IntakeCapacityKgPerYear);
}
