namespace MagLoop.Traceability;

/// <summary>A lot as the queries see it.</summary>
/// <param name="Lot">Lot id.</param>
/// <param name="CreatedSeq">Ledger position of the creating event (parents always come earlier).</param>
/// <param name="MassKg">Mass created.</param>
/// <param name="MasterData">Declared master data.</param>
public sealed record LotInfo(string Lot, long CreatedSeq, double MassKg, LotMasterData MasterData);

/// <summary>A genealogy edge: <paramref name="ToLot"/> was made from <paramref name="FromLot"/>, which gave <paramref name="Fraction"/> of the inputs by mass.</summary>
/// <param name="ToLot">Output lot.</param>
/// <param name="FromLot">Input lot.</param>
/// <param name="Fraction">Input mass over the event's total input mass.</param>
public readonly record struct LotLink(string ToLot, string FromLot, double Fraction);

/// <summary>Every link reachable from a lot in one direction, and every lot they touch (the lot itself included).</summary>
/// <param name="Links">Links of the closure.</param>
/// <param name="Lots">Lots of the closure.</param>
public sealed record LotClosure(IReadOnlyList<LotLink> Links, IReadOnlyDictionary<string, LotInfo> Lots);

/// <summary>Read access to the lot graph (the store, or an in-memory graph in tests).</summary>
public interface ILotGraph
{
    /// <summary>The lot, or null when it does not exist.</summary>
    LotInfo? Lot(string lot);

    /// <summary>The transitive closure of <paramref name="lot"/>: its ancestors (backward) or descendants (forward).</summary>
    LotClosure Closure(string lot, GenealogyDirection direction);
}

/// <summary>
/// A graph that reads each lot and each closure from <paramref name="inner"/> once: for one request that asks several
/// questions of the same lots (a passport, a lot page, a compliance table). Not for a long-lived cache: it never sees
/// later captures.
/// </summary>
public sealed class CachedLotGraph(ILotGraph inner) : ILotGraph
{
    private readonly Dictionary<string, LotInfo?> _lots = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, GenealogyDirection), LotClosure> _closures = [];

    /// <inheritdoc/>
    public LotInfo? Lot(string lot) => _lots.TryGetValue(lot, out var l) ? l : _lots[lot] = inner.Lot(lot);

    /// <inheritdoc/>
    public LotClosure Closure(string lot, GenealogyDirection direction) =>
        _closures.TryGetValue((lot, direction), out var c) ? c : _closures[(lot, direction)] = inner.Closure(lot, direction);
}

/// <summary>Backward or forward.</summary>
public enum GenealogyDirection
{
    /// <summary>Where the lot's material came from.</summary>
    Backward,

    /// <summary>Where the lot's material went (recall).</summary>
    Forward,
}

/// <summary>A lot in a genealogy.</summary>
/// <param name="Lot">Lot id.</param>
/// <param name="Share">
/// Backward: fraction of the queried lot's mass that came from this lot. Forward: fraction of this lot's mass that
/// came from the queried lot.
/// </param>
/// <param name="Kg">That share in kg (of the queried lot backward, of this lot forward).</param>
/// <param name="Depth">Fewest transformation steps between the two lots.</param>
/// <param name="Source">Backward: true for source lots (no inputs recorded), whose shares sum to 1. Forward: true for end lots (nothing made from them yet).</param>
public sealed record GenealogyLot(string Lot, double Share, double Kg, int Depth, bool Source);

/// <summary>A genealogy answer; serialises with the keys of <c>magloop trace genealogy --json</c>.</summary>
/// <param name="Lot">The queried lot.</param>
/// <param name="Direction"><c>backward</c> or <c>forward</c>.</param>
/// <param name="Lots">Every ancestor (backward) or descendant (forward), nearest first.</param>
public sealed record GenealogyResult(string Lot, GenealogyDirection Direction, IReadOnlyList<GenealogyLot> Lots);

/// <summary>The subgraph behind a lot: every ancestor, the links among them, their depths.</summary>
/// <param name="Target">Queried lot.</param>
/// <param name="Lots">Every lot in the subgraph, the target included.</param>
/// <param name="Links">Links among them.</param>
/// <param name="Depth">Fewest steps from the target.</param>
public sealed record Subgraph(LotInfo Target, IReadOnlyDictionary<string, LotInfo> Lots, IReadOnlyList<LotLink> Links, IReadOnlyDictionary<string, int> Depth);

/// <summary>
/// Genealogy by proportional allocation: an output lot holds each input of its creating event in the proportion
/// of the input masses, so a lot's composition by source is the product of fractions along every path, summed
/// over paths. Lots are created once and after their inputs, so the graph is acyclic and ledger order is a
/// topological order.
/// </summary>
public static class Genealogy
{
    /// <summary>Loads the ancestors of <paramref name="lot"/>.</summary>
    /// <exception cref="KeyNotFoundException">The lot does not exist.</exception>
    public static Subgraph Ancestors(ILotGraph graph, string lot) => Walk(graph, lot, forward: false);

    /// <summary>Loads the descendants of <paramref name="lot"/>.</summary>
    /// <exception cref="KeyNotFoundException">The lot does not exist.</exception>
    public static Subgraph Descendants(ILotGraph graph, string lot) => Walk(graph, lot, forward: true);

    private static Subgraph Walk(ILotGraph graph, string lot, bool forward)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var target = graph.Lot(lot) ?? throw new KeyNotFoundException($"lot {lot} is not in the store");
        var closure = graph.Closure(lot, forward ? GenealogyDirection.Forward : GenealogyDirection.Backward);
        var next = closure.Links.ToLookup(l => forward ? l.FromLot : l.ToLot, StringComparer.Ordinal);

        // Breadth-first from the target gives each lot its fewest steps.
        var depth = new Dictionary<string, int>(StringComparer.Ordinal) { [lot] = 0 };
        var frontier = new List<string> { lot };
        for (var d = 1; frontier.Count > 0; d++)
        {
            var following = new List<string>();
            foreach (var from in frontier)
                foreach (var link in next[from])
                {
                    var to = forward ? link.ToLot : link.FromLot;
                    if (depth.TryAdd(to, d)) following.Add(to);
                }

            frontier = following;
        }

        var lots = new Dictionary<string, LotInfo>(closure.Lots, StringComparer.Ordinal) { [lot] = target };
        return new Subgraph(target, lots, closure.Links, depth);
    }

    /// <summary>Backward genealogy with mass shares.</summary>
    public static GenealogyResult Backward(ILotGraph graph, string lot)
    {
        var sub = Ancestors(graph, lot);
        var share = BackwardShares(sub);
        var hasParents = sub.Links.Select(l => l.ToLot).ToHashSet(StringComparer.Ordinal);
        var result = sub.Lots.Values.Where(l => l.Lot != lot)
            .Select(l => new GenealogyLot(l.Lot, share.GetValueOrDefault(l.Lot), share.GetValueOrDefault(l.Lot) * sub.Target.MassKg, sub.Depth[l.Lot], !hasParents.Contains(l.Lot)))
            .OrderBy(l => l.Depth).ThenByDescending(l => l.Share).ThenBy(l => l.Lot, StringComparer.Ordinal).ToList();
        return new GenealogyResult(lot, GenealogyDirection.Backward, result);
    }

    /// <summary>
    /// The share of the target's mass that each lot of the subgraph contributed. Processing lots from the newest
    /// to the oldest finishes each lot's share before it is passed on to its inputs.
    /// </summary>
    public static IReadOnlyDictionary<string, double> BackwardShares(Subgraph sub)
    {
        ArgumentNullException.ThrowIfNull(sub);
        var parents = sub.Links.GroupBy(l => l.ToLot, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var share = new Dictionary<string, double>(StringComparer.Ordinal) { [sub.Target.Lot] = 1.0 };
        foreach (var lot in sub.Lots.Values.OrderByDescending(l => l.CreatedSeq))
        {
            if (!share.TryGetValue(lot.Lot, out var s) || !parents.TryGetValue(lot.Lot, out var inputs)) continue;
            foreach (var link in inputs) share[link.FromLot] = share.GetValueOrDefault(link.FromLot) + s * link.Fraction;
        }

        return share;
    }

    /// <summary>Forward genealogy (recall): every lot holding material of <paramref name="lot"/>, with how much.</summary>
    public static GenealogyResult Forward(ILotGraph graph, string lot)
    {
        var sub = Descendants(graph, lot);
        var parents = sub.Links.GroupBy(l => l.ToLot, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var hasChildren = sub.Links.Select(l => l.FromLot).ToHashSet(StringComparer.Ordinal);
        var fraction = new Dictionary<string, double>(StringComparer.Ordinal) { [lot] = 1.0 };
        foreach (var d in sub.Lots.Values.Where(l => l.Lot != lot).OrderBy(l => l.CreatedSeq))
            fraction[d.Lot] = parents.GetValueOrDefault(d.Lot)?.Sum(p => p.Fraction * fraction.GetValueOrDefault(p.FromLot)) ?? 0;
        var result = sub.Lots.Values.Where(l => l.Lot != lot)
            .Select(l => new GenealogyLot(l.Lot, fraction[l.Lot], fraction[l.Lot] * l.MassKg, sub.Depth[l.Lot], !hasChildren.Contains(l.Lot)))
            .OrderBy(l => l.Depth).ThenBy(l => l.Lot, StringComparer.Ordinal).ToList();
        return new GenealogyResult(lot, GenealogyDirection.Forward, result);
    }
}

/// <summary>Recycled content of a lot by mass, in ISO 14021 terms; serialises with the keys of <c>magloop trace content --json</c>.</summary>
/// <param name="Lot">The lot.</param>
/// <param name="MassKg">Its mass.</param>
/// <param name="PostConsumerShare">Share from post-consumer sources.</param>
/// <param name="PreConsumerShare">Share from pre-consumer sources.</param>
/// <param name="VirginShare">Share from virgin sources.</param>
/// <param name="UnknownShare">Share from sources that declare no material class.</param>
/// <param name="RecycledShare">Post- plus pre-consumer: the ISO 14021 recycled content.</param>
/// <param name="UnclassifiedSources">Source lots without a material class.</param>
public sealed record RecycledContent(string Lot, double MassKg, double PostConsumerShare, double PreConsumerShare, double VirginShare, double UnknownShare, double RecycledShare, IReadOnlyList<string> UnclassifiedSources);

/// <summary>Recycled content from the backward genealogy.</summary>
public static class RecycledContentQuery
{
    /// <summary>Shares of the lot's mass by the material class of its source lots.</summary>
    public static RecycledContent Of(ILotGraph graph, string lot)
    {
        var sub = Genealogy.Ancestors(graph, lot);
        var share = Genealogy.BackwardShares(sub);
        var hasParents = sub.Links.Select(l => l.ToLot).ToHashSet(StringComparer.Ordinal);
        double post = 0, pre = 0, virgin = 0, unknown = 0;
        var unclassified = new List<string>();
        foreach (var source in sub.Lots.Values.Where(l => !hasParents.Contains(l.Lot)))
        {
            var s = share.GetValueOrDefault(source.Lot);
            switch (source.MasterData.MaterialClass)
            {
                case MaterialClass.PostConsumer: post += s; break;
                case MaterialClass.PreConsumer: pre += s; break;
                case MaterialClass.Virgin: virgin += s; break;
                default:
                    unknown += s;
                    unclassified.Add(source.Lot);
                    break;
            }
        }

        unclassified.Sort(StringComparer.Ordinal);
        return new RecycledContent(lot, sub.Target.MassKg, post, pre, virgin, unknown, post + pre, unclassified);
    }
}
