using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using CsCheck;
using MagLoop.Errors;
using MagLoop.Network.Maps;
using MagLoop.Network.Planning;
using MagLoop.Network.Results;

namespace MagLoop.Network.Tests.Maps;

public class NetworkMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly MapOptions Options = new() { DataFolder = Repo.Data };
    private static readonly Lazy<XDocument> Map2028 = new(() => XDocument.Parse(NetworkMap.Render(MapFixture.Problem, MapFixture.Plan, 2028, Options)));

    private static double D(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    private static IEnumerable<XElement> WithClass(XDocument doc, string cls) =>
        doc.Descendants().Where(e => (e.Attribute("class")?.Value ?? "").Split(' ').Contains(cls));

    [Fact]
    public void Is_an_svg_with_a_title_and_description_naming_the_year()
    {
        var root = Map2028.Value.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("img", root.Attribute("role")!.Value);
        var title = root.Element(Svg + "title")!.Value;
        Assert.Contains("2028", title, StringComparison.Ordinal);
        Assert.Contains("fixture", title, StringComparison.Ordinal);
        var desc = root.Element(Svg + "desc")!.Value;
        Assert.Contains("Northlake TX (6,360 t)", desc, StringComparison.Ordinal);
        Assert.Contains("Open spokes (2)", desc, StringComparison.Ordinal);
        Assert.Contains("Candidates not open: 1 hubs, 1 spokes", desc, StringComparison.Ordinal);
    }

    [Fact]
    public void Draws_one_path_per_state_of_the_outlines_file()
    {
        using var geo = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Data, "us-states-contiguous.geojson")));
        var postals = geo.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("postal").GetString()).ToList();
        var paths = WithClass(Map2028.Value, "state").ToList();
        Assert.Equal(49, paths.Count);
        Assert.All(paths, p => Assert.Equal(Svg + "path", p.Name));
        Assert.Equal(postals.Order(), paths.Select(p => p.Attribute("data-state")!.Value).Order());
        Assert.All(paths, p => Assert.StartsWith("M", p.Attribute("d")!.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Has_no_external_references_and_stays_small()
    {
        var text = NetworkMap.Render(MapFixture.Problem, MapFixture.Plan, 2028, Options);
        var doc = XDocument.Parse(text);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "image" or "script" or "foreignObject" or "use" or "style" or "a");
        Assert.DoesNotContain(doc.Descendants().Attributes(), a => a.Name.LocalName == "href" || a.Value.Contains("url(", StringComparison.Ordinal));
        // The only address is the SVG namespace.
        Assert.Equal(1, CountOf(text, "http"));
        Assert.True(text.Length < 300_000, $"{text.Length} characters");
    }

    [Fact]
    public void Site_symbol_areas_are_proportional_to_throughput_for_hubs_and_spokes_alike()
    {
        var open = WithClass(Map2028.Value, "open").ToList();
        Assert.Equal(["greer", "northlake", "reno"], open.Select(e => e.Attribute("data-site")!.Value).Order());
        var areaPerTonne = open.Select(e => Area(e) / D(e, "data-tonnes")).ToList();
        Assert.All(areaPerTonne, a => Assert.Equal(areaPerTonne[0], a, areaPerTonne[0] * 1e-3));
        var hub = open.Single(e => e.Attribute("data-site")!.Value == "northlake");
        Assert.Equal(Svg + "rect", hub.Name);
        Assert.Equal(6_360, D(hub, "data-tonnes"));
        // The largest symbol has the area of a circle of MaxSiteRadiusPx.
        Assert.Equal(Math.PI * 22 * 22, Area(hub), 0.5);
        Assert.All(open.Where(e => e != hub), e => Assert.Equal(Svg + "circle", e.Name));
        // The legend's symbols are on the same scale.
        Assert.All(WithClass(Map2028.Value, "legend-hub").Concat(WithClass(Map2028.Value, "legend-spoke")),
            e => Assert.Equal(areaPerTonne[0], Area(e) / D(e, "data-tonnes"), areaPerTonne[0] * 1e-3));
        Assert.Equal([5_000, 1_000], WithClass(Map2028.Value, "legend-hub").Select(e => D(e, "data-tonnes")));
    }

    [Fact]
    public void Lane_widths_follow_tonnes_and_a_lane_sums_its_scrap_types()
    {
        var lanes = WithClass(Map2028.Value, "lane").Select(e => (Tonnes: D(e, "data-tonnes"), Width: D(e, "stroke-width"), e)).ToList();
        Assert.Equal(7, lanes.Count);
        var ordered = lanes.OrderBy(l => l.Tonnes).ToList();
        for (var i = 1; i < ordered.Count; i++) Assert.True(ordered[i].Width > ordered[i - 1].Width, $"{ordered[i].Tonnes} t is not wider than {ordered[i - 1].Tonnes} t");
        Assert.All(lanes, l => Assert.Equal(10 * l.Tonnes / 3_000, l.Width, 1e-3));
        var renoHub = lanes.Single(l => l.e.Attribute("data-from")!.Value == "reno");
        Assert.Equal(1_600, renoHub.Tonnes);
        Assert.Contains("rail", lanes.Single(l => l.e.Attribute("data-from")!.Value == "greer").e.Attribute("class")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Candidates_not_open_are_outlines_and_only_open_sites_are_labelled()
    {
        var candidates = WithClass(Map2028.Value, "candidate").ToList();
        Assert.Equal(["columbus", "joliet"], candidates.Select(e => e.Attribute("data-site")!.Value).Order());
        Assert.All(candidates, e => Assert.Equal("none", e.Attribute("fill")!.Value));
        var labels = WithClass(Map2028.Value, "site-label").Select(e => e.Value).ToList();
        Assert.Equal(3, labels.Count);
        Assert.Contains("Northlake TX 6,360 t", labels);
        Assert.Contains("Greer SC 800 t", labels);
        Assert.DoesNotContain(labels, l => l.Contains("Joliet", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_year_has_its_own_map()
    {
        var map2027 = XDocument.Parse(NetworkMap.Render(MapFixture.Problem, MapFixture.Plan, 2027, Options));
        Assert.Contains("2027", map2027.Root!.Element(Svg + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal(["northlake", "reno"], WithClass(map2027, "open").Select(e => e.Attribute("data-site")!.Value).Order());
        Assert.Equal(3, WithClass(map2027, "lane").Count());
        // Sources: TX/hdd and TX/ev share a centroid, one dot of 4,000 t in 2028.
        Assert.Equal(2, WithClass(map2027, "source").Count());
        Assert.Contains(WithClass(Map2028.Value, "source"), e => D(e, "data-tonnes") == 4_000);
        Assert.Equal(4, WithClass(Map2028.Value, "source").Count());
    }

    [Fact]
    public void Bad_requests_are_plain_user_errors()
    {
        var outside = Assert.Throws<UserError>(() => NetworkMap.Render(MapFixture.Problem, MapFixture.Plan, 2031, Options));
        Assert.Contains("2031 is not a year of the plan (2027-2028)", outside.Message, StringComparison.Ordinal);
        var infeasible = Assert.Throws<UserError>(() => NetworkMap.Render(MapFixture.Problem, MapFixture.Make(PlanStatus.Infeasible), 2028, Options));
        Assert.Contains("Infeasible", infeasible.Message, StringComparison.Ordinal);
        var missing = Path.Combine(Path.GetTempPath(), $"no-data-{Guid.NewGuid():N}");
        var absent = Assert.Throws<UserError>(() => NetworkMap.Render(MapFixture.Problem, MapFixture.Plan, 2028, new MapOptions { DataFolder = missing }));
        Assert.Contains("us-states-contiguous.geojson", absent.Message, StringComparison.Ordinal);
        Assert.Contains(missing, absent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_the_shared_outlines_by_default_and_refuses_a_file_that_is_not_state_polygons()
    {
        var byDefault = XDocument.Parse(NetworkMap.Render(MapFixture.Problem, MapFixture.Plan, 2028));
        Assert.Equal(49, WithClass(byDefault, "state").Count());
        var folder = Directory.CreateTempSubdirectory("magloop-map-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "us-states-contiguous.geojson"), """{"type":"FeatureCollection","features":[{"properties":{"name":"X"},"geometry":{"type":"Polygon","coordinates":[]}}]}""");
            var error = Assert.Throws<UserError>(() => NetworkMap.Render(MapFixture.Problem, MapFixture.Plan, 2028, new MapOptions { DataFolder = folder }));
            Assert.Contains("is not a GeoJSON FeatureCollection of state polygons", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void Outlines_are_simplified_at_the_pixel_tolerance()
    {
        int Vertices(double tolerance) => WithClass(XDocument.Parse(NetworkMap.Render(MapFixture.Problem, MapFixture.Plan, 2028, Options with { SimplifyTolerancePx = tolerance })), "state")
            .Sum(p => p.Attribute("d")!.Value.Count(c => c == ','));
        int exact = Vertices(0), simplified = Vertices(0.5), coarse = Vertices(3);
        Assert.True(simplified < exact * 0.8, $"{simplified} of {exact}");
        Assert.True(coarse < simplified, $"{coarse} vs {simplified}");
    }

    [Fact]
    public void Douglas_peucker_keeps_the_ends_and_drops_only_points_within_the_tolerance()
    {
        var point = Gen.Select(Gen.Double[0, 100], Gen.Double[0, 100]);
        Gen.Select(point.List[2, 60], Gen.Double[0, 10]).Sample((list, tolerance) =>
        {
            var line = list.Select(p => (X: p.Item1, Y: p.Item2)).ToList();
            var kept = DouglasPeucker.Simplify(line, tolerance);
            Assert.Equal(line[0], kept[0]);
            Assert.Equal(line[^1], kept[^1]);
            // Kept points are a subsequence; every dropped point lies within the tolerance of its segment.
            var at = line.Select((p, i) => (p, i)).Where(x => kept.Contains(x.p)).Select(x => x.i).ToList();
            for (var i = 0; i < line.Count; i++)
            {
                var k = at.FindLastIndex(j => j <= i);
                if (at[k] == i || k == at.Count - 1) continue;
                Assert.True(SegmentDistance(line[i], line[at[k]], line[at[k + 1]]) <= tolerance + 1e-9);
            }
        });
    }

    [Fact]
    public void A_solved_plan_renders_with_every_open_site_labelled_and_every_used_lane_drawn()
    {
        var problem = SyntheticNetwork.Generate(new SyntheticNetworkSpec { Sources = 12, Spokes = 4, Hubs = 2, Years = 3 });
        var plan = NetworkPlanner.Solve(problem, new PlannerOptions { MarginalValues = false, TimeLimit = TimeSpan.FromSeconds(10) });
        Assert.True(plan.HasPlan);
        var year = problem.Years[^1];
        var doc = XDocument.Parse(NetworkMap.Render(problem, plan, year, Options));
        var open = plan.Sites.Where(s => s.Year == year && s.CapacityTonnes > 0).Select(s => s.SiteId).Order().ToList();
        Assert.Equal(open, WithClass(doc, "open").Select(e => e.Attribute("data-site")!.Value).Order());
        Assert.Equal(open, WithClass(doc, "site-label").Select(e => e.Attribute("data-site")!.Value).Order());
        var lanes = plan.Flows.Where(f => f.Year == year && f.Tonnes > 0).Select(f => (f.From, f.To, f.Mode)).Distinct().Count();
        Assert.Equal(lanes, WithClass(doc, "lane").Count());
        Assert.Equal(plan.Flows.Where(f => f.Year == year).Sum(f => f.Tonnes), WithClass(doc, "lane").Sum(e => D(e, "data-tonnes")), 0.1);
    }

    private static double Area(XElement e) => e.Name.LocalName == "rect" ? D(e, "width") * D(e, "height") : Math.PI * D(e, "r") * D(e, "r");

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    private static double SegmentDistance((double X, double Y) p, (double X, double Y) a, (double X, double Y) b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, l2 = (dx * dx) + (dy * dy);
        var t = l2 == 0 ? 0 : Math.Clamp((((p.X - a.X) * dx) + ((p.Y - a.Y) * dy)) / l2, 0, 1);
        return Math.Sqrt(Math.Pow(p.X - a.X - (t * dx), 2) + Math.Pow(p.Y - a.Y - (t * dy), 2));
    }
}
