using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MagLoop.Carbon;
using MagLoop.Errors;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> of a Monte Carlo run: draws are split into <see cref="Count"/>
/// contiguous blocks by index, shard i taking draws floor(N i / n) to floor(N (i + 1) / n) - 1, so every draw falls in
/// exactly one shard whatever N and n are.
/// </summary>
/// <param name="Index">Shard index, 0 to <paramref name="Count"/> - 1 (a Slurm array task id or a Kubernetes completion index).</param>
/// <param name="Count">Number of shards.</param>
public readonly record struct MonteCarloShard(int Index, int Count)
{
    /// <summary>Most shards a run is split into.</summary>
    public const int MaxCount = 100_000;

    /// <summary>First draw and number of draws of this shard in a run of <paramref name="draws"/> draws.</summary>
    public (int Start, int Count) Range(int draws)
    {
        var start = (int)((long)draws * Index / Count);
        var end = (int)((long)draws * (Index + 1) / Count);
        return (start, end - start);
    }

    /// <summary>Reads "i/n" (i from 0 to n - 1); a bad text is a <see cref="UserError"/> on <c>--shard</c>.</summary>
    public static MonteCarloShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            throw new UserError($"--shard expects INDEX/COUNT such as 0/4 (index from 0), not '{text}'", "--shard");
        if (n is < 1 or > MaxCount) throw new UserError($"--shard {text}: the count must be between 1 and {MaxCount:N0}", "--shard");
        if (i >= n) throw new UserError($"--shard {text}: the index runs from 0 to {n - 1}", "--shard");
        return new MonteCarloShard(i, n);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>
/// The raw results of a range of Monte Carlo draws, one value per draw in each array (index = draw - <see cref="Start"/>):
/// everything the risk and carbon percentiles, the histogram and the lender's view are computed from. Doubles only,
/// so 100,000 draws take about 9 MB.
/// </summary>
public sealed class MonteCarloDraws
{
    /// <summary>Room for draws <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1.</summary>
    public MonteCarloDraws(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Start = start;
        NpvUsd = new double[count];
        Irr = new double[count];
        EquityIrr = new double[count];
        MinDscr = new double[count];
        FirstProductionMonths = new double[count];
        FinancingCloses = new bool[count];
    }

    /// <summary>Index of the first draw held.</summary>
    public int Start { get; }

    /// <summary>Draws held.</summary>
    public int Count => NpvUsd.Length;

    /// <summary>Project NPV.</summary>
    public double[] NpvUsd { get; }

    /// <summary>Project IRR; NaN when the draw has no unique IRR.</summary>
    public double[] Irr { get; }

    /// <summary>Equity IRR; NaN when there is no unique one.</summary>
    public double[] EquityIrr { get; }

    /// <summary>Lowest six-month DSCR; NaN without debt service.</summary>
    public double[] MinDscr { get; }

    /// <summary>Months from the notice to proceed to first production.</summary>
    public double[] FirstProductionMonths { get; }

    /// <summary>Whether the export credit closed.</summary>
    public bool[] FinancingCloses { get; }

    /// <summary>The carbon footprints of the same draws (null when the scenario's carbon Monte Carlo did not run).</summary>
    public CarbonDraws? Carbon { get; set; }

    /// <summary>Shards joined in draw order; they must follow each other without gap or overlap.</summary>
    public static MonteCarloDraws Join(IReadOnlyList<MonteCarloDraws> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var total = parts.Sum(p => p.Count);
        var joined = new MonteCarloDraws(parts.Count > 0 ? parts[0].Start : 0, total);
        var carbon = parts.All(p => p.Carbon is not null) && parts.Count > 0 ? new CarbonDraws(total) : null;
        var at = 0;
        foreach (var p in parts)
        {
            if (p.Start != joined.Start + at) throw new ArgumentException($"draws {p.Start} onwards do not follow draw {joined.Start + at - 1}", nameof(parts));
            p.NpvUsd.CopyTo(joined.NpvUsd, at);
            p.Irr.CopyTo(joined.Irr, at);
            p.EquityIrr.CopyTo(joined.EquityIrr, at);
            p.MinDscr.CopyTo(joined.MinDscr, at);
            p.FirstProductionMonths.CopyTo(joined.FirstProductionMonths, at);
            p.FinancingCloses.CopyTo(joined.FinancingCloses, at);
            if (carbon is not null)
            {
                p.Carbon!.CutBlock.CopyTo(carbon.CutBlock, at);
                p.Carbon.Magnet.CopyTo(carbon.Magnet, at);
                p.Carbon.CoProduct.CopyTo(carbon.CoProduct, at);
                p.Carbon.Saving.CopyTo(carbon.Saving, at);
            }

            at += p.Count;
        }

        joined.Carbon = carbon;
        return joined;
    }
}

/// <summary>
/// One shard of a Monte Carlo run as <c>magloop study --shard i/n --out DIR</c> writes it: the run it belongs to (the
/// scenario text and its SHA-256, the seed, the draws, the options) and its draws' raw results. <c>magloop merge</c>
/// checks that a set of shards is one whole run and recomputes the study from them.
/// </summary>
/// <param name="Format">File format version (<see cref="MonteCarloShards.FormatVersion"/>).</param>
/// <param name="MagloopVersion">Version of the MagLoop that computed it; merge refuses shards of another version.</param>
/// <param name="ScenarioFile">The scenario path as given to the study (the study result names it).</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario text, hex.</param>
/// <param name="ScenarioText">The scenario text, so that merge needs no access to the file.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="Draws">Draws of the whole run.</param>
/// <param name="PriceDeck">--price-deck, if given.</param>
/// <param name="FunctionalUnit">--functional-unit, if given.</param>
/// <param name="Basis">--basis.</param>
/// <param name="ShardIndex">This shard's index, from 0.</param>
/// <param name="ShardCount">Shards of the run.</param>
/// <param name="Start">First draw of this shard.</param>
/// <param name="NpvUsd">Per draw: project NPV.</param>
/// <param name="Irr">Per draw: project IRR (null: no unique IRR).</param>
/// <param name="EquityIrr">Per draw: equity IRR (null: no unique IRR).</param>
/// <param name="MinDscr">Per draw: lowest DSCR (null: no debt service).</param>
/// <param name="FirstProductionMonths">Per draw: months to first production.</param>
/// <param name="FinancingCloses">Per draw: whether the export credit closed.</param>
/// <param name="CarbonKgCo2ePerKgCutBlock">Per draw: cut-block footprint (null without the carbon Monte Carlo).</param>
/// <param name="CarbonKgCo2ePerKgMagnet">Per draw: magnet footprint.</param>
/// <param name="CarbonKgCo2ePerKgCoProduct">Per draw: co-product footprint.</param>
/// <param name="CarbonSavingFraction">Per draw: saving against the virgin route.</param>
public sealed record MonteCarloShardFile(
    int Format,
    string MagloopVersion,
    string ScenarioFile,
    string ScenarioSha256,
    string ScenarioText,
    int Seed,
    int Draws,
    string? PriceDeck,
    FunctionalUnitKind? FunctionalUnit,
    StudyBasis Basis,
    int ShardIndex,
    int ShardCount,
    int Start,
    double[] NpvUsd,
    double?[] Irr,
    double?[] EquityIrr,
    double?[] MinDscr,
    double[] FirstProductionMonths,
    bool[] FinancingCloses,
    double[]? CarbonKgCo2ePerKgCutBlock,
    double[]? CarbonKgCo2ePerKgMagnet,
    double[]? CarbonKgCo2ePerKgCoProduct,
    double[]? CarbonSavingFraction)
{
    /// <summary>The draws held, as the study reads them.</summary>
    public MonteCarloDraws ToDraws()
    {
        var n = NpvUsd.Length;
        foreach (var (name, length) in new[] { ("irr", Irr.Length), ("equityIrr", EquityIrr.Length), ("minDscr", MinDscr.Length), ("firstProductionMonths", FirstProductionMonths.Length), ("financingCloses", FinancingCloses.Length) })
        {
            if (length != n) throw new UserError($"shard {ShardIndex}/{ShardCount}: '{name}' holds {length} draws, 'npvUsd' {n}", name);
        }

        var d = new MonteCarloDraws(Start, n);
        NpvUsd.CopyTo(d.NpvUsd, 0);
        for (var i = 0; i < n; i++)
        {
            d.Irr[i] = Irr[i] ?? double.NaN;
            d.EquityIrr[i] = EquityIrr[i] ?? double.NaN;
            d.MinDscr[i] = MinDscr[i] ?? double.NaN;
        }

        FirstProductionMonths.CopyTo(d.FirstProductionMonths, 0);
        FinancingCloses.CopyTo(d.FinancingCloses, 0);
        if (CarbonKgCo2ePerKgCutBlock is { } cut && CarbonKgCo2ePerKgMagnet is { } magnet && CarbonKgCo2ePerKgCoProduct is { } co && CarbonSavingFraction is { } saving)
        {
            if (cut.Length != n || magnet.Length != n || co.Length != n || saving.Length != n)
                throw new UserError($"shard {ShardIndex}/{ShardCount}: the carbon arrays do not hold {n} draws", "carbonKgCo2ePerKgCutBlock");
            d.Carbon = new CarbonDraws(n);
            cut.CopyTo(d.Carbon.CutBlock, 0);
            magnet.CopyTo(d.Carbon.Magnet, 0);
            co.CopyTo(d.Carbon.CoProduct, 0);
            saving.CopyTo(d.Carbon.Saving, 0);
        }

        return d;
    }
}

/// <summary>
/// Monte Carlo runs split over machines: <see cref="Run"/> computes one shard (<c>magloop study --shard i/n</c>),
/// <see cref="Merge"/> joins a whole set into exactly the study the unsharded run gives (the same percentiles,
/// tornado and histogram, bit for bit), because draw k's inputs depend only on the seed and k.
/// </summary>
public static class MonteCarloShards
{
    /// <summary>Version of the shard file format.</summary>
    public const int FormatVersion = 1;

    /// <summary>Extension of shard files.</summary>
    public const string Extension = ".mcshard.json";

    /// <summary>Version of this MagLoop (its informational version).</summary>
    public static string MagloopVersion { get; } =
        typeof(MonteCarloShards).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>File name of shard <paramref name="shard"/>: shard-0003-of-0010.mcshard.json sorts in draw order.</summary>
    public static string FileName(MonteCarloShard shard) => $"shard-{shard.Index:D4}-of-{shard.Count:D4}{Extension}";

    /// <summary>
    /// Runs the study of <paramref name="path"/> computing only <paramref name="shard"/>'s share of the
    /// <see cref="StudyOptions.MonteCarloDraws"/> draws, and returns the shard file.
    /// </summary>
    public static MonteCarloShardFile Run(string path, StudyOptions options, MonteCarloShard shard)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MonteCarloDraws < 1) throw new UserError("--shard needs --monte-carlo N with N of at least 1", "--shard");
        var text = ScenarioFile.ReadText(path);
        var (scenario, map) = ScenarioReader.Read(text, path);
        // The draws on the flowsheet basis do not read the simulation: a shard skips it (merge runs it once).
        var result = Study.Run(PlantBuilder.Build(scenario, map), path, options with { Shard = shard, Simulate = options.Simulate && options.Basis == StudyBasis.Simulated });
        if (result.Economics is null || result.Draws is not { } draws)
            throw new UserError($"{path}: the scenario has no economics section, so its Monte Carlo has no draws to shard", "--shard");
        var carbon = draws.Carbon;
        return new MonteCarloShardFile(FormatVersion, MagloopVersion, path, Sha256(text), text, options.Seed, options.MonteCarloDraws, options.PriceDeck,
            options.FunctionalUnit, options.Basis, shard.Index, shard.Count, draws.Start, draws.NpvUsd, Nullable(draws.Irr), Nullable(draws.EquityIrr),
            Nullable(draws.MinDscr), draws.FirstProductionMonths, draws.FinancingCloses, carbon?.CutBlock, carbon?.Magnet, carbon?.CoProduct, carbon?.Saving);
    }

    /// <summary>Writes <paramref name="file"/> into <paramref name="directory"/> (created if needed); returns its path.</summary>
    public static string Write(MonteCarloShardFile file, string directory)
    {
        ArgumentNullException.ThrowIfNull(file);
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, FileName(new MonteCarloShard(file.ShardIndex, file.ShardCount)));
        // Written beside and moved into place, so a scheduler that kills the job never leaves half a shard.
        var staging = target + ".partial";
        using (var stream = File.Create(staging)) JsonSerializer.Serialize(stream, file, ShardJson);
        File.Move(staging, target, overwrite: true);
        return target;
    }

    /// <summary>The shard files in <paramref name="paths"/>: each a shard file or a folder of them.</summary>
    public static IReadOnlyList<MonteCarloShardFile> Read(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p)) files.AddRange(Directory.GetFiles(p, "*" + Extension).Order(StringComparer.Ordinal));
            else if (File.Exists(p)) files.Add(p);
            else throw new UserError($"'{p}' is neither a folder nor a shard file", "DIR");
        }

        if (files.Count == 0) throw new UserError($"no shard files (*{Extension}) in {string.Join(", ", paths)}", "DIR");
        return [.. files.Select(ReadOne)];
    }

    /// <summary>
    /// The study of the whole run the shards belong to, exactly as the unsharded run gives it; a
    /// <see cref="UserError"/> when the shards are not one whole run of this MagLoop (another scenario, seed, number of
    /// draws or options, a shard missing or given twice).
    /// </summary>
    public static StudyResult Merge(IReadOnlyList<MonteCarloShardFile> shards, IProgress<StudyProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0) throw new UserError("no shards to merge", "DIR");
        var first = shards[0];
        foreach (var s in shards)
        {
            if (s.Format != FormatVersion) throw Mismatch(s, $"file format {s.Format}; this MagLoop reads format {FormatVersion}");
            if (s.MagloopVersion != MagloopVersion) throw Mismatch(s, $"computed by MagLoop {s.MagloopVersion}, this is {MagloopVersion}: merge with the version that computed the shards");
            if (s.ScenarioSha256 != first.ScenarioSha256 || s.ScenarioFile != first.ScenarioFile)
                throw Mismatch(s, $"scenario {s.ScenarioFile} (SHA-256 {s.ScenarioSha256[..12]}), shard {Name(first)} has {first.ScenarioFile} ({first.ScenarioSha256[..12]})");
            if (Sha256(s.ScenarioText) != s.ScenarioSha256) throw Mismatch(s, "its scenario text does not match its SHA-256 (the file was edited)");
            if (s.Seed != first.Seed) throw Mismatch(s, $"seed {s.Seed}, shard {Name(first)} has seed {first.Seed}");
            if (s.Draws != first.Draws) throw Mismatch(s, $"{s.Draws} draws in the run, shard {Name(first)} has {first.Draws}");
            if (s.ShardCount != first.ShardCount) throw Mismatch(s, $"one of {s.ShardCount} shards, shard {Name(first)} is one of {first.ShardCount}");
            if (s.PriceDeck != first.PriceDeck || s.FunctionalUnit != first.FunctionalUnit || s.Basis != first.Basis)
                throw Mismatch(s, $"options (--price-deck, --functional-unit, --basis) differ from shard {Name(first)}'s");
            if (s.ShardIndex < 0 || s.ShardIndex >= s.ShardCount) throw Mismatch(s, $"index {s.ShardIndex} outside 0 to {s.ShardCount - 1}");
            var (start, count) = new MonteCarloShard(s.ShardIndex, s.ShardCount).Range(s.Draws);
            if (s.Start != start || s.NpvUsd.Length != count) throw Mismatch(s, $"holds draws {s.Start} to {s.Start + s.NpvUsd.Length - 1}, its share is {start} to {start + count - 1}");
        }

        var byIndex = new MonteCarloShardFile?[first.ShardCount];
        foreach (var s in shards)
        {
            if (byIndex[s.ShardIndex] is not null) throw new UserError($"shard {Name(s)} is given twice", "DIR");
            byIndex[s.ShardIndex] = s;
        }

        var missing = Enumerable.Range(0, first.ShardCount).Where(i => byIndex[i] is null).ToList();
        if (missing.Count > 0)
            throw new UserError($"{missing.Count} of {first.ShardCount} shards missing: {string.Join(", ", missing.Take(10).Select(i => $"{i}/{first.ShardCount}"))}{(missing.Count > 10 ? ", ..." : "")}", "DIR");

        var draws = MonteCarloDraws.Join([.. byIndex.Select(s => s!.ToDraws())]);
        var (scenario, map) = ScenarioReader.Read(first.ScenarioText, first.ScenarioFile);
        var options = new StudyOptions
        {
            Simulate = true, MonteCarloDraws = first.Draws, Seed = first.Seed, PriceDeck = first.PriceDeck, FunctionalUnit = first.FunctionalUnit, Basis = first.Basis,
            MergedDraws = draws, Progress = progress,
        };
        return Study.Run(PlantBuilder.Build(scenario, map), first.ScenarioFile, options) with { Draws = null };
    }

    private static readonly JsonSerializerOptions ShardJson = new(StudyResult.JsonOptions) { WriteIndented = false };

    private static MonteCarloShardFile ReadOne(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var file = JsonSerializer.Deserialize<MonteCarloShardFile>(stream, ShardJson);
            // Deserialisation leaves a missing key null: such a file is refused here, not deep in the merge.
            if (file is null || file.ScenarioText is null || file.ScenarioSha256 is null || file.ScenarioFile is null || file.MagloopVersion is null || file.NpvUsd is null
                || file.Irr is null || file.EquityIrr is null || file.MinDscr is null || file.FirstProductionMonths is null || file.FinancingCloses is null)
                throw new UserError($"{path}: not a MagLoop shard file (keys missing)", "DIR");
            return file;
        }
        catch (JsonException e)
        {
            throw new UserError($"{path}: not a MagLoop shard file: {e.Message}", "DIR");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read {path}: {e.Message}", "DIR");
        }
    }

    private static string Name(MonteCarloShardFile s) => $"{s.ShardIndex}/{s.ShardCount}";

    private static UserError Mismatch(MonteCarloShardFile s, string why) => new($"shard {Name(s)} is not part of the same run: {why}", "DIR");

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static double?[] Nullable(double[] values) => [.. values.Select(v => double.IsNaN(v) ? (double?)null : v)];
}
