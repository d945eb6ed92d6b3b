using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Storage;

/// <summary>The lot graph read from the store's projections.</summary>
public sealed class StoreGraph(TraceDbContext context) : ILotGraph
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, LotInfo> Lots(IReadOnlyCollection<string> lots)
    {
        var result = new Dictionary<string, LotInfo>(StringComparer.Ordinal);
        foreach (var chunk in lots.Chunk(1000))
            foreach (var l in context.Lots.AsNoTracking().Where(l => chunk.Contains(l.Lot)))
                result[l.Lot] = new LotInfo(l.Lot, l.CreatedSeq, l.MassKg, MasterData(l));
        return result;
    }

    /// <inheritdoc />
    public IReadOnlyList<LotLink> Parents(IReadOnlyCollection<string> lots)
    {
        var result = new List<LotLink>();
        foreach (var chunk in lots.Chunk(1000))
            result.AddRange(context.Links.AsNoTracking().Where(l => chunk.Contains(l.ToLot)).Select(l => new LotLink(l.ToLot, l.FromLot, l.Fraction)));
        return result;
    }

    /// <inheritdoc />
    public IReadOnlyList<LotLink> Children(IReadOnlyCollection<string> lots)
    {
        var result = new List<LotLink>();
        foreach (var chunk in lots.Chunk(1000))
            result.AddRange(context.Links.AsNoTracking().Where(l => chunk.Contains(l.FromLot)).Select(l => new LotLink(l.ToLot, l.FromLot, l.Fraction)));
        return result;
    }

    private static LotMasterData MasterData(LotRecord l)
    {
        var stages = new Dictionary<OriginStage, string>();
        void Add(OriginStage stage, string? country)
        {
            if (country is not null) stages[stage] = country;
        }

        Add(OriginStage.Mined, l.Mined);
        Add(OriginStage.Refined, l.Refined);
        Add(OriginStage.Separated, l.Separated);
        Add(OriginStage.Melted, l.Melted);
        Add(OriginStage.Produced, l.Produced);
        return new LotMasterData(MaterialClasses.Parse(l.MaterialClass), stages, l.RecoveredIn);
    }
}

/// <summary>An EPCIS-style event query: every given criterion must hold.</summary>
/// <param name="EpcClass">Events that name this lot (in any quantity list), or null.</param>
/// <param name="BizStep">Events with this bizStep (short CBV name, URN or GS1 URI form all match), or null.</param>
/// <param name="From">eventTime at or after, or null.</param>
/// <param name="To">eventTime before, or null.</param>
/// <param name="Limit">Most events returned.</param>
public sealed record EventQuery(string? EpcClass = null, string? BizStep = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = 10_000);

/// <summary>A lot quantity of an event.</summary>
/// <param name="Lot">Lot id.</param>
/// <param name="Role"><c>input</c>, <c>output</c> or <c>observed</c>.</param>
/// <param name="Kg">Mass.</param>
public sealed record EventLot(string Lot, string Role, double Kg);

/// <summary>An event as the query lists it.</summary>
/// <param name="Seq">Ledger position.</param>
/// <param name="EventId">eventID.</param>
/// <param name="Type">Event type.</param>
/// <param name="Action">Action, if any.</param>
/// <param name="EventTime">eventTime (UTC).</param>
/// <param name="BizStep">bizStep as captured.</param>
/// <param name="Disposition">disposition as captured.</param>
/// <param name="Lots">Lot quantities.</param>
public sealed record EventSummary(long Seq, string EventId, string Type, string? Action, DateTimeOffset EventTime, string? BizStep, string? Disposition, IReadOnlyList<EventLot> Lots);

/// <summary>Event queries on the store.</summary>
public static class EventQueries
{
    /// <summary>The CBV spellings of a bizStep: short name, URN and GS1 web URI.</summary>
    public static IReadOnlyList<string> BizStepSpellings(string bizStep)
    {
        ArgumentNullException.ThrowIfNull(bizStep);
        var name = bizStep;
        foreach (var prefix in new[] { "urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-", "https://gs1.org/voc/BizStep-" })
            if (bizStep.StartsWith(prefix, StringComparison.Ordinal)) name = bizStep[prefix.Length..];
        return [name, "urn:epcglobal:cbv:bizstep:" + name, "https://ref.gs1.org/cbv/BizStep-" + name, "https://gs1.org/voc/BizStep-" + name];
    }

    /// <summary>Runs the query, in ledger order.</summary>
    public static IReadOnlyList<EventSummary> Run(TraceDbContext context, EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        var events = context.Events.AsNoTracking();
        if (query.EpcClass is { } lot)
        {
            var seqs = context.LotEvents.Where(l => l.Lot == lot).Select(l => l.EventSeq);
            events = events.Where(e => seqs.Contains(e.Seq));
        }

        if (query.BizStep is { } step)
        {
            var spellings = BizStepSpellings(step).ToArray();
            events = events.Where(e => e.BizStep != null && spellings.Contains(e.BizStep));
        }

        if (query.From is { } from)
        {
            var ms = from.ToUnixTimeMilliseconds();
            events = events.Where(e => e.EventTimeUnixMs >= ms);
        }

        if (query.To is { } to)
        {
            var ms = to.ToUnixTimeMilliseconds();
            events = events.Where(e => e.EventTimeUnixMs < ms);
        }

        var rows = events.OrderBy(e => e.Seq).Take(query.Limit)
            .Select(e => new { e.Seq, e.EventId, e.Kind, e.Action, e.EventTimeUnixMs, e.BizStep, e.Disposition }).ToList();
        var seqList = rows.Select(r => r.Seq).ToList();
        var lots = new List<LotEventRecord>();
        foreach (var chunk in seqList.Chunk(1000))
            lots.AddRange(context.LotEvents.AsNoTracking().Where(l => chunk.Contains(l.EventSeq)));
        var bySeq = lots.ToLookup(l => l.EventSeq);
        return rows.Select(r => new EventSummary(r.Seq, r.EventId, r.Kind, r.Action, DateTimeOffset.FromUnixTimeMilliseconds(r.EventTimeUnixMs), r.BizStep, r.Disposition,
            bySeq[r.Seq].OrderBy(l => l.Role).ThenBy(l => l.Lot, StringComparer.Ordinal).Select(l => new EventLot(l.Lot, RoleName(l.Role), l.MassKg)).ToList())).ToList();
    }

    private static string RoleName(int role) => role switch
    {
        0 => "input",
        1 => "output",
        _ => "observed",
    };

    /// <summary>Parses an ISO 8601 time or date for the query options; null when malformed.</summary>
    public static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
