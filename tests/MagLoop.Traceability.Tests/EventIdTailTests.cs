using System.Data.Common;
using System.Text;
using CsCheck;
using MagLoop.TestSupport;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Tests;

/// <summary>
/// SQLite keeps its newest eventIDs apart from <c>event_ids</c> and merges them in batches (<see cref="EventIdTail"/>).
/// Every id must be found, and every recapture recognised, whichever side of a merge, whichever process wrote it and
/// whatever snapshot asks.
/// </summary>
public sealed class EventIdTailTests
{
    private static readonly DateTimeOffset T = Plant.T0.AddDays(20);
    private static readonly string Lot = Plant.Lot("TAIL-1");

    private static string Received() => new EpcisDocumentBuilder(T).Create("urn:uuid:tail-create", T, "receiving", Plant.Hub, [new(Lot, 500)]).ToJson();

    /// <summary>A document of <paramref name="events"/> observations of the lot, ids urn:uuid:tail-{doc}-{k}.</summary>
    private static string Observations(int doc, int events = 3)
    {
        var builder = new EpcisDocumentBuilder(T);
        for (var k = 0; k < events; k++)
            builder.Observe($"urn:uuid:tail-{doc}-{k}", T.AddMinutes((doc * 10) + k + 1), "inspecting", "active", Plant.Hub, [new(Lot, 500)]);
        return builder.ToJson();
    }

    /// <summary>The store of <paramref name="db"/>, its map merging every <paramref name="mergeEvents"/> events, holding the lot.</summary>
    private static TraceStore Opened(TestDatabase db, int mergeEvents)
    {
        var store = db.Open();
        EventIdTail.For(db.Database).MergeEvents = mergeEvents;
        store.Capture("received", Received());
        return store;
    }

    private static string[] Ids(int doc, int events = 3) => Enumerable.Range(0, events).Select(k => $"urn:uuid:tail-{doc}-{k}").ToArray();

    private static long Scalar(TraceStore store, string sql)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every stored event's id found at its seq by a fresh reading context, and event_ids exactly the events up to its merge point.</summary>
    private static void AllFound(TraceStore store)
    {
        var stored = store.Context.Events.AsNoTracking().Select(e => new { e.EventId, e.Seq }).ToList();
        using var reader = store.Database.CreateContext(readOnly: true);
        var found = TraceStore.FindEventSeqs(reader, stored.Select(e => e.EventId).ToList());
        Assert.Equal(stored.ToDictionary(e => e.EventId, e => e.Seq), found);
        var merged = Scalar(store, "SELECT seq FROM event_ids_merged");
        Assert.Equal(merged, Scalar(store, "SELECT COUNT(*) FROM event_ids"));
        Assert.Equal(merged, Scalar(store, "SELECT COUNT(*) FROM event_ids JOIN events ON events.seq = event_ids.seq AND events.event_id = event_ids.event_id"));
    }

    [Fact]
    public void Ids_on_either_side_of_a_merge_are_found_and_their_recaptures_recognised()
    {
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        using var store = Opened(db, mergeEvents: 4);
        var tail = EventIdTail.For(db.Database);
        for (var doc = 0; doc < 6; doc++)
        {
            Assert.Equal(3, store.Capture($"doc {doc}", Observations(doc)).Appended);
            AllFound(store);
            Assert.True(Scalar(store, "SELECT MAX(seq) FROM events") - Scalar(store, "SELECT seq FROM event_ids_merged") < tail.MergeEvents);
        }

        Assert.True(Scalar(store, "SELECT seq FROM event_ids_merged") >= 16);
        for (var doc = 0; doc < 6; doc++)
        {
            var again = store.Capture($"again {doc}", Observations(doc));
            Assert.Equal((0, 3), (again.Appended, again.Duplicates));
        }

        // The same id with other content is refused, merged or not.
        var changed = Observations(0).Replace("inspecting", "repairing", StringComparison.Ordinal);
        Assert.Throws<CaptureRejectedException>(() => store.Capture("changed", changed));
        LedgerAssert.Intact(store, 19);
    }

    [Fact]
    public void A_group_that_repeats_an_event_of_an_earlier_document_stores_it_once()
    {
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        using var store = Opened(db, 2);
        var outcomes = store.AppendGroup([.. new[] { Observations(1), Observations(2), Observations(1) }.Select((d, i) => store.Prepare($"doc {i}", Encoding.UTF8.GetBytes(d)))]);
        Assert.Equal([3, 3, 0], outcomes.Select(o => o.Summary!.Appended));
        Assert.Equal(3, outcomes[2].Summary!.Duplicates);
        AllFound(store);
        LedgerAssert.Intact(store, 7);
    }

    [Fact]
    public void Events_another_process_stored_are_found_and_recognised()
    {
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        // Another path to the same file has a map of its own: what another process would have.
        var link = db.SqlitePath + ".link";
        File.CreateSymbolicLink(link, db.SqlitePath!);
        try
        {
            using var here = db.Open();
            var other = TraceDatabase.Sqlite(link);
            using var there = TraceStore.Open(other, new FixedTime(TestDatabase.Now), Schemas.Epcis);
            EventIdTail.For(db.Database).MergeEvents = 5;
            EventIdTail.For(other).MergeEvents = 5;
            here.Capture("received", Received());
            for (var doc = 0; doc < 5; doc++)
            {
                var writer = doc % 2 == 0 ? there : here;
                Assert.Equal(3, writer.Capture($"doc {doc}", Observations(doc)).Appended);
                var reader = doc % 2 == 0 ? here : there;
                var again = reader.Capture($"again {doc}", Observations(doc));
                Assert.Equal((0, 3), (again.Appended, again.Duplicates));
                AllFound(reader);
            }

            for (var doc = 0; doc < 5; doc++)
                Assert.Equal(0, here.Capture($"last {doc}", Observations(doc)).Appended);
            LedgerAssert.Intact(here, 16);
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void A_snapshot_older_than_two_merges_still_finds_what_it_holds()
    {
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        using var store = Opened(db, 6);
        store.Capture("doc 0", Observations(0));
        using var connection = db.Database.OpenConnection(readOnly: true);
        using var snapshot = ((Microsoft.Data.Sqlite.SqliteConnection)connection).BeginTransaction(deferred: true);
        Assert.Equal(4, Count(connection, snapshot));
        for (var doc = 1; doc < 6; doc++) store.Capture($"doc {doc}", Observations(doc));
        // Merged at 7, 13 and 19: the map now holds only what came after 13.
        Assert.Equal(19, Scalar(store, "SELECT seq FROM event_ids_merged"));

        var found = TraceStore.FindEventSeqs(db.Database, connection, snapshot, [.. Ids(0), "urn:uuid:tail-create"]);
        Assert.Equal([1, 2, 3, 4], found.Values.Order());
        Assert.Equal(4, Count(connection, snapshot));
    }

    private static long Count(DbConnection connection, DbTransaction tx)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT COUNT(*) FROM events";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public void Another_file_at_the_same_path_is_not_answered_from_the_old_one()
    {
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        var path = db.SqlitePath!;
        using (var store = db.Open())
        {
            store.Capture("received", Received());
            store.Capture("doc 0", Observations(0));
            AllFound(store);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        using (var store = db.Open())
        {
            store.Capture("received", Received());
            store.Capture("doc 1", Observations(1));
            using var reader = db.Database.CreateContext(readOnly: true);
            Assert.Empty(TraceStore.FindEventSeqs(reader, Ids(0)));
            Assert.Equal(3, store.Capture("doc 0", Observations(0)).Appended);
            AllFound(store);
        }
    }

    [Fact]
    public void Any_sequence_of_captures_and_recaptures_stores_each_event_once_and_finds_it()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 5].Array[1, 12]).Sample((merge, docs) =>
        {
            using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
            using var store = Opened(db, merge);
            var seen = new HashSet<int>();
            foreach (var doc in docs)
            {
                var summary = store.Capture($"doc {doc}", Observations(doc));
                Assert.Equal(seen.Add(doc) ? (3, 0) : (0, 3), (summary.Appended, summary.Duplicates));
            }

            AllFound(store);
            Assert.Equal(1 + (3 * seen.Count), store.Context.Events.Count());
        }, iter: 25);
    }

    [Fact]
    public void Verify_names_a_merged_eventID_that_was_added_or_changed()
    {
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        using (var store = db.Open())
        {
            EventIdTail.For(db.Database).MergeEvents = 2;
            store.Capture("received", Received());
            store.Capture("doc 0", Observations(0));
            Assert.True(store.Verify().Intact);
        }

        foreach (var (tamper, undo) in new[]
        {
            ("UPDATE event_ids SET seq = 99 WHERE seq = 2", "UPDATE event_ids SET seq = 2 WHERE seq = 99"),
            ("INSERT INTO event_ids VALUES (x'00', 3)", "DELETE FROM event_ids WHERE event_id = x'00'"),
        })
        {
            Run(db.Database, tamper);
            using (var store = TraceStore.OpenReadOnly(db.Database))
            {
                var verdict = store.Verify();
                Assert.False(verdict.Intact);
                Assert.Contains("event_ids", verdict.Reason, StringComparison.Ordinal);
            }

            Run(db.Database, undo);
            using (var store = TraceStore.OpenReadOnly(db.Database)) Assert.True(store.Verify().Intact);
        }
    }

    [Fact]
    public void A_merge_that_fails_leaves_the_capture_stored_and_its_ids_found()
    {
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        using var store = Opened(db, 2);
        // A row already there for an id the next document brings: the merge after its commit meets the primary key.
        var stored = Convert.ToHexString(StoredEventId.Encode("urn:uuid:tail-0-1"));
        Run(db.Database, $"INSERT INTO event_ids VALUES (x'{stored}', 999)");
        Assert.Equal(3, store.Capture("doc 0", Observations(0)).Appended);
        Assert.Equal(0, Scalar(store, "SELECT seq FROM event_ids_merged"));
        // The bogus row names seq 999 for one of them; the recapture still finds all three stored.
        var again = store.Capture("again", Observations(0));
        Assert.Equal((0, 3), (again.Appended, again.Duplicates));
        Assert.Contains("event_ids", store.Verify().Reason, StringComparison.Ordinal);
    }

    private static void Run(TraceDatabase database, string sql)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    [Theory]
    [PostgresData]
    public void PostgreSQL_finds_ids_through_its_unique_index(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using var store = db.Open();
        store.Capture("received", Received());
        store.Capture("doc 0", Observations(0));
        using var reader = db.Database.CreateContext(readOnly: true);
        Assert.Equal([2, 3, 4], TraceStore.FindEventSeqs(reader, [.. Ids(0), "urn:uuid:absent"]).Values.Order());
    }
}
