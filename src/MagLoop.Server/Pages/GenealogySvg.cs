using System.Globalization;
using System.Text;
using MagLoop.Traceability;
using static MagLoop.Server.Pages.Html;

namespace MagLoop.Server.Pages;

/// <summary>
/// A genealogy subgraph drawn as SVG: one column per step from the queried lot (sources on the left backward, end
/// lots on the right forward), an edge per link labelled with its share, source lots filled by material class with a
/// band for where their stages took place. A lot the key may not see is drawn blank, without its id or origin.
/// </summary>
internal static class GenealogySvg
{
    private const int NodeWidthPx = 200, NodeHeightPx = 38, ColumnGapPx = 90, RowGapPx = 14, MarginPx = 12, BandWidthPx = 10;

    /// <summary>
    /// Above this many lots the graph is not drawn (the table below it still lists them): a column of 400 boxes is
    /// 20,000 px tall, past what a reader follows; a design choice, not a measured limit.
    /// </summary>
    public const int MaxLots = 400;

    private static readonly Dictionary<string, string> ClassFill = new(StringComparer.Ordinal)
    {
        ["post-consumer"] = "#b9e3b0", ["pre-consumer"] = "#cfe0f7", ["virgin"] = "#f3d9a4", ["unknown"] = "#e2e2e2", ["hidden"] = "#ffffff",
    };

    private static readonly Dictionary<string, string> OriginFill = new(StringComparer.Ordinal)
    {
        ["covered"] = "#8a1111", ["not-covered"] = "#145214", ["undeclared"] = "#7a7a7a",
    };

    /// <summary>The figure, or a note when the subgraph is too large to draw.</summary>
    public static string Render(Subgraph sub, GenealogyDirection direction, Func<string, bool> maySee, string id)
    {
        var count = sub.Lots.Count;
        var label = direction == GenealogyDirection.Backward ? "ancestors" : "descendants";
        if (count == 1) return $"<p>No {label}: {(direction == GenealogyDirection.Backward ? "a source lot (no inputs recorded)" : "nothing made from it yet")}.</p>";
        if (count > MaxLots) return $"<p>{count} lots: too many to draw; the table lists them.</p>";

        var maxDepth = sub.Depth.Values.Max();
        var columns = sub.Lots.Keys.GroupBy(l => sub.Depth[l]).ToDictionary(g => g.Key, g => g.OrderBy(l => sub.Lots[l].CreatedSeq).ThenBy(l => l, StringComparer.Ordinal).ToList());
        var rows = columns.Values.Max(c => c.Count);
        var widthPx = 2 * MarginPx + (maxDepth + 1) * NodeWidthPx + maxDepth * ColumnGapPx;
        var heightPx = 2 * MarginPx + rows * NodeHeightPx + (rows - 1) * RowGapPx;
        var position = new Dictionary<string, (int X, int Y)>(StringComparer.Ordinal);
        foreach (var (depth, lots) in columns)
        {
            var column = direction == GenealogyDirection.Backward ? maxDepth - depth : depth;
            var top = MarginPx + (heightPx - 2 * MarginPx - (lots.Count * NodeHeightPx + (lots.Count - 1) * RowGapPx)) / 2;
            for (var i = 0; i < lots.Count; i++)
                position[lots[i]] = (MarginPx + column * (NodeWidthPx + ColumnGapPx), top + i * (NodeHeightPx + RowGapPx));
        }

        var inputs = sub.Links.Select(l => l.ToLot).ToHashSet(StringComparer.Ordinal);
        var title = $"{id}-title";
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<figure data-graph=\"{id}\">{ScrollBox($"Genealogy graph, {label}")}<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{title} {id}-desc\" ")
            .Append(CultureInfo.InvariantCulture, $"width=\"{widthPx}\" height=\"{heightPx}\" viewBox=\"0 0 {widthPx} {heightPx}\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{title}\">Genealogy graph, {label}: {count - 1} lots</title>")
            .Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">Lots as boxes in columns by steps from the queried lot; each arrow is labelled with the share of the later lot's inputs by mass. The table after the graph lists the same lots.</desc>");

        // Edges first, so boxes sit on top of them.
        foreach (var link in sub.Links)
        {
            if (!position.TryGetValue(link.FromLot, out var from) || !position.TryGetValue(link.ToLot, out var to)) continue;
            var (x1, y1) = (from.X + NodeWidthPx, from.Y + NodeHeightPx / 2);
            var (x2, y2) = (to.X, to.Y + NodeHeightPx / 2);
            var mid = (x1 + x2) / 2;
            b.Append(CultureInfo.InvariantCulture, $"<g class=\"edge\"><path d=\"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}\" fill=\"none\" stroke=\"#4a4a4a\" stroke-width=\"1.2\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{mid}\" y=\"{(y1 + y2) / 2 - 3}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1a1a1a\">{E(Pct(link.Fraction))}</text></g>");
        }

        foreach (var (lot, (x, y)) in position)
        {
            var info = sub.Lots[lot];
            var visible = maySee(lot);
            var isSource = !inputs.Contains(lot) && direction == GenealogyDirection.Backward;
            var fill = !visible ? ClassFill["hidden"] : isSource ? ClassFill[ClassOf(info)] : "#f7f7f7";
            var target = lot == sub.Target.Lot;
            b.Append(CultureInfo.InvariantCulture, $"<g class=\"lot\" data-lot=\"{(visible ? E(lot) : "hidden")}\"><title>{(visible ? E(Describe(info)) : "a lot at another site")}</title>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{NodeWidthPx}\" height=\"{NodeHeightPx}\" rx=\"4\" fill=\"{fill}\" stroke=\"{(target ? "#0b4f8a" : "#4a4a4a")}\" stroke-width=\"{(target ? 3 : 1)}\"/>");
            if (visible && info.MasterData.Stages.Count + (info.MasterData.RecoveredIn is null ? 0 : 1) > 0 || visible && isSource)
                b.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{BandWidthPx}\" height=\"{NodeHeightPx}\" fill=\"{OriginFill[OriginOf(info)]}\"/>");
            var text = visible ? Short(lot) : "another site";
            var line2 = visible ? $"{N(info.MassKg)} kg{(isSource ? " · " + ClassOf(info) : "")}" : "";
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + BandWidthPx + 6}\" y=\"{y + 15}\" font-size=\"12\" fill=\"#1a1a1a\">{E(text)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + BandWidthPx + 6}\" y=\"{y + 31}\" font-size=\"11\" fill=\"#1a1a1a\">{E(line2)}</text></g>");
        }

        b.Append("</svg></div></figure>");
        return b.ToString();
    }

    /// <summary>The legend of both colourings, as a list (text, not only colour).</summary>
    public static string Legend()
    {
        var b = new StringBuilder("<ul class=\"legend\" aria-label=\"Legend\">");
        foreach (var name in new[] { "post-consumer", "pre-consumer", "virgin", "unknown" })
            b.Append(CultureInfo.InvariantCulture, $"<li><span class=\"swatch sw-{name}\"></span>{(name == "unknown" ? "source without material class" : name + " source")}</li>");
        b.Append("<li><span class=\"swatch sw-hidden\"></span>lot at another site (not shown to this key)</li>");
        b.Append("<li><span class=\"swatch sw-covered\"></span>band: a stage in a covered country (CN, RU, KP, IR)</li>");
        b.Append("<li><span class=\"swatch sw-not-covered\"></span>band: stages declared, none covered</li>");
        b.Append("<li><span class=\"swatch sw-undeclared\"></span>band: no stage declared</li></ul>");
        return b.ToString();
    }

    internal static string ClassOf(LotInfo info) => info.MasterData.MaterialClass is { } mc ? MaterialClasses.Name(mc) : "unknown";

    internal static string OriginOf(LotInfo info)
    {
        var countries = info.MasterData.Stages.Values.Concat(info.MasterData.RecoveredIn is { } r ? [r] : []).ToList();
        if (countries.Count == 0) return "undeclared";
        return countries.Any(c => ComplianceRule.DfarsCoveredCountries.Contains(c)) ? "covered" : "not-covered";
    }

    private static string Describe(LotInfo info)
    {
        var m = info.MasterData;
        var stages = m.Stages.Count == 0 ? "no stages declared" : string.Join(", ", m.Stages.OrderBy(s => s.Key).Select(s => $"{MagLoopNamespace.StageName(s.Key)} {s.Value}"));
        return $"{info.Lot}: {N(info.MassKg)} kg, {ClassOf(info)}, {stages}{(m.RecoveredIn is { } r ? ", recovered in " + r : "")}";
    }

    /// <summary>An LGTIN's item and lot (urn:epc:class:lgtin:CP.ITEM.LOT gives ITEM.LOT), else <see cref="Html.ShortId"/>; the box holds 28 characters.</summary>
    private static string Short(string lot)
    {
        var text = lot.StartsWith(LotIds.LgtinPrefix, StringComparison.Ordinal) && lot.IndexOf('.', LotIds.LgtinPrefix.Length) is var dot and > 0 ? lot[(dot + 1)..] : ShortId(lot);
        return text.Length > 28 ? "…" + text[^27..] : text;
    }
}
