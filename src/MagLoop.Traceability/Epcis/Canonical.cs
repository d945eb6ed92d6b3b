using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MagLoop.Traceability.Epcis;

/// <summary>
/// The canonical form of an event that MagLoop hashes: JSON with object keys sorted by UTF-16 code unit (as in
/// RFC 8785), no insignificant whitespace, numbers in shortest round-trip form, strings unescaped beyond JSON's needs.
/// Two documents that differ only in key order, spacing or number spelling give the same form and hash.
/// </summary>
public static class Canonical
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The canonical form of <paramref name="element"/>; <paramref name="extra"/> adds (or replaces) top-level members.</summary>
    public static string Of(JsonElement element, IReadOnlyDictionary<string, JsonElement>? extra = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(element, writer, extra);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>SHA-256 of the UTF-8 bytes of <paramref name="text"/>, lower-case hex.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The chain hash: SHA-256 over the previous chain hash and this event's content hash (both hex).</summary>
    public static string Chain(string previousChainHash, string contentHash) => Sha256Hex(previousChainHash + contentHash);

    /// <summary>The chain hash before the first event.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static void Write(JsonElement element, Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement>? extra)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var members = element.EnumerateObject().Select(p => (p.Name, p.Value));
                if (extra is not null)
                    members = members.Where(m => !extra.ContainsKey(m.Name)).Concat(extra.Select(e => (e.Key, e.Value)));
                foreach (var (name, value) in members.OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(value, writer, null);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(item, writer, null);
                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var integer)) writer.WriteNumberValue(integer);
                else writer.WriteNumberValue(element.GetDouble());
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
