namespace MagLoop.Plants;

/// <summary>Kind of equipment of a station.</summary>
public enum StationKind
{
    /// <summary>Truck receiving dock at the hub.</summary>
    Receiving,
    /// <summary>HPMS vessels (batch).</summary>
    Hpms,
    /// <summary>Degassing furnaces.</summary>
    Degassing,
    /// <summary>Jet mills (continuous).</summary>
    JetMill,
    /// <summary>Presses aligning powder in a field.</summary>
    Press,
    /// <summary>Vacuum sintering furnaces (batch).</summary>
    SinteringFurnace,
    /// <summary>Heat-treatment (annealing) furnaces (batch).</summary>
    HeatTreatmentFurnace,
    /// <summary>Grain-boundary diffusion of Dy/Tb.</summary>
    GrainBoundaryDiffusion,
    /// <summary>Slicing and grinding lines.</summary>
    Machining,
    /// <summary>Coating line.</summary>
    Coating,
    /// <summary>Magnetising and inspection.</summary>
    Inspection,
    /// <summary>Medium loop: vacuum induction melting furnace with flux (docs/model-routes.md).</summary>
    InductionMelting,
    /// <summary>Medium loop: strip caster making flake from the melt.</summary>
    StripCasting,
    /// <summary>Long loop: roasting and acid leaching.</summary>
    Leaching,
    /// <summary>Long loop: solvent extraction, oxalate precipitation and calcination to oxide.</summary>
    SolventExtraction,
    /// <summary>Long loop: molten-salt electrolysis of oxide to metal.</summary>
    OxideReduction,
}

/// <summary>
/// One equipment type of the hub: how many units, what each unit handles (a rate or a batch cycle), when it
/// works, how reliable it is, its energy and, where known, its crew and cost curve. Its capacity limits the
/// flowsheet unit it serves.
/// </summary>
/// <param name="Id">Station id (its key in the scenario's <c>simulation.stations</c>).</param>
/// <param name="Kind">Kind of equipment.</param>
/// <param name="Name">Display name.</param>
/// <param name="Site">Site where it stands (the hub).</param>
/// <param name="Units">Number of units.</param>
/// <param name="Throughput">Rate per unit, or batch charge and cycle phases.</param>
/// <param name="LotKg">kg of input a unit takes at a time in the simulation (the batch charge for batch equipment).</param>
/// <param name="BufferKg">Capacity of the buffer in front of the station, kg; null for an unlimited store.</param>
/// <param name="Calendar">Shift calendar of the station's area.</param>
/// <param name="OperatingHoursPerYear">Hours per year the station is scheduled to run, on which its capacity is based.</param>
/// <param name="Availability">Fraction of the operating hours the station is available, on which its capacity is based.</param>
/// <param name="Reliability">Breakdowns, repairs, maintenance and processing-time variation, for the simulation.</param>
/// <param name="Serves">The flowsheet unit whose intake the station's capacity limits.</param>
/// <param name="Energy">Energy specification of the station; empty when the scenario gives none for it.</param>
public sealed record StationDefinition(
    StationId Id,
    StationKind Kind,
    string Name,
    SiteId Site,
    int Units,
    StationThroughput Throughput,
    double LotKg,
    double? BufferKg,
    WorkCalendar Calendar,
    double OperatingHoursPerYear,
    double Availability,
    Reliability Reliability,
    UnitId Serves,
    IReadOnlyList<StationEnergy> Energy)
{
    /// <summary>Intake the station can handle per year: units x rate (or charge / cycle) x operating hours x availability.</summary>
    public double CapacityKgPerYear => Units * Throughput.KgPerUnitHour * OperatingHoursPerYear * Availability;

    /// <summary>Crew of each unit per shift; null until the economics sets one (see <see cref="StationCrew"/>).</summary>
    public StationCrew? Crew { get; init; }

    /// <summary>Installed-cost curve of the equipment; null until the economics sets one (see <see cref="CostCurve"/>).</summary>
    public CostCurve? Cost { get; init; }
}

/// <summary>What one unit of a station handles: a continuous rate or a batch cycle.</summary>
public abstract record StationThroughput
{
    /// <summary>kg of input per unit and operating hour.</summary>
    public abstract double KgPerUnitHour { get; }
}

/// <summary>Continuous equipment: a feed rate per unit.</summary>
/// <param name="RateKgPerHour">kg of input per unit and hour.</param>
public sealed record RateThroughput(double RateKgPerHour) : StationThroughput
{
    /// <inheritdoc />
    public override double KgPerUnitHour => RateKgPerHour;
}

/// <summary>Batch equipment: a charge per unit run through a cycle of phases.</summary>
/// <param name="BatchKg">kg of input charged per batch.</param>
/// <param name="Phases">Phases of the cycle in order; their hours add up to <see cref="CycleHours"/>.</param>
public sealed record BatchThroughput(double BatchKg, IReadOnlyList<CyclePhase> Phases) : StationThroughput
{
    /// <summary>Hours per batch, from loading to unloading.</summary>
    public double CycleHours => Phases.Sum(p => p.Hours);

    /// <inheritdoc />
    public override double KgPerUnitHour => BatchKg / CycleHours;
}

/// <summary>One phase of a batch cycle.</summary>
/// <param name="Name">What happens (load, evacuate, hold, ...).</param>
/// <param name="Hours">Duration, hours.</param>
public sealed record CyclePhase(string Name, double Hours);

/// <summary>A weekly shift pattern: <see cref="ShiftsPerDay"/> x <see cref="HoursPerShift"/> from midnight on <see cref="DaysPerWeek"/> days from Monday.</summary>
/// <param name="ShiftsPerDay">Shifts per working day.</param>
/// <param name="HoursPerShift">Hours per shift.</param>
/// <param name="DaysPerWeek">Working days per week, from Monday.</param>
public sealed record WorkCalendar(int ShiftsPerDay, double HoursPerShift, int DaysPerWeek)
{
    private const double HoursPerWeek = 168;
    private const double HoursPerYear = 8760;

    /// <summary>Open hours per working day (at most 24).</summary>
    public double HoursPerDay => Math.Min(24, ShiftsPerDay * HoursPerShift);

    /// <summary>Open hours in a 365-day year.</summary>
    public double OpenHoursPerYear => HoursPerDay * DaysPerWeek * HoursPerYear / HoursPerWeek;

    /// <summary>Hours from <paramref name="nowH"/> until the calendar is open (0 when open). Hour 0 is a Monday 00:00.</summary>
    public double HoursUntilOpen(double nowH)
    {
        var perDay = HoursPerDay;
        if (perDay >= 24 && DaysPerWeek >= 7) return 0;
        var weekH = nowH % HoursPerWeek;
        var day = (int)(weekH / 24);
        var hourOfDay = weekH - day * 24;
        if (day < DaysPerWeek && hourOfDay < perDay) return 0;
        // Next opening: tomorrow (or next Monday) at midnight.
        var nextDay = day + 1;
        if (nextDay >= DaysPerWeek) nextDay = 7;
        return nextDay * 24 - weekH;
    }
}

/// <summary>Breakdowns, repairs and planned maintenance of a station's units, and the spread of its processing times.</summary>
/// <param name="MtbfHours">Mean operating hours between failures (exponential).</param>
/// <param name="MttrHours">Mean hours to repair (lognormal, CV 0.5).</param>
/// <param name="MaintenanceEveryHours">Calendar hours between planned maintenance stops (0: none).</param>
/// <param name="MaintenanceHours">Hours per planned maintenance stop.</param>
/// <param name="DurationCv">Coefficient of variation of processing times (lognormal).</param>
public sealed record Reliability(double MtbfHours, double MttrHours, double MaintenanceEveryHours, double MaintenanceHours, double DurationCv)
{
    /// <summary>
    /// Long-run fraction of time available: MTBF / (MTBF + MTTR) x (1 − maintenance share). Treats failures as
    /// counted in operating hours and maintenance as calendar time, as the simulation does.
    /// </summary>
    public double Availability =>
        MtbfHours / (MtbfHours + MttrHours) * (MaintenanceEveryHours > 0 ? 1 - MaintenanceHours / MaintenanceEveryHours : 1);
}
