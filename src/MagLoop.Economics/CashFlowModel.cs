using MagLoop.Economics.Financing;

namespace MagLoop.Economics;

/// <summary>
/// The annual cash-flow model: construction, ramp-up and operating life; revenue, operating cost, working
/// capital, tax depreciation, income tax with losses carried forward, a production tax credit, and the financing
/// (<see cref="FinancingModel"/>, on six-month periods) beside equity. Execution risk enters as a construction delay
/// (production later, an overrun, more interest during construction), a slower ramp-up and a policy switched off.
/// A pure function of <see cref="ProjectInputs"/>; real money, end-of-year discounting.
/// </summary>
public static class CashFlowModel
{
    private const decimal DaysPerYear = 365m;
    private const int MonthsPerYear = 12;

    /// <summary>Runs the model; throws <see cref="ArgumentException"/> for inconsistent inputs.</summary>
    public static ProjectOutcome Evaluate(ProjectInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        inputs.Validate();
        var years = inputs.ProjectYears;
        var c = inputs.ConstructionYears;

        var share = new double[years];
        var revenue = new decimal[years];
        var magnetRevenue = new decimal[years];
        var magnetKg = new double[years];
        var opex = new decimal[years];
        var capex = new decimal[years];
        var sustaining = new decimal[years];
        var depreciation = new decimal[years];
        var workingCapitalChange = new decimal[years];
        var credit = new decimal[years];

        var initial = inputs.InitialCapexUsd;
        var capexByMonth = new decimal[years * MonthsPerYear];
        for (var i = 0; i < inputs.CapexSchedule.Count; i++)
        {
            capex[i] += initial * (decimal)inputs.CapexSchedule[i];
            var monthly = capex[i] / MonthsPerYear;
            for (var m = 0; m < MonthsPerYear; m++) capexByMonth[(i * MonthsPerYear) + m] = monthly;
        }

        var sustainingSchedule = Depreciation.DecimalSchedule(inputs.SustainingDepreciation, 7);

        // A delay's overrun is spent evenly over the delay months after the planned completion.
        var delay = inputs.DelayMonths;
        if (delay > 0 && inputs.DelayOverrunUsd > 0)
        {
            for (var m = c * MonthsPerYear; m < capexByMonth.Length && m < (c * MonthsPerYear) + delay; m++)
            {
                var overlap = Math.Min(m + 1, (c * MonthsPerYear) + delay) - m;
                var spent = inputs.DelayOverrunUsd * (decimal)overlap / (decimal)delay;
                capexByMonth[m] += spent;
                capex[m / MonthsPerYear] += spent;
            }

            AddDepreciation(depreciation, inputs.DelayOverrunUsd, sustainingSchedule, c);
        }

        // Assets enter service at the start of operations.
        foreach (var area in inputs.Capex)
            AddDepreciation(depreciation, area.TotalUsd, Depreciation.DecimalSchedule(area.Depreciation, area.StraightLineYears), c);

        // Every year's sustaining capital is the same amount on the same schedule, so its charges are multiplied once
        // (the Monte Carlo evaluates this model per draw; the same products, added in the same order).
        var sustainingCharges = new decimal[sustainingSchedule.Length];
        for (var i = 0; i < sustainingCharges.Length; i++) sustainingCharges[i] = inputs.SustainingCapexUsdPerYear * sustainingSchedule[i];

        decimal previousWorkingCapital = 0;
        var terms = inputs.WorkingCapital;
        var receivableDays = (decimal)terms.ReceivableDays;
        var stockDays = (decimal)(terms.InventoryDays - terms.PayableDays);
        var shareOfOutput = new decimal[years];
        var outputDriven = new decimal[years];
        for (var t = c; t < years; t++)
        {
            var k = t - c;
            share[t] = OutputShare(inputs, k);
            shareOfOutput[t] = (decimal)share[t];
            var year = inputs.PricePath is { } path ? path[Math.Min(k, path.Count - 1)] : null;
            var policyOff = inputs.Policy is { } policy && k + 1 >= policy.FromOperatingYear;
            for (var i = 0; i < inputs.Products.Count; i++)
            {
                var product = inputs.Products[i];
                var price = year?.ProductPricesUsdPerKg[i] ?? product.PriceUsdPerKg;
                if (policyOff && product.IsMagnet) price *= 1 - (decimal)inputs.Policy!.MagnetPriceShareLost;
                var value = (decimal)(product.KgPerYear * share[t]) * price;
                revenue[t] += value;
                if (!product.IsMagnet) continue;
                magnetRevenue[t] += value;
                magnetKg[t] += product.KgPerYear * share[t];
            }

            // Each line's variable part once, for the operating cost (as OpexLine.AtShare) and the output-driven cash;
            // the variable parts summed in line order from zero, as Enumerable.Sum does.
            decimal variable = 0;
            foreach (var line in year?.Opex ?? inputs.Opex)
            {
                var variablePart = line.VariableUsdPerYear * shareOfOutput[t];
                opex[t] += variablePart + line.FixedUsdPerYear;
                variable += variablePart;
            }

            if (k >= 1 && inputs.SustainingCapexUsdPerYear > 0)
            {
                sustaining[t] = inputs.SustainingCapexUsdPerYear;
                for (var i = 0; i < sustainingCharges.Length && t + i < years; i++) depreciation[t + i] += sustainingCharges[i];
            }

            if (inputs.TaxCredit is { } ptc && k < ptc.Years && !(policyOff && inputs.Policy!.EndsTaxCredit)) credit[t] = ptc.UsdPerKgMagnet * (decimal)magnetKg[t];
            outputDriven[t] = revenue[t] + credit[t] - variable;

            var workingCapital = (revenue[t] * receivableDays / DaysPerYear) + (opex[t] * stockDays / DaysPerYear);
            workingCapitalChange[t] = workingCapital - previousWorkingCapital;
            previousWorkingCapital = workingCapital;
        }

        // Working capital is released at the end of the life.
        workingCapitalChange[years - 1] -= previousWorkingCapital;

        var stateTax = StateTax(inputs.Tax, revenue, opex);
        var unleveredFederal = FederalTaxes(inputs.Tax, revenue, opex, depreciation, stateTax, new decimal[years]);
        var freeCash = new decimal[years];
        var cfads = new decimal[years];
        for (var t = 0; t < years; t++)
        {
            freeCash[t] = revenue[t] - opex[t] - capex[t] - sustaining[t] - workingCapitalChange[t] - stateTax[t] - unleveredFederal[t] + credit[t];
            // Construction spending (the delay's overrun too) is funded by debt and equity, not by the cash flow.
            if (t >= c) cfads[t] = freeCash[t] + capex[t];
        }

        var financing = inputs.Financing is { } terms2 ? Finance(terms2, inputs, capexByMonth, cfads, outputDriven) : null;
        var yearDraw = new decimal[years];
        var yearInterest = new decimal[years];
        var yearPrincipal = new decimal[years];
        var yearFees = new decimal[years];
        var yearService = new decimal[years];
        var yearDsra = new decimal[years];
        foreach (var p in financing?.Periods ?? [])
        {
            var t = p.Period / 2;
            yearDraw[t] += p.DrawUsd;
            yearInterest[t] += p.InterestPaidUsd;
            yearPrincipal[t] += p.PrincipalUsd;
            yearFees[t] += p.FeesPaidUsd;
            yearService[t] += p.DebtServiceUsd;
            yearDsra[t] += p.DsraChangeUsd;
        }

        var leveredFederal = FederalTaxes(inputs.Tax, revenue, opex, depreciation, stateTax, yearInterest);
        var equity = new decimal[years];
        for (var t = 0; t < years; t++)
            equity[t] = freeCash[t] + yearDraw[t] - yearFees[t] - yearInterest[t] - yearPrincipal[t] - yearDsra[t] + (unleveredFederal[t] - leveredFederal[t]);

        var rows = new CashFlowYear[years];
        for (var t = 0; t < years; t++)
        {
            rows[t] = new CashFlowYear(
                Year: t + 1,
                OperatingYear: t >= c ? t - c + 1 : 0,
                OutputShare: share[t],
                MagnetKg: magnetKg[t],
                RevenueUsd: revenue[t],
                OpexUsd: opex[t],
                CapexUsd: capex[t] + sustaining[t],
                WorkingCapitalChangeUsd: workingCapitalChange[t],
                DepreciationUsd: depreciation[t],
                TaxUsd: stateTax[t] + unleveredFederal[t] - credit[t],
                TaxCreditUsd: credit[t],
                FreeCashFlowUsd: freeCash[t],
                LoanDrawUsd: yearDraw[t],
                InterestUsd: yearInterest[t],
                PrincipalUsd: yearPrincipal[t],
                LoanFeeUsd: yearFees[t],
                DebtServiceUsd: yearService[t],
                DsraChangeUsd: yearDsra[t],
                EquityCashFlowUsd: equity[t]);
        }

        var irr = FinancialMath.Irr(freeCash);
        var equityIrr = FinancialMath.Irr(equity);
        decimal cumulative = 0;
        decimal peak = 0;
        foreach (var cash in freeCash)
        {
            cumulative += cash;
            peak = Math.Max(peak, -cumulative);
        }

        return new ProjectOutcome(
            DiscountRate: inputs.DiscountRate,
            InitialCapexUsd: initial,
            NpvUsd: FinancialMath.Npv(inputs.DiscountRate, freeCash),
            Irr: irr,
            PaybackYears: FinancialMath.PaybackYears(freeCash, c),
            LcomUsdPerKg: Lcom(inputs.DiscountRate, rows, magnetRevenue),
            EquityNpvUsd: FinancialMath.Npv(inputs.DiscountRate, equity),
            EquityIrr: equityIrr,
            MinDscr: financing?.MinDscr,
            AverageDscr: financing?.AverageDscr,
            PeakFundingUsd: peak,
            Years: rows)
        {
            Financing = financing,
        };
    }

    /// <summary>
    /// Share of nameplate in operating year <paramref name="k"/> (0 = the first planned one): the ramp-up, each step
    /// lasting <see cref="ProjectInputs.RampUpStretch"/> times as long, started <see cref="ProjectInputs.DelayMonths"/>
    /// late, averaged over the year's months.
    /// </summary>
    private static double OutputShare(ProjectInputs inputs, int k) => OutputShare(inputs, k, 0, MonthsPerYear);

    // The same, averaged over months [from, to) of the year.
    private static double OutputShare(ProjectInputs inputs, int k, int from, int to)
    {
        var ramp = inputs.RampUp;
        if (inputs.DelayMonths == 0 && inputs.RampUpStretch == 1) return ramp[Math.Min(k, ramp.Count - 1)];
        double sum = 0;
        for (var m = from; m < to; m++)
        {
            var operatingYears = k + ((m + 0.5) / MonthsPerYear) - (inputs.DelayMonths / MonthsPerYear);
            if (operatingYears < 0) continue;
            sum += ramp[(int)Math.Min(Math.Floor(operatingYears / inputs.RampUpStretch), ramp.Count - 1)];
        }

        return sum / (to - from);
    }

    // The financing on six-month periods: construction spending by month summed into periods; each year's CFADS split
    // between its halves with the part that follows output (revenue, tax credit, less variable cost) in proportion to
    // each half's output and the rest (fixed cost, tax, working capital, sustaining capital) evenly, so a delay or a
    // slow ramp-up that leaves a half-year idle shows there, not averaged over the year; completion at the end of the
    // period in which the (delayed) construction ends.
    private static FinancingSchedule Finance(FinancingTerms terms, ProjectInputs inputs, decimal[] capexByMonth, decimal[] cfads, decimal[] outputDriven)
    {
        var periods = cfads.Length * 2;
        var construction = (int)Math.Ceiling(((inputs.ConstructionYears * MonthsPerYear) + inputs.DelayMonths) / FinancingTerms.MonthsPerPeriod - 1e-9);
        var capex = new double[periods];
        var cash = new double[periods];
        for (var k = 0; k < periods; k++)
        {
            for (var m = k * FinancingTerms.MonthsPerPeriod; m < (k + 1) * FinancingTerms.MonthsPerPeriod; m++) capex[k] += (double)capexByMonth[m];
            var t = k / 2;
            var operatingYear = t - inputs.ConstructionYears;
            var first = operatingYear < 0 ? 0 : OutputShare(inputs, operatingYear, 0, FinancingTerms.MonthsPerPeriod);
            var second = operatingYear < 0 ? 0 : OutputShare(inputs, operatingYear, FinancingTerms.MonthsPerPeriod, MonthsPerYear);
            if (first == second)
            {
                cash[k] = (double)cfads[t] / 2;
                continue;
            }

            var weight = (k % 2 == 0 ? first : second) / (first + second);
            cash[k] = ((double)(cfads[t] - outputDriven[t]) / 2) + ((double)outputDriven[t] * weight);
        }

        try
        {
            return FinancingModel.Build(terms, new FinancingInputs(capex, cash, construction));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message.Split(" (Parameter", 2)[0], nameof(ProjectInputs.Financing));
        }
    }

    /// <summary>
    /// Levelised cost of magnet: the discounted cost of capital, operating cost, working capital and tax, less
    /// co-product revenue and credits, over the discounted kilograms of magnet (the base case's tax is kept).
    /// </summary>
    private static double? Lcom(double rate, CashFlowYear[] rows, decimal[] magnetRevenue)
    {
        double cost = 0;
        double kg = 0;
        var factor = 1.0;
        for (var t = 0; t < rows.Length; t++)
        {
            factor /= 1 + rate;
            var r = rows[t];
            var coProducts = r.RevenueUsd - magnetRevenue[t];
            cost += (double)(r.CapexUsd + r.OpexUsd + r.WorkingCapitalChangeUsd + r.TaxUsd - coProducts) * factor;
            kg += r.MagnetKg * factor;
        }

        return kg > 0 ? cost / kg : null;
    }

    private static void AddDepreciation(decimal[] depreciation, decimal basis, ReadOnlySpan<decimal> schedule, int start)
    {
        for (var i = 0; i < schedule.Length && start + i < depreciation.Length; i++)
            depreciation[start + i] += basis * schedule[i];
    }

    // State margin tax, which does not depend on the financing (so the unlevered and levered cases share it).
    private static decimal[] StateTax(TaxRules rules, decimal[] revenue, decimal[] opex)
    {
        var state = new decimal[revenue.Length];
        var (marginShare, marginRate) = ((decimal)rules.StateMarginShareOfRevenue, (decimal)rules.StateMarginTaxRate);
        for (var t = 0; t < state.Length; t++)
        {
            // Texas taxable margin: the lesser of 70 % of revenue and revenue less cost of goods sold.
            var margin = Math.Min(revenue[t] * marginShare, revenue[t] - opex[t]);
            state[t] = Math.Max(0, margin) * marginRate;
        }

        return state;
    }

    // Federal income tax after the state tax and interest, with losses carried forward (limited to a share of income).
    private static decimal[] FederalTaxes(TaxRules rules, decimal[] revenue, decimal[] opex, decimal[] depreciation, decimal[] state, decimal[] interest)
    {
        var years = revenue.Length;
        var federal = new decimal[years];
        decimal losses = 0;
        var (limitShare, federalRate) = ((decimal)rules.LossCarryForwardLimitShare, (decimal)rules.FederalRate);
        for (var t = 0; t < years; t++)
        {
            var taxable = revenue[t] - opex[t] - depreciation[t] - state[t] - interest[t];
            var (tax, remaining) = FederalTax(taxable, losses, limitShare, federalRate);
            federal[t] = tax;
            losses = remaining;
        }

        return federal;
    }

    /// <summary>Federal tax of one year and the losses carried into the next.</summary>
    public static (decimal TaxUsd, decimal LossesCarriedUsd) FederalTax(decimal taxableIncomeUsd, decimal lossesBroughtForwardUsd, TaxRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return FederalTax(taxableIncomeUsd, lossesBroughtForwardUsd, (decimal)rules.LossCarryForwardLimitShare, (decimal)rules.FederalRate);
    }

    private static (decimal TaxUsd, decimal LossesCarriedUsd) FederalTax(decimal taxableIncomeUsd, decimal lossesBroughtForwardUsd, decimal limitShare, decimal federalRate)
    {
        if (taxableIncomeUsd <= 0) return (0, lossesBroughtForwardUsd - taxableIncomeUsd);
        var used = Math.Min(lossesBroughtForwardUsd, taxableIncomeUsd * limitShare);
        return ((taxableIncomeUsd - used) * federalRate, lossesBroughtForwardUsd - used);
    }
}

/// <summary>Results of the cash-flow model.</summary>
/// <param name="DiscountRate">Real discount rate used.</param>
/// <param name="InitialCapexUsd">Initial capital including contingency.</param>
/// <param name="NpvUsd">Unlevered post-tax project NPV.</param>
/// <param name="Irr">Project IRR (all roots; unique or none).</param>
/// <param name="PaybackYears">Years from the start of operations until the cumulative project cash flow turns positive.</param>
/// <param name="LcomUsdPerKg">Levelised cost of magnet.</param>
/// <param name="EquityNpvUsd">NPV of the equity cash flows at the same rate.</param>
/// <param name="EquityIrr">Equity IRR.</param>
/// <param name="MinDscr">Lowest debt service cover ratio (null without a loan).</param>
/// <param name="AverageDscr">Average debt service cover ratio.</param>
/// <param name="PeakFundingUsd">Largest cumulative negative project cash flow.</param>
/// <param name="Years">Year-by-year cash flows.</param>
/// <remarks>The DSCRs are those of the six-month periods of <see cref="Financing"/>.</remarks>
public sealed record ProjectOutcome(
    double DiscountRate,
    decimal InitialCapexUsd,
    decimal NpvUsd,
    IrrResult Irr,
    double? PaybackYears,
    double? LcomUsdPerKg,
    decimal EquityNpvUsd,
    IrrResult EquityIrr,
    double? MinDscr,
    double? AverageDscr,
    decimal PeakFundingUsd,
    IReadOnlyList<CashFlowYear> Years)
{
    /// <summary>The financing's periods, tranches, sizing and cover ratios (null without financing).</summary>
    public FinancingSchedule? Financing { get; init; }
}

/// <summary>One year of the cash-flow model; outflows are positive in their own columns.</summary>
/// <param name="Year">Project year, 1 = first construction year.</param>
/// <param name="OperatingYear">Operating year (0 during construction).</param>
/// <param name="OutputShare">Share of nameplate output.</param>
/// <param name="MagnetKg">Magnets sold.</param>
/// <param name="RevenueUsd">Revenue.</param>
/// <param name="OpexUsd">Operating cost.</param>
/// <param name="CapexUsd">Initial plus sustaining capital.</param>
/// <param name="WorkingCapitalChangeUsd">Increase of working capital (negative when released).</param>
/// <param name="DepreciationUsd">Tax depreciation.</param>
/// <param name="TaxUsd">Income taxes of the unlevered project less credits.</param>
/// <param name="TaxCreditUsd">Production tax credit.</param>
/// <param name="FreeCashFlowUsd">Unlevered post-tax free cash flow.</param>
/// <param name="LoanDrawUsd">Debt drawn for capital spending.</param>
/// <param name="InterestUsd">Interest paid in cash (during construction too when it is not capitalised).</param>
/// <param name="PrincipalUsd">Principal repaid.</param>
/// <param name="LoanFeeUsd">Arrangement, commitment and unfinanced exposure fees paid by equity; not part of debt service.</param>
/// <param name="DebtServiceUsd">Interest and principal paid after completion (the DSCR's denominator).</param>
/// <param name="DsraChangeUsd">Paid into the debt-service reserve (negative when released).</param>
/// <param name="EquityCashFlowUsd">Cash flow to equity (after debt and the interest tax shield).</param>
public sealed record CashFlowYear(
    int Year,
    int OperatingYear,
    double OutputShare,
    double MagnetKg,
    decimal RevenueUsd,
    decimal OpexUsd,
    decimal CapexUsd,
    decimal WorkingCapitalChangeUsd,
    decimal DepreciationUsd,
    decimal TaxUsd,
    decimal TaxCreditUsd,
    decimal FreeCashFlowUsd,
    decimal LoanDrawUsd,
    decimal InterestUsd,
    decimal PrincipalUsd,
    decimal LoanFeeUsd,
    decimal DebtServiceUsd,
    decimal DsraChangeUsd,
    decimal EquityCashFlowUsd);
