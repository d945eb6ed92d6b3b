using System.Collections.Immutable;
using System.Text.Json;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Server.Pages;

/// <summary>What the pages know of a lot beyond its row in <c>lots</c>: where and when events touched it.</summary>
/// <param name="Lot">Lot id.</param>
/// <param name="Locations">Every readPoint and bizLocation of the events that touched the lot: whose site may see it.</param>
/// <param name="FirstEventUnixMs">eventTime of the creating event (Unix ms), or of the first event when none created it.</param>
/// <param name="LastBizStep">bizStep of that event, as stored, if any.</param>
/// <param name="LastLocation">Its readPoint (else bizLocation), if any.</param>
/// <param name="Parents">Containers or shipments (parentID of an AggregationEvent ADD) the lot was packed into.</param>
/// <param name="Transactions">Business transactions (purchase or customer orders, despatch advices) its events name.</param>
internal sealed record LotFacts(string Lot, ImmutableArray<string> Locations, long FirstEventUnixMs, string? LastBizStep, string? LastLocation,
    ImmutableArray<string> Parents, ImmutableArray<string> Transactions)
{
    /// <summary>True once packed into a shipment: the lot a passport describes.</summary>
    public bool Shipped => Parents.Length > 0;
}

/// <summary>
/// The ledger read once for the pages: per lot, its locations, last step, shipments and business transactions. The
/// ledger is append-only, so the index only ever reads events after the last one it has seen; an event and its
/// <c>lot_events</c> rows commit in one transaction, so reading the events first and then their rows up to the
/// newest event read is consistent. Memory grows with the lots, not the events.
/// </summary>
internal sealed class LotIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Builder> _lots = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, LotFacts> _snapshot = ImmutableDictionary.Create<string, LotFacts>(StringComparer.Ordinal);
    private long _lastSeq;

    /// <summary>Reads what was appended since the last call and returns a snapshot of the lots.</summary>
    public ImmutableDictionary<string, LotFacts> Refresh(TraceDbContext db)
    {
        lock (_lock)
        {
            const int chunk = 5000;
            while (true)
            {
                var from = _lastSeq;
                var events = db.Events.AsNoTracking().Where(e => e.Seq > from).OrderBy(e => e.Seq).Take(chunk)
                    .Select(e => new { e.Seq, e.EventTimeUnixMs, e.BizStep, e.Action, e.Kind, e.CanonicalJson }).ToList();
                if (events.Count == 0) break;
                var to = events[^1].Seq;
                var byEvent = events.ToDictionary(e => e.Seq, e => Summary.Of(e.CanonicalJson));
                var rows = db.LotEvents.AsNoTracking().Where(l => l.EventSeq > from && l.EventSeq <= to).OrderBy(l => l.EventSeq)
                    .Select(l => new { l.EventSeq, l.Role, l.Lot }).ToList();
                var time = events.ToDictionary(e => e.Seq);
                var changed = new HashSet<Builder>();
                foreach (var row in rows)
                {
                    if (!_lots.TryGetValue(row.Lot, out var state)) _lots[row.Lot] = state = new Builder(row.Lot);
                    changed.Add(state);
                    var e = time[row.EventSeq];
                    var summary = byEvent[row.EventSeq];
                    foreach (var l in summary.Locations) state.Locations.Add(l);
                    if (row.Role == 1 || state.FirstEventUnixMs == long.MaxValue) state.FirstEventUnixMs = e.EventTimeUnixMs;
                    if (row.EventSeq >= state.LastSeq)
                    {
                        state.LastSeq = row.EventSeq;
                        state.LastBizStep = e.BizStep;
                        state.LastLocation = summary.Locations.FirstOrDefault();
                    }

                    if (e.Kind == "AggregationEvent" && e.Action == "ADD" && summary.Parent is { } parent && parent != row.Lot && !state.Parents.Contains(parent)) state.Parents.Add(parent);
                    foreach (var t in summary.Transactions) state.Transactions.Add(t);
                }

                _snapshot = _snapshot.SetItems(changed.Select(b => KeyValuePair.Create(b.Lot, b.Facts())));
                _lastSeq = to;
                if (events.Count < chunk) break;
            }

            return _snapshot;
        }
    }

    private sealed class Builder(string lot)
    {
        public string Lot { get; } = lot;
        public HashSet<string> Locations { get; } = new(StringComparer.Ordinal);
        public long FirstEventUnixMs { get; set; } = long.MaxValue;
        public long LastSeq { get; set; }
        public string? LastBizStep { get; set; }
        public string? LastLocation { get; set; }
        public List<string> Parents { get; } = [];
        public HashSet<string> Transactions { get; } = new(StringComparer.Ordinal);

        public LotFacts Facts() => new(Lot, [.. Locations.Order(StringComparer.Ordinal)], FirstEventUnixMs, LastBizStep, LastLocation, [.. Parents],
            [.. Transactions.Order(StringComparer.Ordinal)]);
    }

    /// <summary>The members of a stored event the index keeps.</summary>
    private sealed record Summary(IReadOnlyList<string> Locations, string? Parent, IReadOnlyList<string> Transactions)
    {
        public static Summary Of(string canonicalJson)
        {
            using var doc = JsonDocument.Parse(canonicalJson);
            var e = doc.RootElement;
            var locations = new List<string>(2);
            foreach (var name in new[] { "readPoint", "bizLocation" })
                if (Access.LocationId(e, name) is { } id && !locations.Contains(id)) locations.Add(id);
            var parent = e.TryGetProperty("parentID", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            var transactions = new List<string>();
            if (e.TryGetProperty("bizTransactionList", out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var t in list.EnumerateArray())
                    if (t.ValueKind == JsonValueKind.Object && t.TryGetProperty("bizTransaction", out var b) && b.ValueKind == JsonValueKind.String) transactions.Add(b.GetString()!);
            return new Summary(locations, parent, transactions);
        }
    }
}
