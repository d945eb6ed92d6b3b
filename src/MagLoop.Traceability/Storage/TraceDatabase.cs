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

    /// <summary>Context options for this database.</summary>
    public DbContextOptions<TraceDbContext> Options()
    {
        var builder = new DbContextOptionsBuilder<TraceDbContext>();
        if (PostgresConnectionString is { } connection) builder.UseNpgsql(connection);
        else builder.UseSqlite($"Data Source={SqlitePath}");
        return builder.Options;
    }

    /// <summary>A new context.</summary>
    public TraceDbContext CreateContext() => new(Options());

    /// <summary>Display name (the file, or the PostgreSQL host and database without credentials).</summary>
    public override string ToString()
    {
        if (PostgresConnectionString is null) return SqlitePath ?? "";
        var parts = PostgresConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.StartsWith("Host", StringComparison.OrdinalIgnoreCase) || p.StartsWith("Database", StringComparison.OrdinalIgnoreCase));
        return "postgres:" + string.Join(";", parts);
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: the design-time context on a scratch SQLite file.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TraceDbContext>
{
    /// <inheritdoc />
    public TraceDbContext CreateDbContext(string[] args) => TraceDatabase.Sqlite(Path.Combine(Path.GetTempPath(), "magloop-design.db")).CreateContext();
}
