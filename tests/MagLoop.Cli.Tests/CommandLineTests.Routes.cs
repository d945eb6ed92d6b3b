namespace MagLoop.Cli.Tests;

/// <summary>The recycling routes on the command line: the route table, the comparison, and bad route keys.</summary>
public sealed partial class CommandLineTests
{
    [Fact]
    public void Study_of_the_long_loop_scenario_shows_the_route_of_every_stream()
    {
        var (code, stdout, stderr) = Run("study", Scenario("dfw-hub-long-loop.yaml"));
        Assert.True(code == 0, stderr);
        Assert.Contains("Route choice per stream", stdout, StringComparison.Ordinal);
        foreach (var stream in new[] { "tx-swarf (feed)", "swarf (internal)", "rejects (internal)", "surplusPowder (internal)" })
            Assert.Contains(stream, stdout, StringComparison.Ordinal);
        Assert.Contains("Routes beside the short loop", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Study_of_the_short_loop_base_has_no_route_table()
    {
        var (code, stdout, stderr) = Run("study");
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("Route choice per stream", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_shows_what_the_long_loop_adds()
    {
        var (code, stdout, stderr) = Run("compare", Scenario("dfw-hub.yaml"), Scenario("dfw-hub-long-loop.yaml"));
        Assert.True(code == 0, stderr);
        Assert.Contains("Scrap bought", stdout, StringComparison.Ordinal);
        Assert.Contains("Carbon, cut sintered block", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  force:\n    - { stream: tx-swarff, route: longLoop }\n", "recyclingRoutes.force[0].stream", "did you mean 'tx-swarf'")]
    [InlineData("  force:\n    - { stream: tx-swarf, route: mediumLoop }\n", "recyclingRoutes.force[0].route", "cannot take route mediumLoop")]
    [InlineData("  force:\n    - { stream: tx-swarf, route: bogus }\n", "recyclingRoutes.force[0].route", "is not one of")]
    [InlineData("  maxKgCo2ePerKgCutBlock: -1\n", "recyclingRoutes.maxKgCo2ePerKgCutBlock", "")]
    public void A_bad_route_key_is_a_located_error_with_exit_2(string inserted, string field, string message)
    {
        var text = File.ReadAllText(Scenario("dfw-hub-long-loop.yaml")).Replace("recyclingRoutes:\n", "recyclingRoutes:\n" + inserted, StringComparison.Ordinal);
        var path = TempFile(text);
        try
        {
            var (code, stdout, stderr) = Run("study", path);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: {System.Text.RegularExpressions.Regex.Escape(field)}", stderr);
            Assert.Contains(message, stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
