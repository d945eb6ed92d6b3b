using System.Text;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

/// <summary>What ScenarioFile reads and refuses before parsing (the CLI tests cover devices, pipes, size and tags).</summary>
public sealed class ScenarioFileTests
{
    private static string Write(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"magloop-file-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_dropped()
    {
        var path = Write([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(MinimalScenario.Text)]);
        try
        {
            Assert.Equal(MinimalScenario.Text, ScenarioFile.ReadText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_utf16_file_is_refused_with_a_request_for_utf8()
    {
        var path = Write([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(MinimalScenario.Text)]);
        try
        {
            Assert.Equal($"{path}: is UTF-16 encoded; save it as UTF-8", Assert.Throws<ScenarioException>(() => ScenarioFile.ReadText(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_truncated_character_at_the_end_is_located_after_the_last_full_one()
    {
        // "é" is 0xC3 0xA9 in UTF-8; its first byte alone ends the file on line 2, after "ab".
        var path = Write([.. "x\nab"u8, 0xC3]);
        try
        {
            var error = Assert.Throws<ScenarioException>(() => ScenarioFile.ReadText(path));
            Assert.Equal((2, 3), (error.Line, error.Column));
            Assert.Contains("0xC3 at byte 4", error.Problem, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
