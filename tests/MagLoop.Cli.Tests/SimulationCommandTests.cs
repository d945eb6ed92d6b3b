using System.Text.Json;

namespace MagLoop.Cli.Tests;

public sealed class SimulationCommandTests
{
    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => CliRun.Run(args);

    [Fact]
    public void Bench_des_machine_shop_prints_its_figures_as_json()
    {
        var (code, stdout, stderr) = Run("bench", "des", "--model", "machine-shop", "--years", "0.01", "--seed", "3", "--json");
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.True(json.GetProperty("events").GetInt64() > 0);
        Assert.True(json.GetProperty("partsMade").GetInt64() > 0);
        Assert.True(json.GetProperty("eventsPerSecond").GetDouble() > 0);
        Assert.True(json.GetProperty("seconds").GetDouble() > 0);
    }

    [Fact]
    public void Bench_des_mmc_prints_wait_and_utilisation()
    {
        var (code, stdout, stderr) = Run("bench", "des", "--model", "mmc", "--servers", "2", "--arrival-rate", "1", "--service-rate", "1", "--customers", "2000", "--json");
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.True(json.GetProperty("meanWaitTime").GetDouble() > 0);
        Assert.InRange(json.GetProperty("serverUtilization").GetDouble(), 0.3, 0.7);
        Assert.Equal(0.3333333, json.GetProperty("erlangCMeanWaitTime").GetDouble(), 6);
    }

    [Theory]
    [InlineData("bench", "des", "--model", "tandem")]
    [InlineData("bench", "des", "--model", "mmc", "--servers", "0")]
    [InlineData("simulate", "--replications", "0")]
    [InlineData("simulate", "--years", "51")]
    public void Bad_arguments_exit_with_2(params string[] args)
    {
        var (code, _, stderr) = Run(args);
        Assert.Equal(CommandLine.UserError, code);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_numeric_year_count_gets_a_plain_message()
    {
        var (code, _, stderr) = Run("simulate", "--years", "abc");
        Assert.Equal(CommandLine.UserError, code);
        Assert.Contains("--years expects a whole number, not 'abc'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_nominal_reproduces_the_flowsheet_in_json()
    {
        var (code, stdout, stderr) = Run("simulate", "--nominal", "--replications", "1", "--json");
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        var magnets = json.GetProperty("magnetTonnesPerYear").GetProperty("mean").GetDouble();
        Assert.Equal(json.GetProperty("flowsheetMagnetTonnesPerYear").GetDouble(), magnets, magnets * 0.01);
        Assert.Equal("Jet mills", json.GetProperty("bottleneck").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("magnetTonnesPerYear").GetProperty("ci95Low").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("magnetTonnesPerYear").GetProperty("ci95High").ValueKind);
    }

    [Fact]
    public void Validate_refuses_a_jet_mill_lot_larger_than_the_silo_with_its_location()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "MagLoop.slnx"))) root = root.Parent!;
        var path = Path.Combine(Path.GetTempPath(), $"magloop-sim-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(root.FullName, "scenarios", "dfw-hub.yaml"))
            .Replace("jetMills: { lotKg: 250,", "jetMills: { lotKg: 50000,", StringComparison.Ordinal));
        var (code, _, stderr) = Run("validate", path);
        File.Delete(path);
        Assert.Equal(CommandLine.UserError, code);
        Assert.Matches(@"\.yaml:\d+:\d+: simulation\.stations\.jetMills\.lotKg: .*cannot fit its buffer of 20000 kg", stderr);
    }

    [Fact]
    public void One_replication_prints_no_interval()
    {
        var (code, stdout, stderr) = Run("simulate", "--nominal", "--replications", "1");
        Assert.True(code == 0, stderr);
        Assert.Contains("n/a", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[749", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_prints_tables_with_the_bottleneck()
    {
        var (code, stdout, stderr) = Run("simulate", "--replications", "3", "--seed", "2");
        Assert.True(code == 0, stderr);
        Assert.Contains("(bottleneck)", stdout, StringComparison.Ordinal);
        Assert.Contains("3 replications", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Study_json_has_the_simulation_summary()
    {
        var (code, stdout, stderr) = Run("study", "--json");
        Assert.True(code == 0, stderr);
        var simulation = JsonDocument.Parse(stdout).RootElement.GetProperty("simulation");
        Assert.Equal(30, simulation.GetProperty("replications").GetInt32());
        foreach (var name in new[] { "magnetTonnesPerYear", "coProductTonnesPerYear" })
        {
            var m = simulation.GetProperty(name);
            Assert.True(m.GetProperty("ci95Low").GetDouble() <= m.GetProperty("mean").GetDouble());
            Assert.True(m.GetProperty("mean").GetDouble() <= m.GetProperty("ci95High").GetDouble());
        }

        Assert.True(simulation.GetProperty("utilization").GetProperty("hpms").GetDouble() > 0.5);
        Assert.False(string.IsNullOrEmpty(simulation.GetProperty("bottleneck").GetString()));
        Assert.False(simulation.TryGetProperty("wallClockSeconds", out _));
    }
}
