namespace MagLoop.Cli.Tests;

/// <summary>Runs the command line in-process and captures what it writes.</summary>
internal static class CliRun
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
