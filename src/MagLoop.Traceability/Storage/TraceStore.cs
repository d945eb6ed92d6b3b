using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using MagLoop.Traceability.Epcis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MagLoop.Traceability.Storage;

/// <summary>What a capture did.</summary>
/// <param name="Source">Document name.</param>
/// <param name="Appended">Events appended.</param>
/// <param name="Duplicates">Events already stored with identical content (no-ops).</param>
public sealed record CaptureSummary(string Source, int Appended, int Duplicates);

/// <summary>The verdict of walking the hash chain.</summary>
/// <param name="Events">Events checked.</param>
/// <param name="Intact">True when every event matches.</param>
/// <param name="FirstBadSeq">Seq of the first event that no longer matches, if any.</param>
/// <param name="FirstBadEventId">eventID of that event.</param>
/// <param name="Reason">What does not match.</param>
/// <param name="HeadChainHash">Chain hash of the last event: publish it elsewhere to detect truncation later.</param>
public sealed record VerifyResult(long Events, bool Intact, long? FirstBadSeq, string? FirstBadEventId, string? Reason, string HeadChainHash);

/// <summary>
/// The traceability store on SQLite or PostgreSQL: capture (schema + custody rules, atomic), hash-chain
/// verification and the reads the queries need. The schema comes from EF Core migrations; the write path uses
/// prepared commands on the context's connection so capture runs at tens of thousands of events per second.
/// </summary>
public sealed class TraceStore : IDisposable
{
    private const int RoleConsumed = 0;
    private const int RoleCreated = 1;
    private const int RoleObserved = 2;

    private readonly TraceDbContext _context;
    private readonly TimeProvider _time;

    private TraceStore(TraceDatabase database, TraceDbContext context, TimeProvider time)
    {
        Database = database;
        _context = context;
        _time = time;
    }

    /// <summary>The database.</summary>
    public TraceDatabase Database { get; }

    /// <summary>The EF Core context (for queries and tests).</summary>
    public TraceDbContext Context => _context;

    /// <summary>EPCIS schema used on capture, or null to check custody rules only.</summary>
    public EpcisSchema? Schema { get; init; }

    /// <summary>Custody-rule options.</summary>
    public CustodyOptions Custody { get; init; } = CustodyOptions.Default;

    /// <summary>Opens the store, creating or migrating the schema.</summary>
    public static TraceStore Open(TraceDatabase database, TimeProvider? time = null, EpcisSchema? schema = null, CustodyOptions? custody = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var context = database.CreateContext();
        try
        {
            // Migrate takes a lock row in the database even when nothing is pending; skip it then, so that opening a
            // store to read it leaves the file untouched.
            if (context.Database.GetPendingMigrations().Any()) context.Database.Migrate();
        }
        catch
        {
            context.Dispose();
            throw;
        }

        return new TraceStore(database, context, time ?? TimeProvider.System) { Schema = schema, Custody = custody ?? CustodyOptions.Default };
    }

    /// <inheritdoc />
    public void Dispose() => _context.Dispose();

    /// <summary>
    /// Captures one EPCIS document: all of it, or nothing. Throws <see cref="CaptureRejectedException"/> with every
    /// reason when the schema or a custody rule fails; the store is then unchanged.
    /// </summary>
    public CaptureSummary Capture(string source, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CaptureRejectedException(source, [new CaptureError(null, null, $"line {(e.LineNumber ?? 0) + 1}", $"not JSON: {e.Message}")]);
        }

        using (document)
        {
            var errors = new List<CaptureError>();
            if (Schema is not null) errors.AddRange(Schema.Validate(document.RootElement));
            var read = EpcisReader.Read(document.RootElement);
            errors.AddRange(read.Errors);
            return Append(source, read.Events, errors);
        }
    }

    private CaptureSummary Append(string source, IReadOnlyList<TraceEvent> events, List<CaptureError> errors)
    {
        var connection = _context.Database.GetDbConnection();
        using var transaction = _context.Database.BeginTransaction();
        var tx = transaction.GetDbTransaction();
        // One writer at a time: the chain needs the previous hash. SQLite's BEGIN IMMEDIATE already serialises writers.
        if (Database.IsPostgres) Execute(connection, tx, "LOCK TABLE events IN EXCLUSIVE MODE");

        var ids = events.Select(e => e.EventId).Distinct().ToList();
        var storedHashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
            foreach (var row in _context.Events.AsNoTracking().Where(x => chunk.Contains(x.EventId)).Select(x => new { x.EventId, x.ContentHash }))
                storedHashes[row.EventId] = row.ContentHash;

        var names = events.SelectMany(e => e.Consumed.Concat(e.Observed).Concat(e.Created)).Select(q => q.Lot).Distinct().ToList();
        var lots = new Dictionary<string, LotState>(StringComparer.Ordinal);
        foreach (var chunk in names.Chunk(500))
        {
            var rows = (from l in _context.Lots.AsNoTracking()
                        where chunk.Contains(l.Lot)
                        join e in _context.Events.AsNoTracking() on l.CreatedSeq equals e.Seq
                        select new { l.Lot, l.MassKg, l.ConsumedKg, l.CreatedUnixMs, e.EventId }).ToList();
            foreach (var r in rows)
                lots[r.Lot] = new LotState(r.Lot, r.MassKg, r.ConsumedKg, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedUnixMs), r.EventId);
        }

        var now = _time.GetUtcNow();
        var result = CustodyRules.Check(events, storedHashes, lots, now, Custody);
        errors.AddRange(result.Errors);
        if (errors.Count > 0)
        {
            transaction.Rollback();
            throw new CaptureRejectedException(source, errors.OrderBy(e => e.EventIndex ?? -1).ToList());
        }

        if (result.Accepted.Count > 0)
        {
            var head = _context.Events.AsNoTracking().OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.ChainHash }).FirstOrDefault();
            Write(connection, tx, result.Accepted, head?.Seq ?? 0, head?.ChainHash ?? Canonical.Genesis, now.ToUnixTimeMilliseconds());
        }

        transaction.Commit();
        return new CaptureSummary(source, result.Accepted.Count, result.Duplicates.Count);
    }

    /// <summary>The chain hash of an event: previous chain hash, content hash, seq and record time.</summary>
    public static string ChainHash(string previous, string contentHash, long seq, long recordTimeUnixMs) =>
        Canonical.Chain(previous, string.Create(CultureInfo.InvariantCulture, $"{contentHash}|{seq}|{recordTimeUnixMs}"));

    private static void Write(DbConnection connection, DbTransaction tx, IReadOnlyList<TraceEvent> events, long lastSeq, string lastChain, long recordMs)
    {
        using var insertEvent = Command(connection, tx,
            "INSERT INTO events (seq, event_id, kind, action, event_time_ms, record_time_ms, biz_step, disposition, canonical_json, content_hash, chain_hash) " +
            "VALUES (@seq, @id, @kind, @action, @time, @record, @step, @disp, @json, @hash, @chain)",
            "seq", "id", "kind", "action", "time", "record", "step", "disp", "json", "hash", "chain");
        using var insertLotEvent = Command(connection, tx, "INSERT INTO lot_events (event_seq, role, lot, mass_kg) VALUES (@seq, @role, @lot, @kg)", "seq", "role", "lot", "kg");
        using var insertLot = Command(connection, tx,
            "INSERT INTO lots (lot, created_seq, created_ms, mass_kg, consumed_kg, material_class, mined, refined, separated, melted, produced, recovered_in) " +
            "VALUES (@lot, @seq, @time, @kg, 0, @class, @mined, @refined, @separated, @melted, @produced, @recovered)",
            "lot", "seq", "time", "kg", "class", "mined", "refined", "separated", "melted", "produced", "recovered");
        using var consume = Command(connection, tx, "UPDATE lots SET consumed_kg = consumed_kg + @kg WHERE lot = @lot", "kg", "lot");
        using var insertLink = Command(connection, tx, "INSERT INTO links (to_lot, from_lot, event_seq, fraction) VALUES (@to, @from, @seq, @fraction)", "to", "from", "seq", "fraction");
        using var insertMeasurement = Command(connection, tx,
            "INSERT INTO measurements (event_seq, ordinal, type, substance, value, uom) VALUES (@seq, @ordinal, @type, @substance, @value, @uom)",
            "seq", "ordinal", "type", "substance", "value", "uom");

        var seq = lastSeq;
        var chain = lastChain;
        foreach (var e in events)
        {
            seq++;
            chain = ChainHash(chain, e.ContentHash, seq, recordMs);
            Run(insertEvent, seq, e.EventId, e.Kind.ToString(), e.Action, e.EventTime.ToUnixTimeMilliseconds(), recordMs, e.BizStep, e.Disposition, e.CanonicalJson, e.ContentHash, chain);
            foreach (var (role, list) in new[] { (RoleConsumed, e.Consumed), (RoleCreated, e.Created), (RoleObserved, e.Observed) })
                foreach (var g in list.GroupBy(q => q.Lot, StringComparer.Ordinal))
                    Run(insertLotEvent, seq, role, g.Key, g.Sum(q => q.MassKg));

            var m = e.MasterData;
            string? Stage(OriginStage s) => m.Stages.TryGetValue(s, out var c) ? c : null;
            foreach (var q in e.Created)
            {
                Run(insertLot, q.Lot, seq, e.EventTime.ToUnixTimeMilliseconds(), q.MassKg, m.MaterialClass is { } mc ? MaterialClasses.Name(mc) : null,
                    Stage(OriginStage.Mined), Stage(OriginStage.Refined), Stage(OriginStage.Separated), Stage(OriginStage.Melted), Stage(OriginStage.Produced), m.RecoveredIn);
            }

            foreach (var g in e.Consumed.GroupBy(q => q.Lot, StringComparer.Ordinal)) Run(consume, g.Sum(q => q.MassKg), g.Key);

            if (e.Created.Count > 0 && e.Consumed.Count > 0)
            {
                // Proportional allocation: every output lot holds the inputs in the proportion of their masses.
                var totalKg = e.Consumed.Sum(q => q.MassKg);
                foreach (var output in e.Created)
                    foreach (var g in e.Consumed.GroupBy(q => q.Lot, StringComparer.Ordinal))
                        Run(insertLink, output.Lot, g.Key, seq, g.Sum(q => q.MassKg) / totalKg);
            }

            var ordinal = 0;
            foreach (var measurement in e.Measurements)
                Run(insertMeasurement, seq, ordinal++, measurement.Type, measurement.Substance, measurement.Value, measurement.Uom);
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            command.Parameters.Add(p);
        }

        return command;
    }

    private static void Run(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private static void Execute(DbConnection connection, DbTransaction tx, string sql)
    {
        using var command = Command(connection, tx, sql);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Walks the ledger in order: recomputes each event's content hash from its stored canonical form, checks that
    /// the indexed columns agree with it, that seq has no gap, and that the chain links. Names the first event that
    /// does not match.
    /// </summary>
    public VerifyResult Verify()
    {
        var chain = Canonical.Genesis;
        long expectedSeq = 0;
        long count = 0;
        foreach (var e in _context.Events.AsNoTracking().OrderBy(e => e.Seq).AsEnumerable())
        {
            count++;
            expectedSeq++;
            string? reason = null;
            if (e.Seq != expectedSeq) reason = string.Create(CultureInfo.InvariantCulture, $"seq {e.Seq} follows {expectedSeq - 1}: events in between were removed");
            else if (Canonical.Sha256Hex(e.CanonicalJson) != e.ContentHash) reason = "content does not match its hash: the event was edited";
            else if (ColumnMismatch(e) is { } column) reason = $"column {column} does not match the hashed event: the row was edited";
            else if (ChainHash(chain, e.ContentHash, e.Seq, e.RecordTimeUnixMs) != e.ChainHash) reason = "chain hash does not follow from the previous event: the ledger was rewritten from here";
            if (reason is not null) return new VerifyResult(count, false, e.Seq, e.EventId, reason, chain);
            chain = e.ChainHash;
        }

        return new VerifyResult(count, true, null, null, null, chain);
    }

    private static string? ColumnMismatch(EventRecord e)
    {
        using var json = JsonDocument.Parse(e.CanonicalJson);
        var root = json.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (Text("eventID") != e.EventId) return "event_id";
        if (Text("type") != e.Kind) return "kind";
        if (Text("bizStep") != e.BizStep) return "biz_step";
        if (Text("disposition") != e.Disposition) return "disposition";
        if (Text("action") != e.Action) return "action";
        if (!DateTimeOffset.TryParse(Text("eventTime"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) || t.ToUnixTimeMilliseconds() != e.EventTimeUnixMs)
            return "event_time_ms";
        return null;
    }
}
