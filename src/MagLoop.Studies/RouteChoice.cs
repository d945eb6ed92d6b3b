using MagLoop.Materials;
using MagLoop.Plants;
using MagLoop.Process;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>
/// Places every feed and every internal stream (swarf, rejects, surplus powder) on the recycling route that
/// maximises the plant's margin under the short loop's limits and the scenario's carbon constraint, or on the route
/// the scenario forces. Each alternative is the whole plant solved, costed and its footprint evaluated with that one
/// stream moved (the others where the choice has put them so far): one sweep over the streams in file order, feeds
/// first (docs/model-routes.md). Margin is the project NPV as an equivalent annual amount.
/// </summary>
public static class RouteChoice
{
    /// <summary>The plant with its routes chosen and the choice shown per stream; the plant itself and null without routes.</summary>
    public static (Plant Plant, RouteChoiceResult? Result) Choose(Plant plant, StudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(options);
        if (plant.Definition.RecyclingRoutes is not { } routes) return (plant, null);
        if (plant.Scenario.Economics is null)
            throw plant.Map.Error(plant.Scenario, nameof(Scenario.RecyclingRoutes), "the route choice maximises margin and needs the economics section");
        var quiet = options with { MonteCarloDraws = 0, Simulate = false, Progress = null, Basis = StudyBasis.Flowsheet };
        var routing = plant.Definition.Process.Routing;
        var assigned = new Dictionary<RouteStreamId, RecyclingRoute>();
        foreach (var feed in plant.Definition.Feeds) assigned[RouteStreamId.Of(feed.Id)] = RecyclingRoute.ShortLoop;
        assigned[RouteStreamId.Swarf] = routing.SwarfToHpms ? RecyclingRoute.ShortLoop : RecyclingRoute.Sell;
        assigned[RouteStreamId.Rejects] = routing.RejectsToHpms ? RecyclingRoute.ShortLoop : RecyclingRoute.Sell;
        assigned[RouteStreamId.SurplusPowder] = RecyclingRoute.Sell;
        foreach (var (stream, route) in routes.Forced) assigned[stream] = route;

        var reaching = plant.Definition.SitesReachingHub();
        var streams = plant.Definition.Feeds.Where(f => reaching.Contains(f.Site)).Select(f => RouteStreamId.Of(f.Id)).Concat(RouteStreamId.Internal).ToList();
        var decisions = new List<RouteDecisionResult>();
        foreach (var stream in streams)
        {
            var alternatives = new List<(RecyclingRoute Route, Outcome Outcome)>();
            foreach (var route in routes.Alternatives(stream))
            {
                var trial = new Dictionary<RouteStreamId, RecyclingRoute>(assigned) { [stream] = route };
                alternatives.Add((route, Evaluate(With(plant, trial), stream, route, quiet)));
            }

            var forced = routes.Forced.TryGetValue(stream, out var forcedRoute);
            var feasible = alternatives.Where(o => o.Outcome.Problem is null).ToList();
            var chosen = forced ? forcedRoute
                : feasible.Count > 0 ? feasible.MaxBy(o => o.Outcome.MarginUsdPerYear).Route
                : assigned[stream];
            assigned[stream] = chosen;
            var best = alternatives.First(o => o.Route == chosen).Outcome;
            decisions.Add(new RouteDecisionResult(stream.Value, RouteStreamId.Internal.Contains(stream) ? "internal" : "feed", Key(chosen), forced,
                [.. alternatives.Select(o => new RouteAlternativeResult(Key(o.Route), o.Route == chosen, o.Outcome.Problem is null, o.Outcome.MarginUsdPerYear,
                    o.Outcome.KgCo2ePerKgCutBlock, o.Outcome.MagnetGrade, o.Outcome.StreamOxygenFraction, o.Outcome.StreamRareEarthFraction,
                    Why(o.Route, o.Outcome, chosen, best, forced)))]));
        }

        var current = With(plant, assigned);
        return (current, new RouteChoiceResult(routes.Limits.MaxOxygenFraction, routes.Limits.MinRareEarthFraction, routes.Limits.Source, routes.MaxKgCo2ePerKgCutBlock, decisions)
        {
            Routes = Summaries(current),
        });
    }

    /// <summary>The plant with <paramref name="assigned"/> as its routes: the definition and the flowsheet rebuilt.</summary>
    public static Plant With(Plant plant, IReadOnlyDictionary<RouteStreamId, RecyclingRoute> assigned)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var routes = plant.Definition.RecyclingRoutes ?? throw new InvalidOperationException("the plant has no recycling routes");
        var definition = plant.Definition with { RecyclingRoutes = routes with { Assigned = new Dictionary<RouteStreamId, RecyclingRoute>(assigned) } };
        return plant with { Definition = definition, Flowsheet = PlantBuilder.Located(plant.Scenario, plant.Map, () => FlowsheetFactory.Create(definition)) };
    }

    private sealed record Outcome(double MarginUsdPerYear, double KgCo2ePerKgCutBlock, string MagnetGrade, double StreamOxygenFraction, double StreamRareEarthFraction, string? Problem);

    private static Outcome Evaluate(Plant plant, RouteStreamId stream, RecyclingRoute route, StudyOptions options)
    {
        var routes = plant.Definition.RecyclingRoutes!;
        FlowsheetSolution solution;
        StudyResult result;
        try
        {
            solution = Study.Solve(plant);
            result = EconomicsStudy.Attach(plant, solution, Study.Evaluate(plant, solution, "", options), options);
        }
        catch (ScenarioException e)
        {
            return new Outcome(double.NaN, double.NaN, "none", double.NaN, double.NaN, $"the plant does not run: {e.Problem}");
        }

        var economics = result.Economics!;
        var r = economics.DiscountRate;
        var n = plant.Scenario.Economics!.OperatingYears;
        var margin = (double)economics.NpvUsd * r / (1 - Math.Pow(1 + r, -n));
        var carbon = result.Carbon!.KgCo2ePerKgCutBlock;
        var grade = result.Products.FirstOrDefault()?.Grade ?? "none";
        var (oxygen, rareEarth) = AlloyFractions(StreamOf(plant, solution, stream));
        string? problem = null;
        if (route == RecyclingRoute.ShortLoop && stream != RouteStreamId.SurplusPowder)
        {
            if (oxygen > routes.Limits.MaxOxygenFraction)
                problem = $"its alloy holds {oxygen:P2} oxygen, above the short loop's {routes.Limits.MaxOxygenFraction:P2}";
            else if (rareEarth < routes.Limits.MinRareEarthFraction)
                problem = $"its alloy holds {rareEarth:P1} rare earth, below the short loop's {routes.Limits.MinRareEarthFraction:P1}";
        }

        if (problem is null && routes.MaxKgCo2ePerKgCutBlock is { } cap && carbon > cap)
            problem = $"the plant's footprint {carbon:N2} kg CO2e/kg cut block exceeds the limit {cap:N2}";
        if (problem is null)
            foreach (var flows in RouteFlows.Of(plant.Definition, solution))
                foreach (var station in routes.StationsInUse().Where(s => s.Serves == flows.Unit && s.CapacityKgPerYear < flows.IntakeKg))
                    problem ??= $"the {flows.Name}'s {station.Id} takes {station.CapacityKgPerYear / 1000:N0} t/yr and would get {flows.IntakeKg / 1000:N0} t/yr";
        return new Outcome(margin, carbon, grade, oxygen, rareEarth, problem);
    }

    // The stream as the route choice measures it: a feed's concentrate at the dock, the plant's own streams where they are made.
    private static MassStream StreamOf(Plant plant, FlowsheetSolution solution, RouteStreamId stream) =>
        stream == RouteStreamId.Swarf ? solution.Stream(StreamId.Swarf)
        : stream == RouteStreamId.Rejects ? solution.Stream(StreamId.Rejects)
        : stream == RouteStreamId.SurplusPowder ? solution.Stream(StreamId.SurplusPowder)
        : solution.StreamOrNothing(StreamId.ConcentrateReceived(plant.Definition.Feed(new FeedId(stream.Value)).Id));

    // Oxygen and rare-earth fractions of the magnet alloy a stream carries (coating and foreign matter left out).
    private static (double Oxygen, double RareEarth) AlloyFractions(MassStream stream)
    {
        var alloy = Components.All.Where(Components.IsMagnetAlloy).Where(c => c != Component.H).Sum(c => stream[c]);
        return alloy > 0 ? (stream[Component.O] / alloy, Components.RareEarths.Sum(re => stream[re]) / alloy) : (0, 0);
    }

    private static string Why(RecyclingRoute route, Outcome o, RecyclingRoute chosen, Outcome best, bool forced)
    {
        if (route == chosen) return forced ? "forced by the scenario" + (o.Problem is { } p ? $" although {p}" : "") : "best margin of the feasible routes";
        if (o.Problem is { } problem) return $"not feasible: {problem}";
        var delta = best.MarginUsdPerYear - o.MarginUsdPerYear;
        return forced ? $"margin {(delta >= 0 ? "$" + (delta / 1e6).ToString("N2") + "M/yr below" : "$" + (-delta / 1e6).ToString("N2") + "M/yr above")} the forced route"
            : $"margin ${delta / 1e6:N2}M/yr below {Key(chosen)}";
    }

    private static string Key(RecyclingRoute route) => ScenarioNames.Key(route.ToString());

    // Each route the chosen plant runs: what it takes and makes, its own carbon, against virgin rare earth.
    private static IReadOnlyList<RouteSummaryResult> Summaries(Plant plant)
    {
        var solution = Study.Solve(plant);
        var (lines, _) = CarbonStudy.Inventory(plant, solution, CarbonStudy.Grids(plant));
        var virgin = plant.Scenario.Carbon.Factors.FreshRareEarthKgCo2ePerKg;
        return [.. RouteFlows.Of(plant.Definition, solution).Select(f =>
        {
            var kg = lines.Where(l => l.Process == f.Unit.Value).Sum(l => l.KgCo2ePerYear);
            return new RouteSummaryResult(f.Name, f.IntakeKg / 1000, f.ProductKg / 1000, f.RareEarthOutKg / 1000, kg / 1000,
                f.RareEarthOutKg > 0 ? kg / f.RareEarthOutKg : 0, virgin);
        })];
    }
}

/// <summary>The route choice: the limits it obeyed and, per stream, where it went and why the others lost.</summary>
/// <param name="MaxOxygenFraction">Short loop: largest oxygen fraction of a stream's alloy.</param>
/// <param name="MinRareEarthFraction">Short loop: smallest rare-earth fraction.</param>
/// <param name="LimitsSource">Source of the limits.</param>
/// <param name="MaxKgCo2ePerKgCutBlock">Carbon constraint, or null.</param>
/// <param name="Streams">Per feed and internal stream, in the order placed.</param>
public sealed record RouteChoiceResult(double MaxOxygenFraction, double MinRareEarthFraction, string LimitsSource, double? MaxKgCo2ePerKgCutBlock, IReadOnlyList<RouteDecisionResult> Streams)
{
    /// <summary>Each route the chosen plant runs, with its carbon against virgin rare earth.</summary>
    public IReadOnlyList<RouteSummaryResult> Routes { get; init; } = [];
}

/// <summary>Where one stream went.</summary>
/// <param name="Stream">Feed id, or swarf, rejects, surplusPowder.</param>
/// <param name="Kind">feed or internal.</param>
/// <param name="Route">Route taken.</param>
/// <param name="Forced">Whether the scenario forced it.</param>
/// <param name="Alternatives">Every route the stream could take, evaluated.</param>
public sealed record RouteDecisionResult(string Stream, string Kind, string Route, bool Forced, IReadOnlyList<RouteAlternativeResult> Alternatives);

/// <summary>One route for one stream: the whole plant with the stream there.</summary>
/// <param name="Route">Route.</param>
/// <param name="Chosen">Whether it was taken.</param>
/// <param name="Feasible">Whether it meets the limits and constraints.</param>
/// <param name="MarginUsdPerYear">Plant margin: project NPV as an equivalent annual amount (NaN when the plant does not run).</param>
/// <param name="KgCo2ePerKgCutBlock">Plant footprint, the headline figure.</param>
/// <param name="MagnetGrade">Predicted magnet grade.</param>
/// <param name="StreamOxygenFraction">Oxygen fraction of the stream's alloy.</param>
/// <param name="StreamRareEarthFraction">Rare-earth fraction of the stream's alloy.</param>
/// <param name="Why">Why it was taken or lost.</param>
public sealed record RouteAlternativeResult(string Route, bool Chosen, bool Feasible, double MarginUsdPerYear, double KgCo2ePerKgCutBlock, string MagnetGrade,
    double StreamOxygenFraction, double StreamRareEarthFraction, string Why);

/// <summary>A route the plant runs.</summary>
/// <param name="Route">Route name.</param>
/// <param name="IntakeTonnesPerYear">Intake.</param>
/// <param name="ProductTonnesPerYear">Flake (medium loop) or oxide/metal (long loop).</param>
/// <param name="RareEarthRecoveredTonnesPerYear">Rare earth in the product.</param>
/// <param name="TonnesCo2ePerYear">The route's own inventory lines.</param>
/// <param name="KgCo2ePerKgRareEarth">Its carbon per kg of rare earth recovered.</param>
/// <param name="VirginKgCo2ePerKgRareEarth">Virgin NdPr metal (carbon.factors.freshRareEarthKgCo2ePerKg), the comparison.</param>
public sealed record RouteSummaryResult(string Route, double IntakeTonnesPerYear, double ProductTonnesPerYear, double RareEarthRecoveredTonnesPerYear,
    double TonnesCo2ePerYear, double KgCo2ePerKgRareEarth, double VirginKgCo2ePerKgRareEarth);
