using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace MagLoop.Traceability.Epcis;

/// <summary>
/// The checks a document's bytes pass before any model reads them, each failure located by line and column (and
/// the JSON path where one exists): valid UTF-8 (refused, never replaced), JSON syntax, no lone UTF-16 surrogate in
/// an escaped string or member name, and every number finite as a double. Without them a crafted document reaches
/// code that throws (a surrogate cannot be read as a .NET string, 1e400 cannot be read as a double).
/// </summary>
public static class JsonInput
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reasons are capped: a document with a thousand bad numbers needs the first few, not all.</summary>
    private const int MaxErrors = 20;

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, or the located error when it holds a lone surrogate.</summary>
    public static byte[]? Encode(string text, out CaptureError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            var (line, column) = Position(text, e.Index);
            error = new CaptureError(null, null, Where(line, column), "the text holds a lone UTF-16 surrogate (not Unicode text)");
            return null;
        }
    }

    /// <summary>
    /// Every problem of <paramref name="utf8"/> (a leading byte-order mark is allowed), in document order, or an
    /// empty list when the document may be parsed and read.
    /// </summary>
    public static IReadOnlyList<CaptureError> Check(ReadOnlySpan<byte> utf8)
    {
        utf8 = WithoutBom(utf8);
        if (Utf8Error(utf8) is { } encoding) return [encoding];
        var errors = new List<CaptureError>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        var path = new List<Frame>();
        MemberName? member = null;
        try
        {
            while (reader.Read() && errors.Count < MaxErrors)
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                if (token == JsonTokenType.PropertyName)
                {
                    // Only an escaped name can hold a lone surrogate; a plain one is decoded if an error names it.
                    member = reader.ValueIsEscaped ? new MemberName(0, 0, Text(ref reader, utf8, path, null, errors) ?? "?")
                        : new MemberName((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, null);
                    continue;
                }

                // A value: an array's next item, or the value of the member just read.
                if (path.Count > 0 && path[^1].Array) path[^1].Index++;
                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray) path.Add(new Frame(token == JsonTokenType.StartArray, member));
                else if (token == JsonTokenType.String && reader.ValueIsEscaped) Text(ref reader, utf8, path, member, errors);
                else if (token == JsonTokenType.Number && !(reader.TryGetDouble(out var number) && double.IsFinite(number)))
                    errors.Add(At(utf8, reader.TokenStartIndex, PathOf(utf8, path, member),
                        $"the number {Encoding.UTF8.GetString(reader.ValueSpan)} is too large for a double (at most about 1.8e308)"));
                member = null;
            }
        }
        catch (JsonException e)
        {
            errors.Add(JsonSyntaxError.From(StrictUtf8.GetString(utf8), e).ToCaptureError());
        }

        return errors;
    }

    /// <summary><paramref name="utf8"/> without a leading UTF-8 byte-order mark.</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> utf8) => utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;

    /// <summary><paramref name="utf8"/> without a leading UTF-8 byte-order mark (which the JSON parser refuses).</summary>
    public static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> utf8) => utf8.Span.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;

    /// <summary>An open object or array: the member it is the value of (null in an array or at the root), and for an array the index of its current item.</summary>
    private sealed class Frame(bool array, MemberName? member)
    {
        public bool Array { get; } = array;

        public MemberName? Member { get; } = member;

        public int Index { get; set; } = -1;
    }

    /// <summary>The first invalid UTF-8 sequence of <paramref name="utf8"/>, located; null when the bytes are valid.</summary>
    private static CaptureError? Utf8Error(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8)) return null;
        var buffer = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            Utf8.ToUtf16(utf8, buffer, out var read, out _, replaceInvalidSequences: false);
            return At(utf8, read, "", string.Create(CultureInfo.InvariantCulture, $"invalid UTF-8 (byte 0x{utf8[read]:X2} at byte offset {read}): the document must be UTF-8 text; it is refused, not repaired"));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>A member's name: its decoded text (an escaped name), or where its plain UTF-8 bytes are in the document.</summary>
    private readonly record struct MemberName(int Start, int Length, string? Text)
    {
        public string Resolve(ReadOnlySpan<byte> utf8) => Text ?? Encoding.UTF8.GetString(utf8.Slice(Start, Length));
    }

    private static string? Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, List<Frame> path, MemberName? name, List<CaptureError> errors)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // Only an escaped lone surrogate (\uD800 without its pair) gets here: the bytes are valid UTF-8.
            errors.Add(At(utf8, reader.TokenStartIndex, PathOf(utf8, path, name), "a string holds a lone UTF-16 surrogate escape (\\uD800-\\uDFFF without its pair): not Unicode text"));
            return null;
        }
    }

    /// <summary>The JSON path of the current value, such as <c>epcisBody.eventList[3].quantityList[0].quantity</c>.</summary>
    private static string PathOf(ReadOnlySpan<byte> utf8, List<Frame> path, MemberName? member)
    {
        var builder = new StringBuilder();
        foreach (var frame in path)
        {
            if (frame.Member is { } name) builder.Append(builder.Length == 0 ? "" : ".").Append(name.Resolve(utf8));
            if (frame.Array && frame.Index >= 0) builder.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        if (member is { } last) builder.Append(builder.Length == 0 ? "" : ".").Append(last.Resolve(utf8));
        return builder.ToString();
    }

    private static CaptureError At(ReadOnlySpan<byte> utf8, long byteOffset, string path, string message)
    {
        var (line, column) = Position(utf8, (int)byteOffset);
        return new CaptureError(null, null, path.Length == 0 ? Where(line, column) : $"{Where(line, column)}: {path}", message);
    }

    private static string Where(int line, int column) => string.Create(CultureInfo.InvariantCulture, $"{line}:{column}");

    /// <summary>1-based line and column (in UTF-16 characters, as editors count) of a byte offset.</summary>
    private static (int Line, int Column) Position(ReadOnlySpan<byte> utf8, int byteOffset)
    {
        var before = utf8[..Math.Min(byteOffset, utf8.Length)];
        var newline = before.LastIndexOf((byte)'\n');
        var line = before.Count((byte)'\n') + 1;
        var lineBytes = before[(newline + 1)..];
        // Valid UTF-8 up to the offset (the first invalid byte is where it stops), so the count is exact.
        return (line, Encoding.UTF8.GetCharCount(lineBytes) + 1);
    }

    private static (int Line, int Column) Position(string text, int charIndex)
    {
        var before = text.AsSpan(0, Math.Min(charIndex, text.Length));
        var newline = before.LastIndexOf('\n');
        return (before.Count('\n') + 1, before.Length - newline);
    }
}
