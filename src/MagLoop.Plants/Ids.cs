namespace MagLoop.Plants;

/// <summary>Identifier of a site (hub or spoke), as written in the scenario.</summary>
/// <param name="Value">The id text.</param>
public readonly record struct SiteId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Identifier of a feed (a scrap supply at a site), as written in the scenario.</summary>
/// <param name="Value">The id text.</param>
public readonly record struct FeedId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>
/// Identifier of a station (one equipment type of the hub, such as the presses). Its value is the station's key
/// in the scenario's <c>simulation.stations</c> (<c>jetMills</c>, <c>heatTreatment</c>), which results also use.
/// </summary>
/// <param name="Value">The id text.</param>
public readonly record struct StationId(string Value)
{
    /// <summary>Truck receiving dock.</summary>
    public static readonly StationId Receiving = new("receiving");
    /// <summary>HPMS vessels.</summary>
    public static readonly StationId Hpms = new("hpms");
    /// <summary>Degassing furnaces.</summary>
    public static readonly StationId Degassing = new("degassing");
    /// <summary>Jet mills.</summary>
    public static readonly StationId JetMills = new("jetMills");
    /// <summary>Presses aligning powder in a field.</summary>
    public static readonly StationId Presses = new("presses");
    /// <summary>Vacuum sintering furnaces.</summary>
    public static readonly StationId Sintering = new("sintering");
    /// <summary>Heat-treatment furnaces.</summary>
    public static readonly StationId HeatTreatment = new("heatTreatment");
    /// <summary>Slicing and grinding lines.</summary>
    public static readonly StationId Machining = new("machining");
    /// <summary>Coating line.</summary>
    public static readonly StationId Coating = new("coating");
    /// <summary>Magnetising and inspection.</summary>
    public static readonly StationId Inspection = new("inspection");

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Identifier of a unit (a node) of the flowsheet. The hub's units are constants; feeds and spokes have one each.</summary>
/// <param name="Value">The node id in the flowsheet graph.</param>
public readonly record struct UnitId(string Value)
{
    /// <summary>Hub receiving dock, through which every spoke's concentrate passes on its way to HPMS.</summary>
    public static readonly UnitId Receiving = new("receiving");
    /// <summary>HPMS vessels.</summary>
    public static readonly UnitId Hpms = new("hpms");
    /// <summary>Degassing.</summary>
    public static readonly UnitId Degassing = new("degassing");
    /// <summary>Blending with fresh rare earth.</summary>
    public static readonly UnitId Blending = new("blending");
    /// <summary>Jet milling.</summary>
    public static readonly UnitId JetMilling = new("jet-milling");
    /// <summary>Pressing in a field.</summary>
    public static readonly UnitId Pressing = new("pressing");
    /// <summary>Vacuum sintering.</summary>
    public static readonly UnitId Sintering = new("sintering");
    /// <summary>Heat treatment.</summary>
    public static readonly UnitId HeatTreatment = new("heat-treatment");
    /// <summary>Slicing and grinding.</summary>
    public static readonly UnitId Machining = new("machining");
    /// <summary>Coating.</summary>
    public static readonly UnitId Coating = new("coating");
    /// <summary>Magnetising and inspection.</summary>
    public static readonly UnitId Inspection = new("inspection");

    /// <summary>The feed node of a feed.</summary>
    public static UnitId Feed(FeedId feed) => new($"feed:{feed.Value}");

    /// <summary>The spoke pre-processing unit of a feed.</summary>
    public static UnitId Spoke(FeedId feed) => new($"spoke:{feed.Value}");

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>
/// Identifier of a stream (an edge) of the flowsheet. Models refer to streams only through these constants and
/// factories, never by writing the text: the value is the edge's key in the flowsheet graph (it is also the
/// stream's name in results, which is why it reads as text).
/// </summary>
/// <param name="Value">The edge key in the flowsheet graph.</param>
public readonly record struct StreamId(string Value)
{
    /// <summary>Hydride powder leaving HPMS.</summary>
    public static readonly StreamId HpmsPowder = new("HPMS powder");
    /// <summary>Steel, coating and plastics left in the HPMS drum.</summary>
    public static readonly StreamId HpmsResidue = new("HPMS drum residue");
    /// <summary>Hydrogen released by degassing.</summary>
    public static readonly StreamId DegassingOffGas = new("Degassing off-gas");
    /// <summary>Degassed powder.</summary>
    public static readonly StreamId DegassedPowder = new("Degassed powder");
    /// <summary>Recycled powder beyond the line's need, sold as a co-product.</summary>
    public static readonly StreamId SurplusPowder = new("Surplus recycled powder");
    /// <summary>Blend to the jet mills.</summary>
    public static readonly StreamId Blend = new("Blend to jet mills");
    /// <summary>Fines lost in jet milling.</summary>
    public static readonly StreamId JetMillFines = new("Jet-mill fines");
    /// <summary>Fine powder from the jet mills to the presses.</summary>
    public static readonly StreamId FinePowder = new("Fine powder");
    /// <summary>Pressing scrap.</summary>
    public static readonly StreamId PressingScrap = new("Pressing scrap");
    /// <summary>Green compacts from the presses to sintering.</summary>
    public static readonly StreamId GreenCompacts = new("Green compacts");
    /// <summary>Gas released in sintering.</summary>
    public static readonly StreamId SinteringOffGas = new("Sintering off-gas");
    /// <summary>Breakage and losses in sintering.</summary>
    public static readonly StreamId SinteringLosses = new("Sintering losses");
    /// <summary>Sintered block.</summary>
    public static readonly StreamId SinteredBlock = new("Sintered block");
    /// <summary>Losses in heat treatment.</summary>
    public static readonly StreamId HeatTreatmentLosses = new("Heat-treatment losses");
    /// <summary>Heat-treated block, to machining.</summary>
    public static readonly StreamId HeatTreatedBlock = new("Heat-treated block");
    /// <summary>Machining swarf.</summary>
    public static readonly StreamId Swarf = new("Machining swarf");
    /// <summary>Cut parts after machining (the cut sintered block).</summary>
    public static readonly StreamId CutBlock = new("Cut sintered block");
    /// <summary>Coated parts, to magnetising and inspection.</summary>
    public static readonly StreamId CoatedParts = new("Coated parts");
    /// <summary>Finished magnets.</summary>
    public static readonly StreamId Magnets = new("Magnets");
    /// <summary>Inspection rejects.</summary>
    public static readonly StreamId Rejects = new("Inspection rejects");

    /// <summary>Scrap of a feed as received at its site.</summary>
    public static StreamId ScrapReceived(FeedDefinition feed) => new($"{feed.Id.Value}: scrap received at {feed.Site.Value}");

    /// <summary>What spoke pre-processing of a feed removes.</summary>
    public static StreamId SpokeResidue(FeedId feed) => new($"{feed.Value}: spoke residue");

    /// <summary>A feed's concentrate shipped to the hub.</summary>
    public static StreamId ConcentrateToHub(FeedId feed) => new($"{feed.Value}: concentrate to hub");

    /// <summary>A feed's concentrate that no route takes to the hub.</summary>
    public static StreamId ConcentrateStranded(FeedId feed) => new($"{feed.Value}: concentrate with no route to hub");

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Names of materials drawn into the flowsheet from outside (external inputs).</summary>
public static class ExternalInputs
{
    /// <summary>Fresh rare earth added at blending.</summary>
    public const string FreshRareEarth = "fresh rare earth";
    /// <summary>Hydrogen absorbed in HPMS.</summary>
    public const string Hydrogen = "hydrogen";
    /// <summary>Oxygen picked up along the line.</summary>
    public const string Oxygen = "oxygen";
    /// <summary>Coating material deposited.</summary>
    public const string CoatingMaterial = "coating material";
}
