using CsCheck;
using MagLoop.Network.Planning;
using MagLoop.Network.Results;

namespace MagLoop.Network.Tests.Planning;

public class NetworkPlannerTests
{
    private static readonly PlannerOptions Quick = new() { MarginalValues = false, TimeLimit = TimeSpan.FromSeconds(20), RelativeGap = 1e-6 };

    private static NetworkProblem Small(int seed, int options = 1, int hubs = 2, int spokes = 2) => SyntheticNetwork.Generate(new SyntheticNetworkSpec
    {
        Sources = 8, Spokes = spokes, Hubs = hubs, Years = 4, OptionsPerSite = options, CapitalScale = 0.2, TotalSupplyTonnes = 3000,
        DirectToHubRadiusKm = 1500, Seed = seed,
    });

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    public void The_MIP_optimum_equals_the_best_of_every_open_close_pattern_solved_as_a_linear_programme(int seed, int options)
    {
        // Two options per site multiply the patterns: one hub and one spoke then (192 patterns, against 144 with one option).
        var problem = options == 1 ? Small(seed) : Small(seed, options, hubs: 1, spokes: 1);
        var plan = NetworkPlanner.Solve(problem, Quick);
        Assert.Equal(PlanStatus.Optimal, plan.Status);

        var best = double.NegativeInfinity;
        var count = 0;
        foreach (var pattern in Patterns(problem))
        {
            var evaluated = NetworkPlanner.Evaluate(problem, pattern);
            if (!evaluated.HasPlan) continue;
            count++;
            best = Math.Max(best, evaluated.ObjectiveUsd);
        }

        Assert.True(count > 10, $"only {count} feasible patterns");
        Assert.NotEmpty(plan.Openings);
        Assert.Equal(best, plan.ObjectiveUsd, Math.Max(1, Math.Abs(best)) * 1e-5);
        Assert.True(plan.BestBoundUsd >= best - Math.Max(1, Math.Abs(best)) * 1e-5, "the bound is below a feasible plan");
    }

    [Fact]
    public void Plans_conserve_mass_keep_closed_sites_empty_and_buy_within_supply()
    {
        Gen.Int[1, 10_000].Sample(seed =>
        {
            var problem = Small(seed, 2);
            var plan = NetworkPlanner.Solve(problem, Quick with { RelativeGap = 0.01 });
            Assert.True(plan.HasPlan);
            var roles = problem.Sites.ToDictionary(s => s.Id, s => s);
            foreach (var year in problem.Years)
            {
                var flows = plan.Flows.Where(f => f.Year == year).ToList();
                foreach (var site in problem.Sites)
                {
                    var intake = flows.Where(f => f.To == site.Id).Sum(f => f.Tonnes);
                    var row = plan.Sites.FirstOrDefault(s => s.SiteId == site.Id && s.Year == year);
                    // No flow through a closed site; what arrives is what it processes, within capacity.
                    if (row is null || row.CapacityTonnes <= 0) Assert.True(intake < 1e-6, $"{site.Id} closed in {year} but receives {intake} t");
                    else
                    {
                        Assert.Equal(row.IntakeTonnes, intake, 1e-4);
                        Assert.True(intake <= row.CapacityTonnes * (1 + 1e-9) + 1e-6);
                    }

                    if (site.Role != SiteRole.Spoke) continue;
                    foreach (var type in flows.Where(f => f.To == site.Id).Select(f => f.ScrapType).Distinct())
                    {
                        var into = flows.Where(f => f.To == site.Id && f.ScrapType == type).Sum(f => f.Tonnes);
                        var out_ = flows.Where(f => f.From == site.Id && f.ScrapType == type).Sum(f => f.Tonnes);
                        Assert.Equal(into * site.SpokeMassYield, out_, 1e-4);
                    }
                }

                var t = year - problem.Years[0];
                foreach (var source in problem.Sources)
                    Assert.True(flows.Where(f => f.From == source.Id).Sum(f => f.Tonnes) <= source.SupplyKgByYear[t] / 1000 + 1e-6);
            }

            // The NPV is recomputed from the flows and the data, independently of the solver's objective.
            Assert.Equal(plan.ObjectiveUsd, plan.NpvUsd, Math.Max(1, Math.Abs(plan.NpvUsd)) * 1e-6);
        }, iter: 8, threads: 1);
    }

    [Fact]
    public void Once_open_a_site_stays_open_and_opens_no_earlier_than_its_lead_time()
    {
        var problem = Small(7, 2);
        var plan = NetworkPlanner.Solve(problem, Quick);
        foreach (var opening in plan.Openings)
        {
            var option = problem.Sites.Single(s => s.Id == opening.SiteId).Options.Single(o => o.Id == opening.OptionId);
            Assert.True(opening.FirstYear - problem.Years[0] >= option.LeadTimeYears);
            Assert.All(plan.Years.Where(y => y.Year >= opening.FirstYear), y =>
                Assert.Contains(plan.Sites, s => s.SiteId == opening.SiteId && s.Year == y.Year && s.CapacityTonnes > 0));
        }
    }

    [Fact]
    public void A_carbon_cap_is_met_every_year()
    {
        var free = Small(5);
        var uncapped = NetworkPlanner.Solve(free, Quick);
        var peak = uncapped.Years.Max(y => y.Co2eKg);
        Assert.True(peak > 0);
        var capped = NetworkPlanner.Solve(free with { Carbon = new CarbonPolicy(0, peak * 0.5) }, Quick);
        Assert.True(capped.HasPlan);
        Assert.All(capped.Years, y => Assert.True(y.Co2eKg <= peak * 0.5 * (1 + 1e-6)));
        Assert.True(capped.ObjectiveUsd <= uncapped.ObjectiveUsd + 1);
    }

    [Fact]
    public void An_infeasible_network_names_the_minimum_utilisation_it_cannot_meet()
    {
        var problem = Small(3);
        // The first hub is decided open and must run full, but it could take ten times the supply there is.
        var supply = problem.Sources.Sum(s => s.SupplyKgByYear.Max());
        var hub = problem.Sites[0];
        var full = hub with
        {
            OpenFromYear = problem.Years[0],
            Options = [hub.Options[0] with { CapacityKgPerYear = supply * 10, MinUtilisation = 1, MaxUtilisation = 1 }],
        };
        var plan = NetworkPlanner.Solve(problem with { Sites = [full, .. problem.Sites.Skip(1)] }, Quick);
        Assert.Equal(PlanStatus.Infeasible, plan.Status);
        var report = Assert.IsType<InfeasibilityReport>(plan.Infeasibility);
        var group = Assert.Single(report.Groups, g => g.Group == "minimum utilisation");
        Assert.Contains(hub.Id, group.Shortfalls[0], StringComparison.Ordinal);
        Assert.Contains("minimum utilisation", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_share_beyond_the_supply_is_soft_the_shortfall_is_reported_and_priced()
    {
        var free = Small(4);
        // 30 % of 10,000 t of demand: far more magnets than 3,000 t of scrap can make.
        var problem = free with { Demand = free.Demand with { TargetShare = 0.3 } };
        var plan = NetworkPlanner.Solve(problem, Quick);
        Assert.Equal(PlanObjective.MinimiseCost, plan.Objective);
        Assert.True(plan.HasPlan);
        Assert.All(plan.Years, y => Assert.Equal(0.3 * y.UsDemandTonnes - y.MagnetSoldTonnes, y.UnmetTargetTonnes, 1e-3));
        Assert.Contains(plan.Years, y => y.MagnetSoldTonnes > 0);
        // The objective is minus the discounted cost with the shortfall at its penalty: below minus the penalties alone.
        var penalties = plan.Years.Select((y, t) => y.UnmetTargetTonnes * 1000 * problem.Demand.UnmetPenaltyUsdPerKg / Math.Pow(1 + problem.DiscountRate, t)).Sum();
        Assert.True(plan.ObjectiveUsd < -penalties * 0.999);
    }

    [Fact]
    public void The_next_best_plan_differs_and_is_no_better()
    {
        var problem = Small(2);
        var plan = NetworkPlanner.Solve(problem, Quick with { Plans = 2 });
        Assert.Equal(2, plan.Alternatives.Count);
        var first = plan.Alternatives[0].Openings.Select(o => (o.SiteId, o.OptionId)).ToHashSet();
        var second = plan.Alternatives[1].Openings.Select(o => (o.SiteId, o.OptionId)).ToHashSet();
        Assert.False(first.SetEquals(second));
        Assert.True(plan.Alternatives[1].ObjectiveUsd <= plan.ObjectiveUsd + 1);
    }

    [Fact]
    public void A_marginal_value_is_the_objective_lost_without_the_candidate()
    {
        var problem = Small(1);
        var plan = NetworkPlanner.Solve(problem, Quick with { MarginalValues = true });
        var opened = plan.SiteSummaries.First(s => s.FirstYear is not null);
        var without = problem with
        {
            Sites = [.. problem.Sites.Where(s => s.Id != opened.SiteId)],
            Lanes = [.. problem.Lanes.Where(l => l.From != opened.SiteId && l.To != opened.SiteId)],
        };
        var resolved = NetworkPlanner.Solve(without, Quick);
        Assert.Equal(MarginalValueKind.Resolved, opened.MarginalValue!.Kind);
        Assert.Equal(plan.ObjectiveUsd - resolved.ObjectiveUsd, opened.MarginalValue.ObjectiveLossUsd!.Value, Math.Max(1, Math.Abs(plan.ObjectiveUsd)) * 1e-5);
        Assert.All(plan.SiteSummaries.Where(s => s.FirstYear is null), s => Assert.Equal(MarginalValueKind.NotInPlan, s.MarginalValue!.Kind));
    }

    // Every choice of first operating year (or never) for every option, respecting lead times; expansions that
    // would open before their base are left to Evaluate, which finds them infeasible.
    private static IEnumerable<Dictionary<(string, string), int>> Patterns(NetworkProblem problem)
    {
        var options = problem.Sites.SelectMany(s => s.Options.Select(o => (Site: s.Id, Option: o))).ToList();
        IEnumerable<Dictionary<(string, string), int>> From(int i)
        {
            if (i == options.Count)
            {
                yield return [];
                yield break;
            }

            var (site, option) = options[i];
            foreach (var rest in From(i + 1))
            {
                yield return rest;
                for (var t = option.LeadTimeYears; t < problem.Years.Count; t++)
                    yield return new Dictionary<(string, string), int>(rest) { [(site, option.Id)] = problem.Years[t] };
            }
        }

        return From(0);
    }
}
