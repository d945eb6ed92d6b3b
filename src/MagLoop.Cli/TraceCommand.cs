using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MagLoop.Errors;
using MagLoop.Studies;
using MagLoop.Traceability;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary>
/// <c>magloop trace ...</c>: capture EPCIS 2.0 documents into the traceability store and answer genealogy, recycled
/// content and compliance questions from it. Exit codes: 0 success, 2 rejected input (with located reasons),
/// 3 a ledger that fails verification.
/// </summary>
public static class TraceCommand
{
    /// <summary>Exit code of <c>trace verify</c> when the ledger is broken.</summary>
    public const int LedgerBroken = 3;

    private static readonly Option<string> Db = new("--db") { Description = "SQLite store file (default ./magloop.db).", HelpName = "path", DefaultValueFactory = _ => "magloop.db" };
    private static readonly Option<string?> Postgres = new("--postgres") { Description = "Use PostgreSQL with this connection string instead of SQLite.", HelpName = "conn" };
    private static readonly Option<int> BusyTimeout = BusyTimeoutOption();

    private static Option<int> BusyTimeoutOption()
    {
        var option = new Option<int>("--busy-timeout") { Description = "Seconds to wait for another process's write lock before reporting the store busy (default 30).", HelpName = "s", DefaultValueFactory = _ => 30 };
        CommandLine.Require(option, v => v is >= 0 and <= 3600, "--busy-timeout must be 0 to 3600 seconds");
        return option;
    }

    /// <summary>Creates the command and its subcommands.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var trace = new Command("trace", "Lot traceability: capture EPCIS 2.0 events, genealogy, recycled content, DFARS compliance, ledger verification.");
        trace.Subcommands.Add(WithStore(Capture(stdout, stderr)));
        trace.Subcommands.Add(WithStore(GenealogyCommand(stdout)));
        trace.Subcommands.Add(WithStore(Content(stdout)));
        trace.Subcommands.Add(WithStore(Comply(stdout)));
        trace.Subcommands.Add(WithStore(Verify(stdout, stderr)));
        trace.Subcommands.Add(WithStore(Events(stdout)));
        trace.Subcommands.Add(TraceDemoCommand.Create(stdout, stderr)); // writes files only: no store options
        trace.Subcommands.Add(Hash(stdout, stderr)); // reads a file only: no store options
        trace.Subcommands.Add(WithStore(TraceBenchCommand.Create(stdout, stderr)));
        return trace;
    }

    /// <summary>Adds --db and --postgres to a subcommand that uses the store.</summary>
    internal static Command WithStore(Command command)
    {
        command.Options.Add(Db);
        command.Options.Add(Postgres);
        command.Options.Add(BusyTimeout);
        return command;
    }

    /// <summary>The database named by --db / --postgres.</summary>
    public static TraceDatabase Database(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var database = parsed.GetValue(Postgres) is { } connection ? TraceDatabase.Postgres(connection) : TraceDatabase.Sqlite(parsed.GetValue(Db)!);
        return database with { BusyTimeoutSeconds = parsed.GetValue(BusyTimeout) };
    }

    /// <summary>
    /// Opens the store; a store that cannot be opened is a user error. Only <paramref name="create"/> (capture) may
    /// create a SQLite file or write at all: the other commands open the store read-only and refuse a path that holds
    /// none (a mistyped --db) or a database that is not a MagLoop store.
    /// </summary>
    public static TraceStore Open(TraceDatabase database, EpcisSchema? schema = null, bool create = false)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.SqlitePath is { } path && Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir && !Directory.Exists(dir))
            throw new UserInputException($"cannot open store '{path}': folder '{dir}' does not exist");
        if (!create && database.SqlitePath is { } file && !File.Exists(file))
            throw new UserInputException($"no trace store at {file} (capture creates one)");
        try
        {
            return create ? TraceStore.Open(database, schema: schema) : TraceStore.OpenReadOnly(database);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or ArgumentException)
        {
            throw new UserInputException($"cannot open store {database}: {e.Message}");
        }
    }

    /// <summary>Loads the GS1 schema named by --schema (or found by <see cref="EpcisSchema.Locate"/>); null with a warning when none.</summary>
    public static EpcisSchema? Schema(string? explicitPath, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var path = EpcisSchema.Locate(explicitPath);
        if (path is null)
        {
            stderr.WriteLine("magloop: warning: GS1 EPCIS JSON schema not found; checking MagLoop's custody rules only (pass --schema PATH or set MAGLOOP_EPCIS_SCHEMA).");
            return null;
        }

        if (!File.Exists(path)) throw new UserInputException($"schema file '{path}' not found");
        try
        {
            return EpcisSchema.Load(path);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new UserInputException($"cannot read schema '{path}': {e.Message}");
        }
    }

    private static Option<string?> SchemaOption() => new("--schema") { Description = "GS1 EPCIS-JSON-Schema.json (default: MAGLOOP_EPCIS_SCHEMA, or shared/standards/epcis under . or ..).", HelpName = "path" };

    private static Command Capture(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("files") { Description = "EPCIS 2.0 JSON / JSON-LD documents; each is captured whole or not at all.", Arity = ArgumentArity.OneOrMore };
        CommandLine.RejectUnknownOptions(files);
        var schemaPath = SchemaOption();
        var command = new Command("capture", "Capture EPCIS documents: GS1 schema and custody rules, all-or-nothing per document.") { files, schemaPath };
        command.SetAction(parsed =>
        {
            var schema = Schema(parsed.GetValue(schemaPath), stderr);
            using var store = Open(Database(parsed), schema, create: true);
            var rejected = 0;
            foreach (var file in parsed.GetValue(files)!)
            {
                byte[] bytes;
                try
                {
                    bytes = File.ReadAllBytes(file);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"{file}: cannot read: {e.Message}");
                    rejected++;
                    continue;
                }

                // Text faults (invalid UTF-8, not JSON, a lone surrogate, a number beyond a double) located here, as
                // FILE:LINE:COLUMN, one a line, rather than under the store's document-level heading.
                if (JsonInput.Check(bytes) is { Count: > 0 } faults)
                {
                    foreach (var fault in faults) stderr.WriteLine($"{file}:{fault}");
                    rejected++;
                    continue;
                }

                try
                {
                    var summary = store.Capture(file, bytes);
                    stdout.WriteLine($"{file}: {summary.Appended} event(s) appended, {summary.Duplicates} already stored");
                }
                catch (CaptureRejectedException e)
                {
                    stderr.WriteLine(e.Message);
                    rejected++;
                }
            }

            return rejected == 0 ? CommandLine.Success : CommandLine.UserError;
        });
        return command;
    }

    private static Command Hash(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "EPCIS 2.0 JSON / JSON-LD document (or query document)." };
        var preHash = new Option<bool>("--prehash") { Description = "Print each event's canonical pre-hash string instead of its hash." };
        var command = new Command("hash", "Print the CBV 2.0 event hash (ni:///sha-256;...?ver=CBV2.0) of each event, one a line, in document order.") { file, preHash };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(file)!;
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"{path}: cannot read: {e.Message}");
            }

            if (JsonInput.Check(bytes) is { Count: > 0 } faults)
            {
                foreach (var fault in faults) stderr.WriteLine($"{path}:{fault}");
                return CommandLine.UserError;
            }

            using var document = JsonDocument.Parse(JsonInput.WithoutBom(bytes.AsMemory()));
            if (EventHash.Events(document.RootElement).Count == 0)
                throw new UserInputException($"{path}: epcisBody.eventList: no events (an EPCIS document or query document with an event list is expected)");
            var lines = EventHash.PreHashes(document.RootElement);
            foreach (var line in lines) stdout.WriteLine(parsed.GetValue(preHash) ? line : EventHash.Of(line));
            return CommandLine.Success;
        });
        return command;
    }

    /// <summary>Runs a lot query; a lot the store does not hold is a user error.</summary>
    private static T ForLot<T>(string lot, Func<T> query)
    {
        try
        {
            return query();
        }
        catch (KeyNotFoundException)
        {
            throw new UserInputException($"lot '{lot}' is not in the store");
        }
    }

    private static Command GenealogyCommand(TextWriter stdout)
    {
        var lot = new Argument<string>("lot") { Description = "Lot id (EPC class URN, Digital Link, or a shipment id)." };
        var forward = new Option<bool>("--forward") { Description = "Forward genealogy (recall): every lot made from this one." };
        var json = new Option<bool>("--json") { Description = "Print JSON: lot, direction, lots [{lot, share, kg, depth, source}]." };
        var command = new Command("genealogy", "Backward genealogy with mass shares (sources sum to 1), or forward (--forward) for recall.") { lot, forward, json };
        command.SetAction(parsed =>
        {
            using var store = Open(Database(parsed));
            var graph = new StoreGraph(store.Connection);
            var id = parsed.GetValue(lot)!;
            var result = ForLot(id, () => parsed.GetValue(forward) ? Genealogy.Forward(graph, id) : Genealogy.Backward(graph, id));
            if (parsed.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    lot = result.Lot,
                    direction = Names.Of(result.Direction),
                    lots = result.Lots.Select(l => new { lot = l.Lot, share = l.Share, kg = l.Kg, depth = l.Depth, source = l.Source }),
                }, StudyResult.JsonOptions));
                return CommandLine.Success;
            }

            var backward = result.Direction == GenealogyDirection.Backward;
            var table = new Table().Title($"{(backward ? "Backward" : "Forward")} genealogy of {Markup.Escape(result.Lot)}")
                .AddColumns("Depth", "Lot", backward ? "Share of this lot" : "Share from source", "kg", backward ? "Source" : "End lot");
            foreach (var l in result.Lots)
                table.AddRow(l.Depth.ToString(CultureInfo.InvariantCulture), Markup.Escape(l.Lot), l.Share.ToString("P2", CultureInfo.InvariantCulture), l.Kg.ToString("N1", CultureInfo.InvariantCulture), l.Source ? "yes" : "");
            var console = StudyCommand.Console(stdout);
            console.Write(table);
            if (backward)
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Lots.Count(l => l.Source)} source lots, shares sum to {result.Lots.Where(l => l.Source).Sum(l => l.Share):R}"));
            return CommandLine.Success;
        });
        return command;
    }

    private static Command Content(TextWriter stdout)
    {
        var lot = new Argument<string>("lot") { Description = "Lot id." };
        var json = new Option<bool>("--json") { Description = "Print JSON: postConsumerShare, preConsumerShare, virginShare, ..." };
        var command = new Command("content", "Recycled content by mass (ISO 14021: post-consumer, pre-consumer, virgin).") { lot, json };
        command.SetAction(parsed =>
        {
            using var store = Open(Database(parsed));
            var id = parsed.GetValue(lot)!;
            var c = ForLot(id, () => RecycledContentQuery.Of(new StoreGraph(store.Connection), id));
            if (parsed.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(c, StudyResult.JsonOptions));
                return CommandLine.Success;
            }

            string P(double v) => v.ToString("P2", CultureInfo.InvariantCulture);
            stdout.WriteLine($"{c.Lot} ({c.MassKg.ToString("N1", CultureInfo.InvariantCulture)} kg)");
            stdout.WriteLine($"  post-consumer  {P(c.PostConsumerShare)}");
            stdout.WriteLine($"  pre-consumer   {P(c.PreConsumerShare)}");
            stdout.WriteLine($"  virgin         {P(c.VirginShare)}");
            if (c.UnknownShare > 0) stdout.WriteLine($"  unclassified   {P(c.UnknownShare)} ({c.UnclassifiedSources.Count} source lots without materialClass)");
            stdout.WriteLine($"  recycled content (ISO 14021, post + pre): {P(c.RecycledShare)}");
            return CommandLine.Success;
        });
        return command;
    }

    private static Command Comply(TextWriter stdout)
    {
        var lot = new Argument<string>("lot") { Description = "Lot id." };
        var rule = new Option<string>("--rule") { Description = $"Rule set: {string.Join(", ", ComplianceRule.All.Select(r => r.Name))}.", HelpName = "name", Required = true };
        rule.AcceptOnlyFromAmong([.. ComplianceRule.All.Select(r => r.Name)]);
        var policy = new Option<string>("--recycled-policy") { Description = "How recycled inputs count: require-upstream (default) or reset-at-recycler (see docs/traceability.md).", HelpName = "policy", DefaultValueFactory = _ => "require-upstream" };
        policy.AcceptOnlyFromAmong("require-upstream", "reset-at-recycler");
        var json = new Option<bool>("--json") { Description = "Print JSON: verdict, offending [{lot, stage, country}], missing [{lot, stage}]." };
        var command = new Command("comply", "Check a lot against an origin rule (DFARS 252.225-7052): compliant, non-compliant or undetermined.") { lot, rule, policy, json };
        command.SetAction(parsed =>
        {
            using var store = Open(Database(parsed));
            var id = parsed.GetValue(lot)!;
            var ruleSet = ComplianceRule.Find(parsed.GetValue(rule)!)!;
            var recycledPolicy = Names.ParsePolicy(parsed.GetValue(policy)!)!.Value;
            var r = ForLot(id, () => ComplianceCheck.Evaluate(new StoreGraph(store.Connection), id, ruleSet, recycledPolicy));
            if (parsed.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    lot = r.Lot,
                    rule = r.Rule,
                    recycledPolicy = Names.Of(r.RecycledPolicy),
                    verdict = Names.Of(r.Verdict),
                    offending = r.Offending,
                    missing = r.Missing,
                    sources = r.Sources,
                }, StudyResult.JsonOptions));
                return CommandLine.Success;
            }

            stdout.WriteLine($"{r.Lot}: {Names.Of(r.Verdict)} under {r.Rule} ({ruleSet.Description}), recycled policy {Names.Of(r.RecycledPolicy)}, {r.Sources} source lots");
            foreach (var o in r.Offending) stdout.WriteLine($"  offending: {o.Lot} {o.Stage} in {o.Country}");
            foreach (var m in r.Missing) stdout.WriteLine($"  missing:   {m.Lot} {m.Stage}");
            return CommandLine.Success;
        });
        return command;
    }

    private static Command Verify(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("verify", "Walk the hash chain; exit 0 when intact, 3 naming the first event that no longer matches.");
        command.SetAction(parsed =>
        {
            using var store = Open(Database(parsed));
            var r = store.Verify();
            if (r.Intact)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"intact: {r.Events} events; head chain hash {r.HeadChainHash}"));
                return CommandLine.Success;
            }

            stderr.WriteLine(r.FirstBadSeq is { } seq
                ? string.Create(CultureInfo.InvariantCulture, $"BROKEN at event seq {seq} ({r.FirstBadEventId}): {r.Reason}")
                : $"BROKEN: {r.Reason}");
            return LedgerBroken;
        });
        return command;
    }

    private static Command Events(TextWriter stdout)
    {
        var epcClass = new Option<string?>("--epc-class") { Description = "Events naming this lot.", HelpName = "lot" };
        var bizStep = new Option<string?>("--biz-step") { Description = "Events with this CBV 2.0 bizStep (receiving, shipping, ...: short name or URI; another party's URI is taken as given).", HelpName = "step" };
        var from = new Option<string?>("--from") { Description = "eventTime at or after (ISO 8601).", HelpName = "time" };
        var to = new Option<string?>("--to") { Description = "eventTime before (ISO 8601).", HelpName = "time" };
        var json = new Option<bool>("--json") { Description = "Print JSON: events [...]." };
        var command = new Command("events", "EPCIS-style event query by epcClass, bizStep and time range.") { epcClass, bizStep, from, to, json };
        command.SetAction(parsed =>
        {
            DateTimeOffset? Time(Option<string?> option) => parsed.GetValue(option) is { } text
                ? EventQueries.ParseTime(text) ?? throw new UserInputException($"{option.Name}: '{text}' is not an ISO 8601 time")
                : null;
            var (start, end) = (Time(from), Time(to));
            if (start >= end) throw new UserInputException($"--from ({parsed.GetValue(from)}) must be before --to ({parsed.GetValue(to)}): --to is exclusive");
            if (parsed.GetValue(bizStep) is { } step && !Cbv.IsBizStep(step))
            {
                var name = step;
                foreach (var prefix in Cbv.BizStepPrefixes)
                    if (step.StartsWith(prefix, StringComparison.Ordinal)) name = step[prefix.Length..];
                var hint = Suggest.Nearest(name, Cbv.BizSteps);
                throw new UserInputException($"--biz-step: '{step}' is not a CBV 2.0 bizStep{(hint is null ? "" : $" (did you mean '{hint}'?)")} nor a URI; valid: {string.Join(", ", Cbv.BizSteps)}");
            }

            var query = new EventQuery(parsed.GetValue(epcClass), parsed.GetValue(bizStep), start, end);
            using var store = Open(Database(parsed));
            var events = EventQueries.Run(store.Connection, query);
            if (parsed.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(new { events }, StudyResult.JsonOptions));
                return CommandLine.Success;
            }

            var table = new Table().AddColumns("Seq", "Time (UTC)", "Type", "bizStep", "Lots");
            foreach (var e in events)
                table.AddRow(e.Seq.ToString(CultureInfo.InvariantCulture), e.EventTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), e.Type, Markup.Escape(e.BizStep ?? ""),
                    Markup.Escape(string.Join("\n", e.Lots.Select(l => $"{l.Role} {l.Lot} {l.Kg.ToString("N1", CultureInfo.InvariantCulture)} kg"))));
            var console = StudyCommand.Console(stdout);
            console.Write(table);
            console.WriteLine($"{events.Count} event(s)");
            return CommandLine.Success;
        });
        return command;
    }
}
