namespace MagLoop.Reporting.Tests;

public sealed class StudyComparisonTests
{
    [Fact]
    public void Each_row_differs_by_b_minus_a()
    {
        var comparison = StudyComparison.Compare(Scenarios.TwoVessels.Value, Scenarios.ThreeVessels.Value);
        Assert.Equal(StudyComparison.Rows.Select(r => r.Quantity), comparison.Rows.Select(r => r.Quantity));
        foreach (var row in comparison.Rows) Assert.Equal(row.B!.Value - row.A!.Value, row.Difference!.Value, 12);
        var magnets = comparison.Rows.Single(r => r.Quantity == "Magnets");
        Assert.Equal(Scenarios.ThreeVessels.Value.Production.MagnetTonnesPerYear, magnets.B);
        Assert.Equal("current", comparison.PriceDeck);
    }

    [Fact]
    public void A_study_compared_with_itself_differs_by_nothing()
    {
        var comparison = StudyComparison.Compare(Scenarios.ThreeVessels.Value, Scenarios.ThreeVessels.Value);
        Assert.All(comparison.Rows, r => Assert.Equal(0, r.Difference));
    }

    [Fact]
    public void A_quantity_one_study_lacks_has_no_difference()
    {
        var comparison = StudyComparison.Compare(Scenarios.WithoutEconomics.Value, Scenarios.ThreeVessels.Value);
        var npv = comparison.Rows.Single(r => r.Quantity == "Project NPV");
        Assert.Null(npv.A);
        Assert.NotNull(npv.B);
        Assert.Null(npv.Difference);
    }
}
