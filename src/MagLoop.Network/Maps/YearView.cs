using System.Globalization;
using MagLoop.Network.Results;

namespace MagLoop.Network.Maps;

/// <summary>What the map of one year shows, taken from the plan: each candidate's state, the lanes and the source locations.</summary>
internal sealed record YearView(int Year, IReadOnlyList<YearView.SiteState> Sites, IReadOnlyList<YearView.LaneTonnes> Lanes, IReadOnlyList<YearView.SourceLocation> SourceLocations)
{
    /// <summary>A candidate in the year: open when an option operates (capacity above zero).</summary>
    public sealed record SiteState(CandidateSite Site, bool Open, double IntakeTonnes, double CapacityTonnes);

    /// <summary>Tonnes on a lane in the year, all scrap types together.</summary>
    public sealed record LaneTonnes(string From, string To, TransportMode Mode, double Tonnes);

    /// <summary>
    /// Sources at one place (a state's supplies of several scrap types share its centroid) with the tonnes they ship
    /// in the year.
    /// </summary>
    public sealed record SourceLocation(double LatitudeDeg, double LongitudeDeg, string Label, double Tonnes);

    public static YearView Of(NetworkProblem problem, NetworkPlan plan, int year)
    {
        var siteYears = plan.Sites.Where(s => s.Year == year).ToDictionary(s => s.SiteId, StringComparer.Ordinal);
        var sites = problem.Sites.Select(site => siteYears.TryGetValue(site.Id, out var y) && y.CapacityTonnes > 0
            ? new SiteState(site, true, y.IntakeTonnes, y.CapacityTonnes)
            : new SiteState(site, false, 0, 0)).ToList();

        var lanes = plan.Flows.Where(f => f.Year == year)
            .GroupBy(f => (f.From, f.To, f.Mode))
            .Select(g => new LaneTonnes(g.Key.From, g.Key.To, g.Key.Mode, g.Sum(f => f.Tonnes)))
            .Where(l => l.Tonnes > 0).ToList();

        var shipped = lanes.GroupBy(l => l.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Tonnes), StringComparer.Ordinal);
        var locations = problem.Sources.Where(s => shipped.ContainsKey(s.Id))
            .GroupBy(s => (Math.Round(s.LatitudeDeg, 4), Math.Round(s.LongitudeDeg, 4)))
            .Select(g => new SourceLocation(g.First().LatitudeDeg, g.First().LongitudeDeg,
                string.Join(", ", g.Select(s => s.Id)), g.Sum(s => shipped[s.Id])))
            .OrderByDescending(s => s.Tonnes).ToList();
        return new YearView(year, sites, lanes, locations);
    }

    /// <summary>The text alternative of the map (its &lt;desc&gt;): what is open, how much moves, the heaviest lane.</summary>
    public string Describe(NetworkProblem problem, NetworkPlan plan)
    {
        string Names(SiteRole role)
        {
            var names = string.Join(", ", Sites.Where(s => s.Open && s.Site.Role == role)
                .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Site.Name} ({s.IntakeTonnes:N0} t)")));
            return names.Length == 0 ? "none" : names;
        }

        int Count(SiteRole role, bool open) => Sites.Count(s => s.Open == open && s.Site.Role == role);
        var bought = SourceLocations.Sum(s => s.Tonnes);
        var heaviest = Lanes.OrderByDescending(l => l.Tonnes).FirstOrDefault();
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Map of the contiguous United States for {Year}, plan of case '{problem.Name}' ({plan.Status}). " +
            $"Open hubs ({Count(SiteRole.Hub, true)}): {Names(SiteRole.Hub)}. Open spokes ({Count(SiteRole.Spoke, true)}): {Names(SiteRole.Spoke)}. " +
            $"Candidates not open: {Count(SiteRole.Hub, false)} hubs, {Count(SiteRole.Spoke, false)} spokes. " +
            $"{bought:N0} t of scrap bought from {SourceLocations.Count} source locations over {Lanes.Count} lanes");
        return heaviest is null ? text + "." : text + string.Create(CultureInfo.InvariantCulture, $"; the heaviest lane is {heaviest.From} to {heaviest.To}, {heaviest.Tonnes:N0} t.");
    }
}
