using System.Globalization;

namespace MagLoop.Errors;

/// <summary>
/// The one type of user-facing error in MagLoop: a problem with what a user gave (a scenario file, an argument, an
/// EPCIS document, a request), with the field it concerns and, where known, the place in the input. Domain code
/// throws it (or a subclass that adds detail); only the edges turn it into something else: the CLI prints
/// <see cref="Exception.Message"/> and exits with code 2, the server answers a 4xx problem-details body.
/// </summary>
public class UserError : Exception
{
    /// <summary>Creates an error without a place in a file.</summary>
    /// <param name="problem">What is wrong, as a sentence fragment without the location.</param>
    /// <param name="field">The field, option or parameter it concerns (empty when it concerns the whole input).</param>
    public UserError(string problem, string field = "")
        : this(problem, field, null)
    {
    }

    /// <summary>Creates an error located in an input.</summary>
    /// <param name="problem">What is wrong, as a sentence fragment without the location.</param>
    /// <param name="field">The field it concerns, such as <c>feeds[2].tonnesPerYear</c> (empty for the whole input).</param>
    /// <param name="location">Where in the input, or null when the input has no lines (an argument).</param>
    public UserError(string problem, string field, InputLocation? location)
        : base(Format(problem, field, location))
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(field);
        Problem = problem;
        Field = field;
        Location = location;
    }

    /// <summary>Creates an error whose message the subclass formats itself (several reasons, say).</summary>
    protected UserError(string message, string problem, string field, InputLocation? location)
        : base(message)
    {
        Problem = problem;
        Field = field;
        Location = location;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The field, option or parameter it concerns; empty when it concerns the whole input.</summary>
    public string Field { get; }

    /// <summary>Where in the input; null when the input has no place to point at.</summary>
    public InputLocation? Location { get; }

    /// <summary>"file:line:column: field: problem", leaving out what is unknown.</summary>
    public static string Format(string problem, string field, InputLocation? location)
    {
        var where = location?.ToString() ?? "";
        var head = (where, field) switch
        {
            ("", "") => "",
            ("", _) => $"{field}: ",
            (_, "") => $"{where}: ",
            _ => $"{where}: {field}: ",
        };
        return head + problem;
    }
}

/// <summary>A place in a user's input: a file (or document name) with an optional 1-based line and column.</summary>
/// <param name="File">The file or document name as the user gave it.</param>
/// <param name="Line">1-based line, 0 when the error concerns the whole file.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
public sealed record InputLocation(string File, int Line = 0, int Column = 0)
{
    /// <summary>"file:line:column", or "file" alone when the line is unknown.</summary>
    public override string ToString() =>
        Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}") : File;
}
