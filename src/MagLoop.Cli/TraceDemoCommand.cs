using System.CommandLine;
using MagLoop.Plants;
using MagLoop.Studies;
using MagLoop.Traceability.Demo;

namespace MagLoop.Cli;

/// <summary><c>magloop trace demo</c>: writes a period of DFW-hub operation as EPCIS documents.</summary>
public static class TraceDemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var days = new Option<int>("--days") { Description = "Days of operation (default 7).", HelpName = "n", DefaultValueFactory = _ => DemoOptions.Default.Days };
        CommandLine.Require(days, v => v is >= 1 and <= 3660, "--days must be 1 to 3660");
        var seed = new Option<int>("--seed") { Description = "Seed of lot sizes, origins and test results (default 1).", HelpName = "seed", DefaultValueFactory = _ => DemoOptions.Default.Seed };
        var output = new Option<string>("--out") { Description = "Folder for the documents (default ./trace-demo); a previous run's day-NNN.jsonld files in it are replaced.", HelpName = "dir", DefaultValueFactory = _ => "trace-demo" };
        var scenario = new Option<string?>("--scenario") { Description = "Plant scenario whose yields the demo uses (default: the bundled dfw-hub.yaml).", HelpName = "file" };
        var command = new Command("demo", "Write a realistic period of hub operation as EPCIS 2.0 documents (one per day), with the scenario's yields.") { days, seed, output, scenario };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(scenario) ?? CommandLine.DefaultScenarioPath();
            var plant = Study.Load(path);
            var study = Study.Run(plant, path);
            var documents = DemoGenerator.Generate(DemoPlantOf(plant, study), DemoOptions.Default with { Days = parsed.GetValue(days), Seed = parsed.GetValue(seed) });
            var directory = parsed.GetValue(output)!;
            try
            {
                Directory.CreateDirectory(directory);
                // A previous run's documents (its own day-NNN.jsonld names only) would otherwise be captured with these.
                foreach (var stale in Directory.EnumerateFiles(directory, "day-*.jsonld").Where(f => IsDayDocument(Path.GetFileName(f))).ToList())
                    File.Delete(stale);
                foreach (var d in documents) File.WriteAllText(Path.Combine(directory, d.Name), d.Json);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"cannot write to '{directory}': {e.Message}");
            }

            stdout.WriteLine($"Wrote {documents.Count} documents, {documents.Sum(d => d.Events)} events, to {directory}");
            stderr.WriteLine($"Capture them with: magloop trace capture {Path.Combine(directory, "*.jsonld")}");
            return CommandLine.Success;
        });
        return command;
    }

    /// <summary>
    /// The demo's plant description from a built plant and its study: the sites in scenario order, the HPMS site
    /// and charge, each feed's scrap-type yields, and the magnet line's stream ratios from the study's flowsheet.
    /// </summary>
    public static DemoPlant DemoPlantOf(Plant plant, StudyResult study)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(study);
        double Stream(StreamId id) => study.Streams.First(s => s.Name == id.Value).TonnesPerYear;
        var hpms = plant.Definition.Station(StationId.Hpms);
        var feeds = study.Feeds.Select(f =>
        {
            var type = plant.ScrapTypes[f.Id];
            return new DemoFeed(f.Id, f.Site, type.Id, f.ProcessedTonnesPerYear, type.MagnetMassFraction.Value,
                type.SpokeMagnetRecovery.Value, type.SpokeForeignRemoval.Value, type.HpmsExtractionYield.Value);
        }).ToList();
        return new DemoPlant(
            plant.Definition.Sites.Select(s => s.Id.Value).ToList(),
            hpms.Site.Value,
            ((BatchThroughput)hpms.Throughput).BatchKg,
            feeds,
            study.Production.MagnetLineIntakeTonnesPerYear,
            study.Production.FreshRareEarthTonnesPerYear / study.Production.MagnetLineIntakeTonnesPerYear,
            Stream(StreamId.SinteredBlock) / Stream(StreamId.Blend),
            Stream(StreamId.CutBlock) / Stream(StreamId.SinteredBlock),
            Stream(StreamId.Magnets) / Stream(StreamId.CutBlock),
            Stream(StreamId.Rejects) / Stream(StreamId.CutBlock),
            study.Streams.First(s => s.Name == StreamId.HpmsPowder.Value).Composition);
    }

    /// <summary>Whether <paramref name="name"/> is one of the demo's own names, day-NNN.jsonld (three or more digits).</summary>
    private static bool IsDayDocument(string name) =>
        name.StartsWith("day-", StringComparison.Ordinal) && name.EndsWith(".jsonld", StringComparison.Ordinal)
        && name["day-".Length..^".jsonld".Length] is { Length: >= 3 } digits && digits.All(char.IsAsciiDigit);
}
