using System.Globalization;
using MagLoop.Materials;
using MagLoop.Process;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

/// <summary>
/// Pins the solved flowsheets of the bundled scenarios (and of a larger recycle and a grade target) to the values
/// recorded in Pinned/*.txt: every component of every stream and external input within 1e-12 relative, so that
/// work on the solver's speed can prove it leaves the results as they were. After a deliberate model change, run the
/// tests once with MAGLOOP_UPDATE_PINNED=1 to rewrite the files from the new solution (and review the diff).
/// </summary>
public sealed class PinnedSolutionTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Cases => ["dfw-hub", "dfw-hub-2-vessels", "dfw-hub-swarf-recycled", "minimal-target-grade"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_stream_matches_the_pinned_solution_to_1e_12(string name)
    {
        var solution = Solve(name);
        if (Environment.GetEnvironmentVariable("MAGLOOP_UPDATE_PINNED") == "1") File.WriteAllLines(PinnedFile(name), Lines(solution));
        var pinned = File.ReadAllLines(PinnedFile(name)).Select(l => l.Split('\t')).ToList();
        var actual = Lines(solution).Select(l => l.Split('\t')).ToList();
        Assert.Equal(pinned.Select(l => l[0] + "\t" + l[1]), actual.Select(l => l[0] + "\t" + l[1]));
        foreach (var (expected, got) in pinned.Zip(actual))
            for (var i = 2; i < expected.Length; i++)
            {
                var a = double.Parse(expected[i], CultureInfo.InvariantCulture);
                var b = double.Parse(got[i], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(a - b) <= Tolerance * Math.Max(Math.Abs(a), Math.Abs(b)),
                    $"{expected[0]} '{expected[1]}' value {i - 2}: pinned {expected[i]}, now {got[i]}");
            }

        Assert.True(solution.MaxRelativeBalanceError < 1e-14, $"balance closes to {solution.MaxRelativeBalanceError}");
    }

    private static string PinnedFile(string name) => RepositoryFiles.Path_("tests", "MagLoop.Studies.Tests", "Pinned", name + ".txt");

    private static FlowsheetSolution Solve(string name) => name switch
    {
        "dfw-hub" or "dfw-hub-2-vessels" => Study.Solve(Study.Load(RepositoryFiles.Scenario(name + ".yaml"))),
        "dfw-hub-swarf-recycled" => SolveText(File.ReadAllText(RepositoryFiles.Scenario("dfw-hub.yaml"))
            .Replace("swarf: coProduct", "swarf: hpms", StringComparison.Ordinal)),
        _ => SolveText(MinimalScenario.Text + "magnets:\n  gbdTbWtPct: 0.5\n  targetGrade: 35UH\n"),
    };

    private static FlowsheetSolution SolveText(string text)
    {
        var (scenario, map) = ScenarioReader.Read(text, "pinned.yaml");
        return Study.Solve(PlantBuilder.Build(scenario, map));
    }

    // One line per value set: kind, name, then the numbers in round-trip form.
    private static IEnumerable<string> Lines(FlowsheetSolution solution)
    {
        static string Values(MassStream s) => string.Join('\t', Components.All.Select(c => s[c].ToString("R", CultureInfo.InvariantCulture)));
        yield return "feedScale\t-\t" + solution.FeedScale.ToString("R", CultureInfo.InvariantCulture);
        foreach (var edge in solution.Flowsheet.Edges) yield return $"stream\t{edge.Name}\t{Values(solution.Stream(edge.Name))}";
        foreach (var (node, name, stream) in solution.ExternalInputs) yield return $"external\t{node}: {name}\t{Values(stream)}";
    }
}
