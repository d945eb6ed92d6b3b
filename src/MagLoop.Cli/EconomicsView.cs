using System.Globalization;
using MagLoop.Studies;
using MagLoop.Studies.Scenarios;
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
        if (e.Financing is { } financing) RenderFinancing(financing, console);

        if (result.Risk is not { } r) return;
        var risk = new Table().Title($"Risk ({r.Draws:N0} Monte Carlo draws, seed {r.Seed})").AddColumns("Quantity", "Value");
        risk.AddRow("NPV P10 / P50 / P90", $"{Musd(r.NpvP10Usd)} / {Musd(r.NpvP50Usd)} / {Musd(r.NpvP90Usd)}");
        risk.AddRow("Probability NPV < 0", r.ProbabilityNpvNegative.ToString("P1", CultureInfo.InvariantCulture));
        risk.AddRow("IRR P50", r.IrrP50 is { } irr ? irr.ToString("P1", CultureInfo.InvariantCulture) : "n/a");
        if (r.Execution is { } x)
        {
            if (x.ProbabilityAnyDscrBelowOne is { } below) risk.AddRow("Probability any six-month DSCR < 1.0", below.ToString("P1", CultureInfo.InvariantCulture));
            if (x.MinDscr is { } dscr) risk.AddRow("Lowest DSCR P10 / P50 / P90", $"{dscr.P10:N2} / {dscr.P50:N2} / {dscr.P90:N2}");
            risk.AddRow("Equity IRR P10 / P50 / P90", x.EquityIrr is { } band ? $"{P(band.P10)} / {P(band.P50)} / {P(band.P90)}" : "n/a");
            var months = x.FirstProductionMonths;
            risk.AddRow("First production P10 / P50 / P90", x.FirstProductionDateP50 is not null
                ? $"{x.FirstProductionDateP10} / {x.FirstProductionDateP50} / {x.FirstProductionDateP90}"
                : $"{months.P10:N1} / {months.P50:N1} / {months.P90:N1} months after the start");
            if (x.ProbabilityFinancingCloses is { } closes) risk.AddRow("Export credit closed in", closes.ToString("P1", CultureInfo.InvariantCulture) + " of draws");
        }

        console.Write(risk);
        var tornado = new Table().Title("Tornado (NPV with one driver at its low and high value)").AddColumns("Driver", "Low x", "High x", "NPV low", "NPV high", "Swing");
        foreach (var bar in r.Tornado)
            tornado.AddRow(bar.Driver, bar.Low.ToString("G3", CultureInfo.InvariantCulture), bar.High.ToString("G3", CultureInfo.InvariantCulture), Musd(bar.NpvLowUsd), Musd(bar.NpvHighUsd), Musd(Math.Abs(bar.NpvHighUsd - bar.NpvLowUsd)));
        console.Write(tornado);
    }

    // The lender's table: how the debt was sized and what covers it, then each tranche.
    private static void RenderFinancing(FinancingResult f, IAnsiConsole console)
    {
        var table = new Table().Title("Financing (six-month periods)").AddColumns("Quantity", "Value");
        table.AddRow("[bold]Debt at completion[/]", $"[bold]{Musd(f.DebtUsd)}[/] (gearing {f.Gearing:P1} of {Musd(f.ProjectCostUsd)} project cost)");
        table.AddRow("Binding limit", $"{Markup.Escape(f.BindingLimit)}: {Markup.Escape(f.BindingWhy)}");
        table.AddRow("Equity (capital spending)", Musd(f.EquityUsd));
        table.AddRow("Interest during construction / fees", $"{Musd(f.InterestDuringConstructionUsd)} / {Musd(f.FeesUsd)}");
        table.AddRow("[bold]DSCR min / average[/]", f.MinDscr is { } min ? $"[bold]{min:N2} / {f.AverageDscr:N2}[/]" : "n/a");
        table.AddRow("LLCR at completion (lowest)", f.Llcr is { } llcr ? $"{llcr:N2} ({f.MinLlcr:N2})" : "n/a");
        table.AddRow("PLCR at completion", f.Plcr is { } plcr ? plcr.ToString("N2", CultureInfo.InvariantCulture) : "n/a");
        table.AddRow("[bold]Equity IRR[/]", f.EquityIrr is { } irr ? $"[bold]{P(irr)}[/]" : "none or several");
        console.Write(table);

        var tranches = new Table().Title("Tranches").AddColumns("Tranche", "Kind", "Drawn", "Capitalised interest", "Fees", "Balance at completion", "Repaid in periods");
        foreach (var t in f.Tranches)
            tranches.AddRow(Markup.Escape(t.Name), ScenarioNames.Key(t.Kind.ToString()), Musd(t.DrawnUsd), Musd(t.CapitalisedInterestUsd), Musd(t.FeesUsd), Musd(t.BalanceAtCompletionUsd),
                t.FirstRepaymentPeriod is { } first ? $"{first}-{t.LastRepaymentPeriod}" + (t.SculptedDscr is { } d ? $" (sculpted at {d:N2})" : "") : "");
        console.Write(tranches);
    }

    private static string P(double share) => share.ToString("P1", CultureInfo.InvariantCulture);

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
