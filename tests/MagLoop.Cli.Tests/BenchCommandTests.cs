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
    }

    [Theory]
    [InlineData("--draws must be between 1", "--draws", "0")]
    [InlineData("--threads must be at least 1", "--threads", "0")]
    public void Bench_mc_rejects_bad_counts(string message, params string[] args)
    {
        var (code, _, stderr) = CliRun.Run(["bench", "mc", .. args]);
        Assert.Equal(CommandLine.UserError, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }
}
