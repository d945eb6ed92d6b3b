using MagLoop.Process;

namespace MagLoop.Plants;

/// <summary>How loaded a station is in a solved flowsheet.</summary>
/// <param name="Station">Station id.</param>
/// <param name="Name">Station display name.</param>
/// <param name="Kind">Kind of equipment.</param>
/// <param name="CapacityKgPerYear">Intake the station can handle per year.</param>
/// <param name="IntakeKgPerYear">Intake of the unit it serves in the solution.</param>
public sealed record StationLoad(StationId Station, string Name, StationKind Kind, double CapacityKgPerYear, double IntakeKgPerYear)
{
    /// <summary>Intake over capacity.</summary>
    public double Utilisation => CapacityKgPerYear > 0 ? IntakeKgPerYear / CapacityKgPerYear : double.PositiveInfinity;
}

/// <summary>Station loads of a solved flowsheet and the station that limits the magnets.</summary>
public static class StationLoads
{
    /// <summary>Utilisation from which a station counts as binding (the solver meets capacities to 1e-12).</summary>
    public const double BindingUtilisation = 1 - 1e-9;

    /// <summary>Whether stations of this kind process the blend (the magnet line), as opposed to the intake side.</summary>
    public static bool OnTheLine(StationKind kind) => kind is not (StationKind.Receiving or StationKind.Hpms or StationKind.Degassing) && !IsRoute(kind);

    /// <summary>Whether stations of this kind belong to the medium or long loop rather than the short loop.</summary>
    public static bool IsRoute(StationKind kind) => kind >= StationKind.InductionMelting;

    /// <summary>Every station's load, in line order.</summary>
    public static IReadOnlyList<StationLoad> Of(PlantDefinition plant, FlowsheetSolution solution)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        return [.. plant.Stations.Select(s => new StationLoad(s.Id, s.Name, s.Kind, s.CapacityKgPerYear, solution.Intake(s.Serves).TotalKgPerYear))];
    }

    /// <summary>
    /// The station that limits the magnets: when recycled powder is left over (the line is full), the tightest
    /// station of the line; otherwise the tightest intake station if it binds (the line is short of powder because
    /// receiving, HPMS or degassing is full); null when nothing binds (scrap supply limits the plant).
    /// </summary>
    public static StationLoad? LimitingMagnets(IReadOnlyList<StationLoad> loads, FlowsheetSolution solution)
    {
        ArgumentNullException.ThrowIfNull(loads);
        ArgumentNullException.ThrowIfNull(solution);
        var lineFull = solution.Stream(StreamId.SurplusPowder).TotalKgPerYear > 0;
        var candidates = loads.Where(l => OnTheLine(l.Kind) == lineFull).ToList();
        if (candidates.Count == 0) return null;
        var tightest = candidates.MaxBy(l => l.Utilisation)!;
        return tightest.Utilisation >= BindingUtilisation ? tightest : null;
    }
}
