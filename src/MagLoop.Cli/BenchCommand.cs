using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MagLoop.Simulation.Models;
using MagLoop.Studies;

namespace MagLoop.Cli;

/// <summary>
/// <c>magloop bench des --model machine-shop|mmc ...</c>: times the discrete-event kernel on its benchmark models.
/// An event is one entry taken off the event queue that does work (see docs/model-simulation.md).
/// </summary>
public static class BenchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout)
    {
        var model = new Option<string>("--model") { Description = "Benchmark model: machine-shop or mmc.", Required = true, HelpName = "name" };
        model.AcceptOnlyFromAmong("machine-shop", "mmc");
        var years = new Option<double>("--years") { Description = "machine-shop: simulated years.", DefaultValueFactory = _ => 10, HelpName = "n" };
        var servers = new Option<int>("--servers") { Description = "mmc: servers c.", DefaultValueFactory = _ => 3, HelpName = "c" };
        var arrivalRate = new Option<double>("--arrival-rate") { Description = "mmc: arrival rate λ per hour.", DefaultValueFactory = _ => 2.4, HelpName = "rate" };
        var serviceRate = new Option<double>("--service-rate") { Description = "mmc: service rate μ per server per hour.", DefaultValueFactory = _ => 1, HelpName = "rate" };
        var customers = new Option<int>("--customers") { Description = "mmc: customers N.", DefaultValueFactory = _ => 1_000_000, HelpName = "n" };
        // Checked whenever given, also for the other model, so that a mistyped value is not silently ignored.
        CommandLine.Require(years, v => v > 0, "--years must be > 0");
        CommandLine.Require(servers, v => v >= 1, "--servers must be at least 1");
        CommandLine.Require(arrivalRate, v => v > 0, "--arrival-rate must be > 0");
        CommandLine.Require(serviceRate, v => v > 0, "--service-rate must be > 0");
        CommandLine.Require(customers, v => v >= 1, "--customers must be at least 1");
        var seed = new Option<long>("--seed") { Description = "Seed of the random streams.", DefaultValueFactory = _ => 42, HelpName = "seed" };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var des = new Command("des", "Time the discrete-event simulation kernel on the machine shop or an M/M/c queue.")
        {
            model, years, servers, arrivalRate, serviceRate, customers, seed, json,
        };
        des.SetAction(parsed =>
        {
            var stopwatch = Stopwatch.StartNew();
            object figures;
            if (parsed.GetValue(model) == "machine-shop")
            {
                var y = parsed.GetValue(years);
                if (y > 1000) throw new UserInputException("--years must be in (0, 1000]");
                var r = MachineShop.Run(y, parsed.GetValue(seed));
                var seconds = stopwatch.Elapsed.TotalSeconds;
                figures = new { model = "machine-shop", years = y, events = r.Events, seconds, eventsPerSecond = r.Events / seconds, partsMade = r.PartsMade, breakdowns = r.Breakdowns };
            }
            else
            {
                var c = parsed.GetValue(servers);
                var lambda = parsed.GetValue(arrivalRate);
                var mu = parsed.GetValue(serviceRate);
                var n = parsed.GetValue(customers);
                if (lambda >= c * mu)
                    throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"unstable queue: --arrival-rate {lambda} must be below --servers x --service-rate = {c * mu} (otherwise the queue grows without bound)"));
                var r = MmcQueue.Run(c, lambda, mu, n, parsed.GetValue(seed));
                var seconds = stopwatch.Elapsed.TotalSeconds;
                var erlang = MmcQueue.ErlangCMeanWait(c, lambda, mu);
                figures = new
                {
                    model = "mmc", servers = c, arrivalRate = lambda, serviceRate = mu, customers = n, events = r.Events, seconds,
                    eventsPerSecond = r.Events / seconds, meanWaitTime = r.MeanWaitTime, meanWaitStandardError = r.WaitStandardError,
                    erlangCMeanWaitTime = erlang, serverUtilization = r.ServerUtilization,
                };
            }

            return Print(figures, parsed.GetValue(json), stdout);
        });
        return new Command("bench", "Benchmarks of MagLoop's engines.") { des, MonteCarlo(stdout), Network(stdout) };
    }

    // magloop bench mc [FILE] --draws N --threads T: the Monte Carlo's throughput, apart from the study around it.
    private static Command MonteCarlo(TextWriter stdout)
    {
        var file = new Argument<string?>("file") { Description = "Scenario YAML file (default: the bundled scenarios/dfw-hub.yaml).", Arity = ArgumentArity.ZeroOrOne };
        var draws = new Option<int>("--draws") { Description = "Monte Carlo draws.", DefaultValueFactory = _ => 10_000, HelpName = "n" };
        var threads = new Option<int>("--threads") { Description = "Most threads the draws run on (default: all the thread pool gives).", DefaultValueFactory = _ => -1, HelpName = "n" };
        var seed = new Option<int>("--seed") { Description = "Seed of the draws.", DefaultValueFactory = _ => 1, HelpName = "seed" };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var warmup = new Option<int>("--warmup-draws")
        {
            Description = "Draws of an untimed Monte Carlo (same threads) after the first study, so that the timed one runs tiered-up code (default 0: none).",
            DefaultValueFactory = _ => 0, HelpName = "n",
        };
        CommandLine.Require(draws, v => v is >= 1 and <= StudyCommand.MaxMonteCarloDraws, $"--draws must be between 1 and {StudyCommand.MaxMonteCarloDraws:N0}");
        CommandLine.Require(warmup, v => v is >= 0 and <= StudyCommand.MaxMonteCarloDraws, $"--warmup-draws must be between 0 and {StudyCommand.MaxMonteCarloDraws:N0}");
        CommandLine.Require(threads, v => v == -1 || v >= 1, "--threads must be at least 1 (or -1 for all)");
        var command = new Command("mc", "Time the study's Monte Carlo (each draw re-solves the flowsheet and the cash flows): the study without draws first, then with them.")
        {
            file, draws, threads, seed, warmup, json,
        };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(file) ?? CommandLine.DefaultScenarioPath();
            var process = System.Diagnostics.Process.GetCurrentProcess();
            var stopwatch = Stopwatch.StartNew();
            var plant = Study.Load(path);
            // The whole study without draws: reading, the flowsheet, the simulation, economics, JIT of all of it.
            Study.Run(plant, path, new StudyOptions { Simulate = true });
            var studySeconds = stopwatch.Elapsed.TotalSeconds;
            var n = parsed.GetValue(draws);
            var options = new StudyOptions { MonteCarloDraws = n, Seed = parsed.GetValue(seed), MaxThreads = parsed.GetValue(threads) };
            var warmupDraws = parsed.GetValue(warmup);
            stopwatch.Restart();
            // The tiered JIT compiles hot methods again in the background after their first calls: a warm-up takes
            // that fixed cost out of the draws' rate (the whole-process figure of `study --monte-carlo` keeps it).
            if (warmupDraws > 0) Study.Run(plant, path, options with { MonteCarloDraws = warmupDraws });
            var warmupSeconds = stopwatch.Elapsed.TotalSeconds;
            var cpuBefore = process.TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var pauseBefore = GC.GetTotalPauseDuration();
            var gen0Before = GC.CollectionCount(0);
            stopwatch.Restart();
            var result = Study.Run(plant, path, options);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            var figures = new
            {
                model = "monte-carlo", scenario = path, draws = n, threads = parsed.GetValue(threads), processorCount = Environment.ProcessorCount,
                firstStudySeconds = studySeconds, warmupDraws, warmupSeconds, monteCarloSeconds = seconds, drawsPerSecond = n / seconds, cpuMsPerDraw = cpuSeconds * 1000 / n,
                allocatedBytesPerDraw = (GC.GetTotalAllocatedBytes() - allocatedBefore) / n,
                gcCollections = GC.CollectionCount(0) - gen0Before, gcPauseSeconds = (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds,
                peakWorkingSetMb = process.PeakWorkingSet64 / 1e6,
                npvP50Usd = result.Risk?.NpvP50Usd,
            };
            return Print(figures, parsed.GetValue(json), stdout);
        });
        return command;
    }

    // The anchor: 50 sources x 10 spokes x 3 hubs x 10 years within 10 s on 2 cores at a gap under 1 %.
    private const double AnchorSeconds = 10, AnchorGap = 0.01;

    // JSON has no NaN or infinity: a figure that does not exist (no bound proved) is null.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static Command Network(TextWriter stdout)
    {
        var size = new Option<string>("--size") { Description = "benchmark: 50 sources x 10 spokes x 3 hubs x 10 years; county: 3,000 sources x 20 spokes x 5 hubs x 20 years.", HelpName = "name", DefaultValueFactory = _ => "benchmark" };
        size.AcceptOnlyFromAmong("benchmark", "county");
        var timeLimit = new Option<double>("--time-limit") { Description = "Wall-clock limit of the solve, seconds.", HelpName = "s", DefaultValueFactory = _ => AnchorSeconds };
        CommandLine.Require(timeLimit, v => v > 0 && v <= 86_400, "--time-limit must be above 0 and at most 86,400 s");
        var seed = new Option<int>("--seed") { Description = "Seed of the generated network.", HelpName = "seed", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var command = new Command("network", "Time the network planner on a generated network (SyntheticNetwork) and report its gap against the 10 s / 1 % anchor.") { size, timeLimit, seed, json };
        command.SetAction(parsed =>
        {
            var county = parsed.GetValue(size) == "county";
            var spec = county
                ? new MagLoop.Network.Planning.SyntheticNetworkSpec { Sources = 3000, Spokes = 20, Hubs = 5, Years = 20, TotalSupplyTonnes = 15_000, Seed = parsed.GetValue(seed) }
                : new MagLoop.Network.Planning.SyntheticNetworkSpec { Seed = parsed.GetValue(seed) };
            var problem = MagLoop.Network.Planning.SyntheticNetwork.Generate(spec);
            var limit = parsed.GetValue(timeLimit);
            var plan = MagLoop.Network.Planning.NetworkPlanner.Solve(problem, new MagLoop.Network.Planning.PlannerOptions { TimeLimit = TimeSpan.FromSeconds(limit), MarginalValues = false });
            var figures = new
            {
                network = problem.Name, sources = spec.Sources, spokes = spec.Spokes, hubs = spec.Hubs, years = spec.Years, lanes = problem.Lanes.Count,
                timeLimitSeconds = limit, status = plan.Status.ToString().ToLowerInvariant(), objectiveUsd = Finite(plan.ObjectiveUsd), bestBoundUsd = Finite(plan.BestBoundUsd),
                relativeGap = Finite(plan.RelativeGap), seconds = plan.SolveSeconds, cpuSeconds = Finite(plan.SolveCpuSeconds),
                anchorSeconds = AnchorSeconds, anchorGap = AnchorGap, secondsOverAnchor = plan.SolveSeconds / AnchorSeconds, gapOverAnchor = Finite(plan.RelativeGap / AnchorGap),
            };
            return Print(figures, parsed.GetValue(json), stdout);
        });
        return command;
    }

    // Every benchmark prints its figures the same way: one JSON object, or one name and value a line.
    private static int Print(object figures, bool json, TextWriter stdout)
    {
        if (json) stdout.WriteLine(JsonSerializer.Serialize(figures, StudyResult.JsonOptions));
        else
            foreach (var property in JsonSerializer.SerializeToElement(figures, StudyResult.JsonOptions).EnumerateObject())
                stdout.WriteLine($"{property.Name,-22} {property.Value}");
        return CommandLine.Success;
    }
}
