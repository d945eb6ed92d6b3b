using MagLoop.Economics;
using MagLoop.Economics.Financing;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>
/// Turns <c>economics.financing</c> (or the older <c>economics.loan</c>) into the financing model's terms, with every
/// check located in the scenario file, and the schedule into the study's <see cref="FinancingResult"/>.
/// </summary>
internal static class FinancingStudy
{
    /// <summary>The financing terms, or null for an all-equity project.</summary>
    public static FinancingTerms? Terms(EconomicsSection section, SourceMap map)
    {
        if (section.Loan is { } loan && section.Financing is not null)
            throw map.Error(loan, null, "give either economics.loan or economics.financing, not both (financing replaces the loan)");
        if (section.Loan is { } l)
        {
            if (l.TenorYears > section.OperatingYears)
                throw map.Error(l, nameof(LoanSpec.TenorYears), $"the loan ({l.TenorYears} years) is longer than the project's operating life ({section.OperatingYears} years)");
            // The loan as one export-credit tranche: the whole capital planned, held at its amount.
            var tranche = new Tranche("loan", TrancheKind.ExportCredit, 1, (decimal)l.AmountUsd, l.InterestRate, l.TenorYears,
                l.Repayment == LoanRepayment.Sculpted ? RepaymentProfile.Sculpted : RepaymentProfile.Annuity, l.UpfrontFeeShare);
            return new FinancingTerms([tranche], MinDscr: l.Repayment == LoanRepayment.Sculpted ? l.TargetDscr : null);
        }

        if (section.Financing is not { } f) return null;
        var terms = new FinancingTerms(
            [.. f.Tranches.Select(Tranche)],
            f.GearingCap,
            f.MinDscr > 0 ? f.MinDscr : null,
            f.GraceMonths,
            f.InterestDuringConstruction,
            f.DsraMonths);
        Check(terms, f, map);
        for (var i = 0; i < f.Tranches.Count; i++)
        {
            if (f.Tranches[i].Kind != TrancheKind.Equity && f.Tranches[i].TenorYears > section.OperatingYears)
                throw map.Error(f.Tranches[i], nameof(TrancheSpec.TenorYears), $"the tranche ({f.Tranches[i].TenorYears} years) is longer than the project's operating life ({section.OperatingYears} years)");
        }

        return terms;
    }

    /// <summary>A tranche from its scenario entry.</summary>
    public static Tranche Tranche(TrancheSpec t) => new(
        t.Name, t.Kind, t.Share, t.MaxAmountUsd is { } max ? (decimal)max : null, t.InterestRate, t.TenorYears, t.Repayment,
        t.ArrangementFeeShare, t.CommitmentFeeRate,
        t.ExposureFee is { } e ? new ExposureFee(e.Share, e.Payment, e.Financed) : null);

    /// <summary>
    /// The terms when the export credit does not close: its tranches give way to <paramref name="fallback"/> (up to their
    /// share) and equity takes the rest.
    /// </summary>
    public static FinancingTerms WithoutExportCredit(FinancingTerms terms, Tranche? fallback)
    {
        var exportShare = terms.Tranches.Where(t => t.Kind == TrancheKind.ExportCredit).Sum(t => t.Share);
        var kept = terms.Tranches.Where(t => t.Kind != TrancheKind.ExportCredit).ToList();
        if (fallback is not null) kept.Add(fallback);
        var left = exportShare - (fallback?.Share ?? 0);
        var equity = kept.FindIndex(t => t.Kind == TrancheKind.Equity);
        if (equity >= 0) kept[equity] = kept[equity] with { Share = kept[equity].Share + left };
        else kept.Add(new Tranche("equity (fallback)", TrancheKind.Equity, left));
        return terms with { Tranches = kept };
    }

    /// <summary>The study's view of the schedule.</summary>
    public static FinancingResult Result(ProjectOutcome outcome)
    {
        var s = outcome.Financing!;
        var z = s.Sizing;
        var why = z.Binding switch
        {
            DebtLimit.AmountCap => $"'{z.AmountCappedTranche}' is held at its largest amount; the gearing cap would allow {Musd(z.GearingCapacityUsd)}{Dscr(z)}",
            DebtLimit.Gearing => $"the gearing cap allows {Musd(z.GearingCapacityUsd)} of the planned {Musd(z.PlanUsd)}{Dscr(z)}",
            DebtLimit.Dscr => $"the minimum DSCR allows {Musd(z.DscrCapacityUsd ?? 0)} of the planned {Musd(z.PlanUsd)}; the gearing cap would allow {Musd(z.GearingCapacityUsd)}",
            _ => $"the tranches' planned shares; the gearing cap would allow {Musd(z.GearingCapacityUsd)}{Dscr(z)}",
        };
        return new FinancingResult(
            z.DebtUsd,
            s.Tranches.Where(t => t.Kind == TrancheKind.Equity).Sum(t => t.DrawnUsd),
            s.ProjectCostUsd,
            s.Gearing,
            ScenarioNames.Key(z.Binding.ToString()),
            why,
            z.PlanUsd,
            z.GearingCapacityUsd,
            z.DscrCapacityUsd,
            s.MinDscr,
            s.AverageDscr,
            s.Llcr,
            s.MinLlcr,
            s.Plcr,
            outcome.EquityIrr.Irr,
            s.Tranches.Sum(t => t.CapitalisedInterestUsd) + s.Periods.Where(p => p.Phase == "construction").Sum(p => p.InterestPaidUsd),
            s.Tranches.Sum(t => t.FeesUsd),
            s.Tranches,
            s.Periods);

        static string Dscr(DebtSizing z) => z.DscrCapacityUsd is { } d ? $" and the minimum DSCR {Musd(d)}" : "";
    }

    private static string Musd(decimal usd) => $"${usd / 1e6m:N1}M";

    // Finds the scenario entry the terms' first problem names.
    private static void Check(FinancingTerms terms, FinancingSpec spec, SourceMap map)
    {
        if (terms.Problem() is not { } problem) return;
        var field = problem.Field;
        if (!field.StartsWith("tranches[", StringComparison.Ordinal)) throw map.Error(spec, field, problem.Message);
        var close = field.IndexOf(']', StringComparison.Ordinal);
        var tranche = spec.Tranches[int.Parse(field[9..close], System.Globalization.CultureInfo.InvariantCulture)];
        var rest = field[(close + 2)..];
        if (rest.StartsWith("exposureFee.", StringComparison.Ordinal)) throw map.Error(tranche.ExposureFee!, rest["exposureFee.".Length..], problem.Message);
        throw map.Error(tranche, rest, problem.Message);
    }
}

/// <summary>The financing as lenders see it: how the debt was sized, its cover ratios and its schedule.</summary>
/// <param name="DebtUsd">Debt at completion (drawn, capitalised interest and financed fees).</param>
/// <param name="EquityUsd">Capital spending funded by equity (besides the fees, paid interest and reserve equity also pays).</param>
/// <param name="ProjectCostUsd">Capital, interest and fees during construction, and the initial reserve.</param>
/// <param name="Gearing">Debt over project cost.</param>
/// <param name="BindingLimit">The limit that sets the debt: plan, amountCap, gearing or dscr.</param>
/// <param name="BindingWhy">The sizing in words, with the debt each other limit would allow.</param>
/// <param name="PlanDebtUsd">Debt with every tranche at its planned share (amount caps applied).</param>
/// <param name="GearingCapacityUsd">Most debt the gearing cap allows.</param>
/// <param name="DscrCapacityUsd">Most debt the minimum DSCR allows (null without one).</param>
/// <param name="MinDscr">Lowest six-monthly DSCR.</param>
/// <param name="AverageDscr">Average six-monthly DSCR.</param>
/// <param name="Llcr">Loan life cover ratio at completion.</param>
/// <param name="MinLlcr">Lowest LLCR over the loan life.</param>
/// <param name="Plcr">Project life cover ratio at completion.</param>
/// <param name="EquityIrr">Equity IRR (as economics.equityIrr).</param>
/// <param name="InterestDuringConstructionUsd">Interest during construction, capitalised or paid.</param>
/// <param name="FeesUsd">Arrangement, commitment and exposure fees.</param>
/// <param name="Tranches">Each tranche as sized and drawn.</param>
/// <param name="Periods">The six-month periods: draws, interest, fees, principal, CFADS, DSCR, LLCR, balance, reserve (also periods.csv).</param>
public sealed record FinancingResult(
    decimal DebtUsd,
    decimal EquityUsd,
    decimal ProjectCostUsd,
    double Gearing,
    string BindingLimit,
    string BindingWhy,
    decimal PlanDebtUsd,
    decimal GearingCapacityUsd,
    decimal? DscrCapacityUsd,
    double? MinDscr,
    double? AverageDscr,
    double? Llcr,
    double? MinLlcr,
    double? Plcr,
    double? EquityIrr,
    decimal InterestDuringConstructionUsd,
    decimal FeesUsd,
    IReadOnlyList<TrancheSchedule> Tranches,
    IReadOnlyList<FinancingPeriod> Periods)
{
    /// <summary>The smallest period DSCR the terms allow (economics.financing.minDscr, the covenant the debt is sized to); null without one.</summary>
    public double? CovenantDscr { get; init; }
}
