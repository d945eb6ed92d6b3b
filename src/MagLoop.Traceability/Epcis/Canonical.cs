using System.Buffers;
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
    public static string Of(JsonElement element, IReadOnlyDictionary<string, JsonElement>? extra = null) => WithHash(element, extra).Json;

    /// <summary>
    /// The canonical form with its SHA-256 (lower-case hex), hashed from the UTF-8 bytes as they are written: the
    /// same hash as <see cref="Sha256Hex"/> of the text, without encoding it a second time.
    /// </summary>
    public static (string Json, string Hash) WithHash(JsonElement element, IReadOnlyDictionary<string, JsonElement>? extra = null)
    {
        var buffer = Buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = Writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        Write(element, writer, extra);
        writer.Flush();
        var bytes = buffer.WrittenSpan;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return (Encoding.UTF8.GetString(bytes), Convert.ToHexStringLower(hash));
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? Buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? Writer;

    /// <summary>SHA-256 of the UTF-8 bytes of <paramref name="text"/>, lower-case hex.</summary>
    public static string Sha256Hex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Sha256(text, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>SHA-256 of the UTF-8 bytes of <paramref name="text"/> into <paramref name="hash"/> (32 bytes).</summary>
    internal static void Sha256(ReadOnlySpan<char> text, Span<byte> hash)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, bytes);
            SHA256.HashData(bytes.AsSpan(0, length), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

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
                // Sorted by name, stably (a repeated name keeps its order), as the hashes of stored events were made.
                var members = new List<(string Name, JsonElement Value, int Order)>();
                foreach (var p in element.EnumerateObject())
                    if (extra is null || !extra.ContainsKey(p.Name)) members.Add((p.Name, p.Value, members.Count));
                if (extra is not null)
                    foreach (var (name, value) in extra) members.Add((name, value, members.Count));
                members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name) is var c && c != 0 ? c : a.Order.CompareTo(b.Order));
                foreach (var (name, value, _) in members)
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
