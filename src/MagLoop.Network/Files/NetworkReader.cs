using MagLoop.Carbon;
using MagLoop.Errors;
using MagLoop.Materials;
using MagLoop.Network.Hubs;
using MagLoop.Network.Supply;
using MagLoop.Network.Transport;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Network.Files;

/// <summary>A network file read and built: the problem the planner solves, with what it was built from.</summary>
/// <param name="Problem">The planning problem.</param>
/// <param name="File">The network file as bound.</param>
/// <param name="Map">Where each value of the file sits.</param>
/// <param name="Path">Path of the network file as given.</param>
/// <param name="Data">The reference data it read.</param>
/// <param name="Modes">Transport modes with their factors and sources.</param>
/// <param name="HubOptions">The twin's figures of each hub option, by hub site id and option id.</param>
public sealed record NetworkCase(
    NetworkProblem Problem, NetworkFile File, SourceMap Map, string Path, ReferenceData Data, IReadOnlyList<FreightMode> Modes,
    IReadOnlyDictionary<(string Hub, string Option), TwinFigures> HubOptions);

/// <summary>
/// Reads a network YAML file into a <see cref="NetworkProblem"/>: binds it with the scenario reader's strict binder
/// (unknown keys, wrong types, ranges, missing fields are located errors), estimates scrap supply from the reference
/// data, evaluates every hub option's scenario with the twin, and builds the lanes. Every user error is a
/// <see cref="ScenarioException"/> (or several in a <see cref="ScenarioValidationException"/>) located in the
/// network file, or in a scenario file it names.
/// </summary>
public static class NetworkReader
{
    /// <summary>Longest planning horizon, years.</summary>
    public const int MaxYears = 60;

    /// <summary>Reads a network file and builds its problem.</summary>
    public static NetworkProblem ReadProblem(string path) => Read(path).Problem;

    /// <summary>Reads a network file and builds its problem, keeping what it was built from.</summary>
    public static NetworkCase Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (file, map) = ScenarioReader.ReadDocument<NetworkFile>(ScenarioFile.ReadText(path), path,
            "a network file must be a mapping of keys (name, firstYear, lastYear, discountRate, supply, hubs, spokes, transport, demand, carbon)");
        return Build(file, map, path);
    }

    /// <summary>Builds the problem of a bound network file; <paramref name="path"/> is where relative paths start.</summary>
    public static NetworkCase Build(NetworkFile file, SourceMap map, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(path);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var errors = new List<ScenarioException>();

        if (file.LastYear < file.FirstYear) errors.Add(map.Error(file, nameof(NetworkFile.LastYear), $"must not be before firstYear ({file.FirstYear})"));
        else if (file.LastYear - file.FirstYear + 1 > MaxYears) errors.Add(map.Error(file, nameof(NetworkFile.LastYear), $"the plan may span at most {MaxYears} years"));
        if (file.Hubs.Count == 0) errors.Add(map.Error(file, nameof(NetworkFile.Hubs), "give at least one candidate hub"));
        ScenarioValidationException.ThrowIfAny(errors);

        var data = OpenData(file, map, folder);
        var years = Enumerable.Range(file.FirstYear, file.LastYear - file.FirstYear + 1).ToList();
        var sitesById = data.Sites.ToDictionary(s => s.Id, StringComparer.Ordinal);

        ReferenceSite Site(object owner, string property, string id)
        {
            if (sitesById.TryGetValue(id, out var site)) return site;
            var hint = Suggest.Nearest(id, sitesById.Keys);
            throw map.Error(owner, property, $"'{id}' is no site of {ReferenceData.SitesFile}{(hint is null ? "" : $"; did you mean '{hint}'?")}");
        }

        string Scenario(object owner, string property, string relative)
        {
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, relative));
            if (!System.IO.File.Exists(full)) throw map.Error(owner, property, $"scenario file not found: '{full}'");
            return full;
        }

        string Grid(object owner, string? given, ReferenceSite site)
        {
            if (given is not null)
            {
                if (GridFactors.Find(given) is { } known) return known.Region;
                var hint = Suggest.Nearest(given, GridFactors.Known());
                throw map.Error(owner, nameof(HubSpec.GridRegion), $"unknown eGRID2022 subregion '{given}'{(hint is null ? "" : $"; did you mean '{hint}'?")}");
            }

            return GridFactors.RegionOf(site.State, site.LatitudeDeg)
                ?? throw map.Error(owner, nameof(HubSpec.Site), $"no eGRID2022 subregion is known for state '{site.State}'; give gridRegion");
        }

        void CheckOpen(object owner, int? openFrom)
        {
            if (openFrom is { } y && (y < file.FirstYear || y > file.LastYear))
                throw map.Error(owner, nameof(HubSpec.OpenFromYear), $"must lie within the planning years {file.FirstYear}-{file.LastYear}, found {y}");
        }

        var seenSites = new HashSet<string>(StringComparer.Ordinal);
        var hubOptions = new Dictionary<(string, string), TwinFigures>();
        var sites = new List<CandidateSite>();
        // Prices come from the first hub's largest option: the plant whose yields its site carries.
        TwinFigures? first = null;
        foreach (var hub in file.Hubs)
        {
            var site = Site(hub, nameof(HubSpec.Site), hub.Site);
            if (!seenSites.Add(site.Id)) throw map.Error(hub, nameof(HubSpec.Site), $"site '{site.Id}' is listed twice");
            CheckOpen(hub, hub.OpenFromYear);
            if (hub.MinUtilisation > hub.MaxUtilisation) throw map.Error(hub, nameof(HubSpec.MinUtilisation), $"must not exceed maxUtilisation ({hub.MaxUtilisation})");
            if (hub.Options.Count == 0) throw map.Error(hub, nameof(HubSpec.Options), "give at least one option (a scenario file)");
            var region = Grid(hub, hub.GridRegion, site);
            var grid = GridFactors.Find(region)!.KgCo2ePerKWh;
            var options = new List<SiteOption>();
            TwinFigures? previous = null;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var option in hub.Options)
            {
                if (!ids.Add(option.Id)) throw map.Error(option, nameof(HubOptionSpec.Id), $"option '{option.Id}' is listed twice");
                var twin = Twin.Evaluate(Scenario(option, nameof(HubOptionSpec.Scenario), option.Scenario));
                hubOptions[(site.Id, option.Id)] = twin;
                var scrapKg = twin.Study.Production.ScrapFeedTonnesPerYear * 1000;
                var capacity = twin.CapacityKgPerYear - (previous?.CapacityKgPerYear ?? 0);
                if (capacity <= 0)
                    throw map.Error(option, nameof(HubOptionSpec.Scenario), $"an expansion must add HPMS capacity: this plant takes {twin.CapacityKgPerYear / 1000:N0} t/yr of scrap, the option before {previous!.CapacityKgPerYear / 1000:N0}");
                options.Add(new SiteOption(option.Id, capacity,
                    twin.Hub.CapitalUsd - (previous?.Hub.CapitalUsd ?? 0),
                    twin.FixedCostUsdPerYear - (previous?.FixedCostUsdPerYear ?? 0),
                    twin.VariableCostUsdPerKg,
                    twin.HubJobs - (previous?.HubJobs ?? 0),
                    twin.Hub.ProcessKgCo2ePerKg(grid, scrapKg),
                    twin.LeadTimeYears, hub.MinUtilisation, hub.MaxUtilisation, twin.ScenarioPath));
                previous = twin;
            }

            first ??= previous;
            sites.Add(new CandidateSite(site.Id, site.Name, SiteRole.Hub, site.State, site.LatitudeDeg, site.LongitudeDeg, region,
                options, previous!.Yields, 1, hub.OpenFromYear));
        }

        foreach (var spoke in file.Spokes)
        {
            var site = Site(spoke, nameof(SpokeSpec.Site), spoke.Site);
            if (!seenSites.Add(site.Id)) throw map.Error(spoke, nameof(SpokeSpec.Site), $"site '{site.Id}' is listed twice");
            CheckOpen(spoke, spoke.OpenFromYear);
            if (spoke.Options.Count == 0) throw map.Error(spoke, nameof(SpokeSpec.Options), "give at least one option");
            var region = Grid(spoke, spoke.GridRegion, site);
            var grid = GridFactors.Find(region)!.KgCo2ePerKWh;
            var options = new List<SiteOption>();
            (double Capacity, double Capital, double Fixed, double Jobs)? previous = null;
            foreach (var option in spoke.Options)
            {
                var twin = Twin.Evaluate(Scenario(option, nameof(SpokeOptionSpec.Scenario), option.Scenario));
                if (!twin.Spokes.TryGetValue(option.ScenarioSite, out var model))
                {
                    var hint = Suggest.Nearest(option.ScenarioSite, twin.Spokes.Keys);
                    throw map.Error(option, nameof(SpokeOptionSpec.ScenarioSite), $"'{option.ScenarioSite}' is no spoke of that scenario{(hint is null ? $" (spokes: {string.Join(", ", twin.Spokes.Keys)})" : $"; did you mean '{hint}'?")}");
                }

                var capacity = option.CapacityTonnesPerYear * 1000;
                var totalCapex = (double)twin.Study.Economics!.CapexUsd;
                var upkeep = twin.Study.Economics.OpexAtNameplate.Where(l => l.Name is "Maintenance" or "Insurance").Sum(l => (double)l.UsdPerYear);
                var fixedCost = model.LabourUsdPerYear + (totalCapex > 0 ? upkeep * model.CapitalUsd / totalCapex : 0);
                var jobs = Math.Ceiling(model.Fte);
                if (previous is { } p && capacity <= p.Capacity)
                    throw map.Error(option, nameof(SpokeOptionSpec.CapacityTonnesPerYear), $"an expansion must be larger than the option before ({p.Capacity / 1000:N0} t/yr)");
                // An expansion of a spoke repeats the scenario spoke's fit-out and crew (a second line of the same kind).
                options.Add(new SiteOption(option.Id, capacity - (previous?.Capacity ?? 0), model.CapitalUsd, fixedCost,
                    model.ScrapKgPerYear > 0 ? model.ElectricityKWhPerYear * model.TariffUsdPerKWh / model.ScrapKgPerYear : 0,
                    jobs, model.ProcessKgCo2ePerKg(grid, model.ScrapKgPerYear), twin.LeadTimeYears, 0, 1, null));
                previous = (capacity, model.CapitalUsd, fixedCost, jobs);
            }

            sites.Add(new CandidateSite(site.Id, site.Name, SiteRole.Spoke, site.State, site.LatitudeDeg, site.LongitudeDeg, region, options, [], 1, spoke.OpenFromYear));
        }

        var processable = sites.Where(s => s.Role == SiteRole.Hub).SelectMany(s => s.Yields).Select(y => y.ScrapType).ToHashSet(StringComparer.Ordinal);
        var sources = Sources(file, map, data, years, first!, processable, sitesById, Site);
        var modes = Modes(file, map, data);
        var lanes = Lanes(sources, sites, modes, hubOptions);

        var demand = file.Demand;
        var problem = new NetworkProblem(file.Name, years, file.DiscountRate, sources, sites, lanes,
            new Demand(years.Select(y => demand.BaseTonnesPerYear * 1000 * Math.Pow(1 + demand.GrowthPerYear, y - demand.BaseYear)).ToList(),
                demand.MaxShare, demand.TargetShare,
                demand.MagnetPriceUsdPerKg ?? first!.MagnetPriceUsdPerKg,
                demand.CoProductPriceUsdPerKg ?? first!.CoProductPriceUsdPerKg,
                demand.UnmetPenaltyUsdPerKg),
            new CarbonPolicy(file.Carbon.PriceUsdPerTonneCo2e / 1000, file.Carbon.CapTonnesPerYear * 1000));
        return new NetworkCase(problem, file, map, path, data, modes, hubOptions);
    }

    private static ReferenceData OpenData(NetworkFile file, SourceMap map, string folder)
    {
        if (file.Data is { } given)
        {
            var at = map.Locate(file, ScenarioNames.Key(nameof(NetworkFile.Data)));
            return ReferenceData.Open(System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, given)), new InputLocation(map.File, at.Line, at.Column));
        }

        var found = ReferenceData.FindDefaultFolder(folder)
            ?? throw new ScenarioException(map.File, 1, 1, "data",
                $"network reference data not found: no shared/reference/network-data in '{folder}' or a folder above it (the repository's ../shared); set `data:` to the folder holding {ReferenceData.SitesFile}");
        return ReferenceData.Open(found);
    }

    private static List<ScrapSource> Sources(NetworkFile file, SourceMap map, ReferenceData data, IReadOnlyList<int> years, TwinFigures first,
        IReadOnlySet<string> processable, IReadOnlyDictionary<string, ReferenceSite> sitesById, Func<object, string, string, ReferenceSite> site)
    {
        var supply = file.Supply;
        var sources = new List<ScrapSource>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Add(object owner, string property, ScrapSource source)
        {
            if (!ids.Add(source.Id)) throw map.Error(owner, property, $"supply id '{source.Id}' is used twice");
            if (source.SupplyKgByYear.Any(kg => kg > 0)) sources.Add(source);
        }

        void CheckType(object owner, string property, string type)
        {
            if (ScrapLibrary.Find(type) is not null)
            {
                if (processable.Contains(type)) return;
                throw map.Error(owner, property, $"no hub option's scenario processes '{type}', so the twin gives no yield for it; add a feed of it to a hub scenario or drop this supply");
            }

            var hint = Suggest.Nearest(type, ScrapLibrary.All.Select(s => s.Id));
            throw map.Error(owner, property, $"unknown scrap type '{type}'{(hint is null ? $"; built in: {string.Join(", ", ScrapLibrary.All.Select(s => s.Id))}" : $"; did you mean '{hint}'?")}");
        }

        double Price(object owner, string property, string type, double? given)
        {
            if (given is { } price) return price;
            if (first.ScrapPriceUsdPerKg.TryGetValue(type, out var fromScenario)) return fromScenario;
            throw map.Error(owner, property, $"the first hub option's scenario buys no '{type}', so it gives no price; give priceUsdPerKg");
        }

        var regions = supply.Regions.Count > 0 ? supply.Regions : data.ContiguousStates.Order(StringComparer.Ordinal).ToList();
        foreach (var region in regions)
        {
            if (data.Centroid(region) is null)
                throw map.Error(supply, nameof(SupplySection.Regions), $"'{region}' is not one of the 48 contiguous states or DC (postal code) of {ReferenceData.OutlinesFile}");
        }

        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var estimate in supply.Estimates)
        {
            CheckType(estimate, nameof(SupplyEstimateSpec.ScrapType), estimate.ScrapType);
            if (!types.Add(estimate.ScrapType)) throw map.Error(estimate, nameof(SupplyEstimateSpec.ScrapType), $"scrap type '{estimate.ScrapType}' has two estimates");
            if (SupplyEstimator.Missing(estimate) is { } missing) throw map.Error(estimate, missing.Field, missing.Problem);
            var price = Price(estimate, nameof(SupplyEstimateSpec.PriceUsdPerKg), estimate.ScrapType, estimate.PriceUsdPerKg);
            foreach (var region in regions)
            {
                var (lat, lon) = data.Centroid(region)!.Value;
                Add(estimate, nameof(SupplyEstimateSpec.ScrapType), new ScrapSource($"{region}/{estimate.ScrapType}", region, lat, lon, estimate.ScrapType,
                    years.Select(y => SupplyEstimator.KgPerYear(data, estimate, region, y)).ToList(), price));
            }
        }

        foreach (var fixedSupply in supply.Fixed)
        {
            CheckType(fixedSupply, nameof(FixedSupplySpec.ScrapType), fixedSupply.ScrapType);
            var at = site(fixedSupply, nameof(FixedSupplySpec.Site), fixedSupply.Site);
            Add(fixedSupply, nameof(FixedSupplySpec.Id), new ScrapSource(fixedSupply.Id, at.State, at.LatitudeDeg, at.LongitudeDeg, fixedSupply.ScrapType,
                years.Select(_ => fixedSupply.TonnesPerYear * 1000).ToList(), Price(fixedSupply, nameof(FixedSupplySpec.PriceUsdPerKg), fixedSupply.ScrapType, fixedSupply.PriceUsdPerKg)));
        }

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(map.File))!;
        foreach (var feeds in supply.ScenarioFeeds)
        {
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, feeds.Scenario));
            if (!System.IO.File.Exists(full)) throw map.Error(feeds, nameof(ScenarioFeedsSpec.Scenario), $"scenario file not found: '{full}'");
            var twin = Twin.Evaluate(full);
            var margins = twin.Study.Economics!.FeedMargins.ToDictionary(m => m.Feed, StringComparer.Ordinal);
            var scenarioSites = twin.Spokes.Values.Append(twin.Hub).ToDictionary(s => s.Site, StringComparer.Ordinal);
            foreach (var feed in twin.Study.Feeds)
            {
                var at = scenarioSites[feed.Site];
                // The state of a scenario site: that of the nearest candidate site (the scenario gives coordinates only).
                var nearest = sitesById.Values.MinBy(s => GreatCircle.DistanceKm(s.LatitudeDeg, s.LongitudeDeg, at.LatitudeDeg, at.LongitudeDeg))!;
                Add(feeds, nameof(ScenarioFeedsSpec.Scenario), new ScrapSource(feed.Id, nearest.State, at.LatitudeDeg, at.LongitudeDeg, feed.ScrapType,
                    years.Select(_ => feed.ProcessedTonnesPerYear * 1000).ToList(), (double)margins[feed.Id].PurchaseUsdPerKgScrap));
            }
        }

        if (sources.Count == 0) throw map.Error(file, nameof(NetworkFile.Supply), "the supply section yields no scrap in any planning year");
        return sources;
    }

    private static List<FreightMode> Modes(NetworkFile file, SourceMap map, ReferenceData data)
    {
        if (file.Transport.Count == 0)
        {
            var truck = new ModeSpec { Mode = TransportMode.Truck, CostParameter = FreightMode.TruckCost, CarbonParameter = FreightMode.TruckCarbon, CircuityParameter = FreightMode.TruckCircuity };
            return [FreightMode.From(truck, data, map)];
        }

        var modes = file.Transport.Select(m => FreightMode.From(m, data, map)).ToList();
        for (var i = 0; i < modes.Count; i++)
        {
            if (modes.Take(i).Any(m => m.Mode == modes[i].Mode))
                throw map.Error(file.Transport[i], nameof(ModeSpec.Mode), $"mode '{ScenarioNames.Key(modes[i].Mode.ToString())}' is listed twice");
        }

        return modes;
    }

    private static List<Lane> Lanes(IReadOnlyList<ScrapSource> sources, IReadOnlyList<CandidateSite> sites, IReadOnlyList<FreightMode> modes,
        IReadOnlyDictionary<(string Hub, string Option), TwinFigures> hubOptions)
    {
        var lanes = new List<Lane>();
        foreach (var mode in modes)
        {
            if (mode.Legs != LaneLegs.Trunk)
            {
                foreach (var source in sources)
                {
                    foreach (var site in sites)
                    {
                        var km = mode.DistanceKm(source.LatitudeDeg, source.LongitudeDeg, site.LatitudeDeg, site.LongitudeDeg);
                        lanes.Add(new Lane(source.Id, site.Id, mode.Mode, km, km * mode.CostUsdPerTonneKm / 1000, km * mode.CarbonKgCo2ePerTonneKm / 1000));
                    }
                }
            }

            if (mode.Legs == LaneLegs.Collection) continue;
            foreach (var hub in sites.Where(s => s.Role == SiteRole.Hub))
            {
                // A spoke ships concentrate: per kg it receives, the hub's HPMS charge per kg of scrap (largest option's mix).
                var concentrate = hubOptions[(hub.Id, hub.Options[^1].Id)].ConcentrateKgPerKg;
                foreach (var spoke in sites.Where(s => s.Role == SiteRole.Spoke))
                {
                    var km = mode.DistanceKm(spoke.LatitudeDeg, spoke.LongitudeDeg, hub.LatitudeDeg, hub.LongitudeDeg);
                    lanes.Add(new Lane(spoke.Id, hub.Id, mode.Mode, km, concentrate * km * mode.CostUsdPerTonneKm / 1000, concentrate * km * mode.CarbonKgCo2ePerTonneKm / 1000));
                }
            }
        }

        return lanes;
    }
}
