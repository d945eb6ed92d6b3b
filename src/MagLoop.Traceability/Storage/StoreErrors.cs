using MagLoop.Errors;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MagLoop.Traceability.Storage;

/// <summary>Another process held the store's write lock past the busy timeout: try again later (not a fault of the input, not a bug).</summary>
public sealed class StoreBusyException(string message, Exception inner) : UserError(message, "", null)
{
    /// <summary>The database error that reported the lock.</summary>
    public Exception Lock { get; } = inner;
}

/// <summary>The database named is not a MagLoop trace store this version may use; nothing was written to it.</summary>
public sealed class StoreRefusedException(string message) : UserError(message);

/// <summary>Turns a lock wait that timed out into <see cref="StoreBusyException"/>.</summary>
internal static class Busy
{
    /// <summary>Runs <paramref name="action"/>; a busy or locked database becomes <see cref="StoreBusyException"/>.</summary>
    public static void Guard(TraceDatabase database, Action action) => Guard(database, () =>
    {
        action();
        return 0;
    });

    /// <summary>Runs <paramref name="action"/>; a busy or locked database becomes <see cref="StoreBusyException"/>.</summary>
    public static T Guard<T>(TraceDatabase database, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (IsBusy(e))
        {
            throw new StoreBusyException(
                $"store busy: {database} stayed locked by another writer for more than the {database.BusyTimeoutSeconds} s busy timeout; nothing was written, try again", e);
        }
    }

    // SQLITE_BUSY (5) and SQLITE_LOCKED (6); PostgreSQL 55P03 lock_not_available (lock_timeout expired).
    private static bool IsBusy(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SqliteException { SqliteErrorCode: 5 or 6 } || e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable }) return true;
        return false;
    }
}
