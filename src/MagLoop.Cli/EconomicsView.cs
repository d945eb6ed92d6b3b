using System.Globalization;
using MagLoop.Studies;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary>The economics and risk tables of <c>magloop study</c>, and the Monte Carlo progress bar.</summary>
public static class EconomicsView
{
    /// <summary>
    /// Runs <paramref name="run"/>; with Monte Carlo draws, shows a progress bar on <paramref name="stderr"/>
    /// (drawn only on an interactive terminal, so redirected output stays clean).
    /// </summary>
    public static StudyResult RunWithProgress(StudyOptions options, TextWriter stderr, Func<StudyOptions, StudyResult> run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        var interactive = ReferenceEquals(stderr, System.Console.Error) && !System.Console.IsErrorRedirected;
        if (options.MonteCarloDraws <= 0 || !interactive) return run(options);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        StudyResult? result = null;
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                // One bar per long part of the study (economics and carbon Monte Carlo, ...), created on its first report.
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new Reporter(p =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(p.Task, out var task)) tasks[p.Task] = task = context.AddTask(p.Task, maxValue: Math.Max(1, p.Total));
                        task.Value = Math.Max(task.Value, p.Done);
                    }
                });
                result = run(options with { Progress = progress });
                lock (tasks)
                {
                    foreach (var task in tasks.Values) task.Value = task.MaxValue;
                }
            });
        return result!;
    }

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

    private sealed class Reporter(Action<StudyProgress> report) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value) => report(value);
    }
}
