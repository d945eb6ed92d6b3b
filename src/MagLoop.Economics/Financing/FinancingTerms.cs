namespace MagLoop.Economics.Financing;

/// <summary>Who provides a tranche of the project's funding.</summary>
public enum TrancheKind
{
    /// <summary>An export-credit agency's loan (such as US EXIM's), repaid under OECD Arrangement style terms.</summary>
    ExportCredit,
    /// <summary>Commercial bank debt.</summary>
    Commercial,
    /// <summary>Sponsors' equity: no interest, no repayment; takes whatever the debt does not fund.</summary>
    Equity,
}

/// <summary>How a debt tranche is repaid.</summary>
public enum RepaymentProfile
{
    /// <summary>Equal principal instalments every period (the OECD Arrangement's standard profile).</summary>
    EqualPrincipal,
    /// <summary>Equal debt service (interest plus principal) every period.</summary>
    Annuity,
    /// <summary>Debt service follows the cash flow available for it, so the cover ratio is flat over the repayment.</summary>
    Sculpted,
}

/// <summary>Whether interest during construction is added to the loan or paid by the sponsors.</summary>
public enum InterestDuringConstruction
{
    /// <summary>Added to the balance (financed by the loan itself).</summary>
    Capitalised,
    /// <summary>Paid in cash by equity as it falls due.</summary>
    Paid,
}

/// <summary>When an export-credit agency's exposure fee (its risk premium) is paid.</summary>
public enum ExposureFeeTiming
{
    /// <summary>On the whole commitment at financial close.</summary>
    UpFront,
    /// <summary>On each draw as it is made.</summary>
    AsDrawn,
}

/// <summary>An exposure fee (premium).</summary>
/// <param name="Share">Fee as a share of the amount it is charged on.</param>
/// <param name="Timing">Up front on the commitment, or as drawn.</param>
/// <param name="Financed">True: added to the loan balance; false: paid by equity.</param>
public sealed record ExposureFee(double Share, ExposureFeeTiming Timing, bool Financed);

/// <summary>One tranche of the project's funding.</summary>
/// <param name="Name">Name, as the scenario gives it.</param>
/// <param name="Kind">Export credit, commercial debt or equity.</param>
/// <param name="Share">Planned share of every period's capital spending this tranche funds (the shares of all tranches sum to 1).</param>
/// <param name="MaxAmountUsd">Largest balance the lender will hold at completion (drawn, capitalised interest and financed fees); null: no cap.</param>
/// <param name="InterestRate">Interest per year (debt); paid or capitalised per period at half the rate.</param>
/// <param name="TenorYears">Repayment term: completion (the OECD "starting point of credit") to the last instalment, years.</param>
/// <param name="Repayment">Equal principal, annuity or sculpted.</param>
/// <param name="ArrangementFeeShare">Arrangement fee on the commitment, paid by equity at financial close.</param>
/// <param name="CommitmentFeeRate">Commitment fee per year on the undrawn commitment, paid by equity each construction period.</param>
/// <param name="Exposure">Exposure fee, if the lender charges one.</param>
public sealed record Tranche(
    string Name,
    TrancheKind Kind,
    double Share,
    decimal? MaxAmountUsd = null,
    double InterestRate = 0,
    int TenorYears = 1,
    RepaymentProfile Repayment = RepaymentProfile.EqualPrincipal,
    double ArrangementFeeShare = 0,
    double CommitmentFeeRate = 0,
    ExposureFee? Exposure = null)
{
    /// <summary>True for a loan (export credit or commercial), false for equity.</summary>
    public bool IsDebt => Kind != TrancheKind.Equity;
}

/// <summary>The project's financing: tranches, grace, reserve and how the debt is sized.</summary>
/// <param name="Tranches">Tranches, debt and equity; shares sum to 1.</param>
/// <param name="GearingCap">Largest debt at completion as a share of the project cost (capital, interest and fees during construction, initial reserve).</param>
/// <param name="MinDscr">Smallest debt service cover ratio any period may show; the debt is cut until it holds. Null: the cover ratio does not size the debt.</param>
/// <param name="GraceMonths">Completion to the first repayment, a multiple of the six-month period.</param>
/// <param name="InterestDuringConstruction">Capitalised or paid.</param>
/// <param name="DsraMonths">Debt-service reserve: months of the coming debt service held in cash, a multiple of six (0: none). Funded by equity at completion, released as debt service falls.</param>
public sealed record FinancingTerms(
    IReadOnlyList<Tranche> Tranches,
    double GearingCap = 1,
    double? MinDscr = null,
    int GraceMonths = 6,
    InterestDuringConstruction InterestDuringConstruction = InterestDuringConstruction.Capitalised,
    int DsraMonths = 0)
{
    /// <summary>Months in one period: repayment and interest are semi-annual (OECD Arrangement).</summary>
    public const int MonthsPerPeriod = 6;

    /// <summary>Why the terms are inconsistent, or null; names the field in the scenario's spelling.</summary>
    public (string Field, string Message)? Problem()
    {
        if (Tranches.Count == 0) return ("tranches", "at least one tranche is required");
        var sum = Tranches.Sum(t => t.Share);
        if (Math.Abs(sum - 1) > 1e-9) return ("tranches", $"tranche shares must sum to 1, found {sum:G6}");
        if (Tranches.Count(t => t.Repayment == RepaymentProfile.Sculpted && t.IsDebt) > 1) return ("tranches", "at most one tranche may be sculpted (it takes the cash flow the others leave)");
        if (GearingCap is not (> 0 and <= 1)) return ("gearingCap", $"must lie in (0, 1], found {GearingCap:G6}");
        if (MinDscr is { } d && d <= 0) return ("minDscr", $"must be above 0, found {d:G6}");
        if (GraceMonths < MonthsPerPeriod || GraceMonths % MonthsPerPeriod != 0) return ("graceMonths", $"must be a positive multiple of {MonthsPerPeriod} months, found {GraceMonths}");
        if (DsraMonths < 0 || DsraMonths % MonthsPerPeriod != 0) return ("dsraMonths", $"must be 0 or a multiple of {MonthsPerPeriod} months, found {DsraMonths}");
        for (var i = 0; i < Tranches.Count; i++)
        {
            var t = Tranches[i];
            if (t.Share < 0) return ($"tranches[{i}].share", $"must not be negative, found {t.Share:G6}");
            if (!t.IsDebt) continue;
            if (t.TenorYears < 1) return ($"tranches[{i}].tenorYears", $"must be at least 1 year, found {t.TenorYears}");
            if (GraceMonths > t.TenorYears * 12) return ($"tranches[{i}].tenorYears", $"the first repayment ({GraceMonths} months after completion) falls after the last ({t.TenorYears} years)");
            if (t.InterestRate is < 0 or > 1) return ($"tranches[{i}].interestRate", $"must lie in [0, 1], found {t.InterestRate:G6}");
            if (t.MaxAmountUsd is < 0) return ($"tranches[{i}].maxAmountUsd", "must not be negative");
            if (t.Exposure is { Share: < 0 or >= 1 } e) return ($"tranches[{i}].exposureFee.share", $"must lie in [0, 1), found {e.Share:G6}");
        }

        return null;
    }
}
