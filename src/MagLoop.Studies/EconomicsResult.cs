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
    internal static EconomicsResult From(string deck, ProjectOutcome o, IReadOnlyList<OpexLine> opex) => new(
        deck, o.DiscountRate, o.InitialCapexUsd, o.NpvUsd, o.Irr.Irr, o.Irr.Roots, o.PaybackYears, o.LcomUsdPerKg,
        o.EquityNpvUsd, o.EquityIrr.Irr, o.MinDscr, o.AverageDscr, o.PeakFundingUsd,
        opex.Select(l => new OpexLineResult(l.Name, l.At(1))).ToList(), o.Years);
}

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
    double ProbabilityNpvNegative, double? IrrP50, int DrawsWithoutUniqueIrr, IReadOnlyList<TornadoBar> Tornado);

/// <summary>One bar of the tornado.</summary>
/// <param name="Driver">Driver.</param>
/// <param name="Low">Low multiplier.</param>
/// <param name="High">High multiplier.</param>
/// <param name="NpvLowUsd">NPV with the driver at its low value.</param>
/// <param name="NpvHighUsd">NPV with the driver at its high value.</param>
public sealed record TornadoBar(string Driver, double Low, double High, double NpvLowUsd, double NpvHighUsd);
