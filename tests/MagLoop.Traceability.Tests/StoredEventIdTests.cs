using System.Data.Common;
using CsCheck;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Tests;

public sealed class StoredEventIdTests
{
    private const string HashId = "ni:///sha-256;8b0c7ab5d5bd6bcf3d8b4fbd5ef7ca17f0c4b4d3ab0a4d5c3e2f1a0b9c8d7e6f?ver=CBV2.0";

    /// <summary>Ids at every edge of the format: hash ids, near misses of one, text of exactly 32 bytes, non-ASCII.</summary>
    private static readonly string[] Edges =
    [
        HashId,
        HashId.ToUpperInvariant().Replace("NI:///SHA-256;", "ni:///sha-256;", StringComparison.Ordinal).Replace("?VER=CBV2.0", "?ver=CBV2.0", StringComparison.Ordinal),
        HashId.Replace("?ver=CBV2.0", "?ver=CBV2.1", StringComparison.Ordinal),
        HashId[..^1],
        "urn:uuid:00000000-0000-0000-0000-0000000000",
        "urn:uuid:0123456789abcdef0123456",
        "urn:x:\u00e9t\u00e9-1",
        "urn:x:\u00e9t\u00e9-0123456789abcdef0123",
        "x:1",
    ];

    private static readonly Gen<string> Ids = Gen.OneOf(
        Gen.Byte.Array[32].Select(b => "ni:///sha-256;" + Convert.ToHexStringLower(b) + "?ver=CBV2.0"),
        Gen.Byte.Array[32].Select(b => "ni:///sha-256;" + Convert.ToHexString(b) + "?ver=CBV2.0"),
        Gen.Char["!~"].Array[1, 40].Select(c => "urn:x:" + new string(c)),
        Gen.Char["a\u00ff"].Array[1, 20].Select(c => "urn:y:" + new string(c)),
        Gen.OneOfConst(Edges));

    [Fact]
    public void Every_id_comes_back_as_it_was_and_only_a_lowercase_hash_id_takes_32_bytes()
    {
        Ids.Sample(id =>
        {
            var stored = StoredEventId.Encode(id);
            Assert.Equal(id, StoredEventId.Decode(stored));
            var isHash = id.Length == 89 && id.StartsWith("ni:///sha-256;", StringComparison.Ordinal) && id.EndsWith("?ver=CBV2.0", StringComparison.Ordinal)
                         && id.AsSpan(14, 64).IndexOfAnyExcept("0123456789abcdef") < 0;
            Assert.Equal(isHash, stored.Length == 32);
        });
        Assert.Equal(33, StoredEventId.Encode("urn:uuid:0123456789abcdef0123456").Length);
    }

    [Fact]
    public void An_id_with_a_nul_is_refused()
    {
        Assert.Throws<ArgumentException>(() => StoredEventId.Encode("urn:x:a\0"));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void The_migrations_sql_computes_what_the_code_does(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using var store = db.Open();
        var connection = store.Context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        var postgres = backend == TestDatabase.Postgres;
        foreach (var id in Edges)
        {
            var stored = (byte[])Scalar(connection, "SELECT " + StoredEventId.EncodeSql(postgres, postgres ? "CAST(@p AS text)" : "@p"), id);
            Assert.Equal(StoredEventId.Encode(id), stored);
            Assert.Equal(id, (string)Scalar(connection, "SELECT " + StoredEventId.DecodeSql(postgres, postgres ? "CAST(@p AS bytea)" : "@p"), stored));
        }
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Events_under_every_kind_of_id_are_stored_found_and_recognised_when_captured_again(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using var store = db.Open();
        var t = Plant.T0;
        string[] ids = ["urn:uuid:0123456789abcdef0123456", Edges[1], "urn:x:plain-1"];
        var builder = new EpcisDocumentBuilder(t);
        for (var i = 0; i < ids.Length; i++) builder.Create(ids[i], t.AddMinutes(i), "receiving", Plant.Hub, [new(Plant.Lot($"ID-{i}"), 10)]);
        // And one the store names by its CBV 2.0 event hash.
        var document = System.Text.Json.Nodes.JsonNode.Parse(builder.Create("urn:x:unnamed", t.AddMinutes(9), "receiving", Plant.Hub, [new(Plant.Lot("ID-H"), 10)]).ToJson())!;
        document["epcisBody"]!["eventList"]![3]!.AsObject().Remove("eventID");
        var json = document.ToJsonString();
        Assert.Equal(4, store.Capture("ids.jsonld", json).Appended);

        var hashId = store.Context.Events.OrderBy(e => e.Seq).Select(e => e.EventId).ToList()[^1];
        Assert.StartsWith("ni:///sha-256;", hashId, StringComparison.Ordinal);
        foreach (var id in ids.Append(hashId))
            Assert.Equal(id, store.Context.Events.Single(e => e.EventId == id).EventId);
        var wanted = new List<string> { ids[0], hashId };
        Assert.Equal(2, store.Context.Events.Count(e => wanted.Contains(e.EventId)));

        var again = store.Capture("ids-again.jsonld", json);
        Assert.Equal(0, again.Appended);
        Assert.Equal(4, again.Duplicates);
        var connection = store.Context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        var lengths = new List<long>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = backend == TestDatabase.Postgres ? "SELECT octet_length(event_id) FROM events ORDER BY seq" : "SELECT length(event_id) FROM events ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read()) lengths.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal([33, 89, 13, 32], lengths);
        Assert.True(store.Verify().Intact);
    }

    private static object Scalar(DbConnection connection, string sql, object value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var p = command.CreateParameter();
        p.ParameterName = "@p";
        p.Value = value;
        command.Parameters.Add(p);
        return command.ExecuteScalar()!;
    }
}
