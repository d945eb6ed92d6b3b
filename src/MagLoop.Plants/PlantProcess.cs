using MagLoop.Materials;
using MagLoop.Materials.Magnets;
using MagLoop.Process;

namespace MagLoop.Plants;

/// <summary>Parameters of the plant's unit operations and the routing of its recycles, as the flowsheet applies them.</summary>
/// <param name="Hpms">HPMS hydriding and liberation.</param>
/// <param name="Degassing">Degassing of the hydride powder.</param>
/// <param name="FreshRareEarth">Composition of the fresh rare earth added at blending.</param>
/// <param name="TargetFreeRareEarthFraction">Free (non-oxide) rare earth the milled blend is brought to.</param>
/// <param name="JetMilling">Jet-mill losses and oxygen pickup.</param>
/// <param name="Pressing">Pressing scrap and oxygen pickup.</param>
/// <param name="Sintering">Sintering gas release and losses.</param>
/// <param name="HeatTreatment">Heat-treatment losses and oxygen pickup.</param>
/// <param name="Machining">Machining yield and swarf oxidation.</param>
/// <param name="Coating">Coating kind and mass.</param>
/// <param name="Inspection">Reject fraction.</param>
/// <param name="Routing">Where swarf, rejects and pressing scrap go.</param>
public sealed record PlantProcess(
    Hpms.Parameters Hpms,
    Degassing.Parameters Degassing,
    Composition FreshRareEarth,
    double TargetFreeRareEarthFraction,
    LossyStep.Parameters JetMilling,
    LossyStep.Parameters Pressing,
    Sintering.Parameters Sintering,
    LossyStep.Parameters HeatTreatment,
    Machining.Parameters Machining,
    Coating.Parameters Coating,
    Inspection.Parameters Inspection,
    PlantRouting Routing);

/// <summary>Where the plant's own scrap goes.</summary>
/// <param name="SwarfToHpms">Machining swarf back to HPMS (else sold as a co-product).</param>
/// <param name="RejectsToHpms">Inspection rejects back to HPMS (else sold).</param>
/// <param name="PressingScrapToBlending">Pressing scrap back to blending (else sold).</param>
public sealed record PlantRouting(bool SwarfToHpms, bool RejectsToHpms, bool PressingScrapToBlending);

/// <summary>The magnets made: processing the property model needs, and the grade the blending aims at.</summary>
/// <param name="Processing">Density, grain size and grain-boundary diffusion.</param>
/// <param name="TargetGrade">Grade the blending aims at, or null.</param>
public sealed record MagnetSpecification(MagnetProcessing Processing, MagnetGrade? TargetGrade)
{
    /// <summary>The blending step's grade target, or null.</summary>
    public MagnetGradeTarget? GradeTarget => TargetGrade is { } grade ? new MagnetGradeTarget(grade, Processing) : null;
}

/// <summary>Settings of the discrete-event plant simulation beyond the stations.</summary>
/// <param name="Years">Years at full rate per replication.</param>
/// <param name="Replications">Independent replications.</param>
/// <param name="WarmUpDays">Days simulated before statistics start.</param>
/// <param name="RampUp">Fraction of nominal rates in each ramp-up year.</param>
/// <param name="ReceivingCalendar">Calendar of the truck dock; trucks arriving outside it wait.</param>
/// <param name="TruckPayloadKg">Concentrate per truck, kg.</param>
/// <param name="TruckSpeedKmPerHour">Average speed over a whole trip, km/h.</param>
/// <param name="TransitTimeCv">Coefficient of variation of transit times.</param>
public sealed record SimulationSettings(
    int Years,
    int Replications,
    double WarmUpDays,
    IReadOnlyList<double> RampUp,
    WorkCalendar ReceivingCalendar,
    double TruckPayloadKg,
    double TruckSpeedKmPerHour,
    double TransitTimeCv);
