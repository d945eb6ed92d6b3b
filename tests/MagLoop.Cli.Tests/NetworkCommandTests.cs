using System.Text.Json;

namespace MagLoop.Cli.Tests;

public sealed class NetworkCommandTests
{
    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => CliRun.Run(args);

    [Fact]
    public void The_default_network_is_the_disclosed_one_and_reproduces_the_study_s_feed_tonnage()
    {
        var (code, stdout, stderr) = Run("network", "--json", "--no-marginal-values");
        Assert.True(code == 0, stderr);
        var plan = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("optimal", plan.GetProperty("status").GetString());
        var opened = plan.GetProperty("openings").EnumerateArray().Select(o => o.GetProperty("siteId").GetString()).Order().ToList();
        Assert.Equal(["greer-sc", "northlake-tx", "reno-nv"], opened);
        // scenarios/dfw-hub.yaml takes 10,104.7 t/yr of scrap (HPMS-limited); the network buys the same every year.
        Assert.All(plan.GetProperty("years").EnumerateArray(), y => Assert.Equal(10_104.65, y.GetProperty("scrapBoughtTonnes").GetDouble(), 0.1));
    }

    [Fact]
    public void Out_writes_the_plan_flows_maps_and_scenarios_that_magloop_study_runs()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"magloop-network-{Guid.NewGuid():N}");
        var (code, stdout, stderr) = Run("network", "--out", folder, "--years", "2027", "2036", "--no-marginal-values");
        Assert.True(code == 0, stderr);
        Assert.Contains("Sites opened", stdout, StringComparison.Ordinal);
        foreach (var name in new[] { "plan.json", "flows.csv", "map-2027.svg", "map-2036.svg" }) Assert.True(File.Exists(Path.Combine(folder, name)), name);
        Assert.StartsWith("from,to,mode,scrapType,year,tonnes", File.ReadAllText(Path.Combine(folder, "flows.csv")), StringComparison.Ordinal);
        var scenario = Assert.Single(Directory.GetFiles(Path.Combine(folder, "scenarios")));
        var (studyCode, studyOut, studyErr) = Run("study", scenario, "--json");
        Assert.True(studyCode == 0, studyErr);
        var study = JsonDocument.Parse(studyOut).RootElement;
        Assert.Equal(10_104.65, study.GetProperty("production").GetProperty("scrapFeedTonnesPerYear").GetDouble(), 0.1);
    }

    [Fact]
    public void A_missing_network_file_exits_with_2_without_a_stack_trace()
    {
        var (code, _, stderr) = Run("network", "no-such-network.yaml");
        Assert.Equal(CommandLine.UserError, code);
        Assert.Contains("no-such-network.yaml", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_network_file_gets_one_located_error_and_exit_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-network-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: bad\nfirstYear: 2027\nlastYear: 2026\n");
        var (code, _, stderr) = Run("network", path);
        Assert.Equal(CommandLine.UserError, code);
        Assert.Contains(path + ":", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_infeasible_network_names_the_groups_that_cannot_be_met_and_exits_with_2()
    {
        // The disclosed hub must run full and then emits 4,275 t CO2e a year: a 3,000 t cap cannot be met.
        var disclosed = Path.Combine(AppContext.BaseDirectory, "networks", "disclosed.yaml");
        var path = Path.Combine(AppContext.BaseDirectory, "networks", $".capped-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, File.ReadAllText(disclosed).Replace("  priceUsdPerTonneCo2e: 0", "  priceUsdPerTonneCo2e: 0\n  capTonnesPerYear: 3000", StringComparison.Ordinal));
        try
        {
            var (code, _, stderr) = Run("network", path, "--no-marginal-values");
            Assert.Equal(CommandLine.UserError, code);
            Assert.Contains("No plan meets every constraint", stderr, StringComparison.Ordinal);
            Assert.Contains("carbon cap (2027 is 1,275.0 t CO2e over the cap)", stderr, StringComparison.Ordinal);
            Assert.Contains("minimum utilisation", stderr, StringComparison.Ordinal);
            var (jsonCode, stdout, _) = Run("network", path, "--no-marginal-values", "--json");
            Assert.Equal(CommandLine.UserError, jsonCode);
            var plan = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal("infeasible", plan.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, plan.GetProperty("objectiveUsd").ValueKind);
            Assert.Contains("carbon cap", plan.GetProperty("infeasibility").GetProperty("summary").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("network", "--best", "0")]
    [InlineData("network", "--time-limit", "0")]
    [InlineData("network", "--years", "1999")]
    public void Bad_arguments_exit_with_2(params string[] args)
    {
        var (code, _, stderr) = Run(args);
        Assert.Equal(CommandLine.UserError, code);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
