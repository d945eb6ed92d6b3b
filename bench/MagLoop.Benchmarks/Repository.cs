namespace MagLoop.Benchmarks;

/// <summary>Files of the repository the benchmarks read.</summary>
internal static class Repository
{
    public static string Scenario(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return Path.Combine(dir.FullName, "scenarios", name);
        throw new InvalidOperationException("run from inside the repository");
    }
}
