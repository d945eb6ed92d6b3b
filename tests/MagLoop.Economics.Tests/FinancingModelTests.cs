using CsCheck;
using MagLoop.Economics.Financing;

namespace MagLoop.Economics.Tests;

/// <summary>The financing arithmetic against cases computed by hand (six-month periods, rates halved per period).</summary>
public sealed class FinancingModelTests
{
    private const double Tolerance = 1e-9;

    // One construction period of $100 capital, then eleven operating periods of the given CFADS (default $50).
    private static FinancingInputs OnePeriodBuild(double[]? cfads = null)
    {
        var cash = new double[12];
        for (var k = 1; k < 12; k++) cash[k] = cfads is null ? 50 : k - 1 < cfads.Length ? cfads[k - 1] : 0;
        var capex = new double[12];
        capex[0] = 100;
        return new FinancingInputs(capex, cash, 1);
    }

    private static Tranche Bank(double share, RepaymentProfile repayment, int tenorYears = 2, double rate = 0.10) =>
        new("bank", TrancheKind.Commercial, share, InterestRate: rate, TenorYears: tenorYears, Repayment: repayment);

    private static Tranche Equity(double share) => new("sponsor", TrancheKind.Equity, share);

    [Fact]
    public void Equal_principal_repays_the_balance_in_equal_instalments_from_six_months_after_completion()
    {
        var s = FinancingModel.Build(new FinancingTerms([Bank(1, RepaymentProfile.EqualPrincipal)]), OnePeriodBuild());
        // Interest during construction: 5 % per period on half the $100 draw = 2.5, capitalised: 102.5.
        Assert.Equal(2.5, (double)s.Tranches[0].CapitalisedInterestUsd, Tolerance);
        Assert.Equal(102.5, (double)s.Sizing.DebtUsd, Tolerance);
        // Four instalments of 25.625 in periods 1-4; interest 5 % of the opening balance.
        double[] interest = [5.125, 3.84375, 2.5625, 1.28125];
        for (var k = 0; k < 4; k++)
        {
            var p = s.Periods[k + 1];
            Assert.Equal("repayment", p.Phase);
            Assert.Equal(25.625, (double)p.PrincipalUsd, Tolerance);
            Assert.Equal(interest[k], (double)p.InterestPaidUsd, Tolerance);
            Assert.Equal(50 / (25.625 + interest[k]), p.Dscr!.Value, Tolerance);
        }

        Assert.Equal(0, (double)s.Periods[4].ClosingBalanceUsd, Tolerance);
        Assert.Equal("after", s.Periods[5].Phase);
        Assert.Equal(50 / (25.625 + 5.125), s.MinDscr!.Value, Tolerance);
    }

    [Fact]
    public void Annuity_pays_equal_debt_service_that_clears_the_balance()
    {
        var s = FinancingModel.Build(new FinancingTerms([Bank(1, RepaymentProfile.Annuity)]), OnePeriodBuild());
        // 102.5 x 0.05 / (1 - 1.05^-4) = 28.9064...
        var payment = 102.5 * 0.05 / (1 - Math.Pow(1.05, -4));
        Assert.Equal(payment, FinancingModel.AnnuityPayment(102.5, 0.05, 4), Tolerance);
        for (var k = 1; k <= 4; k++) Assert.Equal(payment, (double)s.Periods[k].DebtServiceUsd, 1e-6);
        Assert.Equal(0, (double)s.Periods[4].ClosingBalanceUsd, 1e-6);
        Assert.Equal(102.5 * 0.05, (double)s.Periods[1].InterestPaidUsd, Tolerance);
    }

    [Fact]
    public void A_sculpted_schedule_has_a_flat_dscr_and_its_llcr_equals_it()
    {
        double[] cfads = [40, 60, 50, 30];
        var s = FinancingModel.Build(new FinancingTerms([Bank(1, RepaymentProfile.Sculpted)]), OnePeriodBuild(cfads));
        // R = PV(CFADS at 5 % per period) / balance, and every period's DSCR is R.
        var pv = cfads.Select((c, k) => c / Math.Pow(1.05, k + 1)).Sum();
        var expected = pv / 102.5;
        Assert.Equal(expected, s.Tranches[0].SculptedDscr!.Value, Tolerance);
        for (var k = 1; k <= 4; k++)
        {
            Assert.Equal(expected, s.Periods[k].Dscr!.Value, 1e-9);
            Assert.Equal(expected, s.Periods[k].Llcr!.Value, 1e-9);
        }

        Assert.Equal(expected, s.Llcr!.Value, 1e-9);
        Assert.Equal(0, (double)s.Periods[4].ClosingBalanceUsd, 1e-6);
    }

    [Fact]
    public void Fees_and_interest_during_construction_match_the_hand_calculation()
    {
        // Two construction periods (60, 40); the bank funds 80 %: commitment 80, draws 48 and 32. 8 %/yr = 4 % per period.
        var capex = new double[12];
        capex[0] = 60;
        capex[1] = 40;
        var cash = Enumerable.Range(0, 12).Select(k => k >= 2 ? 40.0 : 0).ToArray();
        var bank = new Tranche("exim", TrancheKind.ExportCredit, 0.8, InterestRate: 0.08, TenorYears: 4, ArrangementFeeShare: 0.01, CommitmentFeeRate: 0.005,
            Exposure: new ExposureFee(0.02, ExposureFeeTiming.AsDrawn, Financed: true));
        var s = FinancingModel.Build(new FinancingTerms([bank, Equity(0.2)]), new FinancingInputs(capex, cash, 2));
        // Period 0: arrangement 0.8, commitment fee 0.25 % x 80 = 0.2, exposure 2 % x 48 = 0.96 (financed);
        // interest 4 % x (48 + 0.96) / 2 = 0.9792.
        // Period 1: commitment fee 0.25 % x 32 = 0.08, exposure 0.64; interest 4 % x (49.9392 + 32.64 / 2) = 2.650368.
        Assert.Equal(0.8 + 0.2, (double)s.Periods[0].FeesPaidUsd, Tolerance);
        Assert.Equal(0.96, (double)s.Periods[0].FinancedFeesUsd, Tolerance);
        Assert.Equal(0.9792, (double)s.Periods[0].CapitalisedInterestUsd, Tolerance);
        Assert.Equal(0.08, (double)s.Periods[1].FeesPaidUsd, Tolerance);
        Assert.Equal(2.650368, (double)s.Periods[1].CapitalisedInterestUsd, Tolerance);
        Assert.Equal(85.229568, (double)s.Sizing.DebtUsd, Tolerance);
        Assert.Equal(0.8 + 0.2 + 0.08 + 0.96 + 0.64, (double)s.Tranches[0].FeesUsd, Tolerance);
        Assert.Equal(20, (double)s.Tranches[1].DrawnUsd, Tolerance);
        Assert.Equal(100 + 0.9792 + 2.650368 + 2.68, (double)s.ProjectCostUsd, Tolerance);

        // Paid instead of capitalised: the balance is the draws and financed fees, the interest falls on equity.
        var paid = FinancingModel.Build(new FinancingTerms([bank, Equity(0.2)], InterestDuringConstruction: InterestDuringConstruction.Paid), new FinancingInputs(capex, cash, 2));
        Assert.Equal(48 + 0.96 + 32 + 0.64, (double)paid.Sizing.DebtUsd, Tolerance);
        Assert.Equal(0.04 * (48.96 / 2), (double)paid.Periods[0].InterestPaidUsd, Tolerance);
        Assert.Equal(0.04 * (48.96 + (32.64 / 2)), (double)paid.Periods[1].InterestPaidUsd, Tolerance);
    }

    [Fact]
    public void An_up_front_unfinanced_exposure_fee_is_paid_on_the_commitment_at_close()
    {
        var bank = new Tranche("exim", TrancheKind.ExportCredit, 1, InterestRate: 0, TenorYears: 2, Exposure: new ExposureFee(0.03, ExposureFeeTiming.UpFront, Financed: false));
        var s = FinancingModel.Build(new FinancingTerms([bank]), OnePeriodBuild());
        Assert.Equal(3, (double)s.Periods[0].FeesPaidUsd, Tolerance);
        Assert.Equal(100, (double)s.Sizing.DebtUsd, Tolerance);
    }

    [Fact]
    public void Grace_beyond_six_months_pays_interest_only_until_the_first_instalment()
    {
        var s = FinancingModel.Build(new FinancingTerms([Bank(1, RepaymentProfile.EqualPrincipal)], GraceMonths: 12), OnePeriodBuild());
        Assert.Equal("grace", s.Periods[1].Phase);
        Assert.Equal(0, (double)s.Periods[1].PrincipalUsd, Tolerance);
        Assert.Equal(5.125, (double)s.Periods[1].InterestPaidUsd, Tolerance);
        // The term still ends two years after completion: three instalments.
        Assert.Equal(102.5 / 3, (double)s.Periods[2].PrincipalUsd, Tolerance);
        Assert.Equal(0, (double)s.Periods[4].ClosingBalanceUsd, 1e-9);
    }

    [Fact]
    public void The_reserve_holds_the_next_six_months_of_debt_service_and_is_released()
    {
        var s = FinancingModel.Build(new FinancingTerms([Bank(1, RepaymentProfile.EqualPrincipal)], DsraMonths: 6), OnePeriodBuild());
        Assert.Equal(25.625 + 5.125, (double)s.Periods[0].DsraBalanceUsd, Tolerance);
        Assert.Equal(25.625 + 3.84375, (double)s.Periods[1].DsraBalanceUsd, Tolerance);
        Assert.Equal(0, (double)s.Periods[4].DsraBalanceUsd, Tolerance);
        Assert.Equal(0, (double)s.Periods.Sum(p => p.DsraChangeUsd), Tolerance);
        Assert.Equal(100 + 2.5 + 30.75, (double)s.ProjectCostUsd, Tolerance);
    }

    [Fact]
    public void Sizing_picks_the_binding_limit()
    {
        var plan = FinancingModel.Build(new FinancingTerms([Bank(0.5, RepaymentProfile.EqualPrincipal), Equity(0.5)]), OnePeriodBuild());
        Assert.Equal(DebtLimit.Plan, plan.Sizing.Binding);
        Assert.Equal(51.25, (double)plan.Sizing.DebtUsd, Tolerance);

        var capped = FinancingModel.Build(new FinancingTerms([Bank(0.5, RepaymentProfile.EqualPrincipal) with { MaxAmountUsd = 41 }, Equity(0.5)]), OnePeriodBuild());
        Assert.Equal(DebtLimit.AmountCap, capped.Sizing.Binding);
        Assert.Equal("bank", capped.Sizing.AmountCappedTranche);
        Assert.Equal(41, (double)capped.Sizing.DebtUsd, Tolerance);

        var geared = FinancingModel.Build(new FinancingTerms([Bank(0.9, RepaymentProfile.EqualPrincipal), Equity(0.1)], GearingCap: 0.6), OnePeriodBuild());
        Assert.Equal(DebtLimit.Gearing, geared.Sizing.Binding);
        Assert.Equal(0.6, geared.Gearing, 1e-9);

        // Full debt shows a minimum DSCR of 1.6260 (see the equal-principal case); asking for 2.5 cuts it to 0.6504 of the plan.
        var covered = FinancingModel.Build(new FinancingTerms([Bank(1, RepaymentProfile.EqualPrincipal)], MinDscr: 2.5), OnePeriodBuild());
        Assert.Equal(DebtLimit.Dscr, covered.Sizing.Binding);
        Assert.Equal(2.5, covered.MinDscr!.Value, 1e-9);
        Assert.Equal(102.5 * (50 / (25.625 + 5.125)) / 2.5, (double)covered.Sizing.DebtUsd, 1e-6);
    }

    [Fact]
    public void Debt_is_the_lesser_of_what_the_gearing_cap_and_the_minimum_dscr_allow()
    {
        // Full debt 102.5 (capital 100, interest during construction 2.5 g at scale g): gearing 102.5 g / (100 + 2.5 g);
        // lowest DSCR 1.62602 / g (every instalment and its interest scale with g).
        var fullDscr = 50 / (25.625 + 5.125);
        var gearingBinds = FinancingModel.Build(new FinancingTerms([Bank(1, RepaymentProfile.EqualPrincipal)], GearingCap: 0.6, MinDscr: 2.0), OnePeriodBuild());
        var gGearing = 60 / (102.5 - 1.5);
        Assert.Equal(DebtLimit.Gearing, gearingBinds.Sizing.Binding);
        Assert.Equal(102.5 * gGearing, (double)gearingBinds.Sizing.GearingCapacityUsd, 1e-6);
        Assert.Equal(102.5 * fullDscr / 2.0, (double)gearingBinds.Sizing.DscrCapacityUsd!.Value, 1e-6);
        Assert.Equal(102.5 * gGearing, (double)gearingBinds.Sizing.DebtUsd, 1e-6);
        Assert.Equal(0.6, gearingBinds.Gearing, 1e-9);
        Assert.True(gearingBinds.MinDscr > 2.0);

        var dscrBinds = FinancingModel.Build(new FinancingTerms([Bank(1, RepaymentProfile.EqualPrincipal)], GearingCap: 0.9, MinDscr: 2.5), OnePeriodBuild());
        Assert.Equal(DebtLimit.Dscr, dscrBinds.Sizing.Binding);
        Assert.Equal(102.5 * (90 / (102.5 - 2.25)), (double)dscrBinds.Sizing.GearingCapacityUsd, 1e-6);
        Assert.Equal(102.5 * fullDscr / 2.5, (double)dscrBinds.Sizing.DebtUsd, 1e-6);
        Assert.Equal(2.5, dscrBinds.MinDscr!.Value, 1e-9);
        Assert.True(dscrBinds.Gearing < 0.9);
    }

    [Fact]
    public void An_up_front_financed_exposure_fee_joins_the_balance_and_bears_interest_during_construction()
    {
        var bank = Bank(1, RepaymentProfile.EqualPrincipal) with { Exposure = new ExposureFee(0.03, ExposureFeeTiming.UpFront, Financed: true) };
        var s = FinancingModel.Build(new FinancingTerms([bank]), OnePeriodBuild());
        // Fee 3 % x 100 = 3, financed; interest 5 % x (100 + 3) / 2 = 2.575; balance 105.575.
        Assert.Equal(3, (double)s.Periods[0].FinancedFeesUsd, Tolerance);
        Assert.Equal(0, (double)s.Periods[0].FeesPaidUsd, Tolerance);
        Assert.Equal(2.575, (double)s.Periods[0].CapitalisedInterestUsd, Tolerance);
        Assert.Equal(105.575, (double)s.Sizing.DebtUsd, Tolerance);
        Assert.Equal(105.575 / 4, (double)s.Periods[1].PrincipalUsd, Tolerance);
    }

    [Fact]
    public void Interest_during_construction_paid_by_equity_is_project_cost_but_not_debt_service()
    {
        var s = FinancingModel.Build(new FinancingTerms([Bank(1, RepaymentProfile.EqualPrincipal)], InterestDuringConstruction: InterestDuringConstruction.Paid), OnePeriodBuild());
        Assert.Equal(2.5, (double)s.Periods[0].InterestPaidUsd, Tolerance);
        Assert.Equal(0, (double)s.Periods[0].CapitalisedInterestUsd, Tolerance);
        Assert.Equal(0, (double)s.Periods[0].DebtServiceUsd, Tolerance);
        Assert.Equal(100, (double)s.Sizing.DebtUsd, Tolerance);
        Assert.Equal(102.5, (double)s.ProjectCostUsd, Tolerance);
        // Four instalments of 25 from the first period after completion; interest 5 % of 100 in the first.
        Assert.Equal(50 / (25 + 5.0), s.MinDscr!.Value, Tolerance);
    }

    [Fact]
    public void Llcr_and_plcr_are_the_present_values_of_cfads_over_the_loan_and_the_project_life_over_the_debt()
    {
        var s = FinancingModel.Build(new FinancingTerms([Bank(1, RepaymentProfile.EqualPrincipal)]), OnePeriodBuild());
        // 50 per period at 5 % per period: over the four instalments, and over all eleven operating periods.
        static double Pv(int periods) => Enumerable.Range(1, periods).Sum(k => 50 / Math.Pow(1.05, k));
        Assert.Equal(Pv(4) / 102.5, s.Llcr!.Value, Tolerance);
        Assert.Equal(Pv(11) / 102.5, s.Plcr!.Value, Tolerance);
        // One period later: the three instalments left over the balance after the first.
        Assert.Equal(Pv(3) / (102.5 - 25.625), s.Periods[2].Llcr!.Value, Tolerance);

        // The reserve's cash counts for the lender: LLCR at completion adds the 30.75 it holds.
        var reserved = FinancingModel.Build(new FinancingTerms([Bank(1, RepaymentProfile.EqualPrincipal)], DsraMonths: 6), OnePeriodBuild());
        Assert.Equal((Pv(4) + 30.75) / 102.5, reserved.Llcr!.Value, Tolerance);
    }

    [Fact]
    public void Committed_terms_reproduce_the_sized_schedule_and_let_a_downside_fall_below_the_covenant()
    {
        var terms = new FinancingTerms([Bank(0.8, RepaymentProfile.EqualPrincipal), Equity(0.2)], GearingCap: 0.9, MinDscr: 2.5);
        var sized = FinancingModel.Build(terms, OnePeriodBuild());
        Assert.Equal(DebtLimit.Dscr, sized.Sizing.Binding);
        var committed = FinancingModel.Committed(terms, sized);
        Assert.Null(committed.MinDscr);
        Assert.Equal(sized.Sizing.DebtUsd, committed.Tranches[0].MaxAmountUsd!.Value);

        var again = FinancingModel.Build(committed, OnePeriodBuild());
        Assert.Equal((double)sized.Sizing.DebtUsd, (double)again.Sizing.DebtUsd, 1e-9);
        Assert.Equal(sized.MinDscr!.Value, again.MinDscr!.Value, 1e-9);

        // CFADS 40 % lower: re-sized, the debt would shrink to keep 2.5; committed, the cover falls 40 % with the cash.
        var downside = OnePeriodBuild(Enumerable.Repeat(30.0, 11).ToArray());
        Assert.Equal(2.5, FinancingModel.Build(terms, downside).MinDscr!.Value, 1e-9);
        var tested = FinancingModel.Build(committed, downside);
        Assert.Equal((double)sized.Sizing.DebtUsd, (double)tested.Sizing.DebtUsd, 1e-9);
        Assert.Equal(2.5 * 0.6, tested.MinDscr!.Value, 1e-9);
    }

    [Fact]
    public void A_sculpted_tranche_sized_by_dscr_repays_at_exactly_the_minimum()
    {
        var s = FinancingModel.Build(new FinancingTerms([Bank(1, RepaymentProfile.Sculpted)], MinDscr: 1.8), OnePeriodBuild([40, 60, 50, 30]));
        Assert.Equal(DebtLimit.Dscr, s.Sizing.Binding);
        Assert.Equal(1.8, s.MinDscr!.Value, 1e-9);
        Assert.Equal(1.8, s.AverageDscr!.Value, 1e-9);
    }

    [Fact]
    public void Tranche_shares_that_do_not_sum_to_one_are_refused()
    {
        var terms = new FinancingTerms([Bank(0.5, RepaymentProfile.EqualPrincipal), Equity(0.3)]);
        Assert.Equal(("tranches", "tranche shares must sum to 1, found 0.8"), terms.Problem());
        Assert.Equal("tranches[0].tenorYears", new FinancingTerms([Bank(1, RepaymentProfile.EqualPrincipal, tenorYears: -1)]).Problem()!.Value.Field);
    }

    [Fact]
    public void More_debt_never_raises_the_minimum_dscr() =>
        Gen.Select(Gen.Double[0.05, 1], Gen.Double[0.05, 1], Gen.OneOfConst(RepaymentProfile.EqualPrincipal, RepaymentProfile.Annuity, RepaymentProfile.Sculpted)).Sample((a, b, profile) =>
        {
            var (low, high) = a < b ? (a, b) : (b, a);
            var s1 = FinancingModel.Build(new FinancingTerms([Bank(low, profile), Equity(1 - low)]), OnePeriodBuild([40, 60, 50, 30]));
            var s2 = FinancingModel.Build(new FinancingTerms([Bank(high, profile), Equity(1 - high)]), OnePeriodBuild([40, 60, 50, 30]));
            Assert.True(s2.MinDscr <= s1.MinDscr * (1 + 1e-9), $"{low} -> {s1.MinDscr}, {high} -> {s2.MinDscr}");
        });
}
