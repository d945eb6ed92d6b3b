using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MagLoop.Traceability.Storage;

/// <summary>An API key of the traceability server. Only the key's SHA-256 is stored; the key itself is shown once.</summary>
public sealed class ApiKeyRecord
{
    /// <summary>Public id of the key (what <c>keys list</c> shows and <c>keys revoke</c> takes).</summary>
    public string Id { get; set; } = "";

    /// <summary>SHA-256 of the whole key, lower-case hex.</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>Role name: operator, quality, auditor or admin.</summary>
    public string Role { get; set; } = "";

    /// <summary>Site (a location identifier) the key is bound to.</summary>
    public string Site { get; set; } = "";

    /// <summary>Creation time, Unix ms UTC.</summary>
    public long CreatedUnixMs { get; set; }

    /// <summary>Expiry time, Unix ms UTC, or null for none.</summary>
    public long? ExpiresUnixMs { get; set; }

    /// <summary>Revocation time, Unix ms UTC, or null while the key is valid.</summary>
    public long? RevokedUnixMs { get; set; }
}

/// <summary>A capture job of the EPCIS REST binding (POST /capture): its state and, on failure, every error.</summary>
public sealed class CaptureJobRecord
{
    /// <summary>Capture id (the Location <c>/capture/{id}</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>Id of the API key that submitted it.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Submission time, Unix ms UTC.</summary>
    public long CreatedUnixMs { get; set; }

    /// <summary>Completion time, Unix ms UTC, or null while running.</summary>
    public long? FinishedUnixMs { get; set; }

    /// <summary>True while the job has not finished.</summary>
    public bool Running { get; set; }

    /// <summary>True unless an error occurred.</summary>
    public bool Success { get; set; }

    /// <summary>Events appended.</summary>
    public int Appended { get; set; }

    /// <summary>Events recognised as already stored.</summary>
    public int Duplicates { get; set; }

    /// <summary>The errors as a JSON array of EPCIS problem objects (empty array on success).</summary>
    public string ErrorsJson { get; set; } = "[]";
}

/// <summary>
/// Capture jobs in plain SQL, without EF Core's change tracking: a client polls its job's Location until it finishes
/// (one query a poll), and the server's single writer records each job when it is submitted and when it ends, under
/// its write lock, where every statement delays every capture behind it.
/// </summary>
public static class StoredCaptureJobs
{
    /// <summary>Inserts <paramref name="job"/> through the store's write connection, in its current transaction if one is open.</summary>
    public static void Insert(TraceStore store, CaptureJobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        Execute(store, "INSERT INTO capture_jobs (id, key_id, created_ms, finished_ms, running, success, appended, duplicates, errors_json) "
            + "VALUES (@id, @key, @created, @finished, @running, @success, @appended, @duplicates, @errors)",
            ("@id", job.Id), ("@key", job.KeyId), ("@created", job.CreatedUnixMs), ("@finished", job.FinishedUnixMs), ("@running", job.Running),
            ("@success", job.Success), ("@appended", job.Appended), ("@duplicates", job.Duplicates), ("@errors", job.ErrorsJson));
    }

    /// <summary>Saves the outcome of <paramref name="job"/> (finish time, running, success, counts, errors) by its id; false when no job has that id.</summary>
    public static bool Finish(TraceStore store, CaptureJobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Execute(store, "UPDATE capture_jobs SET finished_ms = @finished, running = @running, success = @success, appended = @appended, "
            + "duplicates = @duplicates, errors_json = @errors WHERE id = @id",
            ("@id", job.Id), ("@finished", job.FinishedUnixMs), ("@running", job.Running), ("@success", job.Success), ("@appended", job.Appended),
            ("@duplicates", job.Duplicates), ("@errors", job.ErrorsJson)) == 1;
    }

    private static int Execute(TraceStore store, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(store);
        var database = store.Context.Database;
        database.OpenConnection();
        using var command = database.GetDbConnection().CreateCommand();
        // Microsoft.Data.Sqlite requires a command to name the connection's open transaction.
        command.Transaction = database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.AddParameter(name, value);
        return command.ExecuteNonQuery();
    }

    /// <summary>The job with this capture id, or null; one indexed query on a pooled read-only connection.</summary>
    public static CaptureJobRecord? Find(TraceDatabase database, string id)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ReadSingleRow(
            "SELECT id, key_id, created_ms, finished_ms, running, success, appended, duplicates, errors_json FROM capture_jobs WHERE id = @id", "@id", id,
            reader => new CaptureJobRecord
            {
                Id = reader.GetString(0),
                KeyId = reader.GetString(1),
                CreatedUnixMs = reader.GetInt64(2),
                FinishedUnixMs = reader.IsDBNull(3) ? null : reader.GetInt64(3),
                Running = reader.GetBoolean(4),
                Success = reader.GetBoolean(5),
                Appended = reader.GetInt32(6),
                Duplicates = reader.GetInt32(7),
                ErrorsJson = reader.GetString(8),
            });
    }
}

/// <summary>
/// A named query of the EPCIS REST binding (POST /queries): a stored SimpleEventQuery definition that
/// <c>GET /queries/{name}/events</c> runs against the store as it is then.
/// </summary>
public sealed class NamedQueryRecord
{
    /// <summary>Query name (the Location <c>/queries/{name}</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The definition's <c>query</c> object as JSON (parameter name to a value or a list of values).</summary>
    public string QueryJson { get; set; } = "{}";

    /// <summary>Id of the API key that created it.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Creation time, Unix ms UTC.</summary>
    public long CreatedUnixMs { get; set; }
}

/// <summary>
/// A webhook subscription to a named query (POST /queries/{name}/subscriptions, <c>stream: true</c> or a schedule)
/// with its delivery state: events up to <see cref="LastSeq"/> have been notified. A server process claims the row before it delivers
/// (<see cref="ClaimedBy"/> set where it was empty or its lease ran out), so two processes never send the same
/// notification.
/// </summary>
public sealed class SubscriptionRecord
{
    /// <summary>Subscription id (the Location <c>/queries/{name}/subscriptions/{id}</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>The named query.</summary>
    public string QueryName { get; set; } = "";

    /// <summary>Callback URL the notifications are POSTed to.</summary>
    public string Dest { get; set; } = "";

    /// <summary>The client's secret for the GS1-Signature HMAC, or null for unsigned notifications. Never returned.</summary>
    public string? SignatureToken { get; set; }

    /// <summary>Id of the API key that created it.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Creation time, Unix ms UTC.</summary>
    public long CreatedUnixMs { get; set; }

    /// <summary>The schedule of a scheduled subscription as JSON (the binding's <c>schedule</c> object), or null for a stream.</summary>
    public string? ScheduleJson { get; set; }

    /// <summary>A scheduled subscription notifies even when no new event matches.</summary>
    public bool ReportIfEmpty { get; set; }

    /// <summary>Ledger position up to which events have been notified (or found not to match).</summary>
    public long LastSeq { get; set; }

    /// <summary>When the client last acknowledged a notification (2xx), Unix ms UTC.</summary>
    public long? LastNotifiedUnixMs { get; set; }

    /// <summary>Failed deliveries since the last success.</summary>
    public int Attempts { get; set; }

    /// <summary>No delivery before this time (the retry backoff; for a schedule, its next time), Unix ms UTC.</summary>
    public long NextAttemptUnixMs { get; set; }

    /// <summary>Why the last delivery failed, if it did.</summary>
    public string? LastError { get; set; }

    /// <summary>The server process delivering now, or null.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>End of that process's lease, Unix ms UTC: past it, another process may claim the row.</summary>
    public long? ClaimedUntilUnixMs { get; set; }
}
