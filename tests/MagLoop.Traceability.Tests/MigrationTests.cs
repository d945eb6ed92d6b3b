using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MagLoop.Traceability.Tests;

public sealed class MigrationTests
{
    private static bool HasRowid(TraceStore store, string table)
    {
        var connection = store.Context.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rowid FROM {table} LIMIT 1";
        try
        {
            command.ExecuteScalar();
            return true;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
    }

    private static string? Scalar(TraceStore store, string sql)
    {
        var connection = store.Context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void A_store_migrated_down_to_Initial_and_up_again_keeps_every_row_and_verifies(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        string head;
        using (var store = db.Open())
        {
            Plant.Capture(store);
            var result = store.Verify();
            Assert.True(result.Intact, result.Reason);
            head = result.HeadChainHash;
            if (backend == TestDatabase.Sqlite) Assert.False(HasRowid(store, "links"));
            store.Context.GetService<IMigrator>().Migrate("20261126225814_Initial");
            if (backend == TestDatabase.Sqlite) Assert.True(HasRowid(store, "links"));
            // The Initial schema has no custody column, which this version's model reads: the ledger is compared row by row instead.
            Assert.Equal(head, Scalar(store, "SELECT chain_hash FROM events ORDER BY seq DESC LIMIT 1"));
            Assert.Equal("8", Scalar(store, "SELECT COUNT(*) FROM events"));
        }

        using (var store = db.Open())
        {
            Assert.Empty(store.Context.Database.GetPendingMigrations());
            if (backend == TestDatabase.Sqlite)
                foreach (var table in new[] { "lots", "lot_events", "links", "measurements" })
                    Assert.False(HasRowid(store, table));
            var up = store.Verify();
            Assert.True(up.Intact, up.Reason);
            Assert.Equal(head, up.HeadChainHash);
            Assert.NotNull(new StoreGraph(store.Context).Lot(Plant.ScrapA));
        }
    }
}

public sealed class ReadOnlyOpenTests
{
    [Fact]
    public void The_read_only_open_knows_the_same_migrations_as_EF_Core()
    {
        // OpenReadOnly checks the history table without EF Core: its list must be the migrator's.
        using var context = TraceDatabase.Sqlite(Path.Combine(Path.GetTempPath(), "magloop-unused.db")).CreateContext();
        Assert.Equal(context.Database.GetMigrations().Order(StringComparer.Ordinal), TraceStore.KnownMigrations().Order(StringComparer.Ordinal));
    }
}
