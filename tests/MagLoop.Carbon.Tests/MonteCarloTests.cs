namespace MagLoop.Carbon.Tests;

public sealed class MonteCarloTests
{
    private static readonly ProductMasses Products = new(1000, 1010, 990, 1000);

    private static readonly PooledAllocation ByMass = new(Products, Allocation.ByMass(Products));

    private static readonly IReadOnlyList<InventoryLine> Lines =
    [
        new("Electricity", Stage.MagnetMaking, "hub", Gate.CutBlock, 1000, "kWh", 0.4, "t", UncertaintyKeys.ElectricityIntensity, UncertaintyKeys.GridFactor),
        new("Fresh RE", Stage.FreshRareEarth, "hub", Gate.CutBlock, 20, "kg", 20, "t", null, UncertaintyKeys.FreshRareEarthFactor),
    ];

    private static readonly IReadOnlyList<UncertaintyRange> Ranges =
    [
        new(UncertaintyKeys.ElectricityIntensity, 0.7, 1.5),
        new(UncertaintyKeys.GridFactor, 0.9, 1.1),
        new(UncertaintyKeys.FreshRareEarthFactor, 0.6, 1.8),
        new(UncertaintyKeys.VirginRoute, 0.67, 2.5),
    ];

    private static MonteCarloResult Run(int seed, int draws = 500) => MonteCarlo.Run(Lines, ByMass, 12, Ranges, draws, seed);

    [Fact]
    public void Same_seed_gives_identical_percentiles()
    {
        Assert.Equal(Run(42), Run(42));
    }

    [Fact]
    public void Same_seed_gives_identical_percentiles_in_parallel()
    {
        var results = new MonteCarloResult[4];
        Parallel.For(0, results.Length, i => results[i] = Run(42));
        Assert.All(results, r => Assert.Equal(results[0], r));
    }

    [Fact]
    public void The_draws_do_not_depend_on_the_threads_and_progress_counts_every_draw()
    {
        // More draws than one block, so the blocks' boundaries are crossed on several threads.
        var draws = MonteCarlo.BlockDraws + 300;
        var one = MonteCarlo.Draw(Lines, ByMass, 12, Ranges, 5, 0, draws, maxThreads: 1);
        var reported = new List<int>();
        var many = MonteCarlo.Draw(Lines, ByMass, 12, Ranges, 5, 0, draws, new SynchronousProgress(reported), maxThreads: 4);
        Assert.Equal(one.CutBlock, many.CutBlock);
        Assert.Equal(one.Saving, many.Saving);
        Assert.Equal(draws, reported.Max());
        // A later range is the same draws of the same run.
        var tail = MonteCarlo.Draw(Lines, ByMass, 12, Ranges, 5, MonteCarlo.BlockDraws - 10, 310);
        Assert.Equal(one.Magnet.AsSpan(MonteCarlo.BlockDraws - 10).ToArray(), tail.Magnet);
    }

    private sealed class SynchronousProgress(List<int> reported) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (reported) reported.Add(value);
        }
    }

    [Fact]
    public void Another_seed_gives_other_draws()
    {
        Assert.NotEqual(Run(1).P50.KgCo2ePerKgCutBlock, Run(2).P50.KgCo2ePerKgCutBlock);
    }

    [Fact]
    public void Percentiles_are_ordered_and_bracket_the_deterministic_value()
    {
        var r = Run(7, 2000);
        var point = Footprint.Core(Lines, ByMass, 12).CutBlock;
        Assert.True(r.P10.KgCo2ePerKgCutBlock < r.P50.KgCo2ePerKgCutBlock && r.P50.KgCo2ePerKgCutBlock < r.P90.KgCo2ePerKgCutBlock);
        Assert.InRange(point, r.P10.KgCo2ePerKgCutBlock, r.P90.KgCo2ePerKgCutBlock);
    }

    [Fact]
    public void Without_ranges_every_draw_is_the_deterministic_value()
    {
        var r = MonteCarlo.Run(Lines, ByMass, 12, [], 50, 3);
        var point = Footprint.Core(Lines, ByMass, 12);
        Assert.Equal(point.CutBlock, r.P10.KgCo2ePerKgCutBlock, 12);
        Assert.Equal(point.CutBlock, r.P90.KgCo2ePerKgCutBlock, 12);
    }

    [Fact]
    public void Triangular_draws_stay_within_the_range_and_hit_the_mode_at_its_quantile()
    {
        var range = new UncertaintyRange("k", 0.5, 2).Distribution;
        Assert.Equal(0.5, range.Quantile(0), 12);
        Assert.Equal(1, range.Quantile((1 - 0.5) / (2 - 0.5)), 12);
        Assert.InRange(range.Quantile(0.999999), 1.99, 2);
    }

    [Fact]
    public void An_empty_range_is_a_multiplier_of_one()
    {
        var range = new UncertaintyRange("k", 1, 1).Distribution;
        Assert.Equal(1, range.Quantile(0.01));
        Assert.Equal(1, range.Quantile(0.99));
    }
}
