using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MagLoop.Materials;

namespace MagLoop.Studies.Scenarios;

// The typed scenario as written in YAML. Keys are the camelCase property names. Numbers are >= 0 unless a
// [Range] says otherwise. Defaults carry their source in [Description]; docs/references.md has the full list.
// docs/scenario.schema.json is generated from these classes (`magloop schema`), and a test keeps it in step.

/// <summary>A MagLoop scenario: the plant, its feeds and its process parameters.</summary>
[Description("A MagLoop scenario: sites, feeds, equipment, process parameters and routing of one plant configuration.")]
public sealed class Scenario
{
    /// <summary>Scenario name shown in reports.</summary>
    [Required, Description("Scenario name shown in reports.")]
    public string Name { get; init; } = "";

    /// <summary>Free text describing the scenario and its sources.</summary>
    [Description("Free text describing the scenario and its sources.")]
    public string? Description { get; init; }

    /// <summary>The hub and the spokes, with coordinates.</summary>
    [Required, Description("The hub and the spokes, with coordinates.")]
    public IReadOnlyList<Site> Sites { get; init; } = [];

    /// <summary>Shipping lanes; a spoke's concentrate reaches the hub along them.</summary>
    [Description("Shipping lanes; a spoke's concentrate reaches the hub along them.")]
    public IReadOnlyList<Route> Routes { get; init; } = [];

    /// <summary>Scrap types defined by this scenario, in addition to the built-in library.</summary>
    [Description("Scrap types defined here in addition to the built-in library (hdd-vcm, ev-rotor, wind-generator, industrial-motor, speaker-zn, pre-consumer-rejects, pre-consumer-swarf).")]
    public IReadOnlyList<ScrapTypeDefinition> ScrapTypes { get; init; } = [];

    /// <summary>Scrap supplies: what each spoke can source per year.</summary>
    [Required, Description("Scrap supplies: what each spoke can source per year.")]
    public IReadOnlyList<Feed> Feeds { get; init; } = [];

    /// <summary>HPMS vessels and the magnet line.</summary>
    [Required, Description("HPMS vessels and the magnet line, from which capacities follow.")]
    public Equipment Equipment { get; init; } = new();

    /// <summary>Parameters of the unit operations.</summary>
    [Description("Parameters of the unit operations; each defaults to a cited value.")]
    public ProcessParameters Process { get; init; } = new();

    /// <summary>Where swarf, rejects and pressing scrap go.</summary>
    [Description("Where swarf, rejects and pressing scrap go.")]
    public Routing Routing { get; init; } = new();

    /// <summary>Medium and long loops beside the short loop and the route choice's limits; absent: the short loop only.</summary>
    [Description("Recycling routes beside the short loop and the route choice's limits (docs/model-routes.md). Absent: the short loop only, placed by routing.")]
    public RecyclingRoutesSection? RecyclingRoutes { get; init; }

    /// <summary>Carbon footprint settings: grid regions by site, equipment energy, factors, allocation, uncertainty.</summary>
    [Description("Carbon footprint settings: grid regions by site, equipment energy, emission factors, allocation, uncertainty; all optional with cited defaults.")]
    public CarbonSection Carbon { get; init; } = new();

    /// <summary>The magnets made: processing for the property model and an optional target grade.</summary>
    [Description("The magnets made: processing for the property model and an optional target grade (docs/model-magnet.md).")]
    public MagnetsSection Magnets { get; init; } = new();

    /// <summary>Techno-economics; absent: no economics in the study.</summary>
    [Description("Techno-economics: capital, price decks, operating cost, tax, financing and risk (docs/model-economics.md). Absent: the study reports no economics.")]
    public EconomicsSection? Economics { get; init; }

    /// <summary>Discrete-event simulation settings; optional, every field defaults to a stated value.</summary>
    [Description("Discrete-event simulation of a real year (trucks, batches, shifts, breakdowns); optional, every field has a stated default.")]
    public SimulationSection Simulation { get; init; } = new();
}

/// <summary>Kind of site.</summary>
public enum SiteKind
{
    /// <summary>Central plant with HPMS and the magnet line.</summary>
    Hub,
    /// <summary>Pre-processing site that sorts, dismantles and ships concentrate to the hub.</summary>
    Spoke,
}

/// <summary>A site of the network.</summary>
[Description("A site of the network.")]
public sealed class Site
{
    /// <summary>Identifier used by feeds, routes and equipment.</summary>
    [Required, Description("Identifier used by feeds, routes and equipment.")]
    public string Id { get; init; } = "";

    /// <summary>Display name.</summary>
    [Description("Display name.")]
    public string? Name { get; init; }

    /// <summary>hub or spoke.</summary>
    [Required, Description("hub or spoke.")]
    public SiteKind Kind { get; init; }

    /// <summary>Latitude, decimal degrees (north positive).</summary>
    [Required, Range(-90.0, 90.0), Description("Latitude, decimal degrees (north positive).")]
    public double Latitude { get; init; }

    /// <summary>Longitude, decimal degrees (east positive).</summary>
    [Required, Range(-180.0, 180.0), Description("Longitude, decimal degrees (east positive).")]
    public double Longitude { get; init; }
}

/// <summary>Transport mode.</summary>
public enum TransportMode
{
    /// <summary>Road freight.</summary>
    Truck,
    /// <summary>Rail freight.</summary>
    Rail,
}

/// <summary>A shipping lane from one site to another.</summary>
[Description("A shipping lane from one site to another.")]
public sealed class Route
{
    /// <summary>Origin site id.</summary>
    [Required, Description("Origin site id.")]
    public string From { get; init; } = "";

    /// <summary>Destination site id.</summary>
    [Required, Description("Destination site id.")]
    public string To { get; init; } = "";

    /// <summary>truck or rail.</summary>
    [Description("truck or rail.")]
    public TransportMode Mode { get; init; } = TransportMode.Truck;

    /// <summary>Distance travelled, km.</summary>
    [Required, Range(0.0, 20000.0, MinimumIsExclusive = true), Description("Distance travelled, km.")]
    public double DistanceKm { get; init; }
}

/// <summary>A scrap supply at a site.</summary>
[Description("A scrap supply at a site.")]
public sealed class Feed
{
    /// <summary>Identifier of the feed.</summary>
    [Required, Description("Identifier of the feed.")]
    public string Id { get; init; } = "";

    /// <summary>Scrap type id, from the built-in library or scrapTypes.</summary>
    [Required, Description("Scrap type id, from the built-in library or scrapTypes.")]
    public string ScrapType { get; init; } = "";

    /// <summary>Site where the scrap is received.</summary>
    [Required, Description("Site id where the scrap is received and pre-processed.")]
    public string Site { get; init; } = "";

    /// <summary>Scrap available per year, as received.</summary>
    [Required, Range(0.0, 1e7), Description("Scrap available per year as received, tonnes. The plant takes less when HPMS capacity binds.")]
    public double TonnesPerYear { get; init; }

    /// <summary>Override of the scrap type's HPMS extraction yield.</summary>
    [Range(0.0, 1.0), Description("Overrides the scrap type's HPMS extraction yield (fraction).")]
    public double? ExtractionYield { get; init; }

    /// <summary>Override of the scrap type's spoke magnet recovery.</summary>
    [Range(0.0, 1.0), Description("Overrides the scrap type's spoke magnet recovery (fraction).")]
    public double? SpokeMagnetRecovery { get; init; }

    /// <summary>Override of the scrap type's spoke foreign-matter removal.</summary>
    [Range(0.0, 1.0), Description("Overrides the scrap type's spoke removal of foreign matter (fraction).")]
    public double? SpokeForeignRemoval { get; init; }
}

/// <summary>A scrap type defined in the scenario.</summary>
[Description("A scrap type defined in the scenario; same fields as the built-in library.")]
public sealed class ScrapTypeDefinition
{
    /// <summary>Identifier, kebab-case.</summary>
    [Required, Description("Identifier, kebab-case.")]
    public string Id { get; init; } = "";

    /// <summary>Display name.</summary>
    [Description("Display name.")]
    public string? Name { get; init; }

    /// <summary>Source of the figures (citation or stated assumption).</summary>
    [Required, Description("Source of the figures (citation or stated assumption).")]
    public string Source { get; init; } = "";

    /// <summary>kg of magnet alloy (coating excluded) per kg of scrap as received.</summary>
    [Required, Range(0.0, 1.0), Description("kg of magnet alloy (coating excluded) per kg of scrap as received.")]
    public double MagnetMassFraction { get; init; }

    /// <summary>Alloy composition without oxygen.</summary>
    [Required, Description("Magnet alloy composition without oxygen or hydrogen: mass fractions of alloy elements (Nd, Pr, Dy, Tb, Ce, Fe, Co, B, Cu, Al, Ga, Nb, C), one may be 'bal'.")]
    public CompositionSpec MagnetComposition { get; init; } = new();

    /// <summary>kg of oxygen per kg of magnet alloy.</summary>
    [Required, Range(0.0, 1.0), Description("kg of oxygen per kg of magnet alloy.")]
    public double OxygenMassFraction { get; init; }

    /// <summary>none, nickel, zinc or epoxy.</summary>
    [Description("none, nickel, zinc or epoxy.")]
    public CoatingKind Coating { get; init; } = CoatingKind.None;

    /// <summary>kg of coating per kg of magnet alloy.</summary>
    [Range(0.0, 1.0), Description("kg of coating per kg of magnet alloy.")]
    public double CoatingMassPerMagnetMass { get; init; }

    /// <summary>Split of the non-magnet remainder among steel, polymer and other (mass fractions).</summary>
    [Required, Description("Split of the non-magnet remainder among steel, polymer and other (mass fractions).")]
    public CompositionSpec ForeignComposition { get; init; } = new();

    /// <summary>Fraction of the magnets kept by spoke sorting and dismantling.</summary>
    [Required, Range(0.0, 1.0), Description("Fraction of the magnets kept by spoke sorting and dismantling.")]
    public double SpokeMagnetRecovery { get; init; }

    /// <summary>Fraction of the foreign matter removed at the spoke.</summary>
    [Required, Range(0.0, 1.0), Description("Fraction of the foreign matter removed at the spoke.")]
    public double SpokeForeignRemoval { get; init; }

    /// <summary>Fraction of the magnet alloy that HPMS liberates as powder.</summary>
    [Required, Range(0.0, 1.0), Description("Fraction of the magnet alloy that HPMS liberates as powder.")]
    public double HpmsExtractionYield { get; init; }
}

/// <summary>Equipment that sets capacities.</summary>
[Description("Equipment that sets capacities.")]
public sealed class Equipment
{
    /// <summary>HPMS vessels at the hub.</summary>
    [Required, Description("HPMS vessels at the hub.")]
    public HpmsEquipment Hpms { get; init; } = new();

    /// <summary>The magnet line (jet mills to inspection) at the hub.</summary>
    [Required, Description("The magnet line (jet mills to inspection) at the hub.")]
    public MagnetLineEquipment MagnetLine { get; init; } = new();
}

/// <summary>HPMS vessels; capacity = vessels x batchKg x operatingHoursPerYear / cycleHours x availability.</summary>
[Description("HPMS vessels; capacity = vessels x batchKg x operatingHoursPerYear / cycleHours x availability.")]
public sealed class HpmsEquipment
{
    /// <summary>Site id of the vessels (the hub).</summary>
    [Required, Description("Site id of the vessels (the hub).")]
    public string Site { get; init; } = "";

    /// <summary>Number of HPMS vessels.</summary>
    [Required, Range(1, 100), Description("Number of HPMS vessels.")]
    public int Vessels { get; init; }

    /// <summary>Scrap concentrate charged per batch, kg.</summary>
    [Required, Range(0.0, 1e6, MinimumIsExclusive = true), Description("Scrap concentrate charged per batch, kg.")]
    public double BatchKg { get; init; }

    /// <summary>Hours per batch from loading to unloading.</summary>
    [Required, Range(0.1, 1000.0), Description("Hours per batch from loading to unloading.")]
    public double CycleHours { get; init; }

    /// <summary>Scheduled operating hours per year. Default 8760: engineering assumption, continuous operation on three shifts.</summary>
    [Range(0.0, 8784.0, MinimumIsExclusive = true), Description("Scheduled operating hours per year. Default 8760: engineering assumption, continuous operation on three shifts.")]
    public double OperatingHoursPerYear { get; init; } = 8760;

    /// <summary>Fraction of scheduled hours the vessels are available.</summary>
    [Required, Range(0.0, 1.0), Description("Fraction of scheduled hours the vessels are available.")]
    public double Availability { get; init; }
}

/// <summary>The magnet line; capacity = jetMills x jetMillKgPerHour x operatingHoursPerYear x availability of blended powder.</summary>
[Description("The magnet line; capacity = jetMills x jetMillKgPerHour x operatingHoursPerYear x availability of blended powder.")]
public sealed class MagnetLineEquipment
{
    /// <summary>Site id of the magnet line (the hub).</summary>
    [Required, Description("Site id of the magnet line (the hub).")]
    public string Site { get; init; } = "";

    /// <summary>Number of jet mills (the line's pacing equipment).</summary>
    [Required, Range(1, 100), Description("Number of jet mills (the line's pacing equipment).")]
    public int JetMills { get; init; }

    /// <summary>Powder feed rate per jet mill, kg/h.</summary>
    [Required, Range(0.0, 1e5, MinimumIsExclusive = true), Description("Powder feed rate per jet mill, kg/h.")]
    public double JetMillKgPerHour { get; init; }

    /// <summary>Scheduled operating hours per year. Default 8760: engineering assumption, continuous operation on three shifts.</summary>
    [Range(0.0, 8784.0, MinimumIsExclusive = true), Description("Scheduled operating hours per year. Default 8760: engineering assumption, continuous operation on three shifts.")]
    public double OperatingHoursPerYear { get; init; } = 8760;

    /// <summary>Fraction of scheduled hours the line is available.</summary>
    [Required, Range(0.0, 1.0), Description("Fraction of scheduled hours the line is available.")]
    public double Availability { get; init; }
}
