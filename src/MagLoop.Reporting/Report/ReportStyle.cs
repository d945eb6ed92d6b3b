namespace MagLoop.Reporting.Report;

/// <summary>The report's stylesheet, inlined in the page: screen reading and A4 printing with a page per major section.</summary>
internal static class ReportStyle
{
    public const string Css = """
        @page { size: A4; margin: 14mm 12mm; }
        html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #222; }
        body { max-width: 186mm; margin: 0 auto; padding: 8px; }
        h1 { font-size: 17pt; margin: 0 0 4px; color: #1f5f99; }
        h2 { font-size: 13pt; margin: 0 0 6px; border-bottom: 2px solid #1f5f99; color: #1f5f99; }
        h3 { font-size: 11pt; margin: 10px 0 4px; }
        p { margin: 4px 0 8px; line-height: 1.35; }
        section { margin-bottom: 14px; }
        section.page { break-before: page; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 8.5pt; }
        caption { text-align: left; font-weight: bold; padding: 2px 0; }
        th, td { border-bottom: 1px solid #ddd; padding: 2px 4px; text-align: left; vertical-align: top; }
        th { background: #eef3f8; }
        td.num, th.num { text-align: right; white-space: nowrap; }
        tr { break-inside: avoid; }
        thead { display: table-header-group; }
        figure.chart { margin: 6px 0 10px; break-inside: avoid; }
        figure.chart svg { width: 100%; height: auto; display: block; }
        figcaption { font-size: 8.5pt; color: #555; }
        .muted { color: #666; font-size: 8.5pt; }
        .warning { color: #8a4b00; }
        .calibrated { color: #d9822b; font-weight: bold; }
        ul.calibrated-list { font-size: 8.5pt; margin: 4px 0; padding-left: 18px; }
        code { font-size: 8pt; }
        #assumptions-table td, [id$="assumptions-table"] td { font-size: 7.5pt; }
        """;
}
