using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MagLoop.Traceability.Epcis;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MagLoop.Server;

/// <summary>
/// WebSocket subscriptions to a named query (openapi.yaml, <c>GET /queries/{queryName}/events</c> with
/// <c>Upgrade: websocket</c>): with <c>stream=true</c> each newly captured event that matches the query, with schedule
/// parameters (<c>second</c>, <c>minute</c>, <c>hour</c>, <c>dayOfMonth</c>, <c>month</c>, <c>dayOfWeek</c>) the
/// matching events captured since the last run at each scheduled time, is sent as an EPCISQueryDocument in one text
/// message. The handshake needs an API key like every request; every role reads, so every role may subscribe. The
/// subscription is the connection: it lives in the serving process only (the named query lives in the database), ends
/// when either side closes, when the query is deleted (1000), when the key is revoked or expires (1008) and when the
/// server stops (1001); a client that reconnects with <c>initialRecordTime</c> set to the last recordTime it
/// received misses nothing (and may receive events of that millisecond again: de-duplicate by eventID).
/// </summary>
internal static class WebSocketSubscriptions
{
    private static readonly string[] ScheduleFields = ["second", "minute", "hour", "dayOfMonth", "month", "dayOfWeek"];

    /// <summary>The query parameters of a WebSocket subscription (the binding's GS1-Query-* parameters).</summary>
    public static readonly string[] Controls = ["stream", "reportIfEmpty", "initialRecordTime", .. ScheduleFields];

    /// <summary>The subscription controls of a handshake, or the reason they are refused.</summary>
    private sealed record Subscription(QuerySchedule? Schedule, bool ReportIfEmpty, DateTimeOffset? InitialRecordTime);

    private static IResult Refused(string detail) => Problems.Result(400, Problems.SubscriptionControls, "Bad Request", detail);

    private static (Subscription? Subscription, IResult? Problem) Read(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (!Controls.Contains(name))
                return (null, Refused($"'{name}': not a subscription control ({string.Join(", ", Controls)}); a named query's criteria are its definition"));
            if (values.Count > 1) return (null, Refused($"{name}: given {values.Count} times"));
        }

        var schedule = new JsonObject();
        foreach (var field in ScheduleFields)
            if (query.TryGetValue(field, out var v)) schedule[field] = v.ToString();
        var stream = query.TryGetValue("stream", out var streamText) ? streamText.ToString() : null;
        if (stream is not (null or "true")) return (null, Refused($"stream: must be true, not '{stream}' (the binding's only value)"));
        if (stream is not null && schedule.Count > 0) return (null, Refused("stream: a subscription has a schedule or a stream, not both"));
        if (stream is null && schedule.Count == 0)
            return (null, Refused("stream: set stream=true, or give a schedule (second, minute, hour, dayOfMonth, month, dayOfWeek): the binding refuses a subscription with neither"));
        QuerySchedule? parsed = null;
        if (schedule.Count > 0)
        {
            try
            {
                parsed = QuerySchedule.Parse(schedule);
            }
            catch (FormatException e)
            {
                return (null, Refused(e.Message));
            }
        }

        var reportIfEmpty = false;
        if (query.TryGetValue("reportIfEmpty", out var report))
        {
            if (parsed is null) return (null, Refused("reportIfEmpty: belongs to a scheduled subscription"));
            if (!bool.TryParse(report.ToString(), out reportIfEmpty)) return (null, Refused($"reportIfEmpty: true or false, not '{report}'"));
        }

        DateTimeOffset? initial = null;
        if (query.TryGetValue("initialRecordTime", out var initialText))
        {
            if (!EpcisReader.TryParseDateTime(initialText.ToString(), out var t)) return (null, Refused($"initialRecordTime: '{initialText}' is not an RFC 3339 date-time with an offset"));
            initial = t;
        }

        return (new Subscription(parsed, reportIfEmpty, initial), null);
    }

    /// <summary>
    /// Accepts the handshake for <paramref name="queryName"/> (already known to exist) and notifies until the
    /// subscription ends; a handshake with bad controls is a 400 problem, not an upgrade.
    /// </summary>
    public static async Task<IResult> Serve(HttpContext c, ServerState s, string queryName, string definitionJson)
    {
        var (subscription, problem) = Read(c.Request.Query);
        if (problem is not null) return problem;
        EventQuery query;
        try
        {
            query = EventQuery.Parse(QueriesApi.Parameters((JsonObject)JsonNode.Parse(definitionJson)!), s.Options);
        }
        catch (QueryParameterException e)
        {
            return Problems.Result(400, Problems.QueryParameter, "Bad Request", e.Message);
        }

        var key = Access.Caller(c);
        var now = s.Options.Time.GetUtcNow();
        if (subscription!.Schedule?.Next(now) is null && subscription.Schedule is not null) return Refused("schedule: names no time within the next 5 years");
        long lastSeq;
        using (var db = s.Database.CreateContext(readOnly: true)) lastSeq = SubscriptionsApi.StartSeq(db, subscription.InitialRecordTime);
        // The binding's 101 names the smallest recordTime the subscription considers.
        c.Response.Headers["GS1-Query-Min-Record-Time"] = Time(subscription.InitialRecordTime ?? now);
        using var socket = await c.WebSockets.AcceptWebSocketAsync();
        var id = "ws-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var stopping = c.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(c.RequestAborted, stopping);
        var receiving = Receive(socket, ended);
        var (status, reason) = (WebSocketCloseStatus.NormalClosure, "");
        try
        {
            (status, reason) = await Notify(socket, s, query, subscription, queryName, id, key.Id, lastSeq, ended.Token);
        }
        catch (OperationCanceledException)
        {
            (status, reason) = stopping.IsCancellationRequested
                ? (WebSocketCloseStatus.EndpointUnavailable, "the server is stopping: reconnect with initialRecordTime set to the last recordTime received")
                : (WebSocketCloseStatus.NormalClosure, "");
        }
        catch (WebSocketException)
        {
            // The client went away mid-message: nothing to close.
            return Results.Empty;
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await socket.CloseOutputAsync(status, reason, grace.Token);
                // The client's answering close frame ends the receive loop; one that never answers is cut off.
                await receiving.WaitAsync(grace.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                socket.Abort();
            }
        }

        return Results.Empty;
    }

    /// <summary>Reads until the client's close frame (or the connection's end), then ends the subscription. The binding defines no client messages: others are ignored.</summary>
    private static async Task Receive(WebSocket socket, CancellationTokenSource ended)
    {
        var buffer = new byte[512];
        try
        {
            // No token: cancelling a receive aborts the socket, and a stopping server still sends its close frame.
            while ((await socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close) { }
        }
        catch (WebSocketException)
        {
            // The connection broke: the subscription ends the same way.
        }

        await ended.CancelAsync();
    }

    /// <summary>
    /// Each poll (<see cref="ServerOptions.SubscriptionPollInterval"/>): ends the subscription when the key is no
    /// longer valid or the query is gone; a stream sends the new matching events, a schedule at its times sends
    /// those captured since its last run (an empty document with reportIfEmpty). Returns how the subscription ended.
    /// </summary>
    private static async Task<(WebSocketCloseStatus, string)> Notify(WebSocket socket, ServerState s, EventQuery query, Subscription subscription,
        string queryName, string id, string keyId, long lastSeq, CancellationToken cancel)
    {
        var time = s.Options.Time;
        var nextRun = subscription.Schedule?.Next(time.GetUtcNow());
        using var timer = new PeriodicTimer(s.Options.SubscriptionPollInterval, time);
        while (await timer.WaitForNextTickAsync(cancel))
        {
            var now = time.GetUtcNow();
            using var db = s.Database.CreateContext(readOnly: true);
            var key = db.ApiKeys.AsNoTracking().Where(k => k.Id == keyId).Select(k => new { k.RevokedUnixMs, k.ExpiresUnixMs }).SingleOrDefault();
            var nowMs = now.ToUnixTimeMilliseconds();
            if (key is null || key.RevokedUnixMs is not null || key.ExpiresUnixMs <= nowMs)
                return (WebSocketCloseStatus.PolicyViolation, key?.RevokedUnixMs is null && key is not null ? "the key has expired" : "the key was revoked");
            if (!db.NamedQueries.AsNoTracking().Any(q => q.Name == queryName))
                return (WebSocketCloseStatus.NormalClosure, $"the named query '{queryName}' was deleted: subscription ended");
            var scheduled = nextRun is { } run && now >= run;
            if (subscription.Schedule is not null && !scheduled) continue;
            var head = db.Events.AsNoTracking().Max(e => (long?)e.Seq) ?? 0;
            var sent = false;
            // A full message (MaxPerPage events) may leave matches behind: send on until the head is reached.
            while (lastSeq < head || (scheduled && !sent && subscription.ReportIfEmpty))
            {
                var (events, through) = query.Notification(db, lastSeq, head, s.Options.MaxPerPage);
                lastSeq = through;
                if (events.Count == 0 && (sent || !scheduled || !subscription.ReportIfEmpty)) continue;
                var body = Encoding.UTF8.GetBytes(SubscriptionsApi.Notification(queryName, id, events, time.GetUtcNow()).ToJsonString());
                await socket.SendAsync(body, WebSocketMessageType.Text, endOfMessage: true, cancel);
                sent = true;
            }

            if (scheduled) nextRun = subscription.Schedule!.Next(now);
            if (subscription.Schedule is not null && nextRun is null) return (WebSocketCloseStatus.NormalClosure, "the schedule names no later time");
        }

        return (WebSocketCloseStatus.NormalClosure, "");
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
