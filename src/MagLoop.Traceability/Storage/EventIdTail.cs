using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MagLoop.Traceability.Storage;

/// <summary>
/// This process's map of a SQLite store's newest eventIDs: the events after <c>event_ids_merged.seq</c>, whose ids
/// <c>event_ids</c> does not hold yet (the MergedEventIds migration). Only committed events enter it, so every
/// connection of the process may trust it. It is complete for the events with a seq in <c>(Low, High]</c>. After each
/// commit the writer moves the tail into <c>event_ids</c> once it holds <see cref="MergeEvents"/> events, as one
/// sorted insert. The map then forgets the batch before the last one: a reader whose snapshot predates the last merge
/// still finds those ids here. An older reader falls back to scanning the events.
/// </summary>
/// <remarks>
/// Why: a unique index over random 32-byte hashes puts nearly every new event on a page of its own, and each commit
/// writes every page it touched to the log. At 1 M events that cost a third of the server's capture. Sorted batches
/// touch each page once per batch instead.
/// </remarks>
public sealed class EventIdTail
{
    /// <summary>Events in the tail at which the writer merges it into <c>event_ids</c>.</summary>
    public const int DefaultMergeEvents = 32_768;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, EventIdTail> ByPath = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _seqById = new(StringComparer.Ordinal);
    private long _low = -1;
    private long _high = -1;
    private long _merged = -1;
    private byte[]? _highChainHash;

    /// <summary>The map of the SQLite store <paramref name="database"/> in this process (one per file, whoever opens it).</summary>
    public static EventIdTail For(TraceDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.SqlitePath is not { } path) throw new InvalidOperationException("only a SQLite store keeps its newest eventIDs apart");
        return ByPath.GetOrAdd(Path.GetFullPath(path), _ => new EventIdTail());
    }

    /// <summary>Events in the tail at which the writer merges it (<see cref="DefaultMergeEvents"/>; tests lower it).</summary>
    public int MergeEvents { get; set; } = DefaultMergeEvents;

    /// <summary>Events the map holds (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _seqById.Count;
        }
    }

    /// <summary>The seq up to which every committed event is in the map or in <c>event_ids</c>; -1 before the first load.</summary>
    internal long High
    {
        get
        {
            lock (_gate) return _high;
        }
    }

    /// <summary>
    /// Brings the map up to date with the store as <paramref name="connection"/> sees it. The connection must not be
    /// in a transaction that wrote events: only committed events may enter the map. <paramref name="merged"/> is
    /// <c>event_ids_merged.seq</c> as the caller last read it.
    /// </summary>
    internal void Refresh(DbConnection connection, DbTransaction? tx, long merged)
    {
        lock (_gate)
        {
            long last = 0;
            TraceStore.QueryRows(connection, tx, "SELECT COALESCE(MAX(seq), 0) FROM events", r => last = r.GetInt64(0));
            if (_high >= 0)
            {
                // A transaction's snapshot may be older than the map: the map stays as it is. Seen outside one, the
                // store has shrunk or gone back: another file at the same path, so the map starts again. So it does
                // when the event at High no longer has the chain hash it had.
                var behind = last < _high || merged < _merged;
                if (behind && tx is not null) return;
                var chain = behind || _high == 0 ? null : ChainHashAt(connection, tx, _high);
                if (behind || (_high > 0 && (chain is null || !chain.AsSpan().SequenceEqual(_highChainHash)))) Reset();
            }

            if (_high < 0) _low = _high = _merged = merged;
            Observe(merged);
            if (last > _high)
            {
                TraceStore.QueryRows(connection, tx, Sql($"SELECT seq, event_id, chain_hash FROM events WHERE seq > {_high} AND seq <= {last} ORDER BY seq"), r =>
                {
                    _seqById[StoredEventId.Read(r, 1)] = r.GetInt64(0);
                    _highChainHash = r.GetFieldValue<byte[]>(2);
                });
                _high = last;
            }

            if (_highChainHash is null && _high > 0) _highChainHash = ChainHashAt(connection, tx, _high);
        }
    }

    /// <summary>
    /// Takes note of <paramref name="merged"/>, a merge point read from the store: when it has moved on, the batch
    /// before the last one is dropped.
    /// </summary>
    internal void Observe(long merged)
    {
        lock (_gate)
        {
            if (_high < 0 || merged <= _merged) return;
            _low = Math.Min(_merged, _high);
            _merged = merged;
            var low = _low;
            foreach (var (id, seq) in _seqById)
                if (seq <= low) _seqById.Remove(id);
        }
    }

    /// <summary>Forgets everything (after a failure that may have left the map behind the store).</summary>
    internal void Reset()
    {
        lock (_gate)
        {
            _seqById.Clear();
            _low = _high = _merged = -1;
            _highChainHash = null;
        }
    }

    private static string Sql(FormattableString sql) => FormattableString.Invariant(sql);

    private static byte[]? ChainHashAt(DbConnection connection, DbTransaction? tx, long seq)
    {
        byte[]? chain = null;
        TraceStore.QueryRows(connection, tx, Sql($"SELECT chain_hash FROM events WHERE seq = {seq}"), r => chain = r.GetFieldValue<byte[]>(0));
        return chain;
    }

    /// <summary>
    /// For each of <paramref name="ids"/> the map holds, its seq into <paramref name="found"/> (every entry is a
    /// committed event). Returns the range the map is complete for: <c>(Low, High]</c>, (-1, -1) before the first load.
    /// </summary>
    internal (long Low, long High) Find(IEnumerable<string> ids, Dictionary<string, long> found)
    {
        lock (_gate)
        {
            if (_high < 0) return (-1, -1);
            foreach (var id in ids)
                if (!found.ContainsKey(id) && _seqById.TryGetValue(id, out var seq)) found[id] = seq;
            return (_low, _high);
        }
    }
}

public sealed partial class TraceStore
{
    /// <summary>
    /// The seq of each of <paramref name="ids"/> that the store holds, as <paramref name="connection"/> (in
    /// <paramref name="tx"/>, if any) sees it. PostgreSQL asks its unique index. SQLite asks <c>event_ids</c> and this
    /// process's <see cref="EventIdTail"/>, and scans the events neither covers. <paramref name="writing"/>: the
    /// transaction may hold events of its own, so the map is not refreshed from it, and the events after the map's
    /// end are scanned instead.
    /// </summary>
    public static Dictionary<string, long> FindEventSeqs(TraceDatabase database, DbConnection connection, DbTransaction? tx, IReadOnlyCollection<string> ids, bool writing = false)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        if (ids.Count == 0) return found;
        if (database.IsPostgres)
        {
            foreach (var chunk in ids.Chunk(InListSize))
                Query(connection, tx, "SELECT event_id, seq FROM events WHERE event_id IN ", chunk, r => found[StoredEventId.Read(r, 0)] = r.GetInt64(1), storedEventIds: true);
            return found;
        }

        // Each statement reads event_ids with the merge point it holds up to; the lowest one bounds what the map must cover.
        var merged = long.MaxValue;
        foreach (var chunk in ids.Chunk(InListSize))
            Query(connection, tx, "SELECT event_id, seq FROM event_ids WHERE event_id IN ", chunk, r =>
            {
                if (r.IsDBNull(0)) merged = Math.Min(merged, r.GetInt64(1));
                else found[StoredEventId.Read(r, 0)] = r.GetInt64(1);
            }, " UNION ALL SELECT NULL, seq FROM event_ids_merged", storedEventIds: true);

        if (merged == long.MaxValue) merged = 0;
        var tail = EventIdTail.For(database);
        if (writing) tail.Observe(merged);
        else tail.Refresh(connection, tx, merged);
        var (low, high) = tail.Find(ids, found);
        if (found.Count == ids.Count) return found;
        if (high < 0) low = high = merged;
        var missing = ids.Where(id => !found.ContainsKey(id)).ToList();
        // Events the map no longer holds (a snapshot older than its last merge), and a writer's events after its end.
        if (merged < low) ScanEvents(connection, tx, missing, merged, low, found);
        if (writing) ScanEvents(connection, tx, missing, high, long.MaxValue, found);
        return found;
    }

    /// <summary>
    /// As <see cref="FindEventSeqs(TraceDatabase, DbConnection, DbTransaction?, IReadOnlyCollection{string}, bool)"/>
    /// for a reading context (its connection, opened; outside any transaction that wrote events).
    /// </summary>
    public static Dictionary<string, long> FindEventSeqs(TraceDbContext db, IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Database.OpenConnection();
        var connection = db.Database.GetDbConnection();
        var database = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite ? TraceDatabase.Sqlite(sqlite.DataSource) : TraceDatabase.Postgres(connection.ConnectionString);
        return FindEventSeqs(database, connection, db.Database.CurrentTransaction?.GetDbTransaction(), ids);
    }

    private static void ScanEvents(DbConnection connection, DbTransaction? tx, IReadOnlyList<string> ids, long after, long upTo, Dictionary<string, long> found)
    {
        foreach (var chunk in ids.Chunk(InListSize))
            Query(connection, tx, FormattableString.Invariant($"SELECT event_id, seq FROM events WHERE seq > {after} AND seq <= {upTo} AND event_id IN "), chunk,
                r => found[StoredEventId.Read(r, 0)] = r.GetInt64(1), storedEventIds: true);
    }

    /// <summary>Runs <paramref name="sql"/> on <paramref name="connection"/> and reads each row.</summary>
    internal static void QueryRows(DbConnection connection, DbTransaction? tx, string sql, Action<DbDataReader> row) => Query(connection, tx, sql, [], row);

    /// <summary>
    /// After a commit on SQLite: the map takes in the events just committed, and a tail of
    /// <see cref="EventIdTail.MergeEvents"/> or more moves into <c>event_ids</c> as one sorted insert in a transaction
    /// of its own. A failure here loses nothing (the capture is committed, and lookups scan what the map lacks), so it
    /// only resets the map.
    /// </summary>
    private void AfterWrite()
    {
        if (Database.IsPostgres) return;
        var tail = EventIdTail.For(Database);
        var connection = Connection;
        try
        {
            var merged = MergedSeq(connection, null);
            tail.Refresh(connection, null, merged);
            if (tail.High - merged < tail.MergeEvents) return;
            using (var begin = Command(connection, null, "BEGIN IMMEDIATE"))
            {
                // A second only: another process holding the lock merges, or the next commit tries again.
                begin.CommandTimeout = 1;
                begin.ExecuteNonQuery();
            }

            try
            {
                merged = MergedSeq(connection, null);
                long last = 0;
                QueryRows(connection, null, "SELECT COALESCE(MAX(seq), 0) FROM events", r => last = r.GetInt64(0));
                if (last - merged >= tail.MergeEvents)
                {
                    Execute(connection, null, FormattableString.Invariant(
                        $"INSERT INTO event_ids (event_id, seq) SELECT event_id, seq FROM events WHERE seq > {merged} AND seq <= {last} ORDER BY event_id; UPDATE event_ids_merged SET seq = {last};"));
                    merged = last;
                }

                Execute(connection, null, "COMMIT");
            }
            catch
            {
                Execute(connection, null, "ROLLBACK");
                throw;
            }

            tail.Observe(merged);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The capture is committed: it must not be reported as failed because its ids could not be merged.
            tail.Reset();
        }
    }

    private static long MergedSeq(DbConnection connection, DbTransaction? tx)
    {
        long merged = 0;
        QueryRows(connection, tx, "SELECT seq FROM event_ids_merged", r => merged = r.GetInt64(0));
        return merged;
    }
}
