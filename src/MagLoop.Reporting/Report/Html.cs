using System.Net;
using System.Text;

namespace MagLoop.Reporting.Report;

/// <summary>
/// A small HTML writer: escaped text, sections, tables and figures that carry the JSON path and exact value of the
/// study.json number they show (data-figure, data-value), so a test or a reader's script can check every figure.
/// </summary>
internal sealed class Html
{
    private readonly StringBuilder _text = new();

    /// <summary>Prefix of element ids, unique per study in a comparison report.</summary>
    public string IdPrefix { get; init; } = "";

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    public Html Raw(string html)
    {
        _text.Append(html);
        return this;
    }

    public Html Line(string html)
    {
        _text.Append(html).Append('\n');
        return this;
    }

    public Html Text(string text) => Raw(Escape(text));

    public Html Paragraph(string text, string? cssClass = null) =>
        Line(cssClass is null ? $"<p>{Escape(text)}</p>" : $"<p class=\"{cssClass}\">{Escape(text)}</p>");

    /// <summary>Opens a section: an A4-page-friendly block with its id and heading.</summary>
    public Html OpenSection(string id, string title, bool pageBreak = true) =>
        Line($"<section id=\"{IdPrefix}{id}\" data-section=\"{id}\" class=\"{(pageBreak ? "page" : "block")}\">").Line($"<h2>{Escape(title)}</h2>");

    public Html CloseSection() => Line("</section>");

    /// <summary>A figure read from study.json at <paramref name="path"/>, shown as <paramref name="shown"/>.</summary>
    public static string Figure(string path, double value, string shown) =>
        $"<span class=\"fig\" data-figure=\"{Escape(path)}\" data-value=\"{ReportFormat.Exact(value)}\">{Escape(shown)}</span>";

    /// <summary>A figure read from study.json at <paramref name="path"/> (a decimal amount).</summary>
    public static string Figure(string path, decimal value, string shown) =>
        $"<span class=\"fig\" data-figure=\"{Escape(path)}\" data-value=\"{ReportFormat.Exact(value)}\">{Escape(shown)}</span>";

    /// <summary>A text value read from study.json at <paramref name="path"/> (a grade, a phase, a limit's name), shown as it is.</summary>
    public static string Text(string path, string value) =>
        $"<span data-figure=\"{Escape(path)}\" data-value=\"{Escape(value)}\">{Escape(value)}</span>";

    /// <summary>
    /// A figure the report derives from study.json figures (a ratio of two of them, say): data-derived names the
    /// formula so a reader can recompute it.
    /// </summary>
    public static string Derived(string formula, double value, string shown) =>
        $"<span class=\"fig\" data-derived=\"{Escape(formula)}\" data-value=\"{ReportFormat.Exact(value)}\">{Escape(shown)}</span>";

    /// <summary>A table: header cells are escaped text, body cells are HTML (figures or escaped text).</summary>
    public Html Table(string id, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? caption = null, IReadOnlyList<bool>? numeric = null)
    {
        Line($"<table id=\"{IdPrefix}{id}\" data-table=\"{id}\">");
        if (caption is not null) Line($"<caption>{Escape(caption)}</caption>");
        Raw("<thead><tr>");
        for (var i = 0; i < header.Count; i++) Raw(Cell("th", Escape(header[i]), numeric, i));
        Line("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            Raw("<tr>");
            for (var i = 0; i < row.Count; i++) Raw(Cell("td", row[i], numeric, i));
            Line("</tr>");
        }

        return Line("</tbody></table>");
    }

    /// <summary>A chart: inline SVG in a figure with its caption; <paramref name="chart"/> names it for tests and readers.</summary>
    public Html Chart(string chart, string svg, string caption) =>
        Line($"<figure class=\"chart\" id=\"{IdPrefix}chart-{chart}\" data-chart=\"{chart}\">").Line(svg)
            .Line($"<figcaption>{Escape(caption)}</figcaption></figure>");

    public override string ToString() => _text.ToString();

    private static string Cell(string tag, string html, IReadOnlyList<bool>? numeric, int i) =>
        numeric is not null && i < numeric.Count && numeric[i] ? $"<{tag} class=\"num\">{html}</{tag}>" : $"<{tag}>{html}</{tag}>";
}
