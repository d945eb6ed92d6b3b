using System.Text.Json.Serialization;
using MagLoop.Simulation;

namespace MagLoop.Plants;

/// <summary>What the discrete-event simulation of the plant reports; serialised as the <c>simulation</c> object of the study.</summary>
/// <param name="Replications">Independent replications run.</param>
/// <param name="Years">Years at full rate per replication.</param>
/// <param name="RampUpYears">Ramp-up years simulated before them.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="MagnetTonnesPerYear">Finished magnets per full-rate year, mean and 95 % interval over replications.</param>
/// <param name="CoProductTonnesPerYear">NdFeB co-products per full-rate year.</param>
/// <param name="FlowsheetMagnetTonnesPerYear">The steady-state flowsheet's magnets, for comparison.</param>
/// <param name="FlowsheetCoProductTonnesPerYear">The steady-state flowsheet's co-products, for comparison.</param>
/// <param name="Utilization">Station id (its key in the scenario's <c>simulation.stations</c>, e.g. <c>jetMills</c>) → fraction of unit-hours busy processing.</param>
/// <param name="Bottleneck">Display name of the equipment type least often starved or blocked while its area works.</param>
/// <param name="Stations">Per equipment type: busy, starved, blocked, down and off-shift fractions.</param>
/// <param name="WipTonnes">Time-average material in the hub from the powder silo to inspection.</param>
/// <param name="LeadTimeDays">Powder-to-magnet lead time by Little's law (WIP over the line's intake rate).</param>
/// <param name="ConcentrateStockTonnes">Time-average concentrate waiting at the hub for HPMS.</param>
/// <param name="ByYear">Output of each simulated year (ramp-up years first).</param>
/// <param name="EventsPerReplication">Kernel events per replication (mean).</param>
/// <param name="WallClockSeconds">Time the replications took (not part of the deterministic result).</param>
public sealed record PlantSimulationResult(
    int Replications,
    int Years,
    int RampUpYears,
    int Seed,
    ReplicationEstimate MagnetTonnesPerYear,
    ReplicationEstimate CoProductTonnesPerYear,
    double FlowsheetMagnetTonnesPerYear,
    double FlowsheetCoProductTonnesPerYear,
    IReadOnlyDictionary<string, double> Utilization,
    string Bottleneck,
    IReadOnlyList<StationResult> Stations,
    ReplicationEstimate WipTonnes,
    ReplicationEstimate LeadTimeDays,
    ReplicationEstimate ConcentrateStockTonnes,
    IReadOnlyList<SimulatedYear> ByYear,
    long EventsPerReplication,
    [property: JsonIgnore] double WallClockSeconds);

/// <summary>One equipment type over the measured time, fractions of its unit-hours.</summary>
/// <param name="Id">Stable id: the key in the scenario's <c>simulation.stations</c> (e.g. <c>jetMills</c>).</param>
/// <param name="Name">Equipment type, display name.</param>
/// <param name="Units">Units of that type.</param>
/// <param name="Busy">Processing (utilisation).</param>
/// <param name="Starved">Waiting for input.</param>
/// <param name="Blocked">Waiting for room downstream.</param>
/// <param name="Down">Broken down, under repair or in planned maintenance.</param>
/// <param name="OffShift">Outside the area's shift calendar.</param>
/// <param name="BreakdownsPerYear">Breakdowns per year of all units together.</param>
public sealed record StationResult(string Id, string Name, int Units, double Busy, double Starved, double Blocked, double Down, double OffShift, double BreakdownsPerYear);

/// <summary>Output of one simulated year.</summary>
/// <param name="Year">1 for the first year after warm-up.</param>
/// <param name="RampFactor">Fraction of nominal rates in that year.</param>
/// <param name="MagnetTonnes">Magnets made.</param>
/// <param name="CoProductTonnes">Co-products made.</param>
public sealed record SimulatedYear(int Year, double RampFactor, ReplicationEstimate MagnetTonnes, ReplicationEstimate CoProductTonnes);

/// <summary>
/// The mean of a non-negative quantity over replications with its Student-t 95 % interval. With one replication
/// there is no interval and both bounds are null; a lower bound the t interval puts below 0 is reported as 0.
/// </summary>
/// <param name="Mean">Mean over the replications.</param>
/// <param name="Ci95Low">Lower bound, at least 0; null with one replication.</param>
/// <param name="Ci95High">Upper bound; null with one replication.</param>
public sealed record ReplicationEstimate(double Mean, double? Ci95Low, double? Ci95High)
{
    /// <summary>Mean and 95 % interval of one non-negative value per replication.</summary>
    public static ReplicationEstimate Of(IReadOnlyList<double> values)
    {
        var m = MeanWithInterval.Of(values);
        return values.Count < 2 ? new(m.Mean, null, null) : new(m.Mean, Math.Max(0, m.Ci95Low), m.Ci95High);
    }
}
