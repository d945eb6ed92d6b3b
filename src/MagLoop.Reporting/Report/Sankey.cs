using System.Globalization;
using System.Text;
using MagLoop.Studies;

namespace MagLoop.Reporting.Report;

/// <summary>
/// An element Sankey of the flowsheet, generated as SVG from the study's streams: each link is a stream, its width the
/// rare-earth mass it carries (t/yr), split into one band per element. Nodes are the flowsheet's units; where a unit
/// puts out more of an element than its streams bring (fresh rare earth blended in), the difference enters as an
/// external input, so every node balances as the element balance does. Recycles are drawn below as dashed returns.
/// </summary>
internal static class Sankey
{
    /// <summary>The elements shown, with their colours.</summary>
    public static IReadOnlyList<(string Element, string Colour)> Elements { get; } =
        [("Nd", "#1f5f99"), ("Pr", "#5b9bd5"), ("Dy", "#d9822b"), ("Tb", "#3b8b3b")];

    private const double Width = 1000;
    private const double NodeWidth = 10;
    private const double Padding = 10;
    private const double FlowHeight = 380;

    /// <summary>A link of the diagram: one stream (or an external input), its element masses in t/yr.</summary>
    public sealed record Link(string Name, string From, string To, IReadOnlyList<double> TonnesPerYear, bool IsRecycle)
    {
        public double Total => TonnesPerYear.Sum();
    }

    /// <summary>The links: streams carrying any of the elements, outlets gathered per kind and column, external inputs added.</summary>
    public static IReadOnlyList<Link> Links(StudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var links = new List<Link>();
        // The diagram starts at the spokes: a feed's "scrap received" stream would only repeat its spoke's node.
        foreach (var s in result.Streams.Where(s => !s.From.StartsWith("feed:", StringComparison.Ordinal)))
        {
            var masses = Elements.Select(e => s.Composition.TryGetValue(e.Element, out var f) ? f * s.TonnesPerYear : 0).ToArray();
            if (masses.Sum() <= 0) continue;
            links.Add(new Link(s.Name, s.From, s.To ?? Outlet(s), masses, false));
        }

        // External inputs: what a unit puts out beyond what enters it.
        var units = links.SelectMany(l => new[] { l.From, l.To }).Distinct().ToList();
        foreach (var unit in units.Where(u => !u.StartsWith("feed:", StringComparison.Ordinal) && !u.StartsWith("out:", StringComparison.Ordinal)))
        {
            var extra = Elements.Select((_, i) => links.Where(l => l.From == unit).Sum(l => l.TonnesPerYear[i]) - links.Where(l => l.To == unit).Sum(l => l.TonnesPerYear[i]))
                .Select(v => Math.Max(0, v)).ToArray();
            if (extra.Sum() > 1e-6 * links.Where(l => l.To == unit).Sum(l => l.Total)) links.Add(new Link($"Fresh rare earth into {unit}", "input:" + unit, unit, extra, false));
        }

        return MarkRecycles(links);
    }

    /// <summary>The diagram as an SVG element.</summary>
    public static string Svg(StudyResult result)
    {
        var links = Links(result);
        var forward = links.Where(l => !l.IsRecycle).ToList();
        var nodes = links.SelectMany(l => new[] { l.From, l.To }).Distinct().ToList();
        var column = Columns(nodes, forward);
        // Outlets sit one column after their unit; magnets and co-products at the far right.
        var last = column.Values.Max();
        foreach (var n in nodes.Where(n => n.StartsWith("out:", StringComparison.Ordinal) && (n.Contains(":magnet:", StringComparison.Ordinal) || n.Contains(":coProduct:", StringComparison.Ordinal))))
            column[n] = last;
        var columns = column.Values.Max() + 1;
        var value = nodes.ToDictionary(n => n, n => Math.Max(links.Where(l => l.From == n).Sum(l => l.Total), links.Where(l => l.To == n).Sum(l => l.Total)));
        var tallest = Enumerable.Range(0, columns).Max(c => nodes.Where(n => column[n] == c).Sum(n => value[n]));
        var maxNodes = Enumerable.Range(0, columns).Max(c => nodes.Count(n => column[n] == c));
        var scale = (FlowHeight - (Padding * maxNodes)) / tallest;
        var xStep = (Width - 140 - NodeWidth) / Math.Max(1, columns - 1);

        var y = new Dictionary<string, double>();
        var x = new Dictionary<string, double>();
        for (var c = 0; c < columns; c++)
        {
            double top = 20;
            foreach (var n in nodes.Where(n => column[n] == c))
            {
                x[n] = 10 + (c * xStep);
                y[n] = top;
                top += Math.Max(1, value[n] * scale) + Padding;
            }
        }

        var recycles = links.Where(l => l.IsRecycle).ToList();
        var height = FlowHeight + 40 + (recycles.Count * 14) + 30;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {F(height)}\" width=\"100%\" role=\"img\" aria-label=\"Rare-earth Sankey of the flowsheet\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"9\">");
        var outOffset = nodes.ToDictionary(n => n, _ => 0.0);
        var inOffset = nodes.ToDictionary(n => n, _ => 0.0);
        foreach (var link in forward.OrderBy(l => y[l.To]))
        {
            var h = link.Total * scale;
            var (x0, y0) = (x[link.From] + NodeWidth, y[link.From] + outOffset[link.From]);
            outOffset[link.From] += h;
            Band(svg, link, x0, y0, x[link.To], y[link.To] + inOffset[link.To], scale);
            inOffset[link.To] += h;
        }

        var bottom = FlowHeight + 30;
        for (var i = 0; i < recycles.Count; i++)
        {
            var link = recycles[i];
            var h = Math.Max(1, link.Total * scale);
            var (sx, sy) = (x[link.From] + NodeWidth, y[link.From] + outOffset[link.From] + (h / 2));
            outOffset[link.From] += h;
            var (tx, ty) = (x[link.To], y[link.To] + inOffset[link.To] + (h / 2));
            inOffset[link.To] += h;
            var low = bottom + (i * 14);
            svg.Append(CultureInfo.InvariantCulture,
                $"<path class=\"recycle\" data-stream=\"{Html.Escape(link.Name)}\" data-tonnes=\"{ReportFormat.Exact(link.Total)}\" d=\"M{F(sx)},{F(sy)} C{F(sx + 40)},{F(sy)} {F(sx + 40)},{F(low)} {F(sx)},{F(low)} L{F(tx)},{F(low)} C{F(tx - 40)},{F(low)} {F(tx - 40)},{F(ty)} {F(tx)},{F(ty)}\" fill=\"none\" stroke=\"#888\" stroke-opacity=\"0.6\" stroke-dasharray=\"4 3\" stroke-width=\"{F(h)}\"><title>{Html.Escape(link.Name)} (recycle): {ReportFormat.Tonnes(link.Total)} t/yr rare earth</title></path>");
        }

        foreach (var n in nodes)
        {
            var h = Math.Max(1, value[n] * scale);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"node\" data-node=\"{Html.Escape(n)}\" x=\"{F(x[n])}\" y=\"{F(y[n])}\" width=\"{F(NodeWidth)}\" height=\"{F(h)}\" fill=\"#333\"><title>{Html.Escape(Label(n))}: {ReportFormat.Tonnes(value[n])} t/yr rare earth</title></rect>");
            var anchorRight = column[n] == columns - 1;
            var lx = anchorRight ? x[n] - 3 : x[n] + NodeWidth + 3;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(lx)}\" y=\"{F(y[n] + (h / 2) + 3)}\" text-anchor=\"{(anchorRight ? "end" : "start")}\">{Html.Escape(Label(n))} {ReportFormat.Number(value[n], "N0")}</text>");
        }

        // Legend.
        double legendX = 10;
        foreach (var (element, colour) in Elements)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(legendX)}\" y=\"{F(height - 14)}\" width=\"12\" height=\"8\" fill=\"{colour}\"/><text x=\"{F(legendX + 16)}\" y=\"{F(height - 6)}\">{element}</text>");
            legendX += 50;
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(legendX + 10)}\" y=\"{F(height - 6)}\">dashed: recycles; node labels: rare earth through the node, t/yr</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Band(StringBuilder svg, Link link, double x0, double y0, double x1, double y1, double scale)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"link\" data-stream=\"{Html.Escape(link.Name)}\" data-tonnes=\"{ReportFormat.Exact(link.Total)}\"><title>{Html.Escape(link.Name)}: {Html.Escape(string.Join(", ", Elements.Select((e, i) => $"{e.Element} {ReportFormat.Number(link.TonnesPerYear[i], "N2")}")))} t/yr</title>");
        var mid = (x0 + x1) / 2;
        var offset = 0.0;
        for (var i = 0; i < Elements.Count; i++)
        {
            var h = link.TonnesPerYear[i] * scale;
            if (h <= 0) continue;
            var (a, b) = (y0 + offset, y1 + offset);
            svg.Append(CultureInfo.InvariantCulture,
                $"<path d=\"M{F(x0)},{F(a)} C{F(mid)},{F(a)} {F(mid)},{F(b)} {F(x1)},{F(b)} L{F(x1)},{F(b + h)} C{F(mid)},{F(b + h)} {F(mid)},{F(a + h)} {F(x0)},{F(a + h)} Z\" fill=\"{Elements[i].Colour}\" fill-opacity=\"0.55\"/>");
            offset += h;
        }

        svg.Append("</g>");
    }

    /// <summary>Longest-path column of each node over the forward links (a DAG once recycles are marked).</summary>
    private static Dictionary<string, int> Columns(IReadOnlyList<string> nodes, IReadOnlyList<Link> forward)
    {
        var column = nodes.ToDictionary(n => n, _ => 0);
        // At most |nodes| relaxations on a DAG.
        for (var pass = 0; pass < nodes.Count; pass++)
        {
            var changed = false;
            foreach (var l in forward)
                if (column[l.To] < column[l.From] + 1)
                {
                    column[l.To] = column[l.From] + 1;
                    changed = true;
                }

            if (!changed) break;
        }

        // An external input sits just before its unit.
        foreach (var l in forward.Where(l => l.From.StartsWith("input:", StringComparison.Ordinal))) column[l.From] = column[l.To] - 1;
        return column;
    }

    /// <summary>Marks the links that close a cycle (back edges of a depth-first search from the feeds, in stream order).</summary>
    private static List<Link> MarkRecycles(List<Link> links)
    {
        var state = new Dictionary<string, int>();
        var back = new HashSet<Link>();
        void Visit(string node)
        {
            state[node] = 1;
            foreach (var l in links.Where(l => l.From == node))
            {
                var s = state.GetValueOrDefault(l.To);
                if (s == 1) back.Add(l);
                else if (s == 0) Visit(l.To);
            }

            state[node] = 2;
        }

        foreach (var root in links.Select(l => l.From).Where(n => !links.Any(l => l.To == n)).Distinct().ToList())
            if (state.GetValueOrDefault(root) == 0) Visit(root);
        return links.Select(l => back.Contains(l) ? l with { IsRecycle = true } : l).ToList();
    }

    private static string Outlet(StreamResult s) => s.Outlet switch
    {
        MagLoop.Process.OutletKind.Magnet or MagLoop.Process.OutletKind.CoProduct => $"out:{s.From}:{Kind(s)}:{s.Name}",
        _ when s.From.StartsWith("spoke:", StringComparison.Ordinal) => $"out:spokes:{Kind(s)}",
        _ => $"out:{s.From}:{Kind(s)}",
    };

    /// <summary>A node's label: the feed at a spoke, the unit, the outlet's kind, or the product's stream name.</summary>
    public static string Label(string node)
    {
        var parts = node.Split(':');
        return parts[0] switch
        {
            "spoke" => parts[1],
            "input" => "Fresh rare earth",
            "out" when parts.Length > 3 => string.Join(':', parts[3..]),
            "out" => (parts[1] == "spokes" ? "Spoke" : Label(parts[1])) + parts[2] switch
            {
                "residue" => parts[1] == "spokes" ? " residues" : " residue",
                "offGas" => " off-gas",
                "loss" => " losses",
                var k => " " + k,
            },
            "hpms" => "HPMS",
            _ => char.ToUpperInvariant(node[0]) + node[1..].Replace('-', ' '),
        };
    }

    private static string Kind(StreamResult s) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.Outlet?.ToString() ?? "none");

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
