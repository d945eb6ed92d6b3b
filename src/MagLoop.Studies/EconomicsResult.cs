using MagLoop.Economics;

namespace MagLoop.Studies;

/// <summary>The study's economics: headline figures and the annual cash flows (real US dollars).</summary>
/// <param name="PriceDeck">Price deck used.</param>
/// <param name="DiscountRate">Real discount rate.</param>
/// <param name="CapexUsd">Initial capital including contingency.</param>
/// <param name="NpvUsd">Unlevered post-tax project NPV.</param>
/// <param name="Irr">Project IRR; null when the cash flows have none or several (see <paramref name="IrrRoots"/>).</param>
/// <param name="IrrRoots">Every rate at which the project NPV is zero.</param>
/// <param name="PaybackYears">Years from the start of operations to cumulative payback.</param>
/// <param name="LcomUsdPerKg">Levelised cost of magnet, co-product revenue credited.</param>
/// <param name="EquityNpvUsd">NPV of the equity cash flows.</param>
/// <param name="EquityIrr">Equity IRR when unique.</param>
/// <param name="MinDscr">Lowest debt service cover ratio (null without a loan).</param>
/// <param name="AverageDscr">Average debt service cover ratio.</param>
/// <param name="PeakFundingUsd">Peak cumulative funding need of the project.</param>
/// <param name="OpexAtNameplate">Operating cost lines at nameplate, $/yr.</param>
/// <param name="CashFlows">Year by year.</param>
public sealed record EconomicsResult(
    string PriceDeck,
    double DiscountRate,
    decimal CapexUsd,
    decimal NpvUsd,
    double? Irr,
    IReadOnlyList<double> IrrRoots,
    double? PaybackYears,
    double? LcomUsdPerKg,
    decimal EquityNpvUsd,
    double? EquityIrr,
    double? MinDscr,
    double? AverageDscr,
    decimal PeakFundingUsd,
    IReadOnlyList<OpexLineResult> OpexAtNameplate,
    IReadOnlyList<CashFlowYear> CashFlows)
{
    /// <summary>The capital estimate item by item (equipment by kind and site, factored items, spoke fit-out), before contingency.</summary>
    public IReadOnlyList<CapitalLine> CapitalLines { get; init; } = [];

    /// <summary>Initial capital with contingency by site (factored items fall on the site of the equipment they are factored on).</summary>
    public IReadOnlyDictionary<string, decimal> CapexUsdBySite { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Staff from the stations and calendars.</summary>
    public LabourResult? Labour { get; init; }

    /// <summary>Each product as sold: the magnets by grade, each co-product by the class its content meets.</summary>
    public IReadOnlyList<ProductSaleResult> Sales { get; init; } = [];

    /// <summary>Each feed's margin and how much of it the plant takes, best margin per kg of binding capacity first.</summary>
    public IReadOnlyList<FeedMarginResult> FeedMargins { get; init; } = [];

    /// <summary>The financing as lenders see it (sizing, cover ratios by six-month period, LLCR, PLCR, tranches); null for an all-equity project.</summary>
    public FinancingResult? Financing { get; init; }

    internal static EconomicsResult From(string deck, ProjectOutcome o, IReadOnlyList<OpexLine> opex) => new(
        deck, o.DiscountRate, o.InitialCapexUsd, o.NpvUsd, o.Irr.Irr, o.Irr.Roots, o.PaybackYears, o.LcomUsdPerKg,
        o.EquityNpvUsd, o.EquityIrr.Irr, o.MinDscr, o.AverageDscr, o.PeakFundingUsd,
        opex.Select(l => new OpexLineResult(l.Name, l.At(1))).ToList(), o.Years);
}

/// <summary>Staff of the plant.</summary>
/// <param name="Jobs">People: the FTEs of each role at each site rounded up.</param>
/// <param name="Fte">Full-time equivalents.</param>
/// <param name="CostUsdPerYear">Loaded labour cost.</param>
/// <param name="Roles">FTEs and loaded wage by role and site.</param>
/// <param name="Stations">Operators by station kind and site.</param>
public sealed record LabourResult(int Jobs, decimal Fte, decimal CostUsdPerYear, IReadOnlyList<LabourRole> Roles, IReadOnlyList<StationStaff> Stations);

/// <summary>A product as sold at full rate, at the steady-state prices of the deck.</summary>
/// <param name="Name">Product (stream) name.</param>
/// <param name="TonnesPerYear">Sold at nameplate.</param>
/// <param name="SoldAs">Grade (magnets) or sales class (co-products); "unsold" when no class admits the co-product, "below grade" for a magnet below every grade.</param>
/// <param name="PriceUsdPerKg">Price.</param>
/// <param name="RareEarthFraction">Nd+Pr+Dy+Tb mass fraction (co-products).</param>
/// <param name="OxygenFraction">Oxygen mass fraction (co-products).</param>
/// <param name="CarryOverFraction">Steel, coating, polymer and other matter (co-products).</param>
public sealed record ProductSaleResult(string Name, double TonnesPerYear, string SoldAs, decimal PriceUsdPerKg, double? RareEarthFraction, double? OxygenFraction, double? CarryOverFraction);

/// <summary>A feed's margin and what the plant takes of it.</summary>
/// <param name="Feed">Feed id.</param>
/// <param name="Rank">1 for the best margin per kg of HPMS capacity.</param>
/// <param name="ValueUsdPerKgScrap">Value of the alloy a kg of scrap yields, priced by its content as HPMS powder.</param>
/// <param name="PurchaseUsdPerKgScrap">Purchase price per kg of scrap.</param>
/// <param name="LogisticsUsdPerKgScrap">Freight per kg of scrap.</param>
/// <param name="MarginUsdPerKgScrap">Value less purchase and logistics.</param>
/// <param name="MarginUsdPerKgHpms">Margin per kg of HPMS intake the feed takes: the order in which a full plant takes feeds.</param>
/// <param name="OfferedTonnesPerYear">Scrap on offer.</param>
/// <param name="TakenTonnesPerYear">Scrap the plant takes.</param>
/// <param name="Decision">takenInFull, cutBack, notTaken or unprofitable; proRata when buying by margin would starve the magnet line and the plant buys pro rata.</param>
/// <param name="Why">The reason in words.</param>
public sealed record FeedMarginResult(string Feed, int Rank, decimal ValueUsdPerKgScrap, decimal PurchaseUsdPerKgScrap, decimal LogisticsUsdPerKgScrap,
    decimal MarginUsdPerKgScrap, decimal MarginUsdPerKgHpms, double OfferedTonnesPerYear, double TakenTonnesPerYear, string Decision, string Why);

/// <summary>An operating cost line at nameplate.</summary>
/// <param name="Name">Line.</param>
/// <param name="UsdPerYear">Cost at full output.</param>
public sealed record OpexLineResult(string Name, decimal UsdPerYear);

/// <summary>Sensitivity and Monte Carlo results.</summary>
/// <param name="Draws">Monte Carlo draws.</param>
/// <param name="Seed">Seed used.</param>
/// <param name="NpvP10Usd">10th percentile of the project NPV.</param>
/// <param name="NpvP50Usd">Median project NPV.</param>
/// <param name="NpvP90Usd">90th percentile of the project NPV.</param>
/// <param name="NpvMeanUsd">Mean project NPV.</param>
/// <param name="ProbabilityNpvNegative">Share of draws with a negative NPV.</param>
/// <param name="IrrP50">Median IRR over draws with a unique IRR.</param>
/// <param name="DrawsWithoutUniqueIrr">Draws with no or several IRRs.</param>
/// <param name="Tornado">NPV at each driver's low and high value, widest first.</param>
public sealed record RiskResult(int Draws, int Seed, double NpvP10Usd, double NpvP50Usd, double NpvP90Usd, double NpvMeanUsd,
    double ProbabilityNpvNegative, double? IrrP50, int DrawsWithoutUniqueIrr, IReadOnlyList<TornadoBar> Tornado)
{
    /// <summary>The lender's and sponsor's view of the same draws: cover, equity IRR, first production, financing close.</summary>
    public ExecutionRiskResult? Execution { get; init; }

    /// <summary>Histogram and percentiles of the project NPV over the draws (the report's histogram and CDF).</summary>
    public NpvDistribution? NpvDistribution { get; init; }
}

/// <summary>P10, P50 and P90 of a figure over the Monte Carlo draws.</summary>
/// <param name="P10">10th percentile.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
public sealed record PercentileBand(double P10, double P50, double P90)
{
    internal static PercentileBand? Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null : new(MagLoop.Numerics.Percentiles.OfSorted(sorted, 0.1), MagLoop.Numerics.Percentiles.OfSorted(sorted, 0.5), MagLoop.Numerics.Percentiles.OfSorted(sorted, 0.9));
    }
}

/// <summary>
/// The Monte Carlo's draws as a lender reads them: the chance that any six-month period's DSCR falls below 1.0, the
/// equity IRR, the first-production date and how often the export credit closed. Percentiles are taken over the
/// sorted draws, so they do not depend on the order in which parallel draws finish.
/// </summary>
/// <param name="ProbabilityAnyDscrBelowOne">Share of draws in which some period's DSCR is below 1.0 (null without debt).</param>
/// <param name="MinDscr">P10/P50/P90 of each draw's lowest period DSCR (null without debt).</param>
/// <param name="EquityIrr">P10/P50/P90 of the equity IRR over draws with a unique one.</param>
/// <param name="DrawsWithoutUniqueEquityIrr">Draws whose equity cash flows had no or several IRRs.</param>
/// <param name="FirstProductionMonths">P10/P50/P90 of months from the notice to proceed to first production.</param>
/// <param name="FirstProductionDateP10">P10 first-production date (yyyy-MM), when the scenario gives a notice to proceed.</param>
/// <param name="FirstProductionDateP50">Median first-production date.</param>
/// <param name="FirstProductionDateP90">P90 first-production date.</param>
/// <param name="ProbabilityFinancingCloses">Share of draws in which the export credit closed (null when its close is not drawn).</param>
public sealed record ExecutionRiskResult(
    double? ProbabilityAnyDscrBelowOne,
    PercentileBand? MinDscr,
    PercentileBand? EquityIrr,
    int DrawsWithoutUniqueEquityIrr,
    PercentileBand FirstProductionMonths,
    string? FirstProductionDateP10,
    string? FirstProductionDateP50,
    string? FirstProductionDateP90,
    double? ProbabilityFinancingCloses)
{
    internal static ExecutionRiskResult From(MonteCarloDraws draws, bool hasDebt, ExecutionRisk? execution)
    {
        var first = PercentileBand.Of(draws.FirstProductionMonths)!;
        var equity = draws.EquityIrr.Where(v => !double.IsNaN(v)).ToList();
        return new ExecutionRiskResult(
            hasDebt ? (double)draws.MinDscr.Count(v => v < 1.0) / draws.Count : null,
            hasDebt ? PercentileBand.Of(draws.MinDscr.Where(v => !double.IsNaN(v))) : null,
            PercentileBand.Of(equity),
            draws.Count - equity.Count,
            first,
            execution?.Date(first.P10),
            execution?.Date(first.P50),
            execution?.Date(first.P90),
            execution?.Spec.FinancingClose is null ? null : (double)draws.FinancingCloses.Count(c => c) / draws.Count);
    }
}

/// <summary>One bar of the tornado.</summary>
/// <param name="Driver">Driver (execution drivers by their names in economics.risk.execution, supply as supply.&lt;feed&gt;).</param>
/// <param name="Low">Low multiplier; for an execution driver its P10 value (months, factor, share), or 0 for financingClose (fails) and policy (switched off from the earliest year).</param>
/// <param name="High">High multiplier; for an execution driver its P90 value, or 1 for financingClose (closes) and policy (holds).</param>
/// <param name="NpvLowUsd">NPV with the driver at its low value.</param>
/// <param name="NpvHighUsd">NPV with the driver at its high value.</param>
public sealed record TornadoBar(string Driver, double Low, double High, double NpvLowUsd, double NpvHighUsd);
