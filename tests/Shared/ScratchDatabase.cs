using MagLoop.Traceability.Storage;
using Npgsql;

namespace MagLoop.TestSupport;

/// <summary>
/// A throwaway trace database for one test: a temporary SQLite file, or a new database on the PostgreSQL server that
/// MAGLOOP_TEST_POSTGRES names. Disposing it removes the file (with its journal, WAL and shared-memory files) or drops
/// the database. Linked into every test project that needs a store, so the three harnesses share one piece.
/// </summary>
internal sealed class ScratchDatabase : IDisposable
{
    private readonly string? _postgresName;

    private ScratchDatabase(TraceDatabase database, string? postgresName)
    {
        Database = database;
        _postgresName = postgresName;
    }

    /// <summary>The PostgreSQL connection string of the test server, or null (tests then skip with a printed reason).</summary>
    public static string? PostgresAdmin =>
        Environment.GetEnvironmentVariable("MAGLOOP_TEST_POSTGRES") is { Length: > 0 } connection ? connection : null;

    /// <summary>The database the test uses.</summary>
    public TraceDatabase Database { get; }

    /// <summary>
    /// A fresh database named <paramref name="prefix"/> plus a random suffix; on PostgreSQL <paramref name="pooling"/>
    /// sets the connection pooling of the returned connection string.
    /// </summary>
    public static ScratchDatabase Create(bool postgres, string prefix, bool pooling = true)
    {
        if (!postgres)
            return new ScratchDatabase(TraceDatabase.Sqlite(Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db")), null);
        var admin = PostgresAdmin ?? throw new InvalidOperationException("MAGLOOP_TEST_POSTGRES is not set");
        var name = $"{prefix.Replace('-', '_')}_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = pooling };
        return new ScratchDatabase(TraceDatabase.Postgres(builder.ConnectionString), name);
    }

    /// <summary>Removes the database.</summary>
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (Database.SqlitePath is { } path)
        {
            foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm", path + ".serve-lock" })
                if (File.Exists(file)) File.Delete(file);
            return;
        }

        // FORCE cannot end a backend of another role (an autovacuum worker that just started on the database): retry.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(PostgresAdmin);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)";
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException) when (attempt < 5)
            {
                Thread.Sleep(200 * attempt);
            }
        }
    }
}
