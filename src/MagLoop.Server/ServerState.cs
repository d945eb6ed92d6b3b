using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MagLoop.Traceability;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MagLoop.Server;

/// <summary>
/// The server's one writer: the trace store opened for writing (which migrates it), guarded by a lock because the
/// ledger has one writer at a time anyway (each event chains to the previous hash). Capture jobs queue here and a
/// background worker runs them in order; reads open their own read-only contexts.
/// </summary>
internal sealed class ServerState : IDisposable
{
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly Channel<(string Id, PreparedCapture Capture)> _jobs = Channel.CreateUnbounded<(string, PreparedCapture)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Capture jobs submitted and not yet recorded (<see cref="RegisterQueued"/>).</summary>
    private readonly ConcurrentQueue<(CaptureJobRecord Job, TaskCompletionSource Registered)> _registrations = new();

    /// <summary>This process's jobs that have not finished, each with the signal its outcome's commit sets (<see cref="WhenFinished"/>).</summary>
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _unfinished = new(StringComparer.Ordinal);

    /// <summary>
    /// PostgreSQL only: a session held for the process's lifetime with an advisory lock on <see cref="_instance"/>, so
    /// another server process on the same database can tell whether this one is alive (its lock is released when the
    /// session ends, however the process ended).
    /// </summary>
    private readonly NpgsqlConnection? _alive;

    /// <summary>This process's id, the first part of each capture id it issues: whose queue a running job is in.</summary>
    private readonly long _instance = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// SQLite only: the lock file beside the store, held open with <see cref="FileShare.None"/> (an exclusive flock on
    /// Unix, a share-mode lock on Windows) for the process's lifetime, so that a second server process on the same file
    /// is refused instead of reporting the first one's running capture jobs as failed. The operating system releases it
    /// however the process ends.
    /// </summary>
    private readonly FileStream? _sqliteLock;

    /// <summary>SQLite only: copies the log into the store's file beside the writer, not in it (null on PostgreSQL).</summary>
    private readonly WalCheckpointer? _checkpoints;

    /// <summary>
    /// How often the SQLite log is checkpointed: about as often as the writer's own checkpoint at 16,384 frames ran
    /// under the capture load (so the same pages are copied as often), and measured no slower than every 200 ms.
    /// </summary>
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    public ServerState(ServerOptions options)
    {
        Options = options;
        if (options.Database.SqlitePath is { } path) _sqliteLock = LockSqlite(path);
        Store = TraceStore.Open(options.Database, options.Time, options.Schema, options.Custody);
        if (options.Database.IsPostgres)
        {
            _alive = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.Database.PostgresConnectionString) { Pooling = false }.ConnectionString);
            _alive.Open();
            using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@k)", _alive);
            command.Parameters.AddWithValue("k", _instance);
            command.ExecuteNonQuery();
        }

        FailOrphans();
        _checkpoints = WalCheckpointer.Start(Store, CheckpointInterval, e => Logger?.LogWarning("WAL checkpoint failed ({Type}: {Message}); the next one is tried as usual", e.GetType().Name, e.Message));
    }

    /// <summary>The lock file path of a SQLite store: its full path with <c>.serve-lock</c> appended.</summary>
    internal static string LockPath(string sqlitePath) => Path.GetFullPath(sqlitePath) + ".serve-lock";

    private static FileStream LockSqlite(string sqlitePath)
    {
        var lockPath = LockPath(sqlitePath);
        try
        {
            // Not deleted on close: a file deleted while another process opens it would let two processes lock two files.
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.GetType() == typeof(IOException))
        {
            // A plain IOException is the sharing violation (on Unix: the flock is held); a missing folder or a
            // denied permission come as its subclasses or UnauthorizedAccessException, below.
            throw new StoreInUseException(
                $"store {sqlitePath} is served by another server process (it holds {lockPath}). One server process serves a SQLite file: "
                + "stop the other one, or use PostgreSQL (--postgres) to run several");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MagLoop.Errors.UserError($"cannot open the lock file {lockPath} beside the store ({e.Message}): the server needs to write in the store's folder");
        }
    }

    /// <summary>
    /// A job still marked running was accepted by a process that stopped before it ran: its body is gone and nothing
    /// of it was stored (its events and its success commit in one transaction), so it is reported as failed rather than
    /// left hanging. On PostgreSQL only jobs of processes that no longer hold their advisory lock are orphans: another
    /// live server's queue is left alone. On SQLite every running job is (one server process per file).
    /// </summary>
    private void FailOrphans()
    {
        var now = Options.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var running = Store.Context.CaptureJobs.Where(j => j.Running).ToList();
        foreach (var job in running.Where(j => IsOrphan(j.Id)))
        {
            job.Running = false;
            job.Success = false;
            job.FinishedUnixMs = now;
            job.ErrorsJson = new JsonArray(Problems.Body(500, Problems.Implementation, "the server stopped before this capture ran; nothing of it was stored: submit it again", null)).ToJsonString();
        }

        Store.Context.SaveChanges();
        Store.Context.ChangeTracker.Clear();
    }

    private bool IsOrphan(string jobId)
    {
        if (_alive is null) return true;
        // cap-{instance:x16}-{random}[-proceed]; an id of another form predates instance ids: its process is gone.
        var parts = jobId.Split('-');
        if (parts.Length is not (3 or 4) || !long.TryParse(parts[1], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var owner)) return true;
        if (owner == _instance) return false;
        using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@k)", _alive);
        command.Parameters.AddWithValue("k", owner);
        if (command.ExecuteScalar() is not true) return false;
        using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@k)", _alive);
        unlock.Parameters.AddWithValue("k", owner);
        unlock.ExecuteNonQuery();
        return true;
    }

    public ServerOptions Options { get; }

    /// <summary>Where the worker reports a capture that failed inside (set by the host).</summary>
    public ILogger? Logger { get; set; }

    public TraceDatabase Database => Options.Database;

    public TraceStore Store { get; }

    /// <summary>Runs <paramref name="action"/> as the only writer.</summary>
    public async Task<T> Write<T>(Func<TraceStore, T> action, CancellationToken cancel)
    {
        await _write.WaitAsync(cancel);
        try
        {
            return action(Store);
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>
    /// Records a running capture job and queues its prepared document (checked once, in the request, outside the
    /// write lock); returns the job id. A proceed job's id ends in <see cref="ProceedSuffix"/>: the job reports its
    /// error behaviour from its id, the capture_jobs table having no column for it.
    /// </summary>
    public async Task<string> Submit(string keyId, PreparedCapture capture, CancellationToken cancel)
    {
        var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"cap-{_instance:x16}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}")
            + (capture.Proceed ? ProceedSuffix : "");
        var job = new CaptureJobRecord { Id = id, KeyId = keyId, CreatedUnixMs = Options.Time.GetUtcNow().ToUnixTimeMilliseconds(), Running = true, Success = true };
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _registrations.Enqueue((job, registered));
        // Not cancelled with the request: once queued, the job is registered (by this call or one before it) and run.
        await Write(store =>
        {
            RegisterQueued(store);
            return 0;
        }, CancellationToken.None);
        await registered.Task;
        _unfinished[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _jobs.Writer.WriteAsync((id, capture), cancel);
        }
        catch
        {
            _unfinished.TryRemove(id, out _);
            throw;
        }

        return id;
    }

    /// <summary>
    /// Completes when capture job <paramref name="id"/> has finished (its outcome committed), or when
    /// <paramref name="wait"/> has passed, whichever is first; at once for a job that is not running in this
    /// process. True when the job was running here and this call waited for it.
    /// </summary>
    public async Task<bool> WhenFinished(string id, TimeSpan wait, CancellationToken cancel)
    {
        if (!_unfinished.TryGetValue(id, out var finished)) return false;
        try
        {
            await finished.Task.WaitAsync(wait, Options.Time, cancel);
        }
        catch (TimeoutException)
        {
            // Still running: the caller answers with the job as it is, as it would without waiting.
        }

        return true;
    }

    /// <summary>
    /// Records every capture job queued so far as running, in one transaction. The write lock is mostly held by a
    /// capture group, so the jobs submitted meanwhile queue up: whichever submission takes the lock next registers
    /// them all with one commit instead of one each, and the others find their job done.
    /// </summary>
    private void RegisterQueued(TraceStore store)
    {
        var batch = new List<(CaptureJobRecord Job, TaskCompletionSource Registered)>();
        while (_registrations.TryDequeue(out var registration)) batch.Add(registration);
        if (batch.Count == 0) return;
        try
        {
            if (batch.Count == 1) StoredCaptureJobs.Insert(store, batch[0].Job);
            else
            {
                using var transaction = store.Context.Database.BeginTransaction();
                foreach (var (job, _) in batch) StoredCaptureJobs.Insert(store, job);
                transaction.Commit();
            }
        }
        catch (Exception e)
        {
            // Nothing of the batch was stored: each submission fails as its own insert would have.
            foreach (var (_, registered) in batch) registered.TrySetException(e);
            return;
        }

        foreach (var (_, registered) in batch) registered.TrySetResult();
    }

    /// <summary>The end of the id of a capture job submitted with <c>GS1-Capture-Error-Behaviour: proceed</c>.</summary>
    public const string ProceedSuffix = "-proceed";

    /// <summary>
    /// At most this many events per group commit: a group is what is queued when the writer is free, so it grows only
    /// when captures arrive faster than single commits could store them; the cap bounds how long one transaction
    /// holds the write lock (10,000 events: one full capture at the default limit).
    /// </summary>
    private const int GroupEventLimit = 10_000;

    /// <summary>
    /// Runs queued jobs until <paramref name="stop"/>: whatever is queued when the writer is free is appended as one
    /// group (<see cref="TraceStore.AppendGroup"/>: one transaction, a savepoint per job), each job's outcome saved in
    /// that transaction, so a job reads success exactly when its events are stored and the commit is durable.
    /// </summary>
    public async Task RunJobs(CancellationToken stop)
    {
        while (await _jobs.Reader.WaitToReadAsync(stop))
        {
            var group = new List<(string Id, PreparedCapture Capture)>();
            var events = 0;
            while (events < GroupEventLimit && _jobs.Reader.TryPeek(out var next) && (group.Count == 0 || events + next.Capture.Events.Count <= GroupEventLimit)
                   && _jobs.Reader.TryRead(out next))
            {
                group.Add(next);
                events += next.Capture.Events.Count;
            }

            try
            {
                await Write(store =>
                {
                    if (!RunGroup(store, group))
                    {
                        // The group's transaction failed and rolled back: nothing of it is stored. Each job runs alone, so
                        // that only a job at fault fails and its neighbours are stored.
                        foreach (var job in group) RunOne(store, job.Id, job.Capture);
                    }

                    return 0;
                }, CancellationToken.None);
            }
            finally
            {
                // Every outcome of the group is committed (or, should the writer itself fail, the jobs stay running):
                // those waiting for them read the store now.
                foreach (var (id, _) in group)
                    if (_unfinished.TryRemove(id, out var finished)) finished.TrySetResult();
            }
        }
    }

    /// <summary>Appends a group in one transaction; false when the database failed (nothing stored, every job still running).</summary>
    private bool RunGroup(TraceStore store, List<(string Id, PreparedCapture Capture)> group)
    {
        if (group.Count == 1)
        {
            RunOne(store, group[0].Id, group[0].Capture);
            return true;
        }

        try
        {
            store.AppendGroup(group.Select(g => g.Capture).ToList(), outcomes =>
            {
                for (var i = 0; i < group.Count; i++)
                {
                    if (outcomes[i].Summary is { } summary) Succeeded(store, group[i].Id, summary);
                    else Rejected(store, group[i].Id, outcomes[i].Rejection!);
                }
            });
            return true;
        }
        catch (StoreBusyException e)
        {
            foreach (var (id, _) in group) Failed(store, id, new JsonArray(Problems.Body(503, Problems.Implementation, "store busy", e.Problem)));
            return true;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            Logger?.LogWarning("capture group of {Count} jobs failed ({Type}: {Message}); running them one at a time", group.Count, e.GetType().Name, e.Message);
            return false;
        }
    }

    /// <summary>Runs one job in its own transaction and records its outcome, whatever it is.</summary>
    private void RunOne(TraceStore store, string id, PreparedCapture capture)
    {
        try
        {
            // The job's success is saved in the capture's own transaction: a job reads success exactly when its
            // events are stored, whenever the process dies.
            store.Append(capture, summary => Succeeded(store, id, summary));
        }
        catch (CaptureRejectedException e)
        {
            Rejected(store, id, e);
        }
        catch (StoreBusyException e)
        {
            Failed(store, id, new JsonArray(Problems.Body(503, Problems.Implementation, "store busy", e.Problem)));
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // A database failure mid-capture (disk full, connection lost): the transaction rolled back, so nothing
            // was stored. The job says so and the worker goes on with the next one instead of dying with the
            // queue behind it.
            Logger?.LogError("capture job {Id} failed: {Type}: {Message}", id, e.GetType().Name, e.Message);
            Failed(store, id, new JsonArray(Problems.Body(500, Problems.Implementation, "the store failed during this capture; nothing of it was stored: submit it again", null)));
        }
    }

    /// <summary>Stored: under proceed, success only when no event was left out (the binding's proceed table).</summary>
    private void Succeeded(TraceStore store, string id, CaptureSummary summary) =>
        Finish(store, id, summary.Errors.Count == 0, Problems.Errors(summary.Errors), summary.Appended, summary.Duplicates);

    // Rejected (under rollback), in its own statement after the capture's transaction rolled back.
    private void Rejected(TraceStore store, string id, CaptureRejectedException e) => Finish(store, id, false, Problems.Errors(e.Errors), 0, 0);

    /// <summary>Nothing was stored: the failure is recorded on its own.</summary>
    private void Failed(TraceStore store, string id, JsonArray errors) => Finish(store, id, false, errors, 0, 0);

    // The job's outcome, in the transaction that is open (the capture's) or on its own.
    private void Finish(TraceStore store, string id, bool success, JsonArray errors, int appended, int duplicates)
    {
        var job = new CaptureJobRecord
        {
            Id = id, Running = false, Success = success, ErrorsJson = errors.ToJsonString(), Appended = appended, Duplicates = duplicates,
            FinishedUnixMs = Options.Time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        // Jobs are inserted when submitted and never deleted, so a missing row is a store edited by hand: the capture's
        // events stand, and the outcome has nowhere to go but the log.
        if (!StoredCaptureJobs.Finish(store, job)) Logger?.LogWarning("capture job {Id} is no longer in the store; its outcome (success: {Success}) is not recorded", id, success);
    }

    /// <summary>A capture job as the binding shows it.</summary>
    public static JsonObject JobJson(CaptureJobRecord job)
    {
        var o = new JsonObject
        {
            ["captureID"] = job.Id,
            ["createdAt"] = Time(job.CreatedUnixMs),
            ["running"] = job.Running,
            ["success"] = job.Success,
            ["captureErrorBehaviour"] = job.Id.EndsWith(ProceedSuffix, StringComparison.Ordinal) ? "proceed" : "rollback",
            ["errors"] = JsonNode.Parse(job.ErrorsJson),
            ["appended"] = job.Appended,
            ["duplicates"] = job.Duplicates,
        };
        if (job.FinishedUnixMs is { } f) o["finishedAt"] = Time(f);
        return o;
    }

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _checkpoints?.Dispose();
        Store.Dispose();
        _alive?.Dispose();
        _sqliteLock?.Dispose();
        _write.Dispose();
    }
}

/// <summary>A second server process asked to serve a SQLite store that another one serves; nothing was changed.</summary>
public sealed class StoreInUseException(string message) : MagLoop.Errors.UserError(message);

/// <summary>Runs the capture queue for the lifetime of the host.</summary>
internal sealed class CaptureWorker(ServerState state) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => state.RunJobs(stoppingToken);
}

/// <summary>Helpers over stored event rows.</summary>
internal static class StoredEvents
{
    /// <summary>
    /// The event as the query returns it: its stored form with the repository's recordTime. A recordTime the capturing
    /// client sent is kept in the ledger as captured but not returned: EPCIS 2.0 section 7.4.1 has the capture
    /// interface ignore it, and GE_/LT_recordTime query the repository's.
    /// </summary>
    public static JsonObject ToJson(EventRecord e)
    {
        var node = (JsonObject)JsonNode.Parse(e.CanonicalJson)!;
        node["recordTime"] = DateTimeOffset.FromUnixTimeMilliseconds(e.RecordTimeUnixMs).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        return node;
    }

    /// <summary>One event by id, or null.</summary>
    public static EventRecord? Find(TraceDbContext db, string eventId) =>
        TraceStore.FindEventSeqs(db, [eventId]).TryGetValue(eventId, out var seq) ? db.Events.AsNoTracking().SingleOrDefault(e => e.Seq == seq && e.EventId == eventId) : null;

    /// <summary>Parsed JSON element of a stored event.</summary>
    public static JsonElement Element(EventRecord e) => JsonDocument.Parse(e.CanonicalJson).RootElement;
}
