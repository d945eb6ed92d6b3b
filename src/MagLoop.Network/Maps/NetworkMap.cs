using System.Globalization;
using System.Text;
using System.Xml.Linq;
using MagLoop.Errors;
using MagLoop.Network.Results;
using MagLoop.Network.Supply;

namespace MagLoop.Network.Maps;

/// <summary>
/// The map of a plan in one year, as a self-contained SVG: the contiguous states (USGS Albers equal-area conic,
/// simplified with Douglas-Peucker), scrap sources as dots, hubs (squares) and spokes (circles) with symbol area
/// proportional to the scrap they receive that year, candidates not open as dashed outlines, and lanes as lines
/// whose width is proportional to the tonnes they carry that year. Everything it shows comes from the plan's
/// <see cref="NetworkPlan.Sites"/> (intake and capacity by site and year) and <see cref="NetworkPlan.Flows"/>.
/// </summary>
public static class NetworkMap
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const double Margin = 10, TitleBand = 56, LegendBand = 150;

    // Below these sizes a symbol would vanish; drawn at the floor, its data-tonnes attribute still gives the value.
    private const double MinSymbolRadiusPx = 2.5, MinSourceRadiusPx = 1, MinLaneWidthPx = 0.3;

    // Colours of hubs, spokes, sources, truck and rail lanes (ColorBrewer RdBu, PiYG, PuOr ends).
    private const string HubColour = "#b2182b", SpokeColour = "#2166ac", SourceColour = "#4d9221", TruckColour = "#e08214", RailColour = "#542788";

    /// <summary>
    /// Renders the map of <paramref name="plan"/> (solved from <paramref name="problem"/>) in <paramref name="year"/>.
    /// A <see cref="UserError"/> when the year is outside the plan, the plan has no flows (infeasible), or the state
    /// outlines cannot be read.
    /// </summary>
    public static string Render(NetworkProblem problem, NetworkPlan plan, int year, MapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        options ??= new MapOptions();
        options.Validate();
        if (!problem.Years.Contains(year))
            throw new UserError($"{year} is not a year of the plan ({problem.Years[0]}-{problem.Years[^1]})", "year");
        if (!plan.HasPlan)
            throw new UserError($"the plan of '{plan.Case}' is {plan.Status}: there are no flows to map", "year");

        var states = StateOutlines.Read(Path.Combine(DataFolder(options), ReferenceData.OutlinesFile));
        var year_ = YearView.Of(problem, plan, year);
        return Draw(problem, plan, year_, states, options).ToString(SaveOptions.DisableFormatting);
    }

    private static string DataFolder(MapOptions options)
    {
        if (options.DataFolder is { } given) return given;
        return ReferenceData.FindDefaultFolder(Directory.GetCurrentDirectory())
            ?? ReferenceData.FindDefaultFolder(AppContext.BaseDirectory)
            ?? throw new UserError($"state outlines for the network map not found: no shared/reference/network-data (with {ReferenceData.OutlinesFile}) above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'; give MapOptions.DataFolder", "data");
    }

    private static XElement Draw(NetworkProblem problem, NetworkPlan plan, YearView view, IReadOnlyList<StateOutline> states, MapOptions o)
    {
        var projection = AlbersEqualArea.ContiguousUs;
        var projected = states.Select(s => s.Rings.Select(r => r.Select(p => projection.Project(p.LatitudeDeg, p.LongitudeDeg)).ToList()).ToList()).ToList();
        var all = projected.SelectMany(s => s.SelectMany(r => r)).ToList();
        if (all.Count == 0) throw new UserError("the state outlines file holds no coordinates", "data");
        double minX = all.Min(p => p.XM), maxX = all.Max(p => p.XM), minY = all.Min(p => p.YM), maxY = all.Max(p => p.YM);
        var pxPerM = (o.WidthPx - (2 * Margin)) / (maxX - minX);
        var mapHeight = (maxY - minY) * pxPerM;
        var height = TitleBand + mapHeight + Margin + LegendBand;
        (double X, double Y) Px((double XM, double YM) m) => (Margin + ((m.XM - minX) * pxPerM), TitleBand + ((maxY - m.YM) * pxPerM));
        (double X, double Y) At(double lat, double lon) => Px(projection.Project(lat, lon));

        var title = $"Magnet-scrap network '{problem.Name}' in {view.Year}";
        var root = new XElement(Svg + "svg",
            new XAttribute("width", F(o.WidthPx)), new XAttribute("height", F(height)),
            new XAttribute("viewBox", $"0 0 {F(o.WidthPx)} {F(height)}"),
            new XAttribute("role", "img"), new XAttribute("aria-labelledby", "map-title map-desc"),
            new XAttribute("font-family", "DejaVu Sans, Arial, sans-serif"),
            new XElement(Svg + "title", new XAttribute("id", "map-title"), title),
            new XElement(Svg + "desc", new XAttribute("id", "map-desc"), view.Describe(problem, plan)),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#ffffff")),
            Text(Margin + 4, 26, title, 20, "bold"),
            Text(Margin + 4, 46, $"Sites sized by scrap received, lanes by tonnes moved, in {view.Year}; plan status {plan.Status}, NPV {plan.NpvUsd / 1e6:N1} M USD over {problem.Years[0]}-{problem.Years[^1]}", 12, null));

        var stateGroup = new XElement(Svg + "g", new XAttribute("class", "states"), new XAttribute("fill", "#f3f0e8"),
            new XAttribute("stroke", "#a0a0a0"), new XAttribute("stroke-width", "0.6"), new XAttribute("stroke-linejoin", "round"));
        for (var i = 0; i < states.Count; i++)
        {
            stateGroup.Add(new XElement(Svg + "path", new XAttribute("class", "state"), new XAttribute("data-state", states[i].Postal),
                new XAttribute("fill-rule", "evenodd"), new XAttribute("d", PathData(projected[i].Select(r => r.Select(Px).ToList()).ToList(), o.SimplifyTolerancePx)),
                new XElement(Svg + "title", states[i].Name)));
        }

        root.Add(stateGroup);

        var siteById = problem.Sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var sourceById = problem.Sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        (double X, double Y) Place(string id) =>
            siteById.TryGetValue(id, out var site) ? At(site.LatitudeDeg, site.LongitudeDeg)
            : sourceById.TryGetValue(id, out var source) ? At(source.LatitudeDeg, source.LongitudeDeg)
            : throw new ArgumentException($"the plan names '{id}', which is neither a source nor a site of the problem", nameof(plan));

        var maxLane = view.Lanes.Select(l => l.Tonnes).DefaultIfEmpty(0).Max();
        var lanes = new XElement(Svg + "g", new XAttribute("class", "lanes"), new XAttribute("stroke-linecap", "round"), new XAttribute("stroke-opacity", "0.75"));
        foreach (var lane in view.Lanes.OrderByDescending(l => l.Tonnes).ThenBy(l => l.From, StringComparer.Ordinal).ThenBy(l => l.To, StringComparer.Ordinal))
        {
            var (x1, y1) = Place(lane.From);
            var (x2, y2) = Place(lane.To);
            lanes.Add(new XElement(Svg + "line", new XAttribute("class", $"lane {Mode(lane.Mode)}"),
                new XAttribute("data-from", lane.From), new XAttribute("data-to", lane.To), new XAttribute("data-tonnes", F(lane.Tonnes)),
                new XAttribute("x1", F(x1)), new XAttribute("y1", F(y1)), new XAttribute("x2", F(x2)), new XAttribute("y2", F(y2)),
                new XAttribute("stroke", lane.Mode == TransportMode.Rail ? RailColour : TruckColour),
                new XAttribute("stroke-width", F(LaneWidth(lane.Tonnes, maxLane, o))),
                new XElement(Svg + "title", $"{lane.From} to {lane.To} by {Mode(lane.Mode)}: {lane.Tonnes:N0} t")));
        }

        root.Add(lanes);

        var maxSource = view.SourceLocations.Select(s => s.Tonnes).DefaultIfEmpty(0).Max();
        var sources = new XElement(Svg + "g", new XAttribute("class", "sources"), new XAttribute("fill", SourceColour), new XAttribute("fill-opacity", "0.8"));
        foreach (var s in view.SourceLocations)
        {
            var (x, y) = At(s.LatitudeDeg, s.LongitudeDeg);
            sources.Add(new XElement(Svg + "circle", new XAttribute("class", "source"), new XAttribute("data-tonnes", F(s.Tonnes)),
                new XAttribute("cx", F(x)), new XAttribute("cy", F(y)),
                new XAttribute("r", F(Math.Max(MinSourceRadiusPx, o.MaxSourceRadiusPx * Math.Sqrt(s.Tonnes / maxSource)))),
                new XElement(Svg + "title", $"{s.Label}: {s.Tonnes:N0} t bought")));
        }

        root.Add(sources);

        // One area scale for hubs and spokes, so a square and a circle of the same area received the same tonnes.
        var maxSite = view.Sites.Where(s => s.Open).Select(s => s.IntakeTonnes).DefaultIfEmpty(0).Max();
        var pxAreaPerTonne = maxSite > 0 ? Math.PI * o.MaxSiteRadiusPx * o.MaxSiteRadiusPx / maxSite : 0;
        var siteGroup = new XElement(Svg + "g", new XAttribute("class", "sites"));
        var labels = new XElement(Svg + "g", new XAttribute("class", "labels"), new XAttribute("font-size", "11"),
            new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "3"), new XAttribute("paint-order", "stroke"), new XAttribute("fill", "#202020"));
        foreach (var s in view.Sites.OrderBy(s => s.Open).ThenByDescending(s => s.IntakeTonnes))
        {
            var (x, y) = At(s.Site.LatitudeDeg, s.Site.LongitudeDeg);
            var area = s.Open ? Math.Max(Math.PI * MinSymbolRadiusPx * MinSymbolRadiusPx, pxAreaPerTonne * s.IntakeTonnes) : Math.PI * 5 * 5;
            var role = s.Site.Role == SiteRole.Hub ? "hub" : "spoke";
            var colour = s.Site.Role == SiteRole.Hub ? HubColour : SpokeColour;
            var shape = Symbol(s.Site.Role, x, y, area);
            shape.Add(new XAttribute("class", $"site {role} {(s.Open ? "open" : "candidate")}"), new XAttribute("data-site", s.Site.Id),
                new XAttribute("data-tonnes", F(s.IntakeTonnes)));
            if (s.Open) shape.Add(new XAttribute("fill", colour), new XAttribute("fill-opacity", "0.85"), new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "1"));
            else shape.Add(new XAttribute("fill", "none"), new XAttribute("stroke", colour), new XAttribute("stroke-width", "1.2"), new XAttribute("stroke-dasharray", "3 2"));
            shape.Add(new XElement(Svg + "title", s.Open
                ? $"{s.Site.Name} ({role}, open): {s.IntakeTonnes:N0} t received of {s.CapacityTonnes:N0} t capacity"
                : $"{s.Site.Name} ({role}, candidate not open in {view.Year})"));
            siteGroup.Add(shape);
            if (s.Open)
            {
                var half = Math.Sqrt(area / Math.PI);
                labels.Add(new XElement(Svg + "text", new XAttribute("class", "site-label"), new XAttribute("data-site", s.Site.Id),
                    new XAttribute("x", F(x + half + 3)), new XAttribute("y", F(y + 4)), $"{s.Site.Name} {s.IntakeTonnes:N0} t"));
            }
        }

        root.Add(siteGroup, labels);
        root.Add(Legend(view, TitleBand + mapHeight + Margin, o, maxSite, pxAreaPerTonne, maxLane, maxSource, pxPerM));
        return root;
    }

    private static XElement Legend(YearView view, double top, MapOptions o, double maxSite, double pxAreaPerTonne, double maxLane, double maxSource, double pxPerM)
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "legend"), new XAttribute("font-size", "11"), new XAttribute("fill", "#202020"));
        g.Add(new XElement(Svg + "line", new XAttribute("x1", F(Margin)), new XAttribute("x2", F(o.WidthPx - Margin)),
            new XAttribute("y1", F(top)), new XAttribute("y2", F(top)), new XAttribute("stroke", "#d0d0d0")));

        // Sites: hub and spoke symbols at two round throughputs; a candidate not open.
        var x = Margin + 4;
        g.Add(Text(x, top + 18, $"Sites in {view.Year}: area proportional to scrap received", 12, "bold"));
        var reference = maxSite > 0 ? Nice(maxSite) : 0;
        var cy = top + 40 + o.MaxSiteRadiusPx;
        var cx = x + o.MaxSiteRadiusPx;
        foreach (var tonnes in reference > 0 ? new[] { reference, Nice(reference / 4) } : [])
        {
            var area = pxAreaPerTonne * tonnes;
            var hub = Symbol(SiteRole.Hub, cx, cy, area);
            hub.Add(new XAttribute("class", "legend-hub"), new XAttribute("data-tonnes", F(tonnes)), new XAttribute("fill", HubColour), new XAttribute("fill-opacity", "0.85"));
            var spoke = Symbol(SiteRole.Spoke, cx + (2.3 * o.MaxSiteRadiusPx), cy, area);
            spoke.Add(new XAttribute("class", "legend-spoke"), new XAttribute("data-tonnes", F(tonnes)), new XAttribute("fill", SpokeColour), new XAttribute("fill-opacity", "0.85"));
            g.Add(hub, spoke, Text(cx - o.MaxSiteRadiusPx, cy + o.MaxSiteRadiusPx + 16, $"{tonnes:N0} t", 11, null));
            cx += 5 * o.MaxSiteRadiusPx;
        }

        var candidateX = Margin + 4 + (10 * o.MaxSiteRadiusPx) + 10;
        g.Add(Text(candidateX, top + 44, "square: hub, circle: spoke", 11, null));
        var candidate = Symbol(SiteRole.Spoke, candidateX + 5, top + 64, Math.PI * 25);
        candidate.Add(new XAttribute("fill", "none"), new XAttribute("stroke", "#606060"), new XAttribute("stroke-dasharray", "3 2"));
        g.Add(candidate, Text(candidateX + 16, top + 68, "dashed: candidate not open", 11, null));
        var source = new XElement(Svg + "circle", new XAttribute("cx", F(candidateX + 5)), new XAttribute("cy", F(top + 90)),
            new XAttribute("r", F(o.MaxSourceRadiusPx)), new XAttribute("fill", SourceColour), new XAttribute("fill-opacity", "0.8"));
        g.Add(source, Text(candidateX + 16, top + 94, $"scrap source (area by tonnes bought; largest {maxSource:N0} t)", 11, null));

        // Lanes: widths at two round tonnages, and the mode colours.
        var lx = o.WidthPx * 0.62;
        g.Add(Text(lx, top + 18, $"Lanes in {view.Year}: width proportional to tonnes", 12, "bold"));
        var ly = top + 40;
        foreach (var tonnes in maxLane > 0 ? new[] { Nice(maxLane), Nice(maxLane / 4) } : [])
        {
            g.Add(new XElement(Svg + "line", new XAttribute("class", "legend-lane"), new XAttribute("data-tonnes", F(tonnes)),
                new XAttribute("x1", F(lx)), new XAttribute("x2", F(lx + 60)), new XAttribute("y1", F(ly)), new XAttribute("y2", F(ly)),
                new XAttribute("stroke", "#707070"), new XAttribute("stroke-width", F(LaneWidth(tonnes, maxLane, o)))),
                Text(lx + 70, ly + 4, $"{tonnes:N0} t", 11, null));
            ly += 20;
        }

        foreach (var (mode, colour) in new[] { ("truck", TruckColour), ("rail", RailColour) })
        {
            g.Add(new XElement(Svg + "line", new XAttribute("x1", F(lx)), new XAttribute("x2", F(lx + 60)), new XAttribute("y1", F(ly)), new XAttribute("y2", F(ly)),
                new XAttribute("stroke", colour), new XAttribute("stroke-width", "3")), Text(lx + 70, ly + 4, mode, 11, null));
            ly += 18;
        }

        // Distance scale: the scale factor along parallels runs from 0.990 (37.5 N) to 1.014 (24.5 N) over the contiguous US.
        const double barKm = 500;
        var barPx = barKm * 1000 * pxPerM;
        var (bx, by) = (Margin + 4, top + LegendBand - 12);
        g.Add(new XElement(Svg + "path", new XAttribute("class", "scale-bar"), new XAttribute("d", $"M{F(bx)},{F(by - 4)} v4 h{F(barPx)} v-4"),
                new XAttribute("fill", "none"), new XAttribute("stroke", "#202020")),
            Text(bx + barPx + 8, by, $"{barKm:N0} km; USGS Albers equal-area conic (standard parallels 29.5 N and 45.5 N)", 11, null));
        return g;
    }

    // A hub's square or a spoke's circle of the given area, centred on (x, y).
    private static XElement Symbol(SiteRole role, double x, double y, double areaPx)
    {
        if (role == SiteRole.Hub)
        {
            var side = Math.Sqrt(areaPx);
            return new XElement(Svg + "rect", new XAttribute("x", F(x - (side / 2))), new XAttribute("y", F(y - (side / 2))),
                new XAttribute("width", F(side)), new XAttribute("height", F(side)));
        }

        return new XElement(Svg + "circle", new XAttribute("cx", F(x)), new XAttribute("cy", F(y)), new XAttribute("r", F(Math.Sqrt(areaPx / Math.PI))));
    }

    private static double LaneWidth(double tonnes, double maxTonnes, MapOptions o) =>
        maxTonnes > 0 ? Math.Max(MinLaneWidthPx, o.MaxLaneWidthPx * tonnes / maxTonnes) : MinLaneWidthPx;

    // The largest 1, 2 or 5 times a power of ten not above the value: round legend figures.
    internal static double Nice(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 5, 2, 1 }.Select(m => m * power).First(v => v <= value * (1 + 1e-12));
    }

    private static string PathData(List<List<(double X, double Y)>> rings, double tolerance)
    {
        // Rings are simplified closed (first point repeated at the end) so the closing edge is simplified too.
        var closed = rings.Where(r => r.Count >= 3).Select(r => r[0] == r[^1] ? r : [.. r, r[0]]).ToList();
        var kept = closed.Select(r => DouglasPeucker.Simplify(r, tolerance)).Where(r => r.Count >= 4).ToList();
        // A state whose every ring is below the tolerance (DC at small widths) keeps its largest ring unsimplified.
        if (kept.Count == 0 && closed.Count > 0) kept.Add(closed.OrderByDescending(r => r.Count).First());
        var d = new StringBuilder();
        foreach (var ring in kept)
        {
            d.Append('M');
            // The ring's closing point repeats the first: Z closes it.
            for (var i = 0; i < ring.Count - 1; i++)
            {
                if (i > 0) d.Append(' ');
                d.Append(F1(ring[i].X)).Append(',').Append(F1(ring[i].Y));
            }

            d.Append('Z');
        }

        return d.ToString();
    }

    private static XElement Text(double x, double y, string text, double size, string? weight)
    {
        var e = new XElement(Svg + "text", new XAttribute("x", F(x)), new XAttribute("y", F(y)), new XAttribute("font-size", F(size)), text);
        if (weight is not null) e.Add(new XAttribute("font-weight", weight));
        return e;
    }

    private static string Mode(TransportMode mode) => mode == TransportMode.Rail ? "rail" : "truck";

    private static string F(double v) => Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static string F1(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
}
