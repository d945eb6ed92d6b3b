namespace MagLoop.Studies.Scenarios;

/// <summary>
/// A user error in a scenario file, located by file, line, column and field. The CLI prints
/// <see cref="Exception.Message"/> as is and exits with code 2.
/// </summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates a located error.</summary>
    public ScenarioException(string file, int line, int column, string field, string problem)
        : base(Format(file, line, column, field, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Field = field;
        Problem = problem;
    }

    /// <summary>Path of the scenario file as given.</summary>
    public string File { get; }

    /// <summary>1-based line (0 when the error is about the whole file).</summary>
    public int Line { get; }

    /// <summary>1-based column (0 when the error is about the whole file).</summary>
    public int Column { get; }

    /// <summary>Field path such as <c>feeds[2].tonnesPerYear</c> (empty for the whole file).</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, int column, string field, string problem)
    {
        var where = line > 0 ? $"{file}:{line}:{column}" : file;
        return field.Length > 0 ? $"{where}: {field}: {problem}" : $"{where}: {problem}";
    }
}
