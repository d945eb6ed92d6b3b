namespace MagLoop.Carbon;

/// <summary>The footprints per kg of each product that an attribution gives for a set of inventory lines.</summary>
/// <param name="CutBlock">kg CO2e per kg of cut sintered block.</param>
/// <param name="Coated">kg CO2e per kg of coated parts.</param>
/// <param name="Magnet">kg CO2e per kg of finished magnet.</param>
/// <param name="CoProduct">kg CO2e per kg of NdFeB co-products (mass-weighted over all of them).</param>
public sealed record AttributedFigures(double CutBlock, double Coated, double Magnet, double CoProduct);

/// <summary>One product's share of a process's burden where the burden had to be shared.</summary>
/// <param name="Process">The multi-output process (or "all products up to the cut block" for pooled allocation).</param>
/// <param name="Product">The output.</param>
/// <param name="Share">Share of the process's burden (own lines plus what its inputs carry) the output bears.</param>
public sealed record AllocationShare(string Process, string Product, double Share);

/// <summary>The method a footprint was attributed with, for the result.</summary>
/// <param name="Method">subdivision, mass, economic or shares (camelCase key).</param>
/// <param name="SharedStages">With subdivision, how the stages subdivision cannot split are shared (mass or economic); otherwise the same as <paramref name="Method"/>.</param>
/// <param name="Shares">Every share applied.</param>
/// <param name="Description">The method in words.</param>
public sealed record AttributionSummary(string Method, string SharedStages, IReadOnlyList<AllocationShare> Shares, string Description);

/// <summary>
/// How the burdens of the inventory are divided over the products (ISO 14044 4.3.4). Linear in the lines: the
/// figures of a union of line sets are the sums of the figures of the sets, so stages and sites add up.
/// </summary>
public interface IAttribution
{
    /// <summary>The per-kg footprints of the products for <paramref name="lines"/>.</summary>
    AttributedFigures Attribute(IReadOnlyList<InventoryLine> lines);

    /// <summary>The method and the shares it applied.</summary>
    AttributionSummary Summary { get; }

    /// <summary>
    /// The same attribution prepared for many sets of lines of the same product system (a Monte Carlo): what does not
    /// depend on the lines is worked out once. The figures are the same, bit for bit.
    /// </summary>
    IAttribution ForRepeatedUse() => this;
}

/// <summary>
/// Allocation without subdivision: every burden up to the cut-block gate is pooled and shared between the cut block
/// and all co-products by one pair of shares; coating and magnetising fall on the magnets. This is the method that
/// reproduces the disclosed 2.35 kg CO2e/kg (docs/model-carbon.md); it lets a kg of surplus powder that never
/// enters the magnet line bear magnet-line burdens.
/// </summary>
/// <param name="Products">Product masses.</param>
/// <param name="Allocation">The shares.</param>
public sealed record PooledAllocation(ProductMasses Products, Allocation Allocation) : IAttribution
{
    /// <inheritdoc />
    public AttributionSummary Summary => new(Key(Allocation.Method), Key(Allocation.Method),
        [new AllocationShare(AllProducts, "cut block", Allocation.CutBlockShare), new AllocationShare(AllProducts, "co-products", Allocation.CoProductShare)],
        $"{Key(Allocation.Method)} allocation of every burden up to the cut block over the cut block and all co-products (no subdivision)");

    private const string AllProducts = "all products up to the cut block";

    /// <inheritdoc />
    public AttributedFigures Attribute(IReadOnlyList<InventoryLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        double preGate = 0, coating = 0, after = 0;
        foreach (var l in lines)
        {
            if (l.Gate == Gate.CutBlock) preGate += l.KgCo2ePerYear;
            else if (l.Gate == Gate.Coating) coating += l.KgCo2ePerYear;
            after += l.Gate == Gate.CutBlock ? 0 : l.KgCo2ePerYear;
        }

        var onCutBlock = Allocation.CutBlockShare * preGate;
        return new AttributedFigures(
            Divide(onCutBlock, Products.CutBlockKgPerYear),
            Divide(onCutBlock + coating, Products.CoatedKgPerYear), // coated parts carry the cut block and the coating
            Divide(onCutBlock + after, Products.MagnetKgPerYear),
            Divide(Allocation.CoProductShare * preGate, Products.CoProductKgPerYear));
    }

    private static string Key(AllocationMethod method) => method switch
    {
        AllocationMethod.Mass => "mass",
        AllocationMethod.Economic => "economic",
        _ => "shares",
    };

    internal static double Divide(double kgCo2e, double kg) => kg > 0 ? kgCo2e / kg : 0;
}

/// <summary>What a flow of the product system carries.</summary>
public enum FlowRole
{
    /// <summary>A product, intermediate or final: it carries the burden its process gives it.</summary>
    Product,
    /// <summary>
    /// The plant's own scrap returned upstream (pressing scrap to blending, rejects or swarf to HPMS): closed-loop
    /// recycling inside the system, so it carries no burden and its producer's products bear it all (ISO 14044 4.3.4.3).
    /// </summary>
    Return,
    /// <summary>Residue, off-gas or loss: carries no burden (its treatment is a line of the process that makes it).</summary>
    Waste,
}

/// <summary>How a multi-output process shares its burden between its products.</summary>
public enum SplitBasis
{
    /// <summary>In proportion to the products' masses (ISO 14044 4.3.4.2, a physical relationship).</summary>
    Mass,
    /// <summary>In proportion to the products' value, mass x price.</summary>
    Economic,
}

/// <summary>A flow of the product system.</summary>
/// <param name="Id">Flow id (unique).</param>
/// <param name="From">Process that makes it; null when it enters from outside (burden-free scrap, purchased inputs whose burden is a line).</param>
/// <param name="To">Process that takes it; null when it leaves the system (a final product, or a waste).</param>
/// <param name="MassKgPerYear">Mass, kg/yr (not negative).</param>
/// <param name="Role">What it carries.</param>
/// <param name="PriceUsdPerKg">Value per kg for the economic basis (any one currency); unused with the mass basis.</param>
public sealed record ProductFlow(string Id, string? From, string? To, double MassKgPerYear, FlowRole Role, double PriceUsdPerKg = 0);

/// <summary>
/// The plant subdivided into unit processes (ISO 14044 4.3.4.2 step 1): each inventory line belongs to the process
/// where it occurs (<see cref="InventoryLine.Process"/>), and each process passes its own burden plus what its inputs
/// carry to its products. Only a process with more than one product shares its burden, by <see cref="SplitBasis"/>:
/// the point where surplus powder and the magnet line's powder part (shared collection, transport, HPMS and degassing
/// burdens), and joint outputs such as the cut block and swarf of machining. A magnet-line burden therefore reaches
/// only the magnet line's products, never powder sold before the line.
/// </summary>
/// <param name="Processes">Process ids.</param>
/// <param name="Flows">Flows between processes and across the boundary; the products' flows must not form a cycle (loops close through <see cref="FlowRole.Return"/> flows).</param>
/// <param name="CutBlockFlow">Flow id of the cut sintered block.</param>
/// <param name="CoatedFlow">Flow id of the coated parts.</param>
/// <param name="MagnetFlow">Flow id of the finished magnets (a final product).</param>
public sealed record ProductSystem(IReadOnlyList<string> Processes, IReadOnlyList<ProductFlow> Flows, string CutBlockFlow, string CoatedFlow, string MagnetFlow)
{
    /// <summary>Final products other than the magnets: the co-products.</summary>
    public IEnumerable<ProductFlow> CoProducts => Flows.Where(f => f.To is null && f.Role == FlowRole.Product && f.Id != MagnetFlow);

    /// <summary>
    /// Burden per kg of every product flow for <paramref name="lines"/>. Throws <see cref="ArgumentException"/> for
    /// a line of an unknown process, a cycle of products or a process whose burden no product could carry.
    /// </summary>
    public IReadOnlyDictionary<string, double> Solve(IReadOnlyList<InventoryLine> lines, SplitBasis basis)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var solver = Prepare(basis);
        var perKg = solver.Solve(lines);
        return solver.Assigned.ToDictionary(f => Flows[f].Id, f => perKg[f], StringComparer.Ordinal);
    }

    /// <summary>
    /// The order, flows and shares of <see cref="Solve"/> worked out once for many sets of lines (a Monte Carlo):
    /// the same figures, bit for bit. Throws <see cref="ArgumentException"/> for a cycle of products or an unknown process.
    /// </summary>
    public ProductSystemSolver Prepare(SplitBasis basis)
    {
        var order = Order();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < Processes.Count; p++) index[Processes[p]] = p;
        var steps = new List<ProductSystemSolver.Step>(order.Count);
        foreach (var process in order)
        {
            var inputs = new List<int>();
            var outputs = new List<ProductFlow>();
            var outputFlows = new List<int>();
            for (var f = 0; f < Flows.Count; f++)
            {
                if (Flows[f].Role != FlowRole.Product) continue;
                if (Flows[f].To == process) inputs.Add(f);
                if (Flows[f].From == process)
                {
                    outputs.Add(Flows[f]);
                    outputFlows.Add(f);
                }
            }

            var weights = Weights(outputs, basis);
            var total = outputs.Zip(weights, (f, w) => f.MassKgPerYear * w).Sum();
            steps.Add(new ProductSystemSolver.Step(process, index[process], [.. inputs], [.. outputFlows], weights, total));
        }

        return new ProductSystemSolver(this, index, steps);
    }

    /// <summary>The shares of every process with more than one product.</summary>
    public IReadOnlyList<AllocationShare> Shares(SplitBasis basis)
    {
        var shares = new List<AllocationShare>();
        foreach (var process in Order())
        {
            var outputs = Flows.Where(f => f.From == process && f.Role == FlowRole.Product).ToList();
            if (outputs.Count < 2) continue;
            var weights = Weights(outputs, basis);
            var total = outputs.Zip(weights, (f, w) => f.MassKgPerYear * w).Sum();
            for (var i = 0; i < outputs.Count; i++)
                shares.Add(new AllocationShare(process, outputs[i].Id, total > 0 ? outputs[i].MassKgPerYear * weights[i] / total : 0));
        }

        return shares;
    }

    // Economic weights are prices; with no value at all at a process the physical relationship (mass) takes over.
    private static double[] Weights(List<ProductFlow> outputs, SplitBasis basis)
    {
        if (basis == SplitBasis.Mass || outputs.Sum(f => f.MassKgPerYear * f.PriceUsdPerKg) <= 0) return outputs.Select(_ => 1.0).ToArray();
        return outputs.Select(f => EnergyModel.NonNegative(f.PriceUsdPerKg, nameof(ProductFlow.PriceUsdPerKg))).ToArray();
    }

    // Processes in an order where every product flow's maker comes before its taker (Kahn), ties by listed order.
    private List<string> Order()
    {
        var known = Processes.ToHashSet(StringComparer.Ordinal);
        if (known.Count != Processes.Count) throw new ArgumentException("process ids must be unique");
        foreach (var f in Flows)
        {
            if (f.From is { } from && !known.Contains(from)) throw new ArgumentException($"flow '{f.Id}' comes from unknown process '{from}'");
            if (f.To is { } to && !known.Contains(to)) throw new ArgumentException($"flow '{f.Id}' goes to unknown process '{to}'");
            EnergyModel.NonNegative(f.MassKgPerYear, nameof(ProductFlow.MassKgPerYear));
        }

        var internalProducts = Flows.Where(f => f.Role == FlowRole.Product && f.From is not null && f.To is not null).ToList();
        var pending = Processes.ToDictionary(p => p, p => internalProducts.Count(f => f.To == p), StringComparer.Ordinal);
        var order = new List<string>(Processes.Count);
        var ready = new Queue<string>(Processes.Where(p => pending[p] == 0));
        while (ready.TryDequeue(out var process))
        {
            order.Add(process);
            foreach (var f in internalProducts.Where(f => f.From == process))
                if (--pending[f.To!] == 0) ready.Enqueue(f.To!);
        }

        if (order.Count != Processes.Count)
            throw new ArgumentException($"the products' flows form a cycle through {string.Join(", ", Processes.Where(p => pending[p] > 0))}; close loops with return flows");
        return order;
    }
}

/// <summary>
/// ISO 14044 4.3.4.2: subdivision first (<see cref="ProductSystem"/>), allocation by <paramref name="Basis"/> only at
/// the processes subdivision cannot split.
/// </summary>
/// <param name="System">The subdivided plant.</param>
/// <param name="Basis">How the shared processes are split.</param>
public sealed record Subdivision(ProductSystem System, SplitBasis Basis) : IAttribution
{
    /// <inheritdoc />
    public AttributionSummary Summary => new("subdivision", Basis == SplitBasis.Mass ? "mass" : "economic", System.Shares(Basis),
        $"subdivision into unit processes: magnet-line burdens fall on the magnet line's products only; the stages shared with "
        + $"surplus powder and joint outputs are split by {(Basis == SplitBasis.Mass ? "mass" : "economic value")}");

    /// <inheritdoc />
    public AttributedFigures Attribute(IReadOnlyList<InventoryLine> lines) => System.Prepare(Basis).Attribute(lines);

    /// <inheritdoc />
    public IAttribution ForRepeatedUse() => new Prepared(this, System.Prepare(Basis));

    // The same attribution with the product system's order and shares worked out once.
    private sealed class Prepared(Subdivision subdivision, ProductSystemSolver solver) : IAttribution
    {
        public AttributionSummary Summary => subdivision.Summary;

        public AttributedFigures Attribute(IReadOnlyList<InventoryLine> lines) => solver.Attribute(lines);
    }
}

/// <summary>A <see cref="ProductSystem"/> prepared by <see cref="ProductSystem.Prepare"/>: solves any number of sets of lines.</summary>
public sealed class ProductSystemSolver
{
    private readonly ProductSystem _system;
    private readonly Dictionary<string, int> _process;
    private readonly List<Step> _steps;
    private readonly int[] _coProducts;
    private readonly double _coProductKgPerYear;
    private readonly int _cutBlock, _coated, _magnet;

    internal ProductSystemSolver(ProductSystem system, Dictionary<string, int> process, List<Step> steps)
    {
        _system = system;
        _process = process;
        _steps = steps;
        Assigned = [.. steps.SelectMany(s => s.Outputs)];
        var coProducts = system.CoProducts.ToList();
        _coProductKgPerYear = coProducts.Sum(f => f.MassKgPerYear);
        _coProducts = [.. coProducts.Select(f => Flow(f.Id))];
        (_cutBlock, _coated, _magnet) = (Flow(system.CutBlockFlow), Flow(system.CoatedFlow), Flow(system.MagnetFlow));
    }

    // One process in solve order: its product inputs and outputs (flow indices), the outputs' weights and their sum.
    internal sealed record Step(string Process, int Index, int[] Inputs, int[] Outputs, double[] Weights, double Total);

    /// <summary>The flows (indices into <see cref="ProductSystem.Flows"/>) a solve gives a figure, in the order it gives them.</summary>
    public IReadOnlyList<int> Assigned { get; }

    /// <summary>
    /// Burden per kg of every flow (by index into <see cref="ProductSystem.Flows"/>; 0 for flows no process makes)
    /// for <paramref name="lines"/>. Throws <see cref="ArgumentException"/> for a line of an unknown process or a
    /// process whose burden no product could carry.
    /// </summary>
    public double[] Solve(IReadOnlyList<InventoryLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var direct = new double[_system.Processes.Count];
        foreach (var l in lines)
        {
            if (!_process.TryGetValue(l.Process, out var p))
                throw new ArgumentException($"inventory line '{l.Item}' belongs to process '{l.Process}', which is not part of the product system", nameof(lines));
            direct[p] += l.KgCo2ePerYear;
        }

        var flows = _system.Flows;
        var perKg = new double[flows.Count];
        foreach (var step in _steps)
        {
            // Summed from zero in flow order, then added, as Enumerable.Sum did.
            double carried = 0;
            foreach (var f in step.Inputs) carried += perKg[f] * flows[f].MassKgPerYear;
            var burden = direct[step.Index] + carried;
            if (step.Total <= 0)
            {
                if (burden != 0) throw new ArgumentException($"process '{step.Process}' bears {burden / 1000:G4} t CO2e/yr but makes no product to carry it", nameof(lines));
                foreach (var f in step.Outputs) perKg[f] = 0;
                continue;
            }

            for (var i = 0; i < step.Outputs.Length; i++) perKg[step.Outputs[i]] = burden * step.Weights[i] / step.Total;
        }

        return perKg;
    }

    /// <summary>The per-kg footprints of the products for <paramref name="lines"/> (<see cref="Subdivision.Attribute"/>).</summary>
    public AttributedFigures Attribute(IReadOnlyList<InventoryLine> lines)
    {
        var perKg = Solve(lines);
        double coBurden = 0;
        foreach (var f in _coProducts) coBurden += At(perKg, f) * _system.Flows[f].MassKgPerYear;
        return new AttributedFigures(At(perKg, _cutBlock), At(perKg, _coated), At(perKg, _magnet), PooledAllocation.Divide(coBurden, _coProductKgPerYear));
    }

    // The index of a flow a solve gives a figure; -1 for a flow no process makes (Solve's dictionary has no key for it).
    private int Flow(string id)
    {
        foreach (var f in Assigned)
            if (_system.Flows[f].Id == id) return f;
        return -1;
    }

    private double At(double[] perKg, int flow) =>
        flow >= 0 ? perKg[flow] : throw new KeyNotFoundException("a product the footprint is reported for is made by no process of the product system");
}
