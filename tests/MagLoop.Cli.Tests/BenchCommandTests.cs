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
}
