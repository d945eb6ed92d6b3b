using System.Globalization;
using System.Text;
using MagLoop.Network.Results;

namespace MagLoop.Network.Export;

/// <summary>A plan's flows in the forms other tools take: hub intakes for <see cref="ScenarioExport"/>, and flows.csv.</summary>
public static class PlanFlows
{
    /// <summary>
    /// The scrap each source sends into each hub in <paramref name="year"/>, through the spoke it was received at (if
    /// any). What a spoke ships on of a scrap type is shared back over the sources that sent it that type in
    /// proportion to what each sent (a spoke does not keep lots apart), so each source's kg as received is split over
    /// the hubs in the shares the spoke ships to them.
    /// </summary>
    public static IReadOnlyList<HubFlow> IntoHubs(NetworkProblem problem, NetworkPlan plan, int year)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        var roles = problem.Sites.ToDictionary(s => s.Id, s => s.Role, StringComparer.Ordinal);
        var flows = plan.Flows.Where(f => f.Year == year).ToList();
        var result = new List<HubFlow>();
        foreach (var f in flows.Where(f => !roles.ContainsKey(f.From) && roles[f.To] == SiteRole.Hub))
            result.Add(new HubFlow(f.From, null, f.To, f.Tonnes * 1000));
        foreach (var into in flows.Where(f => !roles.ContainsKey(f.From) && roles[f.To] == SiteRole.Spoke))
        {
            var out_ = flows.Where(f => f.From == into.To && f.ScrapType == into.ScrapType).ToList();
            var shipped = out_.Sum(f => f.Tonnes);
            if (shipped <= 0) continue;
            foreach (var hub in out_.GroupBy(f => f.To, StringComparer.Ordinal))
                result.Add(new HubFlow(into.From, into.To, hub.Key, into.Tonnes * 1000 * hub.Sum(f => f.Tonnes) / shipped));
        }

        return result;
    }

    /// <summary>The option open at each hub in <paramref name="year"/> with the largest capacity so far: the last expansion built.</summary>
    public static IReadOnlyDictionary<string, string> OpenOptions(NetworkProblem problem, NetworkPlan plan, int year)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var site in problem.Sites.Where(s => s.Role == SiteRole.Hub))
        {
            // Options are cumulative expansions in order: the last one operating names the plant as built.
            var last = site.Options.LastOrDefault(o => plan.Openings.Any(x => x.SiteId == site.Id && x.OptionId == o.Id && x.FirstYear <= year));
            if (last is not null) result[site.Id] = last.Id;
        }

        return result;
    }

    /// <summary>flows.csv: one row per lane, scrap type and year with tonnes moved.</summary>
    public static string Csv(NetworkPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder("from,to,mode,scrapType,year,tonnes\n");
        foreach (var f in plan.Flows)
            text.Append(CultureInfo.InvariantCulture, $"{f.From},{f.To},{f.Mode.ToString().ToLowerInvariant()},{f.ScrapType},{f.Year},{f.Tonnes:R}\n");
        return text.ToString();
    }
}
