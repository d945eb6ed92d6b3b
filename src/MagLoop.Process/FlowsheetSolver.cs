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
    // Computed when first read: a Monte Carlo draw and the line's sizing solves never read it. Two threads reading it
    // at once both compute the same list, so no lock is needed.
    public IReadOnlyList<ComponentBalance> Balance => _balance ??= ComputeBalance();

    private List<ComponentBalance>? _balance;

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
        MassStream.Sum(Flowsheet.EdgesInto(nodeId).Select(e => Streams[e.Name]));

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
/// A solve plan kept between solves (one per thread: it holds the solver's buffers): the evaluation order, tear
/// streams and buffers compiled for one <see cref="Flowsheet.Topology"/>, so a Monte Carlo draw that re-builds the
/// plant with other parameters (<see cref="Flowsheet.Like"/>) does not compile them again.
/// </summary>
public sealed class FlowsheetSolvePlan
{
    internal FlowsheetSolver.Plan? Plan { get; set; }
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
    public static FlowsheetSolution Solve(Flowsheet flowsheet) => Solve(flowsheet, null);

    /// <summary>
    /// Solves the flowsheet with the solve plan kept in <paramref name="reuse"/> when that was compiled for the same
    /// <see cref="Flowsheet.Topology"/> (else compiles one and keeps it there). Every sweep starts from empty tear
    /// streams, so the solution is bit for bit the one <see cref="Solve(Flowsheet)"/> gives.
    /// </summary>
    public static FlowsheetSolution Solve(Flowsheet flowsheet, FlowsheetSolvePlan? reuse)
    {
        ArgumentNullException.ThrowIfNull(flowsheet);
        Plan plan;
        if (reuse?.Plan is { } kept && kept.Topology == flowsheet.Topology)
        {
            plan = kept;
            plan.Bind(flowsheet);
        }
        else
        {
            plan = new Plan(flowsheet);
            reuse?.Plan = plan;
        }

        plan.Sweep(1.0);
        var overload = plan.Overload();
        if (overload <= 1.0) return plan.Solution();

        // The tightest unit's load g(s) grows with the feed scale s and is piecewise linear in it (linear until
        // a downstream unit saturates), so regula falsi finds g(s) = 1 in a few solves; the first guess,
        // capacity over load, is exact when nothing downstream saturates.
        double Excess(double scale)
        {
            plan.Sweep(scale);
            return plan.Overload() - 1;
        }

        var (_, belowOrAt) = RootFinder.Increasing(Excess, 0, -1, 1, overload - 1, CapacityTolerance, firstGuess: 1.0 / overload);
        if (plan.Overload() > 1 + 1e-9) plan.Sweep(belowOrAt);
        return plan.Solution();
    }

    // The flowsheet compiled once per solve: evaluation order, tear streams and, per node, its input and output
    // edges by index, so sweeps do no searching. Every edge's flows live in a buffer of the plan, overwritten from
    // sweep to sweep, and units evaluated in place (UnitNode) read and write such buffers: no streams are built until
    // the solution. A node whose inputs are bit for bit those of its last evaluation at this feed scale is not evaluated
    // again (nodes are pure functions), so after the first sweep only the recycle loops cost anything.
    internal sealed class Plan
    {
        private Flowsheet _flowsheet;
        private readonly FlowsheetNode[] _order;
        private readonly int[] _nodeIndex;              // by position in _order: the node's index in Flowsheet.Nodes
        private readonly (string Port, int[] Edges)[][] _inputs;
        private readonly (int Edge, string Port)[][] _outputs;
        private readonly int[] _tears;
        private readonly (int Node, int[] Intake, double Capacity)[] _capacities;

        private readonly double[][] _flows;             // by edge: the flows of the current sweep
        private readonly int[] _versions;               // by edge: bumped whenever its flows change
        private readonly double[][] _previousTears;     // by tear: the flows of the previous sweep
        private readonly int[][] _inputEdges;           // by node: all its input edges
        private readonly int[][] _seenVersions;         // by node: versions of its input edges when last evaluated
        private readonly bool[] _evaluated;             // by node: evaluated in the current sweep
        private readonly NodeBuffers[] _buffers;        // by node
        private readonly double[]?[][] _portSums;       // by node and port: the sum of the port's edges when several enter
        private readonly Dictionary<string, MassStream>[] _streamInputs; // by node, for nodes evaluated on streams
        private double _scale;
        private int _iterations;

        public Plan(Flowsheet flowsheet)
        {
            _flowsheet = flowsheet;
            _order = DependencyOrder(flowsheet).ToArray();
            var indexOf = new Dictionary<FlowsheetNode, int>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < flowsheet.Nodes.Count; i++) indexOf[flowsheet.Nodes[i]] = i;
            _nodeIndex = [.. _order.Select(n => indexOf[n])];
            var edges = flowsheet.Edges;
            var position = new Dictionary<string, int>();
            for (var i = 0; i < _order.Length; i++) position[_order[i].Id] = i;
            // Edge indices by the node they enter and leave, found in one pass rather than one scan per node.
            var into = Enumerable.Range(0, edges.Count).Where(e => edges[e].To is not null).ToLookup(e => edges[e].To!, StringComparer.Ordinal);
            var from = Enumerable.Range(0, edges.Count).ToLookup(e => edges[e].From, StringComparer.Ordinal);
            _inputs = _order.Select(n => into[n.Id]
                .GroupBy(e => edges[e].ToPort!).Select(g => (g.Key, g.ToArray())).ToArray()).ToArray();
            _outputs = _order.Select(n => from[n.Id]
                .Select(e => (e, edges[e].FromPort)).ToArray()).ToArray();
            _tears = Enumerable.Range(0, edges.Count)
                .Where(e => edges[e].To is { } to && position[to] <= position[edges[e].From]).ToArray();
            _capacities = Enumerable.Range(0, _order.Length).Where(i => _order[i].IntakeCapacityKgPerYear is not null)
                .Select(i => (i, _inputs[i].SelectMany(p => p.Edges).ToArray(), _order[i].IntakeCapacityKgPerYear!.Value)).ToArray();

            _flows = edges.Select(_ => new double[Components.Count]).ToArray();
            _versions = new int[edges.Count];
            _previousTears = _tears.Select(_ => new double[Components.Count]).ToArray();
            _inputEdges = _inputs.Select(ports => ports.SelectMany(p => p.Edges).ToArray()).ToArray();
            _seenVersions = _inputEdges.Select(e => new int[e.Length]).ToArray();
            _evaluated = new bool[_order.Length];
            _buffers = _order.Select(n => new NodeBuffers(n.OutputPorts)).ToArray();
            _portSums = _inputs.Select(ports => ports.Select(p => p.Edges.Length == 1 ? null : new double[Components.Count]).ToArray()).ToArray();
            for (var n = 0; n < _order.Length; n++)
                for (var p = 0; p < _inputs[n].Length; p++)
                    _buffers[n].SetInput(_inputs[n][p].Port, _portSums[n][p] ?? _flows[_inputs[n][p].Edges[0]]);
            _streamInputs = _inputs.Select(ports => new Dictionary<string, MassStream>(ports.Length)).ToArray();
        }

        /// <summary>The flowsheet's graph, which the plan's indexes describe.</summary>
        public object Topology => _flowsheet.Topology;

        // Takes the nodes of another flowsheet of the same topology: same ids and ports at the same indexes, so only the
        // node objects and their capacities change; buffers are overwritten by the next sweep.
        public void Bind(Flowsheet flowsheet)
        {
            _flowsheet = flowsheet;
            for (var i = 0; i < _order.Length; i++) _order[i] = flowsheet.Nodes[_nodeIndex[i]];
            for (var c = 0; c < _capacities.Length; c++)
            {
                var (node, intake, _) = _capacities[c];
                _capacities[c] = (node, intake, _order[node].IntakeCapacityKgPerYear!.Value);
            }
        }

        // Largest intake / capacity over the units that declare a capacity (0 when none do), in the current sweep.
        public double Overload()
        {
            var max = 0.0;
            foreach (var (_, intake, capacity) in _capacities)
            {
                var load = 0.0;
                foreach (var e in intake) load += MassStream.Total(_flows[e]);
                max = Math.Max(max, capacity > 0 ? load / capacity : load > 0 ? double.PositiveInfinity : 0);
            }

            return max;
        }

        // The current sweep as streams.
        public FlowsheetSolution Solution()
        {
            var edges = _flowsheet.Edges;
            var byName = new Dictionary<string, MassStream>(edges.Count);
            for (var e = 0; e < edges.Count; e++) byName[edges[e].Name] = MassStream.FromKgPerYear(_flows[e]);
            var external = new List<(string, string, MassStream)>();
            for (var n = 0; n < _order.Length; n++)
                foreach (var name in _buffers[n].Drawn)
                    external.Add((_order[n].Id, name, MassStream.FromKgPerYear(_buffers[n].ExternalBuffer(name))));
            return new FlowsheetSolution(_flowsheet, byName, external, _scale, _iterations);
        }

        // Sweeps from empty tear streams until they settle, with the feeds scaled by scale.
        public void Sweep(double scale)
        {
            _scale = scale;
            foreach (var flows in _flows) Array.Clear(flows);
            Array.Clear(_evaluated);
            for (var iteration = 1; iteration <= MaxIterations; iteration++)
            {
                for (var t = 0; t < _tears.Length; t++) _flows[_tears[t]].CopyTo(_previousTears[t], 0);
                for (var n = 0; n < _order.Length; n++) Evaluate(n);

                var converged = true;
                for (var t = 0; t < _tears.Length && converged; t++)
                    converged = MassStream.Agree(_previousTears[t], _flows[_tears[t]], Tolerance);
                if (converged && (_tears.Length == 0 || iteration > 1))
                {
                    _iterations = iteration;
                    return;
                }
            }

            throw new ProcessException(
                $"the recycle loops did not settle in {MaxIterations} sweeps: a recycle ratio is 1 or too close to it");
        }

        private void Evaluate(int n)
        {
            var inputEdges = _inputEdges[n];
            var seen = _seenVersions[n];
            if (_evaluated[n])
            {
                var unchanged = true;
                for (var k = 0; k < inputEdges.Length && unchanged; k++) unchanged = _versions[inputEdges[k]] == seen[k];
                if (unchanged) return;
            }

            _evaluated[n] = true;
            for (var k = 0; k < inputEdges.Length; k++) seen[k] = _versions[inputEdges[k]];
            var ports = _inputs[n];
            for (var p = 0; p < ports.Length; p++)
                if (_portSums[n][p] is { } sum)
                {
                    // As MassStream.Sum adds the streams: from zero, in edge order.
                    Array.Clear(sum);
                    foreach (var e in ports[p].Edges)
                        for (var i = 0; i < sum.Length; i++) sum[i] += _flows[e][i];
                }

            var node = _order[n];
            var buffers = _buffers[n];
            if (node is FeedNode feed) Take(feed, buffers);
            else if (!node.EvaluateInPlace(buffers)) EvaluateOnStreams(n, buffers);

            foreach (var (edge, port) in _outputs[n])
            {
                var output = buffers.OutputBuffer(port);
                if (MemoryMarshal.AsBytes(output.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(_flows[edge].AsSpan()))) continue;
                output.CopyTo(_flows[edge], 0);
                _versions[edge]++;
            }
        }

        // A feed's output: its supply times the scale, as FeedNode.Take makes it.
        private void Take(FeedNode feed, NodeBuffers buffers)
        {
            buffers.Begin();
            var supply = feed.Supply.KgPerYear;
            var output = buffers.Output(FeedNode.Out);
            for (var i = 0; i < output.Length; i++) output[i] = supply[i] * _scale;
        }

        private void EvaluateOnStreams(int n, NodeBuffers buffers)
        {
            var inputs = _streamInputs[n];
            inputs.Clear();
            foreach (var (port, _) in _inputs[n]) inputs[port] = MassStream.FromKgPerYear(buffers.Input(port));
            buffers.Begin();
            var result = _order[n].Evaluate(inputs);
            foreach (var (_, port) in _outputs[n])
                if (result.Outputs.TryGetValue(port, out var stream)) stream.KgPerYear.CopyTo(buffers.Output(port));
                else throw new InvalidOperationException($"node '{_order[n].Id}' produced no '{port}' output");
            foreach (var (name, stream) in result.ExternalInputs) stream.KgPerYear.CopyTo(buffers.External(name));
        }

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
