using Google.OrTools.LinearSolver;

namespace MagLoop.Network.Planning;

/// <summary>The constraint groups of the model, as the infeasibility explanation names them.</summary>
internal enum ConstraintGroup
{
    /// <summary>Scrap bought from a source is at most its supply.</summary>
    Supply,
    /// <summary>A site processes at most its options' capacity times their maximum utilisation.</summary>
    Capacity,
    /// <summary>An open option runs at least at its minimum utilisation.</summary>
    MinimumUtilisation,
    /// <summary>The network's emissions stay under the yearly cap.</summary>
    CarbonCap,
    /// <summary>Sites the problem has already decided open in their year.</summary>
    DecidedSites,
}

/// <summary>
/// The mixed-integer model of one network problem in OR-Tools, in scaled units (tonnes, thousands of USD, tonnes
/// CO2e, so that a price in USD/kg is the same number in kUSD/t and coefficients stay within a few decades).
/// Built per solve (see PlanSearch): exclusions and no-good cuts come in as <see cref="ModelEdits"/>; only the open
/// indicators' bounds change between solves of one model (the relaxation, then fixed patterns, in GLOP).
/// See docs/network.md (Planner) for the formulation.
/// </summary>
internal sealed class PlanModel : IDisposable
{
    private const double KgPerTonne = 1000;

    private readonly NetworkProblem _p;
    private readonly Solver _solver;
    private readonly int _years;
    private readonly double[] _discount;
    private readonly ConstraintGroup? _elastic;

    // Decision and flow variables, indexed [site][option][year], [lane][year] and [lane][type][year].
    private readonly Variable[][][] _open;
    private readonly Variable[][][] _processed;
    private readonly Variable?[][] _bought;
    private readonly Variable?[][][] _shipped;
    private readonly Variable[] _sold;
    private readonly Variable?[] _unmet;
    private readonly List<(Variable Slack, ConstraintGroup Group, string Where)> _slacks = [];
    private readonly double _objectiveOffsetKusd;
    private readonly bool _integer;

    /// <param name="problem">The problem.</param>
    /// <param name="options">Planner options (tight linking).</param>
    /// <param name="solverId">SCIP for the MIP; GLOP for the linear relaxation and for fixed decisions (open indicators continuous in [0, 1]).</param>
    /// <param name="elastic">The group relaxed with elastic slack (phase one of the infeasibility explanation), or null for the economic model.</param>
    /// <param name="edits">Candidates excluded and no-good cuts, applied once the model is built.</param>
    public PlanModel(NetworkProblem problem, PlannerOptions options, string solverId = "SCIP", ConstraintGroup? elastic = null, ModelEdits? edits = null)
    {
        _p = problem;
        _elastic = elastic;
        _solver = Solver.CreateSolver(solverId) ?? throw new InvalidOperationException($"OR-Tools has no {solverId} solver in this build");
        _integer = solverId != "GLOP";
        _years = problem.Years.Count;
        _discount = [.. Enumerable.Range(0, _years).Select(t => Math.Pow(1 + problem.DiscountRate, -t))];
        Index = new NetworkIndex(problem);
        var objective = _solver.Objective();
        var economic = elastic is null;
        var carbonPrice = problem.Carbon.PriceUsdPerKgCo2e; // USD/kg CO2e = kUSD/t CO2e
        var minimiseCost = problem.Demand.TargetShare is not null;
        var emissions = new Constraint?[_years];
        if (problem.Carbon.CapKgCo2ePerYear is { } capKg)
            for (var t = 0; t < _years; t++)
            {
                emissions[t] = _solver.MakeConstraint(double.NegativeInfinity, capKg / KgPerTonne, $"carbon_{t}");
                Elastic(emissions[t]!, -1, ConstraintGroup.CarbonCap, $"{problem.Years[t]}");
            }

        // Open indicators: once open, open for good; an expansion only where the option before it is open.
        _open = new Variable[problem.Sites.Count][][];
        _processed = new Variable[problem.Sites.Count][][];
        for (var j = 0; j < problem.Sites.Count; j++)
        {
            var site = problem.Sites[j];
            _open[j] = new Variable[site.Options.Count][];
            _processed[j] = new Variable[site.Options.Count][];
            for (var k = 0; k < site.Options.Count; k++)
            {
                var option = site.Options[k];
                var open = _open[j][k] = new Variable[_years];
                var processed = _processed[j][k] = new Variable[_years];
                var capT = option.CapacityKgPerYear / KgPerTonne;
                for (var t = 0; t < _years; t++)
                {
                    open[t] = _solver.MakeVar(0, 1, _integer, $"open_{j}_{k}_{t}");
                    processed[t] = _solver.MakeNumVar(0, double.PositiveInfinity, $"q_{j}_{k}_{t}");
                    if (t > 0) Row(0, double.PositiveInfinity, (open[t], 1), (open[t - 1], -1));
                    if (k > 0) Row(double.NegativeInfinity, 0, (open[t], 1), (_open[j][k - 1][t], -1));
                    var max = Row(double.NegativeInfinity, 0, (processed[t], 1), (open[t], -option.MaxUtilisation * capT));
                    Elastic(max, -1, ConstraintGroup.Capacity, $"{site.Id} option '{option.Id}' in {problem.Years[t]}");
                    if (option.MinUtilisation > 0)
                    {
                        var min = Row(0, double.PositiveInfinity, (processed[t], 1), (open[t], -option.MinUtilisation * capT));
                        Elastic(min, 1, ConstraintGroup.MinimumUtilisation, $"{site.Id} option '{option.Id}' in {problem.Years[t]}");
                    }

                    if (economic)
                    {
                        Add(objective, processed[t], -_discount[t] * (option.VariableCostUsdPerKg + carbonPrice * option.ProcessCarbonKgCo2ePerKg));
                        Add(objective, open[t], -_discount[t] * option.FixedCostUsdPerYear / KgPerTonne);
                    }

                    if (emissions[t] is { } e) e.SetCoefficient(processed[t], option.ProcessCarbonKgCo2ePerKg);
                }
            }
        }

        // Which options can open when: a decided first option from its year on; anything else no earlier than its lead time.
        for (var j = 0; j < problem.Sites.Count; j++)
        {
            var site = problem.Sites[j];
            for (var k = 0; k < site.Options.Count; k++)
            {
                var option = site.Options[k];
                var capitalKusd = option.CapitalUsd / KgPerTonne;
                if (k == 0 && Index.DecidedFrom[j] is { } from)
                {
                    for (var t = 0; t < _years; t++)
                    {
                        if (elastic == ConstraintGroup.DecidedSites)
                        {
                            if (t >= from) _slacks.Add((_open[j][k][t], ConstraintGroup.DecidedSites, $"{site.Id} in {problem.Years[t]}"));
                        }
                        else if (t >= from) _open[j][k][t].SetBounds(1, 1);
                        else _open[j][k][t].SetBounds(0, 0);
                    }

                    // Capital of a decided opening is a constant: spent in its decision year, or sunk before the horizon.
                    if (economic && site.OpenFromYear >= problem.Years[0] && from < _years)
                        _objectiveOffsetKusd -= capitalKusd * _discount[Math.Max(0, from - option.LeadTimeYears)];
                    continue;
                }

                for (var t = 0; t < Math.Min(option.LeadTimeYears, _years); t++) _open[j][k][t].SetBounds(0, 0);
                if (!economic) continue;
                // Capital of an option first operating in t is spent in t - lead: coefficient on open[t] - open[t-1].
                for (var t = option.LeadTimeYears; t < _years; t++)
                {
                    var spend = capitalKusd * _discount[t - option.LeadTimeYears];
                    Add(objective, _open[j][k][t], -spend);
                    if (t > 0) Add(objective, _open[j][k][t - 1], spend);
                }
            }
        }

        // Flows: bought from sources (to spokes or hubs) and shipped on from spokes to hubs by scrap type.
        var intake = new Constraint[problem.Sites.Count][];
        for (var j = 0; j < problem.Sites.Count; j++)
        {
            intake[j] = new Constraint[_years];
            for (var t = 0; t < _years; t++)
            {
                intake[j][t] = _solver.MakeConstraint(0, 0, $"intake_{j}_{t}");
                for (var k = 0; k < problem.Sites[j].Options.Count; k++) intake[j][t].SetCoefficient(_processed[j][k][t], 1);
            }
        }

        var supply = new Constraint[problem.Sources.Count][];
        for (var s = 0; s < problem.Sources.Count; s++)
        {
            supply[s] = new Constraint[_years];
            for (var t = 0; t < _years; t++)
            {
                supply[s][t] = _solver.MakeConstraint(double.NegativeInfinity, problem.Sources[s].SupplyKgByYear[t] / KgPerTonne, $"supply_{s}_{t}");
                Elastic(supply[s][t], -1, ConstraintGroup.Supply, $"{problem.Sources[s].Id} in {problem.Years[t]}");
            }
        }

        // Spoke balance per scrap type: what a spoke ships on is what it receives times its mass yield.
        var balance = new Dictionary<(int Spoke, int Type, int Year), Constraint>();
        Constraint Balance(int spoke, int type, int t)
        {
            if (!balance.TryGetValue((spoke, type, t), out var c))
                balance[(spoke, type, t)] = c = _solver.MakeConstraint(0, 0, $"balance_{spoke}_{type}_{t}");
            return c;
        }

        var produced = new Constraint[_years];
        for (var t = 0; t < _years; t++) produced[t] = _solver.MakeConstraint(double.NegativeInfinity, 0, $"sold_{t}");

        _bought = new Variable?[problem.Lanes.Count][];
        _shipped = new Variable?[problem.Lanes.Count][][];
        foreach (var (l, s, j) in Index.SourceLanes)
        {
            var lane = problem.Lanes[l];
            var source = problem.Sources[s];
            var site = problem.Sites[j];
            var type = Index.TypeOf[s];
            var maxCapT = Index.MaxCapacityT[j];
            _bought[l] = new Variable?[_years];
            for (var t = 0; t < _years; t++)
            {
                var supplyT = source.SupplyKgByYear[t] / KgPerTonne;
                var bound = elastic switch
                {
                    ConstraintGroup.Supply => maxCapT,
                    ConstraintGroup.Capacity => supplyT,
                    _ => Math.Min(supplyT, maxCapT),
                };
                if (bound <= 0 && elastic != ConstraintGroup.Supply) continue;
                var x = _bought[l]![t] = _solver.MakeNumVar(0, double.PositiveInfinity, $"x_{l}_{t}");
                supply[s][t].SetCoefficient(x, 1);
                intake[j][t].SetCoefficient(x, -1);
                if (site.Role == SiteRole.Spoke) Balance(j, type, t).SetCoefficient(x, site.SpokeMassYield);
                else
                {
                    var yield = Index.Yield(j, type);
                    produced[t].SetCoefficient(x, -yield.MagnetKgPerKg);
                    if (economic && !minimiseCost) Add(objective, x, _discount[t] * problem.Demand.CoProductPriceUsdPerKg * yield.CoProductKgPerKg);
                }

                if (emissions[t] is { } e) e.SetCoefficient(x, lane.CarbonKgCo2ePerKg);
                if (economic) Add(objective, x, -_discount[t] * (source.PriceUsdPerKg + lane.CostUsdPerKg + carbonPrice * lane.CarbonKgCo2ePerKg));
                if (options.TightLinking) Link(x, j, t, bound);
            }
        }

        foreach (var (l, i, h) in Index.SpokeLanes)
        {
            var lane = problem.Lanes[l];
            var types = Index.TypesAt[i];
            _shipped[l] = new Variable?[types.Count][];
            for (var g = 0; g < types.Count; g++)
            {
                var type = types[g];
                var yield = Index.Yield(h, type);
                _shipped[l]![g] = new Variable?[_years];
                for (var t = 0; t < _years; t++)
                {
                    var y = _shipped[l]![g]![t] = _solver.MakeNumVar(0, double.PositiveInfinity, $"y_{l}_{g}_{t}");
                    Balance(i, type, t).SetCoefficient(y, -1);
                    intake[h][t].SetCoefficient(y, -1);
                    produced[t].SetCoefficient(y, -yield.MagnetKgPerKg);
                    if (emissions[t] is { } e) e.SetCoefficient(y, lane.CarbonKgCo2ePerKg);
                    if (economic)
                    {
                        var co = minimiseCost ? 0 : problem.Demand.CoProductPriceUsdPerKg * yield.CoProductKgPerKg;
                        Add(objective, y, _discount[t] * (co - lane.CostUsdPerKg - carbonPrice * lane.CarbonKgCo2ePerKg));
                    }

                    if (options.TightLinking) Link(y, h, t, elastic == ConstraintGroup.Capacity ? double.PositiveInfinity : Index.MaxCapacityT[h]);
                }
            }
        }

        // Sales: at most what the hubs make and the share of US demand the network may serve; soft target by penalty.
        _sold = new Variable[_years];
        _unmet = new Variable?[_years];
        var demand = problem.Demand;
        for (var t = 0; t < _years; t++)
        {
            var demandT = demand.UsMagnetDemandKgByYear[t] / KgPerTonne;
            _sold[t] = _solver.MakeNumVar(0, demand.MaxShare * demandT, $"sold_{t}");
            produced[t].SetCoefficient(_sold[t], 1);
            if (economic && !minimiseCost) Add(objective, _sold[t], _discount[t] * demand.MagnetPriceUsdPerKg);
            if (demand.TargetShare is { } share)
            {
                var unmet = _unmet[t] = _solver.MakeNumVar(0, double.PositiveInfinity, $"unmet_{t}");
                Row(share * demandT, double.PositiveInfinity, (_sold[t], 1), (unmet, 1));
                if (economic) Add(objective, unmet, -_discount[t] * demand.UnmetPenaltyUsdPerKg);
            }
        }

        if (economic)
        {
            objective.SetOffset(_objectiveOffsetKusd);
            objective.SetMaximization();
        }
        else
        {
            // Phase one: as little violation of the relaxed group as the rest of the model allows.
            foreach (var (slack, group, _) in _slacks)
                objective.SetCoefficient(slack, group == ConstraintGroup.DecidedSites ? -1 : 1);
            objective.SetMinimization();
        }

        if (edits is null) return;
        foreach (var site in edits.ExcludedSites) Exclude(site);
        foreach (var cut in edits.NoGoods) ForbidBuildSet(cut);
    }

    /// <summary>The problem's ids resolved to positions.</summary>
    public NetworkIndex Index { get; }

    /// <summary>The problem the model was built from.</summary>
    public NetworkProblem Problem => _p;

    /// <summary>Discount factor of each planning year (the first year undiscounted).</summary>
    public IReadOnlyList<double> Discount => _discount;

    /// <summary>Solves within the options' time limit and gap.</summary>
    public SolveOutcome Solve(PlannerOptions options)
    {
        _solver.SetTimeLimit((long)Math.Ceiling(options.TimeLimit.TotalMilliseconds));
        using var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, options.RelativeGap);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var status = _solver.Solve(parameters);
        var seconds = watch.Elapsed.TotalSeconds;
        var kind = status switch
        {
            Solver.ResultStatus.OPTIMAL => Results.PlanStatus.Optimal,
            Solver.ResultStatus.FEASIBLE => Results.PlanStatus.Feasible,
            Solver.ResultStatus.INFEASIBLE => Results.PlanStatus.Infeasible,
            Solver.ResultStatus.NOT_SOLVED => Results.PlanStatus.NoPlanWithinTimeLimit,
            _ => throw new InvalidOperationException($"the solver ended with status {status}"),
        };
        if (kind is not (Results.PlanStatus.Optimal or Results.PlanStatus.Feasible)) return new SolveOutcome(kind, double.NaN, double.NaN, double.NaN, seconds);
        var value = _solver.Objective().Value() * KgPerTonne;
        // An LP (every decision fixed) or a proved optimum has its bound at the value; a stopped MIP reports its own.
        var bound = _solver.IsMip() ? _solver.Objective().BestBound() * KgPerTonne : value;
        if (kind == Results.PlanStatus.Optimal && double.IsNaN(bound)) bound = value;
        // SCIP reports "no bound yet" as its infinity (1e20 scaled to 1e23 USD): say so.
        if (Math.Abs(bound) >= 1e20) bound = double.PositiveInfinity;
        var gap = Math.Abs(bound - value) / Math.Max(Math.Abs(value), 1);
        return new SolveOutcome(kind, value, bound, gap, seconds);
    }

    /// <summary>Open indicator values of the current solution, [site][option][year] (fractional after a relaxation).</summary>
    public double[][][] OpenValues() =>
        [.. _open.Select(site => site.Select(option => option.Select(v => v.SolutionValue()).ToArray()).ToArray())];

    /// <summary>Whether any open indicator is left to the solver (not fixed by a decided site, a lead time or an exclusion).</summary>
    public bool HasFreeDecisions => _open.Any(site => site.Any(option => option.Any(v => v.Ub() - v.Lb() > 0.5)));

    /// <summary>The current bounds of every open indicator, to restore after fixing a pattern.</summary>
    public (double Lb, double Ub)[][][] OpenBounds() =>
        [.. _open.Select(site => site.Select(option => option.Select(v => (v.Lb(), v.Ub())).ToArray()).ToArray())];

    /// <summary>Sets the bounds of every open indicator (from <see cref="OpenBounds"/>, or one pattern fixed to 0 and 1).</summary>
    public void SetOpenBounds((double Lb, double Ub)[][][] bounds)
    {
        for (var j = 0; j < _open.Length; j++)
            for (var k = 0; k < _open[j].Length; k++)
                for (var t = 0; t < _years; t++) _open[j][k][t].SetBounds(bounds[j][k][t].Lb, bounds[j][k][t].Ub);
    }

    /// <summary>Every variable's value in the current solution, in creation order (the same order in any model built from the same problem and edits).</summary>
    public double[] Values() => [.. _solver.variables().Select(v => v.SolutionValue())];

    /// <summary>Hands SCIP a complete solution (from <see cref="Values"/> of a model with the same problem and edits) to start from.</summary>
    public void Hint(double[] values)
    {
        var all = _solver.variables().ToArray();
        if (all.Length != values.Length) throw new InvalidOperationException("a hint must come from a model of the same problem and edits");
        _solver.SetHint(all, values);
    }

    /// <summary>Forbids every option of a site (a decided site is released from its fixed year).</summary>
    public void Exclude(int site)
    {
        for (var k = 0; k < _open[site].Length; k++)
            for (var t = 0; t < _years; t++) _open[site][k][t].SetBounds(0, 0);

        // A decided site's capital is a constant of the objective; without the site it is not spent.
        if (Index.DecidedFrom[site] is { } start && _p.Sites[site].OpenFromYear >= _p.Years[0] && start < _years && _elastic is null)
        {
            var option = _p.Sites[site].Options[0];
            var capital = option.CapitalUsd / KgPerTonne * _discount[Math.Max(0, start - option.LeadTimeYears)];
            _solver.Objective().SetOffset(_solver.Objective().Offset() + capital);
        }
    }

    /// <summary>Fixes every planner-chosen option to a first operating year (index), or to never (null).</summary>
    public void Fix(IReadOnlyDictionary<(int Site, int Option), int?> firstYear)
    {
        foreach (var ((j, k), first) in firstYear)
            for (var t = 0; t < _years; t++)
            {
                var on = first is { } f && t >= f ? 1 : 0;
                _open[j][k][t].SetBounds(on, on);
            }
    }

    /// <summary>Cuts off every plan that builds exactly the given set of options (a no-good cut on "built by the last year").</summary>
    public void ForbidBuildSet(IReadOnlySet<(int Site, int Option)> built)
    {
        var cut = _solver.MakeConstraint(1, double.PositiveInfinity, $"nogood_{built.Count}");
        var last = _years - 1;
        var constant = 0.0;
        for (var j = 0; j < _open.Length; j++)
            for (var k = 0; k < _open[j].Length; k++)
            {
                if (k == 0 && Index.DecidedFrom[j] is not null) continue;
                if (built.Contains((j, k)))
                {
                    cut.SetCoefficient(_open[j][k][last], -1);
                    constant += 1;
                }
                else cut.SetCoefficient(_open[j][k][last], 1);
            }

        cut.SetLb(1 - constant);
    }

    /// <summary>Whether option k of site j operates in year index t in the current solution.</summary>
    public bool IsOpen(int j, int k, int t) => _open[j][k][t].SolutionValue() > 0.5;

    /// <summary>Tonnes processed by option k of site j in year t.</summary>
    public double Processed(int j, int k, int t) => Math.Max(0, _processed[j][k][t].SolutionValue());

    /// <summary>Tonnes bought on source lane l in year t.</summary>
    public double Bought(int l, int t) => _bought[l]?[t] is { } x ? Math.Max(0, x.SolutionValue()) : 0;

    /// <summary>Tonnes shipped on spoke lane l of the spoke's g-th scrap type in year t.</summary>
    public double Shipped(int l, int g, int t) => _shipped[l]?[g]?[t] is { } y ? Math.Max(0, y.SolutionValue()) : 0;

    /// <summary>Magnet tonnes sold in year t.</summary>
    public double Sold(int t) => Math.Max(0, _sold[t].SolutionValue());

    /// <summary>Tonnes short of the target in year t.</summary>
    public double Unmet(int t) => _unmet[t] is { } u ? Math.Max(0, u.SolutionValue()) : 0;

    /// <summary>The relaxed group's violations in the current (phase-one) solution, largest first.</summary>
    public IReadOnlyList<(string Where, double Amount)> Violations()
    {
        var found = new List<(string, double)>();
        foreach (var (slack, group, where) in _slacks)
        {
            var amount = group == ConstraintGroup.DecidedSites ? 1 - slack.SolutionValue() : slack.SolutionValue();
            if (amount > 1e-6) found.Add((where, amount));
        }

        return [.. found.OrderByDescending(v => v.Item2)];
    }

    public void Dispose() => _solver.Dispose();

    // Elastic slack on a constraint of the relaxed group: sign +1 lets the row's activity fall short of its lower
    // bound, -1 lets it exceed its upper bound.
    private void Elastic(Constraint row, int sign, ConstraintGroup group, string where)
    {
        if (_elastic != group) return;
        var slack = _solver.MakeNumVar(0, double.PositiveInfinity, $"slack_{_slacks.Count}");
        row.SetCoefficient(slack, sign);
        _slacks.Add((slack, group, where));
    }

    private Constraint Row(double lb, double ub, params (Variable Var, double Coefficient)[] terms)
    {
        var row = _solver.MakeConstraint(lb, ub);
        foreach (var (v, c) in terms) row.SetCoefficient(v, c);
        return row;
    }

    // Flow into a site only while its first option is open: flow <= bound x open (skipped where the bound is no bound).
    private void Link(Variable flow, int site, int t, double bound)
    {
        if (double.IsPositiveInfinity(bound) || _elastic == ConstraintGroup.DecidedSites) return;
        if (Index.DecidedFrom[site] is { } from && t >= from) return;
        Row(double.NegativeInfinity, 0, (flow, 1), (_open[site][0][t], -bound));
    }

    private static void Add(Objective objective, Variable v, double coefficient) =>
        objective.SetCoefficient(v, objective.GetCoefficient(v) + coefficient);
}

/// <summary>Changes to the base model: candidates forbidden (marginal values) and build sets cut off (further plans).</summary>
/// <param name="ExcludedSites">Site positions whose every option is forbidden.</param>
/// <param name="NoGoods">Sets of (site, option) positions built by the last year that a plan may not repeat exactly.</param>
internal sealed record ModelEdits(IReadOnlyList<int> ExcludedSites, IReadOnlyList<IReadOnlySet<(int Site, int Option)>> NoGoods)
{
    /// <summary>No changes.</summary>
    public static ModelEdits None { get; } = new([], []);
}

/// <summary>How one solve ended, in USD.</summary>
internal sealed record SolveOutcome(Results.PlanStatus Status, double ObjectiveUsd, double BestBoundUsd, double RelativeGap, double Seconds)
{
    /// <summary>Processor time of the process over the solve (all threads), seconds; NaN where not measured.</summary>
    public double CpuSeconds { get; init; } = double.NaN;
}

/// <summary>A problem's ids resolved to positions, with what the model needs per site and lane.</summary>
internal sealed class NetworkIndex
{
    public NetworkIndex(NetworkProblem p)
    {
        var sources = p.Sources.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        Site = p.Sites.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        Types = [.. p.Sources.Select(s => s.ScrapType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        TypeOf = [.. p.Sources.Select(s => Types.IndexOf(s.ScrapType))];
        DecidedFrom = [.. p.Sites.Select(s => s.OpenFromYear is { } y ? (int?)Math.Max(0, y - p.Years[0]) : null)];
        MaxCapacityT = [.. p.Sites.Select(s => s.Options.Sum(o => o.CapacityKgPerYear * o.MaxUtilisation) / 1000)];
        var typesAt = p.Sites.Select(_ => new SortedSet<int>()).ToArray();
        for (var l = 0; l < p.Lanes.Count; l++)
        {
            var lane = p.Lanes[l];
            var to = Site[lane.To];
            if (sources.TryGetValue(lane.From, out var s))
            {
                SourceLanes.Add((l, s, to));
                typesAt[to].Add(TypeOf[s]);
            }
            else SpokeLanes.Add((l, Site[lane.From], to));
        }

        TypesAt = [.. typesAt.Select(set => (IReadOnlyList<int>)[.. set])];
        _yields = [.. p.Sites.Select(s => s.Yields.ToDictionary(y => y.ScrapType, StringComparer.Ordinal))];
    }

    private readonly Dictionary<string, HubYield>[] _yields;

    /// <summary>Site position by id.</summary>
    public Dictionary<string, int> Site { get; }

    /// <summary>Scrap types present, sorted.</summary>
    public List<string> Types { get; }

    /// <summary>Scrap type position of each source.</summary>
    public int[] TypeOf { get; }

    /// <summary>Year index from which a decided site's first option operates (null when the planner decides).</summary>
    public int?[] DecidedFrom { get; }

    /// <summary>Largest intake of each site with every option open, tonnes per year.</summary>
    public double[] MaxCapacityT { get; }

    /// <summary>Lanes from a source: lane, source, site.</summary>
    public List<(int Lane, int Source, int Site)> SourceLanes { get; } = [];

    /// <summary>Lanes from a spoke to a hub: lane, spoke, hub.</summary>
    public List<(int Lane, int Spoke, int Hub)> SpokeLanes { get; } = [];

    /// <summary>Scrap types that can reach each site directly from sources.</summary>
    public IReadOnlyList<int>[] TypesAt { get; }

    /// <summary>A hub's yield of a scrap type; a type the hub gives no yield for makes nothing there.</summary>
    public HubYield Yield(int hub, int type) =>
        _yields[hub].TryGetValue(Types[type], out var y) ? y : new HubYield(Types[type], 0, 0);
}
