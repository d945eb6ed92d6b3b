using static MagLoop.Cli.Tests.CliRun;

namespace MagLoop.Cli.Tests;

/// <summary><c>magloop study --shard i/n --out DIR</c> and <c>magloop merge DIR</c>.</summary>
public sealed class MergeCommandTests
{
    [Fact]
    public void Merged_shards_print_the_unsharded_json()
    {
        var directory = Directory.CreateTempSubdirectory("magloop-merge-").FullName;
        try
        {
            foreach (var i in new[] { "0/3", "1/3", "2/3" })
            {
                var (shardCode, shardOut, shardErr) = Run("study", "--monte-carlo", "30", "--seed", "5", "--shard", i, "--out", directory);
                Assert.True(shardCode == 0, shardErr);
                Assert.Equal("", shardOut);
                Assert.Contains(".mcshard.json", shardErr, StringComparison.Ordinal);
            }

            var (code, stdout, stderr) = Run("merge", directory, "--json");
            Assert.True(code == 0, stderr);
            var (wholeCode, whole, wholeErr) = Run("study", "--monte-carlo", "30", "--seed", "5", "--json");
            Assert.True(wholeCode == 0, wholeErr);
            Assert.Equal(whole, stdout);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Merge_of_a_folder_without_shards_exits_2()
    {
        var directory = Directory.CreateTempSubdirectory("magloop-merge-").FullName;
        try
        {
            var (code, _, stderr) = Run("merge", directory);
            Assert.Equal(2, code);
            Assert.Contains("no shard files", stderr, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(directory, "shard-0000-of-0001.mcshard.json"), "{ \"format\": 1 }");
            (code, _, stderr) = Run("merge", directory);
            Assert.Equal(2, code);
            Assert.Contains("not a MagLoop shard file", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Merge_with_a_missing_shard_exits_2_and_names_it()
    {
        var directory = Directory.CreateTempSubdirectory("magloop-merge-").FullName;
        try
        {
            var (shardCode, _, shardErr) = Run("study", "--monte-carlo", "4", "--shard", "1/2", "--out", directory);
            Assert.True(shardCode == 0, shardErr);
            var (code, stdout, stderr) = Run("merge", directory, "--json");
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Contains("1 of 2 shards missing: 0/2", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("--shard 2/2 --monte-carlo 10 --out x", "the index runs from 0 to 1")]
    [InlineData("--shard 0/2 --out x", "--shard needs --monte-carlo N")]
    [InlineData("--shard 0/2 --monte-carlo 10", "--shard needs --out DIR")]
    [InlineData("--shard 0/2 --monte-carlo 10 --out x --json", "--shard writes only the shard file")]
    public void Bad_shard_arguments_exit_2(string arguments, string message)
    {
        var (code, _, stderr) = Run(["study", .. arguments.Split(' ')]);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }
}
