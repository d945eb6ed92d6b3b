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

    /// <summary>The canonical form of <paramref name="element"/>.</summary>
    public static string Of(JsonElement element) => WithHash(element).Json;

    /// <summary>
    /// The canonical form with its SHA-256 (lower-case hex), hashed from the UTF-8 bytes as they are written: the
    /// same hash as <see cref="Sha256Hex"/> of the text, without encoding it a second time. A top-level
    /// <paramref name="context"/> becomes (or replaces) the <c>@context</c> member, an <paramref name="eventId"/> the
    /// <c>eventID</c> member.
    /// </summary>
    public static (string Json, string Hash) WithHash(JsonElement element, JsonElement? context = null, string? eventId = null)
    {
        var buffer = Buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = Writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        Write(element, writer, context, eventId);
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

    /// <summary>The chain hash before the first event.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static void Write(JsonElement element, Utf8JsonWriter writer, JsonElement? context = null, string? eventId = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                // Sorted by name, stably (a repeated name keeps its order), as the hashes of stored events were made;
                // in a pooled array, as every object of every captured event passes here.
                var members = ArrayPool<Member>.Shared.Rent(element.GetPropertyCount() + 2);
                var count = 0;
                foreach (var p in element.EnumerateObject())
                {
                    var name = p.Name;
                    if ((context is not null && name == "@context") || (eventId is not null && name == "eventID")) continue;
                    members[count] = new Member(name, p.Value, null, count);
                    count++;
                }

                if (context is { } c) members[count] = new Member("@context", c, null, count++);
                if (eventId is not null) members[count] = new Member("eventID", default, eventId, count++);
                Array.Sort(members, 0, count, Member.ByNameThenOrder);
                foreach (var member in members.AsSpan(0, count))
                {
                    writer.WritePropertyName(member.Name);
                    if (member.Text is { } text) writer.WriteStringValue(text);
                    else Write(member.Value, writer);
                }

                ArrayPool<Member>.Shared.Return(members, clearArray: true);
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(item, writer);
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

    /// <summary>A member to write: its value, or a string <paramref name="Text"/> given in its place; its place in the object.</summary>
    private readonly record struct Member(string Name, JsonElement Value, string? Text, int Order)
    {
        public static readonly IComparer<Member> ByNameThenOrder = Comparer<Member>.Create(static (a, b) =>
            string.CompareOrdinal(a.Name, b.Name) is var c && c != 0 ? c : a.Order.CompareTo(b.Order));
    }
}
