using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MagLoop.Traceability.Storage;

/// <summary>Where the store lives: a SQLite file (the embedded default) or a PostgreSQL database.</summary>
/// <param name="SqlitePath">SQLite file path, or null for PostgreSQL.</param>
/// <param name="PostgresConnectionString">Npgsql connection string, or null for SQLite.</param>
public sealed record TraceDatabase(string? SqlitePath, string? PostgresConnectionString)
{
    /// <summary>A SQLite file.</summary>
    public static TraceDatabase Sqlite(string path) => new(path, null);

    /// <summary>A PostgreSQL database.</summary>
    public static TraceDatabase Postgres(string connectionString) => new(null, connectionString);

    /// <summary>True for PostgreSQL.</summary>
    public bool IsPostgres => PostgresConnectionString is not null;

    /// <summary>
    /// How long a writer waits for another process's write lock before the store reports itself busy (SQLite's
    /// busy timeout, PostgreSQL's lock_timeout on the ledger lock). Default 30 s, Microsoft.Data.Sqlite's own default.
    /// </summary>
    public int BusyTimeoutSeconds { get; init; } = 30;

    /// <summary>
    /// Context options for this database; <paramref name="readOnly"/> opens it so that no statement can write
    /// (SQLite Mode=ReadOnly, PostgreSQL default_transaction_read_only).
    /// </summary>
    public DbContextOptions<TraceDbContext> Options(bool readOnly = false)
    {
        var builder = new DbContextOptionsBuilder<TraceDbContext>();
        if (PostgresConnectionString is { } connection)
        {
            var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(connection);
            if (readOnly) npgsql.Options = $"{npgsql.Options} -c default_transaction_read_only=on".Trim();
            builder.UseNpgsql(npgsql.ConnectionString);
        }
        else
        {
            var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
            {
                DataSource = SqlitePath,
                DefaultTimeout = BusyTimeoutSeconds,
                Mode = readOnly ? Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly : Microsoft.Data.Sqlite.SqliteOpenMode.ReadWriteCreate,
            };
            builder.UseSqlite(sqlite.ConnectionString, o => o.CommandTimeout(BusyTimeoutSeconds)).AddInterceptors(SqliteFunctions.Instance);
        }

        return builder.Options;
    }

    /// <summary>Context options over an open <paramref name="connection"/> (which the caller keeps and disposes).</summary>
    public DbContextOptions<TraceDbContext> Options(System.Data.Common.DbConnection connection)
    {
        var builder = new DbContextOptionsBuilder<TraceDbContext>();
        if (IsPostgres) builder.UseNpgsql(connection);
        else builder.UseSqlite(connection, o => o.CommandTimeout(BusyTimeoutSeconds)).AddInterceptors(SqliteFunctions.Instance);
        return builder.Options;
    }

    /// <summary>
    /// An open ADO.NET connection to the database (no EF Core), with the same settings as <see cref="Options(bool)"/>;
    /// <paramref name="readOnly"/> as there.
    /// </summary>
    public System.Data.Common.DbConnection OpenConnection(bool readOnly = false)
    {
        System.Data.Common.DbConnection connection;
        if (PostgresConnectionString is { } text)
        {
            var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(text);
            if (readOnly) npgsql.Options = $"{npgsql.Options} -c default_transaction_read_only=on".Trim();
            connection = new Npgsql.NpgsqlConnection(npgsql.ConnectionString);
        }
        else
        {
            connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
            {
                DataSource = SqlitePath,
                DefaultTimeout = BusyTimeoutSeconds,
                Mode = readOnly ? Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly : Microsoft.Data.Sqlite.SqliteOpenMode.ReadWriteCreate,
            }.ConnectionString);
        }

        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// The row that <paramref name="sql"/> selects by one parameter, read by <paramref name="read"/>, or null when there is
    /// none: one query on a pooled read-only connection, without an EF Core context (for lookups made on every request).
    /// </summary>
    /// <exception cref="InvalidOperationException">The query selects more than one row (the key is meant to be unique).</exception>
    public T? ReadSingleRow<T>(string sql, string parameterName, object value, Func<System.Data.Common.DbDataReader, T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        using var connection = OpenConnection(readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter(parameterName, value);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var row = read(reader);
        if (reader.Read()) throw new InvalidOperationException($"more than one row where one was expected: {sql}");
        return row;
    }

    /// <summary>A new context.</summary>
    public TraceDbContext CreateContext(bool readOnly = false) => new(Options(readOnly));

    /// <summary>Display name (the file, or the PostgreSQL host and database without credentials).</summary>
    public override string ToString()
    {
        if (PostgresConnectionString is null) return SqlitePath ?? "";
        var parts = PostgresConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.StartsWith("Host", StringComparison.OrdinalIgnoreCase) || p.StartsWith("Database", StringComparison.OrdinalIgnoreCase));
        return "postgres:" + string.Join(";", parts);
    }
}

/// <summary>
/// Registers MagLoop's SQL functions on every SQLite connection the context opens: <c>magloop_sha256(text)</c>, the
/// lower-case hex SHA-256 of the text's UTF-8 bytes, which SQLite lacks and a migration back to stored content hashes needs.
/// </summary>
internal sealed class SqliteFunctions : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    /// <summary>The one instance (it holds no state).</summary>
    public static readonly SqliteFunctions Instance = new();

    /// <inheritdoc />
    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData) => Register(connection);

    /// <inheritdoc />
    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(System.Data.Common.DbConnection connection)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
            sqlite.CreateFunction("magloop_sha256", (string text) => Epcis.Canonical.Sha256Hex(text), isDeterministic: true);
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: the design-time context on a scratch SQLite file.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TraceDbContext>
{
    /// <inheritdoc />
    public TraceDbContext CreateDbContext(string[] args) => TraceDatabase.Sqlite(Path.Combine(Path.GetTempPath(), "magloop-design.db")).CreateContext();
}

/// <summary>ADO.NET commands of the store's plain-SQL paths.</summary>
internal static class DbCommands
{
    /// <summary>Adds a named parameter; null is sent as SQL NULL.</summary>
    public static void AddParameter(this System.Data.Common.DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
