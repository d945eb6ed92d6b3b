using System.Globalization;

namespace MagLoop.Traceability;

/// <summary>What the store knows of a lot when a document arrives.</summary>
/// <param name="Lot">Lot id.</param>
/// <param name="MassKg">Mass created.</param>
/// <param name="ConsumedKg">Mass consumed since.</param>
/// <param name="CreatedAt">eventTime of the creating event.</param>
/// <param name="CreatedBy">eventID of the creating event (for messages).</param>
public sealed record LotState(string Lot, double MassKg, double ConsumedKg, DateTimeOffset CreatedAt, string CreatedBy)
{
    /// <summary>Mass not yet consumed, kg.</summary>
    public double AvailableKg => MassKg - ConsumedKg;
}

/// <summary>Options of the custody rules.</summary>
public sealed record CustodyOptions
{
    /// <summary>
    /// Outputs of a transformation may exceed its inputs by this fraction of the input mass. Default 0.02: an
    /// engineering assumption that covers what the hub adds without a lot of its own (hydrogen taken up in HPMS,
    /// 0.3 %; coating, about 1 % of the magnet mass: scenarios/dfw-hub.yaml) plus weighing error.
    /// </summary>
    public double MassBalanceTolerance { get; init; } = 0.02;

    /// <summary>How far an eventTime may lie after the capture time (clocks drift). Default 5 minutes: engineering assumption.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// True (the default): every event is read as MagLoop lots and the custody rules apply. False (<c>magloop serve
    /// --custody off</c>): standard EPCIS events are stored as they are, for interoperability with other repositories
    /// (AssociationEvent, TransactionEvent, quantities without mass units, EPC patterns, lots never created), with no
    /// lot effect; only the identity rule (an eventID is stored once) still applies.
    /// </summary>
    public bool Enforce { get; init; } = true;

    /// <summary>Defaults.</summary>
    public static CustodyOptions Default { get; } = new();

    /// <summary>Custody off: standard events without MagLoop's lot rules.</summary>
    public static CustodyOptions Off { get; } = new() { Enforce = false };
}

/// <summary>The outcome of the custody rules on a document.</summary>
/// <param name="Accepted">New events to append, in order (identical re-captures left out).</param>
/// <param name="Duplicates">Events already stored with identical content, or with the same CBV 2.0 event hash as id (no-ops).</param>
/// <param name="Errors">Every violation; the document is rejected when there is any.</param>
public sealed record CustodyResult(IReadOnlyList<TraceEvent> Accepted, IReadOnlyList<TraceEvent> Duplicates, IReadOnlyList<CaptureError> Errors);

/// <summary>
/// MagLoop's chain-of-custody rules, a pure function of the document's events and the stored state of the lots
/// and eventIDs they name: every consumed or observed lot exists and has the mass; a lot is created once; outputs
/// do not exceed inputs beyond the tolerance; no event precedes the creation of a lot it uses or lies in the
/// future; an eventID is captured once (identical content again is a no-op, different content an error).
/// </summary>
public static class CustodyRules
{
    /// <summary>Applies the rules.</summary>
    /// <param name="events">Events of the document in order.</param>
    /// <param name="storedHashes">Content hash of every stored event whose eventID the document uses.</param>
    /// <param name="storedLots">Stored state of every lot the document names (absent: unknown lot).</param>
    /// <param name="now">Capture time.</param>
    /// <param name="options">Tolerances.</param>
    public static CustodyResult Check(IReadOnlyList<TraceEvent> events, IReadOnlyDictionary<string, string> storedHashes,
        IReadOnlyDictionary<string, LotState> storedLots, DateTimeOffset now, CustodyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        options ??= CustodyOptions.Default;
        var lots = new Dictionary<string, LotState>(storedLots, StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var accepted = new List<TraceEvent>();
        var duplicates = new List<TraceEvent>();
        var errors = new List<CaptureError>();

        foreach (var e in events)
        {
            void Error(string field, string message) => errors.Add(new CaptureError(e.Index, e.EventId, field, message));

            if (storedHashes.TryGetValue(e.EventId, out var storedHash) || seen.TryGetValue(e.EventId, out storedHash))
            {
                if (storedHash == e.ContentHash || e.IdIsEventHash) duplicates.Add(e);
                else Error("eventID", "already captured with different content: an event cannot be rewritten (capture a correcting event instead)");
                continue;
            }

            seen[e.EventId] = e.ContentHash;
            if (!e.Custody)
            {
                // Stored with custody off: a standard event with no lot effect, so no lot rule concerns it.
                accepted.Add(e);
                continue;
            }

            var before = errors.Count;
            if (e.EventTime > now + options.ClockSkew)
                Error("eventTime", $"{Time(e.EventTime)} lies in the future (capture time {Time(now)})");

            foreach (var group in e.Consumed.Concat(e.Observed).GroupBy(q => q.Lot, StringComparer.Ordinal))
            {
                var first = group.First();
                if (!lots.TryGetValue(group.Key, out var lot))
                {
                    Error(first.Field + ".epcClass", $"lot {group.Key} does not exist: it was never received or produced");
                    continue;
                }

                if (e.EventTime < lot.CreatedAt)
                    Error("eventTime", $"{Time(e.EventTime)} is before lot {group.Key} was created ({Time(lot.CreatedAt)}, event {lot.CreatedBy})");
                var consumedKg = group.Where(q => e.Consumed.Contains(q)).Sum(q => q.MassKg);
                var observedKg = group.Where(q => e.Observed.Contains(q)).Sum(q => q.MassKg);
                var needKg = Math.Max(consumedKg, observedKg);
                // A relative slack of 1e-9 absorbs the rounding of unit conversion, nothing more.
                if (needKg > lot.AvailableKg * (1 + 1e-9) + 1e-9)
                {
                    var verb = consumedKg > 0 ? "consumes" : "names";
                    Error(first.Field + ".quantity", string.Create(CultureInfo.InvariantCulture,
                        $"{verb} {needKg:0.###} kg of lot {group.Key}, which has {Math.Max(0, lot.AvailableKg):0.###} kg unconsumed (created {lot.MassKg:0.###} kg)"));
                }
            }

            foreach (var created in e.Created)
            {
                if (lots.TryGetValue(created.Lot, out var existing))
                    Error(created.Field, $"lot {created.Lot} already exists (created by event {existing.CreatedBy}): a lot is created once, give new material a new lot id");
                else if (e.Created.Count(c => c.Lot == created.Lot) > 1)
                    Error(created.Field, $"lot {created.Lot} is created twice in the same event");
                if (e.Consumed.Any(c => c.Lot == created.Lot))
                    Error(created.Field, $"lot {created.Lot} is both input and output of the event");
            }

            if (e.Kind != EventKind.ObjectEvent && e.Consumed.Count > 0)
            {
                var inKg = e.Consumed.Sum(q => q.MassKg);
                var outKg = e.Created.Sum(q => q.MassKg);
                if (outKg > inKg * (1 + options.MassBalanceTolerance))
                    Error(e.Kind == EventKind.TransformationEvent ? "outputQuantityList" : "childQuantityList", string.Create(CultureInfo.InvariantCulture,
                        $"outputs {outKg:0.###} kg exceed inputs {inKg:0.###} kg by more than the {options.MassBalanceTolerance:P1} tolerance"));
            }

            if (errors.Count > before) continue;

            // Apply the event to the working state so later events of the same document see it.
            foreach (var q in e.Consumed)
            {
                var lot = lots[q.Lot];
                lots[q.Lot] = lot with { ConsumedKg = lot.ConsumedKg + q.MassKg };
            }

            foreach (var q in e.Created) lots[q.Lot] = new LotState(q.Lot, q.MassKg, 0, e.EventTime, e.EventId);
            accepted.Add(e);
        }

        return new CustodyResult(accepted, duplicates, errors);
    }

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
}
