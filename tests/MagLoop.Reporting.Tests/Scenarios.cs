using MagLoop.Studies;

namespace MagLoop.Reporting.Tests;

/// <summary>Studies of the bundled scenarios, run once per test run.</summary>
internal static class Scenarios
{
    private static readonly string Root = FindRoot();

    public static string Path_(string name) => Path.Combine(Root, "scenarios", name);

    public static Lazy<StudyResult> ThreeVessels { get; } = new(() => Study.Run(Path_("dfw-hub.yaml")));

    public static Lazy<StudyResult> TwoVessels { get; } = new(() => Study.Run(Path_("dfw-hub-2-vessels.yaml")));

    /// <summary>The bundled scenario without its economics section (and the sections after it).</summary>
    public static Lazy<StudyResult> WithoutEconomics { get; } = new(() =>
    {
        var text = File.ReadAllText(Path_("dfw-hub.yaml"));
        var path = Path.Combine(Path.GetTempPath(), $"magloop-reporting-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text[..text.IndexOf("\neconomics:", StringComparison.Ordinal)]);
        try
        {
            return Study.Run(path);
        }
        finally
        {
            File.Delete(path);
        }
    });

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return dir.FullName;
        throw new InvalidOperationException("MagLoop.slnx not found above " + AppContext.BaseDirectory);
    }
}
