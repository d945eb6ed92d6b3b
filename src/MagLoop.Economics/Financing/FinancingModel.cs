using System.Runtime.InteropServices;

namespace MagLoop.Economics.Financing;

/// <summary>What the financing reads from the project, period by period (six months each).</summary>
/// <param name="CapexUsd">Capital spent in each period; construction spending falls before <paramref name="ConstructionPeriods"/>.</param>
/// <param name="CfadsUsd">Cash flow available for debt service in each period (unlevered, after tax).</param>
/// <param name="ConstructionPeriods">Periods until completion (the starting point of credit is the end of the last of them).</param>
public sealed record FinancingInputs(IReadOnlyList<double> CapexUsd, IReadOnlyList<double> CfadsUsd, int ConstructionPeriods);

/// <summary>The limit that sets the debt's size.</summary>
public enum DebtLimit
{
    /// <summary>The tranches' planned shares of the capital spending.</summary>
    Plan,
    /// <summary>A tranche's largest amount (such as the $92M of a letter of interest).</summary>
    AmountCap,
    /// <summary>The gearing cap: debt over project cost.</summary>
    Gearing,
    /// <summary>The minimum debt service cover ratio.</summary>
    Dscr,
}

/// <summary>How the debt was sized.</summary>
/// <param name="PlanUsd">Debt at completion with every tranche at its planned share (amount caps applied).</param>
/// <param name="GearingCapacityUsd">Most debt the gearing cap allows (at most the debt that funds all capital spending).</param>
/// <param name="DscrCapacityUsd">Most debt the minimum DSCR allows (same bound); null without a minimum DSCR.</param>
/// <param name="DebtUsd">Debt at completion: the least of the three.</param>
/// <param name="Binding">The limit that sets it.</param>
/// <param name="AmountCappedTranche">The tranche held at its largest amount, if one is.</param>
public sealed record DebtSizing(decimal PlanUsd, decimal GearingCapacityUsd, decimal? DscrCapacityUsd, decimal DebtUsd, DebtLimit Binding, string? AmountCappedTranche);

/// <summary>One six-month period of the financing, all tranches together; outflows positive in their own columns.</summary>
/// <param name="Period">0 = the first construction half-year.</param>
/// <param name="Phase">construction, grace or repayment (or after, once the debt is repaid).</param>
/// <param name="CapexUsd">Capital spent.</param>
/// <param name="DrawUsd">Debt drawn for capital spending.</param>
/// <param name="CapitalisedInterestUsd">Interest added to the balances.</param>
/// <param name="FinancedFeesUsd">Exposure fees added to the balances.</param>
/// <param name="FeesPaidUsd">Arrangement, commitment and unfinanced exposure fees paid by equity.</param>
/// <param name="InterestPaidUsd">Interest paid in cash.</param>
/// <param name="PrincipalUsd">Principal repaid.</param>
/// <param name="DebtServiceUsd">Interest paid after completion plus principal: the DSCR's denominator.</param>
/// <param name="CfadsUsd">Cash flow available for debt service.</param>
/// <param name="Dscr">CFADS over debt service, in periods after completion with debt service.</param>
/// <param name="Llcr">Loan life cover ratio at the start of the period (while debt is outstanding after completion).</param>
/// <param name="ClosingBalanceUsd">Debt outstanding at the end of the period.</param>
/// <param name="DsraBalanceUsd">Debt-service reserve at the end of the period.</param>
/// <param name="DsraChangeUsd">Paid into the reserve (negative when released).</param>
public sealed record FinancingPeriod(
    int Period,
    string Phase,
    decimal CapexUsd,
    decimal DrawUsd,
    decimal CapitalisedInterestUsd,
    decimal FinancedFeesUsd,
    decimal FeesPaidUsd,
    decimal InterestPaidUsd,
    decimal PrincipalUsd,
    decimal DebtServiceUsd,
    decimal CfadsUsd,
    double? Dscr,
    double? Llcr,
    decimal ClosingBalanceUsd,
    decimal DsraBalanceUsd,
    decimal DsraChangeUsd);

/// <summary>One tranche as sized and drawn.</summary>
/// <param name="Name">Tranche name.</param>
/// <param name="Kind">Kind.</param>
/// <param name="DrawnUsd">Drawn for capital spending (equity: what it funds of the capital spending).</param>
/// <param name="CapitalisedInterestUsd">Interest during construction added to the balance.</param>
/// <param name="FeesUsd">Arrangement, commitment and exposure fees.</param>
/// <param name="BalanceAtCompletionUsd">Debt at completion (0 for equity).</param>
/// <param name="FirstRepaymentPeriod">Period of the first instalment (null for equity).</param>
/// <param name="LastRepaymentPeriod">Period of the last instalment (null for equity).</param>
/// <param name="SculptedDscr">The flat cover ratio a sculpted tranche is repaid at (null otherwise).</param>
public sealed record TrancheSchedule(string Name, TrancheKind Kind, decimal DrawnUsd, decimal CapitalisedInterestUsd, decimal FeesUsd,
    decimal BalanceAtCompletionUsd, int? FirstRepaymentPeriod, int? LastRepaymentPeriod, double? SculptedDscr);

/// <summary>The financing's schedule and cover ratios.</summary>
/// <param name="Periods">Six-month periods.</param>
/// <param name="Tranches">Each tranche.</param>
/// <param name="Sizing">How the debt was sized.</param>
/// <param name="ProjectCostUsd">Capital, interest and fees during construction and the initial reserve.</param>
/// <param name="Gearing">Debt at completion over the project cost.</param>
/// <param name="MinDscr">Lowest period DSCR (null without debt service).</param>
/// <param name="AverageDscr">Average period DSCR.</param>
/// <param name="Llcr">Loan life cover ratio at completion: PV of CFADS over the loan life at the debt's average rate, plus the reserve, over the debt.</param>
/// <param name="MinLlcr">Lowest LLCR over the loan life.</param>
/// <param name="Plcr">Project life cover ratio at completion: PV of CFADS to the end of the project over the debt.</param>
public sealed record FinancingSchedule(
    IReadOnlyList<FinancingPeriod> Periods,
    IReadOnlyList<TrancheSchedule> Tranches,
    DebtSizing Sizing,
    decimal ProjectCostUsd,
    double Gearing,
    double? MinDscr,
    double? AverageDscr,
    double? Llcr,
    double? MinLlcr,
    double? Plcr);

/// <summary>
/// Debt as export-credit lenders structure it: tranches drawn pro rata with capital spending, interest during
/// construction capitalised or paid, fees (arrangement, commitment on the undrawn balance, exposure up front or as
/// drawn, financed or not), six-month periods, grace to the first repayment, equal-principal, annuity or sculpted
/// repayment, a debt-service reserve, and the debt sized as the least of the plan, the gearing cap and what the
/// minimum DSCR allows. A pure function of its inputs; docs/model-economics.md gives the equations.
/// </summary>
public static class FinancingModel
{
    private const int PeriodsPerYear = 2;

    /// <summary>Sizes and schedules the debt; throws <see cref="ArgumentException"/> for inconsistent terms.</summary>
    public static FinancingSchedule Build(FinancingTerms terms, FinancingInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(inputs);
        if (terms.Problem() is { } problem) throw new ArgumentException($"{problem.Field}: {problem.Message}", nameof(terms));
        var periods = inputs.CfadsUsd.Count;
        if (inputs.CapexUsd.Count != periods) throw new ArgumentException("capital and CFADS need one value per period", nameof(inputs));
        if (inputs.ConstructionPeriods < 1 || inputs.ConstructionPeriods >= periods) throw new ArgumentException("construction must end before the last period", nameof(inputs));
        foreach (var t in terms.Tranches.Where(t => t.IsDebt))
        {
            if (LastRepayment(inputs, t) >= periods)
                throw new ArgumentException($"tranches.tenorYears: '{t.Name}' is repaid over {t.TenorYears} years after completion, beyond the project's end", nameof(terms));
        }

        var n = terms.Tranches.Count;
        var periodsCount = inputs.CfadsUsd.Count;
        var unit = new double[n];
        Array.Fill(unit, 1.0);
        var planned = Run(terms, inputs, unit, State.Rent(n, periodsCount), full: false);
        // A tranche's balance is linear in its scale (draws, interest and fees all are), so its cap is one division.
        var caps = new double[n];
        string? capped = null;
        for (var j = 0; j < n; j++)
        {
            caps[j] = 1;
            if (terms.Tranches[j].MaxAmountUsd is { } max && planned.BalanceAtCompletion[j] > (double)max)
            {
                caps[j] = (double)max / planned.BalanceAtCompletion[j];
                capped ??= terms.Tranches[j].Name;
            }
        }

        // The searches below run the schedule about 120 times per build (a Monte Carlo draw's main cost): they reuse
        // one scratch state and skip the cover ratios they do not read; the arithmetic is the same as the full run's.
        var scale = new double[n];
        var scratch = planned;
        var horizon = Horizon(terms, inputs);
        State At(double g, bool full = false)
        {
            for (var j = 0; j < n; j++) scale[j] = terms.Tranches[j].IsDebt ? caps[j] * g : 1;
            // The full run resets every period: after it no search runs, so it takes the scratch state too.
            return Run(terms, inputs, scale, scratch.Reset(full ? periodsCount : horizon), full);
        }

        double debtShare = 0;
        for (var j = 0; j < n; j++) debtShare += terms.Tranches[j].IsDebt ? terms.Tranches[j].Share * caps[j] : 0;
        var top = debtShare > 0 ? Math.Max(1, 1 / debtShare) : 1;
        var gGearing = Largest(g => At(g).Gearing <= terms.GearingCap * (1 + 1e-12), top);
        double? gDscr = terms.MinDscr is { } minDscr ? Largest(g => !(At(g).MinDscr < minDscr * (1 - 1e-12)), top) : null;
        var g = Math.Min(1, Math.Min(gGearing, gDscr ?? double.PositiveInfinity));
        var binding = g < 1
            ? (gDscr is { } d && d <= gGearing ? DebtLimit.Dscr : DebtLimit.Gearing)
            : capped is not null ? DebtLimit.AmountCap : DebtLimit.Plan;
        var planUsd = (decimal)At(1).Debt;
        var gearingUsd = (decimal)At(gGearing).Debt;
        decimal? dscrUsd = gDscr is { } gd ? (decimal)At(gd).Debt : null;
        var final = At(g, full: true);
        var sizing = new DebtSizing(
            planUsd,
            gearingUsd,
            dscrUsd,
            (decimal)final.Debt,
            binding,
            binding == DebtLimit.AmountCap ? capped : null);
        var schedule = final.ToSchedule(terms, sizing);
        State.Return(final);
        return schedule;
    }

    /// <summary>
    /// The terms as signed at financial close: each debt tranche committed at the balance <paramref name="sized"/> gave
    /// it (as its largest amount), with no re-sizing by gearing or cover ratio. A downside case (a Monte Carlo draw)
    /// runs on these, so its cover ratios test the debt the lenders committed on the base case rather than a debt
    /// re-sized to the downside; on the cash flows it was sized on, the schedule is <paramref name="sized"/> again.
    /// </summary>
    public static FinancingTerms Committed(FinancingTerms terms, FinancingSchedule sized)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(sized);
        if (sized.Tranches.Count != terms.Tranches.Count) throw new ArgumentException("the schedule was not built from these terms", nameof(sized));
        return terms with
        {
            Tranches = [.. terms.Tranches.Select((t, j) => t.IsDebt ? t with { MaxAmountUsd = sized.Tranches[j].BalanceAtCompletionUsd } : t)],
            GearingCap = 1,
            MinDscr = null,
        };
    }

    /// <summary>Annuity payment repaying <paramref name="principal"/> in <paramref name="instalments"/> equal payments at <paramref name="ratePerPeriod"/>.</summary>
    public static double AnnuityPayment(double principal, double ratePerPeriod, int instalments)
    {
        if (instalments < 1) throw new ArgumentOutOfRangeException(nameof(instalments), instalments, "at least one instalment");
        return ratePerPeriod == 0 ? principal / instalments : principal * ratePerPeriod / (1 - Math.Pow(1 + ratePerPeriod, -instalments));
    }

    private static int FirstRepayment(FinancingInputs inputs, FinancingTerms terms) => inputs.ConstructionPeriods - 1 + (terms.GraceMonths / FinancingTerms.MonthsPerPeriod);

    // Periods a run that sizes the debt reads: construction, every debt tranche's repayment, the reserve at completion.
    // Later periods carry no debt service, so their interest, principal, balance and service stay zero.
    private static int Horizon(FinancingTerms terms, FinancingInputs inputs)
    {
        var last = inputs.ConstructionPeriods - 1 + (terms.DsraMonths / FinancingTerms.MonthsPerPeriod);
        foreach (var t in terms.Tranches) if (t.IsDebt) last = Math.Max(last, LastRepayment(inputs, t));
        return Math.Min(inputs.CfadsUsd.Count, last + 1);
    }

    private static int LastRepayment(FinancingInputs inputs, Tranche t) => inputs.ConstructionPeriods - 1 + (t.TenorYears * PeriodsPerYear);

    // The largest g in [0, top] where ok(g) holds, for ok true at 0 and monotone (true below, false above).
    private static double Largest(Func<double, bool> ok, double top)
    {
        if (ok(top)) return top;
        double low = 0, high = top;
        for (var i = 0; i < 60; i++)
        {
            var mid = 0.5 * (low + high);
            // low and high are adjacent doubles: ok(mid) is known (true at low, false at high) and nothing moves again.
            if (mid == low || mid == high) break;
            if (ok(mid)) low = mid;
            else high = mid;
        }

        return low;
    }

    // One schedule at the tranches' scales into s (fresh or reset); full adds the loan and project life cover ratios.
    private static State Run(FinancingTerms terms, FinancingInputs inputs, double[] scale, State s, bool full)
    {
        var c = inputs.ConstructionPeriods;
        var totalCapex = 0.0;
        for (var k = 0; k < c; k++) totalCapex += inputs.CapexUsd[k];
        for (var k = 0; k < c; k++) s.Capex[k] = inputs.CapexUsd[k];
        var first = FirstRepayment(inputs, terms);

        var sculpted = -1;
        for (var j = 0; j < terms.Tranches.Count; j++)
        {
            var t = terms.Tranches[j];
            var share = t.Share * scale[j];
            if (!t.IsDebt) continue;

            if (t.Repayment == RepaymentProfile.Sculpted) sculpted = j;
            var rate = t.InterestRate / PeriodsPerYear;
            var commitment = share * totalCapex;
            double balance = 0, drawn = 0;
            for (var k = 0; k < c; k++)
            {
                var draw = share * inputs.CapexUsd[k];
                double financed = 0, paid = 0;
                if (k == 0)
                {
                    paid += t.ArrangementFeeShare * commitment;
                    if (t.Exposure is { Timing: ExposureFeeTiming.UpFront } up) Add(up.Financed, up.Share * commitment);
                }

                if (t.Exposure is { Timing: ExposureFeeTiming.AsDrawn } asDrawn) Add(asDrawn.Financed, asDrawn.Share * draw);
                paid += t.CommitmentFeeRate / PeriodsPerYear * Math.Max(0, commitment - drawn);
                // Drawn through the period: on average half a period of interest on this period's draw.
                var interest = rate * (balance + ((draw + financed) / 2));
                if (terms.InterestDuringConstruction == InterestDuringConstruction.Capitalised)
                {
                    s.CapitalisedInterest[j] += interest;
                    s.PeriodCapitalised[k] += interest;
                    balance += interest;
                }
                else
                {
                    s.PeriodInterestPaid[k] += interest;
                    s.IdcPaid += interest;
                }

                balance += draw + financed;
                drawn += draw;
                s.PeriodDraw[k] += draw;
                s.PeriodFinancedFees[k] += financed;
                s.PeriodFeesPaid[k] += paid;
                s.Fees[j] += financed + paid;
                s.Balance[j, k] = balance;

                void Add(bool isFinanced, double fee)
                {
                    if (isFinanced) financed += fee;
                    else paid += fee;
                }
            }

            s.Drawn[j] = drawn;
            s.BalanceAtCompletion[j] = balance;
            s.Rates[j] = rate;
            if (t.Repayment == RepaymentProfile.Sculpted) continue;
            var last = LastRepayment(inputs, t);
            var count = last - first + 1;
            var annuity = AnnuityPayment(balance, rate, count);
            var opening = balance;
            for (var k = c; k <= last; k++)
            {
                var interest = rate * opening;
                var principal = k < first ? 0
                    : k == last ? opening
                    : t.Repayment == RepaymentProfile.EqualPrincipal ? balance / count : annuity - interest;
                s.Interest[j, k] = interest;
                s.Principal[j, k] = principal;
                opening -= principal;
                s.Balance[j, k] = opening;
            }
        }

        if (sculpted >= 0) s.SculptedDscr = Sculpt(terms, inputs, s, sculpted, first);
        // Equity funds the capital spending the debt does not, split by the equity tranches' shares.
        double equityShares = 0, debtDrawn = 0;
        var equityCount = 0;
        for (var j = 0; j < terms.Tranches.Count; j++)
        {
            debtDrawn += s.Drawn[j];
            if (terms.Tranches[j].IsDebt) continue;
            equityShares += terms.Tranches[j].Share;
            equityCount++;
        }

        var rest = totalCapex - debtDrawn;
        for (var j = 0; j < terms.Tranches.Count; j++)
        {
            var t = terms.Tranches[j];
            if (!t.IsDebt) s.Drawn[j] = rest * (equityShares > 0 ? t.Share / equityShares : 1.0 / equityCount);
        }

        s.Finish(terms, inputs, full);
        return s;
    }

    // Sculpts tranche j so that total debt service is CFADS / R over its repayment, R set so its balance clears at
    // its last instalment (never less than its interest); returns R.
    private static double? Sculpt(FinancingTerms terms, FinancingInputs inputs, State s, int j, int first)
    {
        var t = terms.Tranches[j];
        var c = inputs.ConstructionPeriods;
        var last = LastRepayment(inputs, t);
        var rate = s.Rates[j];
        var b = s.BalanceAtCompletion[j];
        // The other tranches' debt service, fixed before this one is sculpted: summed once, not per bisection step.
        var others = new double[last + 1];
        for (var k = c; k <= last; k++)
        {
            double sum = 0;
            for (var i = 0; i < terms.Tranches.Count; i++) if (i != j) sum += s.Interest[i, k] + s.Principal[i, k];
            others[k] = sum;
        }

        // Balance left after the last instalment when the cover ratio is r (rises with r).
        double Remaining(double r, bool write)
        {
            var opening = b;
            for (var k = c; k <= last; k++)
            {
                var interest = rate * opening;
                var service = k < first ? interest : Math.Max(interest, (inputs.CfadsUsd[k] / r) - others[k]);
                var principal = service - interest;
                if (write)
                {
                    if (k == last) principal = opening;
                    s.Interest[j, k] = interest;
                    s.Principal[j, k] = principal;
                    s.Balance[j, k] = opening - principal;
                }

                opening -= principal;
            }

            return opening;
        }

        if (b <= 0)
        {
            // Nothing to repay (a tranche sized or committed at zero): no debt service at all.
            for (var k = c; k <= last; k++) s.Interest[j, k] = s.Principal[j, k] = s.Balance[j, k] = 0;
            return null;
        }

        double low = Math.Log(1e-6), high = Math.Log(1e6);
        if (Remaining(Math.Exp(low), false) > 0)
        {
            // Even at a tiny cover the cash flow cannot repay it: repay interest, the balance falls due at the end.
            Remaining(Math.Exp(high), write: true);
            return null;
        }

        for (var i = 0; i < 200 && high - low > 1e-15; i++)
        {
            var mid = 0.5 * (low + high);
            if (Remaining(Math.Exp(mid), false) > 0) high = mid;
            else low = mid;
        }

        var ratio = Math.Exp(0.5 * (low + high));
        Remaining(ratio, write: true);
        return ratio;
    }

    private sealed class State(int tranches, int periods)
    {
        public double[] Capex { get; } = new double[periods];
        public double[] Drawn { get; } = new double[tranches];
        public double[] Fees { get; } = new double[tranches];
        public double[] CapitalisedInterest { get; } = new double[tranches];
        public double[] BalanceAtCompletion { get; } = new double[tranches];
        public double[] Rates { get; } = new double[tranches];
        public double[,] Interest { get; } = new double[tranches, periods];
        public double[,] Principal { get; } = new double[tranches, periods];
        public double[,] Balance { get; } = new double[tranches, periods];
        public double[] PeriodDraw { get; } = new double[periods];
        public double[] PeriodCapitalised { get; } = new double[periods];
        public double[] PeriodFinancedFees { get; } = new double[periods];
        public double[] PeriodFeesPaid { get; } = new double[periods];
        public double[] PeriodInterestPaid { get; } = new double[periods];
        public double[] Service { get; } = new double[periods];
        public double[] Dsra { get; } = new double[periods];
        public double[] Cfads { get; private set; } = [];
        public double?[] Llcr { get; } = new double?[periods];
        public double IdcPaid { get; set; }
        public double? SculptedDscr { get; set; }
        public double Debt { get; private set; }
        public double ProjectCost { get; private set; }
        public double Gearing { get; private set; }
        public double? MinDscr { get; private set; }
        public double? Plcr { get; private set; }
        private int _construction;
        private double _averageRate;
        private int _horizon = int.MaxValue;

        // A state kept per thread between builds (a Monte Carlo draw builds one schedule): the schedule copies what it
        // reads, so the state can serve the next build, reset to a new instance's zeros.
        [ThreadStatic]
        private static State? t_spare;

        /// <summary>A state of these dimensions as a new instance is: the thread's spare, reset, or a new one.</summary>
        public static State Rent(int tranches, int periods)
        {
            var spare = t_spare;
            t_spare = null;
            return spare is not null && spare.Capex.Length == periods && spare.Drawn.Length == tranches ? spare.Reset(periods) : new State(tranches, periods);
        }

        /// <summary>Keeps <paramref name="state"/> as the thread's spare once nothing reads it any more.</summary>
        public static void Return(State state) => t_spare = state;

        /// <summary>
        /// Back to the state of a new instance in the periods before <paramref name="horizon"/> (<see cref="Horizon"/>),
        /// keeping the arrays: a run that is not full reads and writes no later period.
        /// </summary>
        public State Reset(int horizon)
        {
            // The spans below are not bounds-checked within a row: a horizon past the last period must not reach them.
            ArgumentOutOfRangeException.ThrowIfGreaterThan(horizon, periods);
            Capex.AsSpan(0, horizon).Clear();
            Array.Clear(Drawn);
            Array.Clear(Fees);
            Array.Clear(CapitalisedInterest);
            Array.Clear(BalanceAtCompletion);
            Array.Clear(Rates);
            for (var j = 0; j < tranches; j++)
            {
                // A tranche's periods are contiguous in the row-major arrays: cleared as spans, not element by element.
                MemoryMarshal.CreateSpan(ref Interest[j, 0], horizon).Clear();
                MemoryMarshal.CreateSpan(ref Principal[j, 0], horizon).Clear();
                MemoryMarshal.CreateSpan(ref Balance[j, 0], horizon).Clear();
            }

            PeriodDraw.AsSpan(0, horizon).Clear();
            PeriodCapitalised.AsSpan(0, horizon).Clear();
            PeriodFinancedFees.AsSpan(0, horizon).Clear();
            PeriodFeesPaid.AsSpan(0, horizon).Clear();
            PeriodInterestPaid.AsSpan(0, horizon).Clear();
            Service.AsSpan(0, horizon).Clear();
            Dsra.AsSpan(0, horizon).Clear();
            // Only a full run writes the cover ratios; a reset to every period leaves none, as a new instance has.
            Llcr.AsSpan(0, horizon).Clear();
            IdcPaid = 0;
            SculptedDscr = null;
            Debt = ProjectCost = Gearing = _averageRate = 0;
            MinDscr = Plcr = null;
            _construction = 0;
            _horizon = horizon;
            return this;
        }

        public void Finish(FinancingTerms terms, FinancingInputs inputs, bool full)
        {
            _construction = inputs.ConstructionPeriods;
            var c = _construction;
            // Without the cover ratios, no period after the horizon is read: no debt is serviced there.
            var end = full ? periods : Math.Min(periods, _horizon);
            // Sums run in index order, as Enumerable.Sum does, so a reset state gives the bits a new one gives.
            for (var k = c; k < end; k++)
            {
                for (var j = 0; j < tranches; j++) Service[k] += Interest[j, k] + Principal[j, k];
                double interestPaid = 0;
                for (var j = 0; j < tranches; j++) interestPaid += Interest[j, k];
                PeriodInterestPaid[k] += interestPaid;
            }

            // The reserve holds the next periods' debt service from completion on (the sizing reads it at completion only).
            var hold = terms.DsraMonths / FinancingTerms.MonthsPerPeriod;
            for (var k = c - 1; k < (full ? periods : c) && hold > 0; k++)
                for (var q = k + 1; q <= Math.Min(periods - 1, k + hold); q++) Dsra[k] += Service[q];

            Debt = SumOf(BalanceAtCompletion);
            ProjectCost = SumOf(Capex) + SumOf(CapitalisedInterest) + IdcPaid + SumOf(Fees) + Dsra[c - 1];
            Gearing = ProjectCost > 0 ? Debt / ProjectCost : 0;
            double weighted = 0;
            for (var j = 0; j < tranches; j++) weighted += Rates[j] * BalanceAtCompletion[j];
            _averageRate = Debt > 0 ? weighted / Debt : 0;
            for (var k = c; k < end; k++)
            {
                if (Service[k] <= 0) continue;
                var dscr = inputs.CfadsUsd[k] / Service[k];
                MinDscr = MinDscr is { } m ? Math.Min(m, dscr) : dscr;
            }

            if (!full) return;
            Cfads = [.. inputs.CfadsUsd];
            var lastDebt = Enumerable.Range(c, periods - c).LastOrDefault(k => Service[k] > 0, c - 1);
            for (var k = c; k <= lastDebt; k++)
            {
                var opening = Enumerable.Range(0, tranches).Sum(j => Balance[j, k - 1]);
                if (opening > 1e-6) Llcr[k] = (Pv(k, lastDebt) + Dsra[k - 1]) / opening;
            }

            if (Debt > 0) Plcr = Pv(c, periods - 1) / Debt;
        }

        private static double SumOf(double[] values)
        {
            double sum = 0;
            foreach (var v in values) sum += v;
            return sum;
        }

        // CFADS of periods from..to discounted to the start of period from at the debt's average rate.
        private double Pv(int from, int to)
        {
            double pv = 0, factor = 1;
            for (var k = from; k <= to; k++)
            {
                factor /= 1 + _averageRate;
                pv += Cfads[k] * factor;
            }

            return pv;
        }

        public FinancingSchedule ToSchedule(FinancingTerms terms, DebtSizing sizing)
        {
            var c = _construction;
            var first = c - 1 + (terms.GraceMonths / FinancingTerms.MonthsPerPeriod);
            var rows = new FinancingPeriod[periods];
            for (var k = 0; k < periods; k++)
            {
                // In tranche order from zero, as Enumerable.Sum adds them.
                double balance = 0, principal = 0;
                for (var j = 0; j < tranches; j++) balance += Balance[j, k];
                for (var j = 0; j < tranches; j++) principal += Principal[j, k];
                var phase = k < c ? "construction" : Service[k] <= 0 ? "after" : k < first ? "grace" : "repayment";
                rows[k] = new FinancingPeriod(k, phase, (decimal)Capex[k], (decimal)PeriodDraw[k], (decimal)PeriodCapitalised[k], (decimal)PeriodFinancedFees[k],
                    (decimal)PeriodFeesPaid[k], (decimal)PeriodInterestPaid[k], (decimal)principal, (decimal)Service[k], (decimal)Cfads[k],
                    k >= c && Service[k] > 0 ? Cfads[k] / Service[k] : null, Llcr[k],
                    (decimal)balance, (decimal)Dsra[k], (decimal)(Dsra[k] - (k > 0 ? Dsra[k - 1] : 0)));
            }

            var schedules = terms.Tranches.Select((t, j) =>
            {
                int? firstK = null, lastK = null;
                for (var k = c; k < periods; k++)
                {
                    if (Principal[j, k] <= 0) continue;
                    firstK ??= k;
                    lastK = k;
                }

                return new TrancheSchedule(t.Name, t.Kind, (decimal)Drawn[j], (decimal)CapitalisedInterest[j], (decimal)Fees[j], (decimal)BalanceAtCompletion[j],
                    firstK, lastK, t.Repayment == RepaymentProfile.Sculpted && t.IsDebt ? SculptedDscr : null);
            }).ToList();
            var dscrs = rows.Where(r => r.Dscr is not null).Select(r => r.Dscr!.Value).ToList();
            var llcrs = rows.Where(r => r.Llcr is not null).Select(r => r.Llcr!.Value).ToList();
            return new FinancingSchedule(rows, schedules, sizing, (decimal)ProjectCost, Gearing,
                dscrs.Count > 0 ? dscrs.Min() : null, dscrs.Count > 0 ? dscrs.Average() : null,
                Debt > 0 && c < periods ? rows[c].Llcr : null, llcrs.Count > 0 ? llcrs.Min() : null, Plcr);
        }
    }
}
