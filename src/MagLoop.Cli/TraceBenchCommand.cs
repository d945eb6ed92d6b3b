using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MagLoop.Studies;
using MagLoop.Traceability.Bench;

namespace MagLoop.Cli;

/// <summary><c>magloop trace bench</c>: capture throughput and genealogy latency on a synthetic store.</summary>
public static class TraceBenchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var events = new Option<int>("--events") { Description = "Events in the store (default 1,000,000).", HelpName = "n", DefaultValueFactory = _ => 1_000_000 };
        CommandLine.Require(events, v => v >= TraceBenchmark.EventsPerUnit, $"--events must be at least {TraceBenchmark.EventsPerUnit}");
        var queries = new Option<int>("--queries") { Description = "Genealogy queries timed (default 200).", HelpName = "n", DefaultValueFactory = _ => 200 };
        var schemaPath = new Option<string?>("--schema") { Description = "GS1 schema, to also time capture with schema validation.", HelpName = "path" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var queryOnly = new Option<bool>("--query-only") { Description = "Only time genealogy, on a store an earlier bench run built." };
        var command = new Command("bench", "Benchmark: capture events/s and backward-genealogy latency (lot with ~1,000 ancestors) on an empty store given by --db or --postgres.") { events, queries, schemaPath, json, queryOnly };
        command.SetAction(parsed =>
        {
            var database = TraceCommand.Database(parsed);
            var schema = TraceCommand.Schema(parsed.GetValue(schemaPath), stderr);
            TraceBenchResult result;
            try
            {
                result = TraceBenchmark.Run(database, new TraceBenchOptions(parsed.GetValue(events), parsed.GetValue(queries), QueryOnly: parsed.GetValue(queryOnly)), schema, line => stderr.WriteLine(line));
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("the benchmark needs", StringComparison.Ordinal))
            {
                throw new UserInputException(e.Message);
            }

            if (parsed.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(result, StudyResult.JsonOptions));
                return CommandLine.Success;
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store:     {result.Database}"));
            if (parsed.GetValue(queryOnly)) stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events:    {result.Events:N0} in the store"));
            else stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"capture:   {result.Events:N0} events in {result.CaptureSeconds:N1} s = {result.CaptureEventsPerSecond:N0} events/s (custody rules, hashing, writes); {result.CaptureEventsPerCpuSecond:N0} events per CPU-second"));
            if (result.SchemaCaptureEventsPerSecond is { } rate) stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"           with GS1 schema validation: {rate:N0} events/s"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"genealogy: {result.AncestorsPerQuery} ancestors per lot; p50 {result.GenealogyP50Ms:N2} ms, p99 {result.GenealogyP99Ms:N2} ms"));
            return CommandLine.Success;
        });
        return command;
    }
}
