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
        Directory.CreateDirectory(folder);
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

    [Fact]
    public void A_report_in_a_missing_folder_is_a_user_error_before_the_study_runs_and_nothing_is_written()
    {
        var folder = NewFolder();
        var outFolder = NewFolder();
        var path = Path.Combine(folder, "no-such-folder", "report.html");
        var (code, stdout, stderr) = CliRun.Run("study", "--out", outFolder, "--report", path);
        Assert.Equal(2, code);
        Assert.Contains($"the folder '{Path.GetDirectoryName(path)}' does not exist", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(folder));
        Assert.False(Directory.Exists(outFolder), "the study files were written although the report could not be");
    }

    [Fact]
    public void A_report_under_a_file_is_a_user_error_naming_the_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, _, stderr) = CliRun.Run("study", "--report", Path.Combine(file, "report.html"));
            Assert.Equal(2, code);
            Assert.Contains($"'{file}' is a file, not a folder", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_report_in_a_folder_that_refuses_files_is_a_user_error_with_exit_code_2()
    {
        // /proc takes no new files, not even from root (the tests may run as root, which ignores permission bits).
        var folder = OperatingSystem.IsLinux() ? "/proc" : ReadOnlyFolder();
        var (code, stdout, stderr) = CliRun.Run("study", "--report", Path.Combine(folder, "report.html"));
        Assert.Equal(2, code);
        Assert.Contains($"the folder '{folder}' does not accept files", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);

        static string ReadOnlyFolder()
        {
            var f = NewFolder();
            Directory.CreateDirectory(f);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(f, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return f;
        }
    }

    [Fact]
    public void Compare_report_in_a_missing_folder_is_a_user_error()
    {
        var root = Path.GetDirectoryName(CommandLine.DefaultScenarioPath())!;
        var path = Path.Combine(NewFolder(), "cmp.html");
        var (code, _, stderr) = CliRun.Run("compare", Path.Combine(root, "dfw-hub-2-vessels.yaml"), Path.Combine(root, "dfw-hub.yaml"), "--report", path);
        Assert.Equal(2, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }
}
