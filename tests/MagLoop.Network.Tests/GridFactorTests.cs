using MagLoop.Carbon;

namespace MagLoop.Network.Tests;

public class GridLookupTests
{
    [Fact]
    public void Every_contiguous_state_has_a_primary_subregion_that_is_built_in()
    {
        var states = File.ReadLines(Path.Combine(Repo.Data, "state-population-2020-2024.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[5] == "true").Select(f => f[0]).ToList();
        Assert.Equal(49, states.Count);
        foreach (var state in states)
        {
            var region = GridFactors.RegionOf(state, 40);
            Assert.NotNull(region);
            Assert.True(GridFactors.Find(region)!.Contiguous, $"{state} maps to {region}, outside the contiguous US");
        }
    }

    [Theory]
    [InlineData("OH", 39.96, "RFCW")]
    [InlineData("NV", 39.53, "NWPP")]
    [InlineData("NV", 36.17, "AZNM")]
    [InlineData("SC", 34.94, "SRVC")]
    [InlineData("TX", 33.13, "ERCT")]
    public void Sites_take_the_subregion_of_their_state(string state, double latitude, string region) =>
        Assert.Equal(region, GridFactors.RegionOf(state, latitude));
}
