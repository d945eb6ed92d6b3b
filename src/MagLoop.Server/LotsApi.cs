using MagLoop.Traceability;
using MagLoop.Traceability.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Server;

/// <summary>A lot as <c>GET /lots/{lotID}</c> returns it.</summary>
/// <param name="Lot">Lot id.</param>
/// <param name="MassKg">Mass created, kg.</param>
/// <param name="ConsumedKg">Mass consumed since by later events, kg.</param>
/// <param name="AvailableKg">Mass not yet consumed, kg.</param>
/// <param name="CreatedBy">eventID of the creating event.</param>
/// <param name="MaterialClass">post-consumer, pre-consumer or virgin, if declared.</param>
/// <param name="Stages">Country (ISO 3166-1 alpha-2) of each declared stage (mined .. produced).</param>
/// <param name="RecoveredIn">Country where recycled material was recovered, if declared.</param>
public sealed record LotView(string Lot, double MassKg, double ConsumedKg, double AvailableKg, string CreatedBy, string? MaterialClass,
    IReadOnlyDictionary<string, string> Stages, string? RecoveredIn);

/// <summary>A genealogy as <c>magloop trace genealogy --json</c> prints it.</summary>
/// <param name="Lot">The lot asked about.</param>
/// <param name="Direction">backward (sources with mass shares, summing to 1) or forward (every lot made from it).</param>
/// <param name="Lots">The lots reached.</param>
public sealed record GenealogyView(string Lot, string Direction, IReadOnlyList<GenealogyLot> Lots);

/// <summary>A compliance verdict as <c>magloop trace comply --json</c> prints it.</summary>
/// <param name="Lot">The lot.</param>
/// <param name="Rule">Rule name.</param>
/// <param name="RecycledPolicy">require-upstream or reset-at-recycler.</param>
/// <param name="Verdict">compliant, non-compliant or undetermined.</param>
/// <param name="Offending">Stages in covered countries.</param>
/// <param name="Missing">Stages declared nowhere on the path.</param>
/// <param name="Sources">Source lots examined.</param>
public sealed record ComplianceView(string Lot, string Rule, string RecycledPolicy, string Verdict, IReadOnlyList<OffendingStage> Offending, IReadOnlyList<MissingStage> Missing, int Sources);

/// <summary>The verdict of <c>GET /ledger/verify</c> (as <c>magloop trace verify</c>).</summary>
/// <param name="Events">Events checked.</param>
/// <param name="Intact">True when every event, link and projection row matches.</param>
/// <param name="FirstBadSeq">Ledger position of the first event that does not match, if any.</param>
/// <param name="FirstBadEventId">Its eventID.</param>
/// <param name="Reason">What does not match.</param>
/// <param name="HeadChainHash">Chain hash of the last event: publish it elsewhere to detect truncation later.</param>
public sealed record VerifyView(long Events, bool Intact, long? FirstBadSeq, string? FirstBadEventId, string? Reason, string HeadChainHash);

/// <summary>
/// MagLoop's lot API beside the standard: a lot, its backward and forward genealogy with mass shares, its recycled
/// content, its compliance verdict, and the ledger's verification; the traceability core's functions (those of
/// <c>magloop trace genealogy/content/comply/verify</c>) over the server's store. Every role reads them.
/// </summary>
internal static class LotsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapLotsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/lots/{lotID}", Lot).WithName("Lot").WithSummary("One lot: mass created, consumed and available, creating event, origin master data.").WithTags("Lots")
            .Produces<LotView>().ProducesProblem(404);
        app.MapGet("/lots/{lotID}/genealogy", Genealogy).WithName("LotGenealogy")
            .WithSummary("Backward genealogy with mass shares (direction=backward, the default) or forward genealogy for recall (direction=forward).").WithTags("Lots")
            .Produces<GenealogyView>().ProducesProblem(400).ProducesProblem(404);
        app.MapGet("/lots/{lotID}/content", Content).WithName("LotRecycledContent")
            .WithSummary("Recycled content by mass (ISO 14021: post-consumer, pre-consumer, virgin shares).").WithTags("Lots").Produces<RecycledContent>().ProducesProblem(404);
        app.MapGet("/lots/{lotID}/compliance", Compliance).WithName("LotCompliance")
            .WithSummary("Compliance verdict of an origin rule (rule=dfars-current|dfars-2027) under a recycled-input policy (recycledPolicy=require-upstream|reset-at-recycler).")
            .WithTags("Lots").Produces<ComplianceView>().ProducesProblem(400).ProducesProblem(404);
        app.MapGet("/ledger/verify", Verify).WithName("VerifyLedger")
            .WithSummary("Walks the hash chain and rebuilds the projections: intact, or the first event that no longer matches.").WithTags("Ledger").Produces<VerifyView>();
    }

    private static IResult NoLot(string lot) => Problems.Result(404, Problems.NoSuchResource, "Not Found", $"lot '{lot}' is not in the store");

    private static IResult Parameter(string detail) => Problems.Result(400, Problems.QueryParameter, "Bad Request", detail);

    private static IResult Lot(string lotID, ServerState s)
    {
        var id = EpcisApi.Segment(lotID);
        using var db = s.Database.CreateContext(readOnly: true);
        var lot = new StoreGraph(db).Lot(id);
        if (lot is null) return NoLot(id);
        var consumedKg = db.LotEvents.AsNoTracking().Where(l => l.Lot == id && l.Role == 0).Sum(l => (double?)l.MassKg) ?? 0;
        var createdBy = db.Events.AsNoTracking().Where(e => e.Seq == lot.CreatedSeq).Select(e => e.EventId).Single();
        var m = lot.MasterData;
        return TypedResults.Ok(new LotView(lot.Lot, lot.MassKg, consumedKg, lot.MassKg - consumedKg, createdBy, m.MaterialClass is { } mc ? MaterialClasses.Name(mc) : null,
            m.Stages.OrderBy(p => p.Key).ToDictionary(p => MagLoopNamespace.StageName(p.Key), p => p.Value), m.RecoveredIn));
    }

    private static IResult Genealogy(string lotID, string? direction, ServerState s)
    {
        var id = EpcisApi.Segment(lotID);
        var forward = direction switch
        {
            null or "backward" => false,
            "forward" => true,
            _ => (bool?)null,
        };
        if (forward is null) return Parameter($"direction: '{direction}' is not backward or forward");
        using var db = s.Database.CreateContext(readOnly: true);
        var graph = new StoreGraph(db);
        if (graph.Lot(id) is null) return NoLot(id);
        var result = forward.Value ? Traceability.Genealogy.Forward(graph, id) : Traceability.Genealogy.Backward(graph, id);
        return TypedResults.Ok(new GenealogyView(result.Lot, Names.Of(result.Direction), result.Lots));
    }

    private static IResult Content(string lotID, ServerState s)
    {
        var id = EpcisApi.Segment(lotID);
        using var db = s.Database.CreateContext(readOnly: true);
        var graph = new StoreGraph(db);
        if (graph.Lot(id) is null) return NoLot(id);
        return TypedResults.Ok(RecycledContentQuery.Of(graph, id));
    }

    private static IResult Compliance(string lotID, string? rule, string? recycledPolicy, ServerState s)
    {
        var id = EpcisApi.Segment(lotID);
        var names = string.Join(", ", ComplianceRule.All.Select(r => r.Name));
        if (rule is null) return Parameter($"rule: missing ({names})");
        if (ComplianceRule.Find(rule) is not { } ruleSet) return Parameter($"rule: '{rule}' is not a rule ({names})");
        if (Names.ParsePolicy(recycledPolicy ?? "require-upstream") is not { } policy)
            return Parameter($"recycledPolicy: '{recycledPolicy}' is not require-upstream or reset-at-recycler");
        using var db = s.Database.CreateContext(readOnly: true);
        var graph = new StoreGraph(db);
        if (graph.Lot(id) is null) return NoLot(id);
        var r = ComplianceCheck.Evaluate(graph, id, ruleSet, policy);
        return TypedResults.Ok(new ComplianceView(r.Lot, r.Rule, Names.Of(r.RecycledPolicy), Names.Of(r.Verdict), r.Offending, r.Missing, r.Sources));
    }

    private static IResult Verify(ServerState s)
    {
        using var store = TraceStore.OpenReadOnly(s.Database);
        var r = store.Verify();
        return TypedResults.Ok(new VerifyView(r.Events, r.Intact, r.FirstBadSeq, r.FirstBadEventId, r.Reason, r.HeadChainHash));
    }
}
