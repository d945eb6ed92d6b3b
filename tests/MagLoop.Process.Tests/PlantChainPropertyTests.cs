using CsCheck;
using MagLoop.Materials;

namespace MagLoop.Process.Tests;

/// <summary>
/// Properties of a small but realistic plant built from the unit operations and solved by the
/// <see cref="FlowsheetSolver"/>: spoke -> HPMS -> degassing -> blending -> milling -> sintering -> machining
/// -> inspection, with inspection rejects (and, in some plants, machining swarf) recycled to HPMS.
/// </summary>
public sealed class PlantChainPropertyTests
{
    private const string In = "in";
    private const string Out = "out";

    /// <summary>One feed: a library scrap type, tonnes per year, and its spoke and HPMS figures.</summary>
    public sealed record FeedCase(int ScrapIndex, double TonnesPerYear, double MagnetRecovery, double ForeignRemoval, double ExtractionYield)
    {
        public ScrapType Type => ScrapLibrary.All[ScrapIndex];

        public override string ToString() => $"{Type.Id} {TonnesPerYear:0.###} t/yr (recovery {MagnetRecovery:0.###}, removal {ForeignRemoval:0.###}, yield {ExtractionYield:0.###})";
    }

    /// <summary>Plant parameters, each drawn within its valid range.</summary>
    public sealed record PlantCase(
        FeedCase[] Feeds,
        Hpms.Parameters Hpms,
        double? HpmsCapacityShare,
        double HydrogenRemoved,
        double TargetFreeRareEarth,
        double LineCapacityShare,
        LossyStep.Parameters Milling,
        double PressingLoss,
        Sintering.Parameters Sintering,
        Machining.Parameters Machining,
        double RejectFraction,
        bool SwarfToHpms)
    {
        public override string ToString() =>
            $"feeds [{string.Join("; ", Feeds.Select(f => f.ToString()))}], {Hpms}, HPMS capacity share {HpmsCapacityShare}, H removed {HydrogenRemoved}, " +
            $"target {TargetFreeRareEarth}, line capacity share {LineCapacityShare}, {Milling}, pressing loss {PressingLoss}, {Sintering}, {Machining}, rejects {RejectFraction}, swarf to HPMS {SwarfToHpms}";
    }

    // A value in [min, max] on a grid of 1,000 steps: both ends included, but no vanishing values such as 1e-80,
    // which make flows no balance can resolve.
    private static Gen<double> Between(double min, double max) => Gen.Int[0, 1000].Select(i => min + (max - min) * i / 1000.0);

    private static readonly Gen<FeedCase> GenFeed =
        Gen.Select(Gen.Int[0, ScrapLibrary.All.Count - 1], Between(0.001, 5000.0), Between(0.0, 1.0), Between(0.0, 1.0), Between(0.0, 1.0))
            .Select((index, tonnes, recovery, removal, yield) => new FeedCase(index, tonnes, recovery, removal, yield));

    private static readonly Gen<Hpms.Parameters> GenHpms =
        Gen.Select(Between(0.0, 0.05), Between(0.0, 0.05), Between(0.0, 1.0), Between(0.0, 1.0))
            .Select((h, o, coating, foreign) => new Hpms.Parameters(h, o, coating, foreign));

    // Shares of the total feed mass; a null HPMS capacity means no limit.
    private static readonly Gen<double?> GenCapacityShare =
        Gen.Frequency((2, Gen.Const((double?)null)), (1, Between(0.05, 1.5).Select(share => (double?)share)));

    private static readonly Gen<LossyStep.Parameters> GenMilling =
        Gen.Select(Between(0.0, 1.0), Between(0.0, 0.005)).Select((loss, oxygen) => new LossyStep.Parameters(loss, oxygen));

    private static readonly Gen<Sintering.Parameters> GenSintering =
        Gen.Select(Between(0.0, 1.0), Between(0.0, 1.0), Between(0.0, 1.0)).Select((hydrogen, loss, polymer) => new Sintering.Parameters(hydrogen, loss, polymer));

    // Machining yield and reject fraction kept where plants operate (BRIEF: slicing and grinding yield 60-85 %),
    // so that the recycle to HPMS stays well below 1.
    private static readonly Gen<Machining.Parameters> GenMachining =
        Gen.Select(Between(0.6, 0.95), Between(0.0, 0.2)).Select((yield, oxygen) => new Machining.Parameters(yield, oxygen));

    private static readonly Gen<PlantCase> GenPlant =
        Gen.Select(
                GenFeed.Array[1, 4],
                GenHpms,
                GenCapacityShare,
                Between(0.0, 1.0),
                Between(0.0, 0.4), // with up to 0.005 kg O/kg from milling, NdPr can still reach it
                Between(0.0, 1.5),
                GenMilling,
                GenSintering)
            .SelectMany((feeds, hpms, hpmsCapacity, hydrogenRemoved, target, lineCapacity, milling, sintering) =>
                Gen.Select(GenMachining, Between(0.0, 0.2), Gen.Bool, Between(0.0, 0.1)).Select((machining, rejects, swarfToHpms, pressingLoss) =>
                    new PlantCase(feeds, hpms, hpmsCapacity, hydrogenRemoved, target, lineCapacity, milling, pressingLoss, sintering, machining, rejects, swarfToHpms)));

    private static UnitNode Unit(string id, IReadOnlyList<string> ports, Func<IReadOnlyDictionary<string, MassStream>, NodeOutputs> evaluate, double? capacity = null) =>
        new(id, id, ports, evaluate, capacity);

    private static Dictionary<string, MassStream> Streams(params (string Port, MassStream Stream)[] streams) =>
        streams.ToDictionary(s => s.Port, s => s.Stream);

    /// <summary>Builds the plant graph for one case.</summary>
    public static Flowsheet Build(PlantCase plant)
    {
        var nodes = new List<FlowsheetNode>();
        var edges = new List<FlowsheetEdge>();
        var yields = new Dictionary<string, double>();
        var totalFeedKg = 0.0;

        for (var i = 0; i < plant.Feeds.Length; i++)
        {
            var feed = plant.Feeds[i];
            var (feedId, spokeId, port) = ($"feed:{i}", $"spoke:{i}", $"feed:{i}");
            var raw = feed.Type.AsReceived(feed.TonnesPerYear * 1000.0);
            totalFeedKg += raw.TotalKgPerYear;
            var spoke = new SpokePreprocessing.Parameters(feed.MagnetRecovery, feed.ForeignRemoval);
            nodes.Add(new FeedNode(feedId, feedId, raw));
            nodes.Add(Unit(spokeId, ["concentrate", "residue"], inputs =>
            {
                var r = SpokePreprocessing.Run(inputs.Port(In), spoke);
                return new(Streams(("concentrate", r.Concentrate), ("residue", r.Residue)));
            }));
            edges.Add(FlowsheetEdge.Between($"{feedId} scrap", feedId, FeedNode.Out, spokeId, In));
            edges.Add(FlowsheetEdge.Leaving($"{spokeId} residue", spokeId, "residue", OutletKind.Residue));
            edges.Add(FlowsheetEdge.Between($"{spokeId} concentrate", spokeId, "concentrate", "hpms", port));
            yields[port] = feed.ExtractionYield;
        }

        yields["rejects"] = ScrapLibrary.PreConsumerRejects.HpmsExtractionYield.Value;
        if (plant.SwarfToHpms) yields["swarf"] = ScrapLibrary.PreConsumerSwarf.HpmsExtractionYield.Value;

        nodes.Add(Unit("hpms", ["powder", "residue"], inputs =>
        {
            var r = Hpms.Run(yields.Select(y => new Hpms.Charge(inputs.Port(y.Key), y.Value)), plant.Hpms);
            return new(Streams(("powder", r.Powder), ("residue", r.Residue)), Streams(("hydrogen", r.HydrogenAbsorbed), ("oxygen", r.OxygenPickedUp)));
        }, plant.HpmsCapacityShare * totalFeedKg));
        edges.Add(FlowsheetEdge.Leaving("hpms residue", "hpms", "residue", OutletKind.Residue));
        edges.Add(FlowsheetEdge.Between("hydride powder", "hpms", "powder", "degassing", In));

        var degassing = new Degassing.Parameters(plant.HydrogenRemoved);
        nodes.Add(Unit("degassing", ["powder", "hydrogen"], inputs =>
        {
            var r = Degassing.Run(inputs.Port(In), degassing);
            return new(Streams(("powder", r.Powder), ("hydrogen", r.HydrogenReleased)));
        }));
        edges.Add(FlowsheetEdge.Leaving("degassing off-gas", "degassing", "hydrogen", OutletKind.OffGas));
        edges.Add(FlowsheetEdge.Between("degassed powder", "degassing", "powder", "blending", In));

        var blending = new Blending.Parameters(Composition.ParseWeightPercent("Nd=75,Pr=25"), plant.TargetFreeRareEarth, plant.LineCapacityShare * totalFeedKg,
            plant.Milling.OxygenPickupKgPerKg);
        nodes.Add(Unit("blending", ["blend", "surplus"], inputs =>
        {
            var r = Blending.Run(inputs.Port(In), inputs.Port("returns"), blending);
            return new(Streams(("blend", r.Blend), ("surplus", r.Surplus)), Streams(("fresh rare earth", r.FreshRareEarth)));
        }));
        edges.Add(FlowsheetEdge.Leaving("surplus powder", "blending", "surplus", OutletKind.CoProduct));
        edges.Add(FlowsheetEdge.Between("blend", "blending", "blend", "milling", In));

        nodes.Add(Unit("milling", [Out, "loss"], inputs =>
        {
            var r = LossyStep.Run(inputs.Port(In), plant.Milling);
            return new(Streams((Out, r.Product), ("loss", r.Loss)), Streams(("oxygen", r.OxygenPickedUp)));
        }));
        edges.Add(FlowsheetEdge.Leaving("mill fines", "milling", "loss", OutletKind.Loss));
        edges.Add(FlowsheetEdge.Between("fine powder", "milling", Out, "pressing", In));

        var pressing = new LossyStep.Parameters(plant.PressingLoss);
        nodes.Add(Unit("pressing", [Out, "loss"], inputs =>
        {
            var r = LossyStep.Run(inputs.Port(In), pressing);
            return new(Streams((Out, r.Product), ("loss", r.Loss)));
        }));
        edges.Add(FlowsheetEdge.Between("pressing scrap", "pressing", "loss", "blending", "returns"));
        edges.Add(FlowsheetEdge.Between("green compacts", "pressing", Out, "sintering", In));

        nodes.Add(Unit("sintering", [Out, "hydrogen", "loss"], inputs =>
        {
            var r = Sintering.Run(inputs.Port(In), plant.Sintering);
            return new(Streams((Out, r.Block), ("hydrogen", r.GasReleased), ("loss", r.Loss)));
        }));
        edges.Add(FlowsheetEdge.Leaving("sintering off-gas", "sintering", "hydrogen", OutletKind.OffGas));
        edges.Add(FlowsheetEdge.Leaving("sintering loss", "sintering", "loss", OutletKind.Loss));
        edges.Add(FlowsheetEdge.Between("sintered block", "sintering", Out, "machining", In));

        nodes.Add(Unit("machining", [Out, "swarf"], inputs =>
        {
            var r = Machining.Run(inputs.Port(In), plant.Machining);
            return new(Streams((Out, r.CutParts), ("swarf", r.Swarf)), Streams(("oxygen", r.OxygenPickedUp)));
        }));
        edges.Add(plant.SwarfToHpms
            ? FlowsheetEdge.Between("swarf", "machining", "swarf", "hpms", "swarf")
            : FlowsheetEdge.Leaving("swarf", "machining", "swarf", OutletKind.CoProduct));
        edges.Add(FlowsheetEdge.Between("cut parts", "machining", Out, "inspection", In));

        var inspection = new Inspection.Parameters(plant.RejectFraction);
        nodes.Add(Unit("inspection", [Out, "rejects"], inputs =>
        {
            var r = Inspection.Run(inputs.Port(In), inspection);
            return new(Streams((Out, r.Magnets), ("rejects", r.Rejects)));
        }));
        edges.Add(FlowsheetEdge.Leaving("magnets", "inspection", Out, OutletKind.Magnet));
        edges.Add(FlowsheetEdge.Between("rejects", "inspection", "rejects", "hpms", "rejects"));

        return new Flowsheet(nodes, edges);
    }

    [Fact]
    public void Plant_conserves_every_element_to_1e_9() =>
        GenPlant.Sample(plant =>
        {
            var solution = FlowsheetSolver.Solve(Build(plant));
            Assert.True(solution.MaxRelativeBalanceError <= 1e-9,
                string.Join(", ", solution.Balance.Where(b => b.RelativeError > 1e-9).Select(b => $"{b.Component}: {b.RelativeError:G3}")));
        }, iter: 150);

    [Fact]
    public void Plant_streams_stay_finite_and_non_negative() =>
        GenPlant.Sample(plant =>
        {
            var solution = FlowsheetSolver.Solve(Build(plant));
            Assert.All(solution.Streams, s => Assert.True(Conservation.IsNonNegative(s.Value), s.Key));
        }, iter: 150);

    [Fact]
    public void Plant_external_inputs_stay_finite_and_non_negative() =>
        GenPlant.Sample(plant =>
        {
            var solution = FlowsheetSolver.Solve(Build(plant));
            Assert.All(solution.ExternalInputs, i => Assert.True(Conservation.IsNonNegative(i.Stream), $"{i.Node} {i.Name}"));
        }, iter: 150);

    [Fact]
    public void Plant_hpms_intake_never_exceeds_its_capacity() =>
        GenPlant.Sample(plant =>
        {
            var flowsheet = Build(plant);
            var solution = FlowsheetSolver.Solve(flowsheet);
            var capacity = flowsheet.NodesById["hpms"].IntakeCapacityKgPerYear ?? double.PositiveInfinity;
            Assert.True(solution.Intake("hpms").TotalKgPerYear <= capacity * (1 + 1e-9), $"intake {solution.Intake("hpms").TotalKgPerYear} > capacity {capacity}");
        }, iter: 150);
}
