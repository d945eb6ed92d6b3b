using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MagLoop.Traceability.Storage.Migrations;

/// <summary>
/// On SQLite, stores the projection tables (lots, lot_events, links, measurements) as <c>WITHOUT ROWID</c> tables
/// clustered on their primary keys: each row is then written once instead of twice (a rowid table plus the
/// primary-key index), which saves a B-tree insert per row on capture and a lookup per row on genealogy. Columns,
/// keys, indexes and the model are unchanged; PostgreSQL (heap tables, no rowid) is left as it is.
/// </summary>
public partial class ClusteredProjections : Migration
{
    private static readonly (string Table, string Columns, string Key, string Index)[] Tables =
    [
        ("lots", """
            "lot" TEXT NOT NULL, "created_seq" INTEGER NOT NULL, "created_ms" INTEGER NOT NULL, "mass_kg" REAL NOT NULL,
            "material_class" TEXT NULL, "mined" TEXT NULL, "refined" TEXT NULL, "separated" TEXT NULL, "melted" TEXT NULL,
            "produced" TEXT NULL, "recovered_in" TEXT NULL
            """, "\"lot\"", null),
        ("lot_events", "\"event_seq\" INTEGER NOT NULL, \"role\" INTEGER NOT NULL, \"lot\" TEXT NOT NULL, \"mass_kg\" REAL NOT NULL",
            "\"event_seq\", \"role\", \"lot\"", "CREATE INDEX \"ix_lot_events_lot\" ON \"lot_events\" (\"lot\");"),
        ("links", "\"to_lot\" TEXT NOT NULL, \"from_lot\" TEXT NOT NULL, \"event_seq\" INTEGER NOT NULL, \"fraction\" REAL NOT NULL",
            "\"to_lot\", \"from_lot\"", "CREATE INDEX \"ix_links_from_lot\" ON \"links\" (\"from_lot\");"),
        ("measurements", """
            "event_seq" INTEGER NOT NULL, "ordinal" INTEGER NOT NULL, "type" TEXT NOT NULL, "substance" TEXT NULL,
            "value" REAL NOT NULL, "uom" TEXT NULL
            """, "\"event_seq\", \"ordinal\"", null),
    ];

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, withoutRowid: true);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, withoutRowid: false);

    /// <summary>SQLite cannot change a table's storage in place: create the new table, copy, drop, rename, re-index.</summary>
    private static void Rebuild(MigrationBuilder migrationBuilder, bool withoutRowid)
    {
        if (!migrationBuilder.IsSqlite()) return;
        foreach (var (table, columns, key, index) in Tables)
        {
            migrationBuilder.Sql(
                $"CREATE TABLE \"{table}_rebuild\" ({columns}, CONSTRAINT \"PK_{table}\" PRIMARY KEY ({key})){(withoutRowid ? " WITHOUT ROWID" : "")};\n" +
                $"INSERT INTO \"{table}_rebuild\" SELECT * FROM \"{table}\";\n" +
                $"DROP TABLE \"{table}\";\n" +
                $"ALTER TABLE \"{table}_rebuild\" RENAME TO \"{table}\";\n" +
                (index ?? ""));
        }
    }
}
