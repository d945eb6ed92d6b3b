using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MagLoop.Traceability.Epcis;

/// <summary>Where and why a text is not JSON: 1-based line and column (in characters) and the parser's reason.</summary>
/// <param name="Line">Line, from 1.</param>
/// <param name="Column">Column in characters, from 1.</param>
/// <param name="Reason">The parser's message without its own (0-based, byte) position.</param>
public sealed record JsonSyntaxError(int Line, int Column, string Reason)
{
    /// <summary>Locates <paramref name="error"/>, thrown while parsing <paramref name="text"/>.</summary>
    public static JsonSyntaxError From(string text, JsonException error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(error);
        var line = (int)(error.LineNumber ?? 0);
        var start = 0;
        for (var i = 0; i < line && start >= 0; i++)
        {
            start = text.IndexOf('\n', start);
            if (start >= 0) start++;
        }

        // The parser counts bytes of UTF-8 within the line; the column counts characters.
        var lineText = start < 0 ? "" : text[start..(text.IndexOf('\n', start) is var end and >= 0 ? end : text.Length)];
        var bytes = Encoding.UTF8.GetBytes(lineText);
        var column = Encoding.UTF8.GetCharCount(bytes, 0, (int)Math.Min(error.BytePositionInLine ?? 0, bytes.Length)) + 1;
        var reason = error.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
            if (reason.IndexOf(marker, StringComparison.Ordinal) is var cut and >= 0) reason = reason[..cut];
        return new JsonSyntaxError(line + 1, column, reason.Trim());
    }

    /// <summary>The rejection reason a capture reports for a document that is not JSON.</summary>
    public CaptureError ToCaptureError() =>
        new(null, null, string.Create(CultureInfo.InvariantCulture, $"{Line}:{Column}"), $"not JSON: {Reason}");

    /// <summary><c>LINE:COLUMN: not JSON: REASON</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Line}:{Column}: not JSON: {Reason}");
}
