namespace MagLoop.Economics.Tests;

public sealed class TaxTests
{
    private static readonly TaxRules Rules = new(0.21, 0.0075, 0.70, 0.80);

    [Fact]
    public void Losses_are_carried_forward_and_offset_at_most_80_percent_of_income()
    {
        var (tax1, carried1) = CashFlowModel.FederalTax(-100m, 0m, Rules);
        Assert.Equal(0m, tax1);
        Assert.Equal(100m, carried1);
        var (tax2, carried2) = CashFlowModel.FederalTax(100m, carried1, Rules);
        Assert.Equal(20m * 0.21m, tax2);
        Assert.Equal(20m, carried2);
        var (tax3, carried3) = CashFlowModel.FederalTax(100m, carried2, Rules);
        Assert.Equal(80m * 0.21m, tax3);
        Assert.Equal(0m, carried3);
    }
}
