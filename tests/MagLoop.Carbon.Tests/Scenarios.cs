using MagLoop.Studies;

namespace MagLoop.Carbon.Tests;

/// <summary>The bundled scenario and variants of it written to temporary files.</summary>
internal static class Scenarios
{
    public static string Root { get; } = FindRoot();

    public static string DfwHub { get; } = Path.Combine(Root, "scenarios", "dfw-hub.yaml");

    public static string DfwHubText { get; } = File.ReadAllText(DfwHub);

    /// <summary>The DFW hub with <paramref name="edit"/> applied to its text, in a temporary file.</summary>
    public static string Variant(Func<string, string> edit)
    {
        var path = Path.Combine(Path.GetTempPath(), $"magloop-carbon-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, edit(DfwHubText));
        return path;
    }

    /// <summary>The DFW hub with lines added at the top of its carbon block, wherever that block sits in the file.</summary>
    public static string WithCarbon(string lines) => Variant(t =>
    {
        const string header = "\ncarbon:\n";
        var at = t.IndexOf(header, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException("the bundled scenario has no top-level carbon block");
        return t.Insert(at + header.Length, lines.TrimEnd() + "\n");
    });

    /// <summary>Runs a study of a variant and deletes the file.</summary>
    public static StudyResult Run(string path, StudyOptions? options = null)
    {
        try
        {
            return Study.Run(path, options);
        }
        finally
        {
            if (path != DfwHub) File.Delete(path);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return dir.FullName;
        throw new InvalidOperationException("MagLoop.slnx not found above " + AppContext.BaseDirectory);
    }
}
