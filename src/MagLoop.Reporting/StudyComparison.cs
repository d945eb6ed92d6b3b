using MagLoop.Carbon;
using MagLoop.Studies;

namespace MagLoop.Reporting;

/// <summary>
/// Two study results side by side with the difference B - A over a fixed list of quantities, so "should we add a
/// third vessel?" has one answer whichever edge asks (the <c>magloop compare</c> command, a report, the server).
/// </summary>
public static class StudyComparison
{
    /// <summary>
    /// The compared quantities, in display order. Later models append their rows here (carbon, simulation).
    /// </summary>
    public static IReadOnlyList<CompareRow> Rows { get; } =
    [
        new("Magnets", "t/yr", r => r.Production.MagnetTonnesPerYear, "N1"),
        new("NdFeB co-products", "t/yr", r => r.Production.CoProductTonnesPerYear, "N1"),
        new("Scrap bought", "t/yr", r => r.Production.ScrapFeedTonnesPerYear, "N0"),
        new("Initial capital", "$M", r => (double?)r.Economics?.CapexUsd / 1e6, "N1"),
        new("Project NPV", "$M", r => (double?)r.Economics?.NpvUsd / 1e6, "N1"),
        new("Project IRR", "%", r => r.Economics?.Irr * 100, "N1"),
        new("Payback", "years", r => r.Economics?.PaybackYears, "N1"),
        new("Levelised cost of magnet", "$/kg", r => r.Economics?.LcomUsdPerKg, "N2"),
        new("Equity IRR", "%", r => r.Economics?.EquityIrr * 100, "N1"),
        new("Minimum DSCR", "", r => r.Economics?.MinDscr, "N2"),
        new("Carbon, cut sintered block", "kg CO2e/kg", r => r.Carbon?.KgCo2ePerKgCutBlock, "N2"),
        new("Carbon, finished magnet", "kg CO2e/kg", r => r.Carbon?.KgCo2ePerKgMagnet, "N2"),
        new("Carbon, co-product", "kg CO2e/kg", r => r.Carbon?.KgCo2ePerKgCoProduct, "N2"),
        new("Carbon, all emissions", "t CO2e/yr", r => r.Carbon?.AnnualTonnesCo2e, "N0"),
        new("Carbon saving against the virgin route", "%", r => r.Carbon?.SavingFraction * 100, "N1"),
        .. StageNames.Keys.Select(key => new CompareRow($"Carbon per kg magnet: {StageNames.Label(key)}", "kg CO2e/kg",
            r => r.Carbon?.ByStage.GetValueOrDefault(key), "N2")),
    ];

    /// <summary>The comparison of two study results over <see cref="Rows"/>.</summary>
    public static Comparison Compare(StudyResult a, StudyResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var rows = Rows.Select(row =>
        {
            var va = row.Value(a);
            var vb = row.Value(b);
            return new ComparedQuantity(row.Quantity, row.Unit, va, vb, va is { } x && vb is { } y ? y - x : null, row.Format);
        }).ToList();
        return new Comparison(a.Scenario, b.Scenario, a.Economics?.PriceDeck ?? b.Economics?.PriceDeck, rows);
    }
}

/// <summary>A quantity compared between two studies.</summary>
/// <param name="Quantity">Display name.</param>
/// <param name="Unit">Unit.</param>
/// <param name="Value">Reads the value from a study result (null when the study lacks it).</param>
/// <param name="Format">Number format for tables.</param>
public sealed record CompareRow(string Quantity, string Unit, Func<StudyResult, double?> Value, string Format);

/// <summary>Two studies side by side.</summary>
/// <param name="A">First scenario.</param>
/// <param name="B">Second scenario.</param>
/// <param name="PriceDeck">Price deck used.</param>
/// <param name="Rows">Compared quantities.</param>
public sealed record Comparison(ScenarioInfo A, ScenarioInfo B, string? PriceDeck, IReadOnlyList<ComparedQuantity> Rows);

/// <summary>One compared quantity.</summary>
/// <param name="Quantity">Name.</param>
/// <param name="Unit">Unit.</param>
/// <param name="A">Value in A.</param>
/// <param name="B">Value in B.</param>
/// <param name="Difference">B - A.</param>
/// <param name="Format">Number format for tables (not serialised).</param>
public sealed record ComparedQuantity(string Quantity, string Unit, double? A, double? B, double? Difference,
    [property: System.Text.Json.Serialization.JsonIgnore] string Format);
