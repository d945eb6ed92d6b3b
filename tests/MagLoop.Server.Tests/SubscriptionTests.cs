using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using static MagLoop.Server.Tests.Documents;

namespace MagLoop.Server.Tests;

/// <summary>Webhook subscriptions: signed notifications of new matching events, retries, delivery state, one delivery across two servers.</summary>
public sealed class SubscriptionTests
{
    private const string Token = "13df38d8275b13f05704629e5f1cf3d45d6132d5";

    /// <summary>A webhook receiver on a loopback port: records each notification and answers 500 to the first failFirst calls.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _calls;

        private Receiver(WebApplication app) => _app = app;

        public ConcurrentQueue<(string Body, string? Signature)> Received { get; } = new();

        public string Url => _app.Urls.First() + "/callback";

        public static async Task<Receiver> Start(int failFirst = 0)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/callback", async (HttpContext c) =>
            {
                using var reader = new StreamReader(c.Request.Body, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                if (Interlocked.Increment(ref receiver._calls) <= failFirst) return Results.StatusCode(500);
                receiver.Received.Enqueue((body, c.Request.Headers["GS1-Signature"].FirstOrDefault()));
                return Results.Ok();
            });
            await app.StartAsync();
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        /// <summary>The eventIDs notified, waiting until <paramref name="count"/> have arrived (at most 30 s).</summary>
        public async Task<List<string>> EventIds(int count)
        {
            for (var i = 0; i < 300 && Ids().Count < count; i++) await Task.Delay(100);
            // A little longer, so that a duplicate delivery would have arrived too.
            await Task.Delay(500);
            return Ids();
        }

        private List<string> Ids() => Received.SelectMany(r => JsonNode.Parse(r.Body)!["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray())
            .Select(e => e!["eventID"]!.GetValue<string>()).ToList();
    }

    // The receivers listen on loopback, which a server allows only when told to (Webhooks: server-side request forgery).
    private static ServerOptions Fast(ServerOptions o) => o with { SubscriptionPollInterval = TimeSpan.FromMilliseconds(50), WebhookAllowPrivate = true };

    private static async Task<string> Subscribe(HttpClient client, string dest, string query = """{"EQ_bizStep":"receiving"}""")
    {
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/queries", Http.Body($$"""{"name":"received","query":{{query}}}""", "application/json"))).StatusCode);
        var response = await client.PostAsync("/queries/received/subscriptions", Http.Body($$"""{"dest":"{{dest}}","signatureToken":"{{Token}}","stream":true}""", "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.DoesNotContain(Token, body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(response.Headers.Location!.ToString(), "/queries/received/subscriptions/" + body["subscriptionID"]!.GetValue<string>());
        return response.Headers.Location!.ToString();
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task New_matching_events_are_notified_once_signed_with_HMAC_SHA256_and_the_state_is_stored(string backend)
    {
        await using var receiver = await Receiver.Start();
        await using var host = await Host.Start(backend, Fast);
        using var client = host.Client();
        // Stored before the subscription: not notified.
        await Http.Capture(client, Doc(Add(Lot("OLD"), 5, bizStep: "receiving", id: "urn:uuid:old")));
        var location = await Subscribe(client, receiver.Url);
        await Http.Capture(client, Doc(Add(Lot("A"), 10, bizStep: "receiving", id: "urn:uuid:a"), Add(Lot("B"), 10, bizStep: "commissioning", id: "urn:uuid:b")));
        await Http.Capture(client, Doc(Add(Lot("C"), 10, bizStep: "receiving", id: "urn:uuid:c", time: "2026-03-02T09:00:00Z")));

        Assert.Equal(["urn:uuid:a", "urn:uuid:c"], (await receiver.EventIds(2)).Order(StringComparer.Ordinal));
        foreach (var (body, signature) in receiver.Received)
            Assert.Equal(SubscriptionWorker.Signature(Token, Encoding.UTF8.GetBytes(body)), signature);
        var state = JsonNode.Parse(await client.GetStringAsync(location))!;
        Assert.Equal(4, state["notifiedThroughSeq"]!.GetValue<long>());
        Assert.Equal(0, state["failedAttempts"]!.GetValue<int>());
        Assert.NotNull(state["lastNotifiedAt"]);
        Assert.Single(JsonNode.Parse(await client.GetStringAsync("/queries/received/subscriptions"))!.AsArray());

        // Unsubscribed: later events are not sent.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(location)).StatusCode);
        await Http.Capture(client, Doc(Add(Lot("D"), 10, bizStep: "receiving", id: "urn:uuid:d", time: "2026-03-02T10:00:00Z")));
        Assert.Equal(2, (await receiver.EventIds(3)).Count);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_backoff_and_then_delivered_once()
    {
        await using var receiver = await Receiver.Start(failFirst: 2);
        await using var host = await Host.Start(Host.Sqlite, Fast);
        using var client = host.Client();
        var location = await Subscribe(client, receiver.Url);
        await Http.Capture(client, Doc(Add(Lot("A"), 10, bizStep: "receiving", id: "urn:uuid:a")));
        // Two refusals (backoff 1 s, then 2 s), then the delivery.
        Assert.Equal(["urn:uuid:a"], await receiver.EventIds(1));
        var state = JsonNode.Parse(await client.GetStringAsync(location))!;
        Assert.Equal(0, state["failedAttempts"]!.GetValue<int>());
        Assert.Null(state["lastError"]);
    }

    [Theory]
    [PostgresData]
    public async Task Two_servers_on_one_database_deliver_each_notification_once(string backend)
    {
        await using var receiver = await Receiver.Start();
        await using var host = await Host.Start(backend, Fast);
        await using var second = await host.Beside(Fast);
        using var client = host.Client();
        await Subscribe(client, receiver.Url, """{"eventType":"ObjectEvent"}""");
        const int events = 20;
        for (var i = 0; i < events; i++)
            await Http.Capture(client, Doc(Add(Lot("L" + i), 10, id: $"urn:uuid:e{i}", time: $"2026-03-02T08:{i:00}:00Z")));
        var ids = await receiver.EventIds(events);
        Assert.Equal(events, ids.Count);
        Assert.Equal(events, ids.Distinct().Count());
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task A_scheduled_subscription_reports_at_its_times_with_reportIfEmpty_and_then_the_new_events(string backend)
    {
        await using var receiver = await Receiver.Start();
        await using var host = await Host.Start(backend, Fast);
        using var client = host.Client();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/queries", Http.Body("""{"name":"received","query":{"EQ_bizStep":"receiving"}}""", "application/json"))).StatusCode);
        // Every second (the finest field given matches all its values; coarser fields any value).
        var response = await client.PostAsync("/queries/received/subscriptions",
            Http.Body($$"""{"dest":"{{receiver.Url}}","signatureToken":"{{Token}}","schedule":{"second":"[0-59]"},"reportIfEmpty":true}""", "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(created["stream"]!.GetValue<bool>());
        Assert.NotNull(created["nextRunAt"]);
        // An empty report arrives (reportIfEmpty), then one carrying the event captured meanwhile, once.
        for (var i = 0; i < 100 && receiver.Received.IsEmpty; i++) await Task.Delay(100);
        Assert.False(receiver.Received.IsEmpty);
        await Http.Capture(client, Doc(Add(Lot("A"), 10, bizStep: "receiving", id: "urn:uuid:a"), Add(Lot("B"), 10, bizStep: "commissioning", id: "urn:uuid:b")));
        Assert.Equal(["urn:uuid:a"], await receiver.EventIds(1));
        Assert.All(receiver.Received, r => Assert.Equal(SubscriptionWorker.Signature(Token, Encoding.UTF8.GetBytes(r.Body)), r.Signature));
    }

    [Theory]
    [InlineData("""{"hour":"1","minute":"5"}""", "2026-01-01T00:00:00Z", "2026-01-01T01:05:00Z")]
    [InlineData("""{"hour":"1","minute":"5"}""", "2026-01-01T01:05:00Z", "2026-01-02T01:05:00Z")]
    [InlineData("""{"minute":"0,30"}""", "2026-01-01T10:10:10Z", "2026-01-01T10:30:00Z")]
    [InlineData("""{"second":"[10-12]"}""", "2026-01-01T10:10:12Z", "2026-01-01T10:11:10Z")]
    [InlineData("""{"dayOfWeek":"7"}""", "2026-12-04T19:00:00Z", "2026-12-06T00:00:00Z")]
    [InlineData("""{"month":"2","dayOfMonth":"29"}""", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("""{"hour":"[8-9]","minute":"0"}""", "2026-01-01T08:00:00Z", "2026-01-01T09:00:00Z")]
    public void A_schedule_names_its_next_time(string schedule, string after, string next)
    {
        var s = QuerySchedule.Parse((JsonObject)JsonNode.Parse(schedule)!);
        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture), s.Next(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("""{"dest":"ftp://x/y","stream":true}""", "dest")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb"}""", "stream")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","schedule":{"hour":"25"}}""", "outside 0 to 23")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","schedule":{"minute":"[5-x]"}}""", "schedule.minute")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","schedule":{"fortnight":"1"}}""", "fortnight")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","schedule":{}}""", "at least one field")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","schedule":{"hour":"1"},"stream":true}""", "not both")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","stream":true,"reportIfEmpty":true}""", "reportIfEmpty")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","stream":true,"signatureToken":""}""", "signatureToken")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","stream":true,"initialRecordTime":"soon"}""", "initialRecordTime")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","stream":true,"colour":"red"}""", "colour")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","schedule":{"hour":"1"},"reportIfEmpty":"yes"}""", "reportIfEmpty: must be a boolean, not a string")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","reportIfEmpty":1}""", "reportIfEmpty: must be a boolean, not a number")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","stream":"true"}""", "stream: must be a boolean (true), not a string")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","schedule":"hourly"}""", "schedule: must be an object")]
    [InlineData("""{"dest":42,"stream":true}""", "dest: must be a string")]
    [InlineData("""{"dest":"http://127.0.0.1:9/cb","stream":true,"signatureToken":null}""", "signatureToken: must be a string, not null")]
    public async Task A_bad_subscription_is_refused_with_a_reason(string body, string mentions)
    {
        await using var host = await Host.Start(Host.Sqlite, o => o with { WebhookAllowPrivate = true });
        using var client = host.Client();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/queries", Http.Body("""{"name":"q","query":{}}""", "application/json"))).StatusCode);
        var problem = await Http.Problem(await client.PostAsync("/queries/q/subscriptions", Http.Body(body, "application/json")), 400, "epcisException:ValidationException");
        Assert.Contains(mentions, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Http.Problem(await client.PostAsync("/queries/none/subscriptions", Http.Body("""{"dest":"http://127.0.0.1:9/cb","stream":true}""", "application/json")), 404, "epcisException:NoSuchResourceException");
    }
}
