using MagLoop.Network.Results;

namespace MagLoop.Network.Planning;

/// <summary>
/// One solve of the planning MIP with a primal start: the linear relaxation (GLOP) gives an upper bound and
/// fractional open indicators; rounding them at a few thresholds (kept monotone in time and behind the option before)
/// and solving the flows for each rounding (GLOP, decisions fixed) gives complete feasible plans; the best one is
/// handed to SCIP as a hint, and SCIP searches within what is left of the time limit. The answer is the better of
/// SCIP's incumbent and the best rounding, with the tighter of SCIP's bound and the relaxation's.
/// </summary>
/// <remarks>
/// Each solve builds fresh models: SCIP through OR-Tools is not reliably re-solvable after a model change (a hint on
/// a re-used model ended in an invalid SCIP stage and status ABNORMAL), and building is cheap beside solving.
/// </remarks>
internal static class PlanSearch
{
    // Thresholds at which fractional open indicators are rounded up: from the natural one half down to "any use".
    private static readonly double[] Thresholds = [0.5, 0.25, 0.1, 0.01, 1e-6];

    /// <summary>Solves the problem with its edits; the returned model holds the reported solution (the caller disposes it).</summary>
    public static (PlanModel Model, SolveOutcome Outcome) Run(NetworkProblem problem, PlannerOptions options, ModelEdits edits)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var lp = new PlanModel(problem, options, "GLOP", edits: edits);
        var relaxed = lp.Solve(options);
        if (relaxed.Status is not (PlanStatus.Optimal or PlanStatus.Feasible))
        {
            // No relaxed plan: the MIP has none either (infeasible), or the time went before the relaxation was solved.
            return (lp, relaxed);
        }

        options.Progress?.Report(Invariant($"relaxation {relaxed.ObjectiveUsd:N0} USD in {watch.Elapsed.TotalSeconds:F1} s"));
        var free = lp.OpenBounds();
        var fractional = lp.OpenValues();
        (bool[][][] Pattern, SolveOutcome Outcome, double[] Values)? best = null;
        var tried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var threshold in Thresholds)
        {
            var pattern = Round(fractional, free, threshold);
            if (!tried.Add(Key(pattern))) continue;
            lp.SetOpenBounds(Fixed(pattern));
            var outcome = lp.Solve(options);
            if (outcome.Status is PlanStatus.Optimal or PlanStatus.Feasible && (best is null || outcome.ObjectiveUsd > best.Value.Outcome.ObjectiveUsd))
                best = (pattern, outcome, lp.Values());
            if (watch.Elapsed > options.TimeLimit / 4) break;
        }

        options.Progress?.Report(Invariant($"best rounding {best?.Outcome.ObjectiveUsd:N0} USD at {watch.Elapsed.TotalSeconds:F1} s"));
        best = Improve(lp, free, best, options, watch);
        options.Progress?.Report(Invariant($"local search {best?.Outcome.ObjectiveUsd:N0} USD at {watch.Elapsed.TotalSeconds:F1} s"));
        lp.SetOpenBounds(free);
        var mip = new PlanModel(problem, options, "SCIP", edits: edits);
        if (!mip.HasFreeDecisions && best is { } only)
        {
            // Every decision is fixed (the disclosed network): the rounding's linear programme is the whole problem.
            mip.Dispose();
            lp.SetOpenBounds(Fixed(only.Pattern));
            var exact = lp.Solve(options);
            return (lp, exact with { BestBoundUsd = exact.ObjectiveUsd, RelativeGap = 0 });
        }

        if (best is { } start) mip.Hint(start.Values);
        var left = options.TimeLimit - watch.Elapsed;
        var found = mip.Solve(options with { TimeLimit = left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1) });
        var mipHasPlan = found.Status is PlanStatus.Optimal or PlanStatus.Feasible;
        options.Progress?.Report(Invariant($"SCIP {found.Status} {found.ObjectiveUsd:N0} bound {found.BestBoundUsd:N0} at {watch.Elapsed.TotalSeconds:F1} s"));
        if (found.Status == PlanStatus.Infeasible || (best is null && !mipHasPlan))
        {
            lp.Dispose();
            return (mip, found);
        }

        // The tighter of the two upper bounds (a maximisation): SCIP's, when it has one, and the relaxation's, when it
        // was solved to optimality (a relaxation stopped by the time limit bounds nothing).
        var relaxedBound = relaxed.Status == PlanStatus.Optimal ? relaxed.ObjectiveUsd : double.PositiveInfinity;
        var bound = mipHasPlan && double.IsFinite(found.BestBoundUsd) ? Math.Min(found.BestBoundUsd, relaxedBound) : relaxedBound;
        if (mipHasPlan && (best is null || found.ObjectiveUsd >= best.Value.Outcome.ObjectiveUsd - 1e-6 * Math.Max(1, Math.Abs(found.ObjectiveUsd))))
        {
            lp.Dispose();
            return (mip, Graded(found with { BestBoundUsd = Math.Max(bound, found.ObjectiveUsd) }, options));
        }

        mip.Dispose();
        lp.SetOpenBounds(Fixed(best!.Value.Pattern));
        var rounded = lp.Solve(options);
        return (lp, Graded(rounded with { BestBoundUsd = Math.Max(bound, rounded.ObjectiveUsd) }, options));
    }

    // Local search from the best rounding (or the empty network): open a closed option in its earliest year, close an
    // open one (with the expansions behind it), or move an opening by a year; take the best improving move and repeat,
    // within half the time limit. Each move is one linear programme with every decision fixed.
    private static (bool[][][] Pattern, SolveOutcome Outcome, double[] Values)? Improve(
        PlanModel lp, (double Lb, double Ub)[][][] free, (bool[][][] Pattern, SolveOutcome Outcome, double[] Values)? best,
        PlannerOptions options, System.Diagnostics.Stopwatch watch)
    {
        var empty = Round(lp.OpenValues().Select(site => site.Select(option => option.Select(_ => 0.0).ToArray()).ToArray()).ToArray(), free, 2);
        var current = best;
        if (Evaluate(lp, empty, options.TimeLimit) is { } start && (current is null || start.Outcome.ObjectiveUsd > current.Value.Outcome.ObjectiveUsd)) current = start;
        if (current is null) return null;
        var budget = options.TimeLimit / 2;
        while (watch.Elapsed < budget)
        {
            (bool[][][] Pattern, SolveOutcome Outcome, double[] Values)? move = null;
            foreach (var candidate in Moves(current.Value.Pattern, free))
            {
                if (watch.Elapsed >= budget) break;
                if (Evaluate(lp, candidate, budget - watch.Elapsed) is not { } next) continue;
                var bar = (move ?? current).Value.Outcome.ObjectiveUsd;
                if (next.Outcome.ObjectiveUsd > bar + 1e-7 * Math.Max(1, Math.Abs(bar))) move = next;
            }

            if (move is null) break;
            current = move;
        }

        return current;
    }

    private static (bool[][][] Pattern, SolveOutcome Outcome, double[] Values)? Evaluate(PlanModel lp, bool[][][] pattern, TimeSpan left)
    {
        lp.SetOpenBounds(Fixed(pattern));
        var outcome = lp.Solve(new PlannerOptions { TimeLimit = left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1) });
        return outcome.Status is PlanStatus.Optimal or PlanStatus.Feasible ? (pattern, outcome, lp.Values()) : null;
    }

    // Neighbouring patterns of free options: each as first operating years, kept monotone, behind the option before
    // and within the years the bounds allow.
    private static IEnumerable<bool[][][]> Moves(bool[][][] pattern, (double Lb, double Ub)[][][] bounds)
    {
        for (var j = 0; j < pattern.Length; j++)
            for (var k = 0; k < pattern[j].Length; k++)
            {
                var years = pattern[j][k].Length;
                if (!Enumerable.Range(0, years).Any(t => bounds[j][k][t].Ub - bounds[j][k][t].Lb > 0.5)) continue;
                var first = FirstYear(pattern[j][k]);
                var before = k == 0 ? 0 : FirstYear(pattern[j][k - 1]);
                if (before is null) continue;
                if (first is null)
                {
                    var earliest = Enumerable.Range(before.Value, years - before.Value).Cast<int?>().FirstOrDefault(t => bounds[j][k][t!.Value].Ub > 0.5);
                    if (earliest is { } e) yield return With(pattern, bounds, j, k, e);
                    continue;
                }

                yield return With(pattern, bounds, j, k, null);
                if (first.Value + 1 < years) yield return With(pattern, bounds, j, k, first.Value + 1);
                if (first.Value - 1 >= before.Value && bounds[j][k][first.Value - 1].Ub > 0.5) yield return With(pattern, bounds, j, k, first.Value - 1);
            }
    }

    private static int? FirstYear(bool[] open)
    {
        for (var t = 0; t < open.Length; t++)
            if (open[t]) return t;
        return null;
    }

    // The pattern with option k of site j first operating in year index first (never when null); the options after it
    // move with it so that none operates before the one it expands.
    private static bool[][][] With(bool[][][] pattern, (double Lb, double Ub)[][][] bounds, int j, int k, int? first)
    {
        var copy = pattern.Select(site => site.Select(option => (bool[])option.Clone()).ToArray()).ToArray();
        for (var t = 0; t < copy[j][k].Length; t++) copy[j][k][t] = bounds[j][k][t].Lb > 0.5 || (first is { } f && t >= f && bounds[j][k][t].Ub > 0.5);
        for (var later = k + 1; later < copy[j].Length; later++)
            for (var t = 0; t < copy[j][later].Length; t++)
                if (!copy[j][later - 1][t] && bounds[j][later][t].Lb < 0.5) copy[j][later][t] = false;
        return copy;
    }

    // Status and gap from the objective and bound: optimal when the gap is within the requested one.
    private static SolveOutcome Graded(SolveOutcome outcome, PlannerOptions options)
    {
        var gap = Math.Abs(outcome.BestBoundUsd - outcome.ObjectiveUsd) / Math.Max(Math.Abs(outcome.ObjectiveUsd), 1);
        return outcome with { RelativeGap = gap, Status = gap <= options.RelativeGap + 1e-9 ? PlanStatus.Optimal : PlanStatus.Feasible };
    }

    // An option opens in the first year its relaxed indicator (or any earlier one) reaches the threshold, stays open,
    // and only where the option before it is open; fixed bounds are kept.
    private static bool[][][] Round(double[][][] fractional, (double Lb, double Ub)[][][] bounds, double threshold)
    {
        var pattern = new bool[fractional.Length][][];
        for (var j = 0; j < fractional.Length; j++)
        {
            pattern[j] = new bool[fractional[j].Length][];
            for (var k = 0; k < fractional[j].Length; k++)
            {
                var years = fractional[j][k].Length;
                pattern[j][k] = new bool[years];
                var reached = false;
                for (var t = 0; t < years; t++)
                {
                    var (lb, ub) = bounds[j][k][t];
                    reached |= fractional[j][k][t] >= threshold;
                    var on = lb > 0.5 || (ub > 0.5 && reached);
                    if (k > 0 && !pattern[j][k - 1][t]) on = lb > 0.5;
                    pattern[j][k][t] = on;
                }
            }
        }

        return pattern;
    }

    private static (double Lb, double Ub)[][][] Fixed(bool[][][] pattern) =>
        [.. pattern.Select(site => site.Select(option => option.Select(on => on ? (1.0, 1.0) : (0.0, 0.0)).ToArray()).ToArray())];

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Key(bool[][][] pattern) =>
        string.Concat(pattern.SelectMany(site => site.SelectMany(option => option.Select(on => on ? '1' : '0'))));
}
