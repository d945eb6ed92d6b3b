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
/// putting it back gives the identical bytes, and <see cref="Compact"/> checks the whole round trip, so the canonical
/// form, and with it every content and chain hash, is reproduced exactly. A body without markers (rows written before
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
        var bytes = Encoding.UTF8.GetBytes(canonicalJson);
        var reader = new Utf8JsonReader(bytes);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (canonicalJson, null);
        var body = new StringBuilder(canonicalJson.Length);
        var copied = 0;
        string? contextJson = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var start = (int)reader.TokenStartIndex;
            var name = reader.GetString();
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            var end = (int)reader.BytesConsumed;
            var member = bytes.AsSpan(start, end - start);
            char? marker = name switch
            {
                "@context" when contextJson is null => ContextMarker,
                "action" when Member("action", action).AsSpan().SequenceEqual(member) => ActionMarker,
                "bizStep" when Member("bizStep", bizStep).AsSpan().SequenceEqual(member) => BizStepMarker,
                "disposition" when Member("disposition", disposition).AsSpan().SequenceEqual(member) => DispositionMarker,
                "eventID" when Member("eventID", eventId).AsSpan().SequenceEqual(member) => EventIdMarker,
                "type" when Member("type", kind).AsSpan().SequenceEqual(member) => TypeMarker,
                _ => null,
            };
            if (marker is not { } m) continue;
            if (m == ContextMarker) contextJson = Encoding.UTF8.GetString(bytes, valueStart, end - valueStart);
            body.Append(Encoding.UTF8.GetString(bytes, copied, start - copied)).Append(m);
            copied = end;
        }

        body.Append(Encoding.UTF8.GetString(bytes, copied, bytes.Length - copied));
        var compact = body.ToString();
        // The round trip decides: a body that does not give back the canonical form byte for byte is not used.
        return Restore(compact, eventId, kind, action, bizStep, disposition, contextJson) == canonicalJson ? (compact, contextJson) : (canonicalJson, null);
    }

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

    /// <summary>
    /// The member text <c>"name":"value"</c> as the canonical writer gives it for a value that needs no escaping; for
    /// one that does (or none), text that cannot match a canonical member, so <see cref="Compact"/> keeps it in the body.
    /// </summary>
    private static byte[] Member(string name, string? value) =>
        value is null || NeedsEscaping(value) ? [] : Encoding.UTF8.GetBytes(Text(name, value));

    private static string Text(string name, string value) => $"\"{name}\":\"{value}\"";

    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
            if (c < ' ' || c == '"' || c == '\\' || c > '~') return true;
        return false;
    }
}
