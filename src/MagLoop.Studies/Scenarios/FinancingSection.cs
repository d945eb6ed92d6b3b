using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MagLoop.Economics.Financing;

namespace MagLoop.Studies.Scenarios;

// The scenario's `economics.financing:` section: debt as export-credit lenders structure it. Defaults cite the
// OECD Arrangement on Officially Supported Export Credits [E13] and US EXIM's terms [E5, E14], or say they are
// engineering assumptions; docs/model-economics.md gives the equations.

/// <summary>The project's financing: tranches, grace, reserve and sizing.</summary>
[Description("The project's financing: debt tranches (export credit, commercial) and equity drawn pro rata with capital spending, six-month periods, grace, fees, a debt-service reserve, and the debt sized as the least of the tranches' plan, the gearing cap and what minDscr allows (docs/model-economics.md).")]
public sealed class FinancingSpec
{
    /// <summary>Tranches.</summary>
    [Required, Description("Tranches, debt and equity; their shares of the capital spending sum to 1.")]
    public IReadOnlyList<TrancheSpec> Tranches { get; init; } = [];

    /// <summary>Gearing cap.</summary>
    [Range(0.0, 1.0), Description("Largest debt at completion as a share of the project cost (capital, interest and fees during construction, initial reserve). Default 0.75: engineering assumption (project-finance gearing of 60-80 % is usual for industrial plant).")]
    public double GearingCap { get; init; } = 0.75;

    /// <summary>Minimum DSCR.</summary>
    [Range(0.0, 10.0), Description("Smallest debt service cover ratio any six-month period may show; the debt is cut until it holds (0: the cover ratio does not size the debt). Default 1.30: engineering assumption (lenders to merchant industrial projects commonly ask 1.3-1.5).")]
    public double MinDscr { get; init; } = 1.30;

    /// <summary>Grace to the first repayment.</summary>
    [Range(6, 600), Description("Months from completion (the starting point of credit) to the first repayment, a multiple of 6. Default 6: the OECD Arrangement's first instalment no later than six months after the starting point [E13]; EXIM's starting point falls six months before the first repayment [E14].")]
    public int GraceMonths { get; init; } = 6;

    /// <summary>Interest during construction.</summary>
    [Description("capitalised (added to the loans) or paid (by equity as it falls due). Default capitalised: engineering assumption (EXIM finances interest during construction on request [E14]).")]
    public InterestDuringConstruction InterestDuringConstruction { get; init; } = InterestDuringConstruction.Capitalised;

    /// <summary>Debt-service reserve.</summary>
    [Range(0, 60), Description("Debt-service reserve account: months of the coming debt service held in cash, a multiple of 6 (0: none). Default 6: engineering assumption (one semi-annual instalment is the usual requirement).")]
    public int DsraMonths { get; init; } = 6;
}

/// <summary>One tranche.</summary>
[Description("One tranche of the funding: kind, planned share and, for debt, its price and repayment.")]
public sealed class TrancheSpec
{
    /// <summary>Name.</summary>
    [Required, Description("Name, such as 'EXIM Make More in America'.")]
    public string Name { get; init; } = "";

    /// <summary>Kind.</summary>
    [Required, Description("exportCredit, commercial or equity.")]
    public TrancheKind Kind { get; init; }

    /// <summary>Share.</summary>
    [Required, Range(0.0, 1.0), Description("Planned share of every period's capital spending this tranche funds; the shares of all tranches sum to 1. Equity funds whatever the debt does not.")]
    public double Share { get; init; }

    /// <summary>Largest amount.</summary>
    [Description("Largest balance at completion (drawn, capitalised interest and financed fees), $; absent: no cap. The EXIM letter of interest is for up to $92M [E5].")]
    public double? MaxAmountUsd { get; init; }

    /// <summary>Interest rate.</summary>
    [Range(0.0, 1.0), Description("Interest per year, paid (or capitalised during construction) every six months at half the rate. Default 0.06: engineering assumption (fixed-rate EXIM loans price at the OECD CIRR, US Treasuries plus 1 % [E13]; the letter of interest states no rate).")]
    public double InterestRate { get; init; } = 0.06;

    /// <summary>Tenor.</summary>
    [Range(1, 100), Description("Repayment term, years from completion (the starting point of credit) to the last instalment, as the OECD Arrangement counts it. Default 10: the EXIM letter of interest's tenor [E5].")]
    public int TenorYears { get; init; } = 10;

    /// <summary>Repayment.</summary>
    [Description("equalPrincipal (the OECD Arrangement's standard: equal semi-annual instalments [E13]), annuity (equal debt service) or sculpted (debt service follows CFADS so the cover ratio is flat; the Arrangement allows it for project finance [E13]). Default equalPrincipal.")]
    public RepaymentProfile Repayment { get; init; } = RepaymentProfile.EqualPrincipal;

    /// <summary>Arrangement fee.</summary>
    [Range(0.0, 0.2), Description("Arrangement fee on the commitment, paid by equity at financial close. Default 0.01: engineering assumption.")]
    public double ArrangementFeeShare { get; init; } = 0.01;

    /// <summary>Commitment fee.</summary>
    [Range(0.0, 0.2), Description("Commitment fee per year on the undrawn commitment during construction. Default 0.005: engineering assumption (0.5 %/yr, the order EXIM charges on undisbursed direct loans; not confirmed in a stored source).")]
    public double CommitmentFeeRate { get; init; } = 0.005;

    /// <summary>Exposure fee.</summary>
    [Description("Exposure fee (the export-credit agency's risk premium; the OECD Minimum Premium Rate where the Arrangement applies [E13]): share, up front or as drawn, financed or not [E14]. Absent: none.")]
    public ExposureFeeSpec? ExposureFee { get; init; }
}

/// <summary>An exposure fee.</summary>
[Description("Exposure fee: a share of the commitment (upFront) or of each draw (asDrawn), added to the loan (financed) or paid by equity [E14].")]
public sealed class ExposureFeeSpec
{
    /// <summary>Share.</summary>
    [Required, Range(0.0, 0.5), Description("Fee as a share of the amount it is charged on.")]
    public double Share { get; init; }

    /// <summary>Timing.</summary>
    [Description("upFront (on the commitment at close) or asDrawn (on each draw). Default asDrawn: engineering assumption.")]
    public ExposureFeeTiming Payment { get; init; } = ExposureFeeTiming.AsDrawn;

    /// <summary>Financed.</summary>
    [Description("True: added to the loan balance; false: paid by equity. Default true (EXIM: most borrowers finance the fee [E14]).")]
    public bool Financed { get; init; } = true;
}
