using System.Globalization;
using System.Text;
using MagLoop.Traceability;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;
using static MagLoop.Server.Pages.Html;

namespace MagLoop.Server.Pages;

/// <summary>The pages themselves. Each returns its status and HTML; a lot the key may not see answers as a lot that does not exist (404).</summary>
internal static class LotPages
{
    /// <summary>Most lots a search shows: a page a person reads (the count above the table says how many matched); narrow the search for more.</summary>
    private const int MaxRows = 200;

    /// <summary>Capture jobs on the dashboard: the last few, to see that today's documents went in; the API lists them all (GET /capture).</summary>
    private const int RecentJobs = 10;

    // ---- dashboard ----

    /// <summary>Lots holding material by last business step and site, recent captures, compliance of shipped lots, the ledger.</summary>
    public static string Dashboard(PageContext p)
    {
        var b = new StringBuilder("<h1>Dashboard</h1>");
        var visible = p.Facts.Values.Where(f => Access.MaySee(p.Key, f.Locations)).ToList();
        var masses = p.Db.Lots.AsNoTracking().Select(l => new { l.Lot, l.MassKg }).ToDictionary(l => l.Lot, l => l.MassKg, StringComparer.Ordinal);
        var consumed = p.Db.LotEvents.AsNoTracking().Where(l => l.Role == 0).GroupBy(l => l.Lot).Select(g => new { Lot = g.Key, Kg = g.Sum(l => l.MassKg) })
            .ToDictionary(g => g.Lot, g => g.Kg, StringComparer.Ordinal);

        // A lot holds material while some of its mass is not consumed; packed lots and their shipments are counted apart.
        var containers = p.Facts.Values.SelectMany(f => f.Parents).ToHashSet(StringComparer.Ordinal);
        var holding = visible.Where(f => !f.Shipped && !containers.Contains(f.Lot) && masses.TryGetValue(f.Lot, out var kg) && kg - consumed.GetValueOrDefault(f.Lot) > 0.05).ToList();
        var sites = holding.Select(f => SiteOf(f.LastLocation)).Distinct().Order(StringComparer.Ordinal).ToList();
        // The stage of a lot is its product: the GTIN of an LGTIN (the plant gives each stage's material its own item
        // reference: scrap, powder, blend, block, magnets); the latest business step says what last happened to it.
        var stages = holding.GroupBy(f => ProductOf(f.Lot)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        b.Append("<section aria-labelledby=\"in-process\"><h2 id=\"in-process\">Lots in process</h2>")
            .Append("<p>Lots with mass not yet consumed, by product (the GTIN of the lot's LGTIN) and the site of their latest event (lots, kg available). Shipped lots are below.</p>");
        b.Append(Table("Lots holding material", ["product", "last steps", .. sites.Select(s => s + "#")],
            stages.Select(g => (IReadOnlyList<string>)[$"<span class=\"id\">{E(g.Key)}</span>",
                E(string.Join(", ", g.Select(f => ShortStep(f.LastBizStep)).Distinct().Order(StringComparer.Ordinal))), .. sites.Select(site =>
            {
                var here = g.Where(f => SiteOf(f.LastLocation) == site).ToList();
                return here.Count == 0 ? "" : $"{here.Count} · {N(here.Sum(f => masses[f.Lot] - consumed.GetValueOrDefault(f.Lot)))} kg";
            })]), "in-process-table"));
        b.Append("</section>");

        // Recent captures: an operator sees its own key's jobs, the other roles every job.
        var jobs = p.Db.CaptureJobs.AsNoTracking().Where(j => p.Key.Role != ApiRole.Operator || j.KeyId == p.Key.Id)
            .OrderByDescending(j => j.CreatedUnixMs).Take(RecentJobs).ToList();
        b.Append("<section aria-labelledby=\"captures\"><h2 id=\"captures\">Recent captures</h2>");
        b.Append(Table(p.Key.Role == ApiRole.Operator ? "Capture jobs of this key, newest first" : "Capture jobs, newest first", ["capture", "submitted", "state", "events appended#", "duplicates#"],
            jobs.Select(j => (IReadOnlyList<string>)[$"<span class=\"id\">{E(j.Id)}</span>", E(Time(j.CreatedUnixMs)),
                j.Running ? "running" : j.Success ? "stored" : "<span class=\"error\">refused</span>", j.Appended.ToString(CultureInfo.InvariantCulture), j.Duplicates.ToString(CultureInfo.InvariantCulture)])));
        b.Append("</section>");

        var shipped = visible.Where(f => f.Shipped).Select(f => f.Lot).Order(StringComparer.Ordinal).ToList();
        b.Append("<section aria-labelledby=\"glance\"><h2 id=\"glance\">Compliance at a glance</h2>")
            .Append(CultureInfo.InvariantCulture, $"<p>Verdicts of the {shipped.Count} shipped lots this key may see, per rule and recycled-input policy.</p>");
        var graph = new CachedLotGraph(new StoreGraph(p.Db));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var rule in ComplianceRule.All)
            foreach (var policy in Enum.GetValues<RecycledPolicy>())
            {
                var verdicts = shipped.Select(l => ComplianceCheck.Evaluate(graph, l, rule, policy).Verdict).ToList();
                rows.Add([$"<a href=\"/ui/compliance?rule={U(rule.Name)}&amp;policy={U(Names.Of(policy))}\">{E(rule.Name)}</a>", E(Names.Of(policy)),
                    verdicts.Count(v => v == Verdict.Compliant).ToString(CultureInfo.InvariantCulture),
                    verdicts.Count(v => v == Verdict.NonCompliant).ToString(CultureInfo.InvariantCulture),
                    verdicts.Count(v => v == Verdict.Undetermined).ToString(CultureInfo.InvariantCulture)]);
            }

        b.Append(Table("Shipped lots by verdict", ["rule", "recycled policy", "compliant#", "non-compliant#", "undetermined#"], rows, "glance-table")).Append("</section>");

        b.Append("<section aria-labelledby=\"ledger\"><h2 id=\"ledger\">Ledger</h2>").Append(LedgerSummary(p)).Append("</section>");
        return Page("Dashboard", p.Key, b.ToString());
    }

    private static string LedgerSummary(PageContext p)
    {
        using var store = TraceStore.OpenReadOnly(p.State.Database);
        var r = store.Verify();
        var state = r.Intact
            ? "<span class=\"verdict-compliant\">intact</span>"
            : $"<span class=\"verdict-non-compliant\">broken</span> at position {r.FirstBadSeq} (event <span class=\"id\">{E(r.FirstBadEventId)}</span>): {E(r.Reason)}";
        return $"<p>Hash chain {state}: {r.Events.ToString("N0", CultureInfo.InvariantCulture)} events re-hashed and every projection rebuilt just now. "
            + $"Head chain hash <span class=\"id\">{E(r.HeadChainHash)}</span> (publish it elsewhere to detect a truncation later). <a href=\"/ui/ledger\">Ledger details</a></p>";
    }

    /// <summary>The ledger's verification.</summary>
    public static string Ledger(PageContext p) => Page("Ledger", p.Key, "<h1>Ledger</h1>" + LedgerSummary(p)
        + "<p>Every event is stored with the SHA-256 of its canonical form and a chain hash over the previous one; verification re-derives both for every event "
        + "and rebuilds the lot, link and measurement tables from the events, so an edit anywhere is found (docs/traceability.md, \"Storage and the tamper-evident ledger\").</p>");

    // ---- search ----

    /// <summary>Lot search by lot id, epcClass, customer order and time of the lot's first event.</summary>
    public static (int, string) Search(PageContext p)
    {
        string? lot = p.Query("lot"), epcClass = p.Query("epcClass"), order = p.Query("order"), fromText = p.Query("from"), toText = p.Query("to");
        var errors = new List<string>();
        var from = ParseTime(fromText, "from", errors);
        var to = ParseTime(toText, "to", errors);
        if (from is not null && to is not null && from >= to) errors.Add("from: must be before to");
        var b = new StringBuilder("<h1>Lots</h1>");
        b.Append("<form class=\"search\" method=\"get\" action=\"/ui/lots\" role=\"search\" aria-label=\"Lot search\">")
            .Append(Field("lot", "Lot id contains", lot)).Append(Field("epcClass", "epcClass (exact, or ending in *)", epcClass))
            .Append(Field("order", "Customer order (business transaction)", order))
            .Append(Field("from", "First event from (UTC, yyyy-mm-ddThh:mm)", fromText)).Append(Field("to", "First event before (UTC)", toText))
            .Append("<div><button type=\"submit\">Search</button></div></form>");
        if (errors.Count > 0)
        {
            b.Append("<ul class=\"error\" role=\"alert\">").Append(string.Concat(errors.Select(e => $"<li>{E(e)}</li>"))).Append("</ul>");
            return (400, Page("Lots", p.Key, b.ToString()));
        }

        var found = p.Facts.Values.Where(f => Access.MaySee(p.Key, f.Locations))
            .Where(f => lot is null || f.Lot.Contains(lot, StringComparison.OrdinalIgnoreCase))
            .Where(f => epcClass is null || (epcClass.EndsWith('*') ? f.Lot.StartsWith(epcClass[..^1], StringComparison.Ordinal) : f.Lot == epcClass))
            .Where(f => order is null || f.Transactions.Any(t => t.Contains(order, StringComparison.OrdinalIgnoreCase)))
            .Where(f => from is null || f.FirstEventUnixMs >= from).Where(f => to is null || f.FirstEventUnixMs < to)
            .OrderByDescending(f => f.FirstEventUnixMs).ThenBy(f => f.Lot, StringComparer.Ordinal).ToList();
        var masses = found.Count == 0 ? [] : MassesOf(p, found.Take(MaxRows).Select(f => f.Lot).ToList());
        b.Append(CultureInfo.InvariantCulture, $"<p id=\"result-count\">{found.Count} lots{(found.Count > MaxRows ? $", the newest {MaxRows} shown" : "")}.</p>");
        b.Append(Table("Lots found, newest first", ["lot", "first event", "last step", "site", "mass kg#", "shipped"],
            found.Take(MaxRows).Select(f => (IReadOnlyList<string>)[LotLink(f.Lot), E(Time(f.FirstEventUnixMs)), E(ShortStep(f.LastBizStep)), $"<span class=\"id\">{E(SiteOf(f.LastLocation))}</span>",
                N(masses.GetValueOrDefault(f.Lot)), f.Shipped ? PassportLink(f.Lot) : ""]), "results"));
        return (200, Page("Lots", p.Key, b.ToString()));
    }

    private static string Field(string name, string label, string? value) =>
        $"<div><label for=\"{name}\">{E(label)}</label><input type=\"text\" id=\"{name}\" name=\"{name}\" value=\"{E(value)}\"></div>";

    private static long? ParseTime(string? text, string name, List<string> errors)
    {
        if (text is null) return null;
        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeMilliseconds();
        errors.Add($"{name}: '{text}' is not a time (yyyy-mm-ddThh:mm, UTC)");
        return null;
    }

    private static Dictionary<string, double> MassesOf(PageContext p, List<string> lots) =>
        p.Db.Lots.AsNoTracking().Where(l => lots.Contains(l.Lot)).Select(l => new { l.Lot, l.MassKg }).ToDictionary(l => l.Lot, l => l.MassKg, StringComparer.Ordinal);

    private static string PassportLink(string lot) => $"<a href=\"/passports/{U(lot)}\">passport</a>";

    // ---- lot ----

    private static (int, string) NotFound(PageContext p, string lot) =>
        (404, Page("Lot not found", p.Key, $"<h1>Lot not found</h1><p>No lot <span class=\"id\">{E(lot)}</span> that this key may see. <a href=\"/ui/lots\">Search lots</a></p>"));

    /// <summary>One lot: its master data, recycled content and verdicts, events, measurements and the mass balance of every transformation behind it and after it.</summary>
    public static (int, string) Lot(PageContext p, string id)
    {
        var graph = new CachedLotGraph(new StoreGraph(p.Db));
        var lot = graph.Lot(id);
        if (lot is null || !p.MaySee(id)) return NotFound(p, id);
        var facts = p.Facts.GetValueOrDefault(id);
        var rows = p.Db.LotEvents.AsNoTracking().Where(l => l.Lot == id).ToList();
        var consumedKg = rows.Where(r => r.Role == 0).Sum(r => r.MassKg);
        var m = lot.MasterData;
        var b = new StringBuilder();
        b.Append("<h1>Lot <span class=\"id\">").Append(E(id)).Append("</span></h1>");
        b.Append("<p><a href=\"/ui/lots/").Append(U(id)).Append("/genealogy\">Genealogy</a> · <a href=\"/ui/recall?lot=").Append(U(id)).Append("\">Recall from this lot</a>");
        if (facts?.Shipped == true) b.Append(" · ").Append(PassportLink(id));
        b.Append("</p>");
        var summary = new List<IReadOnlyList<string>>
        {
            new[] { "mass created", N(lot.MassKg) + " kg" },
            new[] { "consumed since", N(consumedKg) + " kg" },
            new[] { "available", N(lot.MassKg - consumedKg) + " kg" },
            new[] { "material class", E(m.MaterialClass is { } mc ? MaterialClasses.Name(mc) : "not declared") },
            new[] { "origin stages", m.Stages.Count == 0 ? "none declared" : E(string.Join(", ", m.Stages.OrderBy(s => s.Key).Select(s => $"{MagLoopNamespace.StageName(s.Key)} {s.Value}"))) },
            new[] { "recovered in", E(m.RecoveredIn ?? "not declared") },
            new[] { "shipments", facts is { Shipped: true } ? string.Join(", ", facts.Parents.Select(s => $"<span class=\"id\">{E(s)}</span>")) : "none" },
        };
        b.Append(ScrollBox("Lot")).Append("<table id=\"lot-summary\"><caption>Lot</caption><tbody>")
            .Append(string.Concat(summary.Select(r => $"<tr><th scope=\"row\">{E(r[0])}</th><td>{r[1]}</td></tr>"))).Append("</tbody></table></div>");

        // Recycled content and the verdicts as the lot API gives them (/lots/{id}/content, /compliance).
        var content = RecycledContentQuery.Of(graph, id);
        b.Append("<h2>Recycled content and compliance</h2>").Append(Table("Recycled content by mass (ISO 14021)", ["post-consumer#", "pre-consumer#", "virgin#", "not declared#", "recycled#"],
            [[Pct(content.PostConsumerShare), Pct(content.PreConsumerShare), Pct(content.VirginShare), Pct(content.UnknownShare), Pct(content.RecycledShare)]], "content"));
        b.Append(Table("Verdicts", ["rule", "recycled policy", "verdict"], ComplianceRule.All.SelectMany(rule => Enum.GetValues<RecycledPolicy>().Select(policy =>
        {
            var verdict = Names.Of(ComplianceCheck.Evaluate(graph, id, rule, policy).Verdict);
            return (IReadOnlyList<string>)[$"<a href=\"/ui/compliance?rule={U(rule.Name)}&amp;policy={U(Names.Of(policy))}\">{E(rule.Name)}</a>", E(Names.Of(policy)),
                $"<span class=\"verdict-{verdict}\">{E(verdict)}</span>"];
        })), "verdicts"));

        var seqs = rows.Select(r => r.EventSeq).Distinct().ToList();
        var events = p.Db.Events.AsNoTracking().Where(e => seqs.Contains(e.Seq)).OrderBy(e => e.Seq).ToList();
        b.Append("<h2>Events</h2>").Append(Table("Events that touched the lot, in ledger order", ["time", "event", "step", "location", "role", "kg#", "eventID"],
            events.Select(e =>
            {
                var own = rows.Where(r => r.EventSeq == e.Seq).ToList();
                return (IReadOnlyList<string>)[E(Time(e.EventTimeUnixMs)), E(e.Kind), E(ShortStep(e.BizStep)), $"<span class=\"id\">{E(LocationOf(e))}</span>",
                    E(string.Join(", ", own.Select(r => RoleName(r.Role)))), N(own.Sum(r => r.MassKg)), $"<span class=\"id\">{E(e.EventId)}</span>"];
            }), "events"));

        var measurements = p.Db.Measurements.AsNoTracking().Where(x => seqs.Contains(x.EventSeq)).OrderBy(x => x.EventSeq).ThenBy(x => x.Ordinal).ToList();
        var timeOf = events.ToDictionary(e => e.Seq, e => e.EventTimeUnixMs);
        b.Append("<h2>Measurements</h2>").Append(Table("Assays and magnet tests recorded on the lot's events", ["time", "quantity", "substance", "value#", "unit"],
            measurements.Select(x => (IReadOnlyList<string>)[E(Time(timeOf[x.EventSeq])), E(ShortType(x.Type)), E(x.Substance ?? ""), E(x.Value.ToString("G6", CultureInfo.InvariantCulture)), E(x.Uom ?? "")]),
            "measurements"));

        b.Append("<h2>Mass balance</h2><p>Every transformation the lot's material passed: those that made its ancestors and the lot, and those that consumed it. "
            + "Loss is input less output (material that left no lot: off-gas, dust, residue not recorded as a lot).</p>");
        b.Append(MassBalance(p, graph, id, seqs));
        return (200, Page("Lot " + id, p.Key, b.ToString()));
    }

    private static string MassBalance(PageContext p, ILotGraph graph, string id, List<long> ownSeqs)
    {
        var ancestors = Traceability.Genealogy.Ancestors(graph, id);
        var seqs = ancestors.Lots.Values.Select(l => l.CreatedSeq).Concat(ownSeqs).Distinct().ToList();
        var events = p.Db.Events.AsNoTracking().Where(e => seqs.Contains(e.Seq) && e.Kind == "TransformationEvent").OrderBy(e => e.Seq).ToList();
        var eventSeqs = events.Select(e => e.Seq).ToList();
        var rows = p.Db.LotEvents.AsNoTracking().Where(l => eventSeqs.Contains(l.EventSeq)).ToList().ToLookup(l => l.EventSeq);
        var hidden = 0;
        var table = new List<IReadOnlyList<string>>();
        foreach (var e in events)
        {
            var lots = rows[e.Seq].ToList();
            // An operator sees the transformations at its site: another site's inputs and outputs are its data.
            if (!Access.MaySee(p.Key, [LocationOf(e)]))
            {
                hidden++;
                continue;
            }

            var inKg = lots.Where(l => l.Role == 0).Sum(l => l.MassKg);
            var outKg = lots.Where(l => l.Role == 1).Sum(l => l.MassKg);
            string List(int role) => string.Join("<br>", lots.Where(l => l.Role == role).OrderBy(l => l.Lot, StringComparer.Ordinal).Select(l => $"{p.LotOrHidden(l.Lot)} {N(l.MassKg)} kg"));
            // Rounded, then + 0.0: a loss that rounds to nothing reads 0.0, not -0.0.
            table.Add([E(Time(e.EventTimeUnixMs)), List(0), List(1), N(inKg), N(outKg), N(Math.Round(inKg - outKg, 1) + 0.0), inKg > 0 ? Pct(outKg / inKg) : ""]);
        }

        return Table("Transformations", ["time", "inputs", "outputs", "in kg#", "out kg#", "loss kg#", "yield#"], table, "mass-balance")
            + (hidden > 0 ? $"<p>{hidden} transformations at other sites are not shown to this key.</p>" : "");
    }

    // ---- genealogy ----

    /// <summary>Backward and forward genealogy as SVG graphs with shares on the edges, and as tables.</summary>
    public static (int, string) Genealogy(PageContext p, string id)
    {
        var graph = new CachedLotGraph(new StoreGraph(p.Db));
        if (graph.Lot(id) is null || !p.MaySee(id)) return NotFound(p, id);
        var backward = Traceability.Genealogy.Ancestors(graph, id);
        var forward = Traceability.Genealogy.Descendants(graph, id);
        var b = new StringBuilder();
        b.Append("<h1>Genealogy of <span class=\"id\">").Append(E(id)).Append("</span></h1><p>").Append(LotLink(id)).Append("</p>");
        b.Append("<h2>Where its material came from</h2><p>Each edge carries the share of the later lot's inputs, by mass, that the earlier lot gave. ")
            .Append("Source lots are coloured by material class; the band at their left edge tells where their stages took place.</p>");
        b.Append(GenealogySvg.Render(backward, GenealogyDirection.Backward, p.MaySee, "backward"));
        b.Append(GenealogySvg.Legend());
        var back = Traceability.Genealogy.Backward(graph, id);
        b.Append(Table("Ancestors with their share of this lot", ["lot", "share#", "kg#", "steps#", "source"],
            back.Lots.Select(l => (IReadOnlyList<string>)[p.LotOrHidden(l.Lot), Pct(l.Share), N(l.Kg), l.Depth.ToString(CultureInfo.InvariantCulture), l.Source ? "source" : ""]), "backward-table"));
        b.Append("<h2>Where its material went</h2>");
        b.Append(GenealogySvg.Render(forward, GenealogyDirection.Forward, p.MaySee, "forward"));
        var fwd = Traceability.Genealogy.Forward(graph, id);
        b.Append(Table("Descendants with the share of their mass from this lot", ["lot", "share#", "kg#", "steps#", "end lot"],
            fwd.Lots.Select(l => (IReadOnlyList<string>)[p.LotOrHidden(l.Lot), Pct(l.Share), N(l.Kg), l.Depth.ToString(CultureInfo.InvariantCulture), l.Source ? "end" : ""]), "forward-table"));
        return (200, Page("Genealogy of " + id, p.Key, b.ToString()));
    }

    // ---- recall ----

    /// <summary>Every lot and shipment holding material from a chosen source lot.</summary>
    public static (int, string) Recall(PageContext p)
    {
        var id = p.Query("lot");
        var b = new StringBuilder("<h1>Recall</h1>");
        b.Append("<form class=\"search\" method=\"get\" action=\"/ui/recall\" aria-label=\"Recall\">").Append(Field("lot", "Source lot", id))
            .Append("<div><button type=\"submit\">Find every lot and shipment</button></div></form>");
        if (id is null) return (200, Page("Recall", p.Key, b.ToString()));
        var graph = new CachedLotGraph(new StoreGraph(p.Db));
        if (graph.Lot(id) is null || !p.MaySee(id))
        {
            b.Append("<p class=\"error\" role=\"alert\">No lot <span class=\"id\">").Append(E(id)).Append("</span> that this key may see.</p>");
            return (404, Page("Recall", p.Key, b.ToString()));
        }

        var forward = Traceability.Genealogy.Forward(graph, id);
        var visible = forward.Lots.Where(l => p.MaySee(l.Lot)).ToList();
        var hidden = forward.Lots.Count - visible.Count;
        b.Append("<h2>Lots</h2>").Append(CultureInfo.InvariantCulture, $"<p>{forward.Lots.Count} lots hold material of {LotLink(id)}")
            .Append(hidden > 0 ? $"; {hidden} of them are at other sites and not shown to this key" : "").Append(".</p>");
        b.Append(Table("Lots holding material of the source lot", ["lot", "share of its mass#", "kg from the source#", "steps#"],
            visible.Select(l => (IReadOnlyList<string>)[LotLink(l.Lot), Pct(l.Share), N(l.Kg), l.Depth.ToString(CultureInfo.InvariantCulture)]), "recall-lots"));

        var packed = new[] { new GenealogyLot(id, 1, graph.Lot(id)!.MassKg, 0, false) }.Concat(visible)
            .SelectMany(l => (p.Facts.GetValueOrDefault(l.Lot)?.Parents ?? []).Select(s => (Shipment: s, Lot: l))).OrderBy(x => x.Shipment, StringComparer.Ordinal).ToList();
        b.Append("<h2>Shipments</h2>").Append(Table("Shipments holding material of the source lot", ["shipment", "lot packed", "kg from the source#", "passport"],
            packed.Select(x => (IReadOnlyList<string>)[$"<span class=\"id\">{E(x.Shipment)}</span>", LotLink(x.Lot.Lot), N(x.Lot.Kg), PassportLink(x.Lot.Lot)]), "recall-shipments"));
        return (200, Page("Recall from " + id, p.Key, b.ToString()));
    }

    // ---- compliance ----

    /// <summary>The verdict of every shipped lot the key may see under one rule and recycled-input policy.</summary>
    public static (int, string) Compliance(PageContext p)
    {
        var ruleName = p.Query("rule") ?? ComplianceRule.DfarsCurrent.Name;
        var policyName = p.Query("policy") ?? Names.Of(RecycledPolicy.RequireUpstream);
        var rule = ComplianceRule.Find(ruleName);
        var policy = Names.ParsePolicy(policyName);
        var b = new StringBuilder("<h1>Compliance</h1>");
        b.Append("<form class=\"search\" method=\"get\" action=\"/ui/compliance\" aria-label=\"Rule and policy\">")
            .Append("<div><label for=\"rule\">Rule</label><select id=\"rule\" name=\"rule\">")
            .Append(string.Concat(ComplianceRule.All.Select(r => $"<option value=\"{E(r.Name)}\"{(r.Name == ruleName ? " selected" : "")}>{E(r.Name)}</option>"))).Append("</select></div>")
            .Append("<div><label for=\"policy\">Recycled-input policy</label><select id=\"policy\" name=\"policy\">")
            .Append(string.Concat(Enum.GetValues<RecycledPolicy>().Select(x => Names.Of(x)).Select(n => $"<option value=\"{E(n)}\"{(n == policyName ? " selected" : "")}>{E(n)}</option>")))
            .Append("</select></div><div><button type=\"submit\">Show</button></div></form>");
        if (rule is null || policy is null)
        {
            b.Append("<p class=\"error\" role=\"alert\">").Append(E(rule is null ? $"rule: '{ruleName}' is not a rule" : $"policy: '{policyName}' is not require-upstream or reset-at-recycler")).Append("</p>");
            return (400, Page("Compliance", p.Key, b.ToString()));
        }

        b.Append("<p>").Append(E(rule.Description)).Append(". Policy <strong>").Append(E(policyName)).Append("</strong>: ")
            .Append(policy == RecycledPolicy.RequireUpstream
                ? "recycled material carries the stages of the magnet it came from and must declare them (the default: it cannot make a non-compliant magnet look compliant)."
                : "recycling restarts the chain: a recycled source's stages count as taking place where it was recovered.")
            .Append(" (docs/traceability.md, \"Compliance rules and the recycled policy\")</p>");
        var graph = new CachedLotGraph(new StoreGraph(p.Db));
        var shipped = p.Facts.Values.Where(f => f.Shipped && Access.MaySee(p.Key, f.Locations)).Select(f => f.Lot).Order(StringComparer.Ordinal).ToList();
        var results = shipped.Select(l => ComplianceCheck.Evaluate(graph, l, rule, policy.Value)).ToList();
        b.Append(Table($"Shipped lots under {rule.Name}, {policyName}", ["lot", "verdict", "offending stages", "undeclared stages", "sources#"],
            results.Select(r => (IReadOnlyList<string>)[LotLink(r.Lot), $"<span class=\"verdict-{Names.Of(r.Verdict)}\">{E(Names.Of(r.Verdict))}</span>",
                string.Join("<br>", r.Offending.Select(o => $"{p.LotOrHidden(o.Lot)}: {E(o.Stage)} in {E(o.Country)}")),
                r.Missing.Count == 0 ? "" : $"{r.Missing.Count} ({E(string.Join(", ", r.Missing.Select(x => x.Stage).Distinct().Order(StringComparer.Ordinal)))})",
                r.Sources.ToString(CultureInfo.InvariantCulture)]), "compliance-table"));
        return (200, Page("Compliance", p.Key, b.ToString()));
    }

    // ---- names ----

    /// <summary>The CBV short name of a bizStep (URN and GS1 web URI forms are shortened).</summary>
    internal static string ShortStep(string? bizStep) => bizStep switch
    {
        null => "none",
        _ when bizStep.StartsWith("urn:epcglobal:cbv:bizstep:", StringComparison.Ordinal) => bizStep["urn:epcglobal:cbv:bizstep:".Length..],
        _ when bizStep.StartsWith("https://ref.gs1.org/cbv/BizStep-", StringComparison.Ordinal) => bizStep["https://ref.gs1.org/cbv/BizStep-".Length..],
        _ => bizStep,
    };

    /// <summary>The product of a lot: CP.ITEM of an LGTIN (urn:epc:class:lgtin:CP.ITEM.LOT), else the whole id.</summary>
    internal static string ProductOf(string lot)
    {
        if (!lot.StartsWith(LotIds.LgtinPrefix, StringComparison.Ordinal)) return lot;
        // The lot part may itself hold dots: the product ends at the second dot.
        var first = lot.IndexOf('.', LotIds.LgtinPrefix.Length);
        var second = first < 0 ? -1 : lot.IndexOf('.', first + 1);
        return second < 0 ? lot : lot[LotIds.LgtinPrefix.Length..second];
    }

    /// <summary>The site of a location: an SGLN without its extension (urn:epc:id:sgln:CP.REF.EXT is at site urn:epc:id:sgln:CP.REF).</summary>
    internal static string SiteOf(string? location)
    {
        if (location is null) return "no location";
        const string sgln = "urn:epc:id:sgln:";
        if (!location.StartsWith(sgln, StringComparison.Ordinal)) return location;
        var parts = location[sgln.Length..].Split('.');
        return parts.Length == 3 ? sgln + parts[0] + "." + parts[1] : location;
    }

    private static string ShortType(string type) => type.StartsWith(MagLoopNamespace.Iri, StringComparison.Ordinal) ? type[MagLoopNamespace.Iri.Length..] : type;

    private static string RoleName(int role) => role switch { 0 => "consumed", 1 => "created", _ => "observed" };

    private static string LocationOf(EventRecord e)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(e.CanonicalJson);
        return Access.LocationId(doc.RootElement, "readPoint") ?? Access.LocationId(doc.RootElement, "bizLocation") ?? "none";
    }
}
