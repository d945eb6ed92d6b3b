using System.Text.Json;
using MagLoop.Traceability.Epcis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MagLoop.Traceability.Storage;

/// <summary>
/// A document whose text, standard rules, GS1 schema (where configured) and MagLoop reading have been checked once,
/// outside the store's write lock: what remains for the store is the custody rules and the write
/// (<see cref="TraceStore.Append(PreparedCapture, Action{CaptureSummary}?)"/>, <see cref="TraceStore.AppendGroup"/>).
/// </summary>
public sealed class PreparedCapture
{
    private readonly Dictionary<TraceEvent, StoredForm> _stored = new(ReferenceEqualityComparer.Instance);

    internal PreparedCapture(string source, IReadOnlyList<TraceEvent> events, IReadOnlyList<CaptureError> rejected, bool proceed)
    {
        Source = source;
        Events = events;
        Rejected = rejected;
        Proceed = proceed;
        // Documents are prepared in parallel (the server: in each request) and appended by one writer at a time, so
        // what does not depend on the store (all but each row's seq and the chain hash) is computed here rather than
        // under the write lock.
        foreach (var e in events)
        {
            var kind = e.Kind.ToString();
            var (body, context) = EventFormat.Compact(e.CanonicalJson, e.EventId, kind, e.Action, e.BizStep, e.Disposition);
            _stored[e] = new StoredForm(kind, body, context, StoredEventId.Encode(e.EventId), ProjectionRows.Of(e, 0));
        }
    }

    /// <summary>How <paramref name="e"/> (one of <see cref="Events"/>) is stored: its kind's name, compact body, @context, stored eventID and projection rows.</summary>
    internal StoredForm Stored(TraceEvent e) => _stored[e];

    /// <summary>Document name (for messages).</summary>
    public string Source { get; }

    /// <summary>The events read, in document order (under proceed, those without errors).</summary>
    public IReadOnlyList<TraceEvent> Events { get; }

    /// <summary>
    /// Reasons found before the store was consulted: under proceed those of the events left out; under rollback the
    /// lot-rule reasons of reading (a valid EPCIS event MagLoop cannot read as lots), which reject the document when it
    /// is appended, without touching the store.
    /// </summary>
    public IReadOnlyList<CaptureError> Rejected { get; }

    /// <summary>
    /// The EPCIS 2.0 binding's <c>proceed</c> capture error behaviour ("greedy capture"): an event that fails a check
    /// is left out with its reasons and the others are stored. False: <c>rollback</c>, the default, all or nothing.
    /// </summary>
    public bool Proceed { get; }
}

/// <summary>An event's row as stored, before its sequence number and chain hash (<see cref="PreparedCapture.Stored"/>).</summary>
/// <param name="Kind">The event type's name (the kind column).</param>
/// <param name="Body">The compact canonical body (<see cref="EventFormat.Compact"/>).</param>
/// <param name="Context">The document's @context JSON, or null.</param>
/// <param name="EventId">The eventID in its stored form (<see cref="StoredEventId"/>).</param>
/// <param name="Rows">Its projection rows, to be given their seq by the writer (<see cref="ProjectionRows.AtSeq"/>).</param>
internal readonly record struct StoredForm(string Kind, string Body, string? Context, byte[] EventId, ProjectionRows Rows);

/// <summary>What one document of a group commit came to: its summary, or the reasons it was rejected (nothing of it stored).</summary>
/// <param name="Summary">What was stored, or null when rejected.</param>
/// <param name="Rejection">Why nothing was stored, or null.</param>
public sealed record CaptureOutcome(CaptureSummary? Summary, CaptureRejectedException? Rejection);

public sealed partial class TraceStore
{
    /// <summary>
    /// Checks a document without touching the store (safe to run on many threads at once, while another thread
    /// writes): its text (<see cref="JsonInput"/>), an EPCISQueryDocument's event list taken as the document
    /// (<see cref="QueryDocuments"/>), MagLoop's validation of the standard, GS1's schema where configured, and the
    /// reading into MagLoop events (CBV 2.0 event hashes, canonical forms). Throws <see cref="CaptureRejectedException"/>
    /// with every reason when the document is refused as a whole: any reason under rollback, a document-level one
    /// under <paramref name="proceed"/>.
    /// </summary>
    public PreparedCapture Prepare(string source, ReadOnlyMemory<byte> utf8Json, bool proceed = false)
    {
        var input = JsonInput.Check(utf8Json.Span);
        if (input.Count > 0) throw new CaptureRejectedException(source, input);
        using var parsed = JsonDocument.Parse(JsonInput.WithoutBom(utf8Json));
        using var converted = QueryDocuments.AsCaptureDocument(parsed.RootElement);
        return Prepare(source, (converted ?? parsed).RootElement, proceed);
    }

    /// <summary>
    /// As <see cref="Prepare(string, ReadOnlyMemory{byte}, bool)"/> for a parsed EPCISDocument whose text has passed
    /// <see cref="JsonInput.Check"/> (an EPCISQueryDocument converted by <see cref="QueryDocuments.AsCaptureDocument"/>).
    /// </summary>
    public PreparedCapture Prepare(string source, JsonElement document, bool proceed = false)
    {
        var errors = new List<CaptureError>();
        // MagLoop's own check of the standard always runs; GS1's schema, where configured, is an extra check.
        errors.AddRange(EpcisValidator.Validate(document));
        if (Schema is not null) errors.AddRange(Schema.Validate(document));
        var read = EpcisReader.Read(document, Custody.Enforce);
        if (errors.Count == 0 && read.Errors.Count == 0) return new PreparedCapture(source, read.Events, [], proceed);
        var all = errors.Concat(read.Errors).Distinct().OrderBy(e => e.EventIndex ?? -1).ToList();
        if (!proceed)
        {
            // An invalid document is refused here. One that is valid EPCIS but cannot be read as MagLoop lots (with
            // custody on) breaks a lot rule: like the custody rules, that is the capture's verdict, reported by it
            // (the server's capture job) before the store is touched. An event that cannot be read is left out of the
            // custody check, whose findings would then be only the consequences (its lots "do not exist").
            if (errors.Count > 0) throw new CaptureRejectedException(source, all);
            return new PreparedCapture(source, read.Events, all, proceed);
        }

        if (all.Any(e => e.EventIndex is null)) throw new CaptureRejectedException(source, all);
        // Proceed: the events with a reason are left out; custody then judges the rest as if those were never sent.
        var bad = all.Select(e => e.EventIndex!.Value).ToHashSet();
        return new PreparedCapture(source, read.Events.Where(e => !bad.Contains(e.Index)).ToList(), all, proceed);
    }

    /// <summary>
    /// Group commit: appends several prepared documents in ONE transaction (one commit, one WAL sync, instead of one
    /// each), every document under its own SAVEPOINT and checked against the store as the documents before it left
    /// it. A document the custody rules reject (under rollback) is rolled back to its savepoint, so it changes
    /// nothing, and its neighbours are still stored. <paramref name="beforeCommit"/> runs in the transaction with
    /// every outcome (the server saves its capture jobs there), so no outcome is visible before the commit is
    /// durable. A database failure rolls back the whole group and is thrown: nothing of any document was stored
    /// (the caller may then append them one at a time to find the one at fault).
    /// </summary>
    public IReadOnlyList<CaptureOutcome> AppendGroup(IReadOnlyList<PreparedCapture> captures, Action<IReadOnlyList<CaptureOutcome>>? beforeCommit = null)
    {
        ArgumentNullException.ThrowIfNull(captures);
        return Busy.Guard(Database, () =>
        {
            using var transaction = BeginWrite();
            var tx = transaction.GetDbTransaction();
            var connection = Context.Database.GetDbConnection();
            var outcomes = new List<CaptureOutcome>(captures.Count);
            foreach (var capture in captures)
            {
                Execute(connection, tx, "SAVEPOINT capture_document");
                try
                {
                    var summary = AppendEvents(capture, tx);
                    Execute(connection, tx, "RELEASE SAVEPOINT capture_document");
                    outcomes.Add(new CaptureOutcome(summary, null));
                }
                catch (CaptureRejectedException e)
                {
                    // Whatever the document did before its rule failed is undone; the documents before it stay.
                    Execute(connection, tx, "ROLLBACK TO SAVEPOINT capture_document");
                    Execute(connection, tx, "RELEASE SAVEPOINT capture_document");
                    outcomes.Add(new CaptureOutcome(null, e));
                }
            }

            beforeCommit?.Invoke(outcomes);
            transaction.Commit();
            transaction.Dispose();
            AfterWrite();
            return (IReadOnlyList<CaptureOutcome>)outcomes;
        });
    }
}
