using System.Globalization;
using System.Text.Json;
using MagLoop.Carbon;
using MagLoop.Materials.Magnets;
using MagLoop.Traceability;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Server;

/// <summary>Why no passport: the lot is unknown, or it was never shipped.</summary>
/// <param name="Status">HTTP status: 404 (an unknown lot, or one never shipped, has no passport).</param>
/// <param name="Detail">The reason in words.</param>
internal sealed record PassportRefusal(int Status, string Detail);

/// <summary>
/// Builds a lot's passport from the store: the genealogy's shares (<see cref="Genealogy"/>), recycled content
/// (<see cref="RecycledContentQuery"/>), verdicts (<see cref="ComplianceCheck"/>), the events' assays, tests and
/// energy records, and the plant plan where one is given. Pure reading: nothing is written.
/// </summary>
internal static class PassportBuilder
{
    /// <summary>The elements whose recycled share CRMA Art. 29(2) asks for (Regulation (EU) 2024/1252): Nd, Dy, Pr, Tb, B, Sm, Ni, Co.</summary>
    public static IReadOnlyList<string> Article29Elements { get; } = ["Nd", "Pr", "Dy", "Tb", "B", "Sm", "Co", "Ni"];

    private const string ElementIri = "https://pubchem.ncbi.nlm.nih.gov/element/";

    /// <summary>The tier a caller reads at: no key public; operator and quality recycler; auditor and admin authority.</summary>
    public static PassportTier TierOf(ApiKeyInfo? key) => key?.Role switch
    {
        null => PassportTier.Public,
        ApiRole.Operator or ApiRole.Quality => PassportTier.Recycler,
        _ => PassportTier.Authority,
    };

    /// <summary>The GTIN-14 and batch/lot of a lot id (an LGTIN URN or a Digital Link URI), or null.</summary>
    public static (string Gtin, string Lot)? GtinAndLot(string lot)
    {
        if (DigitalLink.Canonical(lot) is not { } canonical) return null;
        var path = canonical["https://id.gs1.org/".Length..].Split('/');
        return path.Length == 4 && path[0] == "01" && path[2] == "10" ? (path[1], Uri.UnescapeDataString(path[3])) : null;
    }

    /// <summary>
    /// The lot ids a Digital Link's GTIN and batch/lot may be stored as: the LGTIN URN for every company-prefix length
    /// (6 to 12 digits; the GTIN does not say which) and the Digital Link URI on id.gs1.org.
    /// </summary>
    public static IReadOnlyList<string> Candidates(string gtin, string batchLot)
    {
        var result = new List<string>();
        if (gtin.Length == 14 && gtin.All(char.IsAsciiDigit))
            for (var prefix = 6; prefix <= 12; prefix++)
                result.Add(LotIds.Lgtin(gtin[1..(1 + prefix)], gtin[0] + gtin[(1 + prefix)..13], batchLot));
        result.Add($"https://id.gs1.org/01/{gtin}/10/{batchLot}");
        return result;
    }

    /// <summary>The passport of <paramref name="lot"/> at <paramref name="tier"/>, or why there is none.</summary>
    public static (Passport? Passport, PassportRefusal? Refusal) Build(TraceDbContext db, string lot, PassportTier tier, ServerOptions options, string resolverBase)
    {
        var graph = new CachedLotGraph(new StoreGraph(db));
        if (graph.Lot(lot) is not { } target) return (null, new PassportRefusal(404, $"lot '{lot}' is not in the store"));

        // Shipped: packed into a shipment (a packing aggregation consumed it) or named by a shipping event.
        var touching = db.LotEvents.AsNoTracking().Where(l => l.Lot == lot).ToList();
        var touchingSeqs = touching.Select(t => t.EventSeq).ToList();
        var touchingEvents = db.Events.AsNoTracking().Where(e => touchingSeqs.Contains(e.Seq)).ToDictionary(e => e.Seq);
        var packings = touching.Where(t => t.Role == 0 && touchingEvents[t.EventSeq].Kind == nameof(EventKind.AggregationEvent)).Select(t => t.EventSeq).ToList();
        var shipping = touching.Where(t => t.Role == 2 && IsShipping(touchingEvents[t.EventSeq].BizStep)).Select(t => t.EventSeq).ToList();
        if (packings.Count == 0 && shipping.Count == 0)
            return (null, new PassportRefusal(404, $"lot '{lot}' has not been shipped: a passport is issued for a lot packed into a shipment or named by a shipping event"));
        var shipments = db.LotEvents.AsNoTracking().Where(l => packings.Contains(l.EventSeq) && l.Role == 1).Select(l => l.Lot).ToList();
        shipments.Sort(StringComparer.Ordinal);

        var sub = Genealogy.Ancestors(graph, lot);
        var share = Genealogy.BackwardShares(sub);
        var hasParents = sub.Links.Select(l => l.ToLot).ToHashSet(StringComparer.Ordinal);
        var createdSeqs = sub.Lots.Values.Select(l => l.CreatedSeq).Distinct().ToList();
        var creating = db.Events.AsNoTracking().Where(e => createdSeqs.Contains(e.Seq)).ToDictionary(e => e.Seq);
        var measurements = db.Measurements.AsNoTracking().Where(m => createdSeqs.Contains(m.EventSeq) || touchingSeqs.Contains(m.EventSeq)).ToList()
            .ToLookup(m => m.EventSeq);
        var createdBy = db.LotEvents.AsNoTracking().Where(l => createdSeqs.Contains(l.EventSeq) && l.Role == 1).ToList().ToLookup(l => l.EventSeq);
        var targetEvent = creating[target.CreatedSeq];

        var ids = GtinAndLot(lot);
        var digitalLink = ids is { } dl ? $"{resolverBase}/01/{dl.Gtin}/10/{Uri.EscapeDataString(dl.Lot)}" : null;
        var tests = Tests(touching.Where(t => t.Role is 1 or 2).Select(t => t.EventSeq).Distinct().Order(), measurements, touchingEvents);
        var mean = tests.Count == 0 ? null : new MagnetTest(null, Mean(tests, t => t.RemanenceT), Mean(tests, t => t.CoercivityHcjKAm), Mean(tests, t => t.MaxEnergyProductKJm3));
        var plan = options.Plan;

        var content = RecycledContentQuery.Of(graph, lot);
        var elements = new Dictionary<string, ElementFlow>(StringComparer.Ordinal);
        var assayed = measurements.SelectMany(g => g).Where(m => m.Type == MagLoopNamespace.MassFraction && Symbol(m.Substance) is not null)
            .Select(m => Symbol(m.Substance)!).Distinct(StringComparer.Ordinal);
        foreach (var element in Article29Elements.Concat(assayed).Distinct(StringComparer.Ordinal))
            elements[element] = Flow(sub, hasParents, element, measurements, creating);

        var identity = new PassportIdentity(lot, ids?.Gtin, ids?.Lot, Grade(mean, plan), target.MassKg, null,
            "not recorded: the events carry masses, not counts (a count would come from an EPCIS quantity in pieces or a serial list)",
            shipments, targetEvent.EventId, DateTimeOffset.FromUnixTimeMilliseconds(targetEvent.EventTimeUnixMs));

        var byElement = Article29Elements.Select(e => Content(e, elements[e], sub)).ToList();
        var recycled = new PassportRecycledContent(content.PostConsumerShare, content.PreConsumerShare, content.VirginShare, content.UnknownShare, content.RecycledShare,
            content.UnclassifiedSources, byElement,
            "Proportional allocation through the genealogy (docs/traceability.md): a lot holds its inputs in proportion to their masses; the source lots' "
            + "materialClass (ISO 14021) gives the shares by mass. By element: each source's contribution of the element is read from the nearest assay "
            + "(magloop:massFraction) on its way to this lot; an element is determined only when assays cover every contribution.");

        var compliance = new List<PassportVerdict>();
        foreach (var rule in ComplianceRule.All)
            foreach (var policy in Enum.GetValues<RecycledPolicy>())
            {
                var r = ComplianceCheck.Evaluate(graph, lot, rule, policy);
                var verdict = new PassportVerdict(rule.Name, rule.Description, Names.Of(policy), Names.Of(r.Verdict));
                compliance.Add(tier == PassportTier.Public ? verdict : verdict with { Offending = r.Offending, Missing = r.Missing });
            }

        var carbon = CarbonOf(sub, share, hasParents, creating, measurements, createdBy, plan);
        var withheld = new List<string>();
        var passport = new Passport(Passport.Version, TierName(tier), options.Time.GetUtcNow(), lot, digitalLink, identity, recycled, carbon, compliance, withheld);
        if (tier == PassportTier.Public)
        {
            withheld.AddRange(["composition", "magneticProperties", "origin", "responsibleOperator", "handling", "custody"]);
            return (passport, null);
        }

        passport = passport with
        {
            Composition = Composition(elements, plan),
            MagneticProperties = new PassportMagnetic(tests, mean, plan?.Magnets ?? [],
                (tests.Count == 0 ? "no magnet test of this lot is recorded (magloop:remanenceT, coercivityHcjKAm, maxEnergyProductKJm3 on an event that made or observed it)" : "measured: the tests recorded on events that made or observed this lot")
                + (plan is null ? "; predicted: none, the server was started without a plan (magloop serve --plan study.json)" : $"; predicted: the plan's magnet products ({plan.File}, scenario {plan.Scenario})")),
            Origin = Origin(sub, share, hasParents, creating),
            ResponsibleOperator = new PassportOperator(options.ResponsibleOperator,
                options.ResponsibleOperator is null ? "not configured: give the operator's name with magloop serve --operator NAME" : "the server's configuration (magloop serve --operator)",
                lot.StartsWith(LotIds.LgtinPrefix, StringComparison.Ordinal) ? lot[LotIds.LgtinPrefix.Length..].Split('.')[0] : null, ReadPoint(targetEvent.CanonicalJson)),
            Handling = new PassportHandling(null, null,
                "not recorded: the events hold no removal or handling instructions; CRMA Art. 28(1) asks the manufacturer of the product that holds the magnets to give them"),
        };
        if (tier == PassportTier.Recycler)
        {
            withheld.Add("custody");
            return (passport, null);
        }

        return (passport with { Custody = Custody(db, sub, packings.Concat(shipping)) }, null);
    }

    private static string TierName(PassportTier tier) => tier.ToString().ToLowerInvariant();

    private static bool IsShipping(string? bizStep) =>
        bizStep is not null && (bizStep == "shipping" || Cbv.BizStepPrefixes.Any(p => bizStep == p + "shipping"));

    private static string? Symbol(string? substance) =>
        substance is not null && substance.StartsWith(ElementIri, StringComparison.Ordinal) ? substance[ElementIri.Length..] : null;

    private static double? Mean(IReadOnlyList<MagnetTest> tests, Func<MagnetTest, double?> value)
    {
        var values = tests.Select(value).OfType<double>().ToList();
        return values.Count == 0 ? null : values.Average();
    }

    private static List<MagnetTest> Tests(IEnumerable<long> seqs, ILookup<long, MeasurementRecord> measurements, Dictionary<long, EventRecord> events)
    {
        var tests = new List<MagnetTest>();
        foreach (var seq in seqs)
        {
            var m = measurements[seq].ToList();
            double? Value(string type) => m.LastOrDefault(x => x.Type == type)?.Value;
            var test = new MagnetTest(events[seq].EventId, Value(MagLoopNamespace.RemanenceT), Value(MagLoopNamespace.CoercivityHcjKAm), Value(MagLoopNamespace.MaxEnergyProductKJm3));
            if (test.RemanenceT is not null || test.CoercivityHcjKAm is not null || test.MaxEnergyProductKJm3 is not null) tests.Add(test);
        }

        return tests;
    }

    private static PassportGrade Grade(MagnetTest? mean, PlantPlan? plan)
    {
        if (mean is { CoercivityHcjKAm: { } hcj, MaxEnergyProductKJm3: { } bh })
            return MagnetGrade.Classify(hcj, bh) is { } grade
                ? new PassportGrade(grade.ToString(), "measured", string.Create(CultureInfo.InvariantCulture,
                    $"the grade table (docs/model-magnet.md) applied to the mean measured HcJ {hcj:0} kA/m and (BH)max {bh:0} kJ/m³"))
                : new PassportGrade(null, "measured", string.Create(CultureInfo.InvariantCulture, $"the mean measured HcJ {hcj:0} kA/m and (BH)max {bh:0} kJ/m³ reach no standard grade"));
        if (plan?.Magnets is [var only])
            return new PassportGrade(only.Grade, "predicted", $"no test of this lot is recorded; the plan's predicted grade of '{only.Name}' ({plan.File})");
        return new PassportGrade(null, "none", plan is null
            ? "not in the data: no test of this lot is recorded and the server has no plan"
            : $"not in the data: no test of this lot is recorded and the plan has {plan.Magnets.Count} magnet products, not one");
    }

    /// <summary>
    /// An element's flow into the target: walking from the target towards its sources (newest lot first, as the
    /// genealogy does), a lot whose creating event assays the element ends its path and contributes
    /// (its mass share) x (the assayed fraction), which its own sources share by their mass shares; a source reached
    /// without an assay leaves its share unassayed.
    /// </summary>
    private static ElementFlow Flow(Subgraph sub, HashSet<string> hasParents, string element,
        ILookup<long, MeasurementRecord> measurements, Dictionary<long, EventRecord> creating)
    {
        var parents = sub.Links.GroupBy(l => l.ToLot, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var weight = new Dictionary<string, double>(StringComparer.Ordinal) { [sub.Target.Lot] = 1.0 };
        double known = 0, post = 0, pre = 0, unassayed = 0, assayedShare = 0;
        var unassayedSources = new List<string>();
        var assays = new List<string>();
        foreach (var lot in sub.Lots.Values.OrderByDescending(l => l.CreatedSeq))
        {
            if (!weight.TryGetValue(lot.Lot, out var w) || w <= 0) continue;
            var assay = measurements[lot.CreatedSeq].LastOrDefault(m => m.Type == MagLoopNamespace.MassFraction && Symbol(m.Substance) == element);
            if (assay is not null)
            {
                var elementKg = w * assay.Value;
                known += elementKg;
                assayedShare += w;
                assays.Add(creating[lot.CreatedSeq].EventId);
                // The assayed lot's element is shared by its sources as its mass is.
                var inner = Genealogy.BackwardShares(sub with { Target = lot });
                foreach (var (source, s) in inner)
                {
                    if (hasParents.Contains(source) || s <= 0) continue;
                    switch (sub.Lots[source].MasterData.MaterialClass)
                    {
                        case MaterialClass.PostConsumer: post += elementKg * s; break;
                        case MaterialClass.PreConsumer: pre += elementKg * s; break;
                    }
                }

                continue;
            }

            if (parents.TryGetValue(lot.Lot, out var inputs))
                foreach (var link in inputs) weight[link.FromLot] = weight.GetValueOrDefault(link.FromLot) + w * link.Fraction;
            else
            {
                unassayed += w;
                unassayedSources.Add(lot.Lot);
            }
        }

        unassayedSources.Sort(StringComparer.Ordinal);
        return new ElementFlow(known, post, pre, assayedShare, unassayed, unassayedSources, assays.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }

    // Shares below this are rounding (a sum of products of fractions), not material.
    private const double ShareTolerance = 1e-9;

    private static ElementContent Content(string element, ElementFlow flow, Subgraph sub)
    {
        if (flow.UnassayedShare > ShareTolerance)
            return new ElementContent(element, false, null, null, null, flow.AssayedShare, flow.UnassayedSources, flow.AssayEvents.Count == 0
                ? $"not in the data: no assay of {element} is recorded on the lots behind this one"
                : string.Create(CultureInfo.InvariantCulture, $"undetermined: {flow.UnassayedShare:P1} of the lot's mass comes from sources whose {element} content no assay gives"));
        if (flow.KnownKgPerKg <= 0)
            return new ElementContent(element, true, null, null, null, flow.AssayedShare, [], $"the assays find no {element}: no share to give");
        return new ElementContent(element, true, flow.PostKgPerKg / flow.KnownKgPerKg, flow.PreKgPerKg / flow.KnownKgPerKg, (flow.PostKgPerKg + flow.PreKgPerKg) / flow.KnownKgPerKg,
            flow.AssayedShare, [], $"from {flow.AssayEvents.Count} assay(s) of {element} covering every source of the lot ({sub.Lots.Count - 1} lots behind it)");
    }

    private static PassportComposition Composition(Dictionary<string, ElementFlow> elements, PlantPlan? plan)
    {
        var measured = elements.Where(e => e.Value.AssayEvents.Count > 0).OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new ElementFraction(e.Key, e.Value.UnassayedShare > ShareTolerance ? null : e.Value.KnownKgPerKg, e.Value.KnownKgPerKg, e.Value.AssayedShare, e.Value.AssayEvents))
            .ToList();
        var predicted = plan?.Magnets is [var only] ? only.CompositionWtPct : null;
        var source = plan is null ? "none: the server was started without a plan (magloop serve --plan study.json)"
            : predicted is null ? $"none: the plan has {plan.Magnets.Count} magnet products, not one"
            : $"the plan's predicted composition of '{plan.Magnets[0].Name}' (cut block, wt%; {plan.File}, scenario {plan.Scenario})";
        return new PassportComposition(measured, predicted, source, null,
            "not recorded: the events name no coating (the demo's coating step has no lot of its own)",
            "each element's mass fraction through the genealogy from the nearest assays (magloop:massFraction on the event that made a lot); "
            + "null where part of the lot's material has no assay of the element (assayedMassFraction is then a lower bound)");
    }

    private static PassportOrigin Origin(Subgraph sub, IReadOnlyDictionary<string, double> share, HashSet<string> hasParents, Dictionary<long, EventRecord> creating)
    {
        static Dictionary<string, string> Stages(LotInfo l) => l.MasterData.Stages.OrderBy(p => p.Key).ToDictionary(p => MagLoopNamespace.StageName(p.Key), p => p.Value);
        var sources = sub.Lots.Values.Where(l => l.Lot != sub.Target.Lot && !hasParents.Contains(l.Lot))
            .Select(l => new PassportSource(l.Lot, share.GetValueOrDefault(l.Lot), share.GetValueOrDefault(l.Lot) * sub.Target.MassKg,
                l.MasterData.MaterialClass is { } c ? MaterialClasses.Name(c) : null, Stages(l), l.MasterData.RecoveredIn, creating[l.CreatedSeq].EventId))
            .OrderByDescending(s => s.Share).ThenBy(s => s.Lot, StringComparer.Ordinal).ToList();
        var declarations = sub.Lots.Values.Where(l => hasParents.Contains(l.Lot) && l.MasterData.Stages.Count > 0)
            .OrderBy(l => l.CreatedSeq).Select(l => new StageDeclaration(l.Lot, Stages(l))).ToList();
        return new PassportOrigin(sources, declarations);
    }

    private static PassportCarbon CarbonOf(Subgraph sub, IReadOnlyDictionary<string, double> share, HashSet<string> hasParents, Dictionary<long, EventRecord> creating,
        ILookup<long, MeasurementRecord> measurements, ILookup<long, LotEventRecord> createdBy, PlantPlan? plan)
    {
        var transformations = sub.Lots.Values.Where(l => hasParents.Contains(l.Lot)).Select(l => l.CreatedSeq).Distinct()
            .Where(s => creating[s].Kind == nameof(EventKind.TransformationEvent)).Order().ToList();
        var withEnergy = transformations.Count(s => measurements[s].Any(m => m.Type == MagLoopNamespace.ElectricityKWh));
        var planFigure = plan?.KgCo2ePerKgMagnet;
        var planBasis = plan is null ? "" : string.Create(CultureInfo.InvariantCulture,
            $"the plan's footprint per kg of finished magnet ({plan.File}, scenario {plan.Scenario}, carbon.kgCo2ePerKgMagnet {plan.KgCo2ePerKgMagnet:0.###}). The study's method: {plan.CarbonMethod}");

        string? missing = null;
        if (transformations.Count == 0) missing = "no transformation is recorded behind this lot";
        else if (withEnergy < transformations.Count) missing = $"{withEnergy} of the {transformations.Count} transformations behind this lot carry an electricity record (magloop:electricityKWh); as made needs all";
        var gases = transformations.SelectMany(s => measurements[s]).Where(m => PlantPlan.GasFactorKeys.ContainsKey(m.Type)).Select(m => m.Type).Distinct(StringComparer.Ordinal).ToList();
        if (missing is null && gases.Count > 0 && (plan is null || gases.Any(g => !plan.GasKgCo2ePerKg.ContainsKey(g))))
            missing = $"the events record {string.Join(", ", gases)}, whose factors are the study's: the server needs a plan with them (magloop serve --plan study.json)";

        if (missing is not null)
            return plan is null
                ? new PassportCarbon(null, "not-available", $"not in the data: {missing}, and the server has no plan (magloop serve --plan study.json)", null, transformations.Count, withEnergy, [])
                : new PassportCarbon(planFigure, "plan", $"{missing}; so {planBasis}", planFigure, transformations.Count, withEnergy, []);

        // As made: each transformation's electricity and gases, divided over its outputs by mass, times the share of
        // this lot that came from each output.
        var us = GridFactors.Find(GridFactors.UsAverage)!;
        var electricity = plan?.ElectricityKgCo2ePerKWh is { } planGrid
            ? (planGrid, $"the plan's grid factors averaged over its sites by their electricity ({plan.File})")
            : (us.KgCo2ePerKWh, $"US average grid factor: {us.Source} (no plan given)");
        var lines = new List<CarbonLine>();
        foreach (var seq in transformations)
        {
            var outputs = createdBy[seq].ToList();
            var outputKg = outputs.Sum(o => o.MassKg);
            var lotShare = outputs.Sum(o => share.GetValueOrDefault(o.Lot));
            if (outputKg <= 0 || lotShare <= 0) continue;
            foreach (var m in measurements[seq])
            {
                (double Factor, string Source)? factor = m.Type == MagLoopNamespace.ElectricityKWh ? electricity
                    : plan is not null && PlantPlan.GasFactorKeys.TryGetValue(m.Type, out var key) ? (plan.GasKgCo2ePerKg[m.Type], $"the plan's {key} ({plan.File})")
                    : null;
                if (factor is not { } f) continue;
                lines.Add(new CarbonLine(creating[seq].EventId, m.Type, m.Value, f.Factor, f.Source, m.Value * f.Factor * lotShare / outputKg));
            }
        }

        var virgin = sub.Lots.Values.Where(l => !hasParents.Contains(l.Lot) && l.MasterData.MaterialClass == MaterialClass.Virgin).Sum(l => share.GetValueOrDefault(l.Lot));
        var freshNote = "";
        if (virgin > 0 && plan?.FreshRareEarthKgCo2ePerKg is { } fresh)
            lines.Add(new CarbonLine(sub.Target.Lot, "freshRareEarthKg", virgin, fresh, $"the plan's fresh rare earth factor ({plan.File})", virgin * fresh));
        else if (virgin > 0) freshNote = " Virgin sources' own footprint is not included: it needs the plan's fresh rare earth factor.";
        return new PassportCarbon(lines.Sum(l => l.KgCo2ePerKgLot), "as-made",
            "as made: the electricity and gases recorded on every transformation behind this lot, each divided over the transformation's outputs by mass "
            + "(ISO 14044 physical allocation) and carried along the genealogy's shares; scrap burden-free (cut-off, as the study); transport and consumables not recorded." + freshNote,
            planFigure, transformations.Count, withEnergy, lines);
    }

    private static PassportCustody Custody(TraceDbContext db, Subgraph sub, IEnumerable<long> shippingSeqs)
    {
        var lots = sub.Lots.Keys.ToList();
        var seqs = db.LotEvents.AsNoTracking().Where(l => lots.Contains(l.Lot)).Select(l => l.EventSeq).Distinct().ToList();
        seqs.AddRange(shippingSeqs);
        var all = seqs.Distinct().ToList();
        var events = db.Events.AsNoTracking().Where(e => all.Contains(e.Seq)).OrderBy(e => e.Seq).ToList()
            .Select(e => new CustodyEvent(e.Seq, e.EventId, e.Kind, e.BizStep, DateTimeOffset.FromUnixTimeMilliseconds(e.EventTimeUnixMs), Canonical.Sha256Hex(e.CanonicalJson), e.ChainHashHex)).ToList();
        var head = Convert.ToHexStringLower(db.Events.AsNoTracking().OrderByDescending(e => e.Seq).Select(e => e.ChainHash).First());
        return new PassportCustody(events, head, "/ledger/verify");
    }

    private static string? ReadPoint(string canonicalJson)
    {
        using var doc = JsonDocument.Parse(canonicalJson);
        return Access.LocationId(doc.RootElement, "readPoint") ?? Access.LocationId(doc.RootElement, "bizLocation");
    }

    private sealed record ElementFlow(double KnownKgPerKg, double PostKgPerKg, double PreKgPerKg, double AssayedShare, double UnassayedShare,
        IReadOnlyList<string> UnassayedSources, IReadOnlyList<string> AssayEvents);
}
