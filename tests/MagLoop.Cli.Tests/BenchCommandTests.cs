namespace MagLoop.Cli.Tests;

public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("--years must be > 0", "--model", "mmc", "--years", "0")]
    [InlineData("--years must be > 0", "--model", "machine-shop", "--years", "-5")]
    [InlineData("--servers must be at least 1", "--model", "mmc", "--servers", "-1")]
    [InlineData("--arrival-rate must be > 0", "--model", "mmc", "--arrival-rate", "0")]
    [InlineData("--service-rate must be > 0", "--model", "machine-shop", "--service-rate", "-1")]
    [InlineData("--customers must be at least 1", "--model", "mmc", "--customers", "0")]
    [InlineData("unstable queue: --arrival-rate 3 must be below --servers x --service-rate = 3", "--model", "mmc", "--arrival-rate", "3", "--servers", "3", "--service-rate", "1")]
    public void Bench_des_rejects_non_positive_values_and_an_unstable_queue(string message, params string[] args)
    {
        var (code, _, stderr) = CliRun.Run(["bench", "des", .. args]);
        Assert.Equal(CommandLine.UserError, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_mc_reports_the_draws_it_timed()
    {
        var (code, stdout, stderr) = CliRun.Run("bench", "mc", "--draws", "12", "--threads", "1", "--json");
        Assert.True(code == 0, stderr);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(12, json.RootElement.GetProperty("draws").GetInt32());
        Assert.True(json.RootElement.GetProperty("drawsPerSecond").GetDouble() > 0);
        Assert.Equal(0, json.RootElement.GetProperty("warmupDraws").GetInt32());
        // What the garbage collector did during the timed draws, to tell allocation from arithmetic.
        Assert.True(json.RootElement.GetProperty("allocatedBytesPerDraw").GetInt64() > 0);
        Assert.True(json.RootElement.GetProperty("gcCollections").GetInt32() >= 0);
        Assert.True(json.RootElement.GetProperty("gcPauseSeconds").GetDouble() >= 0);
    }

    [Fact]
    public void Bench_mc_warms_up_untimed_when_asked()
    {
        var (code, stdout, stderr) = CliRun.Run("bench", "mc", "--draws", "12", "--threads", "1", "--warmup-draws", "8", "--json");
        Assert.True(code == 0, stderr);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(8, json.RootElement.GetProperty("warmupDraws").GetInt32());
        Assert.True(json.RootElement.GetProperty("warmupSeconds").GetDouble() > 0);
        Assert.Equal(12, json.RootElement.GetProperty("draws").GetInt32());
    }

    [Theory]
    [InlineData("--draws must be between 1", "--draws", "0")]
    [InlineData("--threads must be at least 1", "--threads", "0")]
    [InlineData("--warmup-draws must be between 0", "--warmup-draws", "-1")]
    public void Bench_mc_rejects_bad_counts(string message, params string[] args)
    {
        var (code, _, stderr) = CliRun.Run(["bench", "mc", .. args]);
        Assert.Equal(CommandLine.UserError, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_network_prints_the_solve_s_time_and_gap_beside_the_anchor()
    {
        var (code, stdout, stderr) = CliRun.Run("bench", "network", "--time-limit", "2", "--json");
        Assert.True(code == 0, stderr);
        var json = System.Text.Json.JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(50, json.GetProperty("sources").GetInt32());
        Assert.True(json.GetProperty("seconds").GetDouble() > 0);
        Assert.Equal(10, json.GetProperty("anchorSeconds").GetDouble());
        Assert.True(json.GetProperty("objectiveUsd").GetDouble() > 0, "the plan opens nothing");
        Assert.True(json.TryGetProperty("relativeGap", out _));
    }

    [Fact]
    public void Bench_network_refuses_an_unknown_size()
    {
        var (code, _, _) = CliRun.Run("bench", "network", "--size", "planet");
        Assert.Equal(CommandLine.UserError, code);
    }
}
