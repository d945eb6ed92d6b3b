using System.Text;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MagLoop.Traceability.Tests;

/// <summary>The core tried as an attacker would: every crafted input is a located user error and changes nothing.</summary>
public sealed class HardeningTests
{
    private static readonly DateTimeOffset T = Plant.T0.AddDays(10);

    /// <summary>A valid capture document of one observation of scrap A (which the plant holds).</summary>
    private static string Observation() =>
        new EpcisDocumentBuilder(T).Observe("urn:uuid:00000000-0000-0000-0000-0000000000f1", T, "inspecting", "conformant", Plant.Hub, [new(Plant.PowderA, 10)]).ToJson();

    private static IReadOnlyList<CaptureError> Rejected(string backend, string json) =>
        Rejection.AssertUnchanged(backend, store => store.Capture("bad.jsonld", json)) is CaptureRejectedException r ? r.Errors : [];

    private static IReadOnlyList<CaptureError> Rejected(string backend, byte[] utf8) =>
        Rejection.AssertUnchanged(backend, store => store.Capture("bad.jsonld", utf8)) is CaptureRejectedException r ? r.Errors : [];

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void An_event_or_list_member_that_is_not_an_object_is_a_located_rejection(string backend)
    {
        var json = Observation();
        var errors = Rejected(backend, json.Replace("\"eventList\": [", "\"eventList\": [42, ", StringComparison.Ordinal));
        if (errors.Count == 0) return;
        Assert.Contains(errors, e => e.EventIndex == 0 && e.Message.Contains("must be a JSON object, not a number", StringComparison.Ordinal));
        errors = Rejected(backend, json.Replace("\"quantityList\": [", "\"quantityList\": [\"x\", ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "quantityList[0]" && e.Message.Contains("not a string", StringComparison.Ordinal));
        errors = Rejected(backend, json.Replace("\"quantityList\": [", "\"sensorElementList\": [[1]], \"quantityList\": [", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "sensorElementList[0]" && e.Message.Contains("not an array", StringComparison.Ordinal));
        errors = Rejected(backend, "{\"type\": \"EPCISDocument\", \"epcisBody\": 7}");
        Assert.Contains(errors, e => e.Field == "epcisBody.eventList");
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void A_lone_surrogate_is_refused_with_line_column_and_path(string backend)
    {
        var json = Observation();
        var errors = Rejected(backend, json.Replace("\"inspecting\"", "\"insp\\ud800ecting\"", StringComparison.Ordinal));
        if (errors.Count == 0) return;
        var error = Assert.Single(errors);
        Assert.Matches(@"^\d+:\d+: epcisBody\.eventList\[0\]\.bizStep$", error.Field);
        Assert.Contains("lone UTF-16 surrogate", error.Message, StringComparison.Ordinal);
        // In a member name, and as a raw character of a .NET string (a server's or a library caller's input).
        Assert.Contains("lone UTF-16 surrogate", Assert.Single(Rejected(backend, json.Replace("\"bizStep\"", "\"biz\\udc00Step\"", StringComparison.Ordinal))).Message, StringComparison.Ordinal);
        Assert.Contains("lone UTF-16 surrogate", Assert.Single(Rejected(backend, json.Replace("inspecting", "insp\ud800ecting", StringComparison.Ordinal))).Message, StringComparison.Ordinal);
    }

    [Theory]
    // Plain member names are decoded only when an error names them; escaped ones at once (they may hold a lone surrogate).
    [InlineData("""{"epcisBody":{"eventList":[{"a":1},{"quantity":1e400}]}}""", "1:48: epcisBody.eventList[1].quantity")]
    [InlineData("""{"epcis\u0042ody":{"eventList":[{"qu\u0061ntity":1e400}]}}""", "1:50: epcisBody.eventList[0].quantity")]
    [InlineData("""{"épcisBody":[{"x":[1,{"ü":-1e999}]}]}""", "1:28: épcisBody[0].x[1].ü")]
    public void A_checked_document_names_the_path_of_its_error(string json, string field)
    {
        var error = Assert.Single(JsonInput.Check(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite, "\"quantity\": 10", "\"quantity\": 1e400", "quantityList[0].quantity")]
    [InlineData(TestDatabase.Sqlite, "\"type\": \"ObjectEvent\"", "\"type\": \"ObjectEvent\", \"example:reading\": [1, -2e999]", "eventList[0].example:reading[1]")]
    [InlineData(TestDatabase.Postgres, "\"quantity\": 10", "\"quantity\": 1e400", "quantityList[0].quantity")]
    public void A_number_too_large_for_a_double_in_any_field_is_refused(string backend, string find, string replace, string path)
    {
        if (backend == TestDatabase.Postgres && TestDatabase.PostgresConnection is null) return;
        var errors = Rejected(backend, Observation().Replace(find, replace, StringComparison.Ordinal));
        var error = Assert.Single(errors);
        Assert.EndsWith(path, error.Field, StringComparison.Ordinal);
        Assert.Contains("too large for a double", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void A_quantity_or_a_sum_of_children_beyond_the_largest_lot_is_refused(string backend)
    {
        // 1e306 TNE is 1e309 kg: infinity as a double.
        var json = Observation().Replace("\"quantity\": 10", "\"quantity\": 1e306", StringComparison.Ordinal).Replace("\"KGM\"", "\"TNE\"", StringComparison.Ordinal);
        var errors = Rejected(backend, json);
        if (errors.Count == 0) return;
        Assert.Contains(errors, e => e.Field == "quantityList[0].quantity" && e.Message.Contains("above the 1E+12 kg", StringComparison.Ordinal));

        // Two children of 0.6e12 kg each are lots MagLoop may hold, but not one package of 1.2e12 kg.
        var pack = new EpcisDocumentBuilder(T).Pack("urn:uuid:00000000-0000-0000-0000-0000000000f2", T, Plant.Hub, "urn:epc:id:sscc:0860000.0000000009",
            [new(Plant.PowderA, 6e11), new(Plant.PowderB, 6e11)]).ToJson();
        errors = Rejected(backend, pack);
        Assert.Contains(errors, e => e.Field == "childQuantityList" && e.Message.Contains("together", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Invalid_UTF8_is_refused_not_replaced(string backend)
    {
        var bytes = Encoding.UTF8.GetBytes(Observation());
        var at = Array.IndexOf(bytes, (byte)'i', Encoding.UTF8.GetByteCount(Observation()[..Observation().IndexOf("inspecting", StringComparison.Ordinal)]));
        var bad = bytes[..at].Concat(new byte[] { 0xC3, 0x28 }).Concat(bytes[at..]).ToArray();
        var errors = Rejected(backend, bad);
        if (errors.Count == 0) return;
        var error = Assert.Single(errors);
        Assert.Matches(@"^\d+:\d+$", error.Field);
        Assert.Contains("invalid UTF-8", error.Message, StringComparison.Ordinal);
        // A byte-order mark is not a fault.
        using var db = TestDatabase.Create(backend)!;
        using var store = db.Open();
        Plant.Capture(store);
        Assert.Equal(1, store.Capture("bom.jsonld", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(bytes).ToArray()).Appended);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void A_lock_held_past_the_busy_timeout_is_a_store_busy_user_error(string backend)
    {
        var error = Rejection.AssertUnchanged(backend, store =>
        {
            using var holder = Hold(store.Database);
            store.Capture("late.jsonld", Observation());
        }, busyTimeoutSeconds: 1);
        if (error is null) return;
        Assert.IsType<StoreBusyException>(error);
        Assert.StartsWith("store busy:", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Another process's open write transaction on the ledger.</summary>
    private static IDisposable Hold(TraceDatabase database)
    {
        if (database.SqlitePath is { } path)
        {
            var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
            sqlite.Open();
            var tx = sqlite.BeginTransaction(); // BEGIN IMMEDIATE: the write lock
            return new Holder(tx, sqlite);
        }

        var postgres = new NpgsqlConnection(database.PostgresConnectionString);
        postgres.Open();
        var ptx = postgres.BeginTransaction();
        using (var command = new NpgsqlCommand("LOCK TABLE events IN EXCLUSIVE MODE", postgres, ptx)) command.ExecuteNonQuery();
        return new Holder(ptx, postgres);
    }

    private sealed class Holder(IDisposable transaction, IDisposable connection) : IDisposable
    {
        public void Dispose()
        {
            transaction.Dispose();
            connection.Dispose();
        }
    }

    [Fact]
    public void Reading_never_creates_tables_in_a_foreign_or_empty_SQLite_file()
    {
        var foreign = Path.Combine(Path.GetTempPath(), $"magloop-foreign-{Guid.NewGuid():N}.db");
        var empty = Path.Combine(Path.GetTempPath(), $"magloop-empty-{Guid.NewGuid():N}.db");
        try
        {
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={foreign};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'a');";
                command.ExecuteNonQuery();
            }

            File.WriteAllBytes(empty, []);
            var before = File.ReadAllBytes(foreign);
            Assert.Contains("not a MagLoop trace store", Assert.Throws<StoreRefusedException>(() => TraceStore.OpenReadOnly(TraceDatabase.Sqlite(foreign))).Message, StringComparison.Ordinal);
            Assert.Throws<StoreRefusedException>(() => TraceStore.OpenReadOnly(TraceDatabase.Sqlite(empty)));
            // Capture does not take over a database that holds someone else's tables either.
            Assert.Throws<StoreRefusedException>(() => TraceStore.Open(TraceDatabase.Sqlite(foreign)));
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Assert.Equal(before, File.ReadAllBytes(foreign));
            Assert.Empty(File.ReadAllBytes(empty));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { foreign, empty, foreign + "-wal", foreign + "-shm", empty + "-wal", empty + "-shm" })
                if (File.Exists(file)) File.Delete(file);
        }
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void A_store_opened_read_only_answers_and_cannot_be_written(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using (var store = db.Open()) Plant.Capture(store);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = db.SqlitePath is { } path ? File.ReadAllBytes(path) : null;
        using (var store = TraceStore.OpenReadOnly(db.Database))
        {
            Assert.True(store.Verify().Intact);
            Assert.ThrowsAny<System.Data.Common.DbException>(() => store.Capture("more.jsonld", Observation()));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (before is not null) Assert.Equal(before, File.ReadAllBytes(db.SqlitePath!));
    }

    [Fact]
    public void Reading_never_creates_tables_in_a_foreign_PostgreSQL_database()
    {
        using var db = TestDatabase.Create(TestDatabase.Postgres);
        if (db is null) return;
        using (var connection = new NpgsqlConnection(db.Database.PostgresConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand("CREATE TABLE customers (id int PRIMARY KEY, name text)", connection);
            command.ExecuteNonQuery();
        }

        Assert.Throws<StoreRefusedException>(() => TraceStore.OpenReadOnly(db.Database));
        Assert.Throws<StoreRefusedException>(() => TraceStore.Open(db.Database));
        using (var connection = new NpgsqlConnection(db.Database.PostgresConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand("SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public'", connection);
            Assert.Equal("customers", command.ExecuteScalar());
        }
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite, 0)]
    [InlineData(TestDatabase.Sqlite, -5)]
    [InlineData(TestDatabase.Postgres, 0)]
    [InlineData(TestDatabase.Postgres, -5)]
    public void A_row_at_or_below_seq_zero_fails_verify(string backend, int seq)
    {
        if (backend == TestDatabase.Postgres && TestDatabase.PostgresConnection is null) return;
        TestDatabase.WithPlant(backend, store =>
        {
            var connection = store.Context.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open) connection.Open();
            using (var command = connection.CreateCommand())
            {
                // A copy of event 1 under another id, inserted below the chain: the walk used to start above it.
                command.CommandText = $"INSERT INTO events (seq, event_id, kind, action, event_time_ms, record_time_ms, biz_step, disposition, body, context_id, chain_hash) " +
                                      $"SELECT {seq}, 'urn:uuid:inserted', kind, action, event_time_ms, record_time_ms, biz_step, disposition, body, context_id, chain_hash FROM events WHERE seq = 1";
                command.ExecuteNonQuery();
            }

            var result = store.Verify();
            Assert.False(result.Intact);
            Assert.Equal(seq, result.FirstBadSeq);
            Assert.Contains("not a ledger position", result.Reason, StringComparison.Ordinal);
        });
    }
}
