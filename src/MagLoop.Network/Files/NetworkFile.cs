using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace MagLoop.Network.Files;

// The network file as written in YAML (networks/*.yaml). Keys are the camelCase property names; numbers are >= 0
// unless a [Range] says otherwise; read by the scenario reader's binder (ScenarioReader.ReadDocument), so errors are
// located by file, line, column and field exactly as in scenarios. docs/network.schema.json is generated from these
// classes and a test keeps it in step. Defaults carry their source in [Description]; docs/network.md has the method.

/// <summary>A network file: planning years, scrap supply, candidate spokes and hubs, transport, demand and carbon policy.</summary>
[Description("A MagLoop network: planning years, scrap supply estimated from cited proxies, candidate spokes and hubs (hubs as scenario files of the twin), transport, demand and carbon policy (docs/network.md).")]
public sealed class NetworkFile
{
    /// <summary>Case name.</summary>
    [Required, Description("Case name shown in results.")]
    public string Name { get; init; } = "";

    /// <summary>Free text.</summary>
    [Description("Free text describing the case and its sources.")]
    public string? Description { get; init; }

    /// <summary>Folder of the network reference data, relative to this file.</summary>
    [Description("Folder of the network reference data (candidate-sites.csv and the proxy tables), relative to this file. Default: the nearest shared/reference/network-data in this file's folder or a parent (the repository's ../shared). The data is not copied into the repository.")]
    public string? Data { get; init; }

    /// <summary>First planning year.</summary>
    [Required, Range(2000, 2100), Description("First planning year.")]
    public int FirstYear { get; init; }

    /// <summary>Last planning year.</summary>
    [Required, Range(2000, 2100), Description("Last planning year (inclusive).")]
    public int LastYear { get; init; }

    /// <summary>Real discount rate.</summary>
    [Required, Range(0.0, 1.0), Description("Real discount rate per year.")]
    public double DiscountRate { get; init; }

    /// <summary>Scrap supply.</summary>
    [Required, Description("Scrap supply: estimates from proxies, fixed supplies and the feeds of scenario files.")]
    public SupplySection Supply { get; init; } = new();

    /// <summary>Candidate hubs.</summary>
    [Required, Description("Candidate hubs: sites of candidate-sites.csv, each with its options as scenario files of the twin.")]
    public IReadOnlyList<HubSpec> Hubs { get; init; } = [];

    /// <summary>Candidate spokes.</summary>
    [Description("Candidate spokes: sites of candidate-sites.csv with their options.")]
    public IReadOnlyList<SpokeSpec> Spokes { get; init; } = [];

    /// <summary>Transport modes.</summary>
    [Description("Transport modes; empty: truck on every lane with the default factors.")]
    public IReadOnlyList<ModeSpec> Transport { get; init; } = [];

    /// <summary>Demand and prices.</summary>
    [Required, Description("US NdFeB demand, the share the network may serve, and prices.")]
    public DemandSpec Demand { get; init; } = new();

    /// <summary>Carbon policy.</summary>
    [Description("Carbon price or cap; default none.")]
    public CarbonPolicySpec Carbon { get; init; } = new();
}

/// <summary>Scrap supply.</summary>
[Description("Scrap supply: estimates by state from proxies, fixed supplies, and the feeds a study of a scenario takes.")]
public sealed class SupplySection
{
    /// <summary>States the estimates cover.</summary>
    [Description("State postal codes the estimates cover; empty: the 48 contiguous states and DC.")]
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Estimates from proxies.</summary>
    [Description("Supply of a scrap type in each region, estimated from a proxy (docs/network.md, Supply).")]
    public IReadOnlyList<SupplyEstimateSpec> Estimates { get; init; } = [];

    /// <summary>Fixed supplies.</summary>
    [Description("Supplies given directly (a contract, a known source), constant over the years.")]
    public IReadOnlyList<FixedSupplySpec> Fixed { get; init; } = [];

    /// <summary>Scenario files whose study feeds become supplies.</summary>
    [Description("Scenario files whose feeds, as the study takes them (cut back when HPMS capacity binds), become supplies at the feeds' sites, constant over the years.")]
    public IReadOnlyList<ScenarioFeedsSpec> ScenarioFeeds { get; init; } = [];
}

/// <summary>The proxy a supply estimate scales.</summary>
public enum SupplyProxy
{
    /// <summary>Resident population (Census Vintage 2024): kgPerCapitaPerYear x population.</summary>
    Population,
    /// <summary>Data-centre building footprint (IM3 atlas, OSM): nationalTonnesPerYear x the state's share of the floor area.</summary>
    DataCentreFloorArea,
    /// <summary>BEV registrations (AFDC): vehicles added serviceLifeYears earlier x kgPerUnit.</summary>
    EvRegistrations,
    /// <summary>Wind capacity by online year (USWTDB v4.2): MW online serviceLifeYears earlier x kgPerUnit (kg per MW).</summary>
    WindCapacity,
}

/// <summary>A supply estimate from a proxy.</summary>
[Description("Supply of one scrap type in each region from a proxy; scrap as received = proxy x factor x collectionRate.")]
public sealed class SupplyEstimateSpec
{
    /// <summary>Scrap type id.</summary>
    [Required, Description("Built-in scrap type id (magloop scrap-types).")]
    public string ScrapType { get; init; } = "";

    /// <summary>The proxy.</summary>
    [Required, Description("population, dataCentreFloorArea, evRegistrations or windCapacity.")]
    public SupplyProxy Proxy { get; init; }

    /// <summary>kg of scrap per person and year (population).</summary>
    [Range(0.0, 100.0), Description("population: kg of this scrap arising per person and year.")]
    public double? KgPerCapitaPerYear { get; init; }

    /// <summary>National tonnes per year (data-centre floor area).</summary>
    [Range(0.0, 1e7), Description("dataCentreFloorArea: tonnes of this scrap arising per year in the US, shared out by floor area.")]
    public double? NationalTonnesPerYear { get; init; }

    /// <summary>Growth per year of the population or floor-area estimate.</summary>
    [Range(-0.5, 1.0), Description("population and dataCentreFloorArea: growth per year after the proxy's last data year (population 2024; floor area 2025). Default 0.")]
    public double GrowthPerYear { get; init; }

    /// <summary>kg of scrap per unit of the proxy.</summary>
    [Range(0.0, 1e6), Description("evRegistrations: kg of this scrap per vehicle; windCapacity: kg per MW.")]
    public double? KgPerUnit { get; init; }

    /// <summary>Years from registration or commissioning to end of life.</summary>
    [Range(1, 60), Description("evRegistrations and windCapacity: years from registration or commissioning to end of life.")]
    public int? ServiceLifeYears { get; init; }

    /// <summary>Share of the arising scrap that is collected.</summary>
    [Required, Range(0.0, 1.0), Description("Share of the arising scrap collected and offered to the network.")]
    public double CollectionRate { get; init; }

    /// <summary>Purchase price; absent: the first hub's largest option's scenario price for the scrap type.</summary>
    [Range(0.0, 1000.0), Description("Purchase price, $/kg as received. Absent: the price the first hub's largest option's scenario pays for this scrap type (its economics.scrapPrices at its default deck).")]
    public double? PriceUsdPerKg { get; init; }

    /// <summary>Source of the factors.</summary>
    [Required, Description("Source of the factor and collection rate (citation or 'engineering assumption').")]
    public string Source { get; init; } = "";
}

/// <summary>A supply given directly.</summary>
[Description("A supply given directly, constant over the years.")]
public sealed class FixedSupplySpec
{
    /// <summary>Supply id.</summary>
    [Required, Description("Supply id.")]
    public string Id { get; init; } = "";

    /// <summary>Scrap type id.</summary>
    [Required, Description("Built-in scrap type id.")]
    public string ScrapType { get; init; } = "";

    /// <summary>Candidate site it is located at.</summary>
    [Required, Description("Site of candidate-sites.csv where the scrap arises.")]
    public string Site { get; init; } = "";

    /// <summary>Tonnes per year.</summary>
    [Required, Range(0.0, 1e7), Description("Scrap as received per year, tonnes.")]
    public double TonnesPerYear { get; init; }

    /// <summary>Purchase price.</summary>
    [Range(0.0, 1000.0), Description("Purchase price, $/kg. Absent: the first hub's largest option's scenario price for the scrap type.")]
    public double? PriceUsdPerKg { get; init; }

    /// <summary>Source.</summary>
    [Required, Description("Source of the figure.")]
    public string Source { get; init; } = "";
}

/// <summary>A scenario whose study feeds become supplies.</summary>
[Description("A scenario file whose feeds, as its study takes them, become supplies.")]
public sealed class ScenarioFeedsSpec
{
    /// <summary>Scenario path, relative to the network file.</summary>
    [Required, Description("Scenario file, relative to this file.")]
    public string Scenario { get; init; } = "";
}

/// <summary>A candidate hub.</summary>
[Description("A candidate hub: a site of candidate-sites.csv with its options, each a scenario file of the twin.")]
public sealed class HubSpec
{
    /// <summary>Site id in candidate-sites.csv.</summary>
    [Required, Description("Site id in candidate-sites.csv.")]
    public string Site { get; init; } = "";

    /// <summary>eGRID subregion; absent: from the site's state.</summary>
    [Description("eGRID2022 subregion of the site. Absent: the state's primary subregion (docs/network.md, Electricity carbon).")]
    public string? GridRegion { get; init; }

    /// <summary>Year the hub is decided open (the disclosed network).</summary>
    [Range(2000, 2100), Description("Set when the hub is already decided: open with its first option from this year.")]
    public int? OpenFromYear { get; init; }

    /// <summary>Lowest utilisation of an open option.</summary>
    [Range(0.0, 1.0), Description("Lowest share of capacity an open option may run at. Default 0.")]
    public double MinUtilisation { get; init; }

    /// <summary>Highest utilisation.</summary>
    [Range(0.0, 1.0), Description("Highest share of capacity an open option may run at. Default 1.")]
    public double MaxUtilisation { get; init; } = 1;

    /// <summary>Options in order of size.</summary>
    [Required, Description("Plant sizes in increasing order, each a scenario file; a later option is an expansion of the one before (its capacity, capital and staff the difference).")]
    public IReadOnlyList<HubOptionSpec> Options { get; init; } = [];
}

/// <summary>A hub option.</summary>
[Description("A hub option: a scenario file whose plant (HPMS vessels, magnet line) gives capacity, capital, staff, operating cost and yields.")]
public sealed class HubOptionSpec
{
    /// <summary>Option id.</summary>
    [Required, Description("Option id.")]
    public string Id { get; init; } = "";

    /// <summary>Scenario path.</summary>
    [Required, Description("Scenario file, relative to this file.")]
    public string Scenario { get; init; } = "";
}

/// <summary>A candidate spoke.</summary>
[Description("A candidate spoke: a site of candidate-sites.csv with its options.")]
public sealed class SpokeSpec
{
    /// <summary>Site id in candidate-sites.csv.</summary>
    [Required, Description("Site id in candidate-sites.csv.")]
    public string Site { get; init; } = "";

    /// <summary>eGRID subregion; absent: from the site's state.</summary>
    [Description("eGRID2022 subregion of the site. Absent: the state's primary subregion.")]
    public string? GridRegion { get; init; }

    /// <summary>Year the spoke is decided open.</summary>
    [Range(2000, 2100), Description("Set when the spoke is already decided: open with its first option from this year.")]
    public int? OpenFromYear { get; init; }

    /// <summary>Options in order of size.</summary>
    [Required, Description("Spoke sizes in increasing order; a later option is an expansion of the one before.")]
    public IReadOnlyList<SpokeOptionSpec> Options { get; init; } = [];
}

/// <summary>A spoke option.</summary>
[Description("A spoke option: its capacity, with capital, staff and energy taken from a spoke of a scenario file.")]
public sealed class SpokeOptionSpec
{
    /// <summary>Option id.</summary>
    [Required, Description("Option id.")]
    public string Id { get; init; } = "";

    /// <summary>Scrap the spoke can receive per year.</summary>
    [Required, Range(0.0, 1e7, MinimumIsExclusive = true), Description("Scrap the spoke can receive per year (cumulative with the options before), tonnes.")]
    public double CapacityTonnesPerYear { get; init; }

    /// <summary>Source of the capacity.</summary>
    [Required, Description("Source of the capacity (citation or 'engineering assumption').")]
    public string Source { get; init; } = "";

    /// <summary>Scenario whose spoke gives capital, staff and energy.</summary>
    [Required, Description("Scenario file, relative to this file, whose spoke gives the fit-out capital, crew and energy per kg.")]
    public string Scenario { get; init; } = "";

    /// <summary>Spoke site id in that scenario.</summary>
    [Required, Description("Spoke site id in that scenario.")]
    public string ScenarioSite { get; init; } = "";
}

/// <summary>Which legs a mode serves.</summary>
public enum LaneLegs
{
    /// <summary>Collection (source to spoke or hub) and trunk (spoke to hub).</summary>
    All,
    /// <summary>Only source to spoke or hub.</summary>
    Collection,
    /// <summary>Only spoke to hub.</summary>
    Trunk,
}

/// <summary>A transport mode with factors from freight-emission-cost-circuity-factors.csv.</summary>
[Description("A transport mode: cost, carbon and circuity are parameter ids of freight-emission-cost-circuity-factors.csv (each row carries its source).")]
public sealed class ModeSpec
{
    /// <summary>truck or rail.</summary>
    [Required, Description("truck or rail.")]
    public TransportMode Mode { get; init; }

    /// <summary>Legs served.</summary>
    [Description("Legs the mode serves: all, collection (source to site) or trunk (spoke to hub). Default all.")]
    public LaneLegs Legs { get; init; } = LaneLegs.All;

    /// <summary>Cost parameter id.</summary>
    [Required, Description("parameter_id of the cost row (USD / tonne-km or USD / short ton-mile).")]
    public string CostParameter { get; init; } = "";

    /// <summary>Carbon parameter id.</summary>
    [Required, Description("parameter_id of the emission row (kg CO2e / tonne-km).")]
    public string CarbonParameter { get; init; } = "";

    /// <summary>Circuity parameter id.</summary>
    [Description("parameter_id of the circuity row (network / great-circle distance). Give this or circuity.")]
    public string? CircuityParameter { get; init; }

    /// <summary>Circuity given directly.</summary>
    [Range(1.0, 3.0), Description("Circuity (route / great-circle distance) given directly, where the file has no value (rail); cite it in a comment.")]
    public double? Circuity { get; init; }
}

/// <summary>Demand and prices.</summary>
[Description("US NdFeB magnet demand by year, the share the network may serve, and prices.")]
public sealed class DemandSpec
{
    /// <summary>Year of the base demand.</summary>
    [Required, Range(2000, 2100), Description("Year of baseTonnesPerYear.")]
    public int BaseYear { get; init; }

    /// <summary>US demand in the base year.</summary>
    [Required, Range(0.0, 1e7, MinimumIsExclusive = true), Description("US NdFeB magnet demand in the base year, tonnes.")]
    public double BaseTonnesPerYear { get; init; }

    /// <summary>Growth per year.</summary>
    [Required, Range(-0.5, 1.0), Description("Growth of US demand per year.")]
    public double GrowthPerYear { get; init; }

    /// <summary>Source of the demand figures.</summary>
    [Required, Description("Source of the base demand and growth.")]
    public string Source { get; init; } = "";

    /// <summary>Largest share of demand the network may sell.</summary>
    [Required, Range(0.0, 1.0), Description("Largest share of US demand the network may sell.")]
    public double MaxShare { get; init; }

    /// <summary>Target share; absent: maximise margin.</summary>
    [Range(0.0, 1.0), Description("When set, the planner minimises cost while serving this share (soft, with unmetPenaltyUsdPerKg). Absent: it maximises discounted margin.")]
    public double? TargetShare { get; init; }

    /// <summary>Penalty per kg of target not met.</summary>
    [Range(0.0, 1e4), Description("Penalty per kg of the target share not met, $/kg. Default 0.")]
    public double UnmetPenaltyUsdPerKg { get; init; }

    /// <summary>Magnet price; absent: from the first hub's largest option's scenario.</summary>
    [Range(0.0, 1e4), Description("Magnet price, $/kg. Absent: the first hub's largest option's study price (its default deck, the predicted grade).")]
    public double? MagnetPriceUsdPerKg { get; init; }

    /// <summary>Co-product price; absent: from the first hub's largest option's scenario.</summary>
    [Range(0.0, 1e4), Description("Co-product price, $/kg. Absent: the first hub's largest option's study, tonnage-weighted over its co-products as sold.")]
    public double? CoProductPriceUsdPerKg { get; init; }
}

/// <summary>Carbon policy.</summary>
[Description("Carbon price applied to process and transport emissions, and an optional cap.")]
public sealed class CarbonPolicySpec
{
    /// <summary>Carbon price.</summary>
    [Range(0.0, 1e4), Description("Carbon price, $/t CO2e. Default 0.")]
    public double PriceUsdPerTonneCo2e { get; init; }

    /// <summary>Cap.</summary>
    [Range(0.0, 1e9), Description("Cap on the network's yearly emissions, t CO2e. Absent: none.")]
    public double? CapTonnesPerYear { get; init; }
}
