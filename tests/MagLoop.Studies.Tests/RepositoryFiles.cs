namespace MagLoop.Studies.Tests;

/// <summary>Finds files of the repository (bundled scenarios, docs) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name);

    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return dir.FullName;
        throw new InvalidOperationException("MagLoop.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A small valid scenario whose line numbers the bad-input tests rely on.</summary>
internal static class MinimalScenario
{
    public const string Text = """
        name: test
        sites:
          - id: hub
            kind: hub
            latitude: 33.1
            longitude: -97.3
          - id: spoke
            kind: spoke
            latitude: 34.9
            longitude: -82.2
        routes:
          - from: spoke
            to: hub
            distanceKm: 1679
        feeds:
          - id: ev
            scrapType: ev-rotor
            site: spoke
            tonnesPerYear: 1000
        equipment:
          hpms:
            site: hub
            vessels: 1
            batchKg: 1000
            cycleHours: 8
            availability: 0.85
          magnetLine:
            site: hub
            jetMills: 1
            jetMillKgPerHour: 10
            availability: 0.85

        """;

    /// <summary>The minimal scenario with one exact text replaced (which must occur once).</summary>
    public static string With(string oldText, string newText)
    {
        Assert.Equal(1, CountOf(Text, oldText));
        return Text.Replace(oldText, newText, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
