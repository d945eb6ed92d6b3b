namespace MagLoop.Benchmarks;

/// <summary>Files of the repository the benchmarks read.</summary>
internal static class Repository
{
    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name);

    /// <summary>The repository's root folder (the one with MagLoop.slnx).</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return dir.FullName;
            throw new InvalidOperationException("run from inside the repository");
        }
    }
}
