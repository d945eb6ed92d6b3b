using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MagLoop.Economics;

namespace MagLoop.Studies.Scenarios;

// The scenario's `economics:` section. Money in real US dollars of the base year. Defaults state their source
// or say they are engineering assumptions; docs/model-economics.md explains the model and the calibration.

/// <summary>Techno-economics of the plant: capital, prices, operating cost, tax, financing and risk.</summary>
[Description("Techno-economics of the plant: capital, price decks, operating cost, tax, financing and risk (docs/model-economics.md).")]
public sealed class EconomicsSection
{
    /// <summary>Real discount rate. Default 0.07: the feasibility study's NPV7 (hpms-facts 1a).</summary>
    [Range(0.0, 1.0), Description("Real discount rate. Default 0.07: the feasibility study quotes NPV at 7 % real (hpms-facts 1a).")]
    public double DiscountRate { get; init; } = 0.07;

    /// <summary>Construction years before operations. Default 2: engineering assumption.</summary>
    [Range(1, 10), Description("Construction years before the first operating year, at least 1 (initial capital is spent in them). Default 2: engineering assumption (FS Nov 2024, production from 2027).")]
    public int ConstructionYears { get; init; } = 2;

    /// <summary>Operating life. Default 40: disclosed life (BRIEF, Money).</summary>
    [Range(1, 100), Description("Operating years. Default 40: the feasibility study's 40-year life (BRIEF, Money).")]
    public int OperatingYears { get; init; } = 40;

    /// <summary>Share of initial capital spent per construction year.</summary>
    [Description("Share of initial capital spent in each construction year; one value per year, summing to 1. Default: even spread.")]
    public IReadOnlyList<double>? CapexSchedule { get; init; }

    /// <summary>Initial capital from the plant's equipment.</summary>
    [Required, Description("Initial capital from the plant's equipment: cost curves by station kind, factored items and spoke fit-out.")]
    public CapitalSpec Capital { get; init; } = new();

    /// <summary>Sustaining capital as a share of initial capital per year.</summary>
    [Range(0.0, 1.0), Description("Sustaining capital per operating year (from the second) as a share of initial capital. Default 0.01: engineering assumption.")]
    public double SustainingCapexShare { get; init; } = 0.01;

    /// <summary>Share of nameplate per operating year.</summary>
    [Description("Share of nameplate output in each operating year; the last value holds thereafter. Default: full rate within five years of commissioning (disclosure, hpms-facts 1b), shape an engineering assumption.")]
    public IReadOnlyList<double>? RampUp { get; init; }

    /// <summary>Magnet grade sold, overriding the predicted one.</summary>
    [Description("Grade of the magnets sold (such as 42SH or N42SH, case-insensitive), overriding the grade the magnet model predicts; priced like any grade (magnetPricing, the deck's gradePremiums). Absent: the predicted grade.")]
    public string? MagnetGrade { get; init; }

    /// <summary>Magnet price by grade.</summary>
    [Description("Magnet price by grade: reference grade, premiums by coercivity class and MGOe, price below every grade.")]
    public MagnetPricingSpec MagnetPricing { get; init; } = new();

    /// <summary>Co-product sales classes, best first.</summary>
    [Description("Co-product sales classes, best first; every co-product is priced by its content. Default: HPMS alloy powder (>= 28 % RE, <= 0.8 % O, <= 1 % carry-over, payable 1.25) and long-loop feed (>= 15 % RE, <= 10 % O, <= 50 % carry-over, payable 0.40, $1/kg carry-over charge): engineering assumptions (the 28 % RE floor is Tyseley's powder grade, hpms-facts 1d).")]
    public IReadOnlyList<CoProductClassSpec> CoProductClasses { get; init; } =
    [
        new() { Name = "HPMS alloy powder", MinRareEarthFraction = 0.28, MaxOxygenFraction = 0.008, MaxCarryOverFraction = 0.01, PayableShare = 1.25 },
        new() { Name = "Long-loop feed", MinRareEarthFraction = 0.15, MaxOxygenFraction = 0.10, MaxCarryOverFraction = 0.50, PayableShare = 0.40, CarryOverPenaltyUsdPerKg = 1 },
    ];

    /// <summary>How feeds are chosen when capacity binds.</summary>
    [Description("How the plant chooses feeds when a station's capacity binds: margin (best margin per kg of the binding capacity first, the marginal feed cut back) or proRata (every feed cut by the same share). Default margin.")]
    public FeedChoiceMode FeedChoice { get; init; } = FeedChoiceMode.Margin;

    /// <summary>Price deck used when the study names none.</summary>
    [Description("Price deck used when --price-deck names none. Default: the first deck.")]
    public string? DefaultPriceDeck { get; init; }

    /// <summary>Named price decks.</summary>
    [Required, Description("Named price decks (at least one), such as current and forecast.")]
    public IReadOnlyList<PriceDeckSpec> PriceDecks { get; init; } = [];

    /// <summary>What scrap costs, by scrap type.</summary>
    [Description("What scrap costs, by scrap type; a type not listed costs nothing.")]
    public IReadOnlyList<ScrapPriceSpec> ScrapPrices { get; init; } = [];

    /// <summary>Electricity tariff by site.</summary>
    [Description("Electricity tariff by site; every site with electricity use needs one.")]
    public IReadOnlyList<ElectricityTariffSpec> ElectricityTariffs { get; init; } = [];

    /// <summary>Gas prices.</summary>
    [Description("Industrial gas prices.")]
    public GasPriceSpec Gases { get; init; } = new();

    /// <summary>Staff from the equipment and its calendars.</summary>
    [Description("Staff from the equipment and its calendars: crews, spoke crews, support ratios and wages.")]
    public LabourSection Labour { get; init; } = new();

    /// <summary>Other consumables per kg magnet.</summary>
    [Description("Other consumables (coating chemicals, grinding media, packaging), $/kg magnet. Default 0.")]
    public double ConsumablesUsdPerKgMagnet { get; init; }

    /// <summary>Maintenance per year as a share of initial capital.</summary>
    [Range(0.0, 1.0), Description("Maintenance per year as a share of initial capital. Default 0.03: engineering assumption (2-4 % is usual for process plant).")]
    public double MaintenanceShareOfCapex { get; init; } = 0.03;

    /// <summary>Insurance per year as a share of initial capital.</summary>
    [Range(0.0, 1.0), Description("Insurance per year as a share of initial capital. Default 0.005: engineering assumption.")]
    public double InsuranceShareOfCapex { get; init; } = 0.005;

    /// <summary>General and administrative cost per year.</summary>
    [Description("General and administrative cost, $/yr. Default 0.")]
    public double GeneralAndAdministrativeUsdPerYear { get; init; }

    /// <summary>Freight rates by mode.</summary>
    [Description("Freight rates by mode, $/t/km, applied to the concentrate shipped along each route.")]
    public FreightSpec Freight { get; init; } = new();

    /// <summary>Working capital.</summary>
    [Description("Working capital in days.")]
    public WorkingCapitalSpec WorkingCapital { get; init; } = new();

    /// <summary>Income tax.</summary>
    [Description("Income tax rules.")]
    public TaxSpec Tax { get; init; } = new();

    /// <summary>A production tax credit, if one applies.</summary>
    [Description("A production tax credit per kg of magnet, if one applies (none by default).")]
    public TaxCreditSpec? TaxCredit { get; init; }

    /// <summary>The term loan (the older, single-tranche form of financing).</summary>
    [Description("A single term loan, the older form of financing: read as financing with one export-credit tranche of up to amountUsd (share 1, gearing cap 1, no reserve, no commitment or exposure fee; sculpted repayment is sized to targetDscr). Use financing instead; give one or the other. None by default.")]
    public LoanSpec? Loan { get; init; }

    /// <summary>The financing: debt tranches and equity.</summary>
    [Description("The financing: export-credit and commercial debt tranches and equity, six-month periods, grace, fees, reserve and debt sizing. None by default (all equity).")]
    public FinancingSpec? Financing { get; init; }

    /// <summary>Sensitivity and Monte Carlo inputs.</summary>
    [Description("Tornado drivers and Monte Carlo distributions; every driver is a multiplier on its base value (1 = base).")]
    public RiskSpec Risk { get; init; } = new();
}

/// <summary>A price that may follow NdPr.</summary>
[Description("A price: usdPerKg + ndprLink x the deck's NdPr oxide price.")]
public sealed class PriceSpec
{
    /// <summary>Fixed part.</summary>
    [Description("Fixed part, $/kg.")]
    public double UsdPerKg { get; init; }

    /// <summary>Link to NdPr oxide.</summary>
    [Description("$/kg of product per $/kg of NdPr oxide.")]
    public double NdprLink { get; init; }
}

/// <summary>A named price deck.</summary>
[Description("A named price deck.")]
public sealed class PriceDeckSpec
{
    /// <summary>Deck name.</summary>
    [Required, Description("Deck name, such as current or forecast.")]
    public string Name { get; init; } = "";

    /// <summary>Source or calibration note.</summary>
    [Description("Source of the prices or the calibration they come from.")]
    public string? Source { get; init; }

    /// <summary>NdPr oxide price.</summary>
    [Required, Description("NdPr oxide price, $/kg, that linked prices follow.")]
    public double NdprOxideUsdPerKg { get; init; }

    /// <summary>NdPr price path.</summary>
    [Description("NdPr price path: multipliers of ndprOxideUsdPerKg by operating year, the last holding thereafter (every NdPr-linked price and the scrap cost follow). Absent: flat.")]
    public IReadOnlyList<double>? NdprPath { get; init; }

    /// <summary>Reference-grade magnet price.</summary>
    [Required, Description("Price of the reference grade (magnetPricing.referenceGrade) of sintered magnet.")]
    public PriceSpec Magnet { get; init; } = new();

    /// <summary>Premiums by grade.</summary>
    [Description("Premium over the reference grade of single grades, by grade name; replaces magnetPricing's class and MGOe premiums for those grades.")]
    public IReadOnlyList<GradePremiumSpec> GradePremiums { get; init; } = [];

    /// <summary>Fresh rare earth price.</summary>
    [Description("Fresh rare earth (NdPr metal) price. Default 1.25 x NdPr oxide: engineering assumption (metal trades at about 1.2-1.3 times oxide).")]
    public PriceSpec FreshRareEarth { get; init; } = new() { NdprLink = 1.25 };

    /// <summary>Dysprosium metal price for grain-boundary diffusion.</summary>
    [Description("Dysprosium metal price, $/kg, for the Dy that grain-boundary diffusion draws. Default 300: engineering assumption of the order of 2024 Chinese spot prices (about CNY 2,000-2,300/kg), not a sourced quote.")]
    public double DysprosiumMetalUsdPerKg { get; init; } = 300;

    /// <summary>Terbium metal price for grain-boundary diffusion.</summary>
    [Description("Terbium metal price, $/kg, for the Tb that grain-boundary diffusion draws. Default 1,000: engineering assumption of the order of 2024 Chinese spot prices (about CNY 7,000-8,000/kg), not a sourced quote.")]
    public double TerbiumMetalUsdPerKg { get; init; } = 1000;
}

/// <summary>A grade premium.</summary>
[Description("Premium of a magnet grade over the base grade.")]
public sealed class GradePremiumSpec
{
    /// <summary>Grade name.</summary>
    [Required, Description("Grade name, such as N42SH, 42SH or 38uh (case-insensitive; N42SH and 42SH are the same grade). An unknown grade is an error.")]
    public string Grade { get; init; } = "";

    /// <summary>Premium.</summary>
    [Range(-1000.0, 1000.0), Description("Premium over the base grade, $/kg (may be negative).")]
    public double UsdPerKg { get; init; }
}

/// <summary>Price of a scrap type.</summary>
[Description("Price of a scrap type: usdPerKg of scrap plus a share of the contained NdPr value (oxide equivalent at the deck's price).")]
public sealed class ScrapPriceSpec
{
    /// <summary>Scrap type id.</summary>
    [Required, Description("Scrap type id.")]
    public string ScrapType { get; init; } = "";

    /// <summary>$/kg of scrap as received.</summary>
    [Description("$/kg of scrap as received.")]
    public double UsdPerKg { get; init; }

    /// <summary>Share of contained NdPr value paid.</summary>
    [Range(0.0, 1.0), Description("Share of the contained NdPr value paid to the seller.")]
    public double ShareOfNdprValue { get; init; }
}

/// <summary>Electricity tariff at a site.</summary>
[Description("Electricity tariff at a site.")]
public sealed class ElectricityTariffSpec
{
    /// <summary>Site id.</summary>
    [Required, Description("Site id.")]
    public string Site { get; init; } = "";

    /// <summary>Tariff.</summary>
    [Required, Description("Tariff, $/kWh.")]
    public double UsdPerKWh { get; init; }
}

/// <summary>Gas prices.</summary>
[Description("Industrial gas prices, $/kg.")]
public sealed class GasPriceSpec
{
    /// <summary>Hydrogen.</summary>
    [Description("Hydrogen, $/kg. Default 6: engineering assumption (delivered grey hydrogen, small volumes).")]
    public double HydrogenUsdPerKg { get; init; } = 6;

    /// <summary>Argon.</summary>
    [Description("Argon, $/kg. Default 1.5: engineering assumption (bulk liquid).")]
    public double ArgonUsdPerKg { get; init; } = 1.5;

    /// <summary>Nitrogen.</summary>
    [Description("Nitrogen, $/kg. Default 0.15: engineering assumption (bulk liquid).")]
    public double NitrogenUsdPerKg { get; init; } = 0.15;
}

/// <summary>Freight rates.</summary>
[Description("Freight rates, $/t/km.")]
public sealed class FreightSpec
{
    /// <summary>Truck.</summary>
    [Description("Truck, $/t/km. Default 0.10: engineering assumption (US full-truckload line-haul about $2-3 per mile for ~20 t).")]
    public double TruckUsdPerTonneKm { get; init; } = 0.10;

    /// <summary>Rail.</summary>
    [Description("Rail, $/t/km. Default 0.03: engineering assumption.")]
    public double RailUsdPerTonneKm { get; init; } = 0.03;
}

/// <summary>Working capital.</summary>
[Description("Working capital, days.")]
public sealed class WorkingCapitalSpec
{
    /// <summary>Receivables.</summary>
    [Range(0.0, 365.0), Description("Receivables, days of revenue. Default 45: engineering assumption.")]
    public double ReceivableDays { get; init; } = 45;

    /// <summary>Inventory.</summary>
    [Range(0.0, 365.0), Description("Inventory, days of operating cost. Default 60: engineering assumption (scrap, powder and finished stock).")]
    public double InventoryDays { get; init; } = 60;

    /// <summary>Payables.</summary>
    [Range(0.0, 365.0), Description("Payables, days of operating cost. Default 30: engineering assumption.")]
    public double PayableDays { get; init; } = 30;
}

/// <summary>Income tax.</summary>
[Description("Income tax rules.")]
public sealed class TaxSpec
{
    /// <summary>Federal rate.</summary>
    [Range(0.0, 1.0), Description("Federal corporate income tax rate. Default 0.21 (26 U.S.C. 11(b), since 2018).")]
    public double FederalRate { get; init; } = 0.21;

    /// <summary>State margin tax rate.</summary>
    [Range(0.0, 1.0), Description("State tax on the taxable margin. Default 0.0075: Texas franchise tax rate for non-retail entities (Texas Tax Code 171.002).")]
    public double StateMarginTaxRate { get; init; } = 0.0075;

    /// <summary>Margin cap.</summary>
    [Range(0.0, 1.0), Description("Taxable margin cap as a share of revenue. Default 0.70 (Texas Tax Code 171.101).")]
    public double StateMarginShareOfRevenue { get; init; } = 0.70;

    /// <summary>Loss carry-forward limit.</summary>
    [Range(0.0, 1.0), Description("Share of taxable income that losses carried forward may offset. Default 0.80 (26 U.S.C. 172(a), losses from 2018).")]
    public double LossCarryForwardLimit { get; init; } = 0.80;
}

/// <summary>A production tax credit.</summary>
[Description("A production tax credit per kg of magnet.")]
public sealed class TaxCreditSpec
{
    /// <summary>Name.</summary>
    [Required, Description("Name of the credit (say whether it is enacted).")]
    public string Name { get; init; } = "";

    /// <summary>Credit per kg.</summary>
    [Required, Description("Credit per kg of magnet, $.")]
    public double UsdPerKgMagnet { get; init; }

    /// <summary>Years.</summary>
    [Range(1, 100), Description("Operating years it applies to. Default 10: engineering assumption.")]
    public int Years { get; init; } = 10;
}

/// <summary>The term loan.</summary>
[Description("The term loan, drawn pro rata with capital spending; interest during construction is capitalised.")]
public sealed class LoanSpec
{
    /// <summary>Principal.</summary>
    [Required, Description("Principal, $.")]
    public double AmountUsd { get; init; }

    /// <summary>Rate.</summary>
    [Range(0.0, 1.0), Description("Interest rate per year. Default 0.06: engineering assumption (EXIM direct loans price near US Treasuries plus a margin).")]
    public double InterestRate { get; init; } = 0.06;

    /// <summary>Upfront fee.</summary>
    [Range(0.0, 1.0), Description("Arrangement and exposure fees as a share of principal. Default 0.02: engineering assumption.")]
    public double UpfrontFeeShare { get; init; } = 0.02;

    /// <summary>Tenor.</summary>
    [Range(1, 100), Description("Repayment years after construction. Default 10: the EXIM letter of interest's tenor (hpms-facts 1a).")]
    public int TenorYears { get; init; } = 10;

    /// <summary>Repayment profile.</summary>
    [Description("level (annuity) or sculpted (to targetDscr). Default level.")]
    public LoanRepayment Repayment { get; init; } = LoanRepayment.Level;

    /// <summary>Target DSCR.</summary>
    [Range(1.0, 10.0), Description("Target debt service cover ratio for sculpted repayment. Default 1.4: engineering assumption (usual for merchant industrial projects).")]
    public double TargetDscr { get; init; } = 1.4;
}

/// <summary>How the single term loan is repaid.</summary>
public enum LoanRepayment
{
    /// <summary>Equal debt service (annuity).</summary>
    Level,
    /// <summary>Debt service follows the cash flow available for it, sized to the target cover ratio.</summary>
    Sculpted,
}

/// <summary>What a risk driver varies; every driver is a multiplier on its base value.</summary>
public enum EconomicDriver
{
    /// <summary>Magnet price.</summary>
    MagnetPrice,
    /// <summary>NdPr oxide price (and every price linked to it, scrap included).</summary>
    NdprPrice,
    /// <summary>Co-product prices.</summary>
    CoProductPrice,
    /// <summary>Initial capital.</summary>
    Capex,
    /// <summary>All operating cost.</summary>
    Opex,
    /// <summary>Scrap purchase cost.</summary>
    ScrapCost,
    /// <summary>Discount rate.</summary>
    DiscountRate,
    /// <summary>HPMS availability (re-solves the flowsheet).</summary>
    HpmsAvailability,
    /// <summary>Magnet-line availability (re-solves the flowsheet).</summary>
    MagnetLineAvailability,
    /// <summary>HPMS extraction yield of every feed, capped at 1 (re-solves the flowsheet).</summary>
    ExtractionYield,
}

/// <summary>Risk inputs.</summary>
[Description("Tornado and Monte Carlo inputs.")]
public sealed class RiskSpec
{
    /// <summary>Tornado drivers.</summary>
    [Description("Tornado: each driver set to its low and high multiplier, the others at base.")]
    public IReadOnlyList<TornadoSpec> Tornado { get; init; } = [];

    /// <summary>Distributions.</summary>
    [Description("Monte Carlo distributions of driver multipliers.")]
    public IReadOnlyList<DistributionSpec> Distributions { get; init; } = [];

    /// <summary>Correlations.</summary>
    [Description("Correlations between drivers' draws (Gaussian copula).")]
    public IReadOnlyList<CorrelationSpec> Correlations { get; init; } = [];

    /// <summary>Execution risk.</summary>
    [Description("Execution risk drawn in the same Monte Carlo: delay, financing close, supply, ramp-up, policy. None by default.")]
    public ExecutionRiskSpec? Execution { get; init; }
}

/// <summary>A tornado driver.</summary>
[Description("A tornado driver with its low and high multipliers.")]
public sealed class TornadoSpec
{
    /// <summary>Driver.</summary>
    [Required, Description("Driver.")]
    public EconomicDriver Driver { get; init; }

    /// <summary>Low multiplier.</summary>
    [Required, Range(0.0, 10.0), Description("Low multiplier, at most high.")]
    public double Low { get; init; }

    /// <summary>High multiplier.</summary>
    [Required, Range(0.0, 10.0), Description("High multiplier.")]
    public double High { get; init; }
}

/// <summary>A distribution of a driver's multiplier.</summary>
[Description("Distribution of a driver's multiplier: triangular/pert (low, mode, high), normal (mean, stdDev), lognormal (median, sigma of ln), uniform (low, high).")]
public sealed class DistributionSpec
{
    /// <summary>Driver.</summary>
    [Required, Description("Driver.")]
    public EconomicDriver Driver { get; init; }

    /// <summary>Kind.</summary>
    [Required, Description("triangular, pert, normal, lognormal or uniform.")]
    public DistributionKind Kind { get; init; }

    /// <summary>Low.</summary>
    [Range(0.0, 10.0), Description("Low (triangular, pert, uniform).")]
    public double? Low { get; init; }

    /// <summary>Mode.</summary>
    [Range(0.0, 10.0), Description("Most likely value (triangular, pert).")]
    public double? Mode { get; init; }

    /// <summary>High.</summary>
    [Range(0.0, 10.0), Description("High (triangular, pert, uniform).")]
    public double? High { get; init; }

    /// <summary>Mean.</summary>
    [Range(0.0, 10.0), Description("Mean (normal).")]
    public double? Mean { get; init; }

    /// <summary>Standard deviation.</summary>
    [Range(0.0, 10.0), Description("Standard deviation (normal).")]
    public double? StdDev { get; init; }

    /// <summary>Median.</summary>
    [Range(0.0, 10.0), Description("Median (lognormal).")]
    public double? Median { get; init; }

    /// <summary>Sigma of ln.</summary>
    [Range(0.0, 10.0), Description("Standard deviation of the natural logarithm (lognormal).")]
    public double? Sigma { get; init; }
}

/// <summary>A correlation.</summary>
[Description("Correlation between two drivers' draws.")]
public sealed class CorrelationSpec
{
    /// <summary>First driver.</summary>
    [Required, Description("First driver.")]
    public EconomicDriver A { get; init; }

    /// <summary>Second driver.</summary>
    [Required, Description("Second driver.")]
    public EconomicDriver B { get; init; }

    /// <summary>Correlation.</summary>
    [Required, Range(-0.999, 0.999), Description("Correlation of the underlying normal draws.")]
    public double Rho { get; init; }
}
