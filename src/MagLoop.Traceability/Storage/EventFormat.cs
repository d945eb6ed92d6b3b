using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MagLoop.Traceability.Storage;

/// <summary>
/// The stored form of an event's canonical JSON (the <c>events.body</c> column). The canonical form repeats what the
/// row holds in columns (eventID, type, action, bizStep, disposition) and the document's <c>@context</c>, which is
/// the same for every event of a document and usually of a store: together about 270 bytes of a 550-byte event. The
/// body keeps the canonical text with each such top-level member replaced by one control character, which canonical
/// JSON never holds raw (JSON escapes every character below U+0020 inside strings, and none occurs outside them);
/// reading puts the member text back from the columns and the <c>contexts</c> row. A member is replaced only when
/// putting it back gives the identical bytes (<see cref="Compact"/> compares the member's text with what
/// <see cref="Restore"/> writes, in a text without raw markers), so the canonical form, and with it every content and
/// chain hash, is reproduced exactly. A body without markers (rows written before
/// this format, or an event whose members do not round-trip) is the canonical form itself.
/// </summary>
public static class EventFormat
{
    /// <summary>Marker of the <c>@context</c> member (its value in <c>contexts.json</c>).</summary>
    public const char ContextMarker = '\u0001';

    /// <summary>Marker of the <c>action</c> member (<c>events.action</c>).</summary>
    public const char ActionMarker = '\u0002';

    /// <summary>Marker of the <c>bizStep</c> member (<c>events.biz_step</c>).</summary>
    public const char BizStepMarker = '\u0003';

    /// <summary>Marker of the <c>disposition</c> member (<c>events.disposition</c>).</summary>
    public const char DispositionMarker = '\u0004';

    /// <summary>Marker of the <c>eventID</c> member (<c>events.event_id</c>).</summary>
    public const char EventIdMarker = '\u0005';

    /// <summary>Marker of the <c>type</c> member (<c>events.kind</c>).</summary>
    public const char TypeMarker = '\u0006';

    /// <summary>
    /// The body of <paramref name="canonicalJson"/> for a row with these column values, and the <c>@context</c> value
    /// text it left out (null when it kept it, or there was none).
    /// </summary>
    public static (string Body, string? ContextJson) Compact(string canonicalJson, string eventId, string kind, string? action, string? bizStep, string? disposition)
    {
        ArgumentNullException.ThrowIfNull(canonicalJson);
        // Every captured event passes here: its text is read and the body written in pooled buffers, one string out.
        var rented = ArrayPool<byte>.Shared.Rent(2 * Encoding.UTF8.GetMaxByteCount(canonicalJson.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(canonicalJson, rented);
            var bytes = rented.AsSpan(0, length);
            var body = rented.AsSpan(length);
            // A raw marker would be read back as a member: such a text (never canonical JSON) is kept as it is.
            if (bytes.IndexOfAnyInRange((byte)ContextMarker, (byte)TypeMarker) >= 0) return (canonicalJson, null);
            var reader = new Utf8JsonReader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (canonicalJson, null);
            var (copied, written) = (0, 0);
            string? contextJson = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var start = (int)reader.TokenStartIndex;
                var name = MarkedName(ref reader);
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                var member = bytes[start..end];
                // A member is marked only when its text is exactly what Restore writes back in its place, so the
                // round trip gives the canonical text byte for byte.
                char? marker = name switch
                {
                    ContextMarker when contextJson is null && member.StartsWith("\"@context\":"u8) => ContextMarker,
                    ActionMarker when IsMember(member, "action"u8, action) => ActionMarker,
                    BizStepMarker when IsMember(member, "bizStep"u8, bizStep) => BizStepMarker,
                    DispositionMarker when IsMember(member, "disposition"u8, disposition) => DispositionMarker,
                    EventIdMarker when IsMember(member, "eventID"u8, eventId) => EventIdMarker,
                    TypeMarker when IsMember(member, "type"u8, kind) => TypeMarker,
                    _ => null,
                };
                if (marker is not { } m) continue;
                if (m == ContextMarker) contextJson = ContextText(bytes[valueStart..end]);
                bytes[copied..start].CopyTo(body[written..]);
                written += start - copied;
                body[written++] = (byte)m;
                copied = end;
            }

            bytes[copied..].CopyTo(body[written..]);
            written += length - copied;
            return (Encoding.UTF8.GetString(body[..written]), contextJson);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The marker of the top-level member the reader is at, by name (0 for a member that is never marked).</summary>
    private static char MarkedName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("@context"u8) ? ContextMarker
        : reader.ValueTextEquals("action"u8) ? ActionMarker
        : reader.ValueTextEquals("bizStep"u8) ? BizStepMarker
        : reader.ValueTextEquals("disposition"u8) ? DispositionMarker
        : reader.ValueTextEquals("eventID"u8) ? EventIdMarker
        : reader.ValueTextEquals("type"u8) ? TypeMarker
        : '\0';

    /// <summary>
    /// True when <paramref name="member"/> is <c>"name":"value"</c> as Restore writes it: a value that needs no
    /// escaping (printable ASCII without quote or backslash), so its characters are its bytes.
    /// </summary>
    private static bool IsMember(ReadOnlySpan<byte> member, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null || NeedsEscaping(value) || member.Length != name.Length + value.Length + 5) return false;
        if (member[0] != '"' || !member.Slice(1, name.Length).SequenceEqual(name) || !member.Slice(1 + name.Length, 3).SequenceEqual("\":\""u8) || member[^1] != '"') return false;
        var text = member.Slice(4 + name.Length, value.Length);
        for (var i = 0; i < text.Length; i++)
            if (text[i] != value[i]) return false;
        return true;
    }

    /// <summary>The @context text; the last one is remembered per thread, since every event of a document (and usually of a store) has the same.</summary>
    private static string ContextText(ReadOnlySpan<byte> utf8)
    {
        if (LastContext is { } last && utf8.SequenceEqual(last.Utf8)) return last.Text;
        var text = Encoding.UTF8.GetString(utf8);
        LastContext = (utf8.ToArray(), text);
        return text;
    }

    [ThreadStatic]
    private static (byte[] Utf8, string Text)? LastContext;

    /// <summary>The canonical form of a stored row: its body with every marked member put back.</summary>
    public static string Restore(string body, string eventId, string kind, string? action, string? bizStep, string? disposition, string? contextJson)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.AsSpan().IndexOfAnyInRange(ContextMarker, TypeMarker) < 0) return body;
        var json = new StringBuilder(body.Length + 300);
        foreach (var c in body)
        {
            switch (c)
            {
                case ContextMarker: json.Append("\"@context\":").Append(contextJson ?? throw Missing("@context", "contexts.json")); break;
                case ActionMarker: json.Append(Text("action", action ?? throw Missing("action", "action"))); break;
                case BizStepMarker: json.Append(Text("bizStep", bizStep ?? throw Missing("bizStep", "biz_step"))); break;
                case DispositionMarker: json.Append(Text("disposition", disposition ?? throw Missing("disposition", "disposition"))); break;
                case EventIdMarker: json.Append(Text("eventID", eventId)); break;
                case TypeMarker: json.Append(Text("type", kind)); break;
                default: json.Append(c); break;
            }
        }

        return json.ToString();
    }

    /// <summary>
    /// The SQL expression (SQLite or PostgreSQL) that restores the canonical form of an <c>events</c> row from its
    /// columns, with <paramref name="contextJson"/> the expression of its <c>contexts.json</c>: what a migration back to
    /// the full-text column computes. Member values are put back without escaping, as <see cref="Compact"/> only
    /// marks members whose values need none.
    /// </summary>
    public static string RestoreSql(bool postgres, string contextJson)
    {
        var chr = postgres ? "chr" : "char";
        string Put(string inner, char marker, string member, string value) =>
            $"replace({inner}, {chr}({(int)marker}), '\"{member}\":' || {value})";
        var sql = "body";
        sql = Put(sql, ContextMarker, "@context", $"COALESCE({contextJson}, '')");
        sql = Put(sql, ActionMarker, "action", "'\"' || COALESCE(action, '') || '\"'");
        sql = Put(sql, BizStepMarker, "bizStep", "'\"' || COALESCE(biz_step, '') || '\"'");
        sql = Put(sql, DispositionMarker, "disposition", "'\"' || COALESCE(disposition, '') || '\"'");
        sql = Put(sql, EventIdMarker, "eventID", "'\"' || event_id || '\"'");
        sql = Put(sql, TypeMarker, "type", "'\"' || kind || '\"'");
        return sql;
    }

    private static InvalidDataException Missing(string member, string column) =>
        new($"the stored event marks its {member} member but its {column} is empty: the row was edited");

    private static string Text(string name, string value) => $"\"{name}\":\"{value}\"";

    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
            if (c < ' ' || c == '"' || c == '\\' || c > '~') return true;
        return false;
    }
}
