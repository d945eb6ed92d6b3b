using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Tests;

/// <summary>Custody off (<see cref="CustodyOptions.Off"/>): standard events stored as such, with no lot effect.</summary>
public sealed class CustodyOffTests
{
    // MagLoop's own check of the standard, as the server runs by default (GS1's schema refuses one openepcis "valid"
    // document: AggregationEvent_with_persistentDisposition.json, a persistentDisposition outside its enum).
    private static TraceStore Open(TestDatabase db, CustodyOptions custody) => TraceStore.Open(db.Database, new FixedTime(TestDatabase.Now), null, custody);

    private static void Sql(TraceStore store, string sql)
    {
        var connection = store.Context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Every_valid_conformance_document_is_stored_with_no_lot_rows_and_the_ledger_verifies(string backend)
    {
        var folder = Path.Combine(Schemas.EpcisDirectory, "conformance", "openepcis", "valid");
        if (!Directory.Exists(folder))
        {
            Console.WriteLine($"SKIPPED (custody off): {folder} not found.");
            return;
        }

        if (backend == TestDatabase.Postgres && TestDatabase.PostgresConnection is null) return;
        var events = 0;
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        // One store per document: two documents of the set (AssociationEvent_2 and AssociationEvent_with_sensorData)
        // give different events the same eventID, which one repository refuses (an eventID names one event).
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var db = TestDatabase.Create(backend)!;
            using var store = Open(db, CustodyOptions.Off);
            var summary = store.Capture(Path.GetFileName(file), File.ReadAllText(file));
            events += summary.Appended;
            Assert.All(store.Context.Events.AsNoTracking().ToList(), e => Assert.Equal(0, e.Custody));
            Assert.Empty(store.Context.Lots.AsNoTracking());
            Assert.Empty(store.Context.LotEvents.AsNoTracking());
            Assert.Empty(store.Context.Links.AsNoTracking());
            Assert.Empty(store.Context.Measurements.AsNoTracking());
            var result = store.Verify();
            Assert.True(result.Intact, $"{file}: {result.Reason}");
            kinds.UnionWith(store.Context.Events.AsNoTracking().Select(e => e.Kind).ToList());
        }

        Assert.True(events > 26, $"{events} events");
        Assert.Equal(["AggregationEvent", "AssociationEvent", "ObjectEvent", "TransactionEvent", "TransformationEvent"], kinds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Lots_stored_with_custody_off_are_outside_the_lot_ledger_and_genealogy_of_custody_lots_is_unchanged(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        // The plant under custody; then another repository's copy of a receipt of scrap A stored with custody off.
        using (var store = Open(db, CustodyOptions.Default)) Plant.Capture(store);
        var foreign = Plant.Receipts().Replace("00000000000a", "0000000000fa", StringComparison.Ordinal);
        string before;
        using (var store = Open(db, CustodyOptions.Off))
        {
            before = Rejection.Snapshot(store).Split('|', 2)[1];
            var summary = store.Capture("foreign.jsonld", foreign);
            // The renamed receipt of scrap A is new (it would create scrap A a second time under custody); the other two are the same events.
            Assert.Equal(1, summary.Appended);
            Assert.Equal(2, summary.Duplicates);
        }

        using (var store = Open(db, CustodyOptions.Default))
        {
            // The lot rows are those of the custody events alone: scrap A was created once, with its own mass.
            Assert.Equal(before, Rejection.Snapshot(store).Split('|', 2)[1]);
            var graph = new StoreGraph(store.Context);
            Assert.Equal(1000, graph.Lot(Plant.ScrapA)!.MassKg);
            var result = store.Verify();
            Assert.True(result.Intact, result.Reason);
            // Custody on: a lot known only from a custody-off event does not exist.
            var error = Assert.Throws<CaptureRejectedException>(() => store.Capture("use.jsonld", new Epcis.EpcisDocumentBuilder(Plant.T0.AddDays(9))
                .Transform("urn:uuid:00000000-0000-0000-0000-0000000000f1", Plant.T0.AddDays(9), "commissioning", Plant.Hub,
                    [new(Plant.Lot("ONLY-OFF"), 1)], [new(Plant.Lot("OUT"), 1)]).ToJson()));
            Assert.Contains(error.Errors, e => e.Message.Contains("does not exist", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void The_custody_mode_is_chained_so_flipping_it_is_found(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using var store = Open(db, CustodyOptions.Off);
        store.Capture("receipts.jsonld", Plant.Receipts());
        Assert.True(store.Verify().Intact);
        Sql(store, backend == TestDatabase.Sqlite ? "DROP TRIGGER events_no_update" : "ALTER TABLE events DISABLE TRIGGER events_no_update");
        Sql(store, "UPDATE events SET custody = 1 WHERE seq = 2");
        var result = store.Verify();
        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBadSeq);
    }
}
