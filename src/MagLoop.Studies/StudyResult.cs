using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MagLoop.Process;
using MagLoop.Plants;

namespace MagLoop.Studies;

/// <summary>Everything a study reports; serialised as the <c>magloop study --json</c> object. Later models add sections.</summary>
/// <param name="Scenario">Which scenario was run.</param>
/// <param name="Production">Annual production at steady state.</param>
/// <param name="Feeds">Per feed: supply and what was taken.</param>
/// <param name="Streams">Every stream of the flowsheet.</param>
/// <param name="Warnings">Things the user should know (capacity binding, unused supply).</param>
public sealed record StudyResult(
    ScenarioInfo Scenario,
    ProductionResult Production,
    IReadOnlyList<FeedResult> Feeds,
    IReadOnlyList<StreamResult> Streams,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Magnet products with predicted properties, grade and error bands (docs/model-magnet.md).</summary>
    public IReadOnlyList<MagnetProduct> Products { get; init; } = [];

    /// <summary>Techno-economics (null when the scenario has no economics section).</summary>
    public EconomicsResult? Economics { get; init; }

    /// <summary>Tornado and Monte Carlo (null unless Monte Carlo draws were asked for).</summary>
    public RiskResult? Risk { get; init; }

    /// <summary>The raw results of the Monte Carlo draws of a shard run (<see cref="StudyOptions.Shard"/>); null otherwise, never in the JSON.</summary>
    [JsonIgnore]
    public MonteCarloDraws? Draws { get; init; }

    /// <summary>Where each feed and internal stream went and why (docs/model-routes.md); null, and left out of the JSON, without recycling routes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RouteChoiceResult? Routes { get; init; }

    /// <summary>JSON options of every MagLoop output: camelCase, indented, enums as camelCase strings.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = JsonTypeInfoResolver.Combine(StudyJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Carbon footprint by stage and site, with Monte Carlo percentiles when draws were asked for; null when not computed.</summary>
    public MagLoop.Carbon.CarbonResult? Carbon { get; init; }

    /// <summary>The discrete-event simulation of real years (replications, 95 % intervals, utilisation, bottleneck); null when not run.</summary>
    public PlantSimulationResult? Simulation { get; init; }

    /// <summary>The flowsheet's and the simulation's output side by side and the basis the study ran on; null when no simulation ran.</summary>
    public BasisResult? Basis { get; init; }

    /// <summary>The result as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>Scenario identification.</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="File">Path of the scenario file.</param>
public sealed record ScenarioInfo(string Name, string File);

/// <summary>Annual production, tonnes per year unless named otherwise.</summary>
/// <param name="MagnetTonnesPerYear">Finished magnets.</param>
/// <param name="CoProductTonnesPerYear">NdFeB co-products sold (surplus powder, swarf, rejects, pressing scrap as routed).</param>
/// <param name="TotalTonnesPerYear">Magnets plus co-products.</param>
/// <param name="ScrapFeedTonnesPerYear">Scrap taken in at the spokes (as received).</param>
/// <param name="ScrapSupplyTonnesPerYear">Scrap on offer in the scenario.</param>
/// <param name="FeedScale">Fraction of the supply taken (below 1 when HPMS capacity binds).</param>
/// <param name="HpmsIntakeTonnesPerYear">Concentrate and returns charged to HPMS.</param>
/// <param name="HpmsCapacityTonnesPerYear">HPMS capacity from the equipment.</param>
/// <param name="HpmsUtilisation">Intake over capacity.</param>
/// <param name="HpmsPowderTonnesPerYear">Hydride powder leaving HPMS.</param>
/// <param name="MagnetLineIntakeTonnesPerYear">Blend milled by the magnet line.</param>
/// <param name="MagnetLineCapacityTonnesPerYear">Blend the magnet line can take: the least over its stations of capacity x blend / intake.</param>
/// <param name="MagnetLineUtilisation">Intake over capacity.</param>
/// <param name="FreshRareEarthTonnesPerYear">Fresh rare earth blended in.</param>
/// <param name="FreshDyForDiffusionTonnesPerYear">Fresh Dy drawn by grain-boundary diffusion (retained in the magnets plus its loss); 0 without diffusion.</param>
/// <param name="FreshTbForDiffusionTonnesPerYear">Fresh Tb drawn by grain-boundary diffusion; 0 without diffusion.</param>
/// <param name="CutBlockTonnesPerYear">Cut sintered block (before coating), the functional unit of the disclosed footprint.</param>
/// <param name="ResidueTonnesPerYear">Separated non-NdFeB material.</param>
/// <param name="OffGasTonnesPerYear">Hydrogen released.</param>
/// <param name="LossTonnesPerYear">Material lost.</param>
/// <param name="CoProducts">Co-products by stream.</param>
/// <param name="MassBalance">Element-by-element closure.</param>
public sealed record ProductionResult(
    double MagnetTonnesPerYear,
    double CoProductTonnesPerYear,
    double TotalTonnesPerYear,
    double ScrapFeedTonnesPerYear,
    double ScrapSupplyTonnesPerYear,
    double FeedScale,
    double HpmsIntakeTonnesPerYear,
    double HpmsCapacityTonnesPerYear,
    double HpmsUtilisation,
    double HpmsPowderTonnesPerYear,
    double MagnetLineIntakeTonnesPerYear,
    double MagnetLineCapacityTonnesPerYear,
    double MagnetLineUtilisation,
    double FreshRareEarthTonnesPerYear,
    double FreshDyForDiffusionTonnesPerYear,
    double FreshTbForDiffusionTonnesPerYear,
    double CutBlockTonnesPerYear,
    double ResidueTonnesPerYear,
    double OffGasTonnesPerYear,
    double LossTonnesPerYear,
    IReadOnlyList<NamedTonnage> CoProducts,
    MassBalanceResult MassBalance)
{
    /// <summary>Every station's capacity and load in the flowsheet, in line order.</summary>
    public IReadOnlyList<StationCapacityResult> Stations { get; init; } = [];

    /// <summary>Id of the station that limits the magnets (see <see cref="StationLoads.LimitingMagnets"/>); null when scrap supply limits the plant.</summary>
    public string? BindingStation { get; init; }

    /// <summary>Display name of <see cref="BindingStation"/>.</summary>
    public string? BindingStationName { get; init; }
}

/// <summary>One station's capacity and load in the flowsheet.</summary>
/// <param name="Id">Station id (its key in the scenario's <c>simulation.stations</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="CapacityTonnesPerYear">Intake it can handle: units x rate (or charge / cycle) x operating hours x availability.</param>
/// <param name="IntakeTonnesPerYear">Intake in the solution.</param>
/// <param name="Utilisation">Intake over capacity.</param>
public sealed record StationCapacityResult(string Id, string Name, double CapacityTonnesPerYear, double IntakeTonnesPerYear, double Utilisation);

/// <summary>A named tonnage.</summary>
/// <param name="Name">Stream name.</param>
/// <param name="TonnesPerYear">Tonnes per year.</param>
public sealed record NamedTonnage(string Name, double TonnesPerYear);

/// <summary>Element-by-element balance.</summary>
/// <param name="MaxRelativeError">Largest |in - out - losses| / in over all components.</param>
/// <param name="Iterations">Sweeps the recycle loops took to converge.</param>
/// <param name="Components">Per component.</param>
public sealed record MassBalanceResult(double MaxRelativeError, int Iterations, IReadOnlyList<ComponentBalanceResult> Components);

/// <summary>Balance of one component, kg per year.</summary>
/// <param name="Component">Component symbol.</param>
/// <param name="InKgPerYear">Scrap plus external inputs.</param>
/// <param name="OutKgPerYear">Magnets, co-products, residues, off-gas.</param>
/// <param name="LossesKgPerYear">Losses.</param>
/// <param name="RelativeError">Closure error.</param>
public sealed record ComponentBalanceResult(string Component, double InKgPerYear, double OutKgPerYear, double LossesKgPerYear, double RelativeError);

/// <summary>A feed's supply and what the plant took.</summary>
/// <param name="Id">Feed id.</param>
/// <param name="ScrapType">Scrap type id.</param>
/// <param name="Site">Site id.</param>
/// <param name="SupplyTonnesPerYear">On offer.</param>
/// <param name="ProcessedTonnesPerYear">Taken.</param>
/// <param name="MagnetAlloyTonnesPerYear">Magnet alloy in the scrap taken (before any recovery loss).</param>
/// <param name="HpmsExtractionYield">Extraction yield used.</param>
public sealed record FeedResult(string Id, string ScrapType, string Site, double SupplyTonnesPerYear, double ProcessedTonnesPerYear, double MagnetAlloyTonnesPerYear, double HpmsExtractionYield);

/// <summary>A stream of the flowsheet.</summary>
/// <param name="Name">Stream name.</param>
/// <param name="From">Node it leaves.</param>
/// <param name="To">Node it enters, or null.</param>
/// <param name="Outlet">Kind of outlet when it leaves the plant, or null.</param>
/// <param name="TonnesPerYear">Total flow.</param>
/// <param name="Composition">Mass fractions of the non-zero components (empty for an empty stream).</param>
public sealed record StreamResult(string Name, string From, string? To, OutletKind? Outlet, double TonnesPerYear, IReadOnlyDictionary<string, double> Composition);
