using MagLoop.Errors;

namespace MagLoop.Studies.Scenarios;

/// <summary>
/// A user error in a scenario file, located by file, line, column and field. The CLI prints
/// <see cref="Exception.Message"/> as is and exits with code 2.
/// </summary>
public sealed class ScenarioException(string file, int line, int column, string field, string problem)
    : UserError(problem, field, new InputLocation(file, line, column))
{
    /// <summary>Path of the scenario file as given.</summary>
    public string File => Location!.File;

    /// <summary>1-based line (0 when the error is about the whole file).</summary>
    public int Line => Location!.Line;

    /// <summary>1-based column (0 when the error is about the whole file).</summary>
    public int Column => Location!.Column;
}
