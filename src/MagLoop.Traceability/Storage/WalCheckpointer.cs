using System.Data.Common;

namespace MagLoop.Traceability.Storage;

/// <summary>
/// Copies a SQLite store's write-ahead log back into the database file from a thread and connection of its own, so
/// that the store's writer does not have to. SQLite runs a checkpoint in whichever connection commits past its
/// threshold. Under the server's capture load that connection is the single writer, and the checkpoints took about a
/// quarter of its commit time (docs/traceability.md). The checkpoints here are passive: they wait for no reader and
/// no writer, and the writer goes on appending while one runs.
/// </summary>
/// <remarks>
/// The writer keeps a checkpoint of its own, at <see cref="WriterFallbackFrames"/> frames of log instead of SQLite's
/// 16,384 (<see cref="TraceStore.DefaultCheckpointFrames"/>; see <see cref="TraceStore.CheckpointFrames"/>). Two reasons: the log stays bounded if this
/// thread falls behind, and SQLite restarts the log from its beginning only in a writer, after a complete checkpoint.
/// By the time the writer's checkpoint runs, this thread has already copied most of the log. Durability is unchanged:
/// a commit is in the log whenever the log is copied.
/// </remarks>
public sealed class WalCheckpointer : IDisposable
{
    /// <summary>Log frames (pages) at which the writer checkpoints itself while this runs: 256 MB of 4 KB pages.</summary>
    public const int WriterFallbackFrames = 65_536;

    private readonly DbConnection _connection;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _thread;
    private readonly TimeSpan _interval;
    private readonly Action<Exception>? _failed;
    private int _disposed;
    private long _passes;
    private long _framesCopied;

    private WalCheckpointer(DbConnection connection, TimeSpan interval, Action<Exception>? failed)
    {
        _connection = connection;
        _interval = interval;
        _failed = failed;
        _thread = new Thread(Run) { IsBackground = true, Name = "MagLoop WAL checkpoints" };
    }

    /// <summary>
    /// Starts checkpointing <paramref name="store"/>'s log every <paramref name="interval"/> and moves the writer's own
    /// checkpoint to <see cref="WriterFallbackFrames"/>. Null for a PostgreSQL store, which has no such log to copy.
    /// <paramref name="failed"/> hears of a checkpoint that failed; the next one is tried all the same.
    /// </summary>
    public static WalCheckpointer? Start(TraceStore store, TimeSpan interval, Action<Exception>? failed = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Database.IsPostgres) return null;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var connection = store.Database.OpenConnection();
        try
        {
            store.CheckpointFrames = WriterFallbackFrames;
            var checkpointer = new WalCheckpointer(connection, interval, failed);
            checkpointer._thread.Start();
            return checkpointer;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Checkpoints run so far.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Log frames copied into the database file so far (SQLite's count after each checkpoint, summed).</summary>
    public long FramesCopied => Interlocked.Read(ref _framesCopied);

    /// <summary>Runs one passive checkpoint now, on the caller's thread; returns the frames in the log and those copied.</summary>
    public (long LogFrames, long CopiedFrames) CheckpointNow()
    {
        lock (_connection)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            using var reader = command.ExecuteReader();
            reader.Read();
            // (busy, frames in the log, frames checkpointed): -1 for both counts when the store is not in WAL mode.
            var log = reader.GetInt64(1);
            var copied = reader.GetInt64(2);
            Interlocked.Increment(ref _passes);
            if (copied > 0) Interlocked.Add(ref _framesCopied, copied);
            return (log, copied);
        }
    }

    private void Run()
    {
        while (!_stop.Wait(_interval))
        {
            try
            {
                CheckpointNow();
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // A busy or failing file: the writer's own checkpoint still bounds the log; try again next time.
                _failed?.Invoke(e);
            }
        }
    }

    /// <summary>Stops the thread (after the checkpoint it may be running) and closes its connection.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stop.Set();
        _thread.Join();
        _connection.Dispose();
        _stop.Dispose();
    }
}
