using System.Globalization;

namespace MagLoop.Reporting.Report;

/// <summary>
/// How the report writes numbers, one format per kind of quantity so the same figure reads the same in every
/// table, chart label and sentence (and equals the console's rounding where the console shows it).
/// </summary>
internal static class ReportFormat
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Millions of dollars with one decimal: $281.7M, -$13.8M.</summary>
    public static string UsdMillions(double usd) => (usd < 0 ? "-$" : "$") + Math.Abs(usd / 1e6).ToString("N1", C) + "M";

    /// <summary>Millions of dollars from a decimal amount.</summary>
    public static string UsdMillions(decimal usd) => UsdMillions((double)usd);

    /// <summary>Dollars per kilogram with two decimals.</summary>
    public static string UsdPerKg(double usd) => (usd < 0 ? "-$" : "$") + Math.Abs(usd).ToString("N2", C) + "/kg";

    /// <summary>Tonnes per year with one decimal.</summary>
    public static string Tonnes(double tonnes) => tonnes.ToString("N1", C);

    /// <summary>A share as a percentage with one decimal: 22.7 %.</summary>
    public static string Percent(double share) => (share * 100).ToString("N1", C) + " %";

    /// <summary>A cover ratio with two decimals: 1.40x.</summary>
    public static string Ratio(double ratio) => ratio.ToString("N2", C) + "x";

    /// <summary>kg CO2e per kg with two decimals.</summary>
    public static string Co2(double kgPerKg) => kgPerKg.ToString("N2", C);

    /// <summary>A plain number with the given .NET format.</summary>
    public static string Number(double value, string format) => value.ToString(format, C);

    /// <summary>The exact value as study.json holds it (round-trip), for the figure's data-value attribute.</summary>
    public static string Exact(double value) => value.ToString("R", C);

    /// <summary>The exact decimal value as study.json holds it.</summary>
    public static string Exact(decimal value) => value.ToString(C);
}
