using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MagLoop.Carbon;
using MagLoop.Studies;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary>
/// <c>magloop compare A.yaml B.yaml [--json] [--price-deck NAME]</c>: runs two studies and shows them side by
/// side with the difference B - A, so "should we add a third vessel?" is one command.
/// </summary>
public static class CompareCommand
{
    /// <summary>
    /// The compared quantities, in display order. Later models append their rows here (carbon, simulation).
    /// </summary>
    public static List<CompareRow> Rows { get; } =
    [
        new("Magnets", "t/yr", r => r.Production.MagnetTonnesPerYear, "N1"),
        new("NdFeB co-products", "t/yr", r => r.Production.CoProductTonnesPerYear, "N1"),
        new("Scrap bought", "t/yr", r => r.Production.ScrapFeedTonnesPerYear, "N0"),
        new("Initial capital", "$M", r => (double?)r.Economics?.CapexUsd / 1e6, "N1"),
        new("Project NPV", "$M", r => (double?)r.Economics?.NpvUsd / 1e6, "N1"),
        new("Project IRR", "%", r => r.Economics?.Irr * 100, "N1"),
        new("Payback", "years", r => r.Economics?.PaybackYears, "N1"),
        new("Levelised cost of magnet", "$/kg", r => r.Economics?.LcomUsdPerKg, "N2"),
        new("Equity IRR", "%", r => r.Economics?.EquityIrr * 100, "N1"),
        new("Minimum DSCR", "", r => r.Economics?.MinDscr, "N2"),
        new("Carbon, cut sintered block", "kg CO2e/kg", r => r.Carbon?.KgCo2ePerKgCutBlock, "N2"),
        new("Carbon, finished magnet", "kg CO2e/kg", r => r.Carbon?.KgCo2ePerKgMagnet, "N2"),
        new("Carbon, co-product", "kg CO2e/kg", r => r.Carbon?.KgCo2ePerKgCoProduct, "N2"),
        new("Carbon, all emissions", "t CO2e/yr", r => r.Carbon?.AnnualTonnesCo2e, "N0"),
        new("Carbon saving against the virgin route", "%", r => r.Carbon?.SavingFraction * 100, "N1"),
        .. StageNames.Keys.Select(key => new CompareRow($"Carbon per kg magnet: {StageNames.Label(key)}", "kg CO2e/kg",
            r => r.Carbon?.ByStage.GetValueOrDefault(key), "N2")),
    ];

    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout)
    {
        var a = new Argument<string>("a") { Description = "First scenario (the reference)." };
        var b = new Argument<string>("b") { Description = "Second scenario (differences are B - A)." };
        CommandLine.RejectUnknownOptions(a);
        CommandLine.RejectUnknownOptions(b);
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON on stdout." };
        var priceDeck = new Option<string?>("--price-deck") { Description = "Price deck for both studies (default: each scenario's default deck).", HelpName = "name" };
        var command = new Command("compare", "Run two scenarios and show production, capital, NPV, IRR, LCOM and carbon side by side with their differences.") { a, b, json, priceDeck };
        command.SetAction(parsed =>
        {
            var options = new StudyOptions { PriceDeck = parsed.GetValue(priceDeck) };
            var first = Study.Run(parsed.GetValue(a)!, options);
            var second = Study.Run(parsed.GetValue(b)!, options);
            var comparison = Compare(first, second);
            if (parsed.GetValue(json)) stdout.WriteLine(JsonSerializer.Serialize(comparison, StudyResult.JsonOptions));
            else Render(comparison, StudyCommand.Console(stdout));
            return CommandLine.Success;
        });
        return command;
    }

    /// <summary>The comparison of two study results over <see cref="Rows"/>.</summary>
    public static Comparison Compare(StudyResult a, StudyResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var rows = Rows.Select(row =>
        {
            var va = row.Value(a);
            var vb = row.Value(b);
            return new ComparedQuantity(row.Quantity, row.Unit, va, vb, va is { } x && vb is { } y ? y - x : null, row.Format);
        }).ToList();
        return new Comparison(a.Scenario, b.Scenario, a.Economics?.PriceDeck ?? b.Economics?.PriceDeck, rows);
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

/// <summary>A quantity compared between two studies.</summary>
/// <param name="Quantity">Display name.</param>
/// <param name="Unit">Unit.</param>
/// <param name="Value">Reads the value from a study result (null when the study lacks it).</param>
/// <param name="Format">Number format for tables.</param>
public sealed record CompareRow(string Quantity, string Unit, Func<StudyResult, double?> Value, string Format);

/// <summary>Two studies side by side.</summary>
/// <param name="A">First scenario.</param>
/// <param name="B">Second scenario.</param>
/// <param name="PriceDeck">Price deck used.</param>
/// <param name="Rows">Compared quantities.</param>
public sealed record Comparison(ScenarioInfo A, ScenarioInfo B, string? PriceDeck, IReadOnlyList<ComparedQuantity> Rows);

/// <summary>One compared quantity.</summary>
/// <param name="Quantity">Name.</param>
/// <param name="Unit">Unit.</param>
/// <param name="A">Value in A.</param>
/// <param name="B">Value in B.</param>
/// <param name="Difference">B - A.</param>
/// <param name="Format">Number format for tables (not serialised).</param>
public sealed record ComparedQuantity(string Quantity, string Unit, double? A, double? B, double? Difference,
    [property: System.Text.Json.Serialization.JsonIgnore] string Format);
