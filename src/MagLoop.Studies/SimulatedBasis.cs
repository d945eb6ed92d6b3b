using MagLoop.Plants;
using MagLoop.Process;

namespace MagLoop.Studies;

/// <summary>The production on which a study runs its carbon and economics.</summary>
public enum StudyBasis
{
    /// <summary>The steady-state flowsheet's nameplate output (capacities at their average availability).</summary>
    Flowsheet,
    /// <summary>The simulated output: the mean over the simulation's replications (breakdowns, shifts, buffers).</summary>
    Simulated,
}

/// <summary>The flowsheet's and the simulation's output side by side, and which one the study ran on.</summary>
/// <param name="Used">Basis of the study's production, carbon and economics.</param>
/// <param name="FlowsheetMagnetTonnesPerYear">Magnets of the flowsheet (nameplate).</param>
/// <param name="SimulatedMagnetTonnesPerYear">Magnets of the simulation, mean over its replications.</param>
/// <param name="FlowsheetCoProductTonnesPerYear">Co-products of the flowsheet.</param>
/// <param name="SimulatedCoProductTonnesPerYear">Co-products of the simulation, mean over its replications.</param>
/// <param name="MagnetRelativeDifference">(simulated − flowsheet) / flowsheet magnets.</param>
/// <param name="CoProductRelativeDifference">(simulated − flowsheet) / flowsheet co-products (0 when the flowsheet makes none).</param>
/// <param name="LineAvailabilityFactor">Factor on the magnet-line stations' availability of the simulated plant (1 on the flowsheet basis).</param>
/// <param name="FrontAvailabilityFactor">Factor on the receiving, HPMS and degassing stations' availability of the simulated plant.</param>
public sealed record BasisResult(
    StudyBasis Used,
    double FlowsheetMagnetTonnesPerYear,
    double SimulatedMagnetTonnesPerYear,
    double FlowsheetCoProductTonnesPerYear,
    double SimulatedCoProductTonnesPerYear,
    double MagnetRelativeDifference,
    double CoProductRelativeDifference,
    double LineAvailabilityFactor = 1,
    double FrontAvailabilityFactor = 1)
{
    /// <summary>Relative difference above which the study shows both bases side by side.</summary>
    public const double SideBySideThreshold = 0.02;

    /// <summary>Whether the two bases differ by more than <see cref="SideBySideThreshold"/> in magnets or co-products.</summary>
    public bool Differs => Math.Abs(MagnetRelativeDifference) > SideBySideThreshold || Math.Abs(CoProductRelativeDifference) > SideBySideThreshold;
}

/// <summary>
/// Derives the plant that makes, in the steady-state flowsheet, what the simulation makes on average. The shortfall
/// of the simulation comes from downtime of the stations (breakdowns, shifts, starving and blocking), so the feeds
/// are kept and the stations' effective availability is scaled instead: the magnet-line stations' until the
/// flowsheet's magnets equal the simulated magnets, then, when the co-products still exceed the simulated ones,
/// the receiving, HPMS and degassing stations' likewise. Shrinking the feeds instead would cut the surplus powder
/// sold as co-products first, while the line (and its magnets) stayed full. A simulation above the flowsheet raises
/// the availabilities, never beyond 1; what no availability can reach (a line short of powder) stays at the flowsheet's.
/// </summary>
public static class SimulatedBasis
{
    private const int MaxSolves = 30;
    private const double Tolerance = 1e-6;

    /// <summary>The flowsheet and the simulation side by side, with the flowsheet as the basis used.</summary>
    public static BasisResult Compare(FlowsheetSolution solution, PlantSimulationResult simulation)
    {
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(simulation);
        var magnets = solution.Outlet(OutletKind.Magnet).TotalTonnesPerYear;
        var coProducts = solution.Outlet(OutletKind.CoProduct).TotalTonnesPerYear;
        var simMagnets = simulation.MagnetTonnesPerYear.Mean;
        var simCoProducts = simulation.CoProductTonnesPerYear.Mean;
        return new BasisResult(StudyBasis.Flowsheet, magnets, simMagnets, coProducts, simCoProducts,
            (simMagnets - magnets) / magnets, coProducts > 0 ? (simCoProducts - coProducts) / coProducts : 0);
    }

    /// <summary>
    /// The simulated plant (its definition with scaled availabilities, its flowsheet from the one
    /// <see cref="FlowsheetFactory"/>) and its solution, and the comparison with <see cref="BasisResult.Used"/> set
    /// to <see cref="StudyBasis.Simulated"/>.
    /// </summary>
    public static (Plant Plant, FlowsheetSolution Solution, BasisResult Basis) Derive(Plant plant, FlowsheetSolution solution, PlantSimulationResult simulation)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(simulation);
        var comparison = Compare(solution, simulation);
        var targetMagnetsKg = simulation.MagnetTonnesPerYear.Mean * 1000;
        var targetCoProductsKg = simulation.CoProductTonnesPerYear.Mean * 1000;

        // The line may run below its capacity (powder short): start from the factor that brings its capacity down to
        // the blend the simulated magnets need, so that the first solve already binds.
        var blend = solution.Stream(StreamId.Blend).TotalKgPerYear;
        var lineCapacity = FlowsheetFactory.LineCapacity(plant.Definition, solution, plant.MagnetLineCapacityKgPerYear);
        // A factor may raise an availability (a simulation above nameplate) but never beyond 1.
        var lineCap = 1 / plant.Definition.Stations.Where(s => StationLoads.OnTheLine(s.Kind)).Max(s => s.Availability);
        var frontCap = 1 / plant.Definition.Stations.Where(s => !StationLoads.OnTheLine(s.Kind)).Max(s => s.Availability);
        var line = Math.Min(lineCap, targetMagnetsKg / solution.Outlet(OutletKind.Magnet).TotalKgPerYear * blend / lineCapacity);
        var front = 1.0;
        var (definition, derived) = (plant.Definition, solution);
        (double Factor, double OutputKg)? previousLine = null, previousFront = null;
        for (var solve = 0; solve < MaxSolves; solve++)
        {
            definition = Scaled(plant.Definition, line, front);
            derived = FlowsheetFactory.Solve(definition);
            var magnetsKg = derived.Outlet(OutletKind.Magnet).TotalKgPerYear;
            var coProductsKg = derived.Outlet(OutletKind.CoProduct).TotalKgPerYear;
            var nextLine = Math.Min(lineCap, Step(line, magnetsKg, previousLine, targetMagnetsKg));
            var nextFront = coProductsKg > 0 ? Math.Min(frontCap, Step(front, coProductsKg, previousFront, targetCoProductsKg)) : front;
            if (Math.Abs(nextLine - line) <= Tolerance * line && Math.Abs(nextFront - front) <= Tolerance * front) break;
            (previousLine, previousFront) = ((line, magnetsKg), (front, coProductsKg));
            (line, front) = (nextLine, nextFront);
        }

        return (plant with { Definition = definition, Flowsheet = derived.Flowsheet }, derived,
            comparison with { Used = StudyBasis.Simulated, LineAvailabilityFactor = line, FrontAvailabilityFactor = front });
    }

    // Next factor in log space: output ~ factor^elasticity, the elasticity from the last two solves (1 at first).
    // Co-products answer the front factor more than in proportion (the cut comes out of the surplus powder alone),
    // so a plain ratio step would overshoot and oscillate.
    private static double Step(double factor, double outputKg, (double Factor, double OutputKg)? previous, double targetKg)
    {
        var elasticity = 1.0;
        if (previous is { } p && Math.Abs(Math.Log(factor / p.Factor)) > 1e-12 && p.OutputKg > 0)
        {
            var measured = Math.Log(outputKg / p.OutputKg) / Math.Log(factor / p.Factor);
            if (measured > 0.1) elasticity = measured;
        }

        return factor * Math.Pow(targetKg / outputKg, 1 / elasticity);
    }

    /// <summary>The note that shows both bases side by side; null when they agree within 2 %.</summary>
    public static string? Note(BasisResult basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        if (!basis.Differs) return null;
        var used = basis.Used == StudyBasis.Simulated ? "the simulated output (--basis simulated)" : "the flowsheet's nameplate (--basis flowsheet)";
        return $"Flowsheet vs simulated basis: magnets {basis.FlowsheetMagnetTonnesPerYear:N1} vs {basis.SimulatedMagnetTonnesPerYear:N1} t/yr ({basis.MagnetRelativeDifference:+0.0 %;-0.0 %}), "
            + $"co-products {basis.FlowsheetCoProductTonnesPerYear:N1} vs {basis.SimulatedCoProductTonnesPerYear:N1} t/yr ({basis.CoProductRelativeDifference:+0.0 %;-0.0 %}); "
            + $"carbon and economics are on {used}.";
    }

    private static PlantDefinition Scaled(PlantDefinition definition, double line, double front) => definition with
    {
        Stations = [.. definition.Stations.Select(s => StationLoads.OnTheLine(s.Kind)
            ? s with { Availability = s.Availability * line }
            : s with { Availability = s.Availability * front })],
    };
}
