using MagLoop.Plants;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

public sealed class FlowsheetRoutingTests
{
    internal static StudyResult Run(string text)
    {
        var (scenario, map) = ScenarioReader.Read(text, "test.yaml");
        return Study.Run(PlantBuilder.Build(scenario, map), "test.yaml");
    }

    private static string Bundled => File.ReadAllText(RepositoryFiles.Scenario("dfw-hub.yaml"));

    [Fact]
    public void Swarf_back_to_hpms_removes_it_from_co_products_and_still_balances()
    {
        var sold = Run(Bundled);
        var recycled = Run(Bundled.Replace("swarf: coProduct", "swarf: hpms", StringComparison.Ordinal));
        Assert.DoesNotContain(recycled.Production.CoProducts, c => c.Name == StreamId.Swarf.Value);
        Assert.True(recycled.Production.CoProductTonnesPerYear < sold.Production.CoProductTonnesPerYear);
        Assert.True(recycled.Production.MassBalance.MaxRelativeError < 1e-9);
        Assert.True(recycled.Production.MassBalance.Iterations > 2, "a recycle loop needs more than one sweep");
    }

    [Fact]
    public void Rejects_sold_appear_as_a_co_product()
    {
        var result = Run(Bundled.Replace("rejects: hpms", "rejects: coProduct", StringComparison.Ordinal));
        Assert.Contains(result.Production.CoProducts, c => c.Name == StreamId.Rejects.Value && c.TonnesPerYear > 0);
        Assert.True(result.Production.MassBalance.MaxRelativeError < 1e-9);
    }

    [Fact]
    public void Small_supply_takes_all_scrap_and_leaves_the_magnet_line_short()
    {
        var result = Run(MinimalScenario.With("jetMillKgPerHour: 10", "jetMillKgPerHour: 1000").Replace("batchKg: 1000", "batchKg: 100000", StringComparison.Ordinal));
        Assert.Equal(1.0, result.Production.FeedScale);
        Assert.True(result.Production.MagnetLineUtilisation < 1);
        Assert.Contains(result.Warnings, w => w.Contains("magnet line", StringComparison.Ordinal));
        Assert.Equal(0, result.Production.CoProducts.Single(c => c.Name == StreamId.SurplusPowder.Value).TonnesPerYear);
    }

    [Fact]
    public void More_hpms_capacity_with_a_full_line_turns_into_surplus_powder()
    {
        var two = Run(Bundled.Replace("vessels: 3 ", "vessels: 2 ", StringComparison.Ordinal));
        var four = Run(Bundled.Replace("vessels: 3 ", "vessels: 4 ", StringComparison.Ordinal));
        Assert.Equal(1.0, four.Production.MagnetTonnesPerYear / two.Production.MagnetTonnesPerYear, 4);
        Assert.True(four.Production.CoProducts.Single(c => c.Name == StreamId.SurplusPowder.Value).TonnesPerYear
            > two.Production.CoProducts.Single(c => c.Name == StreamId.SurplusPowder.Value).TonnesPerYear);
    }
}
