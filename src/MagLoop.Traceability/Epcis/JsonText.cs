using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace MagLoop.Traceability.Epcis;

/// <summary>
/// Member names and string values as characters without a new string each: the checks that every captured event
/// passes read thousands of them a second. A plain text (no escapes) that fits is decoded into the caller's buffer;
/// any other is the allocated string, so the answer is always the text itself.
/// </summary>
internal static class JsonText
{
    /// <summary>Characters a caller's buffer holds (on the stack: names and most values are far shorter).</summary>
    public const int BufferChars = 256;

    /// <summary>The name of <paramref name="member"/>.</summary>
    public static ReadOnlySpan<char> Name(JsonProperty member, Span<char> buffer) =>
        Decoded(JsonMarshal.GetRawUtf8PropertyName(member), buffer, out var written) ? buffer[..written] : member.Name;

    /// <summary>The text of the string <paramref name="value"/>.</summary>
    public static ReadOnlySpan<char> Value(JsonElement value, Span<char> buffer)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw is [(byte)'"', .., (byte)'"']) raw = raw[1..^1];
        return Decoded(raw, buffer, out var written) ? buffer[..written] : value.GetString();
    }

    private static bool Decoded(ReadOnlySpan<byte> raw, Span<char> buffer, out int written)
    {
        written = 0;
        return raw.Length <= buffer.Length && !raw.Contains((byte)'\\')
            && Utf8.ToUtf16(raw, buffer, out _, out written) == OperationStatus.Done;
    }
}
