using MagLoop.Materials;

namespace MagLoop.Process;

/// <summary>Where a stream that leaves the flowsheet ends up.</summary>
public enum OutletKind
{
    /// <summary>Finished magnets.</summary>
    Magnet,
    /// <summary>NdFeB co-products sold: surplus recycled powder, swarf, rejects.</summary>
    CoProduct,
    /// <summary>Separated non-NdFeB material: steel, coating flakes, plastics, unliberated magnet.</summary>
    Residue,
    /// <summary>Gas released to the off-gas system (hydrogen).</summary>
    OffGas,
    /// <summary>Material lost: filter fines, evaporation, breakage.</summary>
    Loss,
}

/// <summary>What a node returns: a stream per output port, and what it drew from outside the flowsheet.</summary>
/// <param name="Outputs">Output streams by port name.</param>
/// <param name="ExternalInputs">Material drawn from outside (hydrogen, oxygen, fresh rare earth, coating metal) by name.</param>
public sealed record NodeOutputs(IReadOnlyDictionary<string, MassStream> Outputs, IReadOnlyDictionary<string, MassStream> ExternalInputs)
{
    /// <summary>Outputs with no external inputs.</summary>
    public NodeOutputs(IReadOnlyDictionary<string, MassStream> outputs) : this(outputs, new Dictionary<string, MassStream>()) { }
}

/// <summary>A unit of the flowsheet graph: a pure function from input streams (by port) to output streams.</summary>
public abstract class FlowsheetNode(string id, string name)
{
    /// <summary>Unique id in the graph.</summary>
    public string Id { get; } = id;

    /// <summary>Display name.</summary>
    public string Name { get; } = name;

    /// <summary>Names of the output ports; each must be connected to exactly one edge.</summary>
    public abstract IReadOnlyList<string> OutputPorts { get; }

    /// <summary>
    /// Largest total intake per year, in kg, that the equipment can process (null: no limit). The solver
    /// scales the feeds down to respect it.
    /// </summary>
    public virtual double? IntakeCapacityKgPerYear => null;

    /// <summary>
    /// Evaluates the unit; inputs that carry nothing are absent or empty. Must be a pure function of the inputs:
    /// the solver reuses the outputs while the inputs stay the same, and refills the dictionary passed in for
    /// its next evaluation, so a node keeps the streams it needs, not the dictionary.
    /// </summary>
    public abstract NodeOutputs Evaluate(IReadOnlyDictionary<string, MassStream> inputs);

    // Evaluates into the solver's buffers when the node can (its inputs are set, its outputs cleared); false when
    // it can only be evaluated on streams.
    internal virtual bool EvaluateInPlace(NodeBuffers buffers) => false;
}

/// <summary>
/// The flows a <see cref="UnitNode"/> evaluated in place works on, each kg per year in component order: its inputs
/// by port, its outputs by port (zero when the evaluation starts) and the external inputs it draws. The solver
/// keeps one per node and reuses it from sweep to sweep, so such a unit builds no streams while the solver iterates.
/// </summary>
public sealed class NodeBuffers
{
    private static readonly double[] Nothing = new double[Components.Count];

    // A node has a few ports, so a scan (the names are mostly the same string instances) beats hashing them; HPMS
    // takes one input port per feed, so past a few ports its inputs are also indexed by name.
    private const int ScannedPorts = 8;
    private readonly List<(string Name, double[] Kg)> _inputs = [];
    private Dictionary<string, double[]>? _inputsByName;
    private readonly List<(string Name, double[] Kg)> _outputs = [];
    private readonly List<(string Name, double[] Kg)> _external = [];
    private readonly List<string> _drawn = [];

    internal NodeBuffers(IEnumerable<string> outputPorts)
    {
        foreach (var port in outputPorts) _outputs.Add((port, new double[Components.Count]));
    }

    /// <summary>The input at <paramref name="port"/> (zero when nothing enters there).</summary>
    public ReadOnlySpan<double> Input(string port) =>
        (_inputsByName is null ? Find(_inputs, port) : _inputsByName.GetValueOrDefault(port)) ?? Nothing;

    /// <summary>The output at <paramref name="port"/>, to be written.</summary>
    public Span<double> Output(string port) =>
        Find(_outputs, port) ?? throw new ArgumentException($"the node has no output port '{port}'", nameof(port));

    /// <summary>The external input <paramref name="name"/>, to be written (zero at first): drawing it adds it to the node's external inputs.</summary>
    public Span<double> External(string name)
    {
        var kg = Find(_external, name);
        if (kg is null) _external.Add((name, kg = new double[Components.Count]));
        if (!_drawn.Contains(name))
        {
            _drawn.Add(name);
            Array.Clear(kg);
        }

        return kg;
    }

    // The external inputs drawn by the last evaluation, in the order drawn.
    internal IReadOnlyList<string> Drawn => _drawn;

    // Sets the buffer an input port reads (once per port).
    internal void SetInput(string port, double[] kg)
    {
        _inputs.Add((port, kg));
        if (_inputsByName is not null) _inputsByName[port] = kg;
        else if (_inputs.Count > ScannedPorts) _inputsByName = _inputs.ToDictionary(p => p.Name, p => p.Kg, StringComparer.Ordinal);
    }

    internal double[] OutputBuffer(string port) => Find(_outputs, port)!;

    internal double[] ExternalBuffer(string name) => Find(_external, name)!;

    // Starts an evaluation: outputs cleared, nothing drawn yet.
    internal void Begin()
    {
        foreach (var (_, kg) in _outputs) Array.Clear(kg);
        _drawn.Clear();
    }

    // The outputs and external inputs as streams.
    internal NodeOutputs ToOutputs() => new(
        _outputs.ToDictionary(p => p.Name, p => MassStream.FromKgPerYear(p.Kg)),
        _drawn.ToDictionary(name => name, name => MassStream.FromKgPerYear(ExternalBuffer(name))));

    private static double[]? Find(List<(string Name, double[] Kg)> buffers, string name)
    {
        foreach (var (key, kg) in buffers)
            if (key == name) return kg;
        return null;
    }
}

/// <summary>A stream of the flowsheet: from a node's output port to another node's input port, or out of the plant.</summary>
/// <param name="Name">Display name (unique).</param>
/// <param name="From">Source node id.</param>
/// <param name="FromPort">Source output port.</param>
/// <param name="To">Target node id, or null when the stream leaves the plant.</param>
/// <param name="ToPort">Target input port (null when leaving).</param>
/// <param name="Outlet">Kind of outlet when leaving the plant.</param>
public sealed record FlowsheetEdge(string Name, string From, string FromPort, string? To, string? ToPort, OutletKind? Outlet)
{
    /// <summary>An edge between two nodes.</summary>
    public static FlowsheetEdge Between(string name, string from, string fromPort, string to, string toPort) =>
        new(name, from, fromPort, to, toPort, null);

    /// <summary>An edge that leaves the plant.</summary>
    public static FlowsheetEdge Leaving(string name, string from, string fromPort, OutletKind outlet) =>
        new(name, from, fromPort, null, null, outlet);
}

/// <summary>A feed entering the flowsheet: a fixed stream, scaled by the solver when equipment limits intake.</summary>
public sealed class FeedNode(string id, string name, MassStream supply) : FlowsheetNode(id, name)
{
    /// <summary>The single output port of a feed.</summary>
    public const string Out = "out";

    /// <summary>What the source offers per year before any scaling.</summary>
    public MassStream Supply { get; } = supply;

    /// <inheritdoc />
    public override IReadOnlyList<string> OutputPorts { get; } = [Out];

    /// <summary>The whole supply.</summary>
    public override NodeOutputs Evaluate(IReadOnlyDictionary<string, MassStream> inputs) => Take(1.0);

    /// <summary>The fraction <paramref name="scale"/> of the supply, as the solver takes it when capacity binds.</summary>
    public NodeOutputs Take(double scale) => new(new Dictionary<string, MassStream> { [Out] = Supply * scale });
}

/// <summary>
/// A node made from a function, wrapping a unit operation such as <see cref="Hpms"/>: on streams, or in place on
/// the solver's buffers (the unit operations' span overloads), which is what keeps the solver from allocating.
/// </summary>
public sealed class UnitNode : FlowsheetNode
{
    private readonly Func<IReadOnlyDictionary<string, MassStream>, NodeOutputs>? _evaluate;
    private readonly Action<NodeBuffers>? _evaluateInPlace;

    /// <summary>A node evaluated on streams.</summary>
    public UnitNode(string id, string name, IReadOnlyList<string> outputPorts,
        Func<IReadOnlyDictionary<string, MassStream>, NodeOutputs> evaluate, double? intakeCapacityKgPerYear = null) : base(id, name)
    {
        OutputPorts = outputPorts;
        IntakeCapacityKgPerYear = intakeCapacityKgPerYear;
        _evaluate = evaluate;
    }

    /// <summary>A node evaluated in place: <paramref name="evaluate"/> reads its inputs from the buffers and writes every output port.</summary>
    public UnitNode(string id, string name, IReadOnlyList<string> outputPorts,
        Action<NodeBuffers> evaluate, double? intakeCapacityKgPerYear = null) : base(id, name)
    {
        OutputPorts = outputPorts;
        IntakeCapacityKgPerYear = intakeCapacityKgPerYear;
        _evaluateInPlace = evaluate;
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> OutputPorts { get; }

    /// <inheritdoc />
    public override double? IntakeCapacityKgPerYear { get; }

    /// <inheritdoc />
    public override NodeOutputs Evaluate(IReadOnlyDictionary<string, MassStream> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (_evaluate is not null) return _evaluate(inputs);
        var buffers = new NodeBuffers(OutputPorts);
        foreach (var (port, stream) in inputs) buffers.SetInput(port, stream.KgPerYear.ToArray());
        EvaluateInPlace(buffers);
        return buffers.ToOutputs();
    }

    internal override bool EvaluateInPlace(NodeBuffers buffers)
    {
        if (_evaluateInPlace is null) return false;
        buffers.Begin();
        _evaluateInPlace(buffers);
        return true;
    }
}

/// <summary>Helpers to read node inputs.</summary>
public static class NodeInputs
{
    /// <summary>The stream at <paramref name="port"/>, or the empty stream.</summary>
    public static MassStream Port(this IReadOnlyDictionary<string, MassStream> inputs, string port) =>
        inputs.TryGetValue(port, out var stream) ? stream : MassStream.Empty;
}

/// <summary>A flowsheet: nodes and the edges between them. Checked for consistency on construction.</summary>
public sealed class Flowsheet
{
    private readonly ILookup<string, FlowsheetEdge> _from;
    private readonly ILookup<string, FlowsheetEdge> _into;

    /// <summary>Builds and checks a flowsheet; throws <see cref="ArgumentException"/> for a malformed graph.</summary>
    public Flowsheet(IEnumerable<FlowsheetNode> nodes, IEnumerable<FlowsheetEdge> edges)
    {
        Nodes = nodes.ToList();
        Edges = edges.ToList();
        var byId = new Dictionary<string, FlowsheetNode>();
        foreach (var node in Nodes)
            if (!byId.TryAdd(node.Id, node)) throw new ArgumentException($"duplicate node id '{node.Id}'");
        NodesById = byId;
        foreach (var duplicate in Edges.GroupBy(e => e.Name).Where(g => g.Count() > 1))
            throw new ArgumentException($"duplicate stream name '{duplicate.Key}'");
        foreach (var edge in Edges)
        {
            if (!byId.TryGetValue(edge.From, out var from)) throw new ArgumentException($"stream '{edge.Name}' starts at unknown node '{edge.From}'");
            if (!from.OutputPorts.Contains(edge.FromPort)) throw new ArgumentException($"node '{edge.From}' has no output port '{edge.FromPort}'");
            if (edge.To is not null && !byId.ContainsKey(edge.To)) throw new ArgumentException($"stream '{edge.Name}' ends at unknown node '{edge.To}'");
            if (edge.To is not null && edge.ToPort is null) throw new ArgumentException($"stream '{edge.Name}' enters node '{edge.To}' without an input port");
            // A feed ignores its inputs: a stream into one would vanish from the balance.
            if (edge.To is not null && byId[edge.To] is FeedNode) throw new ArgumentException($"stream '{edge.Name}' enters feed '{edge.To}'; feeds take no input");
            if ((edge.To is null) == (edge.Outlet is null)) throw new ArgumentException($"stream '{edge.Name}' must either enter a node or leave the plant");
        }

        // Indexed once, so that checks and searches stay linear in the size of the graph.
        _from = Edges.ToLookup(e => e.From, StringComparer.Ordinal);
        _into = Edges.Where(e => e.To is not null).ToLookup(e => e.To!, StringComparer.Ordinal);
        var perPort = Edges.CountBy(e => (e.From, e.FromPort)).ToDictionary();
        foreach (var node in Nodes)
            foreach (var port in node.OutputPorts)
            {
                var count = perPort.GetValueOrDefault((node.Id, port));
                if (count != 1) throw new ArgumentException($"output '{port}' of node '{node.Id}' has {count} streams; it needs exactly one");
            }

        Topology = new object();
    }

    // The same graph as template with other nodes (same ids, kinds and output ports, in the same order): the template's
    // checks hold for it, so its edges, indexes and topology are shared rather than built and checked again.
    private Flowsheet(Flowsheet template, List<FlowsheetNode> nodes, Dictionary<string, FlowsheetNode> byId)
    {
        Nodes = nodes;
        Edges = template.Edges;
        NodesById = byId;
        _from = template._from;
        _into = template._into;
        Topology = template.Topology;
    }

    /// <summary>
    /// A flowsheet of <paramref name="nodes"/> and <paramref name="edges"/>, as the constructor builds and checks it;
    /// when they form the same graph as <paramref name="template"/> (the same edges, and nodes with the same ids, kinds,
    /// output ports and presence of a capacity, in the same order: a plant re-built with other parameters), it shares the template's edges,
    /// indexes and <see cref="Topology"/>, so that the solver reuses its solve plan (see <see cref="FlowsheetSolvePlan"/>).
    /// </summary>
    public static Flowsheet Like(Flowsheet? template, IReadOnlyList<FlowsheetNode> nodes, IReadOnlyList<FlowsheetEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        if (template is null || !template.HasGraph(nodes, edges)) return new Flowsheet(nodes, edges);
        var byId = new Dictionary<string, FlowsheetNode>(nodes.Count, StringComparer.Ordinal);
        foreach (var node in nodes) byId.Add(node.Id, node);
        return new Flowsheet(template, [.. nodes], byId);
    }

    /// <summary>
    /// Identifies the graph (nodes by id, kind, output ports and whether they declare a capacity; edges): flowsheets built by <see cref="Like"/> from one
    /// template share it, any other flowsheet has its own.
    /// </summary>
    public object Topology { get; }

    // Whether nodes and edges form this flowsheet's graph.
    private bool HasGraph(IReadOnlyList<FlowsheetNode> nodes, IReadOnlyList<FlowsheetEdge> edges)
    {
        if (nodes.Count != Nodes.Count || edges.Count != Edges.Count) return false;
        for (var i = 0; i < edges.Count; i++)
            if (!edges[i].Equals(Edges[i])) return false;
        for (var i = 0; i < nodes.Count; i++)
        {
            var (mine, theirs) = (Nodes[i], nodes[i]);
            if (theirs is null || mine.Id != theirs.Id || mine.GetType() != theirs.GetType()
                || mine.IntakeCapacityKgPerYear.HasValue != theirs.IntakeCapacityKgPerYear.HasValue
                || !mine.OutputPorts.SequenceEqual(theirs.OutputPorts, StringComparer.Ordinal))
                return false;
        }

        return true;
    }

    /// <summary>All nodes.</summary>
    public IReadOnlyList<FlowsheetNode> Nodes { get; }

    /// <summary>All edges.</summary>
    public IReadOnlyList<FlowsheetEdge> Edges { get; }

    /// <summary>Nodes by id.</summary>
    public IReadOnlyDictionary<string, FlowsheetNode> NodesById { get; }

    /// <summary>The feeds.</summary>
    public IEnumerable<FeedNode> Feeds => Nodes.OfType<FeedNode>();

    /// <summary>
    /// Ids of the feeds from which no path leads to an outlet of kind <paramref name="product"/>.
    /// </summary>
    public IReadOnlyList<string> FeedsWithoutPathTo(OutletKind product)
    {
        // One backward search from the product's outlets marks every node with a path to them: linear in the
        // graph, where a forward search per feed grows with feeds x streams.
        var reaching = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var edge in Edges)
            if (edge.Outlet == product && reaching.Add(edge.From)) queue.Enqueue(edge.From);
        while (queue.TryDequeue(out var nodeId))
            foreach (var edge in _into[nodeId])
                if (reaching.Add(edge.From)) queue.Enqueue(edge.From);
        return Feeds.Where(f => !reaching.Contains(f.Id)).Select(f => f.Id).ToList();
    }

    /// <summary>The edges leaving node <paramref name="nodeId"/>, in flowsheet order (none for an unknown id).</summary>
    public IEnumerable<FlowsheetEdge> EdgesFrom(string nodeId) => _from[nodeId];

    /// <summary>The edges entering node <paramref name="nodeId"/>, in flowsheet order (none for an unknown id).</summary>
    public IEnumerable<FlowsheetEdge> EdgesInto(string nodeId) => _into[nodeId];
}
