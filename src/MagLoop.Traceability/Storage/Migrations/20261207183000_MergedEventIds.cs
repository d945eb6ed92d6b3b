using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MagLoop.Traceability.Storage.Migrations;

/// <summary>
/// SQLite: the eventID index leaves the <c>events</c> table for <c>event_ids</c>, filled in sorted batches
/// (<see cref="EventIdTail"/>). A unique index over random 32-byte hashes put every captured event on a page of its own
/// at each commit. <c>event_ids_merged.seq</c> says up to which event the table holds the ids. Existing rows are all
/// merged here. PostgreSQL keeps its unique index on <c>events.event_id</c>, so nothing changes there. Down puts the
/// index back. The model is unchanged (both tables live outside it), so this migration carries no target model.
/// </summary>
[Microsoft.EntityFrameworkCore.Infrastructure.DbContext(typeof(TraceDbContext))]
[Migration("20261207183000_MergedEventIds")]
public sealed class MergedEventIds : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql()) return;
        migrationBuilder.Sql("""
            CREATE TABLE "event_ids" ("event_id" BLOB NOT NULL CONSTRAINT "PK_event_ids" PRIMARY KEY, "seq" INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE "event_ids_merged" ("seq" INTEGER NOT NULL);
            INSERT INTO "event_ids" SELECT event_id, seq FROM events ORDER BY event_id;
            INSERT INTO "event_ids_merged" SELECT COALESCE(MAX(seq), 0) FROM events;
            DROP INDEX "ix_events_event_id";
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql()) return;
        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "ix_events_event_id" ON "events" ("event_id");
            DROP TABLE "event_ids";
            DROP TABLE "event_ids_merged";
            """);
    }
}
