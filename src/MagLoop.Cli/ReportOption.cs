using System.CommandLine;
using MagLoop.Reporting.Report;

namespace MagLoop.Cli;

/// <summary>
/// The <c>--report [PATH]</c> option of <c>study</c> and <c>compare</c>: writes report.html (docs/report.md) to PATH, or
/// without one into the <c>--out</c> folder, or the current folder.
/// </summary>
internal static class ReportOption
{
    /// <summary>The report file's name when no path is given.</summary>
    public const string FileName = "report.html";

    public static Option<string?> Create() => new("--report")
    {
        Description = "Also write report.html, one self-contained page to read or print to A4 (default: into --out DIR, else the current folder).",
        HelpName = "path",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>Writes the report when the option was given; <paramref name="html"/> is rendered only then.</summary>
    public static void WriteIfAsked(ParseResult parsed, Option<string?> option, string? outputDirectory, Func<string> html, TextWriter stderr)
    {
        if (parsed.GetResult(option) is null) return;
        var path = parsed.GetValue(option) ?? Path.Combine(outputDirectory ?? ".", FileName);
        try
        {
            StudyReport.Write(html(), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write the report to '{path}' (nothing written): {e.Message}");
        }

        stderr.WriteLine($"Wrote {path}");
    }
}
