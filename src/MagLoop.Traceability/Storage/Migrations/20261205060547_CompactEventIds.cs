using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MagLoop.Traceability.Storage.Migrations;

/// <summary>
/// The compact eventID (<see cref="StoredEventId"/>): <c>events.event_id</c> becomes bytes, a CBV 2.0 event hash id
/// its 32 hash bytes instead of 89 characters (in the row and in its unique index), any other id its UTF-8. Existing
/// rows are converted in place by SQL that mirrors <see cref="StoredEventId.Encode"/>; down gives back the text, so
/// the canonical form and the chain are untouched either way.
/// </summary>
public partial class CompactEventIds : Migration
{
    private const string Columns = "seq, {0}, kind, action, event_time_ms, record_time_ms, biz_step, disposition, body, context_id, chain_hash, custody";


    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => Convert(migrationBuilder, toBytes: true);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => Convert(migrationBuilder, toBytes: false);

    private static void Convert(MigrationBuilder migrationBuilder, bool toBytes)
    {
        if (migrationBuilder.IsNpgsql())
        {
            // A type change rewrites the table and its indexes; row triggers (append-only) do not fire.
            var value = toBytes ? StoredEventId.EncodeSql(postgres: true, "event_id") : StoredEventId.DecodeSql(postgres: true, "event_id");
            migrationBuilder.Sql($"ALTER TABLE events ALTER COLUMN event_id TYPE {(toBytes ? "bytea" : "text")} USING {value};");
            return;
        }

        // SQLite cannot change a column's type: rebuild the table (dropping it drops its indexes and triggers).
        var converted = toBytes ? StoredEventId.EncodeSql(postgres: false, "event_id") : StoredEventId.DecodeSql(postgres: false, "event_id");
        migrationBuilder.Sql(
            CompactEvents.SqliteEvents(CompactEvents.CompactPayload, toBytes ? "BLOB" : "TEXT") + ";\n" +
            $"INSERT INTO \"events_rebuild\" SELECT {string.Format(System.Globalization.CultureInfo.InvariantCulture, Columns, converted)} FROM events;\n" +
            "DROP TABLE \"events\";\n" +
            "ALTER TABLE \"events_rebuild\" RENAME TO \"events\";\n" +
            CompactEvents.SqliteIndexesAndTriggers + CompactEvents.CustodyOffIndex);
    }
}
