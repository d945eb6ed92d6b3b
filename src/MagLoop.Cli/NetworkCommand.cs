using System.CommandLine;
using System.Globalization;
using MagLoop.Network;
using MagLoop.Network.Export;
using MagLoop.Network.Files;
using MagLoop.Network.Maps;
using MagLoop.Network.Planning;
using MagLoop.Network.Results;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary>
/// <c>magloop network [FILE] [--json] [--out DIR] [--time-limit S] [--best N] [--years Y...]</c>: plans a scrap
/// network (which spokes and hubs to open in which year, what to buy where) and reports it.
/// </summary>
public static class NetworkCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string?>("file") { Description = "Network YAML file (default: the bundled networks/disclosed.yaml).", Arity = ArgumentArity.ZeroOrOne };
        CommandLine.RejectUnknownOptions(file);
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON on stdout instead of tables." };
        var output = new Option<string?>("--out") { Description = "Also write plan.json, flows.csv, map-YEAR.svg for the chosen years and one study scenario per open hub (scenarios/) into this folder.", HelpName = "dir" };
        var timeLimit = new Option<double>("--time-limit") { Description = "Wall-clock limit of each solve, seconds (the plan, each marginal value, each further plan).", HelpName = "s", DefaultValueFactory = _ => 30 };
        var best = new Option<int>("--best") { Description = "How many best distinct plans to list (no-good cuts on the set of options built).", HelpName = "n", DefaultValueFactory = _ => 1 };
        var years = new Option<int[]>("--years") { Description = "Years to map with --out; the last one is the year the scenarios are exported for (default: the last planning year).", HelpName = "year", AllowMultipleArgumentsPerToken = true };
        var noMarginal = new Option<bool>("--no-marginal-values") { Description = "Skip re-solving without each opened candidate (faster)." };
        var tight = new Option<bool>("--tight-linking") { Description = "Also bound each lane's flow by the open indicator of the site it enters: a stronger bound, slower linear programmes (docs/network.md)." };
        var command = new Command("network", "Plan the scrap network: sites to open by year, flows, utilisation, cost and CO2e per tonne, share of US demand, NPV, marginal value of each candidate.")
        {
            file, json, output, timeLimit, best, years, noMarginal, tight,
        };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(file) ?? DefaultNetworkPath();
            if (parsed.GetValue(timeLimit) is not (> 0 and <= 86_400) and var limit) throw new UserInputException($"--time-limit must be above 0 and at most 86,400 s (got {limit.ToString(CultureInfo.InvariantCulture)})");
            if (parsed.GetValue(best) is < 1 or > 50) throw new UserInputException("--best must be between 1 and 50");
            var networkCase = NetworkReader.Read(path);
            var problem = networkCase.Problem;
            var chosen = parsed.GetValue(years) is { Length: > 0 } given ? given : [problem.Years[^1]];
            foreach (var year in chosen)
                if (!problem.Years.Contains(year)) throw new UserInputException($"--years: {year} is not a year of the plan ({problem.Years[0]}-{problem.Years[^1]})");

            var options = new PlannerOptions
            {
                TimeLimit = TimeSpan.FromSeconds(parsed.GetValue(timeLimit)),
                Plans = parsed.GetValue(best),
                MarginalValues = !parsed.GetValue(noMarginal),
                TightLinking = parsed.GetValue(tight),
                Progress = new Progress(stderr),
            };
            var plan = NetworkPlanner.Solve(problem, options);
            if (plan.Status == PlanStatus.Infeasible)
            {
                stderr.WriteLine($"{path}: {plan.Infeasibility?.Summary ?? "no plan meets every constraint"}");
                foreach (var group in plan.Infeasibility?.Groups ?? [])
                    stderr.WriteLine($"  {group.Group} ({group.Description}): {string.Join("; ", group.Shortfalls.Take(3))}{(group.Shortfalls.Count > 3 ? $"; and {group.Shortfalls.Count - 3} more" : "")}");
                if (parsed.GetValue(json)) stdout.WriteLine(plan.ToJson());
                return CommandLine.UserError;
            }

            if (!plan.HasPlan)
            {
                stderr.WriteLine($"{path}: no plan found within the time limit of {parsed.GetValue(timeLimit).ToString(CultureInfo.InvariantCulture)} s; raise --time-limit");
                return CommandLine.UserError;
            }

            if (parsed.GetValue(output) is { } directory) Write(networkCase, plan, chosen, directory, stderr);
            if (parsed.GetValue(json)) stdout.WriteLine(plan.ToJson());
            else Render(problem, plan, StudyCommand.Console(stdout));
            return CommandLine.Success;
        });
        return command;
    }

    /// <summary>The bundled default network (disclosed.yaml), looked up beside the tool, then in ./networks.</summary>
    public static string DefaultNetworkPath()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "networks", "disclosed.yaml");
        return File.Exists(beside) ? beside : Path.Combine("networks", "disclosed.yaml");
    }

    private static void Write(NetworkCase networkCase, NetworkPlan plan, int[] years, string directory, TextWriter stderr)
    {
        var problem = networkCase.Problem;
        var written = new List<string>();
        try
        {
            Directory.CreateDirectory(directory);
            written.Add(Save(Path.Combine(directory, "plan.json"), plan.ToJson() + "\n"));
            written.Add(Save(Path.Combine(directory, "flows.csv"), PlanFlows.Csv(plan)));
            foreach (var year in years.Distinct())
                written.Add(Save(Path.Combine(directory, $"map-{year}.svg"), NetworkMap.Render(problem, plan, year, new MapOptions { DataFolder = networkCase.Data.Folder }) + "\n"));
            var exportYear = years[^1];
            var scenarios = ScenarioExport.Write(problem, PlanFlows.IntoHubs(problem, plan, exportYear), exportYear, Path.Combine(directory, "scenarios"),
                PlanFlows.OpenOptions(problem, plan, exportYear));
            written.AddRange(scenarios.Select(s => s.Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write into '{directory}': {e.Message}");
        }

        foreach (var path in written) stderr.WriteLine($"wrote {path}");
    }

    private static string Save(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes the plan as tables.</summary>
    public static void Render(NetworkProblem problem, NetworkPlan plan, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(console);
        console.Write(new Rule($"[bold]Network plan: {Markup.Escape(plan.Case)}[/]").LeftJustified());
        console.MarkupLine(Inv($"[bold]NPV {Musd(plan.NpvUsd)}[/] at {problem.DiscountRate:P1} over {problem.Years[0]}-{problem.Years[^1]}; objective {Musd(plan.ObjectiveUsd)}, bound {Musd(plan.BestBoundUsd)}, gap {Gap(plan.RelativeGap)} ({plan.Status.ToString().ToLowerInvariant()}, {plan.SolveSeconds:F1} s)"));

        var openings = new Table().Title("Sites opened").AddColumns("Site", "Option", "Decided in", "Operating from", "Capital", "");
        foreach (var o in plan.Openings.OrderBy(o => o.FirstYear).ThenBy(o => o.SiteId, StringComparer.Ordinal))
            openings.AddRow(Markup.Escape(o.SiteId), Markup.Escape(o.OptionId), Inv($"{o.DecisionYear}"), Inv($"{o.FirstYear}"), Musd(o.CapitalUsd), o.Decided ? "[grey]given[/]" : "chosen");
        console.Write(openings);

        var byYear = new Table().Title("By year").AddColumns("Year", "Scrap t", "Magnets t", "Share of US demand", "Revenue", "Cost", "Margin", "CO2e t");
        foreach (var y in plan.Years)
            byYear.AddRow(Inv($"{y.Year}"), Inv($"{y.ScrapBoughtTonnes:N0}"), Inv($"{y.MagnetTonnes:N0}"), Inv($"{y.ShareOfUsDemand:P1}"), Musd(y.RevenueUsd), Musd(y.CostUsd), Musd(y.MarginUsd), Inv($"{y.Co2eKg / 1000:N0}"));
        console.Write(byYear);

        var open = plan.SiteSummaries.Where(s => s.FirstYear is not null).ToList();
        var utilisation = new Table().Title("Utilisation by year (intake over capacity)").AddColumn("Site");
        foreach (var year in problem.Years) utilisation.AddColumn(Inv($"{year % 100:D2}"));
        foreach (var site in open)
        {
            var cells = problem.Years.Select(year => plan.Sites.FirstOrDefault(s => s.SiteId == site.SiteId && s.Year == year) is { CapacityTonnes: > 0 } s ? Inv($"{s.Utilisation * 100:F0}") : "-");
            utilisation.AddRow([Markup.Escape(site.SiteId), .. cells]);
        }

        console.Write(utilisation);

        var sites = new Table().Title("Candidates (cost and CO2e per tonne received; marginal value = objective lost without it)")
            .AddColumns("Site", "Role", "First year", "Intake t", "Cost $/t", "Process kg CO2e/t", "Marginal value");
        foreach (var s in plan.SiteSummaries)
            sites.AddRow(Markup.Escape(s.SiteId), s.Role.ToString().ToLowerInvariant(), s.FirstYear is { } f ? Inv($"{f}") : "-", Inv($"{s.IntakeTonnes:N0}"),
                s.CostUsdPerTonne is { } c ? Inv($"{c:N0}") : "-", s.Co2eKgPerTonne is { } e ? Inv($"{e:N0}") : "-", Marginal(s.MarginalValue));
        console.Write(sites);

        const int shown = 15;
        var lanes = new Table().Title(plan.LaneSummaries.Count > shown ? Inv($"Lanes (the {shown} busiest of {plan.LaneSummaries.Count}; all in flows.csv)") : "Lanes")
            .AddColumns("From", "To", "Mode", "km", "Tonnes (horizon)", "$/t", "kg CO2e/t");
        foreach (var l in plan.LaneSummaries.OrderByDescending(l => l.Tonnes).Take(shown))
            lanes.AddRow(Markup.Escape(l.From), Markup.Escape(l.To), l.Mode.ToString().ToLowerInvariant(), Inv($"{l.DistanceKm:N0}"), Inv($"{l.Tonnes:N0}"), Inv($"{l.CostUsdPerTonne:N1}"), Inv($"{l.Co2eKgPerTonne:N1}"));
        console.Write(lanes);

        if (plan.Alternatives.Count > 1)
        {
            var alternatives = new Table().Title("Best distinct plans").AddColumns("Rank", "Objective", "Loss vs best", "Gap", "Chosen openings");
            foreach (var a in plan.Alternatives)
                alternatives.AddRow(Inv($"{a.Rank}"), Musd(a.ObjectiveUsd), Musd(a.LossVsBestUsd), Gap(a.RelativeGap),
                    Markup.Escape(string.Join(", ", a.Openings.Where(o => !o.Decided).Select(o => $"{o.SiteId}/{o.OptionId} {o.FirstYear}")) is { Length: > 0 } text ? text : "(none)"));
            console.Write(alternatives);
        }
    }

    private static string Marginal(MarginalValue? value) => value switch
    {
        null => "-",
        { Kind: MarginalValueKind.NotInPlan } => "[grey]not in plan[/]",
        { Kind: MarginalValueKind.Resolved, ObjectiveLossUsd: { } loss } => Musd(loss),
        { Kind: MarginalValueKind.Essential } => "essential (no plan without it)",
        _ => "unknown (time limit)",
    };

    private static string Gap(double gap) => double.IsFinite(gap) ? Inv($"{gap:P2}") : "unknown (no bound)";

    private static string Musd(double usd) => double.IsFinite(usd) ? Inv($"${usd / 1e6:N1}M") : "-";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // Solve stages on stderr, so that --json output stays clean.
    private sealed class Progress(TextWriter stderr) : IProgress<string>
    {
        public void Report(string value) => stderr.WriteLine(value);
    }
}
