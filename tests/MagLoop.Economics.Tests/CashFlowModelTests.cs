using MagLoop.Economics.Financing;

namespace MagLoop.Economics.Tests;

public sealed class CashFlowModelTests
{
    private static ProjectInputs Simple(TaxRules tax) => new()
    {
        ConstructionYears = 1,
        OperatingYears = 5,
        DiscountRate = 0.08,
        Capex = [new CapexArea("plant", 100m, 0, DepreciationMethod.StraightLine, 5)],
        CapexSchedule = [1.0],
        RampUp = [1.0],
        Products = [new ProductSale("magnet", 1000, 0.04m, IsMagnet: true)],
        Opex = [new OpexLine("fixed", 0, 5m)],
        Tax = tax,
    };

    [Fact]
    public void Without_tax_the_free_cash_flow_is_revenue_less_opex_less_capex()
    {
        var o = CashFlowModel.Evaluate(Simple(new TaxRules(0, 0, 0.7, 0.8)));
        decimal[] expected = [-100m, 35m, 35m, 35m, 35m, 35m];
        Assert.Equal(expected, o.Years.Select(y => y.FreeCashFlowUsd));
        Assert.Equal(FinancialMath.Npv(0.08, expected), o.NpvUsd);
        Assert.Equal(FinancialMath.Irr(expected).Irr, o.Irr.Irr);
        Assert.Equal(100m, o.PeakFundingUsd);
        // 100 / 35 = 2.857 years of operation.
        Assert.Equal(100.0 / 35, o.PaybackYears!.Value, 9);
    }

    [Fact]
    public void Tax_is_levied_on_revenue_less_opex_less_depreciation()
    {
        var o = CashFlowModel.Evaluate(Simple(new TaxRules(0.21, 0, 0.7, 0.8)));
        // Taxable = 40 - 5 - 20 = 15 per year; tax 3.15.
        Assert.All(o.Years.Skip(1), y => Assert.Equal(3.15m, y.TaxUsd));
        Assert.All(o.Years.Skip(1), y => Assert.Equal(20m, y.DepreciationUsd));
    }

    [Fact]
    public void Texas_margin_tax_takes_the_lesser_of_70_percent_of_revenue_and_revenue_less_costs()
    {
        var o = CashFlowModel.Evaluate(Simple(new TaxRules(0, 0.0075, 0.70, 0.8)));
        // min(0.7 x 40, 40 - 5) = 28; 0.75 % of it.
        Assert.All(o.Years.Skip(1), y => Assert.Equal(0.21m, y.TaxUsd));
    }

    [Fact]
    public void Working_capital_is_built_with_sales_and_released_at_the_end()
    {
        var inputs = Simple(new TaxRules(0, 0, 0.7, 0.8)) with { WorkingCapital = new WorkingCapitalTerms(36.5, 0, 0) };
        var o = CashFlowModel.Evaluate(inputs);
        Assert.Equal(4m, o.Years[1].WorkingCapitalChangeUsd);
        Assert.Equal(0m, o.Years.Sum(y => y.WorkingCapitalChangeUsd));
    }

    [Fact]
    public void Ramp_up_scales_revenue_and_variable_cost_but_not_fixed_cost()
    {
        var inputs = Simple(new TaxRules(0, 0, 0.7, 0.8)) with
        {
            RampUp = [0.5, 1.0],
            Opex = [new OpexLine("mixed", 10m, 5m)],
        };
        var o = CashFlowModel.Evaluate(inputs);
        Assert.Equal(20m, o.Years[1].RevenueUsd);
        Assert.Equal(10m, o.Years[1].OpexUsd);
        Assert.Equal(15m, o.Years[2].OpexUsd);
    }

    [Fact]
    public void Equity_gets_the_loan_draw_and_pays_the_debt_service()
    {
        // 60 % debt of the $100 capital, 5 %/yr: half a period of interest (2.5 %/2) on the draw is capitalised.
        var terms = new FinancingTerms([new Tranche("bank", TrancheKind.Commercial, 0.6, InterestRate: 0.05, TenorYears: 3), new Tranche("sponsor", TrancheKind.Equity, 0.4)]);
        var inputs = Simple(new TaxRules(0, 0, 0.7, 0.8)) with { Financing = terms };
        var o = CashFlowModel.Evaluate(inputs);
        var idc = (0.025 * 15) + (0.025 * (30 + 0.375 + 15));
        Assert.Equal(-40.0, (double)o.Years[0].EquityCashFlowUsd, 9);
        Assert.NotNull(o.MinDscr);
        Assert.Equal(60 + idc, (double)o.Years.Sum(y => y.PrincipalUsd), 9);
        Assert.Equal(60 + idc, (double)o.Financing!.Sizing.DebtUsd, 9);
    }

    [Fact]
    public void A_loan_tenor_beyond_the_operating_life_is_refused_by_name()
    {
        var terms = new FinancingTerms([new Tranche("bank", TrancheKind.Commercial, 0.6, InterestRate: 0.05, TenorYears: 6), new Tranche("sponsor", TrancheKind.Equity, 0.4)]);
        var inputs = Simple(new TaxRules(0, 0, 0.7, 0.8)) with { Financing = terms };
        var e = Assert.Throws<ArgumentException>(() => CashFlowModel.Evaluate(inputs));
        Assert.Equal(nameof(ProjectInputs.Financing), e.ParamName);
        Assert.Contains("beyond the project's end", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delay_starts_production_later_by_its_months()
    {
        var inputs = Simple(new TaxRules(0, 0, 0.7, 0.8)) with { DelayMonths = 3 };
        var o = CashFlowModel.Evaluate(inputs);
        // Nine of twelve months at full rate in the first operating year, then full years.
        Assert.Equal(0.75, o.Years[1].OutputShare, 12);
        Assert.Equal(1.0, o.Years[2].OutputShare, 12);
    }

    [Fact]
    public void A_six_month_delay_leaves_the_first_half_year_idle_in_the_cover_ratios_cash()
    {
        // Revenue 40/yr at full rate, fixed cost 5/yr, no tax: the first operating year earns 20 - 5 = 15, all of its
        // output in its second half. The idle half carries its fixed cost only; the other half the rest.
        var terms = new FinancingTerms([new Tranche("bank", TrancheKind.Commercial, 0.6, InterestRate: 0.05, TenorYears: 3), new Tranche("sponsor", TrancheKind.Equity, 0.4)]);
        var o = CashFlowModel.Evaluate(Simple(new TaxRules(0, 0, 0.7, 0.8)) with { DelayMonths = 6, Financing = terms });
        Assert.Equal(15, (double)o.Years[1].FreeCashFlowUsd, 9);
        var periods = o.Financing!.Periods;
        Assert.Equal("construction", periods[2].Phase);
        Assert.Equal(-2.5, (double)periods[2].CfadsUsd, 9);
        Assert.Equal(17.5, (double)periods[3].CfadsUsd, 9);
        // Without the delay the year's cash is split evenly.
        var onTime = CashFlowModel.Evaluate(Simple(new TaxRules(0, 0, 0.7, 0.8)) with { Financing = terms });
        Assert.Equal((double)onTime.Years[1].FreeCashFlowUsd / 2, (double)onTime.Financing!.Periods[2].CfadsUsd, 9);
        Assert.Equal(onTime.Financing.Periods[2].CfadsUsd, onTime.Financing.Periods[3].CfadsUsd);
    }

    [Fact]
    public void A_stretched_ramp_up_spends_longer_at_each_step()
    {
        var inputs = Simple(new TaxRules(0, 0, 0.7, 0.8)) with { RampUp = [0.5, 1.0], RampUpStretch = 1.5 };
        var o = CashFlowModel.Evaluate(inputs);
        // The first step lasts 18 months: all of year 1 and half of year 2 at 0.5.
        Assert.Equal(0.5, o.Years[1].OutputShare, 12);
        Assert.Equal(0.75, o.Years[2].OutputShare, 12);
        Assert.Equal(1.0, o.Years[3].OutputShare, 12);
    }

    [Fact]
    public void A_delay_overrun_is_spent_over_the_delay_months()
    {
        var inputs = Simple(new TaxRules(0, 0, 0.7, 0.8)) with { DelayMonths = 18, DelayOverrunUsd = 12m };
        var o = CashFlowModel.Evaluate(inputs);
        Assert.Equal(8.0, (double)o.Years[1].CapexUsd, 9);
        Assert.Equal(4.0, (double)o.Years[2].CapexUsd, 9);
    }

    [Fact]
    public void A_policy_switched_off_cuts_the_magnet_price_from_its_year()
    {
        var inputs = Simple(new TaxRules(0, 0, 0.7, 0.8)) with { Policy = new PolicyChange(3, 0.25, EndsTaxCredit: true), TaxCredit = new ProductionTaxCredit("credit", 0.002m, 5) };
        var o = CashFlowModel.Evaluate(inputs);
        Assert.Equal([40m, 40m, 30m, 30m, 30m], o.Years.Skip(1).Select(y => y.RevenueUsd));
        Assert.Equal([2m, 2m, 0m, 0m, 0m], o.Years.Skip(1).Select(y => y.TaxCreditUsd));
    }

    [Fact]
    public void A_production_tax_credit_adds_cash_per_kg_for_its_years()
    {
        var inputs = Simple(new TaxRules(0, 0, 0.7, 0.8)) with { TaxCredit = new ProductionTaxCredit("test credit", 0.002m, 2) };
        var o = CashFlowModel.Evaluate(inputs);
        Assert.Equal(37m, o.Years[1].FreeCashFlowUsd);
        Assert.Equal(37m, o.Years[2].FreeCashFlowUsd);
        Assert.Equal(35m, o.Years[3].FreeCashFlowUsd);
    }

    [Fact]
    public void A_price_path_sets_prices_and_costs_year_by_year_and_its_last_year_holds()
    {
        var inputs = Simple(new TaxRules(0, 0, 0.7, 0.8)) with
        {
            PricePath = [new YearPrices([0.02m], [new OpexLine("fixed", 0, 1m)]), new YearPrices([0.03m], [new OpexLine("fixed", 0, 2m)])],
        };
        var o = CashFlowModel.Evaluate(inputs);
        Assert.Equal([20m, 30m, 30m, 30m, 30m], o.Years.Skip(1).Select(y => y.RevenueUsd));
        Assert.Equal([1m, 2m, 2m, 2m, 2m], o.Years.Skip(1).Select(y => y.OpexUsd));
    }

    [Fact]
    public void A_price_deck_path_scales_ndpr_linked_prices_only()
    {
        var deck = new PriceDeck("forecast", 100m, new LinkedPrice(50m, 0.5m), new Dictionary<string, decimal> { ["42SH"] = 10m },
            new LinkedPrice(0, 1.25m), [0.6m, 1.0m]);
        var table = new GradePriceTable(new GradeQuote("SH", 42), new Dictionary<string, decimal>(), 1m, new Dictionary<string, decimal>(), 0.5);
        var reference = new GradeQuote("SH", 42);
        Assert.Equal(80m, deck.InOperatingYear(0).MagnetUsdPerKg(table, reference, null));
        Assert.Equal(100m, deck.InOperatingYear(5).MagnetUsdPerKg(table, reference, null));
        Assert.Equal(110m, deck.InOperatingYear(5).MagnetUsdPerKg(table, reference, "42SH"));
        var powder = new CoProductPricing([new CoProductClass("powder", 0, 1, 1, 1, 0)]);
        Assert.Equal(60m * OperatingCosts.OxidePerMetal, deck.InOperatingYear(0).CoProduct(powder, new CoProductContent(1, 1, 0, 0)).RevenueUsd);
    }
}
