using System.Globalization;
using MagLoop.Carbon;
using Spectre.Console;

namespace MagLoop.Cli;

/// <summary>The carbon tables of <c>magloop study</c>.</summary>
public static class CarbonView
{
    /// <summary>Writes the footprint by stage and site, the energy by unit operation and the uncertainty range.</summary>
    public static void Render(CarbonResult carbon, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(carbon);
        ArgumentNullException.ThrowIfNull(console);
        var headline = new Table().Title("Carbon footprint (cradle to gate, scrap burden-free, AR5 GWP100)").AddColumns("Product", "kg CO2e/kg");
        headline.AddRow("[bold]Cut sintered block[/]", $"[bold]{N(carbon.KgCo2ePerKgCutBlock)}[/]");
        headline.AddRow("Coated parts", N(carbon.KgCo2ePerKgCoatedMagnet));
        headline.AddRow("Finished magnet (coated, magnetised)", N(carbon.KgCo2ePerKgMagnet));
        headline.AddRow("NdFeB co-product", N(carbon.KgCo2ePerKgCoProduct));
        headline.AddRow("Virgin-route magnet (literature)", N(carbon.VirginRouteKgCo2ePerKg));
        headline.AddRow("Saving against the virgin route", carbon.SavingFraction.ToString("P1", CultureInfo.InvariantCulture));
        headline.AddRow("All emissions, t CO2e/yr", carbon.AnnualTonnesCo2e.ToString("N0", CultureInfo.InvariantCulture));
        headline.AddRow("Method", Markup.Escape(carbon.Attribution.Description));
        foreach (var share in carbon.Attribution.Shares)
            headline.AddRow($"  share at {Markup.Escape(share.Process)}: {Markup.Escape(share.Product)}", share.Share.ToString("P1", CultureInfo.InvariantCulture));
        if (carbon.FunctionalUnit is { } fu)
            headline.AddRow($"[bold]Functional unit: {Markup.Escape(fu.Unit)}[/]",
                $"[bold]{fu.KgCo2ePerUnit.ToString(fu.KgCo2ePerUnit < 1 ? "N4" : "N2", CultureInfo.InvariantCulture)}[/]"
                + (fu.SavingFraction is { } saving ? $" (virgin {fu.VirginKgCo2ePerUnit!.Value.ToString(fu.VirginKgCo2ePerUnit < 1 ? "N4" : "N2", CultureInfo.InvariantCulture)}, saving {saving.ToString("P1", CultureInfo.InvariantCulture)})" : ""));
        if (carbon.P10 is { } p10 && carbon.P50 is { } p50 && carbon.P90 is { } p90)
        {
            headline.AddRow($"Cut block P10 / P50 / P90 ({carbon.MonteCarloDraws:N0} draws)", $"{N(p10.KgCo2ePerKgCutBlock)} / {N(p50.KgCo2ePerKgCutBlock)} / {N(p90.KgCo2ePerKgCutBlock)}");
            headline.AddRow("Magnet P10 / P50 / P90", $"{N(p10.KgCo2ePerKgMagnet)} / {N(p50.KgCo2ePerKgMagnet)} / {N(p90.KgCo2ePerKgMagnet)}");
        }

        console.Write(headline);

        if (carbon.Methods.Count > 0)
        {
            var methods = new Table().Title("Carbon by method (kg CO2e/kg)").AddColumns("Method", "Cut block", "Magnet", "Co-product");
            foreach (var m in carbon.Methods)
                methods.AddRow(Markup.Escape(m.Method), N(m.KgCo2ePerKgCutBlock), N(m.KgCo2ePerKgMagnet), N(m.KgCo2ePerKgCoProduct));
            if (carbon.Disclosure is { } d)
                methods.AddRow("[italic]disclosed (hpms-facts 1c)[/]", $"[italic]{N(d.DisclosedKgCo2ePerKgCutBlock)}[/]", "", "");
            console.Write(methods);
            if (carbon.Disclosure is { } disclosure) console.MarkupLine($"[dim]{Markup.Escape(disclosure.Assumptions)}[/]");
        }

        var stages = new Table().Title("Carbon by stage").AddColumns("Stage", "kg CO2e/kg cut block", "kg CO2e/kg magnet");
        foreach (var (key, perMagnet) in carbon.ByStage)
            stages.AddRow(Capitalise(StageNames.Label(key)), N(carbon.ByStagePerKgCutBlock[key]), N(perMagnet));
        stages.AddRow("[bold]Total[/]", $"[bold]{N(carbon.KgCo2ePerKgCutBlock)}[/]", $"[bold]{N(carbon.KgCo2ePerKgMagnet)}[/]");
        console.Write(stages);

        var sites = new Table().Title("Carbon by site").AddColumns("Site", "Grid", "kg CO2e/kWh", "Electricity MWh/yr", "t CO2e/yr", "kg CO2e/kg cut block", "kg CO2e/kg magnet");
        foreach (var s in carbon.BySite)
            sites.AddRow(Markup.Escape(s.Site), Markup.Escape(s.GridRegion), s.GridKgCo2ePerKWh.ToString("N3", CultureInfo.InvariantCulture),
                (s.ElectricityKWhPerYear / 1000).ToString("N0", CultureInfo.InvariantCulture), s.AnnualTonnesCo2e.ToString("N0", CultureInfo.InvariantCulture),
                N(s.KgCo2ePerKgCutBlock), N(s.KgCo2ePerKgMagnet));
        console.Write(sites);

        var e = carbon.Energy;
        var energy = new Table().Title($"Energy and gases per year: {e.ElectricityKWhPerYear / 1000:N0} MWh, H2 {e.HydrogenKgPerYear / 1000:N1} t, Ar {e.ArgonKgPerYear / 1000:N1} t, N2 {e.NitrogenKgPerYear / 1000:N1} t")
            .AddColumns("Unit operation", "Site", "kWh/kg", "MWh/yr", "Basis");
        foreach (var u in e.Units)
            energy.AddRow(Markup.Escape(u.Process), Markup.Escape(u.Site), u.ElectricityKWhPerKg.ToString("N3", CultureInfo.InvariantCulture),
                (u.ElectricityKWhPerYear / 1000).ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(u.Basis));
        console.Write(energy);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string N(double value) => value.ToString("N2", CultureInfo.InvariantCulture);
}
