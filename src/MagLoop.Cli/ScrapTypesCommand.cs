using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MagLoop.Materials;
using MagLoop.Studies;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary><c>magloop scrap-types [--json]</c>: lists the built-in scrap library with the source of every figure.</summary>
public static class ScrapTypesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout)
    {
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var command = new Command("scrap-types", "List the built-in scrap types, their figures and sources.") { json };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(json))
            {
                var items = ScrapLibrary.All.Select(s => new
                {
                    s.Id, s.Name, s.MagnetMassFraction, MagnetCompositionWtPct = s.MagnetComposition.NonZero().ToDictionary(p => p.Key.ToString(), p => 100 * p.Value),
                    s.MagnetCompositionSource, s.OxygenMassFraction, Coating = s.Coating.ToString(), s.CoatingMassPerMagnetMass,
                    s.SpokeMagnetRecovery, s.SpokeForeignRemoval, s.HpmsExtractionYield,
                });
                stdout.WriteLine(JsonSerializer.Serialize(items, StudyResult.JsonOptions));
                return CommandLine.Success;
            }

            var console = StudyCommand.Console(stdout);
            foreach (var s in ScrapLibrary.All)
            {
                var table = new Table().Title($"{Markup.Escape(s.Id)}: {Markup.Escape(s.Name)}").AddColumns("Figure", "Value", "Source");
                table.AddRow("Magnet composition (wt%)", Markup.Escape(s.MagnetComposition.ToString()), Markup.Escape(s.MagnetCompositionSource));
                Row(table, "Magnet mass fraction", s.MagnetMassFraction);
                Row(table, "Oxygen (kg/kg magnet)", s.OxygenMassFraction);
                Row(table, $"Coating: {s.Coating} (kg/kg magnet)", s.CoatingMassPerMagnetMass);
                Row(table, "Spoke magnet recovery", s.SpokeMagnetRecovery);
                Row(table, "Spoke foreign removal", s.SpokeForeignRemoval);
                Row(table, "HPMS extraction yield", s.HpmsExtractionYield);
                console.Write(table);
            }

            return CommandLine.Success;
        });
        return command;
    }

    private static void Row(Table table, string figure, Sourced value) =>
        table.AddRow(Markup.Escape(figure), value.Value.ToString("0.####", CultureInfo.InvariantCulture), Markup.Escape(value.Source));
}
