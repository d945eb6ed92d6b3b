using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MagLoop.Plants;
using MagLoop.Studies;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary><c>magloop simulate [FILE] [--years N] [--replications R] [--seed S] [--json]</c>: real years of the plant, event by event.</summary>
public static class SimulateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string?>("file") { Description = "Scenario YAML file (default: the bundled scenarios/dfw-hub.yaml).", Arity = ArgumentArity.ZeroOrOne };
        CommandLine.RejectUnknownOptions(file);
        var years = new Option<int?>("--years") { Description = "Years at full rate per replication (default: the scenario's simulation.years).", HelpName = "n" };
        var replications = new Option<int?>("--replications") { Description = "Independent replications, run in parallel (default: the scenario's simulation.replications).", HelpName = "r" };
        var seed = new Option<int>("--seed") { Description = "Seed of the run.", HelpName = "seed", DefaultValueFactory = _ => 1 };
        var nominal = new Option<bool>("--nominal") { Description = "No breakdowns or variation, unlimited feed: reproduces the flowsheet's capacity." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout instead of tables." };
        var command = new Command("simulate", "Simulate real years of the plant: trucks, HPMS batches, shifts, breakdowns; replications with 95 % intervals.")
        {
            file, years, replications, seed, nominal, json,
        };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(file) ?? CommandLine.DefaultScenarioPath();
            if (parsed.GetValue(years) is < 1 or > 50) throw new UserInputException("--years must be between 1 and 50");
            if (parsed.GetValue(replications) is < 1 or > 1000) throw new UserInputException("--replications must be between 1 and 1000");
            var plant = Study.Load(path);
            var solution = Study.Solve(plant);

            var isNominal = parsed.GetValue(nominal);
            var options = new PlantSimulationOptions
            {
                Years = parsed.GetValue(years),
                Replications = parsed.GetValue(replications),
                Seed = parsed.GetValue(seed),
                Breakdowns = !isNominal,
                Deterministic = isNominal,
                UnlimitedFeed = isNominal,
            };
            var result = ProgressView.Run(stderr, true, progress => PlantSimulation.Run(plant.Definition, solution, options with { Progress = progress?.ForReplications() }));
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Replications} replications x {result.RampUpYears + result.Years} years in {result.WallClockSeconds:F2} s ({result.EventsPerReplication:N0} events each)"));
            if (parsed.GetValue(json)) stdout.WriteLine(JsonSerializer.Serialize(result, StudyResult.JsonOptions));
            else
            {
                var console = StudyCommand.Console(stdout);
                Render(result, plant.Scenario.Name, console);
                foreach (var note in PlantSimulation.Discrepancies(result)) console.MarkupLine($"[yellow]Note:[/] {Markup.Escape(note)}");
            }

            return CommandLine.Success;
        });
        return command;
    }

    /// <summary>Writes the simulation tables.</summary>
    public static void Render(PlantSimulationResult r, string scenarioName, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(console);
        console.Write(new Rule($"[bold]Simulation: {Markup.Escape(scenarioName)}[/]").LeftJustified());
        console.MarkupLine(Inv($"[grey]{r.Replications} replications x {r.Years} full-rate year(s){(r.RampUpYears > 0 ? $" after {r.RampUpYears} ramp-up year(s)" : "")}, seed {r.Seed}; 95 % intervals[/]"));
        var output = new Table().Title("Output per year (simulated vs flowsheet)").AddColumns("Quantity", "Mean t/yr", "95 % interval", "Flowsheet t/yr");
        output.AddRow("[bold]Magnets[/]", Inv($"[bold]{r.MagnetTonnesPerYear.Mean:N1}[/]"), Interval(r.MagnetTonnesPerYear), Inv($"{r.FlowsheetMagnetTonnesPerYear:N1}"));
        output.AddRow("[bold]NdFeB co-products[/]", Inv($"[bold]{r.CoProductTonnesPerYear.Mean:N1}[/]"), Interval(r.CoProductTonnesPerYear), Inv($"{r.FlowsheetCoProductTonnesPerYear:N1}"));
        output.AddRow("WIP, powder silo to inspection (t)", Inv($"{r.WipTonnes.Mean:N1}"), Interval(r.WipTonnes), "");
        output.AddRow("Lead time, powder to magnet (days)", Inv($"{r.LeadTimeDays.Mean:N1}"), Interval(r.LeadTimeDays), "");
        output.AddRow("Concentrate waiting at the hub (t)", Inv($"{r.ConcentrateStockTonnes.Mean:N1}"), Interval(r.ConcentrateStockTonnes), "");
        console.Write(output);
        if (r.ByYear.Count > 1)
        {
            var years = new Table().Title("By year").AddColumns("Year", "Rate", "Magnets t", "Co-products t");
            foreach (var y in r.ByYear)
                years.AddRow(Inv($"{y.Year}"), Inv($"{y.RampFactor:P0}"), Inv($"{y.MagnetTonnes.Mean:N1} {Interval(y.MagnetTonnes)}"), Inv($"{y.CoProductTonnes.Mean:N1} {Interval(y.CoProductTonnes)}"));
            console.Write(years);
        }

        var stations = new Table().Title("Equipment (share of unit-hours)").AddColumns("Equipment", "Units", "Busy", "Starved", "Blocked", "Down", "Off shift", "Breakdowns/yr");
        foreach (var s in r.Stations)
        {
            var name = s.Name == r.Bottleneck ? $"[bold]{Markup.Escape(s.Name)} (bottleneck)[/]" : Markup.Escape(s.Name);
            stations.AddRow(name, Inv($"{s.Units}"), Inv($"{s.Busy:P1}"), Inv($"{s.Starved:P1}"), Inv($"{s.Blocked:P1}"), Inv($"{s.Down:P1}"), Inv($"{s.OffShift:P1}"), Inv($"{s.BreakdownsPerYear:N0}"));
        }

        console.Write(stations);
    }

    private static string Interval(ReplicationEstimate m) => m.Ci95Low is null ? "n/a" : Inv($"[[{m.Ci95Low:N1}, {m.Ci95High:N1}]]");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
