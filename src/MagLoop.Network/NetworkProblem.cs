namespace MagLoop.Network;

// The contract between the network file (which builds a problem from cited proxies and the twin's plant
// definitions) and the planner (which solves it). Everything is already in model units: kg, USD (real), kg CO2e,
// calendar years. Per-year arrays are aligned with NetworkProblem.Years.

/// <summary>What a site does in the network.</summary>
public enum SiteRole
{
    /// <summary>Pre-processing spoke: collects, sorts and concentrates scrap, ships it on to a hub.</summary>
    Spoke,
    /// <summary>Hub: a plant of the twin (HPMS and a magnet line) that turns scrap into magnets and co-products.</summary>
    Hub,
}

/// <summary>Transport mode of a lane.</summary>
public enum TransportMode
{
    /// <summary>Road freight.</summary>
    Truck,
    /// <summary>Rail freight.</summary>
    Rail,
}

/// <summary>A scrap supply: one scrap type in one region, by year.</summary>
/// <param name="Id">Unique id (for example <c>TX/hdd</c>).</param>
/// <param name="Region">Region it stands for (a state's postal code, or a county FIPS code).</param>
/// <param name="LatitudeDeg">Latitude of the supply's centroid.</param>
/// <param name="LongitudeDeg">Longitude of the supply's centroid.</param>
/// <param name="ScrapType">Built-in scrap type id (as in <c>magloop scrap-types</c>).</param>
/// <param name="SupplyKgByYear">Collectable scrap per year (after the collection rate), aligned with the years.</param>
/// <param name="PriceUsdPerKg">Purchase price of the scrap delivered to the collection point.</param>
public sealed record ScrapSource(
    string Id, string Region, double LatitudeDeg, double LongitudeDeg, string ScrapType,
    IReadOnlyList<double> SupplyKgByYear, double PriceUsdPerKg);

/// <summary>One way to open (or expand) a candidate site: a size with its capacity and costs.</summary>
/// <param name="Id">Option id (for example <c>3-vessels</c>).</param>
/// <param name="CapacityKgPerYear">Scrap intake the option can process per year (a hub's from its plant definition).</param>
/// <param name="CapitalUsd">Capital spent in the year of the decision.</param>
/// <param name="FixedCostUsdPerYear">Fixed operating cost per open year (labour, maintenance, overheads).</param>
/// <param name="VariableCostUsdPerKg">Operating cost per kg of scrap processed (energy, consumables).</param>
/// <param name="Jobs">Staff of the option.</param>
/// <param name="ProcessCarbonKgCo2ePerKg">Process emissions per kg of scrap processed, with the site's grid factor.</param>
/// <param name="LeadTimeYears">Years from the decision to the first year of operation.</param>
/// <param name="MinUtilisation">Lowest share of capacity an open option may run at (0 to 1).</param>
/// <param name="MaxUtilisation">Highest share of capacity an open option may run at (0 to 1).</param>
/// <param name="ScenarioPath">For a hub: the scenario file its plant definition comes from (null for spokes).</param>
public sealed record SiteOption(
    string Id, double CapacityKgPerYear, double CapitalUsd, double FixedCostUsdPerYear, double VariableCostUsdPerKg,
    double Jobs, double ProcessCarbonKgCo2ePerKg, int LeadTimeYears, double MinUtilisation, double MaxUtilisation,
    string? ScenarioPath);

/// <summary>What a hub makes from one kg of a scrap type (from the twin's flowsheet).</summary>
/// <param name="ScrapType">Scrap type id.</param>
/// <param name="MagnetKgPerKg">Magnets per kg of that scrap.</param>
/// <param name="CoProductKgPerKg">Co-products per kg of that scrap.</param>
public sealed record HubYield(string ScrapType, double MagnetKgPerKg, double CoProductKgPerKg);

/// <summary>A candidate spoke or hub.</summary>
/// <param name="Id">Site id (as in candidate-sites.csv).</param>
/// <param name="Name">Display name.</param>
/// <param name="Role">Spoke or hub.</param>
/// <param name="State">State postal code.</param>
/// <param name="LatitudeDeg">Latitude.</param>
/// <param name="LongitudeDeg">Longitude.</param>
/// <param name="GridRegion">eGRID2022 subregion of the site.</param>
/// <param name="Options">Sizes it may open at; options are cumulative expansions in the order given (the second adds to the first).</param>
/// <param name="Yields">For a hub: output per kg of each scrap type; empty for spokes (they pass scrap on).</param>
/// <param name="SpokeMassYield">For a spoke: kg shipped on per kg received (sorting losses); 1 for hubs.</param>
/// <param name="OpenFromYear">Set when the site is already decided (the disclosed network): open from that year with its first option.</param>
public sealed record CandidateSite(
    string Id, string Name, SiteRole Role, string State, double LatitudeDeg, double LongitudeDeg, string GridRegion,
    IReadOnlyList<SiteOption> Options, IReadOnlyList<HubYield> Yields, double SpokeMassYield, int? OpenFromYear);

/// <summary>A transport lane: source to spoke, source to hub, or spoke to hub.</summary>
/// <param name="From">Source or site id.</param>
/// <param name="To">Site id.</param>
/// <param name="Mode">Truck or rail.</param>
/// <param name="DistanceKm">Route distance (great circle times the mode's circuity).</param>
/// <param name="CostUsdPerKg">Transport cost per kg moved.</param>
/// <param name="CarbonKgCo2ePerKg">Transport emissions per kg moved.</param>
public sealed record Lane(string From, string To, TransportMode Mode, double DistanceKm, double CostUsdPerKg, double CarbonKgCo2ePerKg);

/// <summary>Demand the network serves.</summary>
/// <param name="UsMagnetDemandKgByYear">US NdFeB magnet demand by year.</param>
/// <param name="MaxShare">Largest share of that demand the network may sell (0 to 1).</param>
/// <param name="TargetShare">When set, the planner minimises cost subject to serving this share (soft, with the penalty); when null it maximises discounted margin.</param>
/// <param name="MagnetPriceUsdPerKg">Magnet price.</param>
/// <param name="CoProductPriceUsdPerKg">Co-product price.</param>
/// <param name="UnmetPenaltyUsdPerKg">Penalty per kg of a target share not met (soft demand).</param>
public sealed record Demand(
    IReadOnlyList<double> UsMagnetDemandKgByYear, double MaxShare, double? TargetShare,
    double MagnetPriceUsdPerKg, double CoProductPriceUsdPerKg, double UnmetPenaltyUsdPerKg);

/// <summary>Carbon policy.</summary>
/// <param name="PriceUsdPerKgCo2e">Carbon price applied to process and transport emissions (0 for none).</param>
/// <param name="CapKgCo2ePerYear">Cap on the network's yearly emissions, or null for none.</param>
public sealed record CarbonPolicy(double PriceUsdPerKgCo2e, double? CapKgCo2ePerYear);

/// <summary>The whole planning problem.</summary>
/// <param name="Name">Case name.</param>
/// <param name="Years">Planning years in order (for example 2027 to 2036).</param>
/// <param name="DiscountRate">Real discount rate per year.</param>
/// <param name="Sources">Scrap supplies.</param>
/// <param name="Sites">Candidate spokes and hubs.</param>
/// <param name="Lanes">Allowed lanes.</param>
/// <param name="Demand">Demand and prices.</param>
/// <param name="Carbon">Carbon policy.</param>
public sealed record NetworkProblem(
    string Name, IReadOnlyList<int> Years, double DiscountRate, IReadOnlyList<ScrapSource> Sources,
    IReadOnlyList<CandidateSite> Sites, IReadOnlyList<Lane> Lanes, Demand Demand, CarbonPolicy Carbon);
