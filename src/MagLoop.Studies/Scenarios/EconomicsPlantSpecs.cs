using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MagLoop.Studies.Scenarios;

// Parts of the `economics:` section that attach money and people to the plant's equipment: cost curves and
// factors (capital), crews and support ratios (labour), the grade price table and the co-product sales classes.
// docs/model-economics.md gives the equations and the calibration; docs/references.md [E9]-[E12] the sources.

/// <summary>Capital from the equipment: a cost curve per station kind, factors on delivered cost, and the fit-out of each spoke.</summary>
[Description("Initial capital from the equipment: a cost curve per station kind, factored items on the delivered equipment cost, and each spoke's fit-out; every area carries the contingency (docs/model-economics.md).")]
public sealed class CapitalSpec
{
    /// <summary>Cost curve of each station kind.</summary>
    [Required, Description("Cost curve of each station kind of the plant; every station with units needs one.")]
    public IReadOnlyList<CostCurveSpec> Equipment { get; init; } = [];

    /// <summary>Factors on delivered equipment cost.</summary>
    [Description("Items factored on the delivered equipment cost (Peters and Timmerhaus, solid-processing plant [E9]).")]
    public CapitalFactorsSpec Factors { get; init; } = new();

    /// <summary>Fit-out of each spoke before contingency.</summary>
    [Range(0.0, 1e10), Description("Fit-out of each spoke site (leased building, dismantling and sorting equipment), $ before contingency; every spoke of the plant brings one. Default 6,000,000: engineering assumption.")]
    public double SpokeFitOutUsd { get; init; } = 6_000_000;
}

/// <summary>A cost curve for one station kind.</summary>
[Description("Delivered cost of one unit against its size, delivered = referenceDeliveredUsd x (size / referenceSize)^scalingExponent; installed = delivered x installationFactor. The size is the station's rate (kg/h) or batch charge (kg).")]
public sealed class CostCurveSpec
{
    /// <summary>Station kind.</summary>
    [Required, Description("Station kind: receiving, hpms, degassing, jetMill, press, sinteringFurnace, heatTreatmentFurnace, grainBoundaryDiffusion, machining, coating or inspection.")]
    public string Station { get; init; } = "";

    /// <summary>Reference size.</summary>
    [Required, Range(1e-6, 1e9), Description("Size at which the reference cost holds: kg/h for continuous stations, kg per batch for batch stations.")]
    public double ReferenceSize { get; init; }

    /// <summary>Delivered cost at the reference size.</summary>
    [Required, Range(0.0, 1e10), Description("Delivered purchase cost of one unit at the reference size, $.")]
    public double ReferenceDeliveredUsd { get; init; }

    /// <summary>Scaling exponent.</summary>
    [Range(0.01, 1.0), Description("Exponent of the size ratio. Default 0.6: the six-tenths rule (Williams 1947 [E10]).")]
    public double ScalingExponent { get; init; } = 0.6;

    /// <summary>Installation factor.</summary>
    [Range(1.0, 10.0), Description("Installed over delivered cost. Default 1.80: installation 45 %, instrumentation 9 %, piping 16 %, electrical 10 % of delivered cost for a solid-processing plant [E9].")]
    public double InstallationFactor { get; init; } = 1.80;

    /// <summary>Source of the reference cost.</summary>
    [Description("Source of the reference cost, or what it was calibrated to.")]
    public string? Source { get; init; }
}

/// <summary>Factored capital items.</summary>
[Description("Capital items factored on the delivered equipment cost, and the contingency.")]
public sealed class CapitalFactorsSpec
{
    /// <summary>Service facilities.</summary>
    [Range(0.0, 10.0), Description("Service facilities (utilities, power, gases), per $ of delivered equipment. Default 0.40: solid-processing plant [E9].")]
    public double ServiceFacilities { get; init; } = 0.40;

    /// <summary>Buildings.</summary>
    [Range(0.0, 10.0), Description("Buildings including services, per $ of delivered equipment. Default 0.25: solid-processing plant [E9].")]
    public double Buildings { get; init; } = 0.25;

    /// <summary>Indirect costs.</summary>
    [Range(0.0, 10.0), Description("Engineering and supervision (0.33) plus construction expenses (0.39), per $ of delivered equipment. Default 0.72: solid-processing plant [E9].")]
    public double Indirect { get; init; } = 0.72;

    /// <summary>Contingency.</summary>
    [Range(0.0, 1.0), Description("Contingency on every area. Default 0.15: engineering assumption (AACE class 3 estimates carry 10-20 %).")]
    public double Contingency { get; init; } = 0.15;
}

/// <summary>Staff from the equipment and its calendars.</summary>
[Description("Staff from the equipment: operators per unit and shift at each station over its calendar, each spoke's crew, and support roles in proportion to operators (docs/model-economics.md).")]
public sealed class LabourSection
{
    /// <summary>Hours one FTE covers per year.</summary>
    [Range(500.0, 4000.0), Description("Hours one full-time equivalent covers per year. Default 1,880: engineering assumption (2,080 paid hours less about 200 h of leave, holidays and training).")]
    public double PaidHoursPerFtePerYear { get; init; } = 1880;

    /// <summary>Crew by station kind.</summary>
    [Description("Operators per unit and shift, by station kind; a station kind not listed runs unattended.")]
    public IReadOnlyList<CrewSpec> Crews { get; init; } = [];

    /// <summary>Crew of each spoke.</summary>
    [Description("Operators of each spoke's dismantling and sorting, per shift, and the spoke's calendar.")]
    public SpokeCrewSpec SpokeCrew { get; init; } = new();

    /// <summary>Support roles.</summary>
    [Description("Support roles at every site: shareOfOperators x the site's operators + a fixed core per hub or spoke.")]
    public IReadOnlyList<SupportRoleSpec> Support { get; init; } = [];

    /// <summary>Loaded wages.</summary>
    [Required, Description("Loaded wage (with benefits and payroll taxes) by role ('operators' for station and spoke crews), optionally per site; every role at every site needs one.")]
    public IReadOnlyList<WageSpec> Wages { get; init; } = [];
}

/// <summary>Crew of one station kind.</summary>
[Description("Operators of one station kind.")]
public sealed class CrewSpec
{
    /// <summary>Station kind.</summary>
    [Required, Description("Station kind (as in capital.equipment).")]
    public string Station { get; init; } = "";

    /// <summary>Operators per unit per shift.</summary>
    [Required, Range(0.0, 100.0), Description("Operators per unit and shift; fractions when one person tends several units.")]
    public double PerUnitPerShift { get; init; }
}

/// <summary>Crew of a spoke.</summary>
[Description("Crew of each spoke's dismantling and sorting.")]
public sealed class SpokeCrewSpec
{
    /// <summary>Operators per shift.</summary>
    [Range(0.0, 1000.0), Description("Operators per shift at each spoke. Default 3: engineering assumption.")]
    public double PerShift { get; init; } = 3;

    /// <summary>Calendar.</summary>
    [Description("Shifts at each spoke. Default 2 x 8 h, 5 days: engineering assumption (day shifts, as the hub's receiving dock).")]
    public ShiftCalendar Calendar { get; init; } = new() { ShiftsPerDay = 2, DaysPerWeek = 5 };
}

/// <summary>A support role.</summary>
[Description("A support role at every site.")]
public sealed class SupportRoleSpec
{
    /// <summary>Role.</summary>
    [Required, Description("Role name (maintenance, quality, logistics, management ...).")]
    public string Role { get; init; } = "";

    /// <summary>FTE per operator.</summary>
    [Range(0.0, 10.0), Description("Full-time equivalents per operator at the same site.")]
    public double ShareOfOperators { get; init; }

    /// <summary>Fixed core at a hub.</summary>
    [Range(0.0, 1e4), Description("Full-time equivalents at each hub whatever its size.")]
    public double FixedPerHub { get; init; }

    /// <summary>Fixed core at a spoke.</summary>
    [Range(0.0, 1e4), Description("Full-time equivalents at each spoke whatever its size.")]
    public double FixedPerSpoke { get; init; }
}

/// <summary>A loaded wage.</summary>
[Description("Loaded wage of a role, at one site or at every site without its own line.")]
public sealed class WageSpec
{
    /// <summary>Role.</summary>
    [Required, Description("Role name; 'operators' for station and spoke crews.")]
    public string Role { get; init; } = "";

    /// <summary>Site, or none for every site.</summary>
    [Description("Site id; absent: every site without its own line for the role.")]
    public string? Site { get; init; }

    /// <summary>Loaded wage.</summary>
    [Required, Range(0.0, 1e7), Description("Loaded wage per full-time equivalent, $/yr.")]
    public double UsdPerYear { get; init; }
}

/// <summary>Magnet price by grade.</summary>
[Description("Magnet price by predicted grade: the deck's magnet price is that of referenceGrade; other grades add a premium by coercivity class and by MGOe; a deck's gradePremiums name single grades; a magnet below every grade sells at belowGradeShare of the reference price.")]
public sealed class MagnetPricingSpec
{
    /// <summary>The grade the deck's magnet price is for.</summary>
    [Description("Grade the deck's magnet price is for. Default 38M: the grade the magnet model predicts for the bundled hub, so the calibrated price holds for it.")]
    public string ReferenceGrade { get; init; } = "38M";

    /// <summary>Premium by coercivity class.</summary>
    [Description("Premium of each coercivity class, $/kg (the reference grade's class is the zero). Defaults: engineering assumption, rising with the Dy/Tb a class needs.")]
    public ClassPremiumsSpec ClassPremiumsUsdPerKg { get; init; } = new();

    /// <summary>Premium per MGOe.</summary>
    [Range(0.0, 100.0), Description("Premium per MGOe of nominal (BH)max above the reference grade (a discount below it), $/kg. Default 1.0: engineering assumption.")]
    public double UsdPerKgPerMgoe { get; init; } = 1.0;

    /// <summary>Share paid below every grade.</summary>
    [Range(0.0, 1.0), Description("Share of the reference price paid for a magnet below every standard grade. Default 0.5: engineering assumption (sold as off-grade or for re-processing).")]
    public double BelowGradeShare { get; init; } = 0.5;
}

/// <summary>Premiums by coercivity class.</summary>
[Description("Premium of each coercivity class, $/kg.")]
public sealed class ClassPremiumsSpec
{
    /// <summary>N.</summary>
    [Range(-1000.0, 1000.0), Description("N. Default -4.")]
    public double N { get; init; } = -4;

    /// <summary>M.</summary>
    [Range(-1000.0, 1000.0), Description("M. Default 0.")]
    public double M { get; init; }

    /// <summary>H.</summary>
    [Range(-1000.0, 1000.0), Description("H. Default 4.")]
    public double H { get; init; } = 4;

    /// <summary>SH.</summary>
    [Range(-1000.0, 1000.0), Description("SH. Default 9.")]
    public double Sh { get; init; } = 9;

    /// <summary>UH.</summary>
    [Range(-1000.0, 1000.0), Description("UH. Default 16.")]
    public double Uh { get; init; } = 16;

    /// <summary>EH.</summary>
    [Range(-1000.0, 1000.0), Description("EH. Default 24.")]
    public double Eh { get; init; } = 24;

    /// <summary>AH.</summary>
    [Range(-1000.0, 1000.0), Description("AH. Default 32.")]
    public double Ah { get; init; } = 32;
}

/// <summary>A co-product sales class.</summary>
[Description("A sales class of co-product, best first: a co-product sells as the first class whose limits it meets, for payableShare x its rare earth x 1.1664 x the NdPr oxide price, less carryOverPenaltyUsdPerKg per kg of carry-over; one that meets none is not sold.")]
public sealed class CoProductClassSpec
{
    /// <summary>Class name.</summary>
    [Required, Description("Class name.")]
    public string Name { get; init; } = "";

    /// <summary>Least rare-earth fraction.</summary>
    [Range(0.0, 1.0), Description("Least Nd+Pr+Dy+Tb mass fraction.")]
    public double MinRareEarthFraction { get; init; }

    /// <summary>Most oxygen.</summary>
    [Range(0.0, 1.0), Description("Most oxygen mass fraction.")]
    public double MaxOxygenFraction { get; init; } = 1;

    /// <summary>Most carry-over.</summary>
    [Range(0.0, 1.0), Description("Most carry-over (steel, coating metals, polymers, other foreign matter) mass fraction.")]
    public double MaxCarryOverFraction { get; init; } = 1;

    /// <summary>Payable share.</summary>
    [Range(0.0, 10.0), Description("Share of the contained rare earth's oxide-equivalent value paid (above 1: alloy sells above oxide).")]
    public double PayableShare { get; init; }

    /// <summary>Penalty per kg carry-over.</summary>
    [Range(0.0, 1000.0), Description("Deduction per kg of carry-over, $ (treatment charge). Default 0.")]
    public double CarryOverPenaltyUsdPerKg { get; init; }
}

/// <summary>How the plant chooses feeds when capacity binds.</summary>
public enum FeedChoiceMode
{
    /// <summary>Best margin per kg of binding capacity first; the marginal feed is cut back.</summary>
    Margin,
    /// <summary>Every feed cut back by the same share (the flowsheet's own scaling).</summary>
    ProRata,
}
