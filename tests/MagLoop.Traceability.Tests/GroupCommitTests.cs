using System.Text;
using MagLoop.TestSupport;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Tests;

/// <summary>
/// <see cref="TraceStore.AppendGroup"/>: several prepared documents in one transaction, each under a savepoint, each
/// checked against the store as the documents before it left it; and the proceed error behaviour of
/// <see cref="TraceStore.Prepare(string, ReadOnlyMemory{byte}, bool)"/>.
/// </summary>
public sealed class GroupCommitTests
{
    private static readonly DateTimeOffset T = Plant.T0.AddDays(10);

    private static PreparedCapture Prepare(TraceStore store, string name, string json, bool proceed = false) =>
        store.Prepare(name, Encoding.UTF8.GetBytes(json), proceed);

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void A_rejected_document_in_a_group_changes_nothing_and_its_neighbours_are_stored(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using var store = db.Open();
        // The second document takes 800 kg of scrap A twice (1,600 of 1,000 kg): refused. Had its first transformation
        // stayed, production (which consumes all 1,000 kg of scrap A) would be refused in turn.
        var greedy = new EpcisDocumentBuilder(T)
            .Transform("urn:uuid:bad-1", T, "commissioning", Plant.Hub, [new(Plant.ScrapA, 800)], [new(Plant.Lot("X-1"), 700)])
            .Transform("urn:uuid:bad-2", T, "commissioning", Plant.Hub, [new(Plant.ScrapA, 800)], [new(Plant.Lot("X-2"), 700)])
            .ToJson();
        var group = new[]
        {
            Prepare(store, "receipts", Plant.Receipts()),
            Prepare(store, "greedy", greedy),
            Prepare(store, "production", Plant.Production()),
            // The receipts again, in the same transaction: recognised as already stored by the first document.
            Prepare(store, "receipts-again", Plant.Receipts()),
        };
        var outcomes = store.AppendGroup(group);

        Assert.Equal(3, outcomes[0].Summary!.Appended);
        Assert.Null(outcomes[1].Summary);
        var error = Assert.Single(outcomes[1].Rejection!.Errors);
        Assert.Equal(1, error.EventIndex);
        Assert.Equal(5, outcomes[2].Summary!.Appended);
        Assert.Equal(0, outcomes[3].Summary!.Appended);
        Assert.Equal(3, outcomes[3].Summary!.Duplicates);
        Assert.False(store.Context.Events.AsNoTracking().Any(e => e.EventId == "urn:uuid:bad-1"));
        Assert.False(store.Context.Lots.AsNoTracking().Any(l => l.Lot == Plant.Lot("X-1")));
        LedgerAssert.Intact(store, 8);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void A_group_stores_exactly_what_the_same_documents_store_one_at_a_time(string backend)
    {
        string[] documents = [Plant.Receipts(), Plant.Production()];
        string Snapshot(Action<TraceStore> capture)
        {
            using var db = TestDatabase.Create(backend)!;
            using var store = db.Open();
            capture(store);
            return Rejection.Snapshot(store);
        }

        if (TestDatabase.Create(backend) is not { } probe) return;
        probe.Dispose();
        var alone = Snapshot(store =>
        {
            foreach (var d in documents) store.Capture("d", d);
        });
        var grouped = Snapshot(store => store.AppendGroup(documents.Select(d => Prepare(store, "d", d)).ToList()));
        Assert.Equal(alone, grouped);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Proceed_stores_the_events_that_pass_and_reports_the_others(string backend)
    {
        TestDatabase.WithPlant(backend, store =>
        {
            var document = System.Text.Json.Nodes.JsonNode.Parse(new EpcisDocumentBuilder(T)
                .Create("urn:uuid:good-1", T, "receiving", Plant.Hub, [new(Plant.Lot("NEW-1"), 50)])
                // The block has 680 kg: 700 kg of it breaks a custody rule.
                .Transform("urn:uuid:bad-1", T, "commissioning", Plant.Hub, [new(Plant.Block, 700)], [new(Plant.Lot("Y"), 600)])
                .Create("urn:uuid:bad-2", T, "receiving", Plant.Hub, [new(Plant.Lot("NEW-3"), 50)])
                .Create("urn:uuid:good-2", T, "receiving", Plant.Hub, [new(Plant.Lot("NEW-2"), 50)])
                .ToJson())!;
            // An event the validator refuses (no eventTimeZoneOffset) is left out too.
            document["epcisBody"]!["eventList"]![2]!.AsObject().Remove("eventTimeZoneOffset");
            var json = document.ToJsonString();
            var before = store.Verify().Events;
            var summary = store.Append(Prepare(store, "mixed", json, proceed: true));
            Assert.Equal([1, 2], summary.Errors.Select(e => e.EventIndex!.Value).Distinct().Order());
            Assert.Equal(2, summary.Appended);
            Assert.True(store.Context.Events.AsNoTracking().Any(e => e.EventId == "urn:uuid:good-2"));
            Assert.False(store.Context.Events.AsNoTracking().Any(e => e.EventId == "urn:uuid:bad-1" || e.EventId == "urn:uuid:bad-2"));
            Assert.Equal(before + 2, store.Verify().Events);
        });
    }

    [Fact]
    public void Under_rollback_any_error_still_refuses_the_whole_document()
    {
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        using var store = db.Open();
        var document = System.Text.Json.Nodes.JsonNode.Parse(Plant.Receipts())!;
        document["epcisBody"]!["eventList"]![1]!["action"] = "FOO";
        var json = document.ToJsonString();
        Assert.Throws<CaptureRejectedException>(() => Prepare(store, "bad", json));
        Assert.Equal(0, store.Context.Events.Count());
    }

    [Fact]
    public void A_query_document_is_captured_as_its_event_list_with_the_same_hashes()
    {
        var path = Path.Combine(Schemas.EpcisDirectory, "conformance", "event-hash", "epcisQueryDocument.jsonld");
        if (!File.Exists(path))
        {
            Console.WriteLine($"SKIPPED (conformance): {path} not found.");
            return;
        }

        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        using var store = TraceStore.Open(db.Database, new FixedTime(TestDatabase.Now), Schemas.Epcis, CustodyOptions.Off);
        var json = File.ReadAllText(path);
        using var parsed = System.Text.Json.JsonDocument.Parse(json);
        var expected = EventHash.Events(parsed.RootElement).Select(e => e.GetProperty("eventID").GetString()!).ToList();
        var summary = store.Capture("query.jsonld", json);
        Assert.Equal(expected.Count, summary.Appended);
        Assert.Equal(expected.Order(StringComparer.Ordinal), store.Context.Events.AsNoTracking().Select(e => e.EventId).AsEnumerable().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Documents_of_every_statement_size_are_stored_whole_and_in_order_by_one_store(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using var store = db.Open();
        // SQLite inserts up to 64 rows a statement and the rest in power-of-two statements, prepared once per store and
        // reused: sizes around each boundary, twice over, must each store every row (events, lots, lot quantities).
        int[] sizes = [1, 2, 3, 63, 64, 65, 100, 127, 128, 129, 1, 64, 100];
        static EpcisDocumentBuilder Receive(EpcisDocumentBuilder builder, int d, int from, int to)
        {
            for (var i = from; i < to; i++)
                builder.Create($"urn:uuid:00000000-0000-0000-{d:x4}-{i:x12}", T.AddSeconds(i), "receiving", Plant.Hub, [new(Plant.Lot($"S-{d}-{i}"), 10 + i)]);
            return builder;
        }

        var expected = 0;
        for (var d = 0; d < sizes.Length; d++)
        {
            var summary = store.Capture($"size-{sizes[d]}", Receive(new EpcisDocumentBuilder(T), d, 0, sizes[d]).ToJson());
            Assert.Equal(sizes[d], summary.Appended);
            expected += sizes[d];
        }

        // Stored events are recognised in documents of these sizes too: document 9 again is all duplicates, and a
        // document of 70 stored events of document 6 then 30 new ones appends the 30.
        var again = store.Capture("again", Receive(new EpcisDocumentBuilder(T), 9, 0, 129).ToJson());
        Assert.Equal((0, 129), (again.Appended, again.Duplicates));
        var mixed = store.Capture("mixed", Receive(Receive(new EpcisDocumentBuilder(T), 6, 0, 70), 99, 0, 30).ToJson());
        Assert.Equal((30, 70), (mixed.Appended, mixed.Duplicates));
        sizes = [.. sizes, .. Enumerable.Repeat(0, 99 - sizes.Length), 30];
        expected += 30;

        var events = store.Context.Events.AsNoTracking().OrderBy(e => e.Seq).Select(e => e.EventId).ToList();
        var inOrder = sizes.SelectMany((n, d) => Enumerable.Range(0, n).Select(i => $"urn:uuid:00000000-0000-0000-{d:x4}-{i:x12}")).ToList();
        Assert.Equal(inOrder, events);
        Assert.Equal(expected, store.Context.Lots.AsNoTracking().Count());
        LedgerAssert.Intact(store, expected);
    }
}
