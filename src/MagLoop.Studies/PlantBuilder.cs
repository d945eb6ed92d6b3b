using MagLoop.Errors;
using MagLoop.Materials;
using MagLoop.Process;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>A validated scenario turned into the objects the models read: scrap types, capacities and the flowsheet.</summary>
/// <param name="Scenario">The scenario as read.</param>
/// <param name="ScrapTypes">Scrap type of each feed, by feed id.</param>
/// <param name="HpmsCapacityKgPerYear">Intake capacity of the HPMS vessels together.</param>
/// <param name="MagnetLineCapacityKgPerYear">Blend intake capacity of the magnet line.</param>
/// <param name="Flowsheet">The flowsheet graph.</param>
/// <param name="Map">Where each scenario value was written, for located errors found while solving.</param>
public sealed record Plant(
    Scenario Scenario,
    IReadOnlyDictionary<string, ScrapType> ScrapTypes,
    double HpmsCapacityKgPerYear,
    double MagnetLineCapacityKgPerYear,
    Flowsheet Flowsheet,
    SourceMap Map);

/// <summary>Names of the flowsheet's nodes and streams that results refer to.</summary>
public static class StreamNames
{
    /// <summary>Hydride powder leaving HPMS.</summary>
    public const string HpmsPowder = "HPMS powder";
    /// <summary>Degassed powder.</summary>
    public const string DegassedPowder = "Degassed powder";
    /// <summary>Recycled powder beyond the line's need.</summary>
    public const string SurplusPowder = "Surplus recycled powder";
    /// <summary>Blend to the jet mills.</summary>
    public const string Blend = "Blend to jet mills";
    /// <summary>Sintered block.</summary>
    public const string SinteredBlock = "Sintered block";
    /// <summary>Cut parts after machining (the cut sintered block).</summary>
    public const string CutBlock = "Cut sintered block";
    /// <summary>Finished magnets.</summary>
    public const string Magnets = "Magnets";
    /// <summary>Machining swarf.</summary>
    public const string Swarf = "Machining swarf";
    /// <summary>Inspection rejects.</summary>
    public const string Rejects = "Inspection rejects";
    /// <summary>Pressing scrap.</summary>
    public const string PressingScrap = "Pressing scrap";
    /// <summary>HPMS node id.</summary>
    public const string HpmsNode = "hpms";
    /// <summary>Blending node id.</summary>
    public const string BlendingNode = "blending";
    /// <summary>External input: fresh rare earth.</summary>
    public const string FreshRareEarth = "fresh rare earth";
    /// <summary>Grain-boundary diffusion node id (present only when the magnets section diffuses Dy/Tb).</summary>
    public const string DiffusionNode = "grain-boundary-diffusion";
    /// <summary>External input: fresh Dy/Tb for grain-boundary diffusion.</summary>
    public const string DiffusionHeavyRareEarth = "fresh Dy/Tb for diffusion";
}

/// <summary>
/// Checks a scenario's cross-references and builds the <see cref="Plant"/>. Every problem is a located
/// <see cref="ScenarioException"/>.
/// </summary>
public static class PlantBuilder
{
    // A recycle returning this share of its own flow or more takes too many sweeps to settle (or never does).
    private const double MaxLoopGain = 0.99;

    /// <summary>Validates and builds the plant.</summary>
    public static Plant Build(Scenario scenario, SourceMap map)
    {
        var sites = UniqueIds(scenario.Sites, s => s.Id, map, "site");
        if (scenario.Sites.Count == 0) throw map.Error(scenario, nameof(Scenario.Sites), "at least one site (the hub) is required");
        if (scenario.Feeds.Count == 0) throw map.Error(scenario, nameof(Scenario.Feeds), "at least one feed is required");
        UniqueIds(scenario.Feeds, f => f.Id, map, "feed");

        // One lane per pair of sites: a second would silently replace the first in logistics cost and transport carbon.
        var lanes = new HashSet<(string From, string To)>();
        foreach (var route in scenario.Routes)
        {
            RequireSite(sites, route, nameof(Route.From), route.From, map);
            RequireSite(sites, route, nameof(Route.To), route.To, map);
            if (route.From == route.To)
                throw map.Error(route, nameof(Route.To), $"a route must join two different sites; this one starts and ends at '{route.From}'");
            if (!lanes.Add((route.From, route.To)))
                throw map.Error(route, nameof(Route.To), $"a second route from '{route.From}' to '{route.To}': give each pair of sites one route");
        }

        var hpms = scenario.Equipment.Hpms;
        var line = scenario.Equipment.MagnetLine;
        var hub = RequireSite(sites, hpms, nameof(HpmsEquipment.Site), hpms.Site, map);
        if (hub.Kind != SiteKind.Hub) throw map.Error(hpms, nameof(HpmsEquipment.Site), $"site '{hub.Id}' is a spoke; HPMS vessels stand at a hub");
        RequireSite(sites, line, nameof(MagnetLineEquipment.Site), line.Site, map);
        if (line.Site != hpms.Site)
            throw map.Error(line, nameof(MagnetLineEquipment.Site), $"the magnet line must stand with the HPMS vessels at '{hpms.Site}'");

        var library = ScrapLibrary.All.ToDictionary(s => s.Id);
        foreach (var definition in scenario.ScrapTypes)
        {
            if (library.ContainsKey(definition.Id))
                throw map.Error(definition, nameof(ScrapTypeDefinition.Id), $"scrap type '{definition.Id}' is already defined");
            library[definition.Id] = ToScrapType(definition, map);
        }

        var scrapTypes = new Dictionary<string, ScrapType>();
        foreach (var feed in scenario.Feeds)
        {
            RequireSite(sites, feed, nameof(Feed.Site), feed.Site, map);
            if (!library.TryGetValue(feed.ScrapType, out var type))
            {
                var hint = Suggest.Nearest(feed.ScrapType, library.Keys);
                throw map.Error(feed, nameof(Feed.ScrapType),
                    $"unknown scrap type '{feed.ScrapType}'{(hint is null ? "" : $"; did you mean '{hint}'?")} Known: {string.Join(", ", library.Keys)}");
            }

            scrapTypes[feed.Id] = Override(type, feed);
        }

        var freshLocation = map.Locate(scenario.Process.Blending, ScenarioNames.Key(nameof(BlendingParameters.FreshRareEarth)));
        var fresh = scenario.Process.Blending.FreshRareEarth.ToComposition(map.File, freshLocation);
        var blending = scenario.Process.Blending;
        var milledFresh = Blending.MilledFreeRareEarthFraction(MassStream.Of(fresh, 1.0), scenario.Process.JetMilling.OxygenPickupKgPerKg);
        if (milledFresh <= blending.TargetFreeRareEarthFraction)
            throw map.Error(blending, nameof(BlendingParameters.FreshRareEarth),
                $"the fresh addition holds {milledFresh:P2} free rare earth once milled and cannot raise the blend to the target {blending.TargetFreeRareEarthFraction:P2}");
        if (scenario.Routing.PressingScrap == PressingScrapDestination.Blending)
        {
            // Share of each kg of blend that comes back as pressing scrap; at 1 or more the loop never settles.
            var jet = scenario.Process.JetMilling;
            var loopGain = scenario.Process.Pressing.LossFraction * (1 - jet.LossFraction) * (1 + jet.OxygenPickupKgPerKg);
            if (loopGain >= MaxLoopGain)
                throw map.Error(scenario.Process.Pressing, nameof(LossParameters.LossFraction),
                    $"with pressing scrap returned to blending, {loopGain:P1} of the blend would come back each pass and the loop cannot settle; keep it below {MaxLoopGain:P0}");
        }

        MagnetStudy.Validate(scenario, map);
        var hpmsCapacity = hpms.Vessels * hpms.BatchKg * (hpms.OperatingHoursPerYear / hpms.CycleHours) * hpms.Availability;
        var lineCapacity = line.JetMills * line.JetMillKgPerHour * line.OperatingHoursPerYear * line.Availability;
        if (!double.IsFinite(hpmsCapacity) || !double.IsFinite(lineCapacity))
            throw map.Error(scenario, nameof(Scenario.Equipment), "equipment capacities are not finite numbers");
        if (hpmsCapacity <= 0) throw map.Error(hpms, nameof(HpmsEquipment.Availability), "HPMS capacity is zero: no path from feed to product");
        if (lineCapacity <= 0) throw map.Error(line, nameof(MagnetLineEquipment.Availability), "magnet-line capacity is zero: no path from feed to product");

        PlantSimulation.Validate(scenario, map);
        var flowsheet = FlowsheetFactory.Create(scenario, scrapTypes, fresh, hpmsCapacity, lineCapacity, hub.Id);
        var stranded = flowsheet.FeedsWithoutPathTo(OutletKind.Magnet);
        if (stranded.Count > 0)
        {
            var feed = scenario.Feeds.First(f => FlowsheetFactory.FeedNodeId(f) == stranded[0]);
            throw map.Error(feed, nameof(Feed.Site),
                $"no path from feed '{feed.Id}' to the magnets: no route leads from site '{feed.Site}' to the hub '{hub.Id}'");
        }

        return new Plant(scenario, scrapTypes, hpmsCapacity, lineCapacity, flowsheet, map);
    }

    private static ScrapType ToScrapType(ScrapTypeDefinition definition, SourceMap map)
    {
        var magnet = definition.MagnetComposition.ToComposition(map.File, map.Locate(definition, "magnetComposition"));
        var wrong = magnet.NonZero().Select(p => p.Key).Where(c => !Components.IsMagnetAlloy(c) || c is Component.O or Component.H).ToList();
        if (wrong.Count > 0)
            throw map.Error(definition, nameof(ScrapTypeDefinition.MagnetComposition),
                $"{wrong[0]} does not belong in a magnet alloy composition (oxygen goes in oxygenMassFraction; coating and foreign matter have their own fields)");
        var foreign = definition.ForeignComposition.ToComposition(map.File, map.Locate(definition, "foreignComposition"));
        if (foreign.NonZero().Any(p => !Components.IsForeign(p.Key)))
            throw map.Error(definition, nameof(ScrapTypeDefinition.ForeignComposition), "foreign matter is made of steel, polymer and other only");
        if (definition.MagnetMassFraction * (1 + definition.CoatingMassPerMagnetMass) > 1 + 1e-12)
            throw map.Error(definition, nameof(ScrapTypeDefinition.CoatingMassPerMagnetMass), "magnet plus coating exceed the scrap mass");
        var source = $"Scenario definition: {definition.Source}";
        return new ScrapType
        {
            Id = definition.Id,
            Name = definition.Name ?? definition.Id,
            MagnetMassFraction = new(definition.MagnetMassFraction, source),
            MagnetComposition = magnet,
            MagnetCompositionSource = source,
            OxygenMassFraction = new(definition.OxygenMassFraction, source),
            Coating = definition.Coating,
            CoatingMassPerMagnetMass = new(definition.CoatingMassPerMagnetMass, source),
            ForeignComposition = foreign,
            SpokeMagnetRecovery = new(definition.SpokeMagnetRecovery, source),
            SpokeForeignRemoval = new(definition.SpokeForeignRemoval, source),
            HpmsExtractionYield = new(definition.HpmsExtractionYield, source),
        };
    }

    private static ScrapType Override(ScrapType type, Feed feed)
    {
        const string source = "Scenario override for this feed";
        return type with
        {
            HpmsExtractionYield = feed.ExtractionYield is { } y ? new(y, source) : type.HpmsExtractionYield,
            SpokeMagnetRecovery = feed.SpokeMagnetRecovery is { } r ? new(r, source) : type.SpokeMagnetRecovery,
            SpokeForeignRemoval = feed.SpokeForeignRemoval is { } f ? new(f, source) : type.SpokeForeignRemoval,
        };
    }

    private static Dictionary<string, T> UniqueIds<T>(IEnumerable<T> items, Func<T, string> id, SourceMap map, string what) where T : notnull
    {
        var byId = new Dictionary<string, T>();
        foreach (var item in items)
            if (!byId.TryAdd(id(item), item)) throw map.Error(item, "id", $"duplicate {what} id '{id(item)}'");
        return byId;
    }

    private static Site RequireSite(Dictionary<string, Site> sites, object owner, string property, string id, SourceMap map)
    {
        if (sites.TryGetValue(id, out var site)) return site;
        var hint = Suggest.Nearest(id, sites.Keys);
        throw map.Error(owner, property, $"site '{id}' is not defined{(hint is null ? "" : $"; did you mean '{hint}'?")} Sites: {string.Join(", ", sites.Keys)}");
    }
}
