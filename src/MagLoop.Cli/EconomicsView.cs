using System.Globalization;
using MagLoop.Studies;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary>The economics and risk tables of <c>magloop study</c>.</summary>
public static class EconomicsView
{
    /// <summary>Adds the economics and risk tables when the study has them.</summary>
    public static void Render(StudyResult result, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(console);
        if (result.Economics is not { } e) return;
        var table = new Table().Title($"Economics (price deck '{Markup.Escape(e.PriceDeck)}', real US$, discount rate {e.DiscountRate:P1})").AddColumns("Quantity", "Value");
        table.AddRow("Initial capital (with contingency)", Musd(e.CapexUsd));
        table.AddRow("[bold]Project NPV, post-tax[/]", $"[bold]{Musd(e.NpvUsd)}[/]");
        table.AddRow("[bold]Project IRR[/]", $"[bold]{Irr(e.Irr, e.IrrRoots)}[/]");
        table.AddRow("Payback from start of operations", e.PaybackYears is { } p ? $"{p:N1} years" : "never");
        table.AddRow("Levelised cost of magnet (co-products credited)", e.LcomUsdPerKg is { } l ? $"${l:N2}/kg" : "n/a");
        table.AddRow("Equity NPV / IRR", $"{Musd(e.EquityNpvUsd)} / {(e.EquityIrr is { } q ? q.ToString("P1", CultureInfo.InvariantCulture) : "none or several")}");
        table.AddRow("Debt service cover, min / average", e.MinDscr is { } min ? $"{min:N2} / {e.AverageDscr:N2}" : "no loan");
        table.AddRow("Peak funding need", Musd(e.PeakFundingUsd));
        console.Write(table);

        var opex = new Table().Title("Operating cost at nameplate").AddColumns("Line", "$M/yr");
        foreach (var line in e.OpexAtNameplate) opex.AddRow(Markup.Escape(line.Name), (line.UsdPerYear / 1e6m).ToString("N2", CultureInfo.InvariantCulture));
        opex.AddRow("[bold]Total[/]", $"[bold]{(e.OpexAtNameplate.Sum(l => l.UsdPerYear) / 1e6m).ToString("N2", CultureInfo.InvariantCulture)}[/]");
        console.Write(opex);

        if (result.Risk is not { } r) return;
        var risk = new Table().Title($"Risk ({r.Draws:N0} Monte Carlo draws, seed {r.Seed})").AddColumns("Quantity", "Value");
        risk.AddRow("NPV P10 / P50 / P90", $"{Musd(r.NpvP10Usd)} / {Musd(r.NpvP50Usd)} / {Musd(r.NpvP90Usd)}");
        risk.AddRow("Probability NPV < 0", r.ProbabilityNpvNegative.ToString("P1", CultureInfo.InvariantCulture));
        risk.AddRow("IRR P50", r.IrrP50 is { } irr ? irr.ToString("P1", CultureInfo.InvariantCulture) : "n/a");
        console.Write(risk);
        var tornado = new Table().Title("Tornado (NPV with one driver at its low and high value)").AddColumns("Driver", "Low x", "High x", "NPV low", "NPV high", "Swing");
        foreach (var bar in r.Tornado)
            tornado.AddRow(bar.Driver, bar.Low.ToString("G3", CultureInfo.InvariantCulture), bar.High.ToString("G3", CultureInfo.InvariantCulture), Musd(bar.NpvLowUsd), Musd(bar.NpvHighUsd), Musd(Math.Abs(bar.NpvHighUsd - bar.NpvLowUsd)));
        console.Write(tornado);
    }

    /// <summary>Millions of dollars, e.g. "$262.4M".</summary>
    public static string Musd(decimal usd) => Musd((double)usd);

    /// <summary>Millions of dollars, e.g. "$262.4M".</summary>
    public static string Musd(double usd) => (usd < 0 ? "-$" : "$") + Math.Abs(usd / 1e6).ToString("N1", CultureInfo.InvariantCulture) + "M";

    /// <summary>An IRR, or why there is none.</summary>
    public static string Irr(double? irr, IReadOnlyList<double> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (irr is { } value) return value.ToString("P1", CultureInfo.InvariantCulture);
        return roots.Count == 0 ? "none" : $"several: {string.Join(", ", roots.Select(r => r.ToString("P1", CultureInfo.InvariantCulture)))}";
    }
}
