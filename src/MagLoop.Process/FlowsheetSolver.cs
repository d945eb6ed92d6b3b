using MagLoop.Materials;

namespace MagLoop.Process;

/// <summary>Per-element balance: what entered, what left as outlets, what was lost, and the closure error.</summary>
/// <param name="Component">The component.</param>
/// <param name="InKgPerYear">Feeds plus external inputs.</param>
/// <param name="OutKgPerYear">Magnets, co-products, residues and off-gas.</param>
/// <param name="LossesKgPerYear">Outlets of kind <see cref="OutletKind.Loss"/>.</param>
/// <param name="RelativeError">|in - out - losses| / in (0 when nothing entered).</param>
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
            var error = inflow[c] > 0 ? Math.Abs(inflow[c] - outflow[c] - losses[c]) / inflow[c] : Math.Abs(outflow[c] + losses[c]);
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
    /// <summary>Convergence tolerance on tear streams, relative to their size.</summary>
    public const double Tolerance = 1e-13;

    /// <summary>Sweep limit; recycle ratios in a magnet plant are well below 1, so far fewer are needed.</summary>
    public const int MaxIterations = 1000;

    /// <summary>Solves the flowsheet.</summary>
    public static FlowsheetSolution Solve(Flowsheet flowsheet)
    {
        var order = DependencyOrder(flowsheet);
        foreach (var feed in flowsheet.Feeds) feed.Scale = 1.0;
        var solution = Sweep(flowsheet, order, 1.0);
        var scale = 1.0;
        var overload = Overload(flowsheet, solution);
        if (overload > 1.0)
        {
            // Intake grows monotonically with the feed scale; bisection on the scale finds where the
            // tightest unit is exactly full. The first guess is exact when nothing downstream saturates.
            var low = 0.0;
            var high = 1.0;
            scale = 1.0 / overload;
            for (var i = 0; i < 200; i++)
            {
                solution = Sweep(flowsheet, order, scale);
                overload = Overload(flowsheet, solution);
                if (Math.Abs(overload - 1.0) <= 1e-12) break;
                if (overload > 1.0) high = scale; else low = scale;
                scale = 0.5 * (low + high);
                if (high - low <= 1e-15) break;
            }

            if (overload > 1.0 + 1e-9)
            {
                scale = low;
                solution = Sweep(flowsheet, order, scale);
            }
        }

        return solution;
    }

    private static double Overload(Flowsheet flowsheet, FlowsheetSolution solution) =>
        flowsheet.Nodes.Where(n => n.IntakeCapacityKgPerYear is not null)
            .Select(n => n.IntakeCapacityKgPerYear!.Value > 0
                ? solution.Intake(n.Id).TotalKgPerYear / n.IntakeCapacityKgPerYear.Value
                : solution.Intake(n.Id).TotalKgPerYear > 0 ? double.PositiveInfinity : 0)
            .DefaultIfEmpty(0).Max();

    private static FlowsheetSolution Sweep(Flowsheet flowsheet, IReadOnlyList<FlowsheetNode> order, double scale)
    {
        foreach (var feed in flowsheet.Feeds) feed.Scale = scale;
        var position = order.Select((n, i) => (n.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var tears = flowsheet.Edges.Where(e => e.To is not null && position[e.To] <= position[e.From]).Select(e => e.Name).ToHashSet();
        var incoming = flowsheet.Edges.Where(e => e.To is not null).ToLookup(e => e.To!);
        var streams = flowsheet.Edges.ToDictionary(e => e.Name, _ => MassStream.Empty);
        var external = new List<(string, string, MassStream)>();
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            var previousTears = tears.ToDictionary(t => t, t => streams[t]);
            external.Clear();
            foreach (var node in order)
            {
                var inputs = incoming[node.Id].GroupBy(e => e.ToPort!)
                    .ToDictionary(g => g.Key, g => MassStream.Sum(g.Select(e => streams[e.Name])));
                var result = node.Evaluate(inputs);
                foreach (var edge in flowsheet.Edges.Where(e => e.From == node.Id))
                    streams[edge.Name] = result.Outputs.TryGetValue(edge.FromPort, out var s)
                        ? s : throw new InvalidOperationException($"node '{node.Id}' produced no '{edge.FromPort}' output");
                foreach (var (name, stream) in result.ExternalInputs) external.Add((node.Id, name, stream));
            }

            var converged = tears.All(t => previousTears[t].MaxRelativeDifference(streams[t]) <= Tolerance);
            if (converged && (tears.Count == 0 || iteration > 1))
                return new FlowsheetSolution(flowsheet, new Dictionary<string, MassStream>(streams), external.ToList(), scale, iteration);
        }

        throw new InvalidOperationException($"flowsheet did not converge in {MaxIterations} sweeps; is a recycle ratio 1 or more?");
    }

    // Reverse post-order of a depth-first search from the feeds: every node comes after the nodes that feed
    // it, except along recycle edges, which become tear streams.
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
