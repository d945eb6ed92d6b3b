using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using MagLoop.Traceability;
using MagLoop.Traceability.Storage;

namespace MagLoop.Server.Pages;

/// <summary>
/// HTML building: every value goes through <see cref="E"/> (HTML-encoded) or <see cref="U"/> (a URL component), so
/// a lot id such as <c>&lt;script&gt;</c> is shown as text. One inline style sheet, allowed by its hash in the
/// Content-Security-Policy; no script at all.
/// </summary>
internal static class Html
{
    /// <summary>The pages' style sheet: readable at 375 px (tables scroll inside their own box), contrast at least 4.5:1 (WCAG 2.1 AA).</summary>
    public const string Style = """
        :root{--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--accent:#0b4f8a;--bad:#8a1111;--good:#145214;--warn:#6b4a00;--paper:#fff;--band:#eef2f6}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--paper)}
        header{background:var(--accent);color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
        header a{color:#fff}
        header .who{margin-left:auto;font-size:.9rem}
        nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
        main{padding:1rem;max-width:72rem;margin:0 auto}
        h1{font-size:1.5rem;margin:.5rem 0 1rem;overflow-wrap:anywhere}
        h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
        a{color:var(--accent)}
        code,.id{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
        .scroll{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;margin:.5rem 0}
        th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        caption{text-align:left;font-weight:600;padding:.25rem 0}
        form.search{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.5rem 1rem;align-items:end}
        label{display:block;font-weight:600;font-size:.95rem}
        input,select,button{font:inherit;padding:.35rem .5rem;max-width:100%}
        input[type=text],input[type=password],input[type=datetime-local],select{width:100%;border:1px solid var(--muted);border-radius:3px}
        button{background:var(--accent);color:#fff;border:0;border-radius:3px;cursor:pointer}
        header button{background:#fff;color:var(--accent)}
        .verdict-compliant{color:var(--good);font-weight:600}
        .verdict-non-compliant{color:var(--bad);font-weight:600}
        .verdict-undetermined{color:var(--warn);font-weight:600}
        .error{color:var(--bad);font-weight:600}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem}
        .card{border:1px solid var(--line);border-radius:4px;padding:.5rem 1rem;background:var(--band)}
        figure{margin:1rem 0}
        figure svg{display:block;border:1px solid var(--line)}
        .legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0}
        .swatch{display:inline-block;width:1em;height:1em;border:1px solid var(--muted);vertical-align:middle;margin-right:.3em}
        .sw-post-consumer{background:#b9e3b0}.sw-pre-consumer{background:#cfe0f7}.sw-virgin{background:#f3d9a4}.sw-unknown{background:#e2e2e2}.sw-hidden{background:#fff}
        .sw-covered{background:#8a1111}.sw-not-covered{background:#145214}.sw-undeclared{background:#7a7a7a}
        """;

    /// <summary>The Content-Security-Policy of every page: nothing but this document and its one style sheet.</summary>
    public static readonly string Policy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>HTML-encoded text (also safe inside a quoted attribute).</summary>
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>A URL query or path component, then HTML-encoded for an attribute.</summary>
    public static string U(string text) => E(Uri.EscapeDataString(text));

    /// <summary>A number with <paramref name="format"/>, invariant culture.</summary>
    public static string N(double value, string format = "N1") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal.</summary>
    public static string Pct(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    /// <summary>A UTC time from Unix milliseconds.</summary>
    public static string Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The link to a lot's page.</summary>
    public static string LotLink(string lot) => $"<a class=\"id\" href=\"/ui/lots/{U(lot)}\" title=\"{E(lot)}\">{E(ShortId(lot))}</a>";

    /// <summary>
    /// A lot id without its URN scheme, for tables that must fit a phone: an LGTIN as CP.ITEM.LOT, an SSCC as
    /// "SSCC CP.SERIAL"; the full id is the link's title and the lot page's heading.
    /// </summary>
    public static string ShortId(string lot) =>
        lot.StartsWith(LotIds.LgtinPrefix, StringComparison.Ordinal) ? lot[LotIds.LgtinPrefix.Length..]
        : lot.StartsWith(SsccPrefix, StringComparison.Ordinal) ? "SSCC " + lot[SsccPrefix.Length..] : lot;

    private const string SsccPrefix = "urn:epc:id:sscc:";

    /// <summary>The whole page: language, title, viewport, the header with navigation and the signed-in key.</summary>
    public static string Page(string title, ApiKeyInfo? key, string body)
    {
        var b = new StringBuilder(body.Length + 2048);
        b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        b.Append("<title>").Append(E(title)).Append(" · MagLoop</title><style>").Append(Style).Append("</style></head><body>");
        b.Append("<header><strong>MagLoop traceability</strong>");
        if (key is not null)
        {
            b.Append("<nav aria-label=\"Pages\"><ul><li><a href=\"/ui\">Dashboard</a></li><li><a href=\"/ui/lots\">Lots</a></li>")
                .Append("<li><a href=\"/ui/compliance\">Compliance</a></li><li><a href=\"/ui/ledger\">Ledger</a></li></ul></nav>");
            b.Append("<span class=\"who\">").Append(E(ApiKeys.Name(key.Role))).Append(" · <span class=\"id\">").Append(E(key.Site)).Append("</span></span>");
            b.Append("<form method=\"post\" action=\"/ui/signout\"><button type=\"submit\">Sign out</button></form>");
        }

        b.Append("</header><main>").Append(body).Append("</main></body></html>");
        return b.ToString();
    }

    /// <summary>
    /// The opening of a box that scrolls sideways on a narrow screen, so the page itself never does; it takes the
    /// keyboard focus (a keyboard user can scroll it too) and is a named region.
    /// </summary>
    public static string ScrollBox(string name) => $"<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{E(name)}\">";

    /// <summary>A table: caption, header cells (a trailing '#' right-aligns a numeric column) and rows of already-encoded cells.</summary>
    public static string Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? id = null)
    {
        var b = new StringBuilder();
        b.Append(ScrollBox(caption)).Append("<table").Append(id is null ? "" : $" id=\"{E(id)}\"").Append("><caption>").Append(E(caption)).Append("</caption><thead><tr>");
        foreach (var h in headers) b.Append(h.EndsWith('#') ? $"<th scope=\"col\" class=\"n\">{E(h[..^1])}</th>" : $"<th scope=\"col\">{E(h)}</th>");
        b.Append("</tr></thead><tbody>");
        var count = 0;
        foreach (var row in rows)
        {
            count++;
            b.Append("<tr>");
            for (var i = 0; i < row.Count; i++) b.Append(headers[i].EndsWith('#') ? "<td class=\"n\">" : "<td>").Append(row[i]).Append("</td>");
            b.Append("</tr>");
        }

        if (count == 0) b.Append("<tr><td colspan=\"").Append(headers.Count).Append("\">none</td></tr>");
        b.Append("</tbody></table></div>");
        return b.ToString();
    }
}
