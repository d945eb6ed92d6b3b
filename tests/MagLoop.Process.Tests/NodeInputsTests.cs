using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class NodeInputsTests
{
    [Fact]
    public void Port_returns_the_stream_at_the_port()
    {
        var stream = MassStream.Pure(Component.Fe, 5.0);

        Assert.Equal(stream, new Dictionary<string, MassStream> { ["in"] = stream }.Port("in"));
    }

    [Fact]
    public void Port_without_a_stream_is_empty() =>
        Assert.True(new Dictionary<string, MassStream>().Port("in").IsEmpty);
}
