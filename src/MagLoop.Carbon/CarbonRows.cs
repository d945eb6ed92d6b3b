using System.Globalization;

namespace MagLoop.Carbon;

/// <summary>A headline figure of the footprint, for side-by-side tables such as <c>magloop compare</c>.</summary>
/// <param name="Label">What the figure is.</param>
/// <param name="Value">The number.</param>
/// <param name="Unit">Its unit.</param>
public sealed record CarbonRow(string Label, double Value, string Unit)
{
    /// <summary>The value formatted for a table (2 decimals for per-kg figures, thousands for tonnes, percent for fractions).</summary>
    public string Formatted => Unit switch
    {
        "%" => Value.ToString("P1", CultureInfo.InvariantCulture),
        "t CO2e/yr" => Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => Value.ToString("N2", CultureInfo.InvariantCulture),
    };
}

/// <summary>The rows a comparison of scenarios shows for carbon.</summary>
public static class CarbonRows
{
    /// <summary>Headline rows, then kg CO2e per kg magnet by stage; with Monte Carlo, P10 and P90 of the cut block.</summary>
    public static IReadOnlyList<CarbonRow> Of(CarbonResult carbon)
    {
        ArgumentNullException.ThrowIfNull(carbon);
        const string perKg = "kg CO2e/kg";
        var rows = new List<CarbonRow>
        {
            new("Carbon, cut sintered block", carbon.KgCo2ePerKgCutBlock, perKg),
            new("Carbon, finished magnet", carbon.KgCo2ePerKgMagnet, perKg),
            new("Carbon, co-product", carbon.KgCo2ePerKgCoProduct, perKg),
            new("Carbon, annual", carbon.AnnualTonnesCo2e, "t CO2e/yr"),
            new("Carbon saving against virgin route", carbon.SavingFraction, "%"),
        };
        rows.AddRange(carbon.ByStage.Select(s => new CarbonRow($"Carbon per kg magnet: {StageLabel(s.Key)}", s.Value, perKg)));
        if (carbon.P10 is { } p10 && carbon.P90 is { } p90)
        {
            rows.Add(new("Carbon, cut block P10", p10.KgCo2ePerKgCutBlock, perKg));
            rows.Add(new("Carbon, cut block P90", p90.KgCo2ePerKgCutBlock, perKg));
        }

        return rows;
    }

    /// <summary>A stage key (camelCase) in words.</summary>
    public static string StageLabel(string key) => key switch
    {
        "collectionAndPreprocessing" => "collection and pre-processing",
        "hpms" => "HPMS",
        "magnetMaking" => "magnet making",
        "freshRareEarth" => "fresh rare earth",
        "transport" => "transport",
        _ => key,
    };
}
