namespace MagLoop.Economics.Tests;

public sealed class LoanAndTaxTests
{
    private static readonly TaxRules Rules = new(0.21, 0.0075, 0.70, 0.80);

    [Fact]
    public void Level_loan_repays_principal_plus_capitalised_interest_in_equal_instalments()
    {
        var terms = new LoanTerms(92_000_000m, 0.06, 0.02, 10, RepaymentProfile.Level, 1.4);
        var cfads = Enumerable.Repeat(50_000_000m, 42).ToArray();
        var s = LoanSchedule.Build(terms, [0.3, 0.7], 2, 42, cfads);
        var drawn = s.DrawUsd.Sum();
        var capitalised = s.CapitalisedInterestUsd.Sum();
        Assert.Equal(92_000_000m, drawn);
        // Interest during construction by hand: 0.06 x (27.6M / 2) in year 1, 0.06 x (27.6M + 0.828M + 64.4M / 2) in year 2.
        Assert.Equal((0.06m * 13_800_000m) + (0.06m * (27_600_000m + 828_000m + 32_200_000m)), capitalised);
        Assert.Equal(drawn + capitalised, s.PrincipalUsd.Sum(), 6);
        var payments = Enumerable.Range(2, 10).Select(t => s.InterestPaidUsd[t] + s.PrincipalUsd[t]).ToList();
        var level = LoanSchedule.LevelPayment(drawn + capitalised, 0.06, 10);
        Assert.All(payments, p => Assert.Equal(level, p, 2));
        Assert.Equal(payments.Sum(), s.PrincipalUsd.Sum() + s.InterestPaidUsd.Sum(), 6);
        Assert.Equal(0m, s.ClosingBalanceUsd[11], 6);
        Assert.Equal(1_840_000m, s.FeeUsd[0]);
    }

    [Fact]
    public void Sculpted_loan_keeps_the_target_cover_and_clears_the_balance()
    {
        var terms = new LoanTerms(50_000_000m, 0.05, 0, 8, RepaymentProfile.Sculpted, 1.5);
        var cfads = Enumerable.Repeat(12_000_000m, 20).ToArray();
        var s = LoanSchedule.Build(terms, [1.0], 1, 20, cfads);
        var balance = s.ClosingBalanceUsd[0];
        Assert.Equal(balance, s.PrincipalUsd.Sum(), 6);
        for (var t = 1; t < 8; t++)
        {
            var service = s.InterestPaidUsd[t] + s.PrincipalUsd[t];
            if (s.ClosingBalanceUsd[t] > 0) Assert.Equal(1.5, (double)(cfads[t] / service), 9);
        }

        Assert.Equal(0m, s.ClosingBalanceUsd[8]);
    }

    [Fact]
    public void A_loan_longer_than_the_project_is_refused()
    {
        var terms = new LoanTerms(10m, 0.05, 0, 12, RepaymentProfile.Level, 1.4);
        var e = Assert.Throws<ArgumentException>(() => LoanSchedule.Build(terms, [1.0], 1, 10, new decimal[10]));
        Assert.Contains("beyond the project", e.Message, StringComparison.Ordinal);
    }

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
