using System.Runtime.InteropServices;
using MagLoop.Materials;

namespace MagLoop.Process;

/// <summary>Per-element balance: what entered, what left as outlets, what was lost, and the closure error.</summary>
/// <param name="Component">The component.</param>
/// <param name="InKgPerYear">Feeds plus external inputs.</param>
/// <param name="OutKgPerYear">Magnets, co-products, residues and off-gas.</param>
/// <param name="LossesKgPerYear">Outlets of kind <see cref="OutletKind.Loss"/>.</param>
/// <param name="RelativeError">|in - out - losses| / in; when nothing entered, 0 if nothing left and 1 if something did.</param>
public sealed record ComponentBalance(Component Component, double InKgPerYear, double OutKgPerYear, double LossesKgPerYear, double RelativeError);

/// <summary>The steady-state solution of a flowsheet.</summary>
public sealed class FlowsheetSolution
{
    internal FlowsheetSolution(Flowsheet flowsheet, IReadOnlyDictionary<string, MassStream> streams,
        IReadOnlyList<(string Node, string Name, MassStream Stream)> externalInputs, double feedScale, int iterations)
    {
        Flowsheet = flowsheet;
        Streams = streams;
        ExternalInputs = externalInputs;
        FeedScale = feedScale;
        Iterations = iterations;
        Balance = ComputeBalance();
    }

    /// <summary>The flowsheet solved.</summary>
    public Flowsheet Flowsheet { get; }

    /// <summary>Every edge's stream, by edge name.</summary>
    public IReadOnlyDictionary<string, MassStream> Streams { get; }

    /// <summary>Material drawn from outside the flowsheet, by node.</summary>
    public IReadOnlyList<(string Node, string Name, MassStream Stream)> ExternalInputs { get; }

    /// <summary>Fraction of the feeds' supply taken (below 1 when equipment capacity binds).</summary>
    public double FeedScale { get; }

    /// <summary>Sweeps of the flowsheet needed by the last solve.</summary>
    public int Iterations { get; }

    /// <summary>Per-component balance.</summary>
    public IReadOnlyList<ComponentBalance> Balance { get; }

    /// <summary>Largest relative closure error over all components.</summary>
    public double MaxRelativeBalanceError => Balance.Max(b => b.RelativeError);

    /// <summary>The stream on edge <paramref name="name"/>.</summary>
    public MassStream Stream(string name) => Streams[name];

    /// <summary>Sum of the outlets of one kind.</summary>
    public MassStream Outlet(OutletKind kind) =>
        MassStream.Sum(Flowsheet.Edges.Where(e => e.Outlet == kind).Select(e => Streams[e.Name]));

    /// <summary>Sum of what the feeds delivered.</summary>
    public MassStream FeedTotal => MassStream.Sum(Flowsheet.Edges.Where(e => Flowsheet.NodesById[e.From] is FeedNode).Select(e => Streams[e.Name]));

    /// <summary>Sum of the external inputs named <paramref name="name"/> (all when null).</summary>
    public MassStream ExternalInput(string? name = null) =>
        MassStream.Sum(ExternalInputs.Where(i => name is null || i.Name == name).Select(i => i.Stream));

    /// <summary>Total load (sum of inputs) on a node.</summary>
    public MassStream Intake(string nodeId) =>
        MassStream.Sum(Flowsheet.Edges.Where(e => e.To == nodeId).Select(e => Streams[e.Name]));

    private List<ComponentBalance> ComputeBalance()
    {
        var inflow = FeedTotal + ExternalInput();
        var losses = Outlet(OutletKind.Loss);
        var outflow = MassStream.Sum(Enum.GetValues<OutletKind>().Where(k => k != OutletKind.Loss).Select(Outlet));
        return Components.All.Select(c =>
        {
            var left = outflow[c] + losses[c];
            var error = inflow[c] > 0 ? Math.Abs(inflow[c] - left) / inflow[c] : left > 0 ? 1.0 : 0.0;
            return new ComponentBalance(c, inflow[c], outflow[c], losses[c], error);
        }).ToList();
    }
}

/// <summary>
/// Solves a flowsheet at steady state by sequential substitution: nodes in dependency order, recycle
/// (tear) streams iterated until they change by less than the tolerance. Where equipment capacity binds,
/// the feeds are scaled down together until the most loaded unit runs exactly at capacity.
/// </summary>
public static class FlowsheetSolver
{
    /// <summary>
    /// Convergence tolerance on tear streams, relative to each component's flow: a trace component (hydrogen in a
    /// recycle of rejects) can be all of that component's inflow, so the stream total is no fair yardstick.
    /// </summary>
    public const double Tolerance = 1e-13;

    /// <summary>Sweep limit; recycle ratios in a magnet plant are well below 1, so far fewer are needed.</summary>
    public const int MaxIterations = 10_000;

    /// <summary>Tolerance on the load of the tightest unit when capacity binds (relative to capacity).</summary>
    public const double CapacityTolerance = 1e-12;

    /// <summary>Solves the flowsheet.</summary>
    public static FlowsheetSolution Solve(Flowsheet flowsheet)
    {
        var plan = new Plan(flowsheet);
        var sweep = plan.Sweep(1.0);
        var overload = plan.Overload(sweep);
        if (overload <= 1.0) return plan.Solution(sweep);

        // The tightest unit's load g(s) grows with the feed scale s and is piecewise linear in it (linear until
        // a downstream unit saturates), so regula falsi finds g(s) = 1 in a few solves; the first guess,
        // capacity over load, is exact when nothing downstream saturates.
        double Excess(double scale)
        {
            sweep = plan.Sweep(scale);
            return plan.Overload(sweep) - 1;
        }

        var (_, belowOrAt) = RootFinder.Increasing(Excess, 0, -1, 1, overload - 1, CapacityTolerance, firstGuess: 1.0 / overload);
        return plan.Solution(plan.Overload(sweep) > 1 + 1e-9 ? plan.Sweep(belowOrAt) : sweep);
    }

    // The streams of a converged sweep at one feed scale: by edge index, and the external inputs by node.
    private sealed record Converged(MassStream[] Streams, List<(string Node, string Name, MassStream Stream)> External, double Scale, int Iterations);

    // The flowsheet compiled once per solve: evaluation order, tear streams and, per node, its input and
    // output edges by index, so sweeps do no searching. A node whose inputs are the same as in the previous
    // sweep is not evaluated again (nodes are pure functions): its outputs stand, so only the recycle loops
    // cost anything after the first sweep.
    private sealed class Plan
    {
        private readonly Flowsheet _flowsheet;
        private readonly FlowsheetNode[] _order;
        private readonly (string Port, int[] Edges)[][] _inputs;
        private readonly (int Edge, string Port)[][] _outputs;
        private readonly int[] _tears;
        private readonly (int Node, int[] Intake, double Capacity)[] _capacities;

        // Per node: the inputs it was last evaluated with (by port), what it returned, and the dictionary it is
        // handed (refilled for every evaluation).
        private readonly MassStream?[][] _lastInputs;
        private readonly NodeOutputs?[] _lastOutputs;
        private readonly Dictionary<string, MassStream>[] _inputDictionaries;

        public Plan(Flowsheet flowsheet)
        {
            _flowsheet = flowsheet;
            _order = DependencyOrder(flowsheet).ToArray();
            var edges = flowsheet.Edges;
            var position = new Dictionary<string, int>();
            for (var i = 0; i < _order.Length; i++) position[_order[i].Id] = i;
            _inputs = _order.Select(n => Enumerable.Range(0, edges.Count).Where(e => edges[e].To == n.Id)
                .GroupBy(e => edges[e].ToPort!).Select(g => (g.Key, g.ToArray())).ToArray()).ToArray();
            _outputs = _order.Select(n => Enumerable.Range(0, edges.Count).Where(e => edges[e].From == n.Id)
                .Select(e => (e, edges[e].FromPort)).ToArray()).ToArray();
            _tears = Enumerable.Range(0, edges.Count)
                .Where(e => edges[e].To is { } to && position[to] <= position[edges[e].From]).ToArray();
            _capacities = Enumerable.Range(0, _order.Length).Where(i => _order[i].IntakeCapacityKgPerYear is not null)
                .Select(i => (i, _inputs[i].SelectMany(p => p.Edges).ToArray(), _order[i].IntakeCapacityKgPerYear!.Value)).ToArray();
            _lastInputs = _inputs.Select(ports => new MassStream?[ports.Length]).ToArray();
            _lastOutputs = new NodeOutputs?[_order.Length];
            _inputDictionaries = _inputs.Select(ports => new Dictionary<string, MassStream>(ports.Length)).ToArray();
        }

        // Largest intake / capacity over the units that declare a capacity (0 when none do).
        public double Overload(Converged sweep)
        {
            var max = 0.0;
            foreach (var (_, intake, capacity) in _capacities)
            {
                var load = 0.0;
                foreach (var e in intake) load += sweep.Streams[e].TotalKgPerYear;
                max = Math.Max(max, capacity > 0 ? load / capacity : load > 0 ? double.PositiveInfinity : 0);
            }

            return max;
        }

        public FlowsheetSolution Solution(Converged sweep)
        {
            var edges = _flowsheet.Edges;
            var byName = new Dictionary<string, MassStream>(edges.Count);
            for (var e = 0; e < edges.Count; e++) byName[edges[e].Name] = sweep.Streams[e];
            return new FlowsheetSolution(_flowsheet, byName, sweep.External, sweep.Scale, sweep.Iterations);
        }

        public Converged Sweep(double scale)
        {
            // The feeds change with the scale, and so does everything after them.
            Array.Clear(_lastOutputs);
            var streams = new MassStream[_flowsheet.Edges.Count];
            Array.Fill(streams, MassStream.Empty);
            var previousTears = new MassStream[_tears.Length];
            var external = new List<(string, string, MassStream)>();
            for (var iteration = 1; iteration <= MaxIterations; iteration++)
            {
                for (var t = 0; t < _tears.Length; t++) previousTears[t] = streams[_tears[t]];
                external.Clear();
                for (var n = 0; n < _order.Length; n++)
                {
                    var result = Evaluate(n, streams, scale);
                    foreach (var (edge, port) in _outputs[n])
                        streams[edge] = result.Outputs.TryGetValue(port, out var stream)
                            ? stream : throw new InvalidOperationException($"node '{_order[n].Id}' produced no '{port}' output");
                    foreach (var (name, stream) in result.ExternalInputs) external.Add((_order[n].Id, name, stream));
                }

                var converged = true;
                for (var t = 0; t < _tears.Length && converged; t++)
                    converged = previousTears[t].AgreesWith(streams[_tears[t]], Tolerance);
                if (converged && (_tears.Length == 0 || iteration > 1)) return new Converged(streams, external, scale, iteration);
            }

            throw new ProcessException(
                $"the recycle loops did not settle in {MaxIterations} sweeps: a recycle ratio is 1 or too close to it");
        }

        // Node n's outputs: those of its last evaluation when every input is bit for bit what it was then.
        private NodeOutputs Evaluate(int n, MassStream[] streams, double scale)
        {
            var ports = _inputs[n];
            var last = _lastInputs[n];
            var unchanged = _lastOutputs[n] is not null;
            for (var p = 0; p < ports.Length; p++)
            {
                var portEdges = ports[p].Edges;
                var input = portEdges.Length == 1 ? streams[portEdges[0]] : MassStream.Sum(portEdges.Select(e => streams[e]));
                unchanged = unchanged && (ReferenceEquals(input, last[p]) || SameBits(input, last[p]!));
                last[p] = input;
            }

            if (unchanged) return _lastOutputs[n]!;
            NodeOutputs result;
            if (_order[n] is FeedNode feed) result = feed.Take(scale);
            else
            {
                var inputs = _inputDictionaries[n];
                inputs.Clear();
                for (var p = 0; p < ports.Length; p++) inputs[ports[p].Port] = last[p]!;
                result = _order[n].Evaluate(inputs);
            }

            _lastOutputs[n] = result;
            return result;
        }

        private static bool SameBits(MassStream a, MassStream b) =>
            MemoryMarshal.AsBytes(a.KgPerYear).SequenceEqual(MemoryMarshal.AsBytes(b.KgPerYear));

        // Reverse post-order of a depth-first search from the feeds: every node comes after the nodes that
        // feed it, except along recycle edges, which become tear streams.
        private static List<FlowsheetNode> DependencyOrder(Flowsheet flowsheet)
        {
            var visited = new HashSet<string>();
            var postOrder = new List<FlowsheetNode>();
            var successors = flowsheet.Edges.Where(e => e.To is not null).ToLookup(e => e.From, e => e.To!);
            void Visit(string id)
            {
                if (!visited.Add(id)) return;
                foreach (var next in successors[id]) Visit(next);
                postOrder.Add(flowsheet.NodesById[id]);
            }

            foreach (var feed in flowsheet.Feeds) Visit(feed.Id);
            foreach (var node in flowsheet.Nodes) Visit(node.Id);
            postOrder.Reverse();
            return postOrder;
        }
    }
}
