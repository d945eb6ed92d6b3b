using System.CommandLine;
using MagLoop.Studies;

namespace MagLoop.Cli;

/// <summary><c>magloop validate FILE</c>: checks a scenario without running it.</summary>
public static class ValidateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout)
    {
        var file = new Argument<string>("file") { Description = "Scenario YAML file to check." };
        CommandLine.RejectUnknownOptions(file);
        var command = new Command("validate", "Check a scenario file: syntax, keys, types, ranges, references, flowsheet paths, and that it solves.") { file };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(file)!;
            // Solving takes milliseconds and finds what only a solve can: a recycle that cannot settle, a line
            // that makes no magnets.
            var plant = Study.Load(path);
            var result = Study.Run(plant, path);
            // A magnet outside the property model's calibrated ranges or below every grade is valid but said so.
            var warnings = MagnetStudy.Warnings(result.Products).ToList();
            stdout.WriteLine($"{path}: valid{(warnings.Count > 0 ? $" with {warnings.Count} magnet warning{(warnings.Count == 1 ? "" : "s")}" : "")} ({plant.Scenario.Feeds.Count} feeds, {plant.Scenario.Sites.Count} sites, {plant.Flowsheet.Nodes.Count} units, {plant.Flowsheet.Edges.Count} streams)");
            foreach (var w in warnings) stdout.WriteLine($"warning: {w}");
            return CommandLine.Success;
        });
        return command;
    }
}
