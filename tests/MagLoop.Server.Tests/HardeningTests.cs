using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using static MagLoop.Server.Tests.Documents;

namespace MagLoop.Server.Tests;

/// <summary>
/// Hardening found by trying the server as an attacker would: webhook destinations that reach what only the server
/// can reach (server-side request forgery), statuses without a problem body, a second server process on one SQLite file.
/// </summary>
public sealed class HardeningTests
{
    private static Task<HttpResponseMessage> Subscribe(HttpClient client, string dest) =>
        client.PostAsync("/queries/q/subscriptions", Http.Body($$"""{"dest":"{{dest}}","stream":true}""", "application/json"));

    [Theory]
    [InlineData("http://127.0.0.1:8080/cb", "loopback")]
    [InlineData("http://127.1.2.3/cb", "loopback")]
    [InlineData("http://localhost:8080/cb", "loopback")]
    [InlineData("http://[::1]:8080/cb", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]/cb", "loopback")]
    [InlineData("http://10.1.2.3/cb", "RFC 1918")]
    [InlineData("http://172.16.0.1/cb", "RFC 1918")]
    [InlineData("http://172.31.255.255/cb", "RFC 1918")]
    [InlineData("https://192.168.1.1/cb", "RFC 1918")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://0.0.0.0:8080/cb", "this network")]
    [InlineData("http://[fc00::1]/cb", "fc00::/7")]
    [InlineData("http://[fd12:3456::1]/cb", "fc00::/7")]
    [InlineData("http://[fe80::1]/cb", "link-local")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/cb", "link-local")]
    [InlineData("http://100.64.0.1/cb", "RFC 6598")]
    [InlineData("http://224.0.0.1/cb", "multicast")]
    [InlineData("ftp://example.com/cb", "http or https")]
    [InlineData("file:///etc/passwd", "http or https")]
    [InlineData("gopher://example.com/cb", "http or https")]
    public async Task A_webhook_to_a_private_or_non_http_destination_is_refused_with_400(string dest, string mentions)
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/queries", Http.Body("""{"name":"q","query":{}}""", "application/json"))).StatusCode);
        var problem = await Http.Problem(await Subscribe(client, dest), 400, "epcisException:ValidationException");
        var detail = problem["detail"]!.GetValue<string>();
        Assert.StartsWith("dest:", detail, StringComparison.Ordinal);
        Assert.Contains(mentions, detail, StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync("/queries/q/subscriptions"))!.AsArray());
    }

    [Fact]
    public async Task A_private_destination_is_accepted_when_the_server_allows_it()
    {
        await using var host = await Host.Start(Host.Sqlite, o => o with { WebhookAllowPrivate = true });
        using var client = host.Client();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/queries", Http.Body("""{"name":"q","query":{}}""", "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Subscribe(client, "http://127.0.0.1:9/cb")).StatusCode);
        // The scheme rule holds whatever the option.
        await Http.Problem(await Subscribe(client, "ftp://127.0.0.1/cb"), 400, "epcisException:ValidationException");
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    public void A_public_address_is_not_special(string address) => Assert.Null(Webhooks.Special(IPAddress.Parse(address)));

    [Fact]
    public async Task A_name_that_resolves_to_loopback_at_delivery_time_is_not_connected_to()
    {
        // A receiver on loopback: were the address not checked at delivery, the notification would reach it.
        var received = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/cb", (HttpContext c) =>
        {
            received.Enqueue(c.Request.Path);
            return Results.Ok();
        });
        await receiver.StartAsync();
        var port = new Uri(receiver.Urls.First()).Port;

        // DNS rebinding: the name is public when the subscription is made, loopback afterwards.
        var answers = 0;
        Task<IPAddress[]> Resolve(string host, CancellationToken _) =>
            Task.FromResult(host == "rebind.example" && Interlocked.Increment(ref answers) == 1 ? [IPAddress.Parse("93.184.215.14")] : new[] { IPAddress.Loopback });
        await using var host = await Host.Start(Host.Sqlite, o => o with { ResolveHost = Resolve, SubscriptionPollInterval = TimeSpan.FromMilliseconds(50) });
        using var client = host.Client();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/queries", Http.Body("""{"name":"q","query":{}}""", "application/json"))).StatusCode);
        var created = await Subscribe(client, $"http://rebind.example:{port}/cb");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Http.Capture(client, Doc(Add(Lot("A"), 10)));

        JsonNode? state = null;
        for (var i = 0; i < 100 && state?["lastError"] is null; i++)
        {
            await Task.Delay(100);
            state = JsonNode.Parse(await client.GetStringAsync(created.Headers.Location!.ToString()));
        }

        Assert.Contains("resolves to 127.0.0.1, loopback", state!["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(state["failedAttempts"]!.GetValue<int>() >= 1);
        Assert.Empty(received);
        await receiver.StopAsync();
    }

    [Fact]
    public async Task Statuses_that_no_endpoint_explains_get_a_problem_body()
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client();
        var notFound = await Http.Problem(await client.GetAsync("/no/such/path"), 404, "epcisException:NoSuchResourceException");
        Assert.Contains("/no/such/path", notFound["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var wrongMethod = await Http.Problem(await client.PutAsync("/lots/x", Http.Body("{}", "application/json")), 405, "about:blank");
        Assert.Contains("PUT", wrongMethod["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Http.Problem(await client.DeleteAsync("/capture"), 405, "about:blank");
        // Escapes that decode to odd text reach the endpoint and are answered by it.
        await Http.Problem(await client.GetAsync("/lots/%2500"), 404, "epcisException:NoSuchResourceException");
        await Http.Problem(await client.GetAsync("/lots/%C0%AF"), 404, "epcisException:NoSuchResourceException");
    }

    [Fact]
    public async Task A_second_server_on_one_SQLite_file_is_refused_and_the_first_serves_on()
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client();
        var (_, job) = await Http.Capture(client, Doc(Add(Lot("A"), 10)));
        Assert.True(job!["success"]!.GetValue<bool>());
        var refused = await Assert.ThrowsAsync<StoreInUseException>(() => host.Beside());
        Assert.Contains("another server process", refused.Message, StringComparison.Ordinal);
        Assert.Contains(".serve-lock", refused.Message, StringComparison.Ordinal);
        // The first one still serves, its jobs untouched.
        var (_, again) = await Http.Capture(client, Doc(Add(Lot("B"), 10)));
        Assert.True(again!["success"]!.GetValue<bool>());
        // Stopped, it releases the file: a restart serves it.
        await using var restarted = await host.Restart();
        using var next = restarted.Client();
        var (_, events) = await Http.Events(next, "/events");
        Assert.Equal(2, events.Count);
    }
}
