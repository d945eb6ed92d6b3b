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

    /// <summary>Builds the graph.</summary>
    public static Flowsheet Create(PlantDefinition plant)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var p = plant.Process;
        var routing = p.Routing;
        var nodes = new List<FlowsheetNode>();
        var edges = new List<FlowsheetEdge>();
        var hpmsYields = new Dictionary<string, double>();
        var reachesHub = plant.SitesReachingHub();

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
                edges.Add(Between(StreamId.ConcentrateToHub(feed.Id), prepNode, "concentrate", UnitId.Hpms.Value, feedNode));
                hpmsYields[feedNode] = type.HpmsExtractionYield.Value;
            }
            else
            {
                edges.Add(Leaving(StreamId.ConcentrateStranded(feed.Id), prepNode, "concentrate", OutletKind.Residue));
            }
        }

        // The plant's own rejects and swarf are charged with the yields of their pre-consumer counterparts.
        if (routing.RejectsToHpms) hpmsYields[RejectsPort] = ScrapLibrary.PreConsumerRejects.HpmsExtractionYield.Value;
        if (routing.SwarfToHpms) hpmsYields[SwarfPort] = ScrapLibrary.PreConsumerSwarf.HpmsExtractionYield.Value;

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
            b => Degassing.Run(b.Input(In), degassing, b.Output("powder"), b.Output("hydrogen"))));
        edges.Add(Leaving(StreamId.DegassingOffGas, UnitId.Degassing, "hydrogen", OutletKind.OffGas));
        edges.Add(Between(StreamId.DegassedPowder, UnitId.Degassing, "powder", UnitId.Blending, In));

        var blending = new Blending.Parameters(p.FreshRareEarth, p.TargetFreeRareEarthFraction, plant.Station(StationId.JetMills).CapacityKgPerYear,
            DownstreamOxygenKgPerKg: p.JetMilling.OxygenPickupKgPerKg, TargetGrade: plant.Magnets.GradeTarget);
        nodes.Add(Unit(UnitId.Blending.Value, "Blending with fresh rare earth", ["blend", "surplus"],
            b => Blending.Run(b.Input(In), b.Input("returns"), blending, b.Output("blend"), b.Output("surplus"), b.External(ExternalInputs.FreshRareEarth))));
        edges.Add(Leaving(StreamId.SurplusPowder, UnitId.Blending, "surplus", OutletKind.CoProduct));
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
        edges.Add(routing.SwarfToHpms
            ? Between(StreamId.Swarf, UnitId.Machining, "swarf", UnitId.Hpms, SwarfPort)
            : Leaving(StreamId.Swarf, UnitId.Machining, "swarf", OutletKind.CoProduct));
        edges.Add(Between(StreamId.CutBlock, UnitId.Machining, Out, UnitId.Coating, In));

        var coating = p.Coating;
        nodes.Add(Unit(UnitId.Coating.Value, "Coating", [Out], b => Coating.Run(b.Input(In), coating, b.Output(Out), b.External(ExternalInputs.CoatingMaterial))));
        edges.Add(Between(StreamId.CoatedParts, UnitId.Coating, Out, UnitId.Inspection, In));

        var inspection = p.Inspection;
        nodes.Add(Unit(UnitId.Inspection.Value, "Magnetising and inspection", [Out, "rejects"],
            b => Inspection.Run(b.Input(In), inspection, b.Output(Out), b.Output("rejects"))));
        edges.Add(Leaving(StreamId.Magnets, UnitId.Inspection, Out, OutletKind.Magnet));
        edges.Add(routing.RejectsToHpms
            ? Between(StreamId.Rejects, UnitId.Inspection, "rejects", UnitId.Hpms, RejectsPort)
            : Leaving(StreamId.Rejects, UnitId.Inspection, "rejects", OutletKind.CoProduct));

        return new Flowsheet(nodes, edges);
    }

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
