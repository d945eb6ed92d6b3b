using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MagLoop.Studies.Scenarios;

// The optional `simulation:` section: what the discrete-event model of the hub needs beyond the flowsheet.
// [Sn] numbers refer to the simulation section of docs/references.md; "engineering assumption" marks figures no
// public source gives. Mass yields are not set here: the model takes them from the solved flowsheet.

/// <summary>Settings of the discrete-event simulation of the plant (years, replications, trucks, HPMS phases, shifts, stations, breakdowns).</summary>
[Description("Discrete-event simulation of a real year: trucks, HPMS batches, shifts, breakdowns, maintenance and ramp-up. Optional; every field has a stated default.")]
public sealed class SimulationSection
{
    /// <summary>Simulated years at full rate, after the ramp-up years. Default 1.</summary>
    [Range(1, 50), Description("Simulated years at full rate, after any ramp-up years. Default 1.")]
    public int Years { get; init; } = 1;

    /// <summary>Independent replications (run in parallel). Default 30: enough for a Student-t 95 % interval.</summary>
    [Range(1, 1000), Description("Independent replications, run in parallel, for 95 % confidence intervals. Default 30.")]
    public int Replications { get; init; } = 30;

    /// <summary>Days simulated before statistics start, so buffers and furnaces hold their working stock. Default 30: engineering assumption, several times the longest cycle.</summary>
    [Range(0.0, 365.0), Description("Days simulated before statistics start (buffers and furnaces fill). Default 30: engineering assumption, several times the longest furnace cycle.")]
    public double WarmUpDays { get; init; } = 30;

    /// <summary>Fraction of nominal rates reached in each ramp-up year (year 1, 2, ...); empty for none.</summary>
    [Description("Fraction of nominal rates (0-1] reached in each ramp-up year before full rate, e.g. [0.6, 0.85]; processing times are divided by it and spoke shipments multiplied. Default none.")]
    public IReadOnlyList<double> RampUp { get; init; } = [];

    /// <summary>Trucks carrying concentrate from the spokes.</summary>
    [Description("Trucks carrying concentrate from the spokes to the hub.")]
    public TruckParameters Trucks { get; init; } = new();

    /// <summary>Durations of the HPMS batch phases; they must add up to equipment.hpms.cycleHours.</summary>
    [Description("Durations of the HPMS batch phases, hours; they must add up to equipment.hpms.cycleHours. Default: the cycle split 1.5:1:1:3:1.5 (of 8 h) over load, evacuate, purge, hydrogenate, unload.")]
    public HpmsPhases? HpmsPhases { get; init; }

    /// <summary>Shift calendar of each area.</summary>
    [Description("Shift calendar of each area of the hub.")]
    public AreaCalendars Calendars { get; init; } = new();

    /// <summary>Equipment beyond the flowsheet's HPMS vessels and jet mills, with breakdowns and maintenance of every type.</summary>
    [Description("Stations of the hub: sizes and rates beyond the flowsheet's HPMS vessels and jet mills, and breakdowns and maintenance of every equipment type.")]
    public StationSet Stations { get; init; } = new();
}

/// <summary>Truck transport of concentrate.</summary>
[Description("Truck transport of concentrate.")]
public sealed class TruckParameters
{
    /// <summary>Concentrate per truck, tonnes. Default 20: a 53-ft trailer within the US 80,000 lb gross vehicle weight limit (23 CFR 658.17) carries about 20 t [S3].</summary>
    [Range(0.1, 40.0), Description("Concentrate per truck, tonnes; sets the shipping cadence of each spoke. Default 20: 53-ft trailer under the US 80,000 lb gross limit (23 CFR 658.17) [S3].")]
    public double PayloadTonnes { get; init; } = 20;

    /// <summary>Average speed over the whole trip, km/h. Default 41: a single driver drives at most 11 h in 24 h (49 CFR 395.3) at ~90 km/h [S4].</summary>
    [Range(1.0, 120.0), Description("Average speed over the whole trip including rest, km/h. Default 41: a single driver drives at most 11 h per 24 h (49 CFR 395.3) at ~90 km/h [S4].")]
    public double AverageSpeedKmPerHour { get; init; } = 41;

    /// <summary>Coefficient of variation of the transit time (lognormal). Default 0.15: engineering assumption.</summary>
    [Range(0.0, 2.0), Description("Coefficient of variation of the transit time (lognormal). Default 0.15: engineering assumption.")]
    public double TransitTimeCv { get; init; } = 0.15;
}

/// <summary>HPMS batch phases, hours.</summary>
[Description("HPMS batch phases, hours (load, seal, evacuate, back-fill, evacuate, hydrogenate 1-4 h, unload [6]).")]
public sealed class HpmsPhases
{
    /// <summary>Loading the drum with concentrate and sealing.</summary>
    [Required, Range(0.0, 100.0), Description("Loading the rotating drum with concentrate and sealing the vessel.")]
    public double LoadHours { get; init; }

    /// <summary>Evacuating the vessel.</summary>
    [Required, Range(0.0, 100.0), Description("Evacuating the vessel.")]
    public double EvacuateHours { get; init; }

    /// <summary>Back-filling and evacuating again (purge).</summary>
    [Required, Range(0.0, 100.0), Description("Back-filling and evacuating again (purge).")]
    public double PurgeHours { get; init; }

    /// <summary>Hydrogen exposure at about 1 bar while the drum turns (1-4 h [6]).</summary>
    [Required, Range(0.0, 100.0), Description("Hydrogen exposure at about 1 bar while the drum turns (1-4 h [6]).")]
    public double HydrogenateHours { get; init; }

    /// <summary>Venting and unloading powder and residue.</summary>
    [Required, Range(0.0, 100.0), Description("Venting, unloading the powder into containers and emptying the residue.")]
    public double UnloadHours { get; init; }

    /// <summary>Sum of the phases.</summary>
    public double TotalHours() => LoadHours + EvacuateHours + PurgeHours + HydrogenateHours + UnloadHours;
}

/// <summary>A weekly shift pattern: the area works shiftsPerDay x hoursPerShift from midnight on daysPerWeek days from Monday.</summary>
[Description("A weekly shift pattern: shiftsPerDay x hoursPerShift from midnight, on daysPerWeek days from Monday. 3 x 8 x 7 is 24/7. The hpms and magnetLine calendars must be open at least the equipment's operatingHoursPerYear.")]
public sealed class ShiftCalendar
{
    /// <summary>Shifts per working day. Default 3: engineering assumption, continuous operation as operatingHoursPerYear 8760 assumes.</summary>
    [Range(1, 3), Description("Shifts per working day. Default 3: engineering assumption, continuous operation as operatingHoursPerYear 8760 assumes.")]
    public int ShiftsPerDay { get; init; } = 3;

    /// <summary>Hours per shift. Default 8: engineering assumption, three shifts fill a day.</summary>
    [Range(1.0, 24.0), Description("Hours per shift; shiftsPerDay x hoursPerShift is at most 24. Default 8: engineering assumption, three shifts fill a day.")]
    public double HoursPerShift { get; init; } = 8;

    /// <summary>Working days per week. Default 7: engineering assumption, continuous operation as operatingHoursPerYear 8760 assumes.</summary>
    [Range(1, 7), Description("Working days per week, from Monday. Default 7: engineering assumption, continuous operation as operatingHoursPerYear 8760 assumes.")]
    public int DaysPerWeek { get; init; } = 7;

    /// <summary>Open hours per day.</summary>
    public double HoursPerDay() => Math.Min(24, ShiftsPerDay * HoursPerShift);
}

/// <summary>Calendars of the hub's areas.</summary>
[Description("Shift calendars of the hub's areas.")]
public sealed class AreaCalendars
{
    /// <summary>Truck receiving dock. Default 2 x 8 h, 5 days: engineering assumption (day shifts at the dock).</summary>
    [Description("Truck receiving dock; trucks arriving outside it wait. Default 2 x 8 h, 5 days: engineering assumption.")]
    public ShiftCalendar Receiving { get; init; } = new() { ShiftsPerDay = 2, DaysPerWeek = 5 };

    /// <summary>HPMS vessels. Default 24/7, as equipment.hpms.operatingHoursPerYear 8760 assumes.</summary>
    [Description("HPMS vessels. Default 24/7, as equipment.hpms.operatingHoursPerYear 8760 assumes.")]
    public ShiftCalendar Hpms { get; init; } = new();

    /// <summary>Jet mills, presses, sintering and heat-treatment furnaces. Default 24/7, as equipment.magnetLine.operatingHoursPerYear 8760 assumes.</summary>
    [Description("Jet mills, presses, sintering and heat-treatment furnaces. Default 24/7, as equipment.magnetLine.operatingHoursPerYear 8760 assumes.")]
    public ShiftCalendar MagnetLine { get; init; } = new();

    /// <summary>Slicing and grinding. Default 3 x 8 h, 5 days: engineering assumption.</summary>
    [Description("Slicing and grinding. Default 3 x 8 h, 5 days: engineering assumption.")]
    public ShiftCalendar Machining { get; init; } = new() { DaysPerWeek = 5 };

    /// <summary>Coating, magnetising and inspection. Default 2 x 8 h, 5 days: engineering assumption.</summary>
    [Description("Coating, magnetising and inspection. Default 2 x 8 h, 5 days: engineering assumption.")]
    public ShiftCalendar Finishing { get; init; } = new() { ShiftsPerDay = 2, DaysPerWeek = 5 };
}

/// <summary>
/// One equipment type: how many units, what a unit handles per lot, how long (cycle or rate), its input buffer,
/// breakdowns (exponential times between failures counted in operating hours, lognormal repairs) and planned
/// maintenance. HPMS and jet mills take units, lot and rate from the equipment section.
/// </summary>
[Description("An equipment type: units, lot, cycle or rate, input buffer, breakdowns (MTBF in operating hours, MTTR) and planned maintenance. For hpms and jetMills, units, lot and rate come from the equipment section.")]
public sealed class StationParameters
{
    /// <summary>Number of units (not for hpms and jetMills).</summary>
    [Range(1, 100), Description("Number of units (hpms and jetMills: from the equipment section).")]
    public int? Units { get; init; }

    /// <summary>kg of input per lot or batch (not for hpms).</summary>
    [Range(0.1, 1e6), Description("kg of input per lot or batch (hpms: equipment.hpms.batchKg).")]
    public double? LotKg { get; init; }

    /// <summary>Batch cycle, hours (batch equipment).</summary>
    [Range(0.01, 1000.0), Description("Batch cycle, hours (batch equipment such as furnaces); give this or rateKgPerHour.")]
    public double? CycleHours { get; init; }

    /// <summary>Throughput per unit, kg/h of input (continuous equipment).</summary>
    [Range(0.01, 1e6), Description("Throughput per unit, kg of input per hour (continuous equipment); give this or cycleHours.")]
    public double? RateKgPerHour { get; init; }

    /// <summary>Coefficient of variation of processing times (lognormal); 0 for fixed times.</summary>
    [Range(0.0, 2.0), Description("Coefficient of variation of processing times (lognormal). Default 0.05: engineering assumption.")]
    public double DurationCv { get; init; } = 0.05;

    /// <summary>Mean operating hours between failures. Default 500: engineering assumption, reliability data for these machines were not found [S5].</summary>
    [Range(1.0, 1e7), Description("Mean operating hours between failures (exponential). Default 500: engineering assumption, reliability data for these machines were not found [S5].")]
    public double MtbfHours { get; init; } = 500;

    /// <summary>Mean hours to repair (lognormal, CV 0.5). Default 8: engineering assumption, about one shift per repair.</summary>
    [Range(0.0, 1e4), Description("Mean hours to repair (lognormal, CV 0.5). Default 8: engineering assumption, about one shift per repair.")]
    public double MttrHours { get; init; } = 8;

    /// <summary>Hours between planned maintenance stops (0: none). Default 720: engineering assumption, a monthly stop.</summary>
    [Range(0.0, 1e5), Description("Calendar hours between planned maintenance stops, taken at the end of the running lot (0: none); must exceed maintenanceHours. Default 720: engineering assumption, a monthly stop.")]
    public double MaintenanceEveryHours { get; init; } = 720;

    /// <summary>Hours per planned maintenance stop. Default 12: engineering assumption, one and a half shifts.</summary>
    [Range(0.0, 1000.0), Description("Hours per planned maintenance stop; less than maintenanceEveryHours. Default 12: engineering assumption, one and a half shifts.")]
    public double MaintenanceHours { get; init; } = 12;

    /// <summary>Capacity of the buffer in front of the station, kg (its input).</summary>
    [Range(1.0, 1e9), Description("Capacity of the buffer feeding the station, kg; a full buffer blocks the station before it. hpms: the concentrate store, unlimited; jetMills: the powder silo, whose overflow is sold as surplus powder.")]
    public double? BufferKg { get; init; }
}

/// <summary>
/// Every equipment type of the hub. Default MTBF, MTTR and maintenance are engineering assumptions chosen so that
/// HPMS and jet mills reach about the 0.85 availability of the equipment section; batch furnaces fail rarely
/// but take long to repair; reliability data for these machines were not found [S5].
/// </summary>
[Description("Every equipment type of the hub. Breakdown and maintenance defaults are engineering assumptions set so that HPMS vessels and jet mills reach about the 0.85 availability of the equipment section [S5].")]
public sealed class StationSet
{
    /// <summary>Truck receiving dock: 1 dock x 10,000 kg/h on the receiving calendar.</summary>
    [Description("Truck receiving dock (unloading and weighing concentrate); limits the concentrate the hub can take in. Default 1 unit x 10,000 kg/h on calendars.receiving: engineering assumption, a 20 t trailer unloaded by forklift in about 2 h. In the simulation the dock is the receiving calendar.")]
    public StationParameters Receiving { get; init; } = new() { Units = 1, RateKgPerHour = 10_000, MtbfHours = 2000, MttrHours = 4, MaintenanceEveryHours = 0, MaintenanceHours = 0 };

    /// <summary>HPMS vessels: MTBF 80 operating h, MTTR 10 h, 24 h maintenance every 4 weeks (availability ~0.89 x 0.96 = 0.86).</summary>
    [Description("HPMS vessels (units, batch and cycle from equipment.hpms). Default MTBF 80 operating h, MTTR 10 h, 24 h maintenance every 672 h: engineering assumption giving availability ~0.86, near the equipment section's 0.85.")]
    public StationParameters Hpms { get; init; } = new() { MtbfHours = 80, MttrHours = 10, MaintenanceEveryHours = 672, MaintenanceHours = 24 };

    /// <summary>Degassing furnaces: 3 x 1,000 kg batches of 8 h.</summary>
    [Description("Vacuum degassing furnaces for the hydride powder. Default 3 units, 1,000 kg batches, 8 h cycle (the charge and cycle of carbon.energy.degassing), MTBF 2,000 h, MTTR 24 h: engineering assumptions. In the simulation degassing runs inside the HPMS stage.")]
    public StationParameters Degassing { get; init; } = new() { Units = 3, LotKg = 1000, CycleHours = 8, MtbfHours = 2000, MttrHours = 24, MaintenanceEveryHours = 2016, MaintenanceHours = 24 };

    /// <summary>Jet mills: lots of 250 kg, MTBF 50 operating h, MTTR 6 h, 24 h maintenance every 4 weeks (availability ~0.89 x 0.96 = 0.86).</summary>
    [Description("Jet mills (units and rate from equipment.magnetLine). Default lot 250 kg (an inerted powder container), powder silo 20 t, MTBF 50 operating h, MTTR 6 h, 24 h maintenance every 672 h: engineering assumptions giving availability ~0.86, near the equipment section's 0.85.")]
    public StationParameters JetMills { get; init; } = new() { LotKg = 250, BufferKg = 20_000, MtbfHours = 50, MttrHours = 6, MaintenanceEveryHours = 672, MaintenanceHours = 24 };

    /// <summary>Field presses: 2 x 80 kg/h.</summary>
    [Description("Presses aligning powder in a field. Default 2 units x 80 kg/h, lots of 250 kg, buffer 5 t, MTBF 300 h, MTTR 4 h: engineering assumptions.")]
    public StationParameters Presses { get; init; } = new() { Units = 2, LotKg = 250, RateKgPerHour = 80, BufferKg = 5_000, MtbfHours = 300, MttrHours = 4 };

    /// <summary>Vacuum sintering furnaces: 4 x 1,000 kg batches of 24 h.</summary>
    [Description("Vacuum sintering furnaces. Default 4 units, 1,000 kg batches, 24 h cycle (heat-up, 1,000-1,100 C hold, cooling [9]), buffer 10 t, MTBF 2,000 h, MTTR 24 h: engineering assumptions.")]
    public StationParameters Sintering { get; init; } = new() { Units = 4, LotKg = 1000, CycleHours = 24, BufferKg = 10_000, MtbfHours = 2000, MttrHours = 24, MaintenanceEveryHours = 2016, MaintenanceHours = 24 };

    /// <summary>Heat-treatment furnaces: 3 x 1,000 kg batches of 16 h.</summary>
    [Description("Heat-treatment furnaces (two-stage anneal [9]). Default 3 units, 1,000 kg batches, 16 h cycle, buffer 10 t, MTBF 2,000 h, MTTR 24 h: engineering assumptions.")]
    public StationParameters HeatTreatment { get; init; } = new() { Units = 3, LotKg = 1000, CycleHours = 16, BufferKg = 10_000, MtbfHours = 2000, MttrHours = 24, MaintenanceEveryHours = 2016, MaintenanceHours = 24 };

    /// <summary>Slicing and grinding lines: 2 x 120 kg/h.</summary>
    [Description("Slicing and grinding lines. Default 2 units x 120 kg/h, lots of 500 kg, buffer 30 t, MTBF 200 h, MTTR 4 h: engineering assumptions.")]
    public StationParameters Machining { get; init; } = new() { Units = 2, LotKg = 500, RateKgPerHour = 120, BufferKg = 30_000, MtbfHours = 200, MttrHours = 4 };

    /// <summary>Coating line: 1 x 300 kg/h.</summary>
    [Description("Coating line. Default 1 unit x 300 kg/h, lots of 500 kg, buffer 30 t, MTBF 300 h, MTTR 6 h: engineering assumptions.")]
    public StationParameters Coating { get; init; } = new() { Units = 1, LotKg = 500, RateKgPerHour = 300, BufferKg = 30_000, MtbfHours = 300, MttrHours = 6 };

    /// <summary>Magnetising and inspection: 1 x 300 kg/h.</summary>
    [Description("Magnetising and inspection. Default 1 unit x 300 kg/h, lots of 500 kg, buffer 30 t, MTBF 500 h, MTTR 4 h: engineering assumptions.")]
    public StationParameters Inspection { get; init; } = new() { Units = 1, LotKg = 500, RateKgPerHour = 300, BufferKg = 30_000, MtbfHours = 500, MttrHours = 4 };
}
