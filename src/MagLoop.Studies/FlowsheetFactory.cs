using MagLoop.Materials;
using MagLoop.Process;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>
/// Builds the flowsheet graph of a hub-and-spoke HPMS plant from a scenario: per feed a spoke pre-processing
/// unit; at the hub HPMS, degassing, blending, jet milling, pressing, sintering, heat treatment, machining,
/// coating and inspection; swarf, rejects and pressing scrap routed as the scenario says.
/// </summary>
public static class FlowsheetFactory
{
    private const string In = "in";
    private const string Out = "out";

    /// <summary>Node id of a feed.</summary>
    public static string FeedNodeId(Feed feed) => $"feed:{feed.Id}";

    // Machined parts go to coating, through grain-boundary diffusion when the magnets section asks for Dy/Tb: the
    // cut block (the property model's pre-diffusion composition) stays the machining output either way.
    private static void AddGrainBoundaryDiffusion(MagnetsSection magnets, List<FlowsheetNode> nodes, List<FlowsheetEdge> edges)
    {
        if (!(magnets.GbdDyWtPct + magnets.GbdTbWtPct > 0))
        {
            edges.Add(FlowsheetEdge.Between(StreamNames.CutBlock, "machining", Out, "coating", In));
            return;
        }

        var gbd = new GrainBoundaryDiffusion.Parameters(magnets.GbdDyWtPct, magnets.GbdTbWtPct, magnets.GbdUtilisation);
        nodes.Add(Unit(StreamNames.DiffusionNode, "Grain-boundary diffusion", [Out, "loss"],
            b => GrainBoundaryDiffusion.Run(b.Input(In), gbd, b.Output(Out), b.Output("loss"), b.External(StreamNames.DiffusionHeavyRareEarth))));
        edges.Add(FlowsheetEdge.Between(StreamNames.CutBlock, "machining", Out, StreamNames.DiffusionNode, In));
        edges.Add(FlowsheetEdge.Leaving("Diffusion losses", StreamNames.DiffusionNode, "loss", OutletKind.Loss));
        edges.Add(FlowsheetEdge.Between("Diffused parts", StreamNames.DiffusionNode, Out, "coating", In));
    }

    /// <summary>Builds the graph.</summary>
    public static Flowsheet Create(Scenario scenario, IReadOnlyDictionary<string, ScrapType> scrapTypes, Composition freshRareEarth,
        double hpmsCapacityKgPerYear, double lineCapacityKgPerYear, string hubId)
    {
        var p = scenario.Process;
        var routing = scenario.Routing;
        var nodes = new List<FlowsheetNode>();
        var edges = new List<FlowsheetEdge>();
        var hpmsYields = new Dictionary<string, double>();
        var reachesHub = SitesReaching(hubId, scenario.Routes);

        foreach (var feed in scenario.Feeds)
        {
            var type = scrapTypes[feed.Id];
            var feedNode = FeedNodeId(feed);
            var prepNode = $"spoke:{feed.Id}";
            nodes.Add(new FeedNode(feedNode, $"{feed.Id} ({type.Name})", type.AsReceived(feed.TonnesPerYear * 1000.0)));
            var prep = new SpokePreprocessing.Parameters(type.SpokeMagnetRecovery.Value, type.SpokeForeignRemoval.Value);
            nodes.Add(Unit(prepNode, $"Pre-processing of {feed.Id} at {feed.Site}", ["concentrate", "residue"],
                b => SpokePreprocessing.Run(b.Input(In), prep, b.Output("concentrate"), b.Output("residue"))));
            edges.Add(FlowsheetEdge.Between($"{feed.Id}: scrap received at {feed.Site}", feedNode, FeedNode.Out, prepNode, In));
            edges.Add(FlowsheetEdge.Leaving($"{feed.Id}: spoke residue", prepNode, "residue", OutletKind.Residue));
            if (reachesHub.Contains(feed.Site))
            {
                edges.Add(FlowsheetEdge.Between($"{feed.Id}: concentrate to hub", prepNode, "concentrate", StreamNames.HpmsNode, feedNode));
                hpmsYields[feedNode] = type.HpmsExtractionYield.Value;
            }
            else
            {
                edges.Add(FlowsheetEdge.Leaving($"{feed.Id}: concentrate with no route to hub", prepNode, "concentrate", OutletKind.Residue));
            }
        }

        // The plant's own rejects and swarf are charged with the yields of their pre-consumer counterparts.
        if (routing.Rejects == RejectsDestination.Hpms) hpmsYields["rejects"] = ScrapLibrary.PreConsumerRejects.HpmsExtractionYield.Value;
        if (routing.Swarf == SwarfDestination.Hpms) hpmsYields["swarf"] = ScrapLibrary.PreConsumerSwarf.HpmsExtractionYield.Value;

        var hpms = new Hpms.Parameters(p.Hpms.HydrogenUptakeKgPerKg, p.Hpms.OxygenPickupKgPerKg, p.Hpms.CoatingCarryover, p.Hpms.ForeignCarryover);
        nodes.Add(Unit(StreamNames.HpmsNode, "HPMS vessels", ["powder", "residue"], b =>
        {
            var powder = b.Output("powder");
            var residue = b.Output("residue");
            foreach (var (port, yield) in hpmsYields) Hpms.Liberate(b.Input(port), yield, hpms, powder, residue);
            Hpms.Hydride(powder, hpms, b.External("hydrogen"), b.External("oxygen"));
        }, hpmsCapacityKgPerYear));
        edges.Add(FlowsheetEdge.Leaving("HPMS drum residue", StreamNames.HpmsNode, "residue", OutletKind.Residue));
        edges.Add(FlowsheetEdge.Between(StreamNames.HpmsPowder, StreamNames.HpmsNode, "powder", "degassing", In));

        var degassing = new Degassing.Parameters(p.Degassing.HydrogenRemoved);
        nodes.Add(Unit("degassing", "Degassing", ["powder", "hydrogen"],
            b => Degassing.Run(b.Input(In), degassing, b.Output("powder"), b.Output("hydrogen"))));
        edges.Add(FlowsheetEdge.Leaving("Degassing off-gas", "degassing", "hydrogen", OutletKind.OffGas));
        edges.Add(FlowsheetEdge.Between(StreamNames.DegassedPowder, "degassing", "powder", StreamNames.BlendingNode, In));

        var blending = new Blending.Parameters(freshRareEarth, p.Blending.TargetFreeRareEarthFraction, lineCapacityKgPerYear,
            DownstreamOxygenKgPerKg: p.JetMilling.OxygenPickupKgPerKg, TargetGrade: MagnetStudy.GradeTarget(scenario));
        nodes.Add(Unit(StreamNames.BlendingNode, "Blending with fresh rare earth", ["blend", "surplus"],
            b => Blending.Run(b.Input(In), b.Input("returns"), blending, b.Output("blend"), b.Output("surplus"), b.External(StreamNames.FreshRareEarth))));
        edges.Add(FlowsheetEdge.Leaving(StreamNames.SurplusPowder, StreamNames.BlendingNode, "surplus", OutletKind.CoProduct));
        edges.Add(FlowsheetEdge.Between(StreamNames.Blend, StreamNames.BlendingNode, "blend", "jet-milling", In));

        nodes.Add(Lossy("jet-milling", "Jet milling", p.JetMilling));
        edges.Add(FlowsheetEdge.Leaving("Jet-mill fines", "jet-milling", "loss", OutletKind.Loss));
        edges.Add(FlowsheetEdge.Between("Fine powder", "jet-milling", Out, "pressing", In));

        nodes.Add(Lossy("pressing", "Pressing in a field", p.Pressing));
        edges.Add(routing.PressingScrap == PressingScrapDestination.Blending
            ? FlowsheetEdge.Between(StreamNames.PressingScrap, "pressing", "loss", StreamNames.BlendingNode, "returns")
            : FlowsheetEdge.Leaving(StreamNames.PressingScrap, "pressing", "loss", OutletKind.CoProduct));
        edges.Add(FlowsheetEdge.Between("Green compacts", "pressing", Out, "sintering", In));

        var sintering = new Sintering.Parameters(p.Sintering.HydrogenReleased, p.Sintering.LossFraction, p.Sintering.PolymerReleased);
        nodes.Add(Unit("sintering", "Vacuum sintering", [Out, "gas", "loss"],
            b => Sintering.Run(b.Input(In), sintering, b.Output(Out), b.Output("gas"), b.Output("loss"))));
        edges.Add(FlowsheetEdge.Leaving("Sintering off-gas", "sintering", "gas", OutletKind.OffGas));
        edges.Add(FlowsheetEdge.Leaving("Sintering losses", "sintering", "loss", OutletKind.Loss));
        edges.Add(FlowsheetEdge.Between(StreamNames.SinteredBlock, "sintering", Out, "heat-treatment", In));

        nodes.Add(Lossy("heat-treatment", "Heat treatment", p.HeatTreatment));
        edges.Add(FlowsheetEdge.Leaving("Heat-treatment losses", "heat-treatment", "loss", OutletKind.Loss));
        edges.Add(FlowsheetEdge.Between("Heat-treated block", "heat-treatment", Out, "machining", In));

        var machining = new Machining.Parameters(p.Machining.Yield, p.Machining.SwarfOxygenPickupKgPerKg);
        nodes.Add(Unit("machining", "Slicing and grinding", [Out, "swarf"],
            b => Machining.Run(b.Input(In), machining, b.Output(Out), b.Output("swarf"), b.External("oxygen"))));
        edges.Add(routing.Swarf == SwarfDestination.Hpms
            ? FlowsheetEdge.Between(StreamNames.Swarf, "machining", "swarf", StreamNames.HpmsNode, "swarf")
            : FlowsheetEdge.Leaving(StreamNames.Swarf, "machining", "swarf", OutletKind.CoProduct));
        AddGrainBoundaryDiffusion(scenario.Magnets, nodes, edges);

        var coating = new Process.Coating.Parameters(p.Coating.Kind, p.Coating.MassPerMagnetMass);
        nodes.Add(Unit("coating", "Coating", [Out], b => Process.Coating.Run(b.Input(In), coating, b.Output(Out), b.External("coating material"))));
        edges.Add(FlowsheetEdge.Between("Coated parts", "coating", Out, "inspection", In));

        var inspection = new Inspection.Parameters(p.Inspection.RejectFraction);
        nodes.Add(Unit("inspection", "Magnetising and inspection", [Out, "rejects"],
            b => Inspection.Run(b.Input(In), inspection, b.Output(Out), b.Output("rejects"))));
        edges.Add(FlowsheetEdge.Leaving(StreamNames.Magnets, "inspection", Out, OutletKind.Magnet));
        edges.Add(routing.Rejects == RejectsDestination.Hpms
            ? FlowsheetEdge.Between(StreamNames.Rejects, "inspection", "rejects", StreamNames.HpmsNode, "rejects")
            : FlowsheetEdge.Leaving(StreamNames.Rejects, "inspection", "rejects", OutletKind.CoProduct));

        return new Flowsheet(nodes, edges);
    }

    private static UnitNode Unit(string id, string name, IReadOnlyList<string> ports, Action<NodeBuffers> evaluate, double? capacity = null) =>
        new(id, name, ports, evaluate, capacity);

    private static UnitNode Lossy(string id, string name, LossParameters parameters)
    {
        var step = new LossyStep.Parameters(parameters.LossFraction, parameters.OxygenPickupKgPerKg);
        return Unit(id, name, [Out, "loss"], b =>
        {
            // Oxygen counts as an external input only when some is picked up.
            Span<double> oxygen = stackalloc double[Components.Count];
            LossyStep.Run(b.Input(In), step, b.Output(Out), b.Output("loss"), oxygen);
            if (!MassStream.IsNothing(oxygen)) oxygen.CopyTo(b.External("oxygen"));
        });
    }

    // Sites from which a chain of routes leads to the hub (the hub itself included).
    private static HashSet<string> SitesReaching(string hubId, IEnumerable<Route> routes)
    {
        var reaching = new HashSet<string> { hubId };
        var incoming = routes.ToLookup(r => r.To, r => r.From);
        var queue = new Queue<string>([hubId]);
        while (queue.TryDequeue(out var site))
            foreach (var from in incoming[site])
                if (reaching.Add(from)) queue.Enqueue(from);
        return reaching;
    }
}
