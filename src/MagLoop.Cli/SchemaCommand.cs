using System.CommandLine;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Cli;

/// <summary><c>magloop schema</c>: prints the scenario JSON Schema (the source of docs/scenario.schema.json).</summary>
public static class SchemaCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("schema", "Print the JSON Schema of scenario files (for editor completion).");
        command.SetAction(_ =>
        {
            stdout.Write(ScenarioSchema.Generate());
            return CommandLine.Success;
        });
        return command;
    }
}
