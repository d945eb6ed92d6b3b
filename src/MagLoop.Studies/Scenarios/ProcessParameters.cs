using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MagLoop.Materials;

namespace MagLoop.Studies.Scenarios;

/// <summary>Parameters of the unit operations. Each default states its source.</summary>
[Description("Parameters of the unit operations.")]
public sealed class ProcessParameters
{
    /// <summary>Hydrogen Processing of Magnet Scrap.</summary>
    [Description("Hydrogen Processing of Magnet Scrap.")]
    public HpmsParameters Hpms { get; init; } = new();

    /// <summary>Degassing of the hydride powder.</summary>
    [Description("Degassing of the hydride powder.")]
    public DegassingParameters Degassing { get; init; } = new();

    /// <summary>Blending with fresh rare earth.</summary>
    [Description("Blending with fresh rare earth.")]
    public BlendingParameters Blending { get; init; } = new();

    /// <summary>Jet milling to 2-5 um under nitrogen.</summary>
    [Description("Jet milling to 2-5 um under nitrogen.")]
    public LossParameters JetMilling { get; init; } = new() { LossFraction = 0.01, OxygenPickupKgPerKg = 0.001 };

    /// <summary>Aligning and pressing in a magnetic field; broken compacts are pressing scrap.</summary>
    [Description("Aligning and pressing in a magnetic field; broken compacts are pressing scrap.")]
    public LossParameters Pressing { get; init; } = new() { LossFraction = 0.01 };

    /// <summary>Vacuum sintering at 1,000-1,100 C.</summary>
    [Description("Vacuum sintering at 1,000-1,100 C.")]
    public SinteringParameters Sintering { get; init; } = new();

    /// <summary>Two-stage anneal (850-950 C, then 400-600 C).</summary>
    [Description("Two-stage anneal (850-950 C, then 400-600 C).")]
    public LossParameters HeatTreatment { get; init; } = new() { LossFraction = 0.0 };

    /// <summary>Slicing and grinding to shape.</summary>
    [Description("Slicing and grinding to shape.")]
    public MachiningParameters Machining { get; init; } = new();

    /// <summary>Surface coating of the cut parts.</summary>
    [Description("Surface coating of the cut parts.")]
    public CoatingParameters Coating { get; init; } = new();

    /// <summary>Magnetising and final inspection.</summary>
    [Description("Magnetising and final inspection.")]
    public InspectionParameters Inspection { get; init; } = new();
}

/// <summary>HPMS parameters shared by all charges.</summary>
[Description("HPMS parameters shared by all charges.")]
public sealed class HpmsParameters
{
    /// <summary>kg H absorbed per kg of liberated alloy. Default 0.003: engineering estimate from stoichiometry, Nd2Fe14BH2.7 holds 0.25 wt% H and the Nd-rich phase as NdH2.7 ~0.05 wt%.</summary>
    [Range(0.0, 0.05), Description("kg H absorbed per kg of liberated alloy. Default 0.003: engineering estimate from stoichiometry, Nd2Fe14BH2.7 holds 0.25 wt% H and the Nd-rich phase as NdH2.7 ~0.05 wt%.")]
    public double HydrogenUptakeKgPerKg { get; init; } = 0.003;

    /// <summary>kg O picked up per kg of liberated alloy. Default 0.0005: engineering assumption for a sealed, evacuated and back-filled vessel (O/C pickup not found, hpms-facts 2a).</summary>
    [Range(0.0, 0.05), Description("kg O picked up per kg of liberated alloy. Default 0.0005: engineering assumption for a sealed, evacuated and back-filled vessel (O/C pickup not found, hpms-facts 2a).")]
    public double OxygenPickupKgPerKg { get; init; } = 0.0005;

    /// <summary>Fraction of coating that passes the 3-5 mm drum holes into the powder. Default 0.05: engineering assumption; Walton et al. 2015 needed sieving and a ball-bearing clean-up to remove Ni flakes.</summary>
    [Range(0.0, 1.0), Description("Fraction of coating that passes the 3-5 mm drum holes into the powder. Default 0.05: engineering assumption; Walton et al. 2015 needed sieving and a ball-bearing clean-up to remove Ni flakes.")]
    public double CoatingCarryover { get; init; } = 0.05;

    /// <summary>Fraction of steel, plastics and other matter that passes into the powder. Default 0.001: engineering assumption, yoke plates, laminations and housings are far larger than the 3-5 mm drum holes; only fines pass.</summary>
    [Range(0.0, 1.0), Description("Fraction of steel, plastics and other matter that passes into the powder. Default 0.001: engineering assumption, yoke plates, laminations and housings are far larger than the 3-5 mm drum holes; only fines pass.")]
    public double ForeignCarryover { get; init; } = 0.001;
}

/// <summary>Degassing parameters.</summary>
[Description("Degassing parameters.")]
public sealed class DegassingParameters
{
    /// <summary>Fraction of the powder's hydrogen released. Default 0.85: engineering assumption, the matrix hydride (~85 % of the H) desorbs below ~600 C while NdH2 in the grain boundary stays until sintering.</summary>
    [Range(0.0, 1.0), Description("Fraction of the powder's hydrogen released. Default 0.85: engineering assumption, the matrix hydride (~85 % of the H) desorbs below ~600 C while NdH2 in the grain boundary stays until sintering.")]
    public double HydrogenRemoved { get; init; } = 0.85;
}

/// <summary>Blending with fresh rare earth: the addition replaces RE bound as RE2O3 and tops up to the target.</summary>
[Description("Blending with fresh rare earth: the addition replaces RE bound as RE2O3 and tops up to the target.")]
public sealed class BlendingParameters
{
    /// <summary>Composition of the fresh addition (mass fractions). Default NdPr (didymium) metal Nd 0.75, Pr 0.25: engineering assumption, the Nd:Pr ratio of light-RE ores.</summary>
    [Description("Composition of the fresh addition (mass fractions). Default NdPr (didymium) metal Nd 0.75, Pr 0.25: engineering assumption, the Nd:Pr ratio of light-RE ores.")]
    public CompositionSpec FreshRareEarth { get; init; } = CompositionSpec.Of(("Nd", 0.75), ("Pr", 0.25));

    /// <summary>Rare earth not bound as oxide, as a mass fraction of the milled powder (the oxygen that jet milling adds is allowed for). Default 0.30: commercial sintered magnets hold 31-32 wt% RE (Yang et al. 2017) of which ~1.5-2 wt% is bound by 0.2-0.3 wt% O. Allowed 0.26-0.35: from just below stoichiometric Nd2Fe14B (26.7 wt% RE) to the top of the 28-36 wt% total RE of sintered grades less the oxide-bound part.</summary>
    [Range(0.26, 0.35), Description("Rare earth not bound as oxide, as a mass fraction of the milled powder (the oxygen that jet milling adds is allowed for). Default 0.30: commercial sintered magnets hold 31-32 wt% RE (Yang et al. 2017) of which ~1.5-2 wt% is bound by 0.2-0.3 wt% O. Allowed 0.26-0.35: from just below stoichiometric Nd2Fe14B (26.7 wt% RE; less RE leaves no grain-boundary phase and soft alpha-Fe) to the top of the 28-36 wt% total RE of sintered NdFeB grades less the ~1 wt% bound as oxide (engineering window).")]
    public double TargetFreeRareEarthFraction { get; init; } = 0.30;
}

/// <summary>A step with a loss and optional oxygen pickup.</summary>
[Description("A step that loses a fraction of its input and may pick up oxygen.")]
public sealed class LossParameters
{
    /// <summary>Fraction of the input lost (jet milling: fines to the filters, default 0.01; pressing: broken compacts, default 0.01; heat treatment: default 0). Engineering assumptions.</summary>
    [Range(0.0, 1.0), Description("Fraction of the input lost (jet milling: fines to the filters, default 0.01; pressing: broken compacts, default 0.01; heat treatment: default 0). Engineering assumptions.")]
    public double LossFraction { get; init; }

    /// <summary>kg O picked up per kg of product (jet milling default 0.001, engineering assumption for N2 with ppm O2).</summary>
    [Range(0.0, 0.05), Description("kg O picked up per kg of product (jet milling default 0.001, engineering assumption for N2 with ppm O2).")]
    public double OxygenPickupKgPerKg { get; init; }
}

/// <summary>Sintering parameters.</summary>
[Description("Sintering parameters.")]
public sealed class SinteringParameters
{
    /// <summary>Fraction of the remaining hydrogen released. Default 1: hydrides decompose far below the 1,000-1,100 C vacuum sintering temperature (hpms-facts 2b).</summary>
    [Range(0.0, 1.0), Description("Fraction of the remaining hydrogen released. Default 1: hydrides decompose far below the 1,000-1,100 C vacuum sintering temperature (hpms-facts 2b).")]
    public double HydrogenReleased { get; init; } = 1.0;

    /// <summary>Fraction of the mass left after hydrogen and organics are released that is lost (evaporation, breakage). Default 0.005: engineering assumption.</summary>
    [Range(0.0, 1.0), Description("Fraction of the mass left after hydrogen and organics are released that is lost (evaporation, breakage). Default 0.005: engineering assumption.")]
    public double LossFraction { get; init; } = 0.005;

    /// <summary>Fraction of organic matter (adhesive, epoxy, plastic fines) in the compact that pyrolyses to off-gas. Default 1: engineering assumption, organics do not survive 1,000-1,100 C in vacuum; the carbon they may leave is not modelled.</summary>
    [Range(0.0, 1.0), Description("Fraction of organic matter (adhesive, epoxy, plastic fines) in the compact that pyrolyses to off-gas. Default 1: engineering assumption, organics do not survive 1,000-1,100 C in vacuum; the carbon they may leave is not modelled.")]
    public double PolymerReleased { get; init; } = 1.0;
}

/// <summary>Machining parameters.</summary>
[Description("Machining parameters.")]
public sealed class MachiningParameters
{
    /// <summary>Fraction of the block mass that ends in cut parts. Default 0.75: engineering choice within the 60-80 % overall slicing and grinding yield (himagnet.com; BRIEF 60-85 %), simple block shapes assumed.</summary>
    [Range(0.0, 1.0), Description("Fraction of the block mass that ends in cut parts. Default 0.75: engineering choice within the 60-80 % overall slicing and grinding yield (himagnet.com; BRIEF 60-85 %), simple block shapes assumed.")]
    public double Yield { get; init; } = 0.75;

    /// <summary>kg O picked up by wet swarf per kg of swarf. Default 0.01: engineering assumption.</summary>
    [Range(0.0, 0.2), Description("kg O picked up by wet swarf per kg of swarf. Default 0.01: engineering assumption.")]
    public double SwarfOxygenPickupKgPerKg { get; init; } = 0.01;
}

/// <summary>Coating parameters.</summary>
[Description("Coating parameters.")]
public sealed class CoatingParameters
{
    /// <summary>none, nickel, zinc or epoxy. Default nickel (Ni-Cu-Ni), the most common coating (youngmagnet.com).</summary>
    [Description("none, nickel, zinc or epoxy. Default nickel (Ni-Cu-Ni), the most common coating (youngmagnet.com).")]
    public CoatingKind Kind { get; init; } = CoatingKind.Nickel;

    /// <summary>kg coating per kg of magnet. Default 0.01: engineering assumption, ~15 um Ni-Cu-Ni on parts a few mm thick.</summary>
    [Range(0.0, 0.2), Description("kg coating per kg of magnet. Default 0.01: engineering assumption, ~15 um Ni-Cu-Ni on parts a few mm thick.")]
    public double MassPerMagnetMass { get; init; } = 0.01;
}

/// <summary>Magnetising and inspection parameters.</summary>
[Description("Magnetising and inspection parameters.")]
public sealed class InspectionParameters
{
    /// <summary>Fraction of parts rejected. Default 0.02: engineering assumption.</summary>
    [Range(0.0, 1.0), Description("Fraction of parts rejected. Default 0.02: engineering assumption.")]
    public double RejectFraction { get; init; } = 0.02;
}

/// <summary>Where machining swarf goes.</summary>
public enum SwarfDestination
{
    /// <summary>Sold as an NdFeB co-product.</summary>
    CoProduct,
    /// <summary>Back to the HPMS vessels.</summary>
    Hpms,
}

/// <summary>Where inspection rejects go.</summary>
public enum RejectsDestination
{
    /// <summary>Back to the HPMS vessels.</summary>
    Hpms,
    /// <summary>Sold as an NdFeB co-product.</summary>
    CoProduct,
}

/// <summary>Where pressing scrap (broken green compacts) goes.</summary>
public enum PressingScrapDestination
{
    /// <summary>Back to blending, to be re-milled.</summary>
    Blending,
    /// <summary>Sold as an NdFeB co-product.</summary>
    CoProduct,
}

/// <summary>Where machining swarf, inspection rejects and pressing scrap go.</summary>
[Description("Where machining swarf, inspection rejects and pressing scrap go.")]
public sealed class Routing
{
    /// <summary>coProduct or hpms. Default coProduct: wet, oxidised swarf suits long-loop recyclers better than HPMS.</summary>
    [Description("coProduct or hpms. Default coProduct: wet, oxidised swarf suits long-loop recyclers better than HPMS.")]
    public SwarfDestination Swarf { get; init; } = SwarfDestination.CoProduct;

    /// <summary>hpms or coProduct. Default hpms: whole rejected magnets are clean HPMS feed.</summary>
    [Description("hpms or coProduct. Default hpms: whole rejected magnets are clean HPMS feed.")]
    public RejectsDestination Rejects { get; init; } = RejectsDestination.Hpms;

    /// <summary>blending or coProduct. Default blending: broken green compacts are re-milled.</summary>
    [Description("blending or coProduct. Default blending: broken green compacts are re-milled.")]
    public PressingScrapDestination PressingScrap { get; init; } = PressingScrapDestination.Blending;
}
