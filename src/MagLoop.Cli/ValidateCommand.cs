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
            // The validation pass, then a solve, which finds what only a solve can: a recycle that cannot settle, a
            // line that makes no magnets; then the carbon and economics sections against the solved plant.
            var plant = Study.Load(path);
            Study.Validate(plant);
            var definition = plant.Definition;
            stdout.WriteLine($"{path}: valid ({definition.Feeds.Count} feeds, {definition.Sites.Count} sites, {definition.Stations.Count} stations, {plant.Flowsheet.Nodes.Count} units, {plant.Flowsheet.Edges.Count} streams)");
            return CommandLine.Success;
        });
        return command;
    }
}
