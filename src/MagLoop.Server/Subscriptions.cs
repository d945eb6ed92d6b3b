using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MagLoop.Server;

/// <summary>
/// Webhook subscriptions to named queries (openapi.yaml, <c>/queries/{name}/subscriptions</c>): with <c>stream: true</c>
/// each newly captured event that matches the query, with a <c>schedule</c> the matching events captured since the
/// last run at each scheduled time, is POSTed to <c>dest</c> as an EPCISQueryDocument, signed in the
/// <c>GS1-Signature</c> header with HMAC-SHA256 under the client's <c>signatureToken</c>. Subscriptions and their
/// delivery state live in the database.
/// </summary>
internal static class SubscriptionsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/queries/{queryName}/subscriptions", Create).WithName("Subscribe")
            .WithSummary("Subscribes a webhook to a named query, per captured event (stream: true) or on a schedule: new matching events are POSTed to dest, signed (GS1-Signature).").WithTags("Subscriptions");
        app.MapGet("/queries/{queryName}/subscriptions", (string queryName, ServerState s) =>
        {
            using var db = s.Database.CreateContext(readOnly: true);
            if (!db.NamedQueries.AsNoTracking().Any(q => q.Name == queryName)) return NoQuery(queryName);
            var array = new JsonArray();
            foreach (var sub in db.Subscriptions.AsNoTracking().Where(x => x.QueryName == queryName).OrderBy(x => x.CreatedUnixMs).ThenBy(x => x.Id).ToList()) array.Add(View(sub));
            return EpcisApi.Json(array);
        }).WithName("Subscriptions").WithSummary("Lists a named query's subscriptions with their delivery state (never the secret).").WithTags("Subscriptions");
        app.MapGet("/queries/{queryName}/subscriptions/{subscriptionID}", (string queryName, string subscriptionID, ServerState s) =>
        {
            using var db = s.Database.CreateContext(readOnly: true);
            var sub = db.Subscriptions.AsNoTracking().SingleOrDefault(x => x.Id == subscriptionID && x.QueryName == queryName);
            return sub is null ? NoSubscription(subscriptionID) : EpcisApi.Json(View(sub));
        }).WithName("Subscription").WithSummary("One subscription with its delivery state.").WithTags("Subscriptions");
        app.MapDelete("/queries/{queryName}/subscriptions/{subscriptionID}", Delete).WithName("Unsubscribe")
            .WithSummary("Ends a subscription (its creator or an admin).").WithTags("Subscriptions");
    }

    private static IResult NoQuery(string name) => Problems.Result(404, Problems.NoSuchResource, "Not Found", $"no named query '{name}'");

    private static IResult NoSubscription(string id) => Problems.Result(404, Problems.NoSuchResource, "Not Found", $"no subscription '{id}'");

    private static IResult Invalid(string detail) => Problems.Result(400, Problems.Validation, "Bad Request", detail);

    /// <summary>A JSON value's type as a message names it.</summary>
    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>A subscription as the binding's AbstractQuerySubscriptionResponse, with MagLoop's delivery state; no secret.</summary>
    private static JsonObject View(SubscriptionRecord sub)
    {
        var o = new JsonObject
        {
            ["subscriptionID"] = sub.Id,
            ["dest"] = sub.Dest,
            ["stream"] = sub.ScheduleJson is null,
            ["signed"] = sub.SignatureToken is not null,
            ["createdAt"] = Time(sub.CreatedUnixMs),
            ["notifiedThroughSeq"] = sub.LastSeq,
            ["failedAttempts"] = sub.Attempts,
        };
        if (sub.ScheduleJson is { } schedule)
        {
            o["schedule"] = JsonNode.Parse(schedule);
            o["reportIfEmpty"] = sub.ReportIfEmpty;
            if (sub.NextAttemptUnixMs > 0) o["nextRunAt"] = Time(sub.NextAttemptUnixMs);
        }

        if (sub.LastNotifiedUnixMs is { } n) o["lastNotifiedAt"] = Time(n);
        if (sub.LastError is { } error) o["lastError"] = error;
        return o;
    }

    private static async Task<IResult> Create(string queryName, HttpContext c, ServerState s)
    {
        var key = Access.Caller(c);
        if (key.Role == ApiRole.Auditor) return Access.Forbidden(key, "subscribe");
        var (body, problem) = await EpcisApi.ReadBody(c, QueriesApi.DefinitionLimitBytes,
            Problems.Result(413, Problems.QueryTooLarge, "Payload Too Large", $"a subscription may hold at most {QueriesApi.DefinitionLimitBytes} bytes"));
        if (problem is not null) return problem;
        JsonObject? request;
        try
        {
            request = JsonNode.Parse(body!) as JsonObject;
        }
        catch (JsonException e)
        {
            return Invalid($"not JSON: {e.Message}");
        }

        if (request is null) return Invalid("the body must be a subscription: {\"dest\": URL, \"signatureToken\": SECRET, \"stream\": true}");
        if (request.Select(p => p.Key).FirstOrDefault(k => k is not ("dest" or "signatureToken" or "stream" or "schedule" or "reportIfEmpty" or "initialRecordTime")) is { } extra)
            return Invalid($"{extra}: not a member of a subscription (dest, signatureToken, stream, schedule, reportIfEmpty, initialRecordTime)");
        // Each member's JSON type first, so a wrong type is reported as such (and not as the rule it then fails, such
        // as "stream missing" for a reportIfEmpty sent as a string).
        foreach (var (member, expected, ok) in new (string, string, Func<JsonNode, bool>)[]
        {
            ("dest", "a string (an absolute http or https URL)", n => n.GetValueKind() == JsonValueKind.String),
            ("signatureToken", "a string", n => n.GetValueKind() == JsonValueKind.String),
            ("stream", "a boolean (true)", n => n.GetValueKind() is JsonValueKind.True or JsonValueKind.False),
            ("schedule", "an object such as {\"hour\": \"1\", \"minute\": \"5\"}", n => n.GetValueKind() == JsonValueKind.Object),
            ("reportIfEmpty", "a boolean", n => n.GetValueKind() is JsonValueKind.True or JsonValueKind.False),
            ("initialRecordTime", "a string (an RFC 3339 date-time with an offset)", n => n.GetValueKind() == JsonValueKind.String),
        })
        {
            if (request.TryGetPropertyValue(member, out var node) && (node is null || !ok(node)))
                return Invalid($"{member}: must be {expected}, not {Kind(node)}");
        }

        if (request["dest"] is not JsonValue destValue || !destValue.TryGetValue<string>(out var dest)
            || !Uri.TryCreate(dest, UriKind.Absolute, out var destUri) || destUri.Scheme is not ("http" or "https"))
            return Invalid("dest: an absolute http or https URL is needed");
        if (await Webhooks.Refusal(destUri, s.Options, c.RequestAborted) is { } refusal) return Invalid(refusal);
        QuerySchedule? schedule = null;
        if (request["schedule"] is { } scheduleNode)
        {
            if (request.ContainsKey("stream")) return Invalid("stream: a subscription has a schedule or a stream, not both");
            if (scheduleNode is not JsonObject scheduleObject) return Invalid("schedule: an object such as {\"hour\": \"1\", \"minute\": \"5\"}");
            try
            {
                schedule = QuerySchedule.Parse(scheduleObject);
            }
            catch (FormatException e)
            {
                return Invalid(e.Message);
            }
        }
        else if (request["stream"] is not JsonValue streamValue || !streamValue.TryGetValue<bool>(out var stream) || !stream)
            return Invalid("stream: must be true, or give a schedule (the binding refuses a subscription with neither)");
        var reportIfEmpty = false;
        if (request["reportIfEmpty"] is { } reportNode)
        {
            if (schedule is null) return Invalid("reportIfEmpty: belongs to a scheduled subscription");
            if (reportNode is not JsonValue rv || !rv.TryGetValue(out reportIfEmpty)) return Invalid("reportIfEmpty: true or false");
        }
        string? token = null;
        if (request["signatureToken"] is { } tokenNode && (tokenNode is not JsonValue tv || !tv.TryGetValue(out token) || token.Length == 0))
            return Invalid("signatureToken: a non-empty string");
        DateTimeOffset? initial = null;
        if (request["initialRecordTime"] is { } initialNode)
        {
            if (initialNode is not JsonValue iv || !iv.TryGetValue<string>(out var text) || !EpcisReader.TryParseDateTime(text, out var t))
                return Invalid("initialRecordTime: an RFC 3339 date-time with an offset");
            initial = t;
        }

        var id = "sub-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var now = s.Options.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var outcome = await s.Write(store =>
        {
            var db = store.Context;
            if (!db.NamedQueries.AsNoTracking().Any(q => q.Name == queryName)) return false;
            var lastSeq = StartSeq(db, initial);
            var next = schedule?.Next(DateTimeOffset.FromUnixTimeMilliseconds(now))?.ToUnixTimeMilliseconds() ?? 0;
            db.Subscriptions.Add(new SubscriptionRecord
            {
                Id = id, QueryName = queryName, Dest = dest, SignatureToken = token, KeyId = key.Id, CreatedUnixMs = now, LastSeq = lastSeq,
                ScheduleJson = schedule is null ? null : request["schedule"]!.ToJsonString(), ReportIfEmpty = reportIfEmpty, NextAttemptUnixMs = next,
            });
            db.SaveChanges();
            db.ChangeTracker.Clear();
            return true;
        }, c.RequestAborted);
        if (!outcome) return NoQuery(queryName);
        var location = $"/queries/{queryName}/subscriptions/{id}";
        c.Response.Headers.Location = location;
        using var read = s.Database.CreateContext(readOnly: true);
        return Results.Text(View(read.Subscriptions.AsNoTracking().Single(x => x.Id == id)).ToJsonString(), Media.Json, Encoding.UTF8, 201);
    }

    /// <summary>
    /// The ledger position a new subscription starts after: events stored before it (or, with
    /// <paramref name="initialRecordTime"/>, recorded before that time) are not notified.
    /// </summary>
    internal static long StartSeq(TraceDbContext db, DateTimeOffset? initialRecordTime)
    {
        var head = db.Events.AsNoTracking().Max(e => (long?)e.Seq) ?? 0;
        if (initialRecordTime is not { } initial) return head;
        var from = initial.ToUnixTimeMilliseconds();
        return (db.Events.AsNoTracking().Where(e => e.RecordTimeUnixMs >= from).Min(e => (long?)e.Seq) ?? head + 1) - 1;
    }

    /// <summary>A notification: the events as an EPCISQueryDocument naming the query and the subscription.</summary>
    internal static JsonObject Notification(string queryName, string subscriptionId, IReadOnlyList<EventRecord> events, DateTimeOffset now)
    {
        var list = new JsonArray();
        foreach (var e in events) list.Add(StoredEvents.ToJson(e));
        return new JsonObject
        {
            ["@context"] = new JsonArray(EpcisApi.Context),
            ["type"] = "EPCISQueryDocument",
            ["schemaVersion"] = "2.0",
            ["creationDate"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["epcisBody"] = new JsonObject
            {
                ["queryResults"] = new JsonObject
                {
                    ["queryName"] = queryName,
                    ["subscriptionID"] = subscriptionId,
                    ["resultsBody"] = new JsonObject { ["eventList"] = list },
                },
            },
        };
    }

    private static async Task<IResult> Delete(string queryName, string subscriptionID, HttpContext c, ServerState s)
    {
        var key = Access.Caller(c);
        if (key.Role == ApiRole.Auditor) return Access.Forbidden(key, "unsubscribe");
        SubscriptionRecord? sub;
        using (var db = s.Database.CreateContext(readOnly: true))
            sub = db.Subscriptions.AsNoTracking().SingleOrDefault(x => x.Id == subscriptionID && x.QueryName == queryName);
        if (sub is null) return NoSubscription(subscriptionID);
        if (key.Role != ApiRole.Admin && sub.KeyId != key.Id)
            return Problems.Result(403, Problems.Security, "Forbidden", $"subscription '{subscriptionID}' was created by another key; only its creator or an admin ends it");
        await s.Write(store => store.Context.Subscriptions.Where(x => x.Id == subscriptionID).ExecuteDelete(), c.RequestAborted);
        return Results.NoContent();
    }
}

/// <summary>
/// Delivers subscription notifications. Every poll, for each subscription with events past its <c>last_seq</c> and no
/// pending retry, it claims the row (<c>UPDATE ... SET claimed_by = me WHERE claimed_by IS NULL OR the lease ran
/// out</c>: one statement, so of two server processes on one database exactly one wins), runs the named query over
/// the new events in ledger order, POSTs those that match (up to <see cref="ServerOptions.MaxPerPage"/> per
/// notification) and, on a 2xx answer, advances <c>last_seq</c> and releases the claim in one update. A failed
/// delivery keeps <c>last_seq</c> and retries after a backoff that doubles from 1 s up to 5 minutes.
/// </summary>
internal sealed class SubscriptionWorker(ServerState state, ILogger<SubscriptionWorker> log) : BackgroundService
{
    /// <summary>How long a claim holds: longer than a delivery may take (the 30 s HTTP timeout), so a live claim is never taken over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly string _me = "srv-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private readonly HttpClient _http = new(Webhooks.Handler(state.Options)) { Timeout = TimeSpan.FromSeconds(30) };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(state.Options.SubscriptionPollInterval, state.Options.Time);
        do
        {
            try
            {
                await DeliverDue(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next poll retries; the reason is logged without any secret (dest URLs and ids only).
                log.LogWarning("subscription delivery failed: {Type}: {Message}", e.GetType().Name, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over the due subscriptions.</summary>
    internal async Task DeliverDue(CancellationToken cancel)
    {
        var now = state.Options.Time.GetUtcNow().ToUnixTimeMilliseconds();
        List<SubscriptionRecord> due;
        long head;
        using (var db = state.Database.CreateContext(readOnly: true))
        {
            head = db.Events.AsNoTracking().Max(e => (long?)e.Seq) ?? 0;
            // A stream is due when events lie past its last_seq; a schedule when its time has come (next_attempt_ms).
            due = db.Subscriptions.AsNoTracking()
                .Where(x => (x.ScheduleJson != null || x.LastSeq < head) && x.NextAttemptUnixMs <= now && (x.ClaimedBy == null || x.ClaimedUntilUnixMs < now)).ToList();
        }

        foreach (var candidate in due)
        {
            if (!Claim(candidate.Id, now)) continue;
            // Read the row again under the claim: another process may have delivered (and advanced last_seq) between
            // the list above and the claim, and a stale last_seq would send those events a second time.
            SubscriptionRecord? sub;
            using (var db = state.Database.CreateContext(readOnly: true))
            {
                sub = db.Subscriptions.AsNoTracking().SingleOrDefault(x => x.Id == candidate.Id && x.ClaimedBy == _me);
                head = db.Events.AsNoTracking().Max(e => (long?)e.Seq) ?? 0;
            }

            if (sub is null) continue; // unsubscribed meanwhile
            await Deliver(sub, head, cancel);
        }
    }

    private bool Claim(string id, long now)
    {
        using var db = state.Database.CreateContext();
        var until = now + (long)Lease.TotalMilliseconds;
        return db.Subscriptions.Where(x => x.Id == id && (x.ClaimedBy == null || x.ClaimedUntilUnixMs < now))
            .ExecuteUpdate(u => u.SetProperty(x => x.ClaimedBy, _me).SetProperty(x => x.ClaimedUntilUnixMs, until)) == 1;
    }

    private async Task Deliver(SubscriptionRecord sub, long head, CancellationToken cancel)
    {
        string? error = null;
        var through = sub.LastSeq;
        var posted = false;
        try
        {
            using var db = state.Database.CreateContext(readOnly: true);
            var definition = db.NamedQueries.AsNoTracking().SingleOrDefault(q => q.Name == sub.QueryName);
            if (definition is null)
            {
                error = $"the named query '{sub.QueryName}' no longer exists";
            }
            else
            {
                var query = EventQuery.Parse(QueriesApi.Parameters((JsonObject)JsonNode.Parse(definition.QueryJson)!), state.Options);
                var (events, last) = query.Notification(db, sub.LastSeq, head, state.Options.MaxPerPage);
                through = last;
                if (events.Count > 0 || (sub.ScheduleJson is not null && sub.ReportIfEmpty))
                {
                    error = await Post(sub, events, cancel);
                    posted = error is null;
                }
            }
        }
        catch (Exception e) when (e is QueryParameterException or QueryTooLargeException or HttpRequestException or TaskCanceledException)
        {
            // A refused address is the inner reason of the client's "error while sending": report that one.
            error = e is TaskCanceledException ? "the callback did not answer within 30 s"
                : e is HttpRequestException { InnerException: WebhookRefusedException refused } ? refused.Message : e.Message;
        }

        var now = state.Options.Time.GetUtcNow().ToUnixTimeMilliseconds();
        using var write = state.Database.CreateContext();
        var mine = write.Subscriptions.Where(x => x.Id == sub.Id && x.ClaimedBy == _me);
        if (error is null)
        {
            var notified = posted ? now : sub.LastNotifiedUnixMs;
            // A schedule runs again at its next time (at once while a full notification left events behind); a stream when events arrive.
            var next = sub.ScheduleJson is not { } json ? 0L
                : through < head ? now
                : QuerySchedule.Parse((JsonObject)JsonNode.Parse(json)!).Next(DateTimeOffset.FromUnixTimeMilliseconds(now))?.ToUnixTimeMilliseconds() ?? long.MaxValue;
            mine.ExecuteUpdate(u => u.SetProperty(x => x.LastSeq, through).SetProperty(x => x.Attempts, 0).SetProperty(x => x.NextAttemptUnixMs, next)
                .SetProperty(x => x.LastError, (string?)null).SetProperty(x => x.LastNotifiedUnixMs, notified)
                .SetProperty(x => x.ClaimedBy, (string?)null).SetProperty(x => x.ClaimedUntilUnixMs, (long?)null));
        }
        else
        {
            var attempts = sub.Attempts + 1;
            var backoffMs = (long)Math.Min(MaxBackoff.TotalMilliseconds, 1000 * Math.Pow(2, Math.Min(attempts - 1, 20)));
            mine.ExecuteUpdate(u => u.SetProperty(x => x.Attempts, attempts).SetProperty(x => x.NextAttemptUnixMs, now + backoffMs)
                .SetProperty(x => x.LastError, error).SetProperty(x => x.ClaimedBy, (string?)null).SetProperty(x => x.ClaimedUntilUnixMs, (long?)null));
        }
    }

    /// <summary>POSTs the notification; null on a 2xx answer, else why not.</summary>
    private async Task<string?> Post(SubscriptionRecord sub, IReadOnlyList<EventRecord> events, CancellationToken cancel)
    {
        var document = SubscriptionsApi.Notification(sub.QueryName, sub.Id, events, state.Options.Time.GetUtcNow());
        var body = Encoding.UTF8.GetBytes(document.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, sub.Dest) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Media.JsonLd);
        request.Headers.Add("GS1-EPCIS-Version", MagLoopServer.EpcisVersion);
        if (sub.SignatureToken is { } token) request.Headers.Add("GS1-Signature", Signature(token, body));
        using var response = await _http.SendAsync(request, cancel);
        return response.IsSuccessStatusCode ? null : $"the callback answered {(int)response.StatusCode}";
    }

    /// <summary>The GS1-Signature header: <c>sha256=HEX</c>, HMAC-SHA256 of the body's bytes under the client's token.</summary>
    public static string Signature(string token, byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), body));

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
