using MagLoop.Materials;
using MagLoop.Process;

namespace MagLoop.Plants;

/// <summary>
/// Builds the flowsheet graph of a hub-and-spoke HPMS plant from its <see cref="PlantDefinition"/>: per feed a
/// spoke pre-processing unit; at the hub HPMS, degassing, blending, jet milling, pressing, sintering, heat
/// treatment, machining, coating and inspection; swarf, rejects and pressing scrap routed as the definition says.
/// Node ids are the <see cref="UnitId"/> constants and edge keys the <see cref="StreamId"/> constants, so models
/// find what they need through those, never by text.
/// </summary>
public static class FlowsheetFactory
{
    private const string In = "in";
    private const string Out = "out";

    // Input ports of HPMS for the plant's own returns.
    private const string RejectsPort = "rejects";
    private const string SwarfPort = "swarf";
    private const string FlakePort = "medium-loop flake";
    // Input port of blending for the long loop's rare-earth metal, when it returns to the blend.
    private const string RecoveredPort = "long-loop metal";

    // Sizing the line settles in two or three solves (the ratios of station intakes to the blend hardly move when
    // the line's rate changes); more than this means something is wrong.
    private const int MaxSizingSolves = 20;
    private const double SizingTolerance = 1e-12;

    /// <summary>
    /// Builds the graph with every station's capacity in force: receiving, HPMS and degassing limit the intake (the
    /// solver scales the feeds down), and the magnet line takes at most the blend that its tightest station (jet
    /// mills, presses, furnaces, machining, coating, inspection) can process; recycled powder beyond it is surplus.
    /// Sizing the line needs the ratio of each station's intake to the blend, so this solves the flowsheet (two or
    /// three times; see <see cref="Solve"/>); a plant the solver refuses throws <see cref="ProcessException"/>.
    /// </summary>
    public static Flowsheet Create(PlantDefinition plant) => Solve(plant).Flowsheet;

    /// <summary>
    /// The solution of the flowsheet with every station's capacity in force (its <see cref="FlowsheetSolution.Flowsheet"/>
    /// is the graph <see cref="Create(PlantDefinition)"/> builds). <paramref name="lineCapacityGuessKgPerYear"/>, the
    /// line's capacity in a similar plant, saves solves when it is close; by default the jet mills' capacity.
    /// <paramref name="workspace"/> keeps the graph and the solve plan for the next solve of a plant of the same shape
    /// (a Monte Carlo draw: one workspace per thread); the solution does not depend on it.
    /// </summary>
    public static FlowsheetSolution Solve(PlantDefinition plant, double? lineCapacityGuessKgPerYear = null, FlowsheetWorkspace? workspace = null)
    {
        ArgumentNullException.ThrowIfNull(plant);
        // The sizing solves differ only in the line's capacity, so they share one workspace even without the caller's.
        workspace ??= new FlowsheetWorkspace();
        var lineCapacity = lineCapacityGuessKgPerYear ?? plant.Station(StationId.JetMills).CapacityKgPerYear;
        for (var solve = 0; solve < MaxSizingSolves; solve++)
        {
            var flowsheet = Build(plant, lineCapacity, workspace.Template);
            workspace.Template = flowsheet;
            var solution = FlowsheetSolver.Solve(flowsheet, workspace.Plan);
            var sized = LineCapacity(plant, solution, lineCapacity);
            if (Math.Abs(sized - lineCapacity) <= SizingTolerance * lineCapacity) return solution;
            lineCapacity = sized;
        }

        throw new ProcessException($"the magnet line's capacity did not settle in {MaxSizingSolves} solves");
    }

    /// <summary>
    /// The blend the magnet line can take: the least, over its stations, of capacity x blend / intake, with the
    /// intakes of a solution of the same plant (at most <paramref name="current"/> when the line takes no blend).
    /// </summary>
    public static double LineCapacity(PlantDefinition plant, FlowsheetSolution solution, double current)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(solution);
        var blend = solution.Stream(StreamId.Blend).TotalKgPerYear;
        if (blend <= 0) return current;
        var capacity = double.PositiveInfinity;
        foreach (var station in plant.Stations.Where(s => StationLoads.OnTheLine(s.Kind)))
        {
            var intake = solution.Intake(station.Serves).TotalKgPerYear;
            if (intake > 0) capacity = Math.Min(capacity, station.CapacityKgPerYear * blend / intake);
        }

        return double.IsFinite(capacity) ? capacity : current;
    }

    /// <summary>Builds the graph with the magnet line taking at most <paramref name="lineCapacityKgPerYear"/> of blend.</summary>
    public static Flowsheet Create(PlantDefinition plant, double lineCapacityKgPerYear) => Build(plant, lineCapacityKgPerYear, null);

    // The graph, sharing template's edges and indexes when it has the same shape (see Flowsheet.Like).
    private static Flowsheet Build(PlantDefinition plant, double lineCapacityKgPerYear, Flowsheet? template)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var p = plant.Process;
        var routing = p.Routing;
        var nodes = new List<FlowsheetNode>();
        var edges = new List<FlowsheetEdge>();
        var hpmsYields = new Dictionary<string, double>();
        var reachesHub = plant.SitesReachingHub();
        var received = new List<string>();
        var routes = plant.RecyclingRoutes;
        // Streams the medium and long loops take, by input port; their units are added once all are known.
        var mediumPorts = new List<string>();
        var longPorts = new List<string>();
        FlowsheetEdge ToRoute(StreamId stream, string from, string fromPort, RecyclingRoute route, string port)
        {
            (route == RecyclingRoute.MediumLoop ? mediumPorts : longPorts).Add(port);
            return Between(stream, from, fromPort, (route == RecyclingRoute.MediumLoop ? RouteIds.MediumLoop : RouteIds.LongLoop).Value, port);
        }

        var swarfRoute = routes?.RouteOf(RouteStreamId.Swarf, routing.SwarfToHpms ? RecyclingRoute.ShortLoop : RecyclingRoute.Sell)
            ?? (routing.SwarfToHpms ? RecyclingRoute.ShortLoop : RecyclingRoute.Sell);
        var rejectsRoute = routes?.RouteOf(RouteStreamId.Rejects, routing.RejectsToHpms ? RecyclingRoute.ShortLoop : RecyclingRoute.Sell)
            ?? (routing.RejectsToHpms ? RecyclingRoute.ShortLoop : RecyclingRoute.Sell);
        var surplusRoute = routes?.RouteOf(RouteStreamId.SurplusPowder, RecyclingRoute.Sell) ?? RecyclingRoute.Sell;

        foreach (var feed in plant.Feeds)
        {
            var type = feed.ScrapType;
            var feedNode = UnitId.Feed(feed.Id).Value;
            var prepNode = UnitId.Spoke(feed.Id).Value;
            nodes.Add(new FeedNode(feedNode, $"{feed.Id} ({type.Name})", type.AsReceived(feed.SupplyKgPerYear)));
            var prep = new SpokePreprocessing.Parameters(type.SpokeMagnetRecovery.Value, type.SpokeForeignRemoval.Value);
            nodes.Add(Unit(prepNode, $"Pre-processing of {feed.Id} at {feed.Site}", ["concentrate", "residue"],
                b => SpokePreprocessing.Run(b.Input(In), prep, b.Output("concentrate"), b.Output("residue"))));
            edges.Add(Between(StreamId.ScrapReceived(feed), feedNode, FeedNode.Out, prepNode, In));
            edges.Add(Leaving(StreamId.SpokeResidue(feed.Id), prepNode, "residue", OutletKind.Residue));
            if (reachesHub.Contains(feed.Site))
            {
                // Every feed's concentrate passes the receiving dock on its own port, so HPMS still knows each feed's yield.
                edges.Add(Between(StreamId.ConcentrateToHub(feed.Id), prepNode, "concentrate", UnitId.Receiving.Value, feedNode));
                received.Add(feedNode);
                var route = routes?.RouteOf(RouteStreamId.Of(feed.Id), RecyclingRoute.ShortLoop) ?? RecyclingRoute.ShortLoop;
                if (route == RecyclingRoute.ShortLoop)
                {
                    edges.Add(Between(StreamId.ConcentrateReceived(feed.Id), UnitId.Receiving.Value, feedNode, UnitId.Hpms.Value, feedNode));
                    hpmsYields[feedNode] = type.HpmsExtractionYield.Value;
                }
                else
                {
                    edges.Add(ToRoute(StreamId.ConcentrateReceived(feed.Id), UnitId.Receiving.Value, feedNode, route, feedNode));
                }
            }
            else
            {
                edges.Add(Leaving(StreamId.ConcentrateStranded(feed.Id), prepNode, "concentrate", OutletKind.Residue));
            }
        }

        nodes.Add(Unit(UnitId.Receiving.Value, "Receiving dock", received, b =>
        {
            foreach (var port in received) b.Input(port).CopyTo(b.Output(port));
        }, Capacity(plant, StationId.Receiving)));

        // The plant's own rejects and swarf are charged with the yields of their pre-consumer counterparts.
        if (rejectsRoute == RecyclingRoute.ShortLoop) hpmsYields[RejectsPort] = ScrapLibrary.PreConsumerRejects.HpmsExtractionYield.Value;
        if (swarfRoute == RecyclingRoute.ShortLoop) hpmsYields[SwarfPort] = ScrapLibrary.PreConsumerSwarf.HpmsExtractionYield.Value;
        if (routes?.Medium is { } medium && UsesRoute(routes, RecyclingRoute.MediumLoop)) hpmsYields[FlakePort] = medium.FlakeHpmsYield;

        var hpms = p.Hpms;
        nodes.Add(Unit(UnitId.Hpms.Value, "HPMS vessels", ["powder", "residue"], b =>
        {
            var powder = b.Output("powder");
            var residue = b.Output("residue");
            foreach (var (port, yield) in hpmsYields) Hpms.Liberate(b.Input(port), yield, hpms, powder, residue);
            Hpms.Hydride(powder, hpms, b.External(ExternalInputs.Hydrogen), b.External(ExternalInputs.Oxygen));
        }, plant.Station(StationId.Hpms).CapacityKgPerYear));
        edges.Add(Leaving(StreamId.HpmsResidue, UnitId.Hpms, "residue", OutletKind.Residue));
        edges.Add(Between(StreamId.HpmsPowder, UnitId.Hpms, "powder", UnitId.Degassing, In));

        var degassing = p.Degassing;
        nodes.Add(Unit(UnitId.Degassing.Value, "Degassing", ["powder", "hydrogen"],
            b => Degassing.Run(b.Input(In), degassing, b.Output("powder"), b.Output("hydrogen")), Capacity(plant, StationId.Degassing)));
        edges.Add(Leaving(StreamId.DegassingOffGas, UnitId.Degassing, "hydrogen", OutletKind.OffGas));
        edges.Add(Between(StreamId.DegassedPowder, UnitId.Degassing, "powder", UnitId.Blending, In));

        var blending = new Blending.Parameters(p.FreshRareEarth, p.TargetFreeRareEarthFraction, lineCapacityKgPerYear,
            DownstreamOxygenKgPerKg: p.JetMilling.OxygenPickupKgPerKg, TargetGrade: plant.Magnets.GradeTarget);
        // Recovered metal enters the blend beside the returns, so blending buys only the fresh rare earth still missing.
        var recoveredToBlend = routes?.Long?.ReturnsToBlend == true;
        nodes.Add(Unit(UnitId.Blending.Value, "Blending with fresh rare earth", ["blend", "surplus"], b =>
        {
            if (!recoveredToBlend)
            {
                Blending.Run(b.Input(In), b.Input("returns"), blending, b.Output("blend"), b.Output("surplus"), b.External(ExternalInputs.FreshRareEarth));
                return;
            }

            Span<double> returns = stackalloc double[Components.Count];
            b.Input("returns").CopyTo(returns);
            var recovered = b.Input(RecoveredPort);
            for (var i = 0; i < returns.Length; i++) returns[i] += recovered[i];
            Blending.Run(b.Input(In), returns, blending, b.Output("blend"), b.Output("surplus"), b.External(ExternalInputs.FreshRareEarth));
        }));
        edges.Add(surplusRoute == RecyclingRoute.LongLoop
            ? ToRoute(StreamId.SurplusPowder, UnitId.Blending.Value, "surplus", RecyclingRoute.LongLoop, "surplus")
            : Leaving(StreamId.SurplusPowder, UnitId.Blending, "surplus", OutletKind.CoProduct));
        edges.Add(Between(StreamId.Blend, UnitId.Blending, "blend", UnitId.JetMilling, In));

        nodes.Add(Lossy(UnitId.JetMilling, "Jet milling", p.JetMilling));
        edges.Add(Leaving(StreamId.JetMillFines, UnitId.JetMilling, "loss", OutletKind.Loss));
        edges.Add(Between(StreamId.FinePowder, UnitId.JetMilling, Out, UnitId.Pressing, In));

        nodes.Add(Lossy(UnitId.Pressing, "Pressing in a field", p.Pressing));
        edges.Add(routing.PressingScrapToBlending
            ? Between(StreamId.PressingScrap, UnitId.Pressing, "loss", UnitId.Blending, "returns")
            : Leaving(StreamId.PressingScrap, UnitId.Pressing, "loss", OutletKind.CoProduct));
        edges.Add(Between(StreamId.GreenCompacts, UnitId.Pressing, Out, UnitId.Sintering, In));

        var sintering = p.Sintering;
        nodes.Add(Unit(UnitId.Sintering.Value, "Vacuum sintering", [Out, "gas", "loss"],
            b => Sintering.Run(b.Input(In), sintering, b.Output(Out), b.Output("gas"), b.Output("loss"))));
        edges.Add(Leaving(StreamId.SinteringOffGas, UnitId.Sintering, "gas", OutletKind.OffGas));
        edges.Add(Leaving(StreamId.SinteringLosses, UnitId.Sintering, "loss", OutletKind.Loss));
        edges.Add(Between(StreamId.SinteredBlock, UnitId.Sintering, Out, UnitId.HeatTreatment, In));

        nodes.Add(Lossy(UnitId.HeatTreatment, "Heat treatment", p.HeatTreatment));
        edges.Add(Leaving(StreamId.HeatTreatmentLosses, UnitId.HeatTreatment, "loss", OutletKind.Loss));
        edges.Add(Between(StreamId.HeatTreatedBlock, UnitId.HeatTreatment, Out, UnitId.Machining, In));

        var machining = p.Machining;
        nodes.Add(Unit(UnitId.Machining.Value, "Slicing and grinding", [Out, "swarf"],
            b => Machining.Run(b.Input(In), machining, b.Output(Out), b.Output("swarf"), b.External(ExternalInputs.Oxygen))));
        edges.Add(swarfRoute switch
        {
            RecyclingRoute.ShortLoop => Between(StreamId.Swarf, UnitId.Machining, "swarf", UnitId.Hpms, SwarfPort),
            RecyclingRoute.Sell => Leaving(StreamId.Swarf, UnitId.Machining, "swarf", OutletKind.CoProduct),
            _ => ToRoute(StreamId.Swarf, UnitId.Machining.Value, "swarf", swarfRoute, SwarfPort),
        });
        // Machined parts go to coating, through grain-boundary diffusion when the magnets are diffused: the cut block
        // (the property model's pre-diffusion composition) stays the machining output either way.
        if (plant.Magnets.Diffusion is { } diffusion)
        {
            nodes.Add(Unit(UnitId.GrainBoundaryDiffusion.Value, "Grain-boundary diffusion", [Out, "loss"],
                b => GrainBoundaryDiffusion.Run(b.Input(In), diffusion, b.Output(Out), b.Output("loss"), b.External(ExternalInputs.DiffusionHeavyRareEarth))));
            edges.Add(Between(StreamId.CutBlock, UnitId.Machining, Out, UnitId.GrainBoundaryDiffusion, In));
            edges.Add(Leaving(StreamId.DiffusionLosses, UnitId.GrainBoundaryDiffusion, "loss", OutletKind.Loss));
            edges.Add(Between(StreamId.DiffusedParts, UnitId.GrainBoundaryDiffusion, Out, UnitId.Coating, In));
        }
        else
        {
            edges.Add(Between(StreamId.CutBlock, UnitId.Machining, Out, UnitId.Coating, In));
        }

        var coating = p.Coating;
        nodes.Add(Unit(UnitId.Coating.Value, "Coating", [Out], b => Coating.Run(b.Input(In), coating, b.Output(Out), b.External(ExternalInputs.CoatingMaterial))));
        edges.Add(Between(StreamId.CoatedParts, UnitId.Coating, Out, UnitId.Inspection, In));

        var inspection = p.Inspection;
        nodes.Add(Unit(UnitId.Inspection.Value, "Magnetising and inspection", [Out, "rejects"],
            b => Inspection.Run(b.Input(In), inspection, b.Output(Out), b.Output("rejects"))));
        edges.Add(Leaving(StreamId.Magnets, UnitId.Inspection, Out, OutletKind.Magnet));
        edges.Add(rejectsRoute switch
        {
            RecyclingRoute.ShortLoop => Between(StreamId.Rejects, UnitId.Inspection, "rejects", UnitId.Hpms, RejectsPort),
            RecyclingRoute.Sell => Leaving(StreamId.Rejects, UnitId.Inspection, "rejects", OutletKind.CoProduct),
            _ => ToRoute(StreamId.Rejects, UnitId.Inspection.Value, "rejects", rejectsRoute, RejectsPort),
        });

        if (mediumPorts.Count > 0) AddMediumLoop(routes!.Medium!, mediumPorts, nodes, edges);
        if (longPorts.Count > 0) AddLongLoop(routes!.Long!, longPorts, nodes, edges);
        return Flowsheet.Like(template, nodes, edges);
    }

    // Whether any stream of the plant takes the route.
    private static bool UsesRoute(RecyclingRoutes routes, RecyclingRoute route) => routes.Assigned.Values.Contains(route);

    // The medium loop: every stream it takes is melted together; the flake enters HPMS on its own port.
    private static void AddMediumLoop(MediumLoopDefinition medium, List<string> ports, List<FlowsheetNode> nodes, List<FlowsheetEdge> edges)
    {
        nodes.Add(Unit(RouteIds.MediumLoop.Value, "Medium loop: vacuum induction melting and strip casting", ["flake", "slag", "gas"], b =>
        {
            Span<double> charge = stackalloc double[Components.Count];
            foreach (var port in ports)
            {
                var input = b.Input(port);
                for (var i = 0; i < charge.Length; i++) charge[i] += input[i];
            }

            Span<double> topUp = stackalloc double[Components.Count];
            VacuumInductionMelting.Run(charge, medium.Melting, b.Output("flake"), b.Output("slag"), b.Output("gas"), topUp);
            if (!MassStream.IsNothing(topUp)) topUp.CopyTo(b.External(ExternalInputs.FreshRareEarth));
        }));
        edges.Add(Between(RouteIds.Flake, RouteIds.MediumLoop, "flake", UnitId.Hpms, FlakePort));
        edges.Add(Leaving(RouteIds.MeltSlag, RouteIds.MediumLoop, "slag", OutletKind.Residue));
        edges.Add(Leaving(RouteIds.MeltGas, RouteIds.MediumLoop, "gas", OutletKind.OffGas));
    }

    // The long loop: every stream it takes is dissolved together; its product is sold (priced by content as a co-product)
    // or, as metal, returned to the blend in place of fresh rare earth.
    private static void AddLongLoop(LongLoopDefinition separation, List<string> ports, List<FlowsheetNode> nodes, List<FlowsheetEdge> edges)
    {
        nodes.Add(Unit(RouteIds.LongLoop.Value, "Long loop: leaching, solvent extraction, precipitation" + (separation.Separation.Product == LongLoopProduct.Metal ? ", reduction" : ""),
            ["product", "residue", "effluent", "gas"], b =>
            {
                Span<double> charge = stackalloc double[Components.Count];
                foreach (var port in ports)
                {
                    var input = b.Input(port);
                    for (var i = 0; i < charge.Length; i++) charge[i] += input[i];
                }

                Span<double> oxygen = stackalloc double[Components.Count];
                LongLoopSeparation.Run(charge, separation.Separation, b.Output("product"), b.Output("residue"), b.Output("effluent"), b.Output("gas"), oxygen);
                if (!MassStream.IsNothing(oxygen)) oxygen.CopyTo(b.External(ExternalInputs.Oxygen));
            }));
        edges.Add(separation.ReturnsToBlend
            ? Between(RouteIds.LongLoopProduct, RouteIds.LongLoop.Value, "product", UnitId.Blending.Value, RecoveredPort)
            : Leaving(RouteIds.LongLoopProduct, RouteIds.LongLoop, "product", OutletKind.CoProduct));
        edges.Add(Leaving(RouteIds.LeachResidue, RouteIds.LongLoop, "residue", OutletKind.Residue));
        edges.Add(Leaving(RouteIds.Effluent, RouteIds.LongLoop, "effluent", OutletKind.Residue));
        edges.Add(Leaving(RouteIds.LongLoopGas, RouteIds.LongLoop, "gas", OutletKind.OffGas));
    }

    // A station the plant does not define sets no limit.
    private static double? Capacity(PlantDefinition plant, StationId id) => plant.Stations.FirstOrDefault(s => s.Id == id)?.CapacityKgPerYear;

    private static FlowsheetEdge Between(StreamId stream, string from, string fromPort, string to, string toPort) =>
        FlowsheetEdge.Between(stream.Value, from, fromPort, to, toPort);

    private static FlowsheetEdge Between(StreamId stream, UnitId from, string fromPort, UnitId to, string toPort) =>
        FlowsheetEdge.Between(stream.Value, from.Value, fromPort, to.Value, toPort);

    private static FlowsheetEdge Leaving(StreamId stream, string from, string fromPort, OutletKind outlet) =>
        FlowsheetEdge.Leaving(stream.Value, from, fromPort, outlet);

    private static FlowsheetEdge Leaving(StreamId stream, UnitId from, string fromPort, OutletKind outlet) =>
        FlowsheetEdge.Leaving(stream.Value, from.Value, fromPort, outlet);

    private static UnitNode Unit(string id, string name, IReadOnlyList<string> ports, Action<NodeBuffers> evaluate, double? capacity = null) =>
        new(id, name, ports, evaluate, capacity);

    private static UnitNode Lossy(UnitId id, string name, LossyStep.Parameters step) =>
        Unit(id.Value, name, [Out, "loss"], b =>
        {
            // Oxygen counts as an external input only when some is picked up.
            Span<double> oxygen = stackalloc double[Components.Count];
            LossyStep.Run(b.Input(In), step, b.Output(Out), b.Output("loss"), oxygen);
            if (!MassStream.IsNothing(oxygen)) oxygen.CopyTo(b.External(ExternalInputs.Oxygen));
        });
}

/// <summary>
/// What <see cref="FlowsheetFactory.Solve"/> keeps from one solve to the next: the last graph built (a template whose
/// edges and checks a plant of the same shape shares) and the solver's plan. It holds buffers: one per thread.
/// </summary>
public sealed class FlowsheetWorkspace
{
    internal Flowsheet? Template { get; set; }

    internal FlowsheetSolvePlan Plan { get; } = new();
}

/// <summary>Lookups of a solved flowsheet by typed id.</summary>
public static class FlowsheetSolutionIds
{
    /// <summary>The stream on edge <paramref name="stream"/>.</summary>
    public static MassStream Stream(this FlowsheetSolution solution, StreamId stream)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return solution.Stream(stream.Value);
    }

    /// <summary>The stream on edge <paramref name="stream"/>, or an empty stream when the plant has no such edge (a feed with no route to the hub).</summary>
    public static MassStream StreamOrNothing(this FlowsheetSolution solution, StreamId stream)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return solution.Streams.TryGetValue(stream.Value, out var s) ? s : MassStream.Empty;
    }

    /// <summary>Total load (sum of inputs) on unit <paramref name="unit"/>.</summary>
    public static MassStream Intake(this FlowsheetSolution solution, UnitId unit)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return solution.Intake(unit.Value);
    }
}
