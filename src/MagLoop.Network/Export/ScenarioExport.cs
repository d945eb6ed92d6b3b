using System.Globalization;
using MagLoop.Network.Transport;
using MagLoop.Studies.Scenarios;
using YamlDotNet.RepresentationModel;

namespace MagLoop.Network.Export;

/// <summary>Scrap a plan sends into a hub in one year.</summary>
/// <param name="SourceId">Id of the <see cref="ScrapSource"/>.</param>
/// <param name="ViaSpoke">Spoke the scrap is received and pre-processed at; null when it goes straight to the hub.</param>
/// <param name="HubId">Hub site id.</param>
/// <param name="Kg">Scrap as received in the year, kg.</param>
public sealed record HubFlow(string SourceId, string? ViaSpoke, string HubId, double Kg);

/// <summary>A study scenario written for one open hub.</summary>
/// <param name="HubId">Hub site id.</param>
/// <param name="OptionId">The hub option whose scenario it was made from.</param>
/// <param name="Path">Where it was written.</param>
/// <param name="FeedTonnesPerYear">Feeds of the scenario, the plan's flows into the hub.</param>
public sealed record ExportedScenario(string HubId, string OptionId, string Path, double FeedTonnesPerYear);

/// <summary>
/// Writes a plan's flows for a year as study scenarios, one per hub that receives scrap: the hub option's scenario with
/// its sites, routes and feeds replaced by the network's (one feed per scrap type and receiving site), the hub at
/// its candidate site, each spoke's grid region, and the tariffs and site wages of the scenario's nearest spoke for
/// each network spoke. `magloop study` then runs the twin on exactly the network's feeds.
/// </summary>
public static class ScenarioExport
{
    /// <summary>Writes one scenario per hub with flows into <paramref name="folder"/>, named <c>HUB-YEAR.yaml</c>.</summary>
    /// <param name="problem">The problem the plan solves (its hub options name their scenario files).</param>
    /// <param name="flows">The plan's flows into hubs in <paramref name="year"/>.</param>
    /// <param name="year">The planning year the flows are for.</param>
    /// <param name="folder">Output folder (created when missing).</param>
    /// <param name="optionByHub">The option open at each hub; a hub not listed takes its largest (last) option.</param>
    public static IReadOnlyList<ExportedScenario> Write(NetworkProblem problem, IReadOnlyList<HubFlow> flows, int year, string folder,
        IReadOnlyDictionary<string, string>? optionByHub = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        var written = new List<ExportedScenario>();
        foreach (var group in flows.Where(f => f.Kg > 0).GroupBy(f => f.HubId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var hub = problem.Sites.FirstOrDefault(s => s.Id == group.Key && s.Role == SiteRole.Hub)
                ?? throw new ArgumentException($"'{group.Key}' is no hub of the problem", nameof(flows));
            var optionId = optionByHub?.GetValueOrDefault(hub.Id) ?? hub.Options[^1].Id;
            var option = hub.Options.FirstOrDefault(o => o.Id == optionId) ?? throw new ArgumentException($"hub '{hub.Id}' has no option '{optionId}'", nameof(optionByHub));
            var text = ToYaml(problem, hub, option, group.ToList(), year);
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{hub.Id}-{year}.yaml"));
            File.WriteAllText(path, text);
            written.Add(new ExportedScenario(hub.Id, option.Id, path, group.Sum(f => f.Kg) / 1000));
        }

        return written;
    }

    /// <summary>The scenario text for one hub's flows.</summary>
    public static string ToYaml(NetworkProblem problem, CandidateSite hub, SiteOption option, IReadOnlyList<HubFlow> flows, int year)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(flows);
        var scenarioPath = option.ScenarioPath ?? throw new ArgumentException($"option '{option.Id}' of '{hub.Id}' names no scenario", nameof(option));
        var yaml = new YamlStream();
        yaml.Load(new StringReader(ScenarioFile.ReadText(scenarioPath)));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var hubSiteId = Scalar(Map(Map(root, "equipment"), "hpms"), "site");
        var oldSites = ((YamlSequenceNode)root.Children[new YamlScalarNode("sites")]).Children.Cast<YamlMappingNode>()
            .Select(s => (Id: Scalar(s, "id"), Kind: Scalar(s, "kind"), Lat: Number(s, "latitude"), Lon: Number(s, "longitude"))).ToList();
        var oldSpokes = oldSites.Where(s => s.Kind == "spoke").ToList();

        var sources = problem.Sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var sitesById = problem.Sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var spokes = flows.Where(f => f.ViaSpoke is not null).Select(f => f.ViaSpoke!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => sitesById.TryGetValue(id, out var s) && s.Role == SiteRole.Spoke ? s : throw new ArgumentException($"'{id}' is no spoke of the problem", nameof(flows)))
            .ToList();
        // Each network spoke takes the tariff and site wages of the scenario's spoke nearest to it.
        string? Nearest(CandidateSite spoke) => oldSpokes.Count == 0 ? null
            : oldSpokes.MinBy(o => GreatCircle.DistanceKm(o.Lat, o.Lon, spoke.LatitudeDeg, spoke.LongitudeDeg)).Id;
        var like = spokes.ToDictionary(s => s.Id, Nearest, StringComparer.Ordinal);

        root.Children[new YamlScalarNode("name")] = new YamlScalarNode($"{Scalar(root, "name")}, network {problem.Name}, {hub.Name} {year}");
        root.Children[new YamlScalarNode("description")] = new YamlScalarNode(
            $"Exported from the network plan '{problem.Name}' for {year}: the hub option '{option.Id}' ({Path.GetFileName(scenarioPath)}) at {hub.Name}, {hub.State}, fed with the plan's flows into it by scrap type and spoke.");

        var sites = new YamlSequenceNode(Node(
            ("id", hubSiteId), ("name", $"{hub.Name}, {hub.State} (hub)"), ("kind", "hub"), ("latitude", Format(hub.LatitudeDeg)), ("longitude", Format(hub.LongitudeDeg))));
        var routes = new YamlSequenceNode();
        foreach (var spoke in spokes)
        {
            sites.Add(Node(("id", spoke.Id), ("name", $"{spoke.Name}, {spoke.State} (spoke)"), ("kind", "spoke"),
                ("latitude", Format(spoke.LatitudeDeg)), ("longitude", Format(spoke.LongitudeDeg))));
            var lane = problem.Lanes.FirstOrDefault(l => l.From == spoke.Id && l.To == hub.Id && l.Mode == TransportMode.Truck);
            var km = lane?.DistanceKm ?? GreatCircle.DistanceKm(spoke.LatitudeDeg, spoke.LongitudeDeg, hub.LatitudeDeg, hub.LongitudeDeg) * 1.2;
            routes.Add(Node(("from", spoke.Id), ("to", hubSiteId), ("mode", "truck"), ("distanceKm", Format(Math.Max(1, km)))));
        }

        var oldFeedTypes = root.Children.TryGetValue(new YamlScalarNode("feeds"), out var oldFeeds) && oldFeeds is YamlSequenceNode oldList
            ? oldList.Children.Cast<YamlMappingNode>().ToDictionary(f => Scalar(f, "id"), f => Scalar(f, "scrapType"), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var newFeedTypes = new List<(string Id, string Type)>();
        var feeds = new YamlSequenceNode();
        foreach (var g in flows.GroupBy(f => (Site: f.ViaSpoke ?? hubSiteId, Type: Type(sources, f.SourceId))).OrderBy(g => g.Key.Site, StringComparer.Ordinal).ThenBy(g => g.Key.Type, StringComparer.Ordinal))
        {
            feeds.Add(Node(("id", $"{g.Key.Site}-{g.Key.Type}"), ("scrapType", g.Key.Type), ("site", g.Key.Site),
                ("tonnesPerYear", Format(g.Sum(f => f.Kg) / 1000))));
            newFeedTypes.Add(($"{g.Key.Site}-{g.Key.Type}", g.Key.Type));
        }

        root.Children[new YamlScalarNode("sites")] = sites;
        root.Children[new YamlScalarNode("routes")] = routes;
        root.Children[new YamlScalarNode("feeds")] = feeds;

        var carbon = root.Children.TryGetValue(new YamlScalarNode("carbon"), out var c) ? (YamlMappingNode)c : new YamlMappingNode();
        var grids = new YamlSequenceNode(Node(("site", hubSiteId), ("region", hub.GridRegion)));
        foreach (var spoke in spokes) grids.Add(Node(("site", spoke.Id), ("region", spoke.GridRegion)));
        carbon.Children[new YamlScalarNode("gridRegions")] = grids;
        root.Children[new YamlScalarNode("carbon")] = carbon;

        if (root.Children.TryGetValue(new YamlScalarNode("economics"), out var e) && e is YamlMappingNode economics)
        {
            Resite(economics, "electricityTariffs", hubSiteId, like);
            if (economics.Children.TryGetValue(new YamlScalarNode("labour"), out var l) && l is YamlMappingNode labour) Resite(labour, "wages", hubSiteId, like);
            if (economics.Children.TryGetValue(new YamlScalarNode("risk"), out var r) && r is YamlMappingNode risk
                && risk.Children.TryGetValue(new YamlScalarNode("execution"), out var x) && x is YamlMappingNode execution)
                Refeed(execution, oldFeedTypes, newFeedTypes);
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.WriteLine($"# Exported by MagLoop from the network plan '{problem.Name}', year {year}, hub {hub.Id}; made from {scenarioPath}.");
        yaml.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    // Entries of a list keyed by site: the hub's stay, each network spoke gets a copy of its nearest scenario spoke's.
    private static void Resite(YamlMappingNode owner, string key, string hubSiteId, IReadOnlyDictionary<string, string?> like)
    {
        if (!owner.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is not YamlSequenceNode list) return;
        var result = new YamlSequenceNode();
        var entries = list.Children.Cast<YamlMappingNode>().ToList();
        foreach (var entry in entries)
        {
            if (!entry.Children.TryGetValue(new YamlScalarNode("site"), out var site) || ((YamlScalarNode)site).Value == hubSiteId) result.Add(entry);
        }

        foreach (var (spoke, model) in like)
        {
            var source = entries.Where(en => en.Children.TryGetValue(new YamlScalarNode("site"), out var s) && ((YamlScalarNode)s).Value == (model ?? hubSiteId));
            foreach (var entry in source)
            {
                var copy = new YamlMappingNode(entry.Children.Select(p => new KeyValuePair<YamlNode, YamlNode>(p.Key, p.Value)));
                copy.Children[new YamlScalarNode("site")] = new YamlScalarNode(spoke);
                result.Add(copy);
            }
        }

        owner.Children[new YamlScalarNode(key)] = result;
    }

    // Execution-risk supply shares are keyed by feed: each exported feed takes the share of the scenario's first feed of
    // the same scrap type (the risk is the scrap type's), and a type the scenario gave no share keeps none.
    private static void Refeed(YamlMappingNode execution, IReadOnlyDictionary<string, string> oldTypes, IReadOnlyList<(string Id, string Type)> newFeeds)
    {
        if (!execution.Children.TryGetValue(new YamlScalarNode("supply"), out var node) || node is not YamlSequenceNode list) return;
        var byType = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var entry in list.Children.Cast<YamlMappingNode>())
            if (oldTypes.TryGetValue(Scalar(entry, "feed"), out var type)) byType.TryAdd(type, entry);
        var result = new YamlSequenceNode();
        foreach (var (id, type) in newFeeds)
        {
            if (!byType.TryGetValue(type, out var model)) continue;
            var copy = new YamlMappingNode(model.Children.Select(p => new KeyValuePair<YamlNode, YamlNode>(p.Key, p.Value)));
            copy.Children[new YamlScalarNode("feed")] = new YamlScalarNode(id);
            result.Add(copy);
        }

        execution.Children[new YamlScalarNode("supply")] = result;
    }

    private static YamlMappingNode Node(params (string Key, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Key), new YamlScalarNode(p.Value))));

    private static string Type(IReadOnlyDictionary<string, ScrapSource> sources, string id) =>
        sources.TryGetValue(id, out var source) ? source.ScrapType : throw new ArgumentException($"'{id}' is no source of the problem", nameof(sources));

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static double Number(YamlMappingNode node, string key) => double.Parse(Scalar(node, key), CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
