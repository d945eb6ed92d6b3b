using CsCheck;
using MagLoop.Traceability.Storage;

namespace MagLoop.Traceability.Tests;

public sealed class QueryTests
{
    private const double Tolerance = 1e-12;

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Backward_shares_follow_proportional_allocation_and_sources_sum_to_one(string backend)
    {
        TestDatabase.WithPlant(backend, store =>
        {
            var result = Genealogy.Backward(new StoreGraph(store.Context), Plant.Block);
            var byLot = result.Lots.ToDictionary(l => l.Lot);
            Assert.Equal(3.0 / 7, byLot[Plant.ScrapA].Share, Tolerance);
            Assert.Equal(3.0 / 7, byLot[Plant.ScrapB].Share, Tolerance);
            Assert.Equal(1.0 / 7, byLot[Plant.NdPr].Share, Tolerance);
            Assert.Equal(680.0 / 7, byLot[Plant.NdPr].Kg, 1e-9);
            Assert.Equal(1.0, result.Lots.Where(l => l.Source).Sum(l => l.Share), Tolerance);
            Assert.Equal(1, byLot[Plant.Blend].Depth);
            Assert.Equal(3, byLot[Plant.ScrapA].Depth);
            Assert.DoesNotContain(Plant.ResidueA, byLot.Keys);
        });
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Forward_genealogy_finds_every_lot_holding_a_source(string backend)
    {
        TestDatabase.WithPlant(backend, store =>
        {
            var result = Genealogy.Forward(new StoreGraph(store.Context), Plant.ScrapA);
            var byLot = result.Lots.ToDictionary(l => l.Lot);
            Assert.Equal(new[] { Plant.PowderA, Plant.ResidueA, Plant.Blend, Plant.Block, Plant.Shipment }.Order(StringComparer.Ordinal), byLot.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(3.0 / 7, byLot[Plant.Shipment].Share, Tolerance);
            Assert.Equal(300, byLot[Plant.Blend].Kg, 1e-9);
            Assert.True(byLot[Plant.Shipment].Source);
            Assert.DoesNotContain(Plant.PowderB, byLot.Keys);
        });
    }

    [Fact]
    public void Shares_sum_to_one_on_random_blending_histories()
    {
        // Random DAGs of blends and splits: whatever the history, the sources of any lot account for all of it.
        CsCheck.Gen.Int[1, 1_000_000].Sample(seed =>
        {
            var graph = RandomHistory(seed);
            var target = graph.Newest;
            var result = Genealogy.Backward(graph, target);
            var sum = result.Lots.Where(l => l.Source).Sum(l => l.Share);
            return Math.Abs(sum - 1) < 1e-9;
        }, iter: 200);
    }

    [Fact]
    public void Recall_shares_match_backward_shares()
    {
        CsCheck.Gen.Int[1, 1_000_000].Sample(seed =>
        {
            var graph = RandomHistory(seed);
            var backward = Genealogy.Backward(graph, graph.Newest);
            return backward.Lots.Where(l => l.Source).All(source =>
            {
                var forward = Genealogy.Forward(graph, source.Lot).Lots.Single(l => l.Lot == graph.Newest);
                return Math.Abs(forward.Share - source.Share) < 1e-9;
            });
        }, iter: 100);
    }

    private static MemoryGraph RandomHistory(int seed)
    {
        var random = new Random(seed);
        var graph = new MemoryGraph();
        var sources = random.Next(1, 6);
        for (var i = 0; i < sources; i++) graph.Add($"S{i}", 100 + random.Next(900));
        var steps = random.Next(1, 12);
        for (var s = 0; s < steps; s++)
        {
            var existing = graph.Names.ToList();
            var inputs = existing.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(4, existing.Count) + 1)).ToList();
            var masses = inputs.Select(_ => 1.0 + random.Next(100)).ToList();
            graph.Add($"L{s}", masses.Sum() * 0.9, inputs.Zip(masses).Select(p => (p.First, p.Second / masses.Sum())).ToArray());
        }

        return graph;
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Recycled_content_is_the_mass_share_of_recycled_sources(string backend)
    {
        TestDatabase.WithPlant(backend, store =>
        {
            var content = RecycledContentQuery.Of(new StoreGraph(store.Context), Plant.Shipment);
            Assert.Equal(3.0 / 7, content.PostConsumerShare, Tolerance);
            Assert.Equal(3.0 / 7, content.PreConsumerShare, Tolerance);
            Assert.Equal(1.0 / 7, content.VirginShare, Tolerance);
            Assert.Equal(6.0 / 7, content.RecycledShare, Tolerance);
            Assert.Equal(0, content.UnknownShare);
        });
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Event_queries_filter_by_lot_step_and_time(string backend)
    {
        TestDatabase.WithPlant(backend, store =>
        {
            Assert.Equal(2, EventQueries.Run(store.Connection, new EventQuery(EpcClass: Plant.PowderA)).Count); // made by HPMS, used by the blend
            Assert.Equal(3, EventQueries.Run(store.Connection, new EventQuery(BizStep: "urn:epcglobal:cbv:bizstep:receiving")).Count);
            var window = EventQueries.Run(store.Connection, new EventQuery(From: Plant.T0.AddDays(1), To: Plant.T0.AddDays(2)));
            Assert.Equal(["urn:uuid:00000000-0000-0000-0000-00000000001a", "urn:uuid:00000000-0000-0000-0000-00000000001b"], window.Select(e => e.EventId));
            var packing = Assert.Single(EventQueries.Run(store.Connection, new EventQuery(BizStep: "packing")));
            Assert.Contains(packing.Lots, l => l.Lot == Plant.Shipment && l.Role == "output" && Math.Abs(l.Kg - 680) < 1e-9);
        });
    }
}

/// <summary>An in-memory lot graph for property tests.</summary>
internal sealed class MemoryGraph : ILotGraph
{
    private readonly Dictionary<string, LotInfo> _lots = new(StringComparer.Ordinal);
    private readonly List<LotLink> _links = [];

    public IEnumerable<string> Names => _lots.Keys;

    public string Newest => _lots.Values.MaxBy(l => l.CreatedSeq)!.Lot;

    public void Add(string lot, double kg, params (string From, double Fraction)[] inputs)
    {
        _lots[lot] = new LotInfo(lot, _lots.Count + 1, kg, LotMasterData.Empty);
        foreach (var (from, fraction) in inputs) _links.Add(new LotLink(lot, from, fraction));
    }

    public LotInfo? Lot(string lot) => _lots.GetValueOrDefault(lot);

    public LotClosure Closure(string lot, GenealogyDirection direction)
    {
        var backward = direction == GenealogyDirection.Backward;
        var seen = new HashSet<string>(StringComparer.Ordinal) { lot };
        var links = new List<LotLink>();
        var frontier = new Queue<string>([lot]);
        while (frontier.Count > 0)
        {
            var current = frontier.Dequeue();
            foreach (var link in _links.Where(l => (backward ? l.ToLot : l.FromLot) == current))
            {
                links.Add(link);
                if (seen.Add(backward ? link.FromLot : link.ToLot)) frontier.Enqueue(backward ? link.FromLot : link.ToLot);
            }
        }

        return new LotClosure(links, seen.ToDictionary(l => l, l => _lots[l], StringComparer.Ordinal));
    }
}
