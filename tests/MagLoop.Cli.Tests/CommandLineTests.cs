using System.Text.Json;
using System.Text.RegularExpressions;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Cli.Tests;

public sealed partial class CommandLineTests
{
    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => CliRun.Run(args);

    private static string Scenario(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return Path.Combine(dir.FullName, "scenarios", name);
        throw new InvalidOperationException("repository root not found");
    }

    private static string TempFile(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"magloop-cli-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Study_without_a_file_runs_the_bundled_dfw_hub()
    {
        var (code, stdout, stderr) = Run("study");
        Assert.True(code == 0, stderr);
        Assert.Contains("DFW hub, 3 HPMS vessels", stdout, StringComparison.Ordinal);
        Assert.Contains("Element balance", stdout, StringComparison.Ordinal);
        Assert.Contains("Station capacities", stdout, StringComparison.Ordinal);
        Assert.Matches(@"Binding station \(limits the magnets\)\s*│\s*Jet mills", stdout);
        Assert.DoesNotContain("\u001b[", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Study_json_prints_the_production_on_stdout()
    {
        var (code, stdout, _) = Run("study", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var production = json.RootElement.GetProperty("production");
        Assert.InRange(production.GetProperty("magnetTonnesPerYear").GetDouble(), 735, 765);
        Assert.InRange(production.GetProperty("coProductTonnesPerYear").GetDouble(), 791, 823);
        Assert.True(production.GetProperty("massBalance").GetProperty("maxRelativeError").GetDouble() < 1e-9);
        Assert.Equal("jetMills", production.GetProperty("bindingStation").GetString());
        var stations = production.GetProperty("stations").EnumerateArray().Select(st => st.GetProperty("id").GetString()).ToList();
        Assert.Equal(["receiving", "hpms", "degassing", "jetMills", "presses", "sintering", "heatTreatment", "machining", "coating", "inspection"], stations);
    }

    [Fact]
    public void Study_out_writes_study_json_and_streams_csv()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"magloop-cli-{Guid.NewGuid():N}");
        try
        {
            var (code, _, _) = Run("study", Scenario("dfw-hub-2-vessels.yaml"), "--out", directory);
            Assert.Equal(0, code);
            Assert.True(File.Exists(Path.Combine(directory, "study.json")));
            Assert.True(File.Exists(Path.Combine(directory, "streams.csv")));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Bad_scenario_exits_2_with_one_located_message_and_writes_nothing()
    {
        var file = TempFile(File.ReadAllText(Scenario("dfw-hub.yaml")).Replace("tonnesPerYear: 1600", "tonnesPerYear: -1600", StringComparison.Ordinal));
        var directory = Path.Combine(Path.GetTempPath(), $"magloop-cli-{Guid.NewGuid():N}");
        try
        {
            var (code, stdout, stderr) = Run("study", file, "--json", "--out", directory);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Matches(@"^.+\.yaml:\d+:\d+: feeds\[0\]\.tonnesPerYear: must not be negative", stderr);
            Assert.Single(stderr.Trim().Split('\n'));
            Assert.False(Directory.Exists(directory));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Validate_accepts_the_bundled_scenarios()
    {
        foreach (var name in new[] { "dfw-hub.yaml", "dfw-hub-2-vessels.yaml" })
        {
            var (code, stdout, stderr) = Run("validate", Scenario(name));
            Assert.True(code == 0, stderr);
            // The bundled hub's magnets lie just outside two calibrated ranges: valid, with the warnings listed.
            Assert.Contains("valid with 2 magnet warnings (8 feeds, 3 sites, 10 stations,", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_of_a_missing_file_exits_2() =>
        Assert.Equal((2, "no-such.yaml: file not found"), (Run("validate", "no-such.yaml").ExitCode, Run("validate", "no-such.yaml").Stderr.Trim()));

    [Theory]
    [InlineData("study", "--bogus")]
    [InlineData("study", "--json", "--bogus")]
    [InlineData("study", "-x")]
    [InlineData("validate", "--bogus")]
    public void Unknown_option_in_place_of_the_file_exits_2_as_an_unknown_option(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains($"unknown option '{args[^1]}'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("file not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Existing_file_whose_name_starts_with_a_dash_is_a_file()
    {
        var name = $"-magloop-cli-{Guid.NewGuid():N}.yaml";
        File.Copy(Scenario("dfw-hub-2-vessels.yaml"), name);
        try
        {
            var (code, stdout, stderr) = Run("validate", name);
            Assert.True(code == 0, stderr);
            Assert.StartsWith($"{name}: valid", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(name);
        }
    }

    [Theory]
    [InlineData("study")]
    [InlineData("validate")]
    public void Folder_in_place_of_the_file_exits_2(string command)
    {
        var folder = Path.GetDirectoryName(Scenario("dfw-hub.yaml"))!;
        var (code, _, stderr) = Run(command, folder);
        Assert.Equal((2, $"{folder}: is a folder, not a scenario file; give the path of a .yaml file"), (code, stderr.Trim()));
    }

    [Fact]
    public void Validate_reports_every_problem_of_the_scenario_at_once()
    {
        var text = File.ReadAllText(Scenario("dfw-hub.yaml"))
            .Replace("scrapType: speaker-zn", "scrapType: speaker-zinc", StringComparison.Ordinal)
            .Replace("sintering: { units: 4, lotKg: 1000, cycleHours: 24 }", "sintering: { units: 4, lotKg: 1000, cycleHours: 24, rateKgPerHour: 50 }", StringComparison.Ordinal);
        var file = TempFile(text);
        try
        {
            var (code, stdout, stderr) = Run("validate", file);
            Assert.Equal(2, code);
            Assert.Empty(stdout);
            var lines = stderr.Trim().Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.Matches($@"^{Regex.Escape(file)}:\d+:\d+: feeds\[5\]\.scrapType: unknown scrap type 'speaker-zinc'; did you mean 'speaker-zn'\?", lines[0]);
            Assert.Matches($@"^{Regex.Escape(file)}:\d+:\d+: simulation\.stations\.sintering\.cycleHours: stations\.sintering needs exactly one of cycleHours and rateKgPerHour", lines[1]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Undefined_alias_exits_2_located_at_the_alias()
    {
        var file = TempFile("name: x\nsites:\n  - *hub\n");
        try
        {
            var (code, _, stderr) = Run("validate", file);
            Assert.Equal((2, $"{file}:3:5: malformed YAML: alias '*hub' refers to no anchor; define '&hub' on a value before it"), (code, stderr.Trim()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Quoted_number_exits_2_with_a_located_hint()
    {
        var file = TempFile(File.ReadAllText(Scenario("dfw-hub.yaml")).Replace("tonnesPerYear: 1600", "tonnesPerYear: '1600'", StringComparison.Ordinal));
        try
        {
            var (code, _, stderr) = Run("validate", file);
            Assert.Equal(2, code);
            Assert.Matches(@"^.+\.yaml:\d+:\d+: feeds\[0\]\.tonnesPerYear: expected a number, found the text '1600'; remove the quotes\s*$", stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Unknown_command_exits_2() => Assert.Equal(2, Run("simulat").ExitCode);

    [Fact]
    public void Validate_without_a_file_exits_2() => Assert.Equal(2, Run("validate").ExitCode);

    [Fact]
    public void Schema_prints_the_generated_schema() => Assert.Equal(ScenarioSchema.Generate(), Run("schema").Stdout);

    [Fact]
    public void Scrap_types_json_lists_the_library_with_sources()
    {
        var (code, stdout, _) = Run("scrap-types", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(7, json.RootElement.GetArrayLength());
        Assert.All(json.RootElement.EnumerateArray(), t =>
            Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("hpmsExtractionYield").GetProperty("source").GetString())));
    }

    [Fact]
    public void Help_lists_the_commands()
    {
        var (code, stdout, _) = Run("--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "study", "validate", "schema", "scrap-types" })
            Assert.Contains(command, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999")]
    [InlineData("-1")]
    public void A_bad_number_of_draws_is_a_user_error_not_a_crash(string draws)
    {
        var (code, stdout, stderr) = Run("study", "--monte-carlo", draws);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--monte-carlo", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_writes_all_files_or_none()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"magloop-out-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(directory, "cashflows.csv"));
        try
        {
            var (code, _, stderr) = Run("study", "--out", directory);
            Assert.Equal(2, code);
            Assert.Contains("nothing written", stderr, StringComparison.Ordinal);
            Assert.Equal(["cashflows.csv"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("    yield: 0.75 ", "    yield: 0 ")]
    [InlineData("tonnesPerYear: 1000", "tonnesPerYear: 0")]
    public void Simulate_refuses_what_validate_refuses(string oldText, string newText)
    {
        var text = File.ReadAllText(Scenario("dfw-hub.yaml"));
        var edited = oldText.StartsWith("tonnes", StringComparison.Ordinal)
            ? System.Text.RegularExpressions.Regex.Replace(text, @"tonnesPerYear: [0-9.]+", newText)
            : text.Replace(oldText, newText, StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        var path = TempFile(edited);
        try
        {
            var validate = Run("validate", path);
            var simulate = Run("simulate", path, "--replications", "2");
            Assert.Equal(2, validate.ExitCode);
            Assert.Equal(2, simulate.ExitCode);
            Assert.Equal(validate.Stderr, simulate.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("trace", "demo", "--days", "abc")]
    [InlineData("trace", "bench", "--events", "x")]
    [InlineData("bench", "des", "--model", "mmc", "--servers", "abc")]
    [InlineData("bench", "des", "--model", "machine-shop", "--years", "ten")]
    [InlineData("simulate", "--replications", "many")]
    public void Text_where_a_number_belongs_is_a_user_error_on_every_command(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Matches(@"magloop: --[a-z-]+ expects a (whole )?number, not '", stderr);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("flowsheet,simulated")]
    public void A_bad_basis_is_a_one_line_user_error(string basis)
    {
        var (code, stdout, stderr) = Run("study", "--basis", basis);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"magloop: --basis expects flowsheet or simulated, not '{basis}'", stderr.Trim());
    }

    [Fact]
    public void A_whole_number_too_large_for_its_option_says_so()
    {
        var (code, _, stderr) = Run("study", "--monte-carlo", "99999999999");
        Assert.Equal(2, code);
        Assert.Contains("--monte-carlo expects a smaller whole number, not '99999999999'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_that_cannot_be_written_is_reported_as_such_not_as_a_bug()
    {
        using var stderr = new StringWriter();
        var code = CommandLine.Run(["schema"], new FullDisk(), stderr);
        Assert.Equal(2, code);
        Assert.Contains("cannot write the output", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("bug", stderr.ToString(), StringComparison.Ordinal);
    }

    private sealed class FullDisk : StringWriter
    {
        public override void Write(char value) => throw new IOException("No space left on device");

        public override void Write(string? value) => throw new IOException("No space left on device");

        public override void WriteLine(string? value) => throw new IOException("No space left on device");
    }
}
