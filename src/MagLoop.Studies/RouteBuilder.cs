using MagLoop.Materials;
using MagLoop.Plants;
using MagLoop.Process;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>The scenario's <c>recyclingRoutes</c> section checked and turned into the definition's <see cref="RecyclingRoutes"/>.</summary>
internal static class RouteBuilder
{
    private static readonly StationKind[] MediumKinds = [StationKind.InductionMelting, StationKind.StripCasting];
    private static readonly StationKind[] LongKinds = [StationKind.Leaching, StationKind.SolventExtraction, StationKind.OxideReduction];

    /// <summary>The routes, or null when the scenario has no section. Problems are located scenario errors.</summary>
    public static RecyclingRoutes? Build(Scenario scenario, SourceMap map, IReadOnlyList<FeedDefinition> feeds, IReadOnlyList<StationDefinition> stations)
    {
        if (scenario.RecyclingRoutes is not { } section) return null;
        var hub = stations.First(s => s.Kind == StationKind.Hpms).Site;
        var calendar = stations.First(s => s.Kind == StationKind.Hpms).Calendar;
        MediumLoopDefinition? medium = null;
        if (section.MediumLoop is { } m)
        {
            var topUp = m.TopUp.ToComposition(map.File, map.Locate(m, ScenarioNames.Key(nameof(MediumLoopSpec.TopUp))));
            if (Components.RareEarths.Sum(re => topUp[re]) <= m.TargetRareEarthFraction)
                throw map.Error(m, nameof(MediumLoopSpec.TopUp), $"the top-up must hold more rare earth than the flake's target {m.TargetRareEarthFraction:P1}");
            medium = new MediumLoopDefinition(
                new VacuumInductionMelting.Parameters(m.OxygenRemoval, m.MetalYield, m.CoatingToMelt, topUp, m.TargetRareEarthFraction),
                m.FlakeHpmsYield,
                new RouteEnergy(m.KWhPerKg, 0, m.ArgonKgPerKg, "recyclingRoutes.mediumLoop (docs/model-routes.md)"),
                [new RouteReagent("Flux (CaF2, RE fluoride)", m.FluxKgPerKg, ReagentBasis.Intake, m.FluxUsdPerKg, m.FluxKgCo2ePerKg, "recyclingRoutes.mediumLoop.fluxKgPerKg (engineering assumption)")],
                Stations(map, m.Equipment, MediumKinds, RouteIds.MediumLoop, hub, calendar, "medium loop"));
        }

        LongLoopDefinition? longLoop = null;
        if (section.LongLoop is { } l)
        {
            TollTerms? toll = null;
            if (l.Site == LongLoopSite.Toll)
            {
                if (l.Toll is not { } t) throw map.Error(l, nameof(LongLoopSpec.Toll), "a tolled long loop needs toll terms (feeUsdPerKg, distanceKm)");
                toll = new TollTerms(t.FeeUsdPerKg, t.DistanceKm, t.Mode == TransportMode.Rail ? FreightMode.Rail : FreightMode.Truck, t.Source);
            }
            else if (l.Equipment.Count == 0)
            {
                throw map.Error(l, nameof(LongLoopSpec.Equipment), "an on-site long loop needs its equipment (leaching, solventExtraction and, for metal, oxideReduction)");
            }

            var y = l.Yields;
            var r = l.Reagents;
            longLoop = new LongLoopDefinition(
                new LongLoopSeparation.Parameters([y.Nd, y.Pr, y.Dy, y.Tb, y.Ce], l.Product, l.ReductionYield),
                toll,
                toll is null ? new RouteEnergy(l.KWhPerKgIntake, l.Product == LongLoopProduct.Metal ? l.KWhPerKgMetal : 0, 0, "recyclingRoutes.longLoop (docs/model-routes.md)") : new RouteEnergy(0, 0, 0, "in the toll fee"),
                toll is null
                    ?
                    [
                        new RouteReagent("Hydrochloric acid", r.AcidKgPerKgRareEarth, ReagentBasis.RareEarthIn, r.UsdPerKg.Acid, r.KgCo2ePerKg.Acid, "recyclingRoutes.longLoop.reagents [R3]"),
                        new RouteReagent("Oxalic acid", r.OxalicAcidKgPerKgRareEarth, ReagentBasis.RareEarthOut, r.UsdPerKg.OxalicAcid, r.KgCo2ePerKg.OxalicAcid, "recyclingRoutes.longLoop.reagents [R5]"),
                        new RouteReagent("Extractant and diluent", r.ExtractantKgPerKgRareEarth, ReagentBasis.RareEarthIn, r.UsdPerKg.Extractant, r.KgCo2ePerKg.Extractant, "recyclingRoutes.longLoop.reagents (engineering assumption)"),
                        new RouteReagent("Lime (effluent neutralisation)", r.LimeKgPerKgIntake, ReagentBasis.Intake, r.UsdPerKg.Lime, r.KgCo2ePerKg.Lime, "recyclingRoutes.longLoop.reagents (engineering assumption)"),
                    ]
                    : [],
                toll is null && l.Product == LongLoopProduct.Metal ? l.AnodeKgCo2PerKgOxygen : 0,
                l.Toll?.KgCo2ePerKg ?? 0,
                toll is null ? Stations(map, l.Equipment, LongKinds, RouteIds.LongLoop, hub, calendar, "long loop") : [],
                l.PayableShare)
            {
                ReturnsToBlend = l.ReturnToBlend,
            };
            if (l.ReturnToBlend && l.Product != LongLoopProduct.Metal)
                throw map.Error(l, nameof(LongLoopSpec.ReturnToBlend), "only metal can return to the blend: set product: metal (the oxide would need reduction first)");
        }

        var known = feeds.Select(f => f.Id.Value).Concat(RouteStreamId.Internal.Select(s => s.Value)).ToHashSet(StringComparer.Ordinal);
        var forced = new Dictionary<RouteStreamId, RecyclingRoute>();
        var routes = new RecyclingRoutes(medium, longLoop, new ShortLoopLimits(section.ShortLoopLimits.MaxOxygenFraction, section.ShortLoopLimits.MinRareEarthFraction, section.ShortLoopLimits.Source),
            section.MaxKgCo2ePerKgCutBlock, forced, forced);
        foreach (var f in section.Force)
        {
            if (!known.Contains(f.Stream))
                throw map.Error(f, nameof(ForcedRouteSpec.Stream), $"unknown stream '{f.Stream}'{(Errors.Suggest.Nearest(f.Stream, known) is { } near ? $" (did you mean '{near}'?)" : "")}: a feed id, or swarf, rejects, surplusPowder");
            var id = new RouteStreamId(f.Stream);
            if (!routes.Alternatives(id).Contains(f.Route))
                throw map.Error(f, nameof(ForcedRouteSpec.Route), $"stream '{f.Stream}' cannot take route {ScenarioNames.Key(f.Route.ToString())}: it may take {string.Join(", ", routes.Alternatives(id).Select(a => ScenarioNames.Key(a.ToString())))}");
            if (!forced.TryAdd(id, f.Route)) throw map.Error(f, nameof(ForcedRouteSpec.Stream), $"stream '{f.Stream}' is forced twice");
        }

        return routes;
    }

    private static List<StationDefinition> Stations(SourceMap map, IReadOnlyList<RouteStationSpec> specs, StationKind[] allowed, UnitId serves, SiteId hub, WorkCalendar calendar, string route)
    {
        var stations = new List<StationDefinition>();
        foreach (var s in specs)
        {
            var kind = allowed.FirstOrDefault(k => ScenarioNames.Key(k.ToString()) == s.Kind);
            if (!allowed.Any(k => ScenarioNames.Key(k.ToString()) == s.Kind))
                throw map.Error(s, nameof(RouteStationSpec.Kind), $"the {route} has no station kind '{s.Kind}': {string.Join(", ", allowed.Select(k => ScenarioNames.Key(k.ToString())))}");
            if (stations.Any(x => x.Kind == kind)) throw map.Error(s, nameof(RouteStationSpec.Kind), $"station kind '{s.Kind}' is listed twice");
            var id = new StationId(s.Kind);
            // Route equipment is steady state in the flowsheet; the discrete-event simulation does not run it (docs/model-routes.md).
            stations.Add(new StationDefinition(id, kind, $"{route}: {s.Kind}", hub, s.Units, new RateThroughput(s.KgPerHour), s.KgPerHour, null, calendar,
                s.OperatingHoursPerYear, s.Availability, new Reliability(1e9, 0, 0, 0, 0), serves, []));
        }

        return stations;
    }
}
