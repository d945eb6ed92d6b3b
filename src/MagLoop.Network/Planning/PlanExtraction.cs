using MagLoop.Network.Results;

namespace MagLoop.Network.Planning;

/// <summary>
/// Reads a solved model back into a <see cref="NetworkPlan"/>: every figure recomputed in USD, tonnes and kg CO2e
/// from the solution and the problem's data, so the NPV is an independent sum that a test can hold against the
/// solver's objective.
/// </summary>
internal static class PlanExtraction
{
    private const double KgPerTonne = 1000;

    public static NetworkPlan Read(NetworkProblem p, PlanModel m, SolveOutcome outcome)
    {
        var years = p.Years.Count;
        var index = m.Index;
        var demand = p.Demand;
        var carbonPrice = p.Carbon.PriceUsdPerKgCo2e;

        var openings = new List<OptionOpening>();
        var capitalBySiteYear = new double[p.Sites.Count, years];
        for (var j = 0; j < p.Sites.Count; j++)
        {
            var site = p.Sites[j];
            for (var k = 0; k < site.Options.Count; k++)
            {
                var first = Enumerable.Range(0, years).FirstOrDefault(t => m.IsOpen(j, k, t), -1);
                if (first < 0) continue;
                var option = site.Options[k];
                var decided = k == 0 && index.DecidedFrom[j] is not null;
                var sunk = decided && site.OpenFromYear < p.Years[0];
                var decision = Math.Max(0, first - option.LeadTimeYears);
                var capital = sunk ? 0 : option.CapitalUsd;
                capitalBySiteYear[j, decision] += capital;
                openings.Add(new OptionOpening(site.Id, option.Id, p.Years[decision], p.Years[first], capital, decided));
            }
        }

        // Mass into each site by year and scrap type, and what hubs make of it.
        var intakeByType = new double[p.Sites.Count, years, index.Types.Count];
        var flows = new List<Flow>();
        var laneTonnes = new double[p.Lanes.Count];
        var bought = new double[years];
        var transportUsd = new double[years];
        var scrapUsd = new double[years];
        var transportCo2eKg = new double[years];
        foreach (var (l, s, j) in index.SourceLanes)
        {
            var lane = p.Lanes[l];
            for (var t = 0; t < years; t++)
            {
                var x = m.Bought(l, t);
                if (x <= 1e-9) continue;
                intakeByType[j, t, index.TypeOf[s]] += x;
                bought[t] += x;
                scrapUsd[t] += x * KgPerTonne * p.Sources[s].PriceUsdPerKg;
                transportUsd[t] += x * KgPerTonne * lane.CostUsdPerKg;
                transportCo2eKg[t] += x * KgPerTonne * lane.CarbonKgCo2ePerKg;
                laneTonnes[l] += x;
                flows.Add(new Flow(lane.From, lane.To, lane.Mode, p.Sources[s].ScrapType, p.Years[t], x));
            }
        }

        foreach (var (l, i, h) in index.SpokeLanes)
        {
            var lane = p.Lanes[l];
            var types = index.TypesAt[i];
            for (var g = 0; g < types.Count; g++)
                for (var t = 0; t < years; t++)
                {
                    var y = m.Shipped(l, g, t);
                    if (y <= 1e-9) continue;
                    intakeByType[h, t, types[g]] += y;
                    transportUsd[t] += y * KgPerTonne * lane.CostUsdPerKg;
                    transportCo2eKg[t] += y * KgPerTonne * lane.CarbonKgCo2ePerKg;
                    laneTonnes[l] += y;
                    flows.Add(new Flow(lane.From, lane.To, lane.Mode, index.Types[types[g]], p.Years[t], y));
                }
        }

        var siteYears = new List<SiteYear>();
        var magnets = new double[years];
        var coProducts = new double[years];
        var operatingUsd = new double[years];
        var capitalUsd = new double[years];
        var processCo2eKg = new double[years];
        var summaries = new List<SiteSummary>();
        for (var j = 0; j < p.Sites.Count; j++)
        {
            var site = p.Sites[j];
            double totalIntake = 0, totalCost = 0, totalCo2e = 0;
            int? firstYear = null;
            for (var t = 0; t < years; t++)
            {
                double capacity = 0, intake = 0, operating = 0, co2e = 0;
                for (var k = 0; k < site.Options.Count; k++)
                {
                    var option = site.Options[k];
                    var q = m.Processed(j, k, t);
                    var open = m.IsOpen(j, k, t);
                    if (open) capacity += option.CapacityKgPerYear / KgPerTonne;
                    intake += q;
                    operating += q * KgPerTonne * option.VariableCostUsdPerKg + (open ? option.FixedCostUsdPerYear : 0);
                    co2e += q * KgPerTonne * option.ProcessCarbonKgCo2ePerKg;
                }

                if (capacity > 0) firstYear ??= p.Years[t];
                double magnet = 0, co = 0;
                if (site.Role == SiteRole.Hub)
                    for (var g = 0; g < index.Types.Count; g++)
                    {
                        var yield = index.Yield(j, g);
                        magnet += intakeByType[j, t, g] * yield.MagnetKgPerKg;
                        co += intakeByType[j, t, g] * yield.CoProductKgPerKg;
                    }

                magnets[t] += magnet;
                coProducts[t] += co;
                operatingUsd[t] += operating;
                capitalUsd[t] += capitalBySiteYear[j, t];
                processCo2eKg[t] += co2e;
                totalIntake += intake;
                totalCost += operating + capitalBySiteYear[j, t];
                totalCo2e += co2e;
                if (capacity > 0 || intake > 0)
                    siteYears.Add(new SiteYear(site.Id, p.Years[t], capacity, intake, capacity > 0 ? intake / capacity : 0, magnet, co, operating, capitalBySiteYear[j, t], co2e));
            }

            summaries.Add(new SiteSummary(site.Id, site.Name, site.Role, site.LatitudeDeg, site.LongitudeDeg, firstYear, totalIntake,
                totalIntake > 1e-9 ? totalCost / totalIntake : null, totalIntake > 1e-9 ? totalCo2e / totalIntake : null, null));
        }

        var yearSummaries = new List<YearSummary>();
        double npv = 0;
        for (var t = 0; t < years; t++)
        {
            var demandT = demand.UsMagnetDemandKgByYear[t] / KgPerTonne;
            var sold = m.Sold(t);
            var revenue = (sold * demand.MagnetPriceUsdPerKg + coProducts[t] * demand.CoProductPriceUsdPerKg) * KgPerTonne;
            var co2e = transportCo2eKg[t] + processCo2eKg[t];
            var cost = scrapUsd[t] + transportUsd[t] + operatingUsd[t] + capitalUsd[t] + co2e * carbonPrice;
            npv += m.Discount[t] * (revenue - cost);
            yearSummaries.Add(new YearSummary(p.Years[t], bought[t], magnets[t], sold, coProducts[t], demandT, demandT > 0 ? sold / demandT : 0,
                m.Unmet(t), revenue, cost, revenue - cost, co2e));
        }

        var laneSummaries = new List<LaneSummary>();
        for (var l = 0; l < p.Lanes.Count; l++)
        {
            if (laneTonnes[l] <= 1e-9) continue;
            var lane = p.Lanes[l];
            laneSummaries.Add(new LaneSummary(lane.From, lane.To, lane.Mode, lane.DistanceKm, laneTonnes[l], lane.CostUsdPerKg * KgPerTonne, lane.CarbonKgCo2ePerKg * KgPerTonne));
        }

        return new NetworkPlan(
            p.Name, demand.TargetShare is null ? PlanObjective.MaximiseMargin : PlanObjective.MinimiseCost, outcome.Status,
            outcome.ObjectiveUsd, outcome.BestBoundUsd, outcome.RelativeGap, outcome.Seconds, outcome.CpuSeconds, npv, openings, siteYears, flows,
            yearSummaries, summaries, laneSummaries, [], null);
    }
}
