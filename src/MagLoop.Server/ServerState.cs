using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MagLoop.Traceability;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace MagLoop.Server;

/// <summary>
/// The server's one writer: the trace store opened for writing (which migrates it), guarded by a lock because the
/// ledger has one writer at a time anyway (each event chains to the previous hash). Capture jobs queue here and a
/// background worker runs them in order; reads open their own read-only contexts.
/// </summary>
internal sealed class ServerState : IDisposable
{
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly Channel<(string Id, byte[] Body)> _jobs = Channel.CreateUnbounded<(string, byte[])>(new UnboundedChannelOptions { SingleReader = true });

    public ServerState(ServerOptions options)
    {
        Options = options;
        Store = TraceStore.Open(options.Database, options.Time, options.Schema, options.Custody);
        // A job still marked running was accepted by a process that stopped before it ran: its body is gone and
        // nothing of it was stored (a capture is one transaction), so it is reported as failed rather than left hanging.
        var now = options.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var orphans = Store.Context.CaptureJobs.Where(j => j.Running).ToList();
        foreach (var job in orphans)
        {
            job.Running = false;
            job.Success = false;
            job.FinishedUnixMs = now;
            job.ErrorsJson = new JsonArray(Problems.Body(500, Problems.Implementation, "the server stopped before this capture ran; nothing of it was stored: submit it again", null)).ToJsonString();
        }

        Store.Context.SaveChanges();
        Store.Context.ChangeTracker.Clear();
    }

    public ServerOptions Options { get; }

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

    /// <summary>Records a running capture job and queues its body; returns the job id.</summary>
    public async Task<string> Submit(string keyId, byte[] body, CancellationToken cancel)
    {
        var id = "cap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        await Write(store =>
        {
            store.Context.CaptureJobs.Add(new CaptureJobRecord
            {
                Id = id, KeyId = keyId, CreatedUnixMs = Options.Time.GetUtcNow().ToUnixTimeMilliseconds(), Running = true, Success = true,
            });
            store.Context.SaveChanges();
            store.Context.ChangeTracker.Clear();
            return 0;
        }, cancel);
        await _jobs.Writer.WriteAsync((id, body), cancel);
        return id;
    }

    /// <summary>Runs queued jobs until <paramref name="stop"/>.</summary>
    public async Task RunJobs(CancellationToken stop)
    {
        await foreach (var (id, body) in _jobs.Reader.ReadAllAsync(stop))
        {
            await Write(store =>
            {
                var job = store.Context.CaptureJobs.Single(j => j.Id == id);
                try
                {
                    var summary = store.Capture(id, body);
                    job.Appended = summary.Appended;
                    job.Duplicates = summary.Duplicates;
                }
                catch (CaptureRejectedException e)
                {
                    job.Success = false;
                    job.ErrorsJson = Problems.Errors(e.Errors).ToJsonString();
                }
                catch (StoreBusyException e)
                {
                    job.Success = false;
                    job.ErrorsJson = new JsonArray(Problems.Body(503, Problems.Implementation, "store busy", e.Problem)).ToJsonString();
                }

                job.Running = false;
                job.FinishedUnixMs = Options.Time.GetUtcNow().ToUnixTimeMilliseconds();
                store.Context.SaveChanges();
                store.Context.ChangeTracker.Clear();
                return 0;
            }, CancellationToken.None);
        }
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
            ["captureErrorBehaviour"] = "rollback",
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
        Store.Dispose();
        _write.Dispose();
    }
}

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
    public static EventRecord? Find(TraceDbContext db, string eventId) => db.Events.AsNoTracking().SingleOrDefault(e => e.EventId == eventId);

    /// <summary>Parsed JSON element of a stored event.</summary>
    public static JsonElement Element(EventRecord e) => JsonDocument.Parse(e.CanonicalJson).RootElement;
}
