using System.Globalization;
using MagLoop.Network.Results;

namespace MagLoop.Network.Planning;

/// <summary>
/// Plans a scrap network: which spokes and hubs to open in which year, what to buy where and how it moves, as a
/// multi-period mixed-integer programme solved by SCIP through OR-Tools (formulation in docs/network.md). Callers see
/// only <see cref="NetworkProblem"/>, <see cref="PlannerOptions"/> and <see cref="NetworkPlan"/>.
/// </summary>
public static class NetworkPlanner
{
    /// <summary>
    /// Solves the problem: the best plan within the time limit and gap, its detail, the marginal value of each
    /// candidate it opens and the N best distinct plans when asked; an infeasible problem gets an explanation.
    /// </summary>
    /// <exception cref="NetworkProblemException">The problem is malformed (an unknown id, a negative price).</exception>
    public static NetworkPlan Solve(NetworkProblem problem, PlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new PlannerOptions();
        if (options.Plans < 1) throw new ArgumentOutOfRangeException(nameof(options), "Plans must be at least 1");
        ProblemCheck.Validate(problem);
        options.Progress?.Report($"{problem.Name}: solving the base plan");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var (model, outcome) = PlanSearch.Run(problem, options, ModelEdits.None);
        using var disposeModel = model;
        outcome = outcome with
        {
            Seconds = watch.Elapsed.TotalSeconds,
            CpuSeconds = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds,
        };
        if (outcome.Status == PlanStatus.Infeasible)
            return Empty(problem, outcome) with { Infeasibility = Explain(problem, options) };
        if (outcome.Status == PlanStatus.NoPlanWithinTimeLimit) return Empty(problem, outcome);

        var plan = PlanExtraction.Read(problem, model, outcome);
        if (options.MarginalValues) plan = plan with { SiteSummaries = MarginalValues(problem, model.Index, plan, options) };
        if (options.Plans > 1) plan = plan with { Alternatives = Alternatives(problem, model.Index, plan, options) };
        return plan;
    }

    /// <summary>
    /// Evaluates one set of decisions: every planner-chosen option fixed to a first operating year (or to never,
    /// when absent or null), the remaining flows solved as a linear programme (GLOP). Decided sites stay as the
    /// problem decides them. This is what an exhaustive enumeration checks the MIP against.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="firstYears">First operating year of each (site id, option id) to open.</param>
    /// <param name="options">Time limit (the gap does not apply to a linear programme).</param>
    /// <returns>The plan for those decisions, Infeasible when they admit no flows (no explanation is computed).</returns>
    public static NetworkPlan Evaluate(NetworkProblem problem, IReadOnlyDictionary<(string SiteId, string OptionId), int> firstYears, PlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(firstYears);
        options ??= new PlannerOptions();
        ProblemCheck.Validate(problem);
        using var model = new PlanModel(problem, options, "GLOP");
        var fixing = new Dictionary<(int, int), int?>();
        for (var j = 0; j < problem.Sites.Count; j++)
            for (var k = model.Index.DecidedFrom[j] is null ? 0 : 1; k < problem.Sites[j].Options.Count; k++)
            {
                var key = (problem.Sites[j].Id, problem.Sites[j].Options[k].Id);
                fixing[(j, k)] = firstYears.TryGetValue(key, out var year) ? year - problem.Years[0] : null;
            }

        foreach (var key in firstYears.Keys)
            if (!problem.Sites.Any(s => s.Id == key.SiteId && s.Options.Any(o => o.Id == key.OptionId)))
                throw new ArgumentException($"no option '{key.OptionId}' at site '{key.SiteId}'", nameof(firstYears));
        model.Fix(fixing);
        var outcome = model.Solve(options);
        return outcome.Status is PlanStatus.Optimal or PlanStatus.Feasible ? PlanExtraction.Read(problem, model, outcome) : Empty(problem, outcome);
    }

    private static NetworkPlan Empty(NetworkProblem problem, SolveOutcome outcome) => new(
        problem.Name, problem.Demand.TargetShare is null ? PlanObjective.MaximiseMargin : PlanObjective.MinimiseCost, outcome.Status,
        double.NaN, double.NaN, double.NaN, outcome.Seconds, outcome.CpuSeconds, double.NaN, [], [], [], [], [], [], [], null);

    // Re-solve without each candidate the plan opens; one the plan leaves closed is worth nothing to it.
    private static List<SiteSummary> MarginalValues(NetworkProblem problem, NetworkIndex index, NetworkPlan plan, PlannerOptions options)
    {
        var result = new List<SiteSummary>();
        var opened = plan.SiteSummaries.Count(s => s.FirstYear is not null);
        var done = 0;
        foreach (var summary in plan.SiteSummaries)
        {
            if (summary.FirstYear is null)
            {
                result.Add(summary with { MarginalValue = new MarginalValue(MarginalValueKind.NotInPlan, 0, null) });
                continue;
            }

            done++;
            options.Progress?.Report($"{problem.Name}: marginal value of {summary.SiteId} ({done} of {opened})");
            var (model, without) = PlanSearch.Run(problem, options, new ModelEdits([index.Site[summary.SiteId]], []));
            model.Dispose();
            var value = without.Status switch
            {
                PlanStatus.Optimal or PlanStatus.Feasible => new MarginalValue(MarginalValueKind.Resolved, plan.ObjectiveUsd - without.ObjectiveUsd, without.RelativeGap),
                PlanStatus.Infeasible => new MarginalValue(MarginalValueKind.Essential, null, null),
                _ => new MarginalValue(MarginalValueKind.Unknown, null, null),
            };
            result.Add(summary with { MarginalValue = value });
        }

        return result;
    }

    // The N best distinct plans: after each, a no-good cut forbids its set of built options and the model is re-solved.
    private static List<AlternativePlan> Alternatives(NetworkProblem problem, NetworkIndex index, NetworkPlan best, PlannerOptions options)
    {
        var plans = new List<AlternativePlan> { new(1, best.Status, best.ObjectiveUsd, best.NpvUsd, best.RelativeGap, 0, best.Openings) };
        var cuts = new List<IReadOnlySet<(int, int)>> { BuildSet(problem, index, best) };
        for (var rank = 2; rank <= options.Plans; rank++)
        {
            options.Progress?.Report($"{problem.Name}: plan {rank} of {options.Plans}");
            var (model, outcome) = PlanSearch.Run(problem, options, new ModelEdits([], [.. cuts]));
            using (model)
            {
                if (outcome.Status is not (PlanStatus.Optimal or PlanStatus.Feasible)) break;
                var next = PlanExtraction.Read(problem, model, outcome);
                plans.Add(new AlternativePlan(rank, outcome.Status, outcome.ObjectiveUsd, next.NpvUsd, outcome.RelativeGap, best.ObjectiveUsd - outcome.ObjectiveUsd, next.Openings));
                cuts.Add(BuildSet(problem, index, next));
            }
        }

        return plans;
    }

    private static HashSet<(int, int)> BuildSet(NetworkProblem problem, NetworkIndex index, NetworkPlan plan) =>
        [.. plan.Openings.Where(o => !o.Decided).Select(o => (index.Site[o.SiteId], OptionIndex(problem, index, o)))];

    private static int OptionIndex(NetworkProblem problem, NetworkIndex index, OptionOpening opening)
    {
        var options = problem.Sites[index.Site[opening.SiteId]].Options;
        for (var k = 0; k < options.Count; k++)
            if (options[k].Id == opening.OptionId) return k;
        throw new InvalidOperationException($"option {opening.OptionId} not found");
    }

    // Which constraint group cannot be met: relax one group at a time with elastic slack (phase one) and name each
    // group whose relaxation alone admits a plan, with where its slack is needed.
    private static InfeasibilityReport Explain(NetworkProblem problem, PlannerOptions options)
    {
        var groups = new List<GroupShortfall>();
        foreach (var group in Enum.GetValues<ConstraintGroup>())
        {
            if (group == ConstraintGroup.CarbonCap && problem.Carbon.CapKgCo2ePerYear is null) continue;
            if (group == ConstraintGroup.DecidedSites && problem.Sites.All(s => s.OpenFromYear is null)) continue;
            options.Progress?.Report($"{problem.Name}: infeasible; relaxing {Name(group)}");
            using var elastic = new PlanModel(problem, options, elastic: group);
            var outcome = elastic.Solve(options);
            if (outcome.Status is not (PlanStatus.Optimal or PlanStatus.Feasible)) continue;
            var shortfalls = elastic.Violations().Take(10).Select(v => Shortfall(group, v.Where, v.Amount)).ToList();
            if (shortfalls.Count > 0) groups.Add(new GroupShortfall(Name(group), Description(group), shortfalls));
        }

        var summary = groups.Count switch
        {
            0 => "No plan meets every constraint, and no single constraint group relaxed alone admits one: supply, capacity, minimum utilisation, the carbon cap and the decided sites conflict jointly.",
            1 => $"No plan meets every constraint: {groups[0].Group} cannot be met ({groups[0].Shortfalls[0]}).",
            _ => $"No plan meets every constraint: these groups cannot all be met, and relaxing any one of them admits a plan: {string.Join("; ", groups.Select(g => $"{g.Group} ({g.Shortfalls[0]})"))}.",
        };
        return new InfeasibilityReport(summary, groups);
    }

    private static string Name(ConstraintGroup group) => group switch
    {
        ConstraintGroup.Supply => "scrap supply",
        ConstraintGroup.Capacity => "site capacity",
        ConstraintGroup.MinimumUtilisation => "minimum utilisation",
        ConstraintGroup.CarbonCap => "carbon cap",
        _ => "decided sites",
    };

    private static string Description(ConstraintGroup group) => group switch
    {
        ConstraintGroup.Supply => "scrap bought from a source is at most its collectable supply",
        ConstraintGroup.Capacity => "a site processes at most its open options' capacity times their maximum utilisation",
        ConstraintGroup.MinimumUtilisation => "an open option runs at least at its minimum utilisation",
        ConstraintGroup.CarbonCap => "the network's transport and process emissions stay under the yearly cap",
        _ => "sites the problem has decided are open from their year",
    };

    private static string Shortfall(ConstraintGroup group, string where, double amount) => group switch
    {
        ConstraintGroup.Supply => Invariant($"{where} would need {amount:N1} t more scrap than it supplies"),
        ConstraintGroup.Capacity => Invariant($"{where} would need {amount:N1} t more capacity"),
        ConstraintGroup.MinimumUtilisation => Invariant($"{where} is {amount:N1} t short of its minimum intake"),
        ConstraintGroup.CarbonCap => Invariant($"{where} is {amount:N1} t CO2e over the cap"),
        _ => $"{where} cannot be open",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
