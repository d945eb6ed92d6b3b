using MagLoop.Errors;
using MagLoop.Materials;
using MagLoop.Materials.Magnets;
using MagLoop.Plants;
using MagLoop.Process;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>A validated scenario turned into the objects the models read: the typed plant definition and its flowsheet.</summary>
/// <param name="Scenario">The scenario as read (for the sections the definition does not cover yet: carbon factors, economics).</param>
/// <param name="Definition">The typed, immutable plant definition every model reads.</param>
/// <param name="Flowsheet">The flowsheet graph built from the definition.</param>
/// <param name="Map">Where each scenario value was written, for located errors found while solving.</param>
public sealed record Plant(Scenario Scenario, PlantDefinition Definition, Flowsheet Flowsheet, SourceMap Map)
{
    /// <summary>Scrap type of each feed as that feed delivers it, by feed id.</summary>
    public IReadOnlyDictionary<string, ScrapType> ScrapTypes => Definition.Feeds.ToDictionary(f => f.Id.Value, f => f.ScrapType);

    /// <summary>Intake capacity of the HPMS vessels together, kg/yr.</summary>
    public double HpmsCapacityKgPerYear => Definition.Station(StationId.Hpms).CapacityKgPerYear;

    /// <summary>Blend intake capacity of the jet mills together, kg/yr (the line as a whole may take less: see <see cref="FlowsheetFactory.LineCapacity"/>).</summary>
    public double MagnetLineCapacityKgPerYear => Definition.Station(StationId.JetMills).CapacityKgPerYear;
}

/// <summary>
/// Turns a scenario into a <see cref="Plant"/> in one validation pass: every cross-reference, capacity and
/// consistency rule is checked and every problem collected, located at its file, line, column and field, before
/// the definition is built; then the flowsheet is built from the definition. One problem is thrown as that
/// <see cref="ScenarioException"/>, several as one <see cref="ScenarioValidationException"/>.
/// </summary>
public static class PlantBuilder
{
    // A recycle returning this share of its own flow or more takes too many sweeps to settle (or never does).
    private const double MaxLoopGain = 0.99;
    private const double HoursPerYear = 8760;
    private const double HoursPerWeek = 168;

    /// <summary>Default jet-mill lot, kg: an inerted powder container (engineering assumption, as in the scenario schema).</summary>
    internal const double DefaultJetMillLotKg = 250;

    /// <summary>Default powder silo in front of the jet mills, kg (engineering assumption, as in the scenario schema).</summary>
    internal const double DefaultSiloKg = 20_000;

    /// <summary>Validates and builds the plant.</summary>
    public static Plant Build(Scenario scenario, SourceMap map)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(map);
        var pass = new Pass(scenario, map);
        var definition = pass.Run();
        return new Plant(scenario, definition, Located(scenario, map, () => FlowsheetFactory.Create(definition)), map);
    }

    /// <summary>Runs a step that solves the flowsheet; a process error becomes a located scenario error.</summary>
    internal static T Located<T>(Scenario scenario, SourceMap map, Func<T> solve)
    {
        try
        {
            return solve();
        }
        catch (UnreachableGradeException e)
        {
            throw map.Error(scenario.Magnets, nameof(MagnetsSection.TargetGrade), e.Message);
        }
        catch (ProcessException e)
        {
            throw map.Error(scenario, nameof(Scenario.Process), e.Message);
        }
    }

    // One pass over the scenario. Checks that depend on an earlier one (a site that must exist) are skipped when it
    // failed, so each problem is reported once, at its cause.
    private sealed class Pass(Scenario scenario, SourceMap map)
    {
        private readonly List<ScenarioException> _errors = [];

        public PlantDefinition Run()
        {
            var sites = CheckSites();
            var feedsUnique = Unique(scenario.Feeds, f => f.Id, "feed");
            if (scenario.Feeds.Count == 0) Fail(scenario, nameof(Scenario.Feeds), "at least one feed is required");
            var routesOk = CheckRoutes(sites);
            var hubOk = CheckHub(sites);
            var library = ScrapTypes();
            var feeds = CheckFeeds(sites, library);
            var fresh = CheckBlending();
            Try(() => MagnetStudy.Validate(scenario, map));
            CheckSimulationSection();
            var stations = BuildStations();
            // A bad route or site is reported where it is written; the feeds it strands are not reported again.
            if (hubOk && feedsUnique && routesOk) Reachability(sites);
            var routes = feeds is null ? null : Try(() => RouteBuilder.Build(scenario, map, feeds, stations) ?? NoRoutes);
            ScenarioValidationException.ThrowIfAny(_errors);
            return Definition(feeds!, fresh!, stations) with { RecyclingRoutes = ReferenceEquals(routes, NoRoutes) ? null : routes };
        }

        // Try needs a reference for "no routes"; this one stands for the absent section.
        private static readonly RecyclingRoutes NoRoutes = new(null, null, new ShortLoopLimits(1, 0, ""), null, new Dictionary<RouteStreamId, RecyclingRoute>(), new Dictionary<RouteStreamId, RecyclingRoute>());

        private void Fail(object owner, string? property, string problem) => _errors.Add(map.Error(owner, property, problem));

        private T? Try<T>(Func<T> check) where T : class
        {
            try
            {
                return check();
            }
            catch (ScenarioException e)
            {
                _errors.Add(e);
                return null;
            }
        }

        private void Try(Action check) => Try<object>(() =>
        {
            check();
            return new object();
        });

        private bool Unique<T>(IEnumerable<T> items, Func<T, string> id, string what) where T : notnull
        {
            var seen = new HashSet<string>();
            var ok = true;
            foreach (var item in items)
                if (!seen.Add(id(item)))
                {
                    Fail(item, "id", $"duplicate {what} id '{id(item)}'");
                    ok = false;
                }

            return ok;
        }

        private Dictionary<string, Site> CheckSites()
        {
            if (scenario.Sites.Count == 0) Fail(scenario, nameof(Scenario.Sites), "at least one site (the hub) is required");
            Unique(scenario.Sites, s => s.Id, "site");
            var sites = new Dictionary<string, Site>();
            foreach (var site in scenario.Sites) sites.TryAdd(site.Id, site);
            return sites;
        }

        private bool RequireSite(Dictionary<string, Site> sites, object owner, string property, string id)
        {
            if (sites.ContainsKey(id)) return true;
            var hint = Suggest.Nearest(id, sites.Keys);
            Fail(owner, property, $"site '{id}' is not defined{(hint is null ? "" : $"; did you mean '{hint}'?")} Sites: {string.Join(", ", sites.Keys)}");
            return false;
        }

        // One lane per pair of sites: a second would silently replace the first in logistics cost and transport carbon.
        private bool CheckRoutes(Dictionary<string, Site> sites)
        {
            var errors = _errors.Count;
            var lanes = new HashSet<(string From, string To)>();
            foreach (var route in scenario.Routes)
            {
                var ends = RequireSite(sites, route, nameof(Route.From), route.From) & RequireSite(sites, route, nameof(Route.To), route.To);
                if (!ends) continue;
                if (route.From == route.To)
                    Fail(route, nameof(Route.To), $"a route must join two different sites; this one starts and ends at '{route.From}'");
                else if (!lanes.Add((route.From, route.To)))
                    Fail(route, nameof(Route.To), $"a second route from '{route.From}' to '{route.To}': give each pair of sites one route");
            }

            return _errors.Count == errors;
        }

        private bool CheckHub(Dictionary<string, Site> sites)
        {
            var hpms = scenario.Equipment.Hpms;
            var line = scenario.Equipment.MagnetLine;
            var ok = RequireSite(sites, hpms, nameof(HpmsEquipment.Site), hpms.Site);
            if (ok && sites[hpms.Site].Kind != SiteKind.Hub)
            {
                Fail(hpms, nameof(HpmsEquipment.Site), $"site '{hpms.Site}' is a spoke; HPMS vessels stand at a hub");
                ok = false;
            }

            if (RequireSite(sites, line, nameof(MagnetLineEquipment.Site), line.Site) && ok && line.Site != hpms.Site)
                Fail(line, nameof(MagnetLineEquipment.Site), $"the magnet line must stand with the HPMS vessels at '{hpms.Site}'");
            return ok;
        }

        private Dictionary<string, ScrapType> ScrapTypes()
        {
            var library = Materials.ScrapLibrary.All.ToDictionary(s => s.Id);
            foreach (var definition in scenario.ScrapTypes)
            {
                if (library.ContainsKey(definition.Id))
                {
                    Fail(definition, nameof(ScrapTypeDefinition.Id), $"scrap type '{definition.Id}' is already defined");
                    continue;
                }

                if (ToScrapType(definition) is { } type) library[definition.Id] = type;
            }

            return library;
        }

        private List<FeedDefinition>? CheckFeeds(Dictionary<string, Site> sites, Dictionary<string, ScrapType> library)
        {
            var feeds = new List<FeedDefinition>();
            var ok = true;
            foreach (var feed in scenario.Feeds)
            {
                ok &= RequireSite(sites, feed, nameof(Feed.Site), feed.Site);
                if (!library.TryGetValue(feed.ScrapType, out var type))
                {
                    // A scenario scrap type that failed its own checks is reported there, not again here.
                    if (scenario.ScrapTypes.Any(d => d.Id == feed.ScrapType))
                    {
                        ok = false;
                        continue;
                    }

                    var hint = Suggest.Nearest(feed.ScrapType, library.Keys);
                    Fail(feed, nameof(Feed.ScrapType),
                        $"unknown scrap type '{feed.ScrapType}'{(hint is null ? "" : $"; did you mean '{hint}'?")} Known: {string.Join(", ", library.Keys)}");
                    ok = false;
                    continue;
                }

                feeds.Add(new FeedDefinition(new FeedId(feed.Id), new SiteId(feed.Site), Override(type, feed), feed.TonnesPerYear * 1000.0));
            }

            return ok ? feeds : null;
        }

        private Composition? CheckBlending()
        {
            var blending = scenario.Process.Blending;
            var freshLocation = map.Locate(blending, ScenarioNames.Key(nameof(BlendingParameters.FreshRareEarth)));
            var fresh = Try(() => blending.FreshRareEarth.ToComposition(map.File, freshLocation));
            if (fresh is not null)
            {
                var milledFresh = Process.Blending.MilledFreeRareEarthFraction(MassStream.Of(fresh, 1.0), scenario.Process.JetMilling.OxygenPickupKgPerKg);
                if (milledFresh <= blending.TargetFreeRareEarthFraction)
                    Fail(blending, nameof(BlendingParameters.FreshRareEarth),
                        $"the fresh addition holds {milledFresh:P2} free rare earth once milled and cannot raise the blend to the target {blending.TargetFreeRareEarthFraction:P2}");
            }

            if (scenario.Routing.PressingScrap == PressingScrapDestination.Blending)
            {
                // Share of each kg of blend that comes back as pressing scrap; at 1 or more the loop never settles.
                var jet = scenario.Process.JetMilling;
                var loopGain = scenario.Process.Pressing.LossFraction * (1 - jet.LossFraction) * (1 + jet.OxygenPickupKgPerKg);
                if (loopGain >= MaxLoopGain)
                    Fail(scenario.Process.Pressing, nameof(LossParameters.LossFraction),
                        $"with pressing scrap returned to blending, {loopGain:P1} of the blend would come back each pass and the loop cannot settle; keep it below {MaxLoopGain:P0}");
            }

            return fresh;
        }

        private ScrapType? ToScrapType(ScrapTypeDefinition definition)
        {
            var magnet = Try(() => definition.MagnetComposition.ToComposition(map.File, map.Locate(definition, "magnetComposition")));
            var foreign = Try(() => definition.ForeignComposition.ToComposition(map.File, map.Locate(definition, "foreignComposition")));
            var ok = magnet is not null && foreign is not null;
            if (magnet is not null)
            {
                var wrong = magnet.NonZero().Select(p => p.Key).Where(c => !Components.IsMagnetAlloy(c) || c is Component.O or Component.H).ToList();
                if (wrong.Count > 0)
                {
                    Fail(definition, nameof(ScrapTypeDefinition.MagnetComposition),
                        $"{wrong[0]} does not belong in a magnet alloy composition (oxygen goes in oxygenMassFraction; coating and foreign matter have their own fields)");
                    ok = false;
                }
            }

            if (foreign is not null && foreign.NonZero().Any(p => !Components.IsForeign(p.Key)))
            {
                Fail(definition, nameof(ScrapTypeDefinition.ForeignComposition), "foreign matter is made of steel, polymer and other only");
                ok = false;
            }

            if (definition.MagnetMassFraction * (1 + definition.CoatingMassPerMagnetMass) > 1 + 1e-12)
            {
                Fail(definition, nameof(ScrapTypeDefinition.CoatingMassPerMagnetMass), "magnet plus coating exceed the scrap mass");
                ok = false;
            }

            if (!ok) return null;
            var source = $"Scenario definition: {definition.Source}";
            return new ScrapType
            {
                Id = definition.Id,
                Name = definition.Name ?? definition.Id,
                MagnetMassFraction = new(definition.MagnetMassFraction, source),
                MagnetComposition = magnet!,
                MagnetCompositionSource = source,
                OxygenMassFraction = new(definition.OxygenMassFraction, source),
                Coating = definition.Coating,
                CoatingMassPerMagnetMass = new(definition.CoatingMassPerMagnetMass, source),
                ForeignComposition = foreign!,
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

        // A feed whose site has no chain of routes to the hub would leave its concentrate stranded.
        private void Reachability(Dictionary<string, Site> sites)
        {
            var hub = scenario.Equipment.Hpms.Site;
            var reaching = new HashSet<string> { hub };
            var incoming = scenario.Routes.ToLookup(r => r.To, r => r.From);
            var queue = new Queue<string>([hub]);
            while (queue.TryDequeue(out var site))
                foreach (var from in incoming[site])
                    if (reaching.Add(from)) queue.Enqueue(from);
            foreach (var feed in scenario.Feeds.Where(f => sites.ContainsKey(f.Site) && !reaching.Contains(f.Site)))
                Fail(feed, nameof(Feed.Site), $"no path from feed '{feed.Id}' to the magnets: no route leads from site '{feed.Site}' to the hub '{hub}'");
        }

        private void CheckSimulationSection()
        {
            var section = scenario.Simulation;
            var hpms = scenario.Equipment.Hpms;
            if (section.HpmsPhases is { } phases && Math.Abs(phases.TotalHours() - hpms.CycleHours) > 1e-6 * hpms.CycleHours)
                Fail(phases, nameof(HpmsPhases.HydrogenateHours),
                    $"the HPMS phases add up to {phases.TotalHours():G6} h but equipment.hpms.cycleHours is {hpms.CycleHours:G6} h");
            foreach (var (year, index) in section.RampUp.Select((y, i) => (y, i)))
                if (!(year > 0 && year <= 1))
                    Fail(section, nameof(SimulationSection.RampUp), $"ramp-up year {index + 1} is {year}; each year's fraction must be in (0, 1]");
            var calendars = section.Calendars;
            foreach (var (name, calendar) in new[] { ("receiving", calendars.Receiving), ("hpms", calendars.Hpms), ("magnetLine", calendars.MagnetLine), ("machining", calendars.Machining), ("finishing", calendars.Finishing) })
                if (calendar.ShiftsPerDay * calendar.HoursPerShift > 24 + 1e-9)
                    Fail(calendar, nameof(ShiftCalendar.HoursPerShift), $"calendars.{name}: {calendar.ShiftsPerDay} shifts of {calendar.HoursPerShift} h exceed 24 h a day");
            foreach (var (name, calendar, operatingHours, equipment) in new[] { ("hpms", calendars.Hpms, hpms.OperatingHoursPerYear, "hpms"), ("magnetLine", calendars.MagnetLine, scenario.Equipment.MagnetLine.OperatingHoursPerYear, "magnetLine") })
            {
                // The flowsheet's capacity assumes operatingHoursPerYear; a calendar open fewer hours would simulate a smaller plant.
                var openHours = calendar.HoursPerDay() * calendar.DaysPerWeek * HoursPerYear / HoursPerWeek;
                if (openHours < Math.Min(operatingHours, HoursPerYear) - 1e-6)
                    Fail(calendar, nameof(ShiftCalendar.ShiftsPerDay),
                        $"calendars.{name} is open {openHours:F0} h a year ({calendar.ShiftsPerDay} x {calendar.HoursPerShift:G6} h on {calendar.DaysPerWeek} of 7 days) but equipment.{equipment}.operatingHoursPerYear is {operatingHours:G6} h; open the calendar at least that long or lower operatingHoursPerYear");
            }

            var stations = section.Stations;
            foreach (var (name, p) in LineStations(stations).Skip(2))
            {
                if (p.Units is null || p.LotKg is null || p.BufferKg is null)
                    Fail(p, p.Units is null ? nameof(StationParameters.Units) : p.LotKg is null ? nameof(StationParameters.LotKg) : nameof(StationParameters.BufferKg),
                        $"stations.{ScenarioNames.Key(name)} needs units, lotKg and bufferKg");
                if ((p.CycleHours is null) == (p.RateKgPerHour is null))
                    Fail(p, nameof(StationParameters.CycleHours), $"stations.{ScenarioNames.Key(name)} needs exactly one of cycleHours and rateKgPerHour");
            }

            foreach (var (name, p) in LineStations(stations).Take(2))
                if (p.Units is not null || p.CycleHours is not null || p.RateKgPerHour is not null || (name == nameof(StationSet.Hpms) && (p.LotKg is not null || p.BufferKg is not null)))
                    Fail(p, p.Units is not null ? nameof(StationParameters.Units) : nameof(StationParameters.CycleHours),
                        $"stations.{ScenarioNames.Key(name)} takes its size and rate from the equipment section; set breakdowns and maintenance here");

            // Receiving and degassing are flowsheet capacities only: a size and a rate or batch cycle, no buffer.
            foreach (var (name, p) in new[] { (nameof(StationSet.Receiving), stations.Receiving), (nameof(StationSet.Degassing), stations.Degassing) })
            {
                if (p.Units is null)
                    Fail(p, nameof(StationParameters.Units), $"stations.{ScenarioNames.Key(name)} needs units");
                if ((p.CycleHours is null) == (p.RateKgPerHour is null))
                    Fail(p, nameof(StationParameters.CycleHours), $"stations.{ScenarioNames.Key(name)} needs exactly one of cycleHours and rateKgPerHour");
                else if (p.CycleHours is not null && p.LotKg is null)
                    Fail(p, nameof(StationParameters.LotKg), $"stations.{ScenarioNames.Key(name)} runs batches and needs lotKg, the charge per batch");
                if (p.MaintenanceEveryHours > 0 && p.MaintenanceHours >= p.MaintenanceEveryHours)
                    Fail(p, nameof(StationParameters.MaintenanceHours),
                        $"stations.{ScenarioNames.Key(name)}: {p.MaintenanceHours:G6} h of maintenance every {p.MaintenanceEveryHours:G6} h would keep it down all the time; make it shorter than the interval");
            }

            var all = LineStations(stations);
            foreach (var (name, p) in all)
                if (p.MaintenanceEveryHours > 0 && p.MaintenanceHours >= p.MaintenanceEveryHours)
                    Fail(p, nameof(StationParameters.MaintenanceHours),
                        $"stations.{ScenarioNames.Key(name)}: {p.MaintenanceHours:G6} h of maintenance every {p.MaintenanceEveryHours:G6} h would keep it down all the time; make it shorter than the interval");

            // A lot is taken whole from the station's buffer and its output put whole into the next one: both must fit.
            for (var i = 1; i < all.Count; i++)
            {
                var (name, p) = all[i];
                var lotKg = p.LotKg ?? DefaultJetMillLotKg;
                var bufferKg = p.BufferKg ?? DefaultSiloKg;
                if (lotKg > bufferKg)
                    Fail(p, nameof(StationParameters.LotKg),
                        $"stations.{ScenarioNames.Key(name)}: a lot of {lotKg:G6} kg cannot fit its buffer of {bufferKg:G6} kg, so the station would never start; make lotKg at most bufferKg");
                else if (i + 1 < all.Count && all[i + 1].P.BufferKg is { } nextKg && lotKg > nextKg)
                    Fail(p, nameof(StationParameters.LotKg),
                        $"stations.{ScenarioNames.Key(name)}: a lot of {lotKg:G6} kg cannot fit the {nextKg:G6} kg buffer of stations.{ScenarioNames.Key(all[i + 1].Name)}, so the line would block; make lotKg at most that buffer");
            }
        }

        private List<StationDefinition> BuildStations()
        {
            var hpms = scenario.Equipment.Hpms;
            var line = scenario.Equipment.MagnetLine;
            var section = scenario.Simulation;
            var calendars = section.Calendars;
            var energy = scenario.Carbon.Energy;
            var site = new SiteId(hpms.Site);
            var s = section.Stations;
            var stations = new List<StationDefinition>();
            Add(StationId.Receiving, StationKind.Receiving, "Receiving dock", s.Receiving, calendars.Receiving, UnitId.Receiving, []);
            stations.AddRange(
            [
                new(StationId.Hpms, StationKind.Hpms, "HPMS vessels", site, hpms.Vessels,
                    new BatchThroughput(hpms.BatchKg, PhasesOf(hpms, section.HpmsPhases)), hpms.BatchKg, null,
                    Calendar(calendars.Hpms), hpms.OperatingHoursPerYear, hpms.Availability, Reliable(section.Stations.Hpms), UnitId.Hpms,
                    [HpmsEnergyOf(energy.Hpms)]),
            ]);
            Add(StationId.Degassing, StationKind.Degassing, "Degassing furnaces", s.Degassing, calendars.Hpms, UnitId.Degassing, [Furnace("", energy.Degassing)]);
            stations.Add(
                new(StationId.JetMills, StationKind.JetMill, "Jet mills", site, line.JetMills,
                    new RateThroughput(line.JetMillKgPerHour), section.Stations.JetMills.LotKg ?? DefaultJetMillLotKg, section.Stations.JetMills.BufferKg ?? DefaultSiloKg,
                    Calendar(calendars.MagnetLine), line.OperatingHoursPerYear, line.Availability, Reliable(section.Stations.JetMills), UnitId.JetMilling,
                    [new JetMillEnergy(energy.JetMilling.GasNm3PerKg, energy.JetMilling.CompressionKWhPerNm3, energy.JetMilling.ClassifierKw, energy.JetMilling.NitrogenMakeupKgPerKg)]));
            Add(StationId.Presses, StationKind.Press, "Presses", s.Presses, calendars.MagnetLine, UnitId.Pressing, [Drive(energy.Pressing)]);
            Add(StationId.Sintering, StationKind.SinteringFurnace, "Sintering furnaces", s.Sintering, calendars.MagnetLine, UnitId.Sintering, [Furnace("", energy.Sintering)]);
            Add(StationId.HeatTreatment, StationKind.HeatTreatmentFurnace, "Heat-treatment furnaces", s.HeatTreatment, calendars.MagnetLine, UnitId.HeatTreatment,
                [Furnace("first stage", energy.HeatTreatmentFirstStage), Furnace("second stage", energy.HeatTreatmentSecondStage)]);
            Add(StationId.Machining, StationKind.Machining, "Machining", s.Machining, calendars.Machining, UnitId.Machining, [Drive(energy.Machining)]);
            Add(StationId.Coating, StationKind.Coating, "Coating", s.Coating, calendars.Finishing, UnitId.Coating, [Drive(energy.Coating)]);
            Add(StationId.Inspection, StationKind.Inspection, "Inspection", s.Inspection, calendars.Finishing, UnitId.Inspection, [Drive(energy.Magnetising)]);

            var total = stations.Sum(x => x.CapacityKgPerYear);
            if (!double.IsFinite(total))
                Fail(scenario, nameof(Scenario.Equipment), "equipment capacities are not finite numbers");
            else
            {
                if (stations.Single(x => x.Id == StationId.Hpms).CapacityKgPerYear <= 0) Fail(hpms, nameof(HpmsEquipment.Availability), "HPMS capacity is zero: no path from feed to product");
                if (stations.Single(x => x.Id == StationId.JetMills).CapacityKgPerYear <= 0) Fail(line, nameof(MagnetLineEquipment.Availability), "magnet-line capacity is zero: no path from feed to product");
            }

            return stations;

            void Add(StationId id, StationKind kind, string name, StationParameters p, ShiftCalendar calendar, UnitId serves, IReadOnlyList<StationEnergy> energySpec)
            {
                // The simulation-section checks above report a station without its size; it is left out here. A
                // station that is no simulation stage (receiving) needs no lot: it is left at 0.
                if (p.Units is not { } units || (p.CycleHours is null) == (p.RateKgPerHour is null) || (p.LotKg is null && (p.CycleHours is not null || kind != StationKind.Receiving))) return;
                var lotKg = p.LotKg ?? 0;
                StationThroughput throughput = p.CycleHours is { } cycle ? new BatchThroughput(lotKg, [new CyclePhase("cycle", cycle)]) : new RateThroughput(p.RateKgPerHour!.Value);
                var reliability = Reliable(p);
                var work = Calendar(calendar);
                stations.Add(new StationDefinition(id, kind, name, site, units, throughput, lotKg, p.BufferKg, work, work.OpenHoursPerYear,
                    reliability.Availability, reliability, serves, energySpec));
            }
        }

        private PlantDefinition Definition(List<FeedDefinition> feeds, Composition fresh, List<StationDefinition> stations)
        {
            var p = scenario.Process;
            var routing = scenario.Routing;
            var magnets = scenario.Magnets;
            var section = scenario.Simulation;
            var process = new PlantProcess(
                new Hpms.Parameters(p.Hpms.HydrogenUptakeKgPerKg, p.Hpms.OxygenPickupKgPerKg, p.Hpms.CoatingCarryover, p.Hpms.ForeignCarryover),
                new Degassing.Parameters(p.Degassing.HydrogenRemoved),
                fresh,
                p.Blending.TargetFreeRareEarthFraction,
                Lossy(p.JetMilling),
                Lossy(p.Pressing),
                new Sintering.Parameters(p.Sintering.HydrogenReleased, p.Sintering.LossFraction, p.Sintering.PolymerReleased),
                Lossy(p.HeatTreatment),
                new Machining.Parameters(p.Machining.Yield, p.Machining.SwarfOxygenPickupKgPerKg),
                new Process.Coating.Parameters(p.Coating.Kind, p.Coating.MassPerMagnetMass),
                new Inspection.Parameters(p.Inspection.RejectFraction),
                new PlantRouting(routing.Swarf == SwarfDestination.Hpms, routing.Rejects == RejectsDestination.Hpms, routing.PressingScrap == PressingScrapDestination.Blending));
            var spoke = scenario.Carbon.Energy.SpokePreprocessing;
            return new PlantDefinition(
                scenario.Name,
                [.. scenario.Sites.Select(s => new SiteDefinition(new SiteId(s.Id), s.Name ?? s.Id, s.Kind == SiteKind.Hub ? SiteRole.Hub : SiteRole.Spoke, s.Latitude, s.Longitude))],
                [.. scenario.Routes.Select(r => new RouteDefinition(new SiteId(r.From), new SiteId(r.To), r.Mode == TransportMode.Rail ? FreightMode.Rail : FreightMode.Truck, r.DistanceKm))],
                feeds,
                stations,
                process,
                new MagnetSpecification(MagnetStudy.Processing(scenario), magnets.TargetGrade is { } grade ? MagnetGrade.Parse(grade) : null, magnets.GbdUtilisation),
                new PlantEnergySpecification(Drive(spoke), scenario.Carbon.Energy.HubBaseLoadKw) { HpmsBaseLoadKwPerVessel = scenario.Carbon.Energy.HpmsBaseLoadKwPerVessel },
                new SimulationSettings(section.Years, section.Replications, section.WarmUpDays, [.. section.RampUp], Calendar(section.Calendars.Receiving),
                    section.Trucks.PayloadTonnes * 1000, section.Trucks.AverageSpeedKmPerHour, section.Trucks.TransitTimeCv));
        }

        private static List<(string Name, StationParameters P)> LineStations(StationSet s) =>
        [
            (nameof(StationSet.Hpms), s.Hpms), (nameof(StationSet.JetMills), s.JetMills), (nameof(StationSet.Presses), s.Presses),
            (nameof(StationSet.Sintering), s.Sintering), (nameof(StationSet.HeatTreatment), s.HeatTreatment), (nameof(StationSet.Machining), s.Machining),
            (nameof(StationSet.Coating), s.Coating), (nameof(StationSet.Inspection), s.Inspection),
        ];

        // Default split of the cycle (1.5:1:1:3:1.5 of 8 h): engineering assumption from the phase list of [6].
        private static List<CyclePhase> PhasesOf(HpmsEquipment hpms, HpmsPhases? phases)
        {
            string[] names = ["load", "evacuate", "purge", "hydrogenate", "unload"];
            double[] hours = phases is null
                ? [.. new[] { 1.5, 1, 1, 3, 1.5 }.Select(h => h / 8 * hpms.CycleHours)]
                : [phases.LoadHours, phases.EvacuateHours, phases.PurgeHours, phases.HydrogenateHours, phases.UnloadHours];
            return [.. names.Zip(hours, (n, h) => new CyclePhase(n, h))];
        }

        private static WorkCalendar Calendar(ShiftCalendar c) => new(c.ShiftsPerDay, c.HoursPerShift, c.DaysPerWeek);

        private static Reliability Reliable(StationParameters p) => new(p.MtbfHours, p.MttrHours, p.MaintenanceEveryHours, p.MaintenanceHours, p.DurationCv);

        private static LossyStep.Parameters Lossy(LossParameters p) => new(p.LossFraction, p.OxygenPickupKgPerKg);

        private static DriveEnergy Drive(DriveSpec d) => new(d.InstalledKw, d.LoadFactor, d.RatedKgPerHour);

        private static FurnaceEnergy Furnace(string stage, FurnaceSpec f) =>
            new(stage, f.ChargeKg, f.TemperatureC, f.FixtureKgPerKg, f.SpecificHeatKJPerKgK, f.HeatingEfficiency, f.HoldHours, f.HoldingKw, f.VacuumPumpKw, f.CycleHours, f.ArgonKgPerBatch);

        private static HpmsEnergy HpmsEnergyOf(HpmsEnergySpec h) =>
            new(h.VesselFreeVolumeM3, h.HydrogenPressureBar, h.ArgonBackfillBar, h.HeadspaceHydrogenLostFraction, h.VacuumPumpKw, h.EvacuationHours, h.DrumKw, h.HydrogenationHours, h.AuxiliaryKw);
    }
}
