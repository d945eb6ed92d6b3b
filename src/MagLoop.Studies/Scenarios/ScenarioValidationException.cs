using MagLoop.Errors;

namespace MagLoop.Studies.Scenarios;

/// <summary>
/// Several located problems found by one validation pass over a scenario, reported together so that a user fixes
/// them in one round. <see cref="Exception.Message"/> holds one located line per problem; <see cref="UserError.Problem"/>,
/// <see cref="UserError.Field"/> and <see cref="UserError.Location"/> are those of the first.
/// </summary>
public sealed class ScenarioValidationException : UserError
{
    /// <summary>Creates the error from at least two problems, in file order.</summary>
    public ScenarioValidationException(IReadOnlyList<ScenarioException> errors)
        : base(string.Join(Environment.NewLine, Require(errors).Select(e => e.Message)), errors[0].Problem, errors[0].Field, errors[0].Location)
    {
        Errors = errors;
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ScenarioException> Errors { get; }

    /// <summary>Throws nothing when <paramref name="errors"/> is empty, the error itself when there is one, else all of them together.</summary>
    public static void ThrowIfAny(IReadOnlyCollection<ScenarioException> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var ordered = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        if (ordered.Count == 1) throw ordered[0];
        if (ordered.Count > 1) throw new ScenarioValidationException(ordered);
    }

    private static IReadOnlyList<ScenarioException> Require(IReadOnlyList<ScenarioException> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count < 2) throw new ArgumentException("at least two errors", nameof(errors));
        return errors;
    }
}
