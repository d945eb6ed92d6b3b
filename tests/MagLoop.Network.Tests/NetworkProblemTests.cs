namespace MagLoop.Network.Tests;

public class NetworkProblemTests
{
    [Fact]
    public void Options_keep_their_order()
    {
        var spoke = new CandidateSite("reno-nv", "Reno", SiteRole.Spoke, "NV", 39.5, -119.8, "NWPP",
            [new SiteOption("small", 1e5, 1e6, 1e5, 0.1, 5, 0.01, 1, 0, 1, null),
             new SiteOption("large", 2e5, 2e6, 2e5, 0.1, 8, 0.01, 1, 0, 1, null)], [], 0.98, null);
        Assert.Equal(["small", "large"], spoke.Options.Select(o => o.Id));
    }
}
