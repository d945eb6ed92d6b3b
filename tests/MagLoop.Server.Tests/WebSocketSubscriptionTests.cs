using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using MagLoop.Traceability.Storage;
using static MagLoop.Server.Tests.Documents;

namespace MagLoop.Server.Tests;

/// <summary>
/// WebSocket subscriptions (GET /queries/{name}/events with Upgrade: websocket), with a real
/// <see cref="ClientWebSocket"/> against the server listening on a loopback port.
/// </summary>
public sealed class WebSocketSubscriptionTests
{
    private static ServerOptions Fast(ServerOptions o) => o with { SubscriptionPollInterval = TimeSpan.FromMilliseconds(50) };

    /// <summary>A subscribed client: the socket and the 101's headers.</summary>
    private sealed class Subscriber(ClientWebSocket socket) : IDisposable
    {
        public ClientWebSocket Socket { get; } = socket;

        public static async Task<Subscriber> Connect(Host host, string role, string pathAndQuery)
        {
            var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.SetRequestHeader("Authorization", "Bearer " + host.Keys[role]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(new Uri($"ws://{host.Url.Authority}{pathAndQuery}"), timeout.Token);
            return new Subscriber(socket);
        }

        /// <summary>The next message as JSON, or null when the server closed (the close is answered).</summary>
        public async Task<JsonNode?> Next()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var message = new MemoryStream();
            var buffer = new byte[8192];
            while (true)
            {
                var r = await Socket.ReceiveAsync(buffer, timeout.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
                    return null;
                }

                Assert.Equal(WebSocketMessageType.Text, r.MessageType);
                message.Write(buffer, 0, r.Count);
                if (r.EndOfMessage) return JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()));
            }
        }

        /// <summary>The events of the next message, checking that it is the query's EPCISQueryDocument.</summary>
        public async Task<JsonArray> Events(string queryName)
        {
            var document = await Next() ?? throw new InvalidOperationException($"closed: {Socket.CloseStatus} {Socket.CloseStatusDescription}");
            Assert.Equal("EPCISQueryDocument", document["type"]!.GetValue<string>());
            var results = document["epcisBody"]!["queryResults"]!;
            Assert.Equal(queryName, results["queryName"]!.GetValue<string>());
            Assert.StartsWith("ws-", results["subscriptionID"]!.GetValue<string>(), StringComparison.Ordinal);
            return results["resultsBody"]!["eventList"]!.AsArray();
        }

        public void Dispose() => Socket.Dispose();
    }

    private static List<string> Ids(JsonArray events) => events.Select(e => e!["eventID"]!.GetValue<string>()).ToList();

    private static async Task CreateQuery(HttpClient client, string name = "received", string query = """{"EQ_bizStep":"receiving"}""") =>
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/queries", Http.Body($$"""{"name":"{{name}}","query":{{query}}}""", "application/json"))).StatusCode);

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task A_stream_subscription_receives_each_new_matching_event_as_an_EPCISQueryDocument(string backend)
    {
        await using var host = await Host.Start(backend, Fast, kestrel: true);
        using var client = host.Client();
        await CreateQuery(client);
        await Http.Capture(client, Doc(Add(Lot("OLD"), 5, bizStep: "receiving", id: "urn:uuid:old")));
        // An auditor reads, so it may subscribe; two clients of one query each receive every notification.
        using var auditor = await Subscriber.Connect(host, "auditor", "/queries/received/events?stream=true");
        using var operatorClient = await Subscriber.Connect(host, "operator-other", "/queries/received/events?stream=true");
        Assert.Equal(HttpStatusCode.SwitchingProtocols, auditor.Socket.HttpStatusCode);
        Assert.True(auditor.Socket.HttpResponseHeaders!.ContainsKey("GS1-Query-Min-Record-Time"));

        await Http.Capture(client, Doc(Add(Lot("A"), 10, bizStep: "receiving", id: "urn:uuid:a"), Add(Lot("B"), 10, bizStep: "commissioning", id: "urn:uuid:b")));
        Assert.Equal(["urn:uuid:a"], Ids(await auditor.Events("received")));
        Assert.Equal(["urn:uuid:a"], Ids(await operatorClient.Events("received")));
        await Http.Capture(client, Doc(Add(Lot("C"), 10, bizStep: "receiving", id: "urn:uuid:c", time: "2026-03-02T09:00:00Z")));
        var c = await auditor.Events("received");
        Assert.Equal(["urn:uuid:c"], Ids(c));
        Assert.NotNull(c[0]!["recordTime"]);

        // The client ends it: the server answers the close.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await auditor.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        Assert.Equal(WebSocketState.Closed, auditor.Socket.State);
    }

    [Fact]
    public async Task A_scheduled_subscription_reports_at_its_times_with_reportIfEmpty_and_then_the_new_events()
    {
        await using var host = await Host.Start(Host.Sqlite, Fast, kestrel: true);
        using var client = host.Client();
        await CreateQuery(client);
        using var subscriber = await Subscriber.Connect(host, "quality", "/queries/received/events?second=%5B0-59%5D&reportIfEmpty=true");
        Assert.Empty(await subscriber.Events("received"));
        await Http.Capture(client, Doc(Add(Lot("A"), 10, bizStep: "receiving", id: "urn:uuid:a"), Add(Lot("B"), 10, bizStep: "commissioning", id: "urn:uuid:b")));
        // Empty reports (one a second, queued while the capture runs) until the run after the capture, which carries the event once.
        var seen = new List<string>();
        for (var i = 0; i < 60 && seen.Count == 0; i++) seen.AddRange(Ids(await subscriber.Events("received")));
        Assert.Equal(["urn:uuid:a"], seen);
        Assert.Empty(await subscriber.Events("received"));
    }

    [Fact]
    public async Task The_handshake_needs_a_valid_key_and_known_controls()
    {
        await using var host = await Host.Start(Host.Sqlite, Fast, kestrel: true);
        using var client = host.Client();
        await CreateQuery(client);

        async Task<HttpStatusCode?> Refused(string? key, string pathAndQuery)
        {
            using var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            if (key is not null) socket.Options.SetRequestHeader("Authorization", "Bearer " + key);
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://{host.Url.Authority}{pathAndQuery}"), CancellationToken.None));
            return socket.HttpStatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Refused(null, "/queries/received/events?stream=true"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Refused("mlk_nobody_00", "/queries/received/events?stream=true"));
        Assert.Equal(HttpStatusCode.NotFound, await Refused(host.Keys["admin"], "/queries/none/events?stream=true"));
        foreach (var bad in new[] { "", "stream=false", "stream=true&hour=1", "hour=25", "stream=true&reportIfEmpty=true", "hour=1&reportIfEmpty=yes", "stream=true&initialRecordTime=soon", "stream=true&EQ_bizStep=x", "stream=true&stream=true" })
            Assert.Equal(HttpStatusCode.BadRequest, await Refused(host.Keys["admin"], "/queries/received/events?" + bad));

        // Without the upgrade, the controls are explained as a problem body.
        var problem = await Http.Problem(await client.GetAsync("/queries/received/events?stream=true"), 400, "epcisException:QueryParameterException");
        Assert.Contains("WebSocket", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_or_a_deleted_query_ends_the_subscription()
    {
        await using var host = await Host.Start(Host.Sqlite, Fast, kestrel: true);
        using var client = host.Client();
        await CreateQuery(client);
        await CreateQuery(client, "other");
        string auditorId;
        auditorId = ApiKeys.Find(host.Database, host.Keys["auditor"])!.Id;

        using var revoked = await Subscriber.Connect(host, "auditor", "/queries/received/events?stream=true");
        using (var store = TraceStore.Open(host.Database)) ApiKeys.Revoke(store.Context, auditorId, TimeProvider.System);
        Assert.Null(await revoked.Next());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, revoked.Socket.CloseStatus);
        Assert.Contains("revoked", revoked.Socket.CloseStatusDescription, StringComparison.Ordinal);

        using var deleted = await Subscriber.Connect(host, "admin", "/queries/other/events?stream=true");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/queries/other")).StatusCode);
        Assert.Null(await deleted.Next());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, deleted.Socket.CloseStatus);
        Assert.Contains("deleted", deleted.Socket.CloseStatusDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task Across_a_restart_the_connection_closes_1001_and_a_reconnect_with_initialRecordTime_misses_nothing(string backend)
    {
        await using var host = await Host.Start(backend, Fast, kestrel: true);
        using (var client = host.Client())
        {
            await CreateQuery(client);
            using var before = await Subscriber.Connect(host, "admin", "/queries/received/events?stream=true");
            await Http.Capture(client, Doc(Add(Lot("A"), 10, bizStep: "receiving", id: "urn:uuid:a")));
            var a = await before.Events("received");
            var lastRecordTime = a[^1]!["recordTime"]!.GetValue<string>();

            // The server stops: the subscription (a connection) ends with 1001; the named query is in the database.
            var closing = before.Next();
            await using var restarted = await host.Restart(Fast);
            Assert.Null(await closing);
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, before.Socket.CloseStatus);

            using var client2 = restarted.Client();
            // Captured while the client is away.
            await Http.Capture(client2, Doc(Add(Lot("B"), 10, bizStep: "receiving", id: "urn:uuid:b", time: "2026-03-02T09:00:00Z")));
            using var after = await Subscriber.Connect(restarted, "admin", "/queries/received/events?stream=true&initialRecordTime=" + Uri.EscapeDataString(lastRecordTime));
            Assert.Equal(lastRecordTime, after.Socket.HttpResponseHeaders!["GS1-Query-Min-Record-Time"].Single());
            // Events from the last recordTime received on: A again (same millisecond: the client de-duplicates by eventID) and B.
            var ids = new HashSet<string>(Ids(await after.Events("received")));
            Assert.Contains("urn:uuid:b", ids);
            Assert.Subset(new HashSet<string> { "urn:uuid:a", "urn:uuid:b" }, ids);
        }
    }
}
