namespace MagLoop.Traceability;

/// <summary>A named origin rule: the stages that must not take place in a covered country.</summary>
/// <param name="Name">Rule name.</param>
/// <param name="Stages">Stages checked.</param>
/// <param name="CoveredCountries">Covered countries (ISO 3166-1 alpha-2).</param>
/// <param name="Description">What the rule is and where it comes from.</param>
public sealed record ComplianceRule(string Name, IReadOnlyList<OriginStage> Stages, IReadOnlyList<string> CoveredCountries, string Description)
{
    /// <summary>China, Russia, North Korea, Iran: the covered countries of 10 U.S.C. 4872 as DFARS 252.225-7052 applies it [T1].</summary>
    public static IReadOnlyList<string> DfarsCoveredCountries { get; } = ["CN", "RU", "KP", "IR"];

    /// <summary>DFARS 252.225-7052 today: the magnet must not be melted or produced in a covered country [T1].</summary>
    public static ComplianceRule DfarsCurrent { get; } = new("dfars-current", [OriginStage.Melted, OriginStage.Produced], DfarsCoveredCountries,
        "DFARS 252.225-7052 until 31 Dec 2026: not melted or produced in CN, RU, KP, IR");

    /// <summary>DFARS 252.225-7052 from 1 January 2027: no stage from mining to production in a covered country [T1].</summary>
    public static ComplianceRule Dfars2027 { get; } = new("dfars-2027", Enum.GetValues<OriginStage>(), DfarsCoveredCountries,
        "DFARS 252.225-7052 from 1 Jan 2027: not mined, refined, separated, melted or produced in CN, RU, KP, IR");

    /// <summary>Every named rule.</summary>
    public static IReadOnlyList<ComplianceRule> All { get; } = [DfarsCurrent, Dfars2027];

    /// <summary>The rule called <paramref name="name"/>, or null.</summary>
    public static ComplianceRule? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}

/// <summary>How the stages before recycling count for recycled (post- and pre-consumer) source lots. The law does not settle it.</summary>
public enum RecycledPolicy
{
    /// <summary>
    /// The default. Recycled material carries the stages of the magnet it came from: its declared
    /// mined/refined/separated/melted/produced countries count like those of virgin material, and are needed.
    /// </summary>
    RequireUpstream,

    /// <summary>
    /// Recycling restarts the chain: a recycled lot's declared upstream stages are disregarded and every stage before
    /// recycling counts as taking place where the material was recovered (ILMD <c>magloop:recoveredIn</c>).
    /// </summary>
    ResetAtRecycler,
}

/// <summary>The verdict.</summary>
public enum Verdict
{
    /// <summary>Every checked stage of every source is known and none is in a covered country.</summary>
    Compliant,

    /// <summary>At least one checked stage took place in a covered country.</summary>
    NonCompliant,

    /// <summary>No covered country found, but some checked stage of some source is not declared.</summary>
    Undetermined,
}

/// <summary>A stage that took place in a covered country.</summary>
/// <param name="Lot">The lot whose master data declares it.</param>
/// <param name="Stage">Stage.</param>
/// <param name="Country">Country.</param>
public sealed record OffendingStage(string Lot, string Stage, string Country);

/// <summary>A stage no lot on the path declares.</summary>
/// <param name="Lot">Source lot whose material lacks the stage.</param>
/// <param name="Stage">Stage (or <c>recoveredIn</c> under the reset-at-recycler policy).</param>
public sealed record MissingStage(string Lot, string Stage);

/// <summary>A compliance answer; serialises with the keys of <c>magloop trace comply --json</c>.</summary>
/// <param name="Lot">The lot.</param>
/// <param name="Rule">Rule name.</param>
/// <param name="RecycledPolicy">Policy applied.</param>
/// <param name="Verdict">Verdict.</param>
/// <param name="Offending">Stages in covered countries.</param>
/// <param name="Missing">Stages not declared.</param>
/// <param name="Sources">Source lots examined.</param>
public sealed record ComplianceResult(string Lot, string Rule, RecycledPolicy RecycledPolicy, Verdict Verdict,
    IReadOnlyList<OffendingStage> Offending, IReadOnlyList<MissingStage> Missing, int Sources);

/// <summary>
/// Evaluates an origin rule on a lot. For each source lot (share &gt; 0) and each checked stage, the countries of
/// that stage are those declared on the source (subject to the recycled policy) and on every lot on a path from
/// the source to the queried lot (the hub declares where it melted and produced). Any covered country makes the
/// lot non-compliant. A stage is missing, making the lot undetermined, when it is declared nowhere on the path, or,
/// for recycled sources under require-upstream, when the source itself does not declare it.
/// </summary>
public static class ComplianceCheck
{
    /// <summary>Evaluates <paramref name="rule"/> on <paramref name="lot"/>.</summary>
    public static ComplianceResult Evaluate(ILotGraph graph, string lot, ComplianceRule rule, RecycledPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var sub = Genealogy.Ancestors(graph, lot);
        var share = Genealogy.BackwardShares(sub);
        var parents = sub.Links.Select(l => l.ToLot).ToHashSet(StringComparer.Ordinal);
        var children = sub.Links.GroupBy(l => l.FromLot, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(l => l.ToLot).ToList(), StringComparer.Ordinal);

        // Downstream declarations of each lot: the stages declared on every lot between it and the target.
        var downstream = new Dictionary<string, HashSet<(string Lot, OriginStage Stage, string Country)>>(StringComparer.Ordinal);
        foreach (var info in sub.Lots.Values.OrderByDescending(l => l.CreatedSeq))
        {
            var set = new HashSet<(string, OriginStage, string)>();
            foreach (var child in children.GetValueOrDefault(info.Lot) ?? [])
            {
                if (downstream.TryGetValue(child, out var below)) set.UnionWith(below);
                if (sub.Lots.TryGetValue(child, out var c))
                    foreach (var (stage, country) in c.MasterData.Stages) set.Add((child, stage, country));
            }

            downstream[info.Lot] = set;
        }

        var offending = new HashSet<OffendingStage>();
        var missing = new HashSet<MissingStage>();
        var sources = sub.Lots.Values.Where(l => !parents.Contains(l.Lot) && share.GetValueOrDefault(l.Lot) > 0).ToList();
        foreach (var source in sources)
        {
            var data = source.MasterData;
            var reset = policy == RecycledPolicy.ResetAtRecycler && data.MaterialClass is { } mc && MaterialClasses.IsRecycled(mc);
            var declared = downstream[source.Lot].ToList();
            if (reset)
            {
                if (data.RecoveredIn is { } recovered) declared.AddRange(rule.Stages.Select(s => (source.Lot, s, recovered)));
            }
            else declared.AddRange(data.Stages.Select(p => (source.Lot, p.Key, p.Value)));

            // Recycled material under require-upstream must state the stages of the magnet it came from itself: the
            // hub's own melting and production are later stages of new material and do not tell where the old was made.
            var upstreamOwn = !reset && data.MaterialClass is { } c && MaterialClasses.IsRecycled(c);
            foreach (var stage in rule.Stages)
            {
                var countries = declared.Where(d => d.Item2 == stage).ToList();
                if (upstreamOwn ? !data.Stages.ContainsKey(stage) : countries.Count == 0)
                    missing.Add(new MissingStage(source.Lot, reset ? $"{MagLoopNamespace.StageName(stage)} ({MagLoopNamespace.RecoveredIn})" : MagLoopNamespace.StageName(stage)));
                foreach (var (declaringLot, _, country) in countries.Where(d => rule.CoveredCountries.Contains(d.Item3)))
                    offending.Add(new OffendingStage(declaringLot, MagLoopNamespace.StageName(stage), country));
            }
        }

        var verdict = offending.Count > 0 ? Verdict.NonCompliant : missing.Count > 0 ? Verdict.Undetermined : Verdict.Compliant;
        return new ComplianceResult(lot, rule.Name, policy, verdict,
            offending.OrderBy(o => o.Lot, StringComparer.Ordinal).ThenBy(o => o.Stage, StringComparer.Ordinal).ToList(),
            missing.OrderBy(m => m.Lot, StringComparer.Ordinal).ThenBy(m => m.Stage, StringComparer.Ordinal).ToList(),
            sources.Count);
    }
}
