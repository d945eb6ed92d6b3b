using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MagLoop.Traceability.Storage.Migrations;

/// <summary>
/// The compact event row (<see cref="EventFormat"/>): <c>canonical_json</c> becomes <c>body</c>, the canonical text
/// with the members the columns hold (eventID, type, action, bizStep, disposition) and the <c>@context</c> (now a
/// <c>contexts</c> row) marked; <c>content_hash</c> goes (it is the SHA-256 of the restored canonical form, and the
/// chain hash covers it); <c>chain_hash</c> is stored as 32 bytes instead of 64 hex characters. Existing rows are
/// converted in place: their column members are marked by text replacement, which is lossless whatever the text
/// (each marked span is put back as it was, and canonical JSON holds no raw control characters); their
/// <c>@context</c> stays in the body. Down restores the full text and the hex hashes, so the chain verifies either way.
/// </summary>
public partial class CompactEvents : Migration
{
    private const string Columns = "seq, event_id, kind, action, event_time_ms, record_time_ms, biz_step, disposition";

    /// <summary>The body of a row that still holds its canonical form in <c>canonical_json</c>: its column members marked.</summary>
    private static string MarkSql(bool postgres)
    {
        var chr = postgres ? "chr" : "char";
        string Mark(string inner, char marker, string member, string column) =>
            $"COALESCE(replace({inner}, '\"{member}\":\"' || {column} || '\"', {chr}({(int)marker})), {inner})";
        var sql = "canonical_json";
        sql = Mark(sql, EventFormat.ActionMarker, "action", "action");
        sql = Mark(sql, EventFormat.BizStepMarker, "bizStep", "biz_step");
        sql = Mark(sql, EventFormat.DispositionMarker, "disposition", "disposition");
        sql = Mark(sql, EventFormat.EventIdMarker, "eventID", "event_id");
        sql = Mark(sql, EventFormat.TypeMarker, "type", "kind");
        return sql;
    }

    /// <summary>The SQLite table a rebuild of <c>events</c> copies into, with this event_id type and these payload columns.</summary>
    internal static string SqliteEvents(string payload, string eventIdType = "TEXT") => $"""
        CREATE TABLE "events_rebuild" (
            "seq" INTEGER NOT NULL CONSTRAINT "PK_events" PRIMARY KEY, "event_id" {eventIdType} NOT NULL, "kind" TEXT NOT NULL,
            "action" TEXT NULL, "event_time_ms" INTEGER NOT NULL, "record_time_ms" INTEGER NOT NULL, "biz_step" TEXT NULL,
            "disposition" TEXT NULL, {payload}, "custody" INTEGER NOT NULL DEFAULT 1)
        """;

    /// <summary>
    /// The partial index of events captured with custody off, empty while custody is on: an epcClass query's
    /// "custody = 0 OR seq IN (...)" becomes two index searches.
    /// </summary>
    internal const string CustodyOffIndex = "CREATE INDEX \"ix_events_custody_off\" ON \"events\" (\"custody\") WHERE custody = 0;";

    /// <summary>The payload columns of the compact SQLite <c>events</c> row (body, context, chain hash as bytes).</summary>
    internal const string CompactPayload = "\"body\" TEXT NOT NULL, \"context_id\" INTEGER NULL CONSTRAINT \"fk_events_context\" REFERENCES \"contexts\" (\"id\") ON DELETE RESTRICT, \"chain_hash\" BLOB NOT NULL";

    /// <summary>The indexes and triggers of a rebuilt SQLite <c>events</c> table.</summary>
    internal const string SqliteIndexesAndTriggers = """
        CREATE UNIQUE INDEX "ix_events_event_id" ON "events" ("event_id");
        CREATE INDEX "ix_events_event_time" ON "events" ("event_time_ms");
        CREATE INDEX "ix_events_biz_step" ON "events" ("biz_step");
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "contexts",
            columns: table => new
            {
                // Ids are given by the capture (under its write lock), the same way on both databases.
                id = table.Column<int>(nullable: false),
                json = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_contexts", x => x.id));
        migrationBuilder.CreateIndex(name: "ix_contexts_json", table: "contexts", column: "json", unique: true);

        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql($"""
                ALTER TABLE events DISABLE TRIGGER events_no_update;
                ALTER TABLE events ADD COLUMN body text NULL, ADD COLUMN context_id integer NULL CONSTRAINT fk_events_context REFERENCES contexts (id) ON DELETE RESTRICT;
                UPDATE events SET body = {MarkSql(postgres: true)};
                ALTER TABLE events DROP COLUMN canonical_json, DROP COLUMN content_hash, ALTER COLUMN body SET NOT NULL,
                    ALTER COLUMN chain_hash TYPE bytea USING decode(chain_hash, 'hex');
                ALTER TABLE events ENABLE TRIGGER events_no_update;
                {CustodyOffIndex}
                """);
            return;
        }

        // SQLite cannot change a column's type: rebuild the table (dropping it drops its indexes and triggers).
        migrationBuilder.Sql(
            SqliteEvents(CompactPayload) + ";\n" +
            $"INSERT INTO \"events_rebuild\" SELECT {Columns}, {MarkSql(postgres: false)}, NULL, unhex(chain_hash), custody FROM events;\n" +
            "DROP TABLE \"events\";\n" +
            "ALTER TABLE \"events_rebuild\" RENAME TO \"events\";\n" +
            SqliteIndexesAndTriggers + CustodyOffIndex);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql("DROP INDEX ix_events_custody_off;");
            var restored = EventFormat.RestoreSql(postgres: true, "(SELECT json FROM contexts WHERE contexts.id = events.context_id)");
            migrationBuilder.Sql($"""
                ALTER TABLE events DISABLE TRIGGER events_no_update;
                ALTER TABLE events ADD COLUMN canonical_json text NULL, ADD COLUMN content_hash text NULL;
                UPDATE events SET canonical_json = {restored};
                UPDATE events SET content_hash = encode(sha256(convert_to(canonical_json, 'UTF8')), 'hex');
                ALTER TABLE events DROP COLUMN body, DROP COLUMN context_id, ALTER COLUMN canonical_json SET NOT NULL, ALTER COLUMN content_hash SET NOT NULL,
                    ALTER COLUMN chain_hash TYPE text USING encode(chain_hash, 'hex');
                ALTER TABLE events ENABLE TRIGGER events_no_update;
                """);
        }
        else
        {
            // magloop_sha256: the SQLite function every MagLoop connection registers (SQLite has no SHA-256 of its own).
            var restored = EventFormat.RestoreSql(postgres: false, "(SELECT json FROM contexts WHERE contexts.id = events.context_id)");
            migrationBuilder.Sql(
                SqliteEvents("\"canonical_json\" TEXT NOT NULL, \"content_hash\" TEXT NOT NULL, \"chain_hash\" TEXT NOT NULL") + ";\n" +
                $"INSERT INTO \"events_rebuild\" SELECT {Columns}, canonical, magloop_sha256(canonical), lower(hex(chain_hash)), custody FROM (SELECT *, {restored} AS canonical FROM events);\n" +
                "DROP TABLE \"events\";\n" +
                "ALTER TABLE \"events_rebuild\" RENAME TO \"events\";\n" +
                SqliteIndexesAndTriggers);
        }

        migrationBuilder.DropTable(name: "contexts");
    }
}
