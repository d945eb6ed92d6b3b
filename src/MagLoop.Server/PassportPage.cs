using System.Globalization;
using System.Text;

using static MagLoop.Server.Pages.Html;

namespace MagLoop.Server;

/// <summary>
/// The printable passport: one self-contained HTML page (no script, no external file), print CSS for A4, a single
/// column at phone width. It shows the same passport as the JSON, tier for tier.
/// </summary>
internal static class PassportPage
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const string Css = """
        :root { color: #111; background: #fff; font: 10.5pt/1.35 system-ui, "DejaVu Sans", Arial, sans-serif; }
        body { margin: 0 auto; max-width: 190mm; padding: 8px; }
        header { display: flex; gap: 12px; align-items: flex-start; border-bottom: 2px solid #111; padding-bottom: 6px; }
        header .qr { flex: 0 0 34mm; width: 34mm; }
        header .qr svg { width: 100%; height: auto; display: block; }
        header .title { flex: 1 1 auto; min-width: 0; }
        h1 { font-size: 15pt; margin: 0 0 2px; }
        h2 { font-size: 11.5pt; margin: 10px 0 3px; border-bottom: 1px solid #555; }
        p, dl { margin: 2px 0; }
        .id { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
        th, td { border: 1px solid #888; padding: 1px 4px; text-align: left; vertical-align: top; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .note { font-size: 8.5pt; color: #333; }
        .verdict-compliant { color: #0a5c1f; font-weight: 600; }
        .verdict-non-compliant { color: #8a1010; font-weight: 600; }
        .verdict-undetermined { color: #6b4e00; font-weight: 600; }
        .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 14px; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 8px; }
        dt { font-weight: 600; }
        dd { margin: 0; overflow-wrap: anywhere; }
        footer { margin-top: 8px; border-top: 1px solid #555; font-size: 8pt; color: #333; }
        @media (max-width: 600px) {
          header { flex-direction: column; }
          header .qr { width: 45vw; flex-basis: auto; }
          .grid { grid-template-columns: 1fr; }
          table { font-size: 9pt; }
        }
        @page { size: A4; margin: 12mm; }
        @media print {
          body { max-width: none; padding: 0; }
          h2 { break-after: avoid; }
          table, dl { break-inside: avoid; }
        }
        """;

    /// <summary>The page of <paramref name="p"/> with the QR code <paramref name="qrSvg"/> (null for a lot without a Digital Link).</summary>
    public static string Render(Passport p, string? qrSvg)
    {
        var h = new StringBuilder(16_384);
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<title>Magnet passport ").Append(E(p.Identity.BatchLot ?? p.Lot)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        h.Append("<header>");
        if (qrSvg is not null)
            h.Append("<figure class=\"qr\" id=\"qr\" role=\"img\" aria-label=\"QR code of the GS1 Digital Link ").Append(E(p.DigitalLink!)).Append("\" style=\"margin:0\">").Append(qrSvg).Append("</figure>");
        h.Append("<div class=\"title\"><h1>Magnet passport</h1>");
        h.Append("<p class=\"id\" data-field=\"lot\">").Append(E(p.Lot)).Append("</p>");
        if (p.DigitalLink is not null) h.Append("<p class=\"id\" data-field=\"digitalLink\">").Append(E(p.DigitalLink)).Append("</p>");
        h.Append("<p class=\"note\">Passport version ").Append(E(p.PassportVersion)).Append(", tier <strong data-field=\"tier\">").Append(E(p.Tier)).Append("</strong>, issued ")
            .Append(E(p.IssuedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", Inv))).Append("</p></div></header><main>");

        // Identity.
        var id = p.Identity;
        h.Append("<section id=\"identity\"><h2>Identity</h2><dl>");
        Row(h, "GTIN", id.Gtin ?? "none (the lot id carries no GTIN)");
        Row(h, "Batch/lot", id.BatchLot ?? "none");
        Row(h, "Grade", id.Grade.Value is null ? "not in the data" : $"{id.Grade.Value} ({id.Grade.Basis})", "grade");
        Row(h, "Mass", $"{id.MassKg.ToString("N1", Inv)} kg", "massKg");
        Row(h, "Magnets", id.MagnetCount?.ToString(Inv) ?? "not recorded");
        Row(h, "Shipments", id.Shipments.Count == 0 ? "none recorded" : string.Join(", ", id.Shipments));
        Row(h, "Made", id.CreatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", Inv));
        h.Append("</dl><p class=\"note\">Grade: ").Append(E(id.Grade.Source)).Append(". Count: ").Append(E(id.MagnetCountNote)).Append(".</p></section>");

        // Recycled content.
        var rc = p.RecycledContent;
        h.Append("<section id=\"recycled-content\"><h2>Recycled content</h2>");
        h.Append("<p>By mass: <strong data-field=\"recycledShare\">").Append(Pct(rc.RecycledShare)).Append("</strong> recycled (post-consumer ")
            .Append(Pct(rc.PostConsumerShare)).Append(", pre-consumer ").Append(Pct(rc.PreConsumerShare)).Append("), virgin ").Append(Pct(rc.VirginShare));
        if (rc.UnknownShare > 0) h.Append(", unclassified ").Append(Pct(rc.UnknownShare));
        h.Append(".</p><table><caption class=\"note\">By element (CRMA Art. 29)</caption><thead><tr><th scope=\"col\">Element</th><th scope=\"col\">Post-consumer</th><th scope=\"col\">Pre-consumer</th><th scope=\"col\">Note</th></tr></thead><tbody>");
        foreach (var e in rc.ByElement)
            h.Append("<tr data-element=\"").Append(E(e.Element)).Append("\"><th scope=\"row\">").Append(E(e.Element)).Append("</th><td class=\"n\">").Append(Pct(e.PostConsumerShare))
                .Append("</td><td class=\"n\">").Append(Pct(e.PreConsumerShare)).Append("</td><td class=\"note\">").Append(E(e.Determined ? "determined" : e.Note)).Append("</td></tr>");
        h.Append("</tbody></table></section>");

        // Carbon and compliance side by side on paper.
        h.Append("<div class=\"grid\"><section id=\"carbon\"><h2>Carbon footprint</h2><p><strong data-field=\"kgCo2ePerKg\">")
            .Append(p.Carbon.KgCo2ePerKg is { } kg ? $"{kg.ToString("0.00", Inv)} kg CO2e per kg" : "not available").Append("</strong> (method: ").Append(E(p.Carbon.Method)).Append(")</p>");
        if (p.Carbon.PlanKgCo2ePerKg is { } plan && p.Carbon.Method == "as-made")
            h.Append("<p>Plan: ").Append(plan.ToString("0.00", Inv)).Append(" kg CO2e per kg of finished magnet</p>");
        h.Append("<p class=\"note\">").Append(E(Shorten(p.Carbon.Basis, 420))).Append("</p></section>");
        h.Append("<section id=\"compliance\"><h2>DFARS 252.225-7052</h2><table><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Recycled input policy</th><th scope=\"col\">Verdict</th></tr></thead><tbody>");
        foreach (var v in p.Compliance)
            h.Append("<tr><td>").Append(E(v.Rule)).Append("</td><td>").Append(E(v.RecycledPolicy)).Append("</td><td class=\"verdict-").Append(E(v.Verdict)).Append("\">").Append(E(v.Verdict)).Append("</td></tr>");
        h.Append("</tbody></table><p class=\"note\">dfars-current: not melted or produced in CN, RU, KP, IR; dfars-2027: no stage from mining on there. Policies: docs/traceability.md.</p></section></div>");

        if (p.Composition is { } comp)
        {
            h.Append("<section id=\"composition\"><h2>Composition</h2><table><thead><tr><th scope=\"col\">Element</th><th scope=\"col\">Measured, wt%</th><th scope=\"col\">Predicted, wt%</th></tr></thead><tbody>");
            var elements = comp.Measured.Select(m => m.Element).Concat(comp.Predicted?.Keys ?? []).Distinct(StringComparer.Ordinal);
            foreach (var el in elements)
            {
                var m = comp.Measured.FirstOrDefault(x => x.Element == el);
                var measured = m is null ? "not assayed" : m.MassFraction is { } f ? (100 * f).ToString("0.00", Inv) : $"≥ {(100 * m.AssayedMassFraction).ToString("0.00", Inv)}";
                var predicted = comp.Predicted is { } pr && pr.TryGetValue(el, out var wt) ? wt.ToString("0.00", Inv) : "";
                h.Append("<tr><th scope=\"row\">").Append(E(el)).Append("</th><td class=\"n\">").Append(E(measured)).Append("</td><td class=\"n\">").Append(predicted).Append("</td></tr>");
            }

            h.Append("</tbody></table><p class=\"note\">Coating: ").Append(E(comp.Coating ?? comp.CoatingNote)).Append(". Predicted: ").Append(E(comp.PredictedSource)).Append(".</p></section>");
        }

        if (p.MagneticProperties is { } mag)
        {
            h.Append("<section id=\"magnetic-properties\"><h2>Magnetic properties</h2><table><thead><tr><th scope=\"col\"></th><th scope=\"col\">Br, T</th><th scope=\"col\">HcJ, kA/m</th><th scope=\"col\">(BH)max, kJ/m³</th></tr></thead><tbody>");
            if (mag.Mean is { } mean)
                h.Append("<tr><th scope=\"row\">Measured (mean of ").Append(mag.Measured.Count).Append(")</th><td class=\"n\">").Append(N(mean.RemanenceT, "0.000")).Append("</td><td class=\"n\">")
                    .Append(N(mean.CoercivityHcjKAm, "0")).Append("</td><td class=\"n\">").Append(N(mean.MaxEnergyProductKJm3, "0")).Append("</td></tr>");
            foreach (var pm in mag.Predicted)
                h.Append("<tr><th scope=\"row\">Predicted, ").Append(E(pm.Grade)).Append("</th><td class=\"n\">").Append(N(pm.RemanenceT, "0.000")).Append(" ± ").Append(N(pm.RemanenceBandT, "0.000"))
                    .Append("</td><td class=\"n\">").Append(N(pm.CoercivityKAm, "0")).Append(" ± ").Append(N(pm.CoercivityBandKAm, "0")).Append("</td><td class=\"n\">")
                    .Append(N(pm.EnergyProductKJm3, "0")).Append(" ± ").Append(N(pm.EnergyProductBandKJm3, "0")).Append("</td></tr>");
            h.Append("</tbody></table><p class=\"note\">").Append(E(mag.Note)).Append("</p></section>");
        }

        if (p.Origin is { } origin)
        {
            h.Append("<section id=\"origin\"><h2>Origin of the sources</h2><table><thead><tr><th scope=\"col\">Source lot</th><th scope=\"col\">Share</th><th scope=\"col\">Class</th><th scope=\"col\">Stages</th></tr></thead><tbody>");
            foreach (var s in origin.Sources)
                h.Append("<tr><td class=\"id\">").Append(E(s.Lot)).Append("</td><td class=\"n\">").Append(Pct(s.Share)).Append("</td><td>").Append(E(s.MaterialClass ?? "not declared")).Append("</td><td>")
                    .Append(E(s.Stages.Count == 0 ? "none declared" : string.Join(", ", s.Stages.Select(x => $"{x.Key} {x.Value}")))).Append(s.RecoveredIn is null ? "" : E($"; recovered in {s.RecoveredIn}")).Append("</td></tr>");
            h.Append("</tbody></table>");
            foreach (var d in origin.Declarations)
                h.Append("<p class=\"note\">").Append(E(d.Lot)).Append(": ").Append(E(string.Join(", ", d.Stages.Select(x => $"{x.Key} {x.Value}")))).Append("</p>");
            h.Append("</section>");
        }

        if (p.ResponsibleOperator is { } op)
        {
            h.Append("<section id=\"operator\"><h2>Responsible operator, removal and handling</h2><dl>");
            Row(h, "Operator", op.Name ?? op.NameSource);
            Row(h, "GS1 company prefix", op.Gs1CompanyPrefix ?? "none");
            Row(h, "Made at", op.MadeAt ?? "not recorded");
            if (p.Handling is { } hn)
            {
                Row(h, "Removal", hn.RemovalInstructions ?? hn.Note);
                Row(h, "Handling", hn.HandlingNotes ?? "not recorded");
            }

            h.Append("</dl></section>");
        }

        if (p.Custody is { } custody)
        {
            h.Append("<section id=\"custody\"><h2>Custody chain</h2><p class=\"note\">Head chain hash <span class=\"id\">").Append(E(custody.HeadChainHash))
                .Append("</span>; verify at ").Append(E(custody.Verify)).Append(".</p><table><thead><tr><th scope=\"col\">Seq</th><th scope=\"col\">Event</th><th scope=\"col\">Step</th><th scope=\"col\">Content hash</th></tr></thead><tbody>");
            foreach (var e in custody.Events)
                h.Append("<tr><td class=\"n\">").Append(e.Seq.ToString(Inv)).Append("</td><td class=\"id\">").Append(E(e.EventId)).Append("</td><td>").Append(E(e.BizStep ?? e.Type))
                    .Append("</td><td class=\"id\">").Append(E(e.ContentHash)).Append("</td></tr>");
            h.Append("</tbody></table></section>");
        }

        h.Append("</main><footer><p>");
        if (p.Withheld.Count > 0) h.Append("Not shown at this tier: ").Append(E(string.Join(", ", p.Withheld))).Append(". ");
        h.Append("JSON: the same address with Accept: application/json (schema docs/passport.schema.json). Regulation (EU) 2024/1252 (CRMA) Art. 28 and 29.</p></footer></body></html>");
        return h.ToString();
    }

    private static void Row(StringBuilder h, string term, string value, string? field = null)
    {
        h.Append("<dt>").Append(E(term)).Append("</dt><dd");
        if (field is not null) h.Append(" data-field=\"").Append(field).Append('"');
        h.Append('>').Append(E(value)).Append("</dd>");
    }

    private static string Pct(double? share) => share is { } s ? (100 * s).ToString("0.0", Inv) + " %" : "n/a";

    private static string N(double? value, string format) => value is { } v ? v.ToString(format, Inv) : "n/a";

    // The page keeps to A4: a long method statement is cut at a sentence (the JSON has it whole).
    private static string Shorten(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(". ", max, StringComparison.Ordinal);
        return (cut > 0 ? text[..(cut + 1)] : text[..text.LastIndexOf(' ', max)]) + " (the JSON gives the whole method)";
    }
}
