using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagLoop.Network.Results;

// The planner's answer in model units a planner reads: tonnes, USD (real), kg CO2e, calendar years. Nothing here
// names an OR-Tools type, so the solver can change without touching a reader of plan.json.

/// <summary>How a solve ended.</summary>
public enum PlanStatus
{
    /// <summary>Solved to within the requested gap.</summary>
    Optimal,
    /// <summary>A feasible plan, stopped by the time limit before the gap was closed (see <see cref="NetworkPlan.RelativeGap"/>).</summary>
    Feasible,
    /// <summary>No plan meets every constraint; <see cref="NetworkPlan.Infeasibility"/> names the group that cannot be met.</summary>
    Infeasible,
    /// <summary>The time limit passed before any plan was found.</summary>
    NoPlanWithinTimeLimit,
}

/// <summary>What the planner optimises.</summary>
public enum PlanObjective
{
    /// <summary>Maximise the discounted margin (revenue minus every cost).</summary>
    MaximiseMargin,
    /// <summary>Minimise the discounted cost of serving the demand target (unmet target at its penalty).</summary>
    MinimiseCost,
}

/// <summary>The whole answer: the best plan, its detail, and what was asked besides (marginal values, further plans).</summary>
/// <param name="Case">Case name of the problem.</param>
/// <param name="Objective">What was optimised.</param>
/// <param name="Status">How the base solve ended.</param>
/// <param name="ObjectiveUsd">Objective of the plan (discounted margin, or minus the discounted cost with penalties).</param>
/// <param name="BestBoundUsd">Best bound the solver proved on the objective.</param>
/// <param name="RelativeGap">|bound - objective| / max(|objective|, 1): 0 when proved optimal.</param>
/// <param name="SolveSeconds">Wall-clock time of the base solve (warm start included).</param>
/// <param name="SolveCpuSeconds">Processor time of the process over the base solve, all threads: on a loaded machine the fairer figure.</param>
/// <param name="NpvUsd">Net present value of the network at the problem's discount rate: discounted revenue minus every cost (penalties excluded).</param>
/// <param name="Openings">Options the plan opens, with decision and first operating year.</param>
/// <param name="Sites">Each site by year: capacity, intake, utilisation, output, cost and CO2e.</param>
/// <param name="Flows">Tonnes on each lane by year and scrap type (non-zero only).</param>
/// <param name="Years">Network totals by year, with the share of US demand served.</param>
/// <param name="SiteSummaries">Each candidate over the horizon: tonnes, cost and CO2e per tonne, marginal value.</param>
/// <param name="LaneSummaries">Each used lane over the horizon: tonnes, cost and CO2e per tonne.</param>
/// <param name="Alternatives">The N best distinct plans, best first (the first is this plan); empty unless asked.</param>
/// <param name="Infeasibility">Why no plan exists, when <paramref name="Status"/> is Infeasible.</param>
public sealed record NetworkPlan(
    string Case, PlanObjective Objective, PlanStatus Status, double ObjectiveUsd, double BestBoundUsd, double RelativeGap,
    double SolveSeconds, double SolveCpuSeconds, double NpvUsd, IReadOnlyList<OptionOpening> Openings, IReadOnlyList<SiteYear> Sites,
    IReadOnlyList<Flow> Flows, IReadOnlyList<YearSummary> Years, IReadOnlyList<SiteSummary> SiteSummaries,
    IReadOnlyList<LaneSummary> LaneSummaries, IReadOnlyList<AlternativePlan> Alternatives, InfeasibilityReport? Infeasibility)
{
    /// <summary>JSON options of plan.json: camelCase, enums as camelCase strings, indented.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new NullWhenNotFinite() },
    };

    /// <summary>Whether the plan has flows to report (optimal or feasible).</summary>
    [JsonIgnore]
    public bool HasPlan => Status is PlanStatus.Optimal or PlanStatus.Feasible;

    /// <summary>The plan as JSON (plan.json).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>
/// Writes a figure that does not exist (NaN: the objective of an infeasible plan, a gap without a bound) as JSON null,
/// which JSON can say and readers can test, instead of failing: JSON has no NaN.
/// </summary>
internal sealed class NullWhenNotFinite : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }

    public override bool HandleNull => true;
}

/// <summary>One option the plan opens.</summary>
/// <param name="SiteId">Site.</param>
/// <param name="OptionId">Option (a size, or an expansion of the one before).</param>
/// <param name="DecisionYear">Year the capital is spent (first operating year minus the lead time, not before the first planning year).</param>
/// <param name="FirstYear">First year of operation.</param>
/// <param name="CapitalUsd">Capital of the option (undiscounted; 0 for a site already operating before the horizon).</param>
/// <param name="Decided">True when the problem fixed this opening (a disclosed site), false when the planner chose it.</param>
public sealed record OptionOpening(string SiteId, string OptionId, int DecisionYear, int FirstYear, double CapitalUsd, bool Decided);

/// <summary>One site in one year.</summary>
/// <param name="SiteId">Site.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="CapacityTonnes">Scrap intake capacity of the options operating.</param>
/// <param name="IntakeTonnes">Scrap received.</param>
/// <param name="Utilisation">Intake over capacity (0 when closed).</param>
/// <param name="MagnetTonnes">Magnets made (hubs).</param>
/// <param name="CoProductTonnes">Co-products made (hubs).</param>
/// <param name="OperatingCostUsd">Variable and fixed operating cost of the year (capital excluded).</param>
/// <param name="CapitalUsd">Capital spent in the year on this site's options.</param>
/// <param name="ProcessCo2eKg">Process emissions of the year.</param>
public sealed record SiteYear(
    string SiteId, int Year, double CapacityTonnes, double IntakeTonnes, double Utilisation, double MagnetTonnes,
    double CoProductTonnes, double OperatingCostUsd, double CapitalUsd, double ProcessCo2eKg);

/// <summary>Tonnes on a lane in a year for one scrap type.</summary>
/// <param name="From">Source or spoke id.</param>
/// <param name="To">Site id.</param>
/// <param name="Mode">Transport mode.</param>
/// <param name="ScrapType">Scrap type.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Tonnes">Mass moved.</param>
public sealed record Flow(string From, string To, TransportMode Mode, string ScrapType, int Year, double Tonnes);

/// <summary>Network totals in one year.</summary>
/// <param name="Year">Calendar year.</param>
/// <param name="ScrapBoughtTonnes">Scrap bought from sources.</param>
/// <param name="MagnetTonnes">Magnets made.</param>
/// <param name="MagnetSoldTonnes">Magnets sold (at most the demand share the network may serve).</param>
/// <param name="CoProductTonnes">Co-products made and sold.</param>
/// <param name="UsDemandTonnes">US NdFeB magnet demand.</param>
/// <param name="ShareOfUsDemand">Magnets sold over US demand.</param>
/// <param name="UnmetTargetTonnes">Magnets short of the target share (cost objective only).</param>
/// <param name="RevenueUsd">Magnet and co-product revenue.</param>
/// <param name="CostUsd">Scrap, transport, operating, capital and carbon-price cost.</param>
/// <param name="MarginUsd">Revenue minus cost (undiscounted).</param>
/// <param name="Co2eKg">Transport and process emissions.</param>
public sealed record YearSummary(
    int Year, double ScrapBoughtTonnes, double MagnetTonnes, double MagnetSoldTonnes, double CoProductTonnes,
    double UsDemandTonnes, double ShareOfUsDemand, double UnmetTargetTonnes, double RevenueUsd, double CostUsd,
    double MarginUsd, double Co2eKg);

/// <summary>A candidate over the horizon.</summary>
/// <param name="SiteId">Site.</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">Spoke or hub.</param>
/// <param name="LatitudeDeg">Latitude.</param>
/// <param name="LongitudeDeg">Longitude.</param>
/// <param name="FirstYear">First operating year in the plan, or null when the plan never opens it.</param>
/// <param name="IntakeTonnes">Scrap received over the horizon.</param>
/// <param name="CostUsdPerTonne">Operating cost plus capital over the horizon, per tonne received (null when it received none).</param>
/// <param name="Co2eKgPerTonne">Process emissions per tonne received (null when it received none).</param>
/// <param name="MarginalValue">What the plan loses without the candidate.</param>
public sealed record SiteSummary(
    string SiteId, string Name, SiteRole Role, double LatitudeDeg, double LongitudeDeg, int? FirstYear,
    double IntakeTonnes, double? CostUsdPerTonne, double? Co2eKgPerTonne, MarginalValue? MarginalValue);

/// <summary>How a marginal value was found.</summary>
public enum MarginalValueKind
{
    /// <summary>The plan does not open the candidate: removing it loses nothing.</summary>
    NotInPlan,
    /// <summary>Re-solved without the candidate: the value is the objective lost.</summary>
    Resolved,
    /// <summary>Without the candidate no plan meets the constraints: the network cannot do without it.</summary>
    Essential,
    /// <summary>The re-solve found no plan within the time limit.</summary>
    Unknown,
}

/// <summary>What the plan loses without a candidate.</summary>
/// <param name="Kind">How it was found.</param>
/// <param name="ObjectiveLossUsd">Objective of the plan minus the objective without the candidate (null unless re-solved).</param>
/// <param name="RelativeGap">Gap of the re-solve (the loss is known to about the sum of both gaps).</param>
public sealed record MarginalValue(MarginalValueKind Kind, double? ObjectiveLossUsd, double? RelativeGap);

/// <summary>A used lane over the horizon.</summary>
/// <param name="From">Source or spoke.</param>
/// <param name="To">Site.</param>
/// <param name="Mode">Transport mode.</param>
/// <param name="DistanceKm">Route distance.</param>
/// <param name="Tonnes">Mass moved over the horizon.</param>
/// <param name="CostUsdPerTonne">Transport cost per tonne.</param>
/// <param name="Co2eKgPerTonne">Transport emissions per tonne.</param>
public sealed record LaneSummary(string From, string To, TransportMode Mode, double DistanceKm, double Tonnes, double CostUsdPerTonne, double Co2eKgPerTonne);

/// <summary>One of the N best distinct plans.</summary>
/// <param name="Rank">1 for the best.</param>
/// <param name="Status">How its solve ended.</param>
/// <param name="ObjectiveUsd">Its objective.</param>
/// <param name="NpvUsd">Its NPV.</param>
/// <param name="RelativeGap">Gap of its solve.</param>
/// <param name="LossVsBestUsd">Objective of the best plan minus this one's.</param>
/// <param name="Openings">What it opens, and when.</param>
public sealed record AlternativePlan(int Rank, PlanStatus Status, double ObjectiveUsd, double NpvUsd, double RelativeGap, double LossVsBestUsd, IReadOnlyList<OptionOpening> Openings);

/// <summary>Why a network has no feasible plan.</summary>
/// <param name="Summary">One plain sentence naming the constraint group(s) that cannot be met.</param>
/// <param name="Groups">Each group that, relaxed alone, makes the network feasible, with where and by how much.</param>
public sealed record InfeasibilityReport(string Summary, IReadOnlyList<GroupShortfall> Groups);

/// <summary>A constraint group the network cannot meet, and its largest shortfalls.</summary>
/// <param name="Group">The group.</param>
/// <param name="Description">What the group requires, in words.</param>
/// <param name="Shortfalls">Where it falls short, largest first (at most ten).</param>
public sealed record GroupShortfall(string Group, string Description, IReadOnlyList<string> Shortfalls);
