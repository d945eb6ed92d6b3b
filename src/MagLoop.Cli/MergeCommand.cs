using System.CommandLine;
using MagLoop.Studies;

namespace MagLoop.Cli;

/// <summary>
/// <c>magloop merge DIR... [--json] [--out DIR] [--report [PATH]]</c>: joins the shards that
/// <c>magloop study --shard i/n --out DIR</c> wrote into the study of the whole run, exactly as the unsharded run reports it.
/// </summary>
public static class MergeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var shards = new Argument<string[]>("dir") { Description = "Folders of shard files (*.mcshard.json), or shard files.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout instead of tables." };
        var output = new Option<string?>("--out") { Description = "Also write study.json, streams.csv, cashflows.csv and (with debt) periods.csv into this folder.", HelpName = "dir" };
        var report = ReportOption.Create();
        var command = new Command("merge", "Join Monte Carlo shards (magloop study --shard i/n --out DIR) into the whole run's study: the same percentiles, tornado and histogram as one unsharded run.")
        {
            shards, json, output, report,
        };
        command.SetAction(parsed =>
        {
            var files = MonteCarloShards.Read(parsed.GetValue(shards) ?? []);
            ReportOption.CheckIfAsked(parsed, report, parsed.GetValue(output));
            var result = ProgressView.Run(stderr, true, progress => MonteCarloShards.Merge(files, progress));
            return StudyCommand.Emit(result, parsed, json, output, report, stdout, stderr);
        });
        return command;
    }
}
