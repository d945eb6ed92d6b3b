using System.Globalization;
using CsCheck;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Tests;

public sealed class VerifyTests
{
    private static void Sql(TraceStore store, string sql)
    {
        // Raw ADO: the edited JSON holds braces that EF's SQL formatting would read as placeholders.
        var connection = store.Context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// The chain hash is SHA-256 of the UTF-8 text "previous + content|seq|recordTime" (with "|custody-off" for an event
    /// stored with custody off), as docs/traceability.md states it: the writer's buffered form gives the same hash for
    /// any text, short or long, ASCII or not.
    /// </summary>
    [Fact]
    public void The_chain_hash_is_the_hash_of_its_stated_text()
    {
        var text = Gen.OneOf(Gen.String[Gen.Char.AlphaNumeric, 0, 64], Gen.String[0, 300], Gen.Const(Canonical.Genesis));
        Gen.Select(text, text, Gen.Long, Gen.Long, Gen.Int[0, 1]).Sample((previous, content, seq, ms, custody) =>
        {
            var stated = previous + content + "|" + seq.ToString(CultureInfo.InvariantCulture) + "|" + ms.ToString(CultureInfo.InvariantCulture)
                         + (custody == 1 ? "" : "|custody-off");
            Assert.Equal(Canonical.Sha256Hex(stated), TraceStore.ChainHash(previous, content, seq, ms, custody));
        });
        Assert.Equal(TraceStore.ChainHash("a", "b", 1, 2, 1), TraceStore.ChainHash("a", "b", 1, 2));
        // A surrogate pair split between the previous hash and the content hash is one character of the text.
        Assert.Equal(Canonical.Sha256Hex("x\ud83d\ude00y|1|2"), TraceStore.ChainHash("x\ud83d", "\ude00y", 1, 2));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void An_untouched_ledger_verifies(string backend)
    {
        TestDatabase.WithPlant(backend, store =>
        {
            var result = store.Verify();
            Assert.True(result.Intact);
            Assert.Equal(8, result.Events);
            Assert.Equal(store.Context.Events.OrderBy(e => e.Seq).Last().ChainHashHex, result.HeadChainHash);
        });
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void The_database_refuses_to_update_an_event(string backend)
    {
        TestDatabase.WithPlant(backend, store =>
        {
            Assert.ThrowsAny<Exception>(() => Sql(store, "UPDATE events SET biz_step = 'shipping' WHERE seq = 2"));
            Assert.ThrowsAny<Exception>(() => Sql(store, "DELETE FROM events WHERE seq = 8"));
        });
    }

    /// <summary>An attacker with admin rights lifts the append-only triggers and edits the stored event.</summary>
    private static void Tamper(TraceStore store, string backend, string update)
    {
        if (backend == TestDatabase.Sqlite)
        {
            Sql(store, "DROP TRIGGER events_no_update");
            Sql(store, update);
        }
        else
        {
            Sql(store, "ALTER TABLE events DISABLE TRIGGER events_no_update");
            Sql(store, update);
        }
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Editing_an_event_is_found_at_that_event(string backend)
    {
        TestDatabase.WithPlant(backend, store =>
        {
            // Declare scrap A's magnet as melted in Japan instead of China.
            Tamper(store, backend, "UPDATE events SET body = REPLACE(body, '\"magloop:melted\":\"CN\"', '\"magloop:melted\":\"JP\"') WHERE seq = 1");
            var result = store.Verify();
            Assert.False(result.Intact);
            Assert.Equal(1, result.FirstBadSeq);
            Assert.Equal("urn:uuid:00000000-0000-0000-0000-00000000000a", result.FirstBadEventId);
            Assert.Contains("content does not match", result.Reason, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Rehashing_an_edited_event_breaks_the_chain_at_the_next_event(string backend)
    {
        TestDatabase.WithPlant(backend, store =>
        {
            // The attacker moves event 6 to another location (nothing the projections hold) and gives it the chain hash its
            // new content would have: event 7 no longer follows.
            var rows = store.Context.Events.AsNoTracking().Where(e => e.Seq == 5 || e.Seq == 6).OrderBy(e => e.Seq).ToList();
            var edited = rows[1].CanonicalJson.Replace("0860000.00001.0", "0860000.00001.9", StringComparison.Ordinal);
            Assert.NotEqual(rows[1].CanonicalJson, edited);
            var chain = TraceStore.ChainHash(rows[0].ChainHashHex, Epcis.Canonical.Sha256Hex(edited), 6, rows[1].RecordTimeUnixMs, rows[1].Custody);
            var body = rows[1].Body.Replace("0860000.00001.0", "0860000.00001.9", StringComparison.Ordinal);
            var blob = backend == TestDatabase.Sqlite ? $"unhex('{chain}')" : $"decode('{chain}', 'hex')";
            Tamper(store, backend, $"UPDATE events SET body = '{body.Replace("'", "''", StringComparison.Ordinal)}', chain_hash = {blob} WHERE seq = 6");
            var result = store.Verify();
            Assert.Equal(7, result.FirstBadSeq);
            Assert.Contains("chain hash", result.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Editing_an_indexed_column_is_found()
    {
        TestDatabase.WithPlant(TestDatabase.Sqlite, store =>
        {
            Tamper(store, TestDatabase.Sqlite, "UPDATE events SET event_time_ms = event_time_ms + 1 WHERE seq = 7");
            var result = store.Verify();
            Assert.Equal(7, result.FirstBadSeq);
            Assert.Contains("event_time_ms", result.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Editing_a_column_the_body_marks_is_an_edit_of_the_hashed_event()
    {
        TestDatabase.WithPlant(TestDatabase.Sqlite, store =>
        {
            // biz_step is the event's bizStep member (the body marks it): changing it changes the restored content.
            Tamper(store, TestDatabase.Sqlite, "UPDATE events SET biz_step = 'shipping' WHERE seq = 7");
            var result = store.Verify();
            Assert.Equal(7, result.FirstBadSeq);
            Assert.Contains("content does not match its chain hash", result.Reason, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Editing_a_lots_origin_in_the_projection_is_found_at_the_creating_event(string backend)
    {
        TestDatabase.WithPlant(backend, store =>
        {
            // The compliance answer reads lots.mined: rewriting it must not pass unnoticed.
            Sql(store, $"UPDATE lots SET mined = 'AU' WHERE lot = '{Plant.ScrapA}'");
            var result = store.Verify();
            Assert.False(result.Intact);
            Assert.Equal(1, result.FirstBadSeq);
            Assert.Contains("lots rows do not match", result.Reason, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Removing_a_consumption_row_is_found_at_its_event(string backend)
    {
        TestDatabase.WithPlant(backend, store =>
        {
            // Without the row, scrap A would look unconsumed and could be used twice.
            Sql(store, $"DELETE FROM lot_events WHERE event_seq = 4 AND role = 0");
            var result = store.Verify();
            Assert.Equal(4, result.FirstBadSeq);
            Assert.Contains("lot_events", result.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_lot_no_event_created_is_found()
    {
        TestDatabase.WithPlant(TestDatabase.Sqlite, store =>
        {
            Sql(store, "INSERT INTO lots (lot, created_seq, created_ms, mass_kg) VALUES ('urn:epc:class:lgtin:0860000.012345.FAKE', 99, 0, 1000)");
            var result = store.Verify();
            Assert.False(result.Intact);
            Assert.Null(result.FirstBadSeq);
            Assert.Contains("table lots holds 10 rows where the events produce 9", result.Reason, StringComparison.Ordinal);
        });
    }
}
