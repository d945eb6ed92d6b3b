using MagLoop.Plants;

namespace MagLoop.Studies;

/// <summary>How a study is run beyond its scenario file: risk draws, seed, price deck, progress reporting.</summary>
public sealed record StudyOptions
{
    /// <summary>The options of a plain deterministic study.</summary>
    public static StudyOptions Default { get; } = new();

    /// <summary>Monte Carlo draws for the risk analyses; 0 runs none.</summary>
    public int MonteCarloDraws { get; init; }

    /// <summary>Seed of every stochastic part of the study; the same inputs and seed give identical results.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Name of the price deck to use; null takes the scenario's default deck.</summary>
    public string? PriceDeck { get; init; }

    /// <summary>
    /// Runs the discrete-event simulation of the plant (the scenario's simulation section) and reports it as
    /// <see cref="StudyResult.Simulation"/>. <c>magloop study</c> turns it on; off by default so that callers needing
    /// only the balance stay fast.
    /// </summary>
    public bool Simulate { get; init; }

    /// <summary>
    /// Production the carbon and economics run on: the flowsheet's nameplate (default) or the simulated output,
    /// a plant whose station availabilities are scaled until its flowsheet makes the simulation's mean magnets
    /// and co-products (see <see cref="SimulatedBasis"/>). <see cref="StudyBasis.Simulated"/> needs <see cref="Simulate"/>.
    /// </summary>
    public StudyBasis Basis { get; init; } = StudyBasis.Flowsheet;

    /// <summary>Functional unit of the headline carbon footprint; null takes the scenario's carbon.functionalUnit.</summary>
    public MagLoop.Carbon.FunctionalUnitKind? FunctionalUnit { get; init; }

    /// <summary>
    /// Computes only this shard's share of the <see cref="MonteCarloDraws"/> draws and returns their raw results as
    /// <see cref="StudyResult.Draws"/> (no tornado, no percentiles: <see cref="MonteCarloShards.Merge"/> computes them
    /// from all shards); null computes every draw.
    /// </summary>
    public MonteCarloShard? Shard { get; init; }

    /// <summary>Most threads the Monte Carlo draws run on (-1, the default: as many as the thread pool gives); results do not depend on it.</summary>
    public int MaxThreads { get; init; } = -1;

    /// <summary>The draws of every shard, joined: the study reads them instead of computing them.</summary>
    internal MonteCarloDraws? MergedDraws { get; init; }

    /// <summary>First draw and number of draws this run computes.</summary>
    internal (int Start, int Count) DrawRange => Shard is { } s ? s.Range(MonteCarloDraws) : (0, MonteCarloDraws);

    /// <summary>Receives progress of long parts of the study (Monte Carlo, replications); may be null.</summary>
    public IProgress<StudyProgress>? Progress { get; init; }
}

/// <summary>Progress of one long part of a study.</summary>
/// <param name="Task">What is running, for a progress bar's label.</param>
/// <param name="Done">Units done so far.</param>
/// <param name="Total">Units in all.</param>
public readonly record struct StudyProgress(string Task, int Done, int Total);

/// <summary>Progress of the parts of a study run by other rooms, reported as study progress.</summary>
public static class StudyProgressRelay
{
    /// <summary>Reports finished replications of the plant simulation as "Simulating replications" steps, synchronously.</summary>
    public static IProgress<ReplicationProgress> ForReplications(this IProgress<StudyProgress> target) => new Relay(target);

    private sealed class Relay(IProgress<StudyProgress> target) : IProgress<ReplicationProgress>
    {
        public void Report(ReplicationProgress value) => target.Report(new StudyProgress("Simulating replications", value.Done, value.Total));
    }
}
