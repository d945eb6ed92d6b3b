using System.Text.Json;

namespace MagLoop.Cli.Tests;

public sealed class TraceCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"magloop-trace-cli-{Guid.NewGuid():N}");

    public TraceCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string Db => Path.Combine(_directory, "store.db");

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => CliRun.Run(args);

    private string[] Demo(int days)
    {
        var output = Path.Combine(_directory, "demo");
        var (code, _, stderr) = Run("trace", "demo", "--days", days.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output);
        Assert.True(code == 0, stderr);
        return Directory.GetFiles(output, "*.jsonld").Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public void Demo_documents_capture_and_answer_genealogy_content_and_compliance_in_json()
    {
        var files = Demo(2);
        var (code, stdout, stderr) = Run(["trace", "capture", "--db", Db, .. files]);
        Assert.True(code == 0, stderr);
        Assert.Contains("event(s) appended", stdout, StringComparison.Ordinal);
        const string shipment = "urn:epc:id:sscc:0860000.0000000001";

        (code, stdout, _) = Run("trace", "genealogy", shipment, "--json", "--db", Db);
        Assert.Equal(0, code);
        using (var json = JsonDocument.Parse(stdout))
        {
            Assert.Equal("backward", json.RootElement.GetProperty("direction").GetString());
            var lots = json.RootElement.GetProperty("lots").EnumerateArray().ToList();
            Assert.All(lots, l => Assert.True(l.TryGetProperty("share", out _) && l.TryGetProperty("kg", out _) && l.TryGetProperty("depth", out _) && l.TryGetProperty("lot", out _)));
            Assert.Equal(1.0, lots.Where(l => l.GetProperty("source").GetBoolean()).Sum(l => l.GetProperty("share").GetDouble()), 1e-9);
        }

        (code, stdout, _) = Run("trace", "content", shipment, "--json", "--db", Db);
        Assert.Equal(0, code);
        using (var json = JsonDocument.Parse(stdout))
        {
            var r = json.RootElement;
            Assert.Equal(1.0, r.GetProperty("postConsumerShare").GetDouble() + r.GetProperty("preConsumerShare").GetDouble() + r.GetProperty("virginShare").GetDouble(), 1e-9);
        }

        (code, stdout, _) = Run("trace", "comply", shipment, "--rule", "dfars-2027", "--recycled-policy", "reset-at-recycler", "--json", "--db", Db);
        Assert.Equal(0, code);
        using (var json = JsonDocument.Parse(stdout))
        {
            Assert.Equal("compliant", json.RootElement.GetProperty("verdict").GetString());
            Assert.Equal(0, json.RootElement.GetProperty("offending").GetArrayLength());
            Assert.Equal(0, json.RootElement.GetProperty("missing").GetArrayLength());
        }

        (code, stdout, _) = Run("trace", "events", "--biz-step", "packing", "--json", "--db", Db);
        Assert.Equal(0, code);
        using (var json = JsonDocument.Parse(stdout)) Assert.Equal(2, json.RootElement.GetProperty("events").GetArrayLength());
    }

    [Fact]
    public void A_rejected_document_exits_2_with_located_reasons()
    {
        var files = Demo(1);
        Assert.Equal(0, Run("trace", "capture", "--db", Db, files[0]).ExitCode);
        var tampered = Path.Combine(_directory, "double.jsonld");
        // The same day again with new event ids: every receipt re-creates an existing lot.
        File.WriteAllText(tampered, File.ReadAllText(files[0]).Replace("urn:uuid:", "urn:uuid:1", StringComparison.Ordinal));
        var (code, _, stderr) = Run("trace", "capture", "--db", Db, tampered);
        Assert.Equal(2, code);
        Assert.Contains("rejected, store unchanged", stderr, StringComparison.Ordinal);
        Assert.Contains("double.jsonld: event 0 (urn:uuid:1", stderr, StringComparison.Ordinal);
        Assert.Contains("quantityList[0]: lot urn:epc:class:lgtin:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_field_is_reported_alone_not_with_the_custody_consequences_it_would_cause()
    {
        var files = Demo(1);
        var text = File.ReadAllText(files[0]);
        var bad = Path.Combine(_directory, "bad-country.jsonld");
        // The receipts' lots are consumed by later events of the same document: the custody check would find them
        // "missing" once the receipt is left out, which says nothing the first reason does not.
        File.WriteAllText(bad, text.Replace("\"magloop:mined\": \"JP\"", "\"magloop:mined\": \"XX\"", StringComparison.Ordinal));
        var (code, _, stderr) = Run("trace", "capture", "--db", Db, bad);
        Assert.Equal(2, code);
        var reasons = stderr.Split('\n').Where(l => l.TrimStart().StartsWith(bad + ": event", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.All(reasons, r => Assert.Contains("'XX' is not an assigned ISO 3166-1 alpha-2 country code", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_exits_3_naming_the_edited_event()
    {
        Assert.Equal(0, Run(["trace", "capture", "--db", Db, .. Demo(1)]).ExitCode);
        Assert.Equal(0, Run("trace", "verify", "--db", Db).ExitCode);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """DROP TRIGGER events_no_update; UPDATE events SET body = REPLACE(body, '"quantity":', '"quantity":1') WHERE seq = 3;""";
            command.ExecuteNonQuery();
        }

        var (code, _, stderr) = Run("trace", "verify", "--db", Db);
        Assert.Equal(3, code);
        Assert.Contains("BROKEN at event seq 3", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_lot_or_rule_is_a_user_error()
    {
        Assert.Equal(0, Run(["trace", "capture", "--db", Db, .. Demo(1)]).ExitCode);
        var (code, _, stderr) = Run("trace", "genealogy", "urn:epc:class:lgtin:0860000.099999.NONE", "--db", Db);
        Assert.Equal(2, code);
        Assert.Contains("not in the store", stderr, StringComparison.Ordinal);
        Assert.Equal(2, Run("trace", "comply", "urn:epc:id:sscc:0860000.0000000001", "--rule", "dfars-1999", "--db", Db).ExitCode);
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("events")]
    [InlineData("genealogy", "urn:epc:id:sscc:0860000.0000000001")]
    [InlineData("content", "urn:epc:id:sscc:0860000.0000000001")]
    [InlineData("comply", "urn:epc:id:sscc:0860000.0000000001", "--rule", "dfars-2027")]
    public void A_read_only_command_on_a_missing_store_exits_2_and_creates_nothing(params string[] args)
    {
        var missing = Path.Combine(_directory, "new.db");
        var (code, stdout, stderr) = Run(["trace", .. args, "--db", missing]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains($"no trace store at {missing} (capture creates one)", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void An_empty_time_window_or_unknown_biz_step_is_a_user_error()
    {
        Assert.Equal(0, Run(["trace", "capture", "--db", Db, .. Demo(1)]).ExitCode);
        var (code, _, stderr) = Run("trace", "events", "--from", "2026-02-01", "--to", "2026-01-01", "--db", Db);
        Assert.Equal(2, code);
        Assert.Contains("--from (2026-02-01) must be before --to (2026-01-01)", stderr, StringComparison.Ordinal);

        (code, _, stderr) = Run("trace", "events", "--biz-step", "recieving", "--db", Db);
        Assert.Equal(2, code);
        Assert.Contains("'recieving' is not a CBV 2.0 bizStep (did you mean 'receiving'?)", stderr, StringComparison.Ordinal);
        Assert.Equal(2, Run("trace", "events", "--biz-step", "urn:epcglobal:cbv:bizstep:recieving", "--db", Db).ExitCode);

        Assert.Equal(0, Run("trace", "events", "--biz-step", "urn:epcglobal:cbv:bizstep:receiving", "--db", Db).ExitCode);
        Assert.Equal(0, Run("trace", "events", "--biz-step", "https://example.com/steps/sorting", "--db", Db).ExitCode);
    }

    [Fact]
    public void Demo_offers_no_store_options_and_replaces_a_previous_runs_documents()
    {
        var (code, stdout, _) = Run("trace", "demo", "--help");
        Assert.Equal(0, code);
        Assert.DoesNotContain("--db", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--postgres", stdout, StringComparison.Ordinal);
        Assert.Contains("--db", Run("trace", "verify", "--help").Stdout, StringComparison.Ordinal);

        var output = Path.Combine(_directory, "demo");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "day-007.jsonld"), "{}");
        File.WriteAllText(Path.Combine(output, "day-notes.jsonld"), "{}");
        File.WriteAllText(Path.Combine(output, "readme.txt"), "kept");
        Assert.Equal(["day-001.jsonld", "day-002.jsonld", "day-notes.jsonld"], Demo(2).Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(output, "readme.txt")));
    }

    [Fact]
    public void The_demo_plant_carries_the_studys_yields_sites_and_feeds()
    {
        var path = MagLoop.Cli.CommandLine.DefaultScenarioPath();
        var plant = MagLoop.Studies.Study.Load(path);
        var study = MagLoop.Studies.Study.Run(plant, path);
        var demo = TraceDemoCommand.DemoPlantOf(plant, study);
        double Stream(string name) => study.Streams.First(s => s.Name == name).TonnesPerYear;
        Assert.Equal(Stream(MagLoop.Plants.StreamId.SinteredBlock.Value) / Stream(MagLoop.Plants.StreamId.Blend.Value), demo.SinterYield);
        Assert.Equal(Stream(MagLoop.Plants.StreamId.Magnets.Value) / Stream(MagLoop.Plants.StreamId.CutBlock.Value), demo.MagnetYield);
        Assert.Equal(plant.Scenario.Sites.Select(s => s.Id), demo.SiteIds);
        Assert.Equal(study.Feeds.Select(f => (f.Id, f.Site, f.ProcessedTonnesPerYear)), demo.Feeds.Select(f => (f.Id, f.SiteId, f.ProcessedTonnesPerYear)));
        Assert.All(demo.Feeds, f => Assert.Equal(plant.ScrapTypes[f.Id].HpmsExtractionYield.Value, f.HpmsExtractionYield));
        Assert.Equal(plant.Scenario.Equipment.Hpms.BatchKg, demo.HpmsBatchKg);
    }

    [Fact]
    public void A_truncated_file_is_located_once_by_line_and_column()
    {
        var truncated = Path.Combine(_directory, "truncated.jsonld");
        File.WriteAllText(truncated, "{\"type\": \"EPCISDocument\",\n  \"épcisBody\": tru");
        var (code, _, stderr) = Run("trace", "capture", "--db", Db, truncated);
        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("magloop: warning", StringComparison.Ordinal));
        Assert.StartsWith($"{truncated}:2:", line, StringComparison.Ordinal);
        Assert.Contains(": not JSON: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_UTF8_is_refused_at_its_line_and_column_and_nothing_is_stored()
    {
        var file = Demo(1)[0];
        var bytes = File.ReadAllBytes(file);
        var at = Array.IndexOf(bytes, (byte)'\n') + 3;
        var bad = Path.Combine(_directory, "bad-utf8.jsonld");
        File.WriteAllBytes(bad, [.. bytes[..at], 0xFF, .. bytes[at..]]);
        var (code, _, stderr) = Run("trace", "capture", "--db", Db, bad);
        Assert.Equal(2, code);
        Assert.Contains($"{bad}:2:3: invalid UTF-8 (byte 0xFF", stderr, StringComparison.Ordinal);
        Assert.Contains("intact: 0 events", Run("trace", "verify", "--db", Db).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_locked_past_the_busy_timeout_is_reported_busy_not_as_a_bug()
    {
        var files = Demo(2);
        Assert.Equal(0, Run("trace", "capture", "--db", Db, files[0]).ExitCode);
        var before = Run("trace", "verify", "--db", Db).Stdout;
        using (var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            holder.Open();
            using var tx = holder.BeginTransaction(); // BEGIN IMMEDIATE: another writer's lock
            var (code, _, stderr) = Run("trace", "capture", "--db", Db, "--busy-timeout", "1", files[1]);
            Assert.Equal(2, code);
            Assert.Contains("store busy:", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("bug", stderr, StringComparison.Ordinal);
        }

        Assert.Equal(before, Run("trace", "verify", "--db", Db).Stdout);
    }

    [Fact]
    public void Read_only_commands_leave_a_foreign_database_untouched()
    {
        var foreign = Path.Combine(_directory, "customers.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY)";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(foreign);
        foreach (var args in new[] { new[] { "trace", "verify", "--db", foreign }, ["trace", "events", "--db", foreign], ["trace", "content", "x", "--db", foreign] })
        {
            var (code, _, stderr) = Run(args);
            Assert.Equal(2, code);
            Assert.Contains("is not a MagLoop trace store", stderr, StringComparison.Ordinal);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(before, File.ReadAllBytes(foreign));
    }

    [Fact]
    public void Mutated_documents_exit_0_or_2_and_a_refusal_leaves_the_store_unchanged()
    {
        // Seeded text-level mutations of a demo day (the core's FuzzTests mutate structurally, 300 times per backend).
        var file = Demo(1)[0];
        var text = File.ReadAllText(file);
        string[] tokens = ["1e400", "1e306", "-1", "\"\\ud800\"", "{}", "[]", "null", "\"x\"", "0"];
        var random = new Random(11);
        var numbers = System.Text.RegularExpressions.Regex.Matches(text, @"(?<=: )(-?\d[\d.eE+-]*|""[^""]*"")").ToList();
        for (var i = 0; i < 40; i++)
        {
            byte[] mutated;
            if (i % 2 == 0)
            {
                var m = numbers[random.Next(numbers.Count)];
                mutated = System.Text.Encoding.UTF8.GetBytes(text[..m.Index] + tokens[random.Next(tokens.Length)] + text[(m.Index + m.Length)..]);
            }
            else
            {
                mutated = System.Text.Encoding.UTF8.GetBytes(text);
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            var path = Path.Combine(_directory, $"mutation-{i}.jsonld");
            File.WriteAllBytes(path, mutated);
            var before = Run("trace", "verify", "--db", Db).Stdout;
            var (code, _, stderr) = Run("trace", "capture", "--db", Db, path);
            Assert.True(code is 0 or 2, $"mutation {i}: exit {code}: {stderr}");
            Assert.DoesNotContain("bug", stderr, StringComparison.Ordinal);
            if (code == 2 && before.Length > 0) Assert.Equal(before, Run("trace", "verify", "--db", Db).Stdout);
        }
    }

    [Fact]
    public void Hash_prints_each_events_CBV_hash_or_pre_hash_one_a_line_in_document_order()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "MagLoop.slnx"))) root = root.Parent!;
        var vectors = Path.Combine(root.FullName, "..", "shared", "standards", "epcis", "conformance", "event-hash");
        var file = Path.Combine(vectors, "TimeStampRoundOff.jsonld");
        if (!File.Exists(file))
        {
            Console.WriteLine("SKIPPED (event hash): ../shared/standards/epcis/conformance/event-hash not found.");
            return;
        }

        var (code, stdout, stderr) = Run("trace", "hash", file);
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllText(Path.ChangeExtension(file, ".hashes")).Split('\n', StringSplitOptions.RemoveEmptyEntries), stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        (code, stdout, _) = Run("trace", "hash", file, "--prehash");
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(Path.ChangeExtension(file, ".prehashes")).Split('\n', StringSplitOptions.RemoveEmptyEntries), stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var bad = Path.Combine(_directory, "bad.jsonld");
        File.WriteAllText(bad, "{\"type\": \"EPCISDocument\", \"epcisBody\": {\"eventList\": [{\"quantity\": 1e999}]}}");
        (code, _, stderr) = Run("trace", "hash", bad);
        Assert.Equal(2, code);
        Assert.Contains($"{bad}:1:", stderr, StringComparison.Ordinal);
        File.WriteAllText(bad, "{\"type\": \"EPCISDocument\"}");
        Assert.Equal(2, Run("trace", "hash", bad).ExitCode);
    }
}
