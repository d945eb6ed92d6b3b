using MagLoop.Errors;
using MagLoop.Materials;

namespace MagLoop.Studies.Scenarios;

/// <summary>
/// A composition as written in a scenario: mass fractions by component symbol, at most one of which may be
/// <c>bal</c> (the balance). Checked and turned into a <see cref="Composition"/> by <see cref="ToComposition"/>.
/// </summary>
public sealed class CompositionSpec
{
    /// <summary>One entry: a symbol with a fraction, or the balance.</summary>
    /// <param name="Symbol">Component symbol as written.</param>
    /// <param name="MassFraction">Mass fraction, or null for the balance.</param>
    /// <param name="Location">Where the entry is written.</param>
    public sealed record Entry(string Symbol, double? MassFraction, SourceLocation Location);

    /// <summary>Entries in file order.</summary>
    public IReadOnlyList<Entry> Entries { get; init; } = [];

    /// <summary>A composition spec from (symbol, fraction) pairs, for defaults in code.</summary>
    public static CompositionSpec Of(params (string Symbol, double MassFraction)[] entries) =>
        new() { Entries = entries.Select(e => new Entry(e.Symbol, e.MassFraction, default)).ToList() };

    /// <summary>
    /// Checks the entries (known components, one balance at most, sum to 1) and builds the composition;
    /// errors are located at the offending entry or at <paramref name="where"/>.
    /// </summary>
    public Composition ToComposition(string file, SourceLocation where)
    {
        var fractions = new List<KeyValuePair<Component, double>>();
        Component? balance = null;
        foreach (var entry in Entries)
        {
            var at = entry.Location.Line > 0 ? entry.Location : where with { Field = $"{where.Field}.{entry.Symbol}" };
            if (!Components.TryParse(entry.Symbol, out var component))
            {
                var hint = Suggest.Nearest(entry.Symbol, Components.All.Select(c => c.ToString()));
                throw new ScenarioException(file, at.Line, at.Column, at.Field,
                    $"unknown component '{entry.Symbol}'{(hint is null ? "" : $"; did you mean '{hint}'?")} Known: {string.Join(", ", Components.All)}");
            }

            if (entry.MassFraction is null)
            {
                if (balance is not null) throw new ScenarioException(file, at.Line, at.Column, at.Field, "only one component can be the balance ('bal')");
                balance = component;
            }
            else
            {
                fractions.Add(KeyValuePair.Create(component, entry.MassFraction.Value));
            }
        }

        if (fractions.Count == 0 && balance is null)
            throw new ScenarioException(file, where.Line, where.Column, where.Field, "composition is empty");
        try
        {
            return balance is { } b ? Composition.WithBalance(fractions, b) : Composition.FromMassFractions(fractions);
        }
        catch (MaterialsException e)
        {
            throw new ScenarioException(file, where.Line, where.Column, where.Field, $"composition: {e.Message}");
        }
    }
}
