using System.Text;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Cli.Tests;

// What validate refuses before parsing: not a regular file, too large, not UTF-8, tagged values. Each refusal is one
// line naming the file, exit code 2, no stack trace.
public sealed partial class CommandLineTests
{
    private static void AssertRefused(string path, string expectedMessage)
    {
        var (code, stdout, stderr) = Run("validate", path);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(expectedMessage, stderr.Trim());
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private static string TempPath(string suffix = ".yaml") => Path.Combine(Path.GetTempPath(), $"magloop-cli-{Guid.NewGuid():N}{suffix}");

    [LinuxFact]
    public void Validate_refuses_a_link_to_dev_zero_without_reading_it()
    {
        var link = TempPath();
        File.CreateSymbolicLink(link, "/dev/zero");
        try
        {
            AssertRefused(link, $"{link}: links to '/dev/zero', which is not a regular file (a character device); give the path of a .yaml file");
        }
        finally
        {
            File.Delete(link);
        }
    }

    [LinuxFact]
    public void Validate_refuses_a_named_pipe_without_waiting_for_a_writer()
    {
        var pipe = TempPath();
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", pipe)) mkfifo.WaitForExit();
        try
        {
            AssertRefused(pipe, $"{pipe}: is not a regular file (a named pipe); give the path of a .yaml file");
        }
        finally
        {
            File.Delete(pipe);
        }
    }

    [Fact]
    public void Validate_refuses_a_link_to_a_folder_as_a_folder()
    {
        var link = TempPath();
        Directory.CreateSymbolicLink(link, Path.GetTempPath());
        try
        {
            AssertRefused(link, $"{link}: is a folder, not a scenario file; give the path of a .yaml file");
        }
        finally
        {
            Directory.Delete(link);
        }
    }

    [Fact]
    public void Validate_refuses_a_file_over_the_size_limit_stating_the_limit()
    {
        var path = TempPath();
        // A comment line of the limit's length plus a scenario: too large however valid the rest is.
        File.WriteAllText(path, "#" + new string('x', ScenarioFile.MaxBytes) + "\n" + File.ReadAllText(Scenario("dfw-hub.yaml")));
        try
        {
            var size = new FileInfo(path).Length;
            AssertRefused(path, $"{path}: is {size:N0} bytes, larger than the {ScenarioFile.MaxBytes:N0} bytes (16 MiB) a scenario file may hold");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_refuses_invalid_utf8_at_the_line_and_column_of_the_bad_byte()
    {
        var path = TempPath();
        var text = File.ReadAllText(Scenario("dfw-hub.yaml")).Replace("name: DFW hub", "name: DFW h\u00fcb", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text);
        // Latin-1 ü (0xFC) where UTF-8 needs two bytes.
        var at = Array.IndexOf(bytes, (byte)0xC3);
        var patched = bytes[..at].Append((byte)0xFC).Concat(bytes[(at + 2)..]).ToArray();
        File.WriteAllBytes(path, patched);
        try
        {
            var line = text[..text.IndexOf("name: DFW h", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
            AssertRefused(path, $"{path}:{line}:12: invalid UTF-8 (0xFC at byte {at:N0}); save the file as UTF-8");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("!foo")]
    [InlineData("!!str")]
    public void Validate_refuses_a_yaml_tag_located_at_the_tagged_value(string tag)
    {
        var path = TempFile(File.ReadAllText(Scenario("dfw-hub.yaml")).Replace("    vessels: 3 ", $"    vessels: {tag} 3 ", StringComparison.Ordinal));
        try
        {
            var (code, _, stderr) = Run("validate", path);
            Assert.Equal(2, code);
            var line = File.ReadAllLines(path).ToList().FindIndex(l => l.Contains($"vessels: {tag}", StringComparison.Ordinal)) + 1;
            Assert.Equal($"{path}:{line}:14: malformed YAML: tag '{tag}' is not supported; scenario values take their types from the schema, so remove the tag", stderr.Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>A fact that runs on Linux only: the regular-file check uses statx, which is Linux's.</summary>
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Linux only: the regular-file check uses statx";
    }
}
