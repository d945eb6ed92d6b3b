using MagLoop.Economics.Financing;

namespace MagLoop.Economics;

/// <summary>
/// Everything the annual cash-flow model reads, resolved to money and quantities: the Studies layer builds it
/// from a scenario, a price deck and the plant's production. All money is in real US dollars of the base year.
/// </summary>
public sealed record ProjectInputs
{
    /// <summary>Years of construction before the first operating year.</summary>
    public required int ConstructionYears { get; init; }

    /// <summary>Operating years after construction.</summary>
    public required int OperatingYears { get; init; }

    /// <summary>Real discount rate per year for the project and equity NPVs.</summary>
    public required double DiscountRate { get; init; }

    /// <summary>Initial capital by area, contingency included or stated separately per area.</summary>
    public required IReadOnlyList<CapexArea> Capex { get; init; }

    /// <summary>Share of the initial capital spent in each construction year; sums to 1.</summary>
    public required IReadOnlyList<double> CapexSchedule { get; init; }

    /// <summary>Sustaining capital per operating year from the second operating year on.</summary>
    public decimal SustainingCapexUsdPerYear { get; init; }

    /// <summary>Tax depreciation of sustaining capital.</summary>
    public DepreciationMethod SustainingDepreciation { get; init; } = DepreciationMethod.Macrs7;

    /// <summary>Share of nameplate output in each operating year; the last value holds for the rest of the life.</summary>
    public required IReadOnlyList<double> RampUp { get; init; }

    /// <summary>Products sold at nameplate, with their prices.</summary>
    public required IReadOnlyList<ProductSale> Products { get; init; }

    /// <summary>Operating cost lines at nameplate.</summary>
    public required IReadOnlyList<OpexLine> Opex { get; init; }

    /// <summary>
    /// Prices and operating cost by operating year when prices follow a path (the last entry holds); null: the
    /// prices of <see cref="Products"/> and the lines of <see cref="Opex"/> hold every year.
    /// </summary>
    public IReadOnlyList<YearPrices>? PricePath { get; init; }

    /// <summary>Working capital, days of revenue or operating cost.</summary>
    public WorkingCapitalTerms WorkingCapital { get; init; } = new(0, 0, 0);

    /// <summary>Income tax rules.</summary>
    public required TaxRules Tax { get; init; }

    /// <summary>A production tax credit, if the scenario names one.</summary>
    public ProductionTaxCredit? TaxCredit { get; init; }

    /// <summary>The financing (debt tranches and equity), if any; without it the project is all equity.</summary>
    public FinancingTerms? Financing { get; init; }

    /// <summary>Months by which construction overruns its plan: production starts that much later (execution risk). Default 0.</summary>
    public double DelayMonths { get; init; }

    /// <summary>Capital overrun that the delay brings, spent evenly over the delay months and depreciated like sustaining capital.</summary>
    public decimal DelayOverrunUsd { get; init; }

    /// <summary>Factor on the time spent at each ramp-up step (1 = as planned, 2 = twice as slow). Default 1.</summary>
    public double RampUpStretch { get; init; } = 1;

    /// <summary>A supporting policy switched off from an operating year, if drawn.</summary>
    public PolicyChange? Policy { get; init; }

    /// <summary>Initial capital including contingency.</summary>
    public decimal InitialCapexUsd => Capex.Sum(a => a.TotalUsd);

    /// <summary>Years in all.</summary>
    public int ProjectYears => ConstructionYears + OperatingYears;

    /// <summary>Checks internal consistency; throws <see cref="ArgumentException"/> naming the field.</summary>
    public void Validate()
    {
        if (ConstructionYears < 0) throw new ArgumentException("constructionYears must not be negative", nameof(ConstructionYears));
        if (OperatingYears < 1) throw new ArgumentException("operatingYears must be at least 1", nameof(OperatingYears));
        if (DiscountRate <= -1) throw new ArgumentException("discountRate must exceed -100 %", nameof(DiscountRate));
        if (CapexSchedule.Count != Math.Max(1, ConstructionYears))
            throw new ArgumentException($"capexSchedule needs one share per construction year ({Math.Max(1, ConstructionYears)})", nameof(CapexSchedule));
        if (CapexSchedule.Any(s => s < 0) || Math.Abs(CapexSchedule.Sum() - 1) > 1e-6)
            throw new ArgumentException("capexSchedule shares must be non-negative and sum to 1", nameof(CapexSchedule));
        if (RampUp.Count == 0 || RampUp.Any(r => r is < 0 or > 1.5))
            throw new ArgumentException("rampUp needs at least one share in [0, 1.5]", nameof(RampUp));
        if (Products.Any(p => p.PriceUsdPerKg < 0 || p.KgPerYear < 0))
            throw new ArgumentException("product prices and quantities must not be negative", nameof(Products));
        if (PricePath is { } path && (path.Count == 0 || path.Any(y => y.ProductPricesUsdPerKg.Count != Products.Count || y.ProductPricesUsdPerKg.Any(p => p < 0))))
            throw new ArgumentException("each year of the price path needs one non-negative price per product", nameof(PricePath));
        if (Financing?.Problem() is { } problem) throw new ArgumentException($"{problem.Field}: {problem.Message}", nameof(Financing));
        if (DelayMonths < 0 || RampUpStretch < 1 || DelayOverrunUsd < 0)
            throw new ArgumentException("delayMonths and delayOverrunUsd must not be negative, rampUpStretch at least 1", nameof(DelayMonths));
    }
}

/// <summary>Prices and operating cost of one operating year on a price path.</summary>
/// <param name="ProductPricesUsdPerKg">Price of each product, in the order of <see cref="ProjectInputs.Products"/>.</param>
/// <param name="Opex">Operating cost lines at nameplate in that year.</param>
public sealed record YearPrices(IReadOnlyList<decimal> ProductPricesUsdPerKg, IReadOnlyList<OpexLine> Opex);

/// <summary>An area of initial capital.</summary>
/// <param name="Name">Area name.</param>
/// <param name="BaseUsd">Estimate before contingency.</param>
/// <param name="ContingencyShare">Contingency as a share of the base estimate.</param>
/// <param name="Depreciation">Tax depreciation method.</param>
/// <param name="StraightLineYears">Years, for straight-line depreciation.</param>
public sealed record CapexArea(string Name, decimal BaseUsd, double ContingencyShare, DepreciationMethod Depreciation, int StraightLineYears = 0)
{
    /// <summary>Base plus contingency.</summary>
    public decimal TotalUsd => BaseUsd * (1 + (decimal)ContingencyShare);
}

/// <summary>A product sold.</summary>
/// <param name="Name">Product name.</param>
/// <param name="KgPerYear">Sales at nameplate.</param>
/// <param name="PriceUsdPerKg">Real price.</param>
/// <param name="IsMagnet">True for the magnets, whose kilograms the levelised cost divides by.</param>
public sealed record ProductSale(string Name, double KgPerYear, decimal PriceUsdPerKg, bool IsMagnet);

/// <summary>An operating cost line at nameplate.</summary>
/// <param name="Name">What the cost is for.</param>
/// <param name="VariableUsdPerYear">Part that scales with output (ramp-up).</param>
/// <param name="FixedUsdPerYear">Part paid in full from the first operating year.</param>
public sealed record OpexLine(string Name, decimal VariableUsdPerYear, decimal FixedUsdPerYear)
{
    /// <summary>Cost at a share of nameplate output.</summary>
    public decimal At(double outputShare) => AtShare((decimal)outputShare);

    /// <summary>Cost at a share of nameplate output already converted to decimal (once per year for all lines).</summary>
    public decimal AtShare(decimal outputShare) => (VariableUsdPerYear * outputShare) + FixedUsdPerYear;
}

/// <summary>Working capital as days of flows.</summary>
/// <param name="ReceivableDays">Days of revenue owed by customers.</param>
/// <param name="InventoryDays">Days of operating cost held as stock.</param>
/// <param name="PayableDays">Days of operating cost owed to suppliers.</param>
public sealed record WorkingCapitalTerms(double ReceivableDays, double InventoryDays, double PayableDays);

/// <summary>Income tax rules.</summary>
/// <param name="FederalRate">Federal corporate income tax rate.</param>
/// <param name="StateMarginTaxRate">State tax on the taxable margin (Texas franchise tax), rate.</param>
/// <param name="StateMarginShareOfRevenue">Cap of the taxable margin as a share of revenue (Texas: 70 %).</param>
/// <param name="LossCarryForwardLimitShare">Share of a year's taxable income that carried-forward losses may offset (80 % since 2018).</param>
public sealed record TaxRules(double FederalRate, double StateMarginTaxRate, double StateMarginShareOfRevenue, double LossCarryForwardLimitShare);

/// <summary>A production tax credit per kg of magnet sold.</summary>
/// <param name="Name">Name of the credit, as the scenario gives it.</param>
/// <param name="UsdPerKgMagnet">Credit per kg of magnet.</param>
/// <param name="Years">Operating years it applies to, from the first.</param>
public sealed record ProductionTaxCredit(string Name, decimal UsdPerKgMagnet, int Years);

/// <summary>
/// A policy that supports the project (a price floor, a tariff on imported magnets, a production tax credit) switched
/// off from an operating year on.
/// </summary>
/// <param name="FromOperatingYear">First operating year without the policy (1 = the first).</param>
/// <param name="MagnetPriceShareLost">Share of the magnet price that rested on the policy and is lost.</param>
/// <param name="EndsTaxCredit">True: the production tax credit ends too.</param>
public sealed record PolicyChange(int FromOperatingYear, double MagnetPriceShareLost, bool EndsTaxCredit);
