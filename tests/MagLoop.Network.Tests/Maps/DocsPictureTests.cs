using System.Xml.Linq;
using MagLoop.Network.Files;
using MagLoop.Network.Maps;
using MagLoop.Network.Planning;

namespace MagLoop.Network.Tests.Maps;

/// <summary>
/// docs/images/network-map.svg: the map of a solved synthetic network (SyntheticNetwork, seed of the spec below)
/// in its last year. The committed file is checked on every run; MAGLOOP_UPDATE_PINNED=1 re-solves and rewrites it.
/// </summary>
public class DocsPictureTests
{
    private static readonly string Picture = Path.Combine(Repo.Root, "docs", "images", "network-map.svg");
    private static readonly string Disclosed = Path.Combine(Repo.Root, "docs", "images", "network-disclosed-2036.svg");

    [Fact]
    public void The_docs_map_of_the_disclosed_network_is_its_plan_in_2036()
    {
        var networkCase = NetworkReader.Read(Repo.Networks("disclosed.yaml"));
        if (Environment.GetEnvironmentVariable("MAGLOOP_UPDATE_PINNED") == "1")
        {
            var plan = NetworkPlanner.Solve(networkCase.Problem, new PlannerOptions { MarginalValues = false });
            File.WriteAllText(Disclosed, NetworkMap.Render(networkCase.Problem, plan, 2036, new MapOptions { DataFolder = networkCase.Data.Folder }) + "\n");
        }

        var doc = XDocument.Load(Disclosed);
        var svg = (XNamespace)"http://www.w3.org/2000/svg";
        Assert.Contains("in 2036", doc.Root!.Element(svg + "title")!.Value, StringComparison.Ordinal);
        var labels = doc.Descendants(svg + "text").Where(t => t.Attribute("class")?.Value == "site-label").Select(t => t.Value).ToList();
        Assert.Equal(3, labels.Count);
        // Eight sources to the sites that receive them, and the two spokes to the hub.
        Assert.Equal(10, doc.Descendants(svg + "line").Count(l => l.Attribute("class")?.Value.StartsWith("lane", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void The_docs_map_is_the_map_of_a_solved_synthetic_network()
    {
        var problem = SyntheticNetwork.Generate(new SyntheticNetworkSpec { Sources = 30, Spokes = 6, Hubs = 3, Years = 10, DecidedHub = true });
        if (Environment.GetEnvironmentVariable("MAGLOOP_UPDATE_PINNED") == "1")
        {
            var plan = NetworkPlanner.Solve(problem, new PlannerOptions { MarginalValues = false, TimeLimit = TimeSpan.FromSeconds(30) });
            File.WriteAllText(Picture, NetworkMap.Render(problem, plan, problem.Years[^1], new MapOptions { DataFolder = Repo.Data }) + "\n");
        }

        var doc = XDocument.Load(Picture);
        var svg = (XNamespace)"http://www.w3.org/2000/svg";
        Assert.Contains($"in {problem.Years[^1]}", doc.Root!.Element(svg + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal(49, doc.Descendants(svg + "path").Count(p => p.Attribute("class")?.Value == "state"));
        Assert.Contains(doc.Descendants(svg + "text"), t => t.Attribute("class")?.Value == "site-label");
        Assert.Contains(doc.Descendants(svg + "line"), l => l.Attribute("class")?.Value.StartsWith("lane", StringComparison.Ordinal) == true);
    }
}
