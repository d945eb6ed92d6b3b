using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MagLoop.Traceability.Epcis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MagLoop.Traceability.Storage;

/// <summary>What a capture did.</summary>
/// <param name="Source">Document name.</param>
/// <param name="Appended">Events appended.</param>
/// <param name="Duplicates">
/// Events already stored (identical content, or the same CBV 2.0 event hash as id): recognised and not stored again.
/// </param>
public sealed record CaptureSummary(string Source, int Appended, int Duplicates)
{
    /// <summary>
    /// The eventIDs of <see cref="Duplicates"/>: the EPCIS REST binding answers a single-event capture of one with 409
    /// ResourceAlreadyExistsException; a document capture counts them as already stored.
    /// </summary>
    public IReadOnlyList<string> DuplicateEventIds { get; init; } = [];

    /// <summary>
    /// Captured with <see cref="PreparedCapture.Proceed"/> (the binding's <c>proceed</c> error behaviour): the reasons of
    /// the events left out, by event and field; the others were stored. Empty under <c>rollback</c>, where any reason
    /// rejects the whole document instead.
    /// </summary>
    public IReadOnlyList<CaptureError> Errors { get; init; } = [];
}

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
public sealed partial class TraceStore : IDisposable
{
    /// <summary>lot_events.role of a consumed lot.</summary>
    internal const int RoleConsumed = 0;

    /// <summary>lot_events.role of a created lot.</summary>
    internal const int RoleCreated = 1;

    /// <summary>lot_events.role of an observed lot.</summary>
    internal const int RoleObserved = 2;

    private readonly Func<TraceDbContext> _createContext;
    private readonly DbConnection? _readConnection;
    private readonly TimeProvider _time;
    private TraceDbContext? _context;
    private readonly SqliteInsertStatements _inserts = new();

    private TraceStore(TraceDatabase database, TraceDbContext context, TimeProvider time)
    {
        Database = database;
        _context = context;
        _createContext = () => context;
        _time = time;
    }

    private TraceStore(TraceDatabase database, DbConnection readConnection, TimeProvider time)
    {
        Database = database;
        _readConnection = readConnection;
        _createContext = () => new TraceDbContext(database.Options(readConnection));
        _time = time;
    }

    /// <summary>The database.</summary>
    public TraceDatabase Database { get; }

    /// <summary>
    /// The EF Core context (for queries and tests). A store opened read-only builds it on first use, over its read-only
    /// connection: the read-only commands query with plain SQL and never pay for EF Core's model.
    /// </summary>
    public TraceDbContext Context => _context ??= _createContext();

    /// <summary>The store's open connection, for plain SQL reads (<see cref="StoreGraph"/>, <see cref="EventQueries"/>).</summary>
    public DbConnection Connection
    {
        get
        {
            if (_readConnection is not null) return _readConnection;
            Context.Database.OpenConnection();
            return Context.Database.GetDbConnection();
        }
    }

    /// <summary>EPCIS schema used on capture, or null to check custody rules only.</summary>
    public EpcisSchema? Schema { get; init; }

    /// <summary>Custody-rule options.</summary>
    public CustodyOptions Custody { get; init; } = CustodyOptions.Default;

    /// <summary>
    /// Opens the store, creating or migrating the schema. A database that holds other tables and no MagLoop schema,
    /// or another application's (or a newer MagLoop's) migrations, is refused with <see cref="StoreRefusedException"/>:
    /// MagLoop never adds its tables to someone else's database.
    /// </summary>
    public static TraceStore Open(TraceDatabase database, TimeProvider? time = null, EpcisSchema? schema = null, CustodyOptions? custody = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var context = database.CreateContext();
        try
        {
            Busy.Guard(database, () =>
            {
                var (applied, pending) = Migrations(context, database);
                if (applied.Count == 0 && HasOtherTables(context, database))
                    throw new StoreRefusedException($"{database} is not a MagLoop trace store: it holds other tables and no MagLoop schema; use a new file or an empty database");
                // Migrate takes a lock row in the database even when nothing is pending; skip it then, so that opening a
                // store to read it leaves the file untouched.
                if (pending) context.Database.Migrate();
                if (!database.IsPostgres)
                {
                    // Write-ahead log with NORMAL sync: a commit survives a process crash and costs no fsync of the
                    // whole file. A 16 MB page cache for the writer: SQLite walks its page cache at every commit
                    // (pcache1TruncateUnsafe, from pager_end_transaction), so a larger cache costs every commit more,
                    // and since the eventID index went (EventIdTail) the writer's random reads are few. 16 MB against
                    // 64 MB: 15,870-16,530 against 15,060-15,720 events/s over 1 M events, alternating
                    // (docs/traceability.md). Checkpoints every 64 MB of log (not SQLite's 4 MB): a hot index page is
                    // copied back to the file once per checkpoint, so fewer checkpoints copy fewer pages. Durability
                    // is the same either way.
                    context.Database.OpenConnection();
                    context.Database.ExecuteSqlRaw("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384;");
                    SetCheckpointFrames(context, DefaultCheckpointFrames);
                }
            });
        }
        catch
        {
            context.Dispose();
            throw;
        }

        return new TraceStore(database, context, time ?? TimeProvider.System) { Schema = schema, Custody = custody ?? CustodyOptions.Default };
    }

    /// <summary>Log frames (pages) past which a SQLite store's writer checkpoints the log: 64 MB of 4 KB pages, not SQLite's 4 MB.</summary>
    public const int DefaultCheckpointFrames = 16_384;

    /// <summary>
    /// SQLite: the log frames (pages) past which this store's writing connection checkpoints the log itself
    /// (<c>PRAGMA wal_autocheckpoint</c>; <see cref="DefaultCheckpointFrames"/> when opened, raised by a
    /// <see cref="WalCheckpointer"/> that copies the log from a thread of its own). 0 on PostgreSQL, which has no such log.
    /// </summary>
    public int CheckpointFrames
    {
        get
        {
            if (Database.IsPostgres) return 0;
            long frames = 0;
            Query(Connection, null, "PRAGMA wal_autocheckpoint", [], r => frames = r.GetInt64(0));
            return (int)frames;
        }
        internal set => SetCheckpointFrames(Context, value);
    }

    private static void SetCheckpointFrames(TraceDbContext context, int frames) =>
        context.Database.ExecuteSqlRaw(string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint = {frames};"));

    /// <summary>
    /// Opens an existing store for reading only (SQLite Mode=ReadOnly, PostgreSQL read-only transactions): nothing is
    /// created or migrated. A database without MagLoop's schema, with another application's migrations, or with an
    /// older MagLoop schema (which only a writing open migrates) is refused with <see cref="StoreRefusedException"/>.
    /// </summary>
    public static TraceStore OpenReadOnly(TraceDatabase database, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        // Plain ADO.NET, no EF Core: a read-only command's whole run is then a few queries, not the building of EF's
        // model, migrations and query pipeline (most of a CLI query's time before).
        var connection = database.OpenConnection(readOnly: true);
        try
        {
            Busy.Guard(database, () =>
            {
                var known = KnownMigrations();
                var applied = AppliedMigrations(connection, database);
                if (applied.FirstOrDefault(m => !known.Contains(m)) is { } foreign)
                    throw new StoreRefusedException($"{database} is not a store of this MagLoop: its migration history names '{foreign}', which this version does not know (another application's database, or a newer MagLoop's)");
                if (applied.Count == 0) throw new StoreRefusedException($"{database} is not a MagLoop trace store (it holds no MagLoop schema); read-only commands create none");
                if (applied.Count < known.Count) throw new StoreRefusedException($"{database} holds an older MagLoop schema; `magloop trace capture` migrates it (read-only commands never write)");
                if (!database.IsPostgres) Query(connection, null, "PRAGMA cache_size = -65536", [], _ => { });
            });
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new TraceStore(database, connection, time ?? TimeProvider.System);
    }

    /// <summary>The migrations this version defines (what EF Core's migrator finds: the [Migration] classes of this context).</summary>
    public static HashSet<string> KnownMigrations() => typeof(TraceDbContext).Assembly.GetTypes()
        .Where(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute), false)
            .OfType<Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute>().Any(a => a.ContextType == typeof(TraceDbContext)))
        .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).OfType<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>())
        .Select(a => a.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The migration ids in the database's EF Core history table (none when it has no such table).</summary>
    private static List<string> AppliedMigrations(DbConnection connection, TraceDatabase database)
    {
        long tables = 0;
        Query(connection, null, database.IsPostgres
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '__EFMigrationsHistory'"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'", [], r => tables = r.GetInt64(0));
        var applied = new List<string>();
        if (tables > 0) Query(connection, null, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"", [], r => applied.Add(r.GetString(0)));
        return applied;
    }

    /// <summary>MagLoop migrations applied and whether some are pending; refuses another application's (or a newer MagLoop's) history.</summary>
    private static (IReadOnlyList<string> Applied, bool Pending) Migrations(TraceDbContext context, TraceDatabase database)
    {
        var known = context.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var applied = context.Database.GetAppliedMigrations().ToList();
        if (applied.FirstOrDefault(m => !known.Contains(m)) is { } foreign)
            throw new StoreRefusedException($"{database} is not a store of this MagLoop: its migration history names '{foreign}', which this version does not know (another application's database, or a newer MagLoop's)");
        return (applied, applied.Count < known.Count);
    }

    private static bool HasOtherTables(TraceDbContext context, TraceDatabase database)
    {
        var connection = context.Database.GetDbConnection();
        context.Database.OpenConnection();
        try
        {
            long tables = 0;
            Query(connection, null, database.IsPostgres
                ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_\\_EFMigrations%'"
                : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_\\_EFMigrations%' ESCAPE '\\'", [], r => tables = r.GetInt64(0));
            return tables > 0;
        }
        finally
        {
            context.Database.CloseConnection();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _inserts.Dispose();
        _context?.Dispose();
        _readConnection?.Dispose();
    }

    /// <summary>
    /// Captures one EPCIS document: all of it, or nothing. Throws <see cref="CaptureRejectedException"/> with every
    /// reason when the text (see <see cref="JsonInput"/>), the schema or a custody rule fails, and
    /// <see cref="StoreBusyException"/> when another writer holds the store past the busy timeout; the store is then
    /// unchanged.
    /// </summary>
    public CaptureSummary Capture(string source, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = JsonInput.Encode(json, out var encoding);
        if (bytes is null) throw new CaptureRejectedException(source, [encoding!]);
        return Capture(source, bytes);
    }

    /// <summary>
    /// Captures one EPCIS document given as UTF-8 bytes (invalid UTF-8 is refused, never repaired); as
    /// <see cref="Capture(string, string)"/>. <paramref name="beforeCommit"/>, when given, runs inside the capture's
    /// transaction once its events are written: what it saves through <see cref="Context"/> (the server's capture job,
    /// marked successful) commits with the events or not at all, so a crash can never leave stored events behind a
    /// job that says otherwise.
    /// </summary>
    public CaptureSummary Capture(string source, ReadOnlyMemory<byte> utf8Json, Action<CaptureSummary>? beforeCommit = null) =>
        Append(Prepare(source, utf8Json), beforeCommit);

    /// <summary>
    /// Appends a prepared document (<see cref="Prepare(string, ReadOnlyMemory{byte}, bool)"/>) in its own transaction,
    /// checking the custody rules against the store as it is now; as <see cref="Capture(string, ReadOnlyMemory{byte}, Action{CaptureSummary}?)"/>.
    /// </summary>
    public CaptureSummary Append(PreparedCapture capture, Action<CaptureSummary>? beforeCommit = null)
    {
        ArgumentNullException.ThrowIfNull(capture);
        return Busy.Guard(Database, () =>
        {
            CaptureSummary summary;
            using (var transaction = BeginWrite())
            {
                summary = AppendEvents(capture, transaction.GetDbTransaction());
                beforeCommit?.Invoke(summary);
                transaction.Commit();
            }

            AfterWrite();
            return summary;
        });
    }

    /// <summary>Starts a write transaction: one writer at a time, because the chain needs the previous hash.</summary>
    private IDbContextTransaction BeginWrite()
    {
        var transaction = Context.Database.BeginTransaction();
        // SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL takes the events table's lock.
        if (Database.IsPostgres)
        {
            try
            {
                var connection = Context.Database.GetDbConnection();
                var tx = transaction.GetDbTransaction();
                Execute(connection, tx, string.Create(CultureInfo.InvariantCulture, $"SET LOCAL lock_timeout = '{Database.BusyTimeoutSeconds}s'"));
                Execute(connection, tx, "LOCK TABLE events IN EXCLUSIVE MODE");
            }
            catch
            {
                // A lock that timed out aborted the transaction: end it, or the context's next query fails on it.
                transaction.Dispose();
                throw;
            }
        }

        return transaction;
    }

    /// <summary>
    /// Checks the custody rules of <paramref name="capture"/> against the store as <paramref name="tx"/> sees it and
    /// writes its accepted events; throws <see cref="CaptureRejectedException"/> before writing anything when a rule
    /// fails under rollback. Under proceed the failing events are left out and reported in the summary.
    /// </summary>
    /// <remarks>
    /// Optimistic first: almost every document holds no event the store already has. On PostgreSQL the unique
    /// eventID index says when one does, so the first pass does not ask the store for its events' ids (a tenth of the
    /// writer's time under load); SQLite asks (<see cref="FindEventSeqs(TraceDatabase, DbConnection, DbTransaction?, IReadOnlyCollection{string}, bool)"/>) and goes on only when none is stored. A
    /// document whose write meets a unique index, or in which the custody rules find anything at all (an
    /// event already stored that the first pass did not know of could be the cause), is undone to its savepoint and
    /// judged again with the stored events looked up, so the outcome is always that of the full check.
    /// </remarks>
    private CaptureSummary AppendEvents(PreparedCapture capture, DbTransaction tx)
    {
        if (!capture.Proceed && capture.Rejected.Count > 0) throw new CaptureRejectedException(capture.Source, capture.Rejected);
        var connection = Context.Database.GetDbConnection();
        Execute(connection, tx, "SAVEPOINT capture_optimistic");
        try
        {
            if (AppendEvents(capture, tx, lookUpStored: false) is { } summary)
            {
                Execute(connection, tx, "RELEASE SAVEPOINT capture_optimistic");
                return summary;
            }
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            // An event of the document is stored already (or a lot it creates exists): the full check says which.
        }

        Execute(connection, tx, "ROLLBACK TO SAVEPOINT capture_optimistic");
        Execute(connection, tx, "RELEASE SAVEPOINT capture_optimistic");
        return AppendEvents(capture, tx, lookUpStored: true)!;
    }

    // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555); PostgreSQL 23505 unique_violation.
    private static bool IsUniqueViolation(DbException e) =>
        e is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } || e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// One pass of <see cref="AppendEvents(PreparedCapture, DbTransaction)"/>. Without <paramref name="lookUpStored"/> the
    /// store's events are taken to hold none of the document's, and any custody finding returns null before anything
    /// is written (the caller then runs the full pass).
    /// </summary>
    private CaptureSummary? AppendEvents(PreparedCapture capture, DbTransaction tx, bool lookUpStored)
    {
        var connection = Context.Database.GetDbConnection();
        var source = capture.Source;
        var events = capture.Events;
        var storedHashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (lookUpStored || !Database.IsPostgres)
        {
            // SQLite has no unique eventID index to meet (FindEventSeqs): the optimistic pass asks first.
            var seqs = FindEventSeqs(Database, connection, tx, events.Select(e => e.EventId).Distinct(StringComparer.Ordinal).ToList(), writing: true);
            if (!lookUpStored && seqs.Count > 0) return null;
            void Stored(DbDataReader r)
            {
                var stored = EventRows.Read(r);
                storedHashes[stored.EventId] = Canonical.Sha256Hex(stored.CanonicalJson);
            }

            foreach (var chunk in seqs.Values.Chunk(InListSize))
                QueryRows(connection, tx, EventRows.Select + " WHERE events.seq IN (" + string.Join(",", chunk.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")", Stored);
            // An id whose seq holds another event (event_ids edited behind the store's back, which verify names): the
            // events themselves are asked, a scan on SQLite, so that such a store still never takes an event twice.
            var misplaced = seqs.Keys.Where(id => !storedHashes.ContainsKey(id)).ToList();
            foreach (var chunk in misplaced.Chunk(InListSize))
                Query(connection, tx, EventRows.Select + " WHERE events.event_id IN ", chunk, Stored, storedEventIds: true);
        }

        var names = events.SelectMany(e => e.Consumed.Concat(e.Observed).Concat(e.Created)).Select(q => q.Lot).Distinct().ToList();
        var lots = new Dictionary<string, LotState>(StringComparer.Ordinal);
        var consumed = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var chunk in names.Chunk(InListSize))
            Query(connection, tx, "SELECT lots.lot, lots.mass_kg, lots.created_ms, events.event_id FROM lots JOIN events ON events.seq = lots.created_seq WHERE lots.lot IN ", chunk,
                r => lots[r.GetString(0)] = new LotState(r.GetString(0), r.GetDouble(1), 0, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), StoredEventId.Read(r, 3)));
        // What a lot has lost is the sum of what consuming events took (lots rows are never updated), asked only of the
        // lots that exist: a lot the store does not hold has lost nothing, and most lots a document names are its outputs.
        foreach (var chunk in lots.Keys.ToList().Chunk(InListSize))
            Query(connection, tx, $"SELECT lot, SUM(mass_kg) FROM lot_events WHERE role = {RoleConsumed} AND lot IN ", chunk, r => consumed[r.GetString(0)] = r.GetDouble(1), " GROUP BY lot");

        foreach (var (lot, kg) in consumed)
            if (lots.TryGetValue(lot, out var state)) lots[lot] = state with { ConsumedKg = kg };

        var now = _time.GetUtcNow();
        var result = CustodyRules.Check(events, storedHashes, lots, now, Custody);
        if (result.Errors.Count > 0 && !lookUpStored) return null;
        if (result.Errors.Count > 0 && !capture.Proceed)
            throw new CaptureRejectedException(source, result.Errors.OrderBy(e => e.EventIndex ?? -1).ToList());

        if (result.Accepted.Count > 0)
        {
            long lastSeq = 0;
            var lastChain = Canonical.Genesis;
            Query(connection, tx, "SELECT seq, chain_hash FROM events ORDER BY seq DESC LIMIT 1", [], r =>
            {
                lastSeq = r.GetInt64(0);
                lastChain = Convert.ToHexStringLower(r.GetFieldValue<byte[]>(1));
            });
            Write(connection, tx, capture, result.Accepted, lastSeq, lastChain, now.ToUnixTimeMilliseconds());
        }

        return new CaptureSummary(source, result.Accepted.Count, result.Duplicates.Count)
        {
            DuplicateEventIds = result.Duplicates.Select(d => d.EventId).ToList(),
            Errors = capture.Rejected.Concat(result.Errors).OrderBy(e => e.EventIndex ?? -1).ToList(),
        };
    }

    /// <summary>The chain hash of an event: previous chain hash, content hash, seq and record time (hex).</summary>
    public static string ChainHash(string previous, string contentHash, long seq, long recordTimeUnixMs) =>
        ChainHash(previous, contentHash, seq, recordTimeUnixMs, custody: 1);

    /// <summary>
    /// The chain hash of an event stored with custody <paramref name="custody"/> (1 on, 0 off): an event captured with
    /// custody off chains a marker too, so that its mode (which decides the projection rows it has) is hashed.
    /// </summary>
    public static string ChainHash(string previous, string contentHash, long seq, long recordTimeUnixMs, int custody)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(contentHash);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        ChainHash(previous, contentHash, seq, recordTimeUnixMs, custody, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// <see cref="ChainHash(string, string, long, long, int)"/> into <paramref name="hash"/> (32 bytes): the text
    /// <c>previous + contentHash + "|seq|recordTime"</c> (and <c>"|custody-off"</c>) is written into a buffer and hashed
    /// as UTF-8 (<see cref="Canonical.Sha256(ReadOnlySpan{char}, Span{byte})"/>) rather than built as strings, since the
    /// writer chains every event it stores.
    /// </summary>
    private static void ChainHash(ReadOnlySpan<char> previous, ReadOnlySpan<char> contentHash, long seq, long recordTimeUnixMs, int custody, Span<byte> hash)
    {
        const int StackChars = 256;
        const string CustodyOff = "|custody-off";
        var length = previous.Length + contentHash.Length + 2 * 21 + CustodyOff.Length;
        char[]? rented = null;
        var text = length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            previous.CopyTo(text);
            contentHash.CopyTo(text[previous.Length..]);
            var n = previous.Length + contentHash.Length;
            text[n++] = '|';
            seq.TryFormat(text[n..], out var written, provider: CultureInfo.InvariantCulture);
            n += written;
            text[n++] = '|';
            recordTimeUnixMs.TryFormat(text[n..], out written, provider: CultureInfo.InvariantCulture);
            n += written;
            if (custody != 1)
            {
                CustodyOff.CopyTo(text[n..]);
                n += CustodyOff.Length;
            }

            Canonical.Sha256(text[..n], hash);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    private const int InListSize = 500;

    /// <summary>
    /// Runs <paramref name="sql"/>, which ends in <c>IN </c> when <paramref name="values"/> is not empty, with that list
    /// (none: no list) and reads each row. The list is one parameter (a JSON array on SQLite, a text[] on PostgreSQL):
    /// Microsoft.Data.Sqlite finds each named parameter by a linear search, so hundreds of parameters cost far more than
    /// the query. With <paramref name="storedEventIds"/> the values are eventIDs matched against <c>events.event_id</c>
    /// in their stored form (<see cref="StoredEventId"/>): hex text unhexed on SQLite, a bytea[] on PostgreSQL.
    /// </summary>
    private static void Query(DbConnection connection, DbTransaction? tx, string sql, IReadOnlyList<string> values, Action<DbDataReader> row, string suffix = "", bool storedEventIds = false)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        if (values.Count == 0) command.CommandText = sql + suffix;
        else
        {
            var p = command.CreateParameter();
            p.ParameterName = "@list";
            if (connection is Npgsql.NpgsqlConnection)
            {
                p.Value = storedEventIds ? values.Select(StoredEventId.Encode).ToArray() : values.ToArray();
                command.CommandText = string.Concat(sql.AsSpan(0, sql.LastIndexOf("IN ", StringComparison.Ordinal)), "= ANY(@list)", suffix);
            }
            else if (storedEventIds)
            {
                p.Value = HexList(values);
                command.CommandText = $"{sql}(SELECT unhex(value) FROM json_each(@list)){suffix}";
            }
            else
            {
                p.Value = JsonSerializer.Serialize(values);
                command.CommandText = $"{sql}(SELECT value FROM json_each(@list)){suffix}";
            }

            command.Parameters.Add(p);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read()) row(reader);
    }

    /// <summary>
    /// The JSON array of the stored forms of <paramref name="eventIds"/> in hex, written directly: hex needs no
    /// escaping, and every capture's duplicate check sends one or two such lists.
    /// </summary>
    private static string HexList(IReadOnlyList<string> eventIds)
    {
        var json = new StringBuilder(eventIds.Count * 68 + 2).Append('[');
        for (var i = 0; i < eventIds.Count; i++)
            json.Append(i == 0 ? "\"" : ",\"").Append(Convert.ToHexString(StoredEventId.Encode(eventIds[i]))).Append('"');
        return json.Append(']').ToString();
    }

    private void Write(DbConnection connection, DbTransaction tx, PreparedCapture capture, IReadOnlyList<TraceEvent> events, long lastSeq, string lastChain, long recordMs)
    {
        // Positional multi-row INSERTs on SQLite, binary COPY on PostgreSQL (BatchInsert), in the capture's transaction.
        var insertEvent = BatchInsert.Create(connection, "events",
            ["seq", "event_id", "kind", "action", "event_time_ms", "record_time_ms", "biz_step", "disposition", "body", "context_id", "chain_hash", "custody"], _inserts);
        var contexts = new Dictionary<string, int>(StringComparer.Ordinal);
        var insertLotEvent = BatchInsert.Create(connection, "lot_events", ProjectionRows.LotEventColumns, _inserts);
        var insertLot = BatchInsert.Create(connection, "lots", ProjectionRows.LotColumns, _inserts);
        var insertLink = BatchInsert.Create(connection, "links", ProjectionRows.LinkColumns, _inserts);
        var insertMeasurement = BatchInsert.Create(connection, "measurements", ProjectionRows.MeasurementColumns, _inserts);

        var seq = lastSeq;
        // Each event's chain hash is the next one's "previous", as hex: the writer keeps both forms in buffers.
        scoped ReadOnlySpan<char> previous = lastChain;
        Span<byte> chain = stackalloc byte[SHA256.HashSizeInBytes];
        Span<char> chainHex = stackalloc char[2 * SHA256.HashSizeInBytes];
        foreach (var e in events)
        {
            seq++;
            var custody = e.Custody ? 1 : 0;
            ChainHash(previous, e.ContentHash, seq, recordMs, custody, chain);
            Convert.TryToHexStringLower(chain, chainHex, out _);
            previous = chainHex;
            var stored = capture.Stored(e);
            int? contextId = stored.Context is null ? null : ContextId(connection, tx, contexts, stored.Context);
            insertEvent.Add(seq, stored.EventId, stored.Kind, e.Action, e.EventTime.ToUnixTimeMilliseconds(), recordMs, e.BizStep, e.Disposition, stored.Body, contextId, chain.ToArray(), custody);
            var rows = stored.Rows;
            rows.AtSeq(seq);
            foreach (var row in rows.LotEvents) insertLotEvent.Add(row);
            foreach (var row in rows.Lots) insertLot.Add(row);
            foreach (var row in rows.Links) insertLink.Add(row);
            foreach (var row in rows.Measurements) insertMeasurement.Add(row);
        }

        // Parents before children: lots and events first, so that a database with foreign keys would accept the order.
        insertEvent.Flush();
        insertLot.Flush();
        insertLotEvent.Flush();
        insertLink.Flush();
        insertMeasurement.Flush();
    }

    /// <summary>
    /// The <c>contexts</c> row of <paramref name="json"/>, inserted when new. Rows are only ever added, and the capture
    /// holds the write lock (BEGIN IMMEDIATE, the events table lock on PostgreSQL), so no other writer races the insert.
    /// </summary>
    private static int ContextId(DbConnection connection, DbTransaction tx, Dictionary<string, int> known, string json)
    {
        if (known.TryGetValue(json, out var id)) return id;
        using var select = Command(connection, tx, "SELECT id FROM contexts WHERE json = @json", "json");
        select.Parameters[0].Value = json;
        if (select.ExecuteScalar() is not { } found)
        {
            using var insert = Command(connection, tx, "INSERT INTO contexts (id, json) SELECT COALESCE(MAX(id), 0) + 1, @json FROM contexts RETURNING id", "json");
            insert.Parameters[0].Value = json;
            found = insert.ExecuteScalar()!;
        }

        return known[json] = Convert.ToInt32(found, CultureInfo.InvariantCulture);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params string[] parameters)
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

    private static void Execute(DbConnection connection, DbTransaction? tx, string sql)
    {
        using var command = Command(connection, tx, sql);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Walks the ledger in order: recomputes each event's content hash from its stored canonical form, checks that
    /// the indexed columns agree with it, that seq has no gap, and that the chain links; then rebuilds the
    /// projection rows (lots with their origin data, lot quantities, genealogy links, measurements) each event must
    /// have produced and compares them with the stored rows. Names the first event that does not match.
    /// </summary>
    public VerifyResult Verify()
    {
        const int chunkSize = 2000;
        var connection = Connection;
        var chain = Canonical.Genesis;
        long lastSeq = 0;
        long count = 0;
        var expectedTotals = new long[4];
        // The walk starts below any seq a row can hold, so that a row inserted at seq 0 or below is walked (and fails)
        // rather than skipped.
        var cursor = long.MinValue;
        while (true)
        {
            var chunk = new List<EventRecord>(chunkSize);
            Query(connection, null, string.Create(CultureInfo.InvariantCulture, $"{EventRows.Select} WHERE events.seq > {cursor} ORDER BY events.seq LIMIT {chunkSize}"), [], r => chunk.Add(EventRows.Read(r)));
            if (chunk.Count == 0) break;
            VerifyResult? hashFailure = null;
            var expected = new List<(EventRecord Event, ProjectionRows Rows)>();
            foreach (var e in chunk)
            {
                count++;
                string? reason = null;
                cursor = e.Seq;
                var canonical = Restored(e);
                if (e.Seq <= 0) reason = string.Create(CultureInfo.InvariantCulture, $"seq {e.Seq} is not a ledger position (the chain counts from 1): the row was inserted outside the chain");
                else if (e.Seq != lastSeq + 1) reason = string.Create(CultureInfo.InvariantCulture, $"seq {e.Seq} follows {lastSeq}: events in between were removed");
                else if (canonical is null) reason = "the stored body marks a member whose column is empty: the row was edited";
                else if (e.Custody is not (0 or 1)) reason = string.Create(CultureInfo.InvariantCulture, $"column custody holds {e.Custody}, neither 1 (on) nor 0 (off): the row was edited");
                // The content hash is not stored: the chain hash covers the content (with the columns the body marks).
                else if (ChainHash(chain, Canonical.Sha256Hex(canonical!), e.Seq, e.RecordTimeUnixMs, e.Custody) != e.ChainHashHex)
                    reason = "content does not match its chain hash: the event (or a column its body marks) was edited, or the chain rewritten from here";
                else if (ColumnMismatch(e, canonical!) is { } column) reason = $"column {column} does not match the hashed event: the row was edited";
                if (reason is not null)
                {
                    hashFailure = new VerifyResult(count, false, e.Seq, e.EventId, reason, chain);
                    break;
                }

                chain = e.ChainHashHex;
                lastSeq = e.Seq;
                expected.Add((e, ProjectionRows.Of(EpcisReader.ReadStored(canonical!, custody: e.Custody == 1), e.Seq)));
            }

            if (expected.Count > 0 && ProjectionMismatch(connection, expected) is { } mismatch)
                return new VerifyResult(count, false, mismatch.Event.Seq, mismatch.Event.EventId, mismatch.Reason, chain);
            if (hashFailure is not null) return hashFailure;
            foreach (var (_, rows) in expected)
            {
                expectedTotals[0] += rows.Lots.Count;
                expectedTotals[1] += rows.LotEvents.Count;
                expectedTotals[2] += rows.Links.Count;
                expectedTotals[3] += rows.Measurements.Count;
            }
        }

        // Every row of the events table is in the chain: its length equals the rows up to its head (a capture running
        // meanwhile only appends above the head).
        long eventRows = 0;
        Query(connection, null, string.Create(CultureInfo.InvariantCulture, $"SELECT COUNT(*) FROM events WHERE seq <= {lastSeq}"), [], r => eventRows = r.GetInt64(0));
        if (eventRows != count)
            return new VerifyResult(count, false, null, null, string.Create(CultureInfo.InvariantCulture, $"the chain holds {count} events but the events table {eventRows} rows up to seq {lastSeq}: rows lie outside the chain"), chain);

        // Rows that no event produced (outside the ranges compared above) show in the totals.
        var tables = new[] { "lots", "lot_events", "links", "measurements" };
        for (var t = 0; t < tables.Length; t++)
        {
            long stored = 0;
            Query(connection, null, $"SELECT COUNT(*) FROM {tables[t]}", [], r => stored = r.GetInt64(0));
            if (stored != expectedTotals[t])
                return new VerifyResult(count, false, null, null, string.Create(CultureInfo.InvariantCulture, $"table {tables[t]} holds {stored} rows where the events produce {expectedTotals[t]}: rows were added or removed"), chain);
        }

        // SQLite's merged eventIDs (EventIdTail): exactly one row for each event up to the merge point, naming it.
        if (!Database.IsPostgres)
        {
            long merged = 0, ids = 0, matching = 0;
            Query(connection, null, "SELECT (SELECT seq FROM event_ids_merged), (SELECT COUNT(*) FROM event_ids), " +
                "(SELECT COUNT(*) FROM event_ids JOIN events ON events.seq = event_ids.seq AND events.event_id = event_ids.event_id AND events.seq <= (SELECT seq FROM event_ids_merged))", [], r =>
                (merged, ids, matching) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)));
            if (ids != merged || matching != merged)
                return new VerifyResult(count, false, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"table event_ids holds {ids} eventIDs, {matching} of them naming their event, where the events up to seq {merged} need {merged}: rows were added, removed or changed"), chain);
        }

        return new VerifyResult(count, true, null, null, null, chain);
    }

    /// <summary>The first event of the chunk whose projection rows differ from those stored, with what differs.</summary>
    private static (EventRecord Event, string Reason)? ProjectionMismatch(DbConnection connection, List<(EventRecord Event, ProjectionRows Rows)> expected)
    {
        var first = expected[0].Event.Seq;
        var last = expected[^1].Event.Seq;
        var range = string.Create(CultureInfo.InvariantCulture, $" BETWEEN {first} AND {last}");
        var stored = new Dictionary<(string Table, long Seq), List<string>>();
        void Collect(string table, int seqColumn, DbDataReader r)
        {
            var values = new object?[r.FieldCount];
            r.GetValues(values!);
            var seq = Convert.ToInt64(values[seqColumn], CultureInfo.InvariantCulture);
            if (!stored.TryGetValue((table, seq), out var list)) stored[(table, seq)] = list = [];
            list.Add(ProjectionRows.Key(values));
        }

        Query(connection, null, $"SELECT {string.Join(", ", ProjectionRows.LotEventColumns)} FROM lot_events WHERE event_seq{range}", [], r => Collect("lot_events", 0, r));
        Query(connection, null, $"SELECT {string.Join(", ", ProjectionRows.MeasurementColumns)} FROM measurements WHERE event_seq{range}", [], r => Collect("measurements", 0, r));
        var lots = expected.SelectMany(x => x.Rows.Lots.Select(row => (string)row[0]!)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var part in lots.Chunk(InListSize))
        {
            Query(connection, null, $"SELECT {string.Join(", ", ProjectionRows.LotColumns)} FROM lots WHERE lot IN ", part, r => Collect("lots", 1, r));
            Query(connection, null, $"SELECT {string.Join(", ", ProjectionRows.LinkColumns)} FROM links WHERE to_lot IN ", part, r => Collect("links", 2, r));
        }

        foreach (var (e, rows) in expected)
        {
            foreach (var (table, list) in new[] { ("lots", rows.Lots), ("lot_events", rows.LotEvents), ("links", rows.Links), ("measurements", rows.Measurements) })
            {
                var want = list.Select(ProjectionRows.Key).Order(StringComparer.Ordinal).ToList();
                var have = (stored.GetValueOrDefault((table, e.Seq)) ?? []).Order(StringComparer.Ordinal).ToList();
                if (!want.SequenceEqual(have))
                    return (e, $"{table} rows do not match what the event records: the projection was edited (expected {want.Count} row(s), found {have.Count}{FirstDifference(want, have)})");
            }
        }

        return null;
    }

    private static string FirstDifference(List<string> want, List<string> have)
    {
        var missing = want.Except(have).FirstOrDefault();
        var extra = have.Except(want).FirstOrDefault();
        return (missing is null ? "" : $"; expected row {missing.Replace('\u001f', ' ')}") + (extra is null ? "" : $"; found row {extra.Replace('\u001f', ' ')}");
    }

    private static string? Restored(EventRecord e)
    {
        try
        {
            return e.CanonicalJson;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static string? ColumnMismatch(EventRecord e, string canonical)
    {
        using var json = JsonDocument.Parse(canonical);
        var root = json.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (Text("eventID") != e.EventId) return "event_id";
        if (Text("type") != e.Kind) return "kind";
        if (Text("bizStep") != e.BizStep) return "biz_step";
        if (Text("disposition") != e.Disposition) return "disposition";
        if (Text("action") != e.Action) return "action";
        if (!EpcisReader.TryParseDateTime(Text("eventTime"), out var t) || t.ToUnixTimeMilliseconds() != e.EventTimeUnixMs)
            return "event_time_ms";
        return null;
    }
}
