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

    /// <summary>Initial capital by area.</summary>
    [Required, Description("Initial capital by area, before contingency.")]
    public IReadOnlyList<CapexAreaSpec> Capex { get; init; } = [];

    /// <summary>Sustaining capital as a share of initial capital per year.</summary>
    [Range(0.0, 1.0), Description("Sustaining capital per operating year (from the second) as a share of initial capital. Default 0.01: engineering assumption.")]
    public double SustainingCapexShare { get; init; } = 0.01;

    /// <summary>Share of nameplate per operating year.</summary>
    [Description("Share of nameplate output in each operating year; the last value holds thereafter. Default: full rate within five years of commissioning (disclosure, hpms-facts 1b), shape an engineering assumption.")]
    public IReadOnlyList<double>? RampUp { get; init; }

    /// <summary>Magnet grade sold, for its premium in the price deck.</summary>
    [Description("Grade of the magnets sold (such as 42SH or N42SH, case-insensitive), overriding the grade the magnet model predicts; its premium comes from the price deck. Absent: the predicted grade; a grade the deck does not list sells at the base price.")]
    public string? MagnetGrade { get; init; }

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

    /// <summary>Staff by role and site.</summary>
    [Description("Staff by role and site.")]
    public IReadOnlyList<LabourSpec> Labour { get; init; } = [];

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

    /// <summary>The term loan; equity funds the rest.</summary>
    [Description("The term loan; equity funds the rest. None by default.")]
    public LoanSpec? Loan { get; init; }

    /// <summary>Sensitivity and Monte Carlo inputs.</summary>
    [Description("Tornado drivers and Monte Carlo distributions; every driver is a multiplier on its base value (1 = base).")]
    public RiskSpec Risk { get; init; } = new();
}

/// <summary>An area of initial capital.</summary>
[Description("An area of initial capital.")]
public sealed class CapexAreaSpec
{
    /// <summary>Area name.</summary>
    [Required, Description("Area name.")]
    public string Name { get; init; } = "";

    /// <summary>Fixed estimate before contingency.</summary>
    [Description("Estimate before contingency, $.")]
    public double Usd { get; init; }

    /// <summary>Estimate per HPMS vessel before contingency.</summary>
    [Description("Estimate per HPMS vessel before contingency, $ (added to usd times the vessel count).")]
    public double UsdPerHpmsVessel { get; init; }

    /// <summary>Contingency share.</summary>
    [Range(0.0, 1.0), Description("Contingency as a share of the estimate. Default 0.15: engineering assumption (AACE class 3 estimates carry 10-20 %).")]
    public double Contingency { get; init; } = 0.15;

    /// <summary>Tax depreciation.</summary>
    [Description("Tax depreciation: macrs5, macrs7, macrs10, macrs15 or straightLine. Default macrs7 (manufacturing equipment, IRS Pub 946).")]
    public DepreciationMethod Depreciation { get; init; } = DepreciationMethod.Macrs7;

    /// <summary>Years for straight-line depreciation.</summary>
    [Range(1, 100), Description("Years for straight-line depreciation. Default 39 (nonresidential real property, IRS Pub 946).")]
    public int StraightLineYears { get; init; } = 39;
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

    /// <summary>Base-grade magnet price.</summary>
    [Required, Description("Base-grade sintered magnet price.")]
    public PriceSpec Magnet { get; init; } = new();

    /// <summary>Premiums by grade.</summary>
    [Description("Premium over the base grade by grade name.")]
    public IReadOnlyList<GradePremiumSpec> GradePremiums { get; init; } = [];

    /// <summary>Co-product prices by stream name.</summary>
    [Description("Co-product prices by stream name (such as 'Surplus recycled powder', 'Machining swarf').")]
    public IReadOnlyList<CoProductPriceSpec> CoProducts { get; init; } = [];

    /// <summary>Price of co-products not listed.</summary>
    [Description("Price of co-products not listed by name.")]
    public PriceSpec OtherCoProducts { get; init; } = new();

    /// <summary>Fresh rare earth price.</summary>
    [Description("Fresh rare earth (NdPr metal) price. Default 1.25 x NdPr oxide: engineering assumption (metal trades at about 1.2-1.3 times oxide).")]
    public PriceSpec FreshRareEarth { get; init; } = new() { NdprLink = 1.25 };
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

/// <summary>A co-product price.</summary>
[Description("Price of one co-product stream.")]
public sealed class CoProductPriceSpec
{
    /// <summary>Stream name.</summary>
    [Required, Description("Co-product stream name: Surplus recycled powder, Pressing scrap, Machining swarf or Inspection rejects (an unknown name is an error; a stream the routing returns to the process is not sold).")]
    public string Stream { get; init; } = "";

    /// <summary>Fixed part.</summary>
    [Description("Fixed part, $/kg.")]
    public double UsdPerKg { get; init; }

    /// <summary>Link to NdPr oxide.</summary>
    [Description("$/kg per $/kg of NdPr oxide.")]
    public double NdprLink { get; init; }
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

/// <summary>Staff of one role at one site.</summary>
[Description("Staff of one role at one site.")]
public sealed class LabourSpec
{
    /// <summary>Role.</summary>
    [Required, Description("Role.")]
    public string Role { get; init; } = "";

    /// <summary>Site id.</summary>
    [Required, Description("Site id.")]
    public string Site { get; init; } = "";

    /// <summary>Headcount.</summary>
    [Required, Range(0.0, 1e5), Description("Full-time equivalents; fractions are allowed (0.5 is a half-time post or one shared between sites).")]
    public double Headcount { get; init; }

    /// <summary>Loaded wage.</summary>
    [Required, Description("Loaded wage (with benefits and payroll taxes), $/yr.")]
    public double LoadedWageUsdPerYear { get; init; }
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
    [Description("level or sculpted (to targetDscr). Default level.")]
    public RepaymentProfile Repayment { get; init; } = RepaymentProfile.Level;

    /// <summary>Target DSCR.</summary>
    [Range(1.0, 10.0), Description("Target debt service cover ratio for sculpted repayment. Default 1.4: engineering assumption (usual for merchant industrial projects).")]
    public double TargetDscr { get; init; } = 1.4;
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
