using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MagLoop.Errors;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Storage;

/// <summary>What a key may do on the traceability server (docs/traceability.md, "Server").</summary>
public enum ApiRole
{
    /// <summary>Reads, and captures events whose readPoint or bizLocation is at the key's site.</summary>
    Operator,

    /// <summary>Reads everything and records test results (events carrying sensor data) at any site.</summary>
    Quality,

    /// <summary>Reads only.</summary>
    Auditor,

    /// <summary>Everything, at any site; manages keys.</summary>
    Admin,
}

/// <summary>A key as listed (never the key itself).</summary>
/// <param name="Id">Public id.</param>
/// <param name="Role">Role.</param>
/// <param name="Site">Site the key is bound to.</param>
/// <param name="Created">Creation time.</param>
/// <param name="Expires">Expiry, if any.</param>
/// <param name="Revoked">Revocation time, if revoked.</param>
public sealed record ApiKeyInfo(string Id, ApiRole Role, string Site, DateTimeOffset Created, DateTimeOffset? Expires, DateTimeOffset? Revoked)
{
    /// <summary>True when the key may be used at <paramref name="now"/>.</summary>
    public bool IsValidAt(DateTimeOffset now) => Revoked is null && (Expires is null || now < Expires);
}

/// <summary>
/// API keys in the trace store. A key is <c>mlk_ID_SECRET</c> with a 256-bit random secret; the store holds only the
/// SHA-256 of the whole key (a fast hash suffices: the secret has full entropy, so there is nothing to brute-force).
/// </summary>
public static class ApiKeys
{
    /// <summary>The key prefix, so a leaked key is recognisable by secret scanners.</summary>
    public const string Prefix = "mlk_";

    /// <summary>The role's name as typed on the command line.</summary>
    public static string Name(ApiRole role) => role.ToString().ToLowerInvariant();

    /// <summary>Parses a role name; null when unknown.</summary>
    public static ApiRole? ParseRole(string? text) => text switch
    {
        "operator" => ApiRole.Operator,
        "quality" => ApiRole.Quality,
        "auditor" => ApiRole.Auditor,
        "admin" => ApiRole.Admin,
        _ => null,
    };

    /// <summary>SHA-256 of a key, lower-case hex.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Creates a key; returns its info and the key, which is not stored and cannot be shown again.</summary>
    public static (ApiKeyInfo Info, string Key) Create(TraceDbContext context, ApiRole role, string site, DateTimeOffset? expires, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(site)) throw new UserError("--site must name a location (an SGLN URN or a GS1 Digital Link URI)");
        var now = time.GetUtcNow();
        if (expires is { } e && e <= now) throw new UserError(string.Create(CultureInfo.InvariantCulture, $"--expires {e:O} is not in the future"));
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var key = $"{Prefix}{id}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}";
        var record = new ApiKeyRecord
        {
            Id = id, KeyHash = Hash(key), Role = Name(role), Site = site,
            CreatedUnixMs = now.ToUnixTimeMilliseconds(), ExpiresUnixMs = expires?.ToUnixTimeMilliseconds(),
        };
        context.ApiKeys.Add(record);
        context.SaveChanges();
        context.ChangeTracker.Clear();
        return (Info(record), key);
    }

    /// <summary>Every key, oldest first.</summary>
    public static IReadOnlyList<ApiKeyInfo> List(TraceDbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedUnixMs).ThenBy(k => k.Id).AsEnumerable().Select(Info).ToList();
    }

    /// <summary>Revokes a key; a key already revoked stays revoked at its first time. Unknown ids are a user error.</summary>
    public static ApiKeyInfo Revoke(TraceDbContext context, string id, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(time);
        var record = context.ApiKeys.SingleOrDefault(k => k.Id == id) ?? throw new UserError($"no key with id '{id}' (`magloop keys list` shows them)");
        record.RevokedUnixMs ??= time.GetUtcNow().ToUnixTimeMilliseconds();
        context.SaveChanges();
        context.ChangeTracker.Clear();
        return Info(record);
    }

    /// <summary>
    /// The key presented, or null when no stored key has its hash. The server asks on every request, so this is one
    /// indexed query on a pooled read-only connection, without an EF Core context; nothing is cached, so a key that
    /// `magloop keys revoke` revokes from another process fails from the next request on.
    /// </summary>
    public static ApiKeyInfo? Find(TraceDatabase database, string key)
    {
        ArgumentNullException.ThrowIfNull(database);
        // key_hash is unique (ix_api_keys_key_hash): a second row would be a corrupt table, which ReadSingleRow reports.
        var record = database.ReadSingleRow(
            "SELECT id, role, site, created_ms, expires_ms, revoked_ms FROM api_keys WHERE key_hash = @hash", "@hash", Hash(key),
            reader => new ApiKeyRecord
            {
                Id = reader.GetString(0),
                Role = reader.GetString(1),
                Site = reader.GetString(2),
                CreatedUnixMs = reader.GetInt64(3),
                ExpiresUnixMs = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                RevokedUnixMs = reader.IsDBNull(5) ? null : reader.GetInt64(5),
            });
        return record is null ? null : Info(record);
    }

    private static ApiKeyInfo Info(ApiKeyRecord r) => new(r.Id, ParseRole(r.Role) ?? throw new InvalidOperationException($"api_keys row {r.Id} has unknown role '{r.Role}'"), r.Site,
        DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedUnixMs),
        r.ExpiresUnixMs is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
        r.RevokedUnixMs is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null);
}
