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
        Description = "Also write report.html, one self-contained page to read or print to A4 (default: into --out DIR, else the current folder). PATH's folder must exist.",
        HelpName = "path",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>
    /// Checks, before the study runs, that the report can be written where it was asked for: a user error (exit 2)
    /// when PATH is a folder, its folder is missing or is a file, or the folder refuses a new file. The default path in
    /// an <c>--out</c> folder that does not exist yet is left to the write (the study files create that folder).
    /// </summary>
    public static void CheckIfAsked(ParseResult parsed, Option<string?> option, string? outputDirectory)
    {
        if (parsed.GetResult(option) is null) return;
        var given = parsed.GetValue(option);
        var path = Path(given, outputDirectory);
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new UserInputException($"--report: '{path}' is a folder; give a file name such as '{System.IO.Path.Combine(path, FileName)}'");
        var folder = System.IO.Path.GetDirectoryName(full)!;
        if (File.Exists(folder)) throw new UserInputException($"--report: cannot write '{path}': '{folder}' is a file, not a folder");
        if (!Directory.Exists(folder))
        {
            if (given is null && outputDirectory is not null) return;
            throw new UserInputException($"--report: cannot write '{path}': the folder '{folder}' does not exist (create it first)");
        }

        try
        {
            // A probe file, deleted as it closes: the folder accepts a new file, so the report will not fail after the study.
            using var probe = new FileStream(System.IO.Path.Combine(folder, $".magloop-report-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"--report: cannot write '{path}': the folder '{folder}' does not accept files ({e.Message})");
        }
    }

    /// <summary>Writes the report when the option was given; <paramref name="html"/> is rendered only then.</summary>
    public static void WriteIfAsked(ParseResult parsed, Option<string?> option, string? outputDirectory, Func<string> html, TextWriter stderr)
    {
        if (parsed.GetResult(option) is null) return;
        var path = Path(parsed.GetValue(option), outputDirectory);
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

    private static string Path(string? given, string? outputDirectory) => given ?? System.IO.Path.Combine(outputDirectory ?? ".", FileName);
}
