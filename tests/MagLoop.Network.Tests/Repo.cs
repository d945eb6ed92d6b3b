namespace MagLoop.Network.Tests;

/// <summary>Paths of the repository and of the shared reference data (../shared, never copied in).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Networks(string name) => Path.Combine(Root, "networks", name);

    public static string Data { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference", "network-data"));

    /// <summary>A network file with <paramref name="text"/>, written next to the bundled ones so its relative paths resolve.</summary>
    public static string Temp(string text)
    {
        var path = Path.Combine(Root, "networks", $".test-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("repository root not found");
    }
}
