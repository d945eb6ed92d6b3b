using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MagLoop.Reporting;
using MagLoop.Reporting.Report;
using MagLoop.Studies;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary>
/// <c>magloop compare A.yaml B.yaml [--json] [--price-deck NAME] [--report [PATH]]</c>: runs two studies and shows them side by
/// side with the difference B - A, so "should we add a third vessel?" is one command.
/// </summary>
public static class CompareCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var a = new Argument<string>("a") { Description = "First scenario (the reference)." };
        var b = new Argument<string>("b") { Description = "Second scenario (differences are B - A)." };
        CommandLine.RejectUnknownOptions(a);
        CommandLine.RejectUnknownOptions(b);
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON on stdout." };
        var priceDeck = new Option<string?>("--price-deck") { Description = "Price deck for both studies (default: each scenario's default deck).", HelpName = "name" };
        var report = ReportOption.Create();
        var command = new Command("compare", "Run two scenarios and show production, capital, NPV, IRR, LCOM and carbon side by side with their differences.") { a, b, json, priceDeck, report };
        command.SetAction(parsed =>
        {
            var options = new StudyOptions { PriceDeck = parsed.GetValue(priceDeck) };
            ReportOption.CheckIfAsked(parsed, report, null);
            var first = Study.Run(parsed.GetValue(a)!, options);
            var second = Study.Run(parsed.GetValue(b)!, options);
            var comparison = StudyComparison.Compare(first, second);
            ReportOption.WriteIfAsked(parsed, report, null, () => StudyReport.RenderComparison(first, second), stderr);
            if (parsed.GetValue(json)) stdout.WriteLine(JsonSerializer.Serialize(comparison, StudyResult.JsonOptions));
            else Render(comparison, StudyCommand.Console(stdout));
            return CommandLine.Success;
        });
        return command;
    }

    private static void Render(Comparison c, IAnsiConsole console)
    {
        var table = new Table().Title($"Comparison{(c.PriceDeck is null ? "" : $" (price deck '{Markup.Escape(c.PriceDeck)}')")}")
            .AddColumns("Quantity", "Unit", $"A: {Markup.Escape(c.A.Name)}", $"B: {Markup.Escape(c.B.Name)}", "B - A");
        foreach (var row in c.Rows)
            table.AddRow(Markup.Escape(row.Quantity), Markup.Escape(row.Unit), F(row.A, row.Format), F(row.B, row.Format), F(row.Difference, row.Format, signed: true));
        console.Write(table);
        console.MarkupLine($"[grey]A: {Markup.Escape(c.A.File)}[/]");
        console.MarkupLine($"[grey]B: {Markup.Escape(c.B.File)}[/]");
    }

    private static string F(double? value, string format, bool signed = false)
    {
        if (value is not { } v) return "n/a";
        var text = v.ToString(format, CultureInfo.InvariantCulture);
        // A difference that rounds to zero shows as 0, not -0.0 or +0.0.
        if (text.TrimStart('-').All(c => c is '0' or '.' or ',')) return text.TrimStart('-');
        return (signed && v > 0 ? "+" : "") + text;
    }
}
