using System.Buffers;
using System.Text;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MagLoop.Traceability.Storage;

/// <summary>
/// The stored form of an eventID (<c>events.event_id</c>, BLOB on SQLite, bytea on PostgreSQL). Most ids are CBV 2.0
/// event hashes, <c>ni:///sha-256;</c> + 64 lowercase hex digits + <c>?ver=CBV2.0</c>: 89 characters, kept in the
/// row and again in the unique index. Such an id is stored as its 32 hash bytes; any other id as its UTF-8 bytes, with
/// one NUL byte appended when those are exactly 32 long. An eventID is a URI, which holds no NUL (the validator and
/// <see cref="Encode"/> refuse one), so a stored value of 32 bytes is a hash and one that ends in NUL is padded text:
/// the mapping is one to one, and an id that is not in the exact hash form (upper-case hex, another version) is kept
/// as text, byte for byte.
/// </summary>
public static class StoredEventId
{
    private const string HashPrefix = "ni:///sha-256;";
    private const string HashSuffix = "?ver=CBV2.0";
    private const int HashBytes = 32;
    private const int HashIdLength = 89;

    /// <summary>EF Core's conversion between <see cref="EventRecord.EventId"/> and the column.</summary>
    public static ValueConverter<string, byte[]> Converter { get; } = new(id => Encode(id), stored => Decode(stored));

    /// <summary>The stored bytes of <paramref name="eventId"/>.</summary>
    /// <exception cref="ArgumentException">The id holds a NUL character (it is not a URI).</exception>
    public static byte[] Encode(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        if (IsHashId(eventId)) return Convert.FromHexString(eventId.AsSpan(HashPrefix.Length, 2 * HashBytes));
        if (eventId.Contains('\0', StringComparison.Ordinal)) throw new ArgumentException("an eventID holds no NUL character", nameof(eventId));
        var length = Encoding.UTF8.GetByteCount(eventId);
        var stored = new byte[length == HashBytes ? length + 1 : length];
        Encoding.UTF8.GetBytes(eventId, stored);
        return stored;
    }

    /// <summary>The eventID in column <paramref name="ordinal"/> of the row at <paramref name="reader"/>.</summary>
    public static string Read(System.Data.Common.DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Decode(reader.GetFieldValue<byte[]>(ordinal));
    }

    /// <summary>The eventID of stored bytes.</summary>
    public static string Decode(ReadOnlySpan<byte> stored)
    {
        if (stored.Length == HashBytes) return string.Concat(HashPrefix, Convert.ToHexStringLower(stored), HashSuffix);
        if (stored.Length > 0 && stored[^1] == 0) stored = stored[..^1];
        return Encoding.UTF8.GetString(stored);
    }

    /// <summary>
    /// The SQL expression (SQLite or PostgreSQL) of the stored bytes of the text eventID <paramref name="text"/>: what
    /// a migration from the text column computes (it mirrors <see cref="Encode"/>; SQLite's <c>||</c> gives text, hence
    /// the cast around the padded case).
    /// </summary>
    public static string EncodeSql(bool postgres, string text) => postgres
        ? $"CASE WHEN {text} ~ '^ni:///sha-256;[0-9a-f]{{64}}\\?ver=CBV2\\.0$' THEN decode(substr({text}, 15, 64), 'hex') " +
          $"WHEN octet_length({text}) = 32 THEN convert_to({text}, 'UTF8') || '\\x00'::bytea ELSE convert_to({text}, 'UTF8') END"
        : $"CASE WHEN length({text}) = {HashIdLength} AND substr({text}, 1, 14) = '{HashPrefix}' AND substr({text}, 79) = '{HashSuffix}' " +
          $"AND substr({text}, 15, 64) NOT GLOB '*[^0-9a-f]*' THEN unhex(substr({text}, 15, 64)) " +
          $"WHEN length(CAST({text} AS BLOB)) = 32 THEN CAST(CAST({text} AS BLOB) || x'00' AS BLOB) ELSE CAST({text} AS BLOB) END";

    /// <summary>The SQL expression of the text eventID of the stored bytes <paramref name="stored"/> (it mirrors <see cref="Decode"/>).</summary>
    public static string DecodeSql(bool postgres, string stored) => postgres
        ? $"CASE WHEN octet_length({stored}) = 32 THEN '{HashPrefix}' || encode({stored}, 'hex') || '{HashSuffix}' " +
          $"WHEN get_byte({stored}, octet_length({stored}) - 1) = 0 THEN convert_from(substring({stored} FROM 1 FOR octet_length({stored}) - 1), 'UTF8') " +
          $"ELSE convert_from({stored}, 'UTF8') END"
        : $"CASE WHEN length({stored}) = 32 THEN '{HashPrefix}' || lower(hex({stored})) || '{HashSuffix}' " +
          $"WHEN substr({stored}, -1) = x'00' THEN CAST(substr({stored}, 1, length({stored}) - 1) AS TEXT) ELSE CAST({stored} AS TEXT) END";

    private static bool IsHashId(string id)
    {
        return id.Length == HashIdLength && id.StartsWith(HashPrefix, StringComparison.Ordinal) && id.EndsWith(HashSuffix, StringComparison.Ordinal)
            && !id.AsSpan(HashPrefix.Length, 2 * HashBytes).ContainsAnyExcept(LowerHexDigits);
    }

    // A vectorised search: every captured event's id passes this test.
    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");
}
