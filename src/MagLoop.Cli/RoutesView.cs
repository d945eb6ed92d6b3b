using System.Globalization;
using MagLoop.Studies;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary>The route-choice tables of <c>magloop study</c> (docs/model-routes.md).</summary>
public static class RoutesView
{
    /// <summary>Writes, per feed and internal stream, the route taken and every alternative with its margin, carbon, grade and why it lost; then the routes the plant runs against virgin rare earth.</summary>
    public static void Render(RouteChoiceResult routes, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(console);
        var limits = $"short loop: O <= {P(routes.MaxOxygenFraction, "P2")}, RE >= {P(routes.MinRareEarthFraction, "P1")} ({routes.LimitsSource})"
            + (routes.MaxKgCo2ePerKgCutBlock is { } cap ? $"; footprint <= {cap.ToString("N2", CultureInfo.InvariantCulture)} kg CO2e/kg cut block" : "");
        var table = new Table().Title("Route choice per stream (plant margin = NPV as an equivalent annual amount)")
            .Caption(Markup.Escape(limits))
            .AddColumns("Stream", "Route", "Margin $M/yr", "kg CO2e/kg cut block", "Grade", "Stream O", "Stream RE", "Why");
        foreach (var stream in routes.Streams)
        {
            var first = true;
            foreach (var a in stream.Alternatives)
            {
                var name = first ? $"{Markup.Escape(stream.Stream)} [grey]({stream.Kind}{(stream.Forced ? ", forced" : "")})[/]" : "";
                var route = a.Chosen ? $"[bold]{Markup.Escape(a.Route)}[/]" : Markup.Escape(a.Route);
                table.AddRow(name, route, double.IsNaN(a.MarginUsdPerYear) ? "-" : (a.MarginUsdPerYear / 1e6).ToString("N2", CultureInfo.InvariantCulture),
                    double.IsNaN(a.KgCo2ePerKgCutBlock) ? "-" : a.KgCo2ePerKgCutBlock.ToString("N2", CultureInfo.InvariantCulture), Markup.Escape(a.MagnetGrade),
                    P(a.StreamOxygenFraction, "P2"), P(a.StreamRareEarthFraction, "P1"), Markup.Escape(a.Why));
                first = false;
            }
        }

        console.Write(table);
        if (routes.Routes.Count == 0) return;
        var summary = new Table().Title("Routes beside the short loop").AddColumns("Route", "Intake t/yr", "Product t/yr", "RE recovered t/yr", "t CO2e/yr", "kg CO2e/kg RE", "Virgin kg CO2e/kg RE");
        foreach (var r in routes.Routes)
            summary.AddRow(Markup.Escape(r.Route), N(r.IntakeTonnesPerYear, "N1"), N(r.ProductTonnesPerYear, "N1"), N(r.RareEarthRecoveredTonnesPerYear, "N1"),
                N(r.TonnesCo2ePerYear, "N1"), N(r.KgCo2ePerKgRareEarth, "N2"), N(r.VirginKgCo2ePerKgRareEarth, "N2"));
        console.Write(summary);
    }

    private static string P(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
