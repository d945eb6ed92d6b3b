namespace MagLoop.Cli.Tests;

public sealed class ReportOptionTests
{
    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "magloop-cli-report-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Study_report_without_a_path_goes_into_the_out_folder_beside_study_json()
    {
        var folder = NewFolder();
        try
        {
            var (code, _, stderr) = CliRun.Run("study", "--out", folder, "--report");
            Assert.Equal(0, code);
            var html = File.ReadAllText(Path.Combine(folder, "report.html"));
            Assert.Contains("data-section=\"summary\"", html, StringComparison.Ordinal);
            Assert.Contains("data-not-run=\"monte-carlo\"", html, StringComparison.Ordinal);
            Assert.Contains("report.html", stderr, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "study.json")));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Compare_report_writes_to_the_path_given()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "cmp.html");
        try
        {
            var root = Path.GetDirectoryName(CommandLine.DefaultScenarioPath())!;
            var (code, _, _) = CliRun.Run("compare", Path.Combine(root, "dfw-hub-2-vessels.yaml"), Path.Combine(root, "dfw-hub.yaml"), "--report", path);
            Assert.Equal(0, code);
            var html = File.ReadAllText(path);
            Assert.Contains("data-json=\"comparison\"", html, StringComparison.Ordinal);
            Assert.Contains("data-json=\"a\"", html, StringComparison.Ordinal);
            Assert.Contains("data-json=\"b\"", html, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_report_path_that_is_a_folder_is_a_user_error_naming_it()
    {
        var folder = NewFolder();
        Directory.CreateDirectory(folder);
        try
        {
            var (code, _, stderr) = CliRun.Run("study", "--report", folder);
            Assert.Equal(2, code);
            Assert.Contains(folder, stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
