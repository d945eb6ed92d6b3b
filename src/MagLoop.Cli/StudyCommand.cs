using System.CommandLine;
using System.Globalization;
using MagLoop.Reporting;
using MagLoop.Reporting.Report;
using MagLoop.Studies;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary><c>magloop study [FILE] [--json] [--out DIR] [--report [PATH]]</c>: runs a study and reports it.</summary>
public static class StudyCommand
{
    /// <summary>Most Monte Carlo draws a study takes (about a minute per million on the bundled scenario's cheapest draws).</summary>
    public const int MaxMonteCarloDraws = 1_000_000;

    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string?>("file") { Description = "Scenario YAML file (default: the bundled scenarios/dfw-hub.yaml).", Arity = ArgumentArity.ZeroOrOne };
        CommandLine.RejectUnknownOptions(file);
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout instead of tables." };
        var output = new Option<string?>("--out") { Description = "Also write study.json, streams.csv, cashflows.csv and (with debt) periods.csv into this folder.", HelpName = "dir" };
        var monteCarlo = new Option<int>("--monte-carlo") { Description = "Monte Carlo draws for the risk analyses (0: none).", HelpName = "draws" };
        var seed = new Option<int>("--seed") { Description = "Seed of every stochastic part of the study (default 1).", HelpName = "seed", DefaultValueFactory = _ => 1 };
        var priceDeck = new Option<string?>("--price-deck") { Description = "Price deck to use (default: the scenario's default deck).", HelpName = "name" };
        var functionalUnit = new Option<string?>("--functional-unit") { Description = "Functional unit of the headline carbon footprint: cutBlock, magnet or energyProduct (default: the scenario's carbon.functionalUnit).", HelpName = "unit" };
        var basis = new Option<string?>("--basis") { Description = "Production the carbon and economics run on: flowsheet (nameplate, default) or simulated (the simulation's mean output: a plant whose magnet-line, and if needed HPMS/receiving, availabilities are scaled until its flowsheet makes the simulated magnets and co-products; see docs/model-simulation.md).", HelpName = "basis" };
        var shard = new Option<string?>("--shard") { Description = "Compute only shard INDEX of COUNT of the --monte-carlo draws (INDEX from 0) and write its raw draws into --out DIR; `magloop merge DIR` joins the shards into the whole run's study.", HelpName = "index/count" };
        var report = ReportOption.Create();
        var command = new Command("study", "The main job: balance every element through the flowsheet, predict the magnet grade, simulate real years, and compute economics, risk and the carbon footprint.") { file, json, output, monteCarlo, seed, priceDeck, functionalUnit, basis, shard, report };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(file) ?? CommandLine.DefaultScenarioPath();
            // Checked here, not in a validator: a validator that reads the value throws when the text is not a number.
            if (parsed.GetValue(monteCarlo) is < 0 or > MaxMonteCarloDraws)
                throw new UserInputException($"--monte-carlo must be between 0 and {MaxMonteCarloDraws:N0} draws");
            var options = new StudyOptions
            {
                Simulate = true, MonteCarloDraws = parsed.GetValue(monteCarlo), Seed = parsed.GetValue(seed), PriceDeck = parsed.GetValue(priceDeck),
                FunctionalUnit = FunctionalUnit(parsed.GetValue(functionalUnit)), Basis = Basis(parsed.GetValue(basis)),
            };
            if (parsed.GetValue(shard) is { } shardText)
            {
                var part = MonteCarloShard.Parse(shardText);
                if (options.MonteCarloDraws < 1) throw new UserInputException("--shard needs --monte-carlo N (the draws of the whole run)");
                if (parsed.GetValue(output) is not { } shardDirectory) throw new UserInputException("--shard needs --out DIR, the folder the shard file goes into");
                if (parsed.GetValue(json) || parsed.GetResult(report) is not null) throw new UserInputException("--shard writes only the shard file: run `magloop merge DIR --json` or `--report` on the shards");
                var file = ProgressView.Run(stderr, true, progress => MonteCarloShards.Run(path, options with { Progress = progress }, part));
                string written;
                try
                {
                    written = MonteCarloShards.Write(file, shardDirectory);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UserInputException($"cannot write to '{shardDirectory}' (nothing written): {e.Message}");
                }

                stderr.WriteLine($"Wrote {written} (draws {file.Start} to {file.Start + file.NpvUsd.Length - 1} of {file.Draws})");
                return CommandLine.Success;
            }

            ReportOption.CheckIfAsked(parsed, report, parsed.GetValue(output));
            var result = ProgressView.Run(stderr, options.Simulate || options.MonteCarloDraws > 0, progress => Study.Run(path, options with { Progress = progress }));
            return Emit(result, parsed, json, output, report, stdout, stderr);
        });
        return command;
    }

    /// <summary>Writes a study result as <c>magloop study</c> does: files into --out, the report, then JSON or tables on stdout.</summary>
    internal static int Emit(StudyResult result, ParseResult parsed, Option<bool> json, Option<string?> output, Option<string?> report, TextWriter stdout, TextWriter stderr)
    {
        if (parsed.GetValue(output) is { } directory)
        {
            IReadOnlyList<string> written;
            try
            {
                written = StudyFiles.Write(result, directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"cannot write to '{directory}' (nothing written): {e.Message}");
            }

            stderr.WriteLine($"Wrote {string.Join(", ", written)}");
        }

        ReportOption.WriteIfAsked(parsed, report, parsed.GetValue(output), () => StudyReport.Render(result), stderr);

        if (parsed.GetValue(json)) stdout.WriteLine(result.ToJson());
        else Render(result, Console(stdout));
        return CommandLine.Success;
    }

    private static MagLoop.Carbon.FunctionalUnitKind? FunctionalUnit(string? text) => text is null ? null
        : Enum.GetValues<MagLoop.Carbon.FunctionalUnitKind>().Select(k => (MagLoop.Carbon.FunctionalUnitKind?)k)
              .FirstOrDefault(k => string.Equals(k.ToString(), text.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
          ?? throw new UserInputException($"--functional-unit expects cutBlock, magnet or energyProduct, not '{text}'");

    private static StudyBasis Basis(string? text) => text?.ToUpperInvariant() switch
    {
        null or "FLOWSHEET" => StudyBasis.Flowsheet,
        "SIMULATED" => StudyBasis.Simulated,
        _ => throw new UserInputException($"--basis expects flowsheet or simulated, not '{text}'"),
    };

    /// <summary>A Spectre console writing to <paramref name="writer"/>, wide enough for the tables when redirected.</summary>
    public static IAnsiConsole Console(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal) console.Profile.Width = 140;
        return console;
    }

    private static void Render(StudyResult result, IAnsiConsole console)
    {
        var p = result.Production;
        console.Write(new Rule($"[bold]{Markup.Escape(result.Scenario.Name)}[/]").LeftJustified());
        console.MarkupLine($"[grey]{Markup.Escape(result.Scenario.File)}[/]");

        var feeds = new Table().Title("Feeds").AddColumns("Feed", "Scrap type", "Site", "Supply t/yr", "Taken t/yr", "Magnet alloy t/yr", "HPMS yield");
        foreach (var f in result.Feeds)
            feeds.AddRow(Esc(f.Id), Esc(f.ScrapType), Esc(f.Site), T(f.SupplyTonnesPerYear), T(f.ProcessedTonnesPerYear), T(f.MagnetAlloyTonnesPerYear), f.HpmsExtractionYield.ToString("P0", CultureInfo.InvariantCulture));
        feeds.AddRow("[bold]Total[/]", "", "", T(p.ScrapSupplyTonnesPerYear), T(p.ScrapFeedTonnesPerYear), T(result.Feeds.Sum(f => f.MagnetAlloyTonnesPerYear)), "");
        console.Write(feeds);

        var production = new Table().Title("Production per year").AddColumns("Quantity", "Value");
        production.AddRow("[bold]Magnets[/]", $"[bold]{T(p.MagnetTonnesPerYear, "N1")} t[/]");
        production.AddRow("[bold]NdFeB co-products[/]", $"[bold]{T(p.CoProductTonnesPerYear, "N1")} t[/]");
        production.AddRow("[bold]Magnets + co-products[/]", $"[bold]{T(p.TotalTonnesPerYear, "N1")} t[/]");
        production.AddRow("Cut sintered block (before coating)", $"{T(p.CutBlockTonnesPerYear)} t");
        production.AddRow("HPMS intake / capacity", $"{T(p.HpmsIntakeTonnesPerYear)} / {T(p.HpmsCapacityTonnesPerYear)} t ({p.HpmsUtilisation:P1})");
        production.AddRow("HPMS powder (hydride)", $"{T(p.HpmsPowderTonnesPerYear)} t");
        production.AddRow("Magnet line intake / capacity", $"{T(p.MagnetLineIntakeTonnesPerYear)} / {T(p.MagnetLineCapacityTonnesPerYear)} t ({p.MagnetLineUtilisation:P1})");
        if (p.BindingStationName is { } binding) production.AddRow("Binding station (limits the magnets)", Esc(binding));
        production.AddRow("Fresh rare earth blended in", $"{T(p.FreshRareEarthTonnesPerYear, "N1")} t");
        production.AddRow("Residues (steel, coating, plastics, unliberated magnet)", $"{T(p.ResidueTonnesPerYear)} t");
        production.AddRow("Off-gas (hydrogen, organics) / losses", $"{T(p.OffGasTonnesPerYear, "N2")} / {T(p.LossTonnesPerYear, "N1")} t");
        console.Write(production);

        var stations = new Table().Title("Station capacities (flowsheet)").AddColumns("Station", "Capacity t/yr", "Intake t/yr", "Utilisation");
        foreach (var st in p.Stations)
            stations.AddRow(st.Id == p.BindingStation ? $"[bold]{Esc(st.Name)} (binding)[/]" : Esc(st.Name), T(st.CapacityTonnesPerYear), T(st.IntakeTonnesPerYear), st.Utilisation.ToString("P1", CultureInfo.InvariantCulture));
        console.Write(stations);

        var coProducts = new Table().Title("NdFeB co-products").AddColumns("Stream", "t/yr");
        foreach (var c in p.CoProducts) coProducts.AddRow(Esc(c.Name), T(c.TonnesPerYear));
        console.Write(coProducts);
        if (result.Routes is { } routes) RoutesView.Render(routes, console);
        MagnetCommand.RenderProducts(result, console);

        var balance = new Table().Title($"Element balance (converged in {p.MassBalance.Iterations} sweeps; max relative error {p.MassBalance.MaxRelativeError:E1})")
            .AddColumns("Component", "In t/yr", "Out t/yr", "Losses t/yr", "Relative error");
        foreach (var b in p.MassBalance.Components)
            balance.AddRow(b.Component, T(b.InKgPerYear / 1000, "N3"), T(b.OutKgPerYear / 1000, "N3"), T(b.LossesKgPerYear / 1000, "N3"), b.RelativeError.ToString("E1", CultureInfo.InvariantCulture));
        console.Write(balance);
        if (result.Carbon is { } carbon) CarbonView.Render(carbon, console);

        EconomicsView.Render(result, console);
        if (result.Simulation is { } simulation) SimulateCommand.Render(simulation, result.Scenario.Name, console);
        foreach (var warning in result.Warnings) console.MarkupLine($"[yellow]Note:[/] {Markup.Escape(warning)}");
    }

    private static string T(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Esc(string text) => Markup.Escape(text);
}
