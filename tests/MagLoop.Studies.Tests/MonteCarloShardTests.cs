using MagLoop.Errors;

namespace MagLoop.Studies.Tests;

/// <summary>Shards of a Monte Carlo run (study --shard i/n) merge into exactly the unsharded run's study.</summary>
public sealed class MonteCarloShardTests
{
    private static readonly string Path = RepositoryFiles.Scenario("dfw-hub.yaml");

    private static StudyOptions Options(int draws, int seed = 3) => new() { Simulate = true, MonteCarloDraws = draws, Seed = seed };

    [Fact]
    public void Three_shards_merge_into_the_unsharded_study_bit_for_bit()
    {
        const int draws = 241;
        var whole = Study.Run(Path, Options(draws));
        var shards = Enumerable.Range(0, 3).Select(i => MonteCarloShards.Run(Path, Options(draws), new MonteCarloShard(i, 3))).ToList();
        // Merged in any order given: the shard index, not the file order, places the draws.
        var merged = MonteCarloShards.Merge([shards[2], shards[0], shards[1]]);
        Assert.Equal(whole.ToJson(), merged.ToJson());
        Assert.Equal(draws, merged.Risk!.Draws);
    }

    [Fact]
    public void One_thread_gives_the_study_that_all_threads_give() =>
        Assert.Equal(Study.Run(Path, Options(64) with { MaxThreads = 1 }).ToJson(), Study.Run(Path, Options(64)).ToJson());

    [Fact]
    public void Shards_partition_the_draws_without_gap_or_overlap()
    {
        foreach (var (draws, count) in new[] { (10, 3), (5, 8), (1_000_000, 7), (0, 1) })
        {
            var next = 0;
            for (var i = 0; i < count; i++)
            {
                var (start, n) = new MonteCarloShard(i, count).Range(draws);
                Assert.Equal(next, start);
                next += n;
            }

            Assert.Equal(draws, next);
        }
    }

    [Fact]
    public void A_shard_written_and_read_back_merges_as_before()
    {
        var directory = Directory.CreateTempSubdirectory("magloop-shards-").FullName;
        try
        {
            var shards = Enumerable.Range(0, 2).Select(i => MonteCarloShards.Run(Path, Options(12), new MonteCarloShard(i, 2))).ToList();
            foreach (var s in shards) MonteCarloShards.Write(s, directory);
            var read = MonteCarloShards.Read([directory]);
            Assert.Equal(MonteCarloShards.Merge(shards).ToJson(), MonteCarloShards.Merge(read).ToJson());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Merge_refuses_a_missing_a_duplicate_and_a_foreign_shard()
    {
        var a = Enumerable.Range(0, 3).Select(i => MonteCarloShards.Run(Path, Options(9), new MonteCarloShard(i, 3))).ToList();
        Assert.Contains("1 of 3 shards missing: 1/3", Assert.Throws<UserError>(() => MonteCarloShards.Merge([a[0], a[2]])).Message, StringComparison.Ordinal);
        Assert.Contains("shard 2/3 is given twice", Assert.Throws<UserError>(() => MonteCarloShards.Merge([a[0], a[1], a[2], a[2]])).Message, StringComparison.Ordinal);
        var otherSeed = MonteCarloShards.Run(Path, Options(9, seed: 4), new MonteCarloShard(1, 3));
        Assert.Contains("seed 4", Assert.Throws<UserError>(() => MonteCarloShards.Merge([a[0], otherSeed, a[2]])).Message, StringComparison.Ordinal);
        var otherDraws = MonteCarloShards.Run(Path, Options(10), new MonteCarloShard(1, 3));
        Assert.Contains("10 draws in the run", Assert.Throws<UserError>(() => MonteCarloShards.Merge([a[0], otherDraws, a[2]])).Message, StringComparison.Ordinal);
        var edited = a[1] with { ScenarioText = a[1].ScenarioText + "\n# edited\n" };
        Assert.Contains("does not match its SHA-256", Assert.Throws<UserError>(() => MonteCarloShards.Merge([a[0], edited, a[2]])).Message, StringComparison.Ordinal);
        var otherScenario = a[1] with { ScenarioSha256 = new string('0', 64) };
        Assert.Contains("not part of the same run: scenario", Assert.Throws<UserError>(() => MonteCarloShards.Merge([a[0], otherScenario, a[2]])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3/3", "the index runs from 0 to 2")]
    [InlineData("1/0", "the count must be between 1")]
    [InlineData("one/3", "expects INDEX/COUNT")]
    [InlineData("-1/3", "expects INDEX/COUNT")]
    public void A_bad_shard_text_is_a_user_error(string text, string message) =>
        Assert.Contains(message, Assert.Throws<UserError>(() => MonteCarloShard.Parse(text)).Message, StringComparison.Ordinal);
}
