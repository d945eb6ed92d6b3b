using System.Net;
using System.Net.Http.Headers;
using MagLoop.Traceability.Storage;
using static MagLoop.Server.Tests.Documents;

namespace MagLoop.Server.Tests;

/// <summary>Keys, roles and sites: who may do what, and how every refusal reads.</summary>
public sealed class SecurityTests
{
    /// <summary>The admin's subscription of the current test (each test of the matrix makes its own).</summary>
    private static readonly AsyncLocal<string?> Subscription = new();

    /// <summary>The requests of the matrix: a name and how to send it.</summary>
    private static readonly (string Name, Func<HttpClient, Task<HttpResponseMessage>> Send)[] Requests =
    [
        ("capture at the site", c => c.PostAsync("/capture", Http.Body(Doc(Add(Lot("S1"), 10))))),
        ("capture at the other site", c => c.PostAsync("/capture", Http.Body(Doc(Add(Lot("O1"), 10, site: Host.OtherSite))))),
        ("capture a test result", c => c.PostAsync("/capture", Http.Body(Doc(Inspect(Lot("BASE")))))),
        ("one event at the site", c => c.PostAsync("/events", Http.Body(Add(Lot("S2"), 10)))),
        ("one event at the other site", c => c.PostAsync("/events", Http.Body(Add(Lot("O2"), 10, site: Host.OtherSite)))),
        ("query events", c => c.GetAsync("/events")),
        ("one event", c => c.GetAsync("/events/urn%3Auuid%3Abase")),
        ("capture jobs", c => c.GetAsync("/capture")),
        ("discovery", c => c.GetAsync("/bizSteps")),
        ("capture options", c => c.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/capture"))),
        ("create a query", c => c.PostAsync("/queries", Http.Body("""{"name":"mine","query":{"eventType":"ObjectEvent"}}""", "application/json"))),
        ("list queries", c => c.GetAsync("/queries")),
        ("run a query", c => c.GetAsync("/queries/base/events")),
        ("delete another key's query", c => c.DeleteAsync("/queries/base")),
        ("a lot", c => c.GetAsync("/lots/" + Uri.EscapeDataString(Lot("BASE")))),
        ("a genealogy", c => c.GetAsync("/lots/" + Uri.EscapeDataString(Lot("BASE")) + "/genealogy?direction=forward")),
        ("recycled content", c => c.GetAsync("/lots/" + Uri.EscapeDataString(Lot("BASE")) + "/content")),
        ("a compliance verdict", c => c.GetAsync("/lots/" + Uri.EscapeDataString(Lot("BASE")) + "/compliance?rule=dfars-current")),
        ("ledger verification", c => c.GetAsync("/ledger/verify")),
        ("the OpenAPI document", c => c.GetAsync("/openapi/v1.json")),
        ("subscribe", c => c.PostAsync("/queries/sub/subscriptions", Http.Body("{\"dest\":\"http://127.0.0.1:9/cb\",\"stream\":true}", "application/json"))),
        ("list subscriptions", c => c.GetAsync("/queries/sub/subscriptions")),
        ("end another key's subscription", c => c.DeleteAsync(Subscription.Value!)),
    ];

    /// <summary>Expected status per caller and request, in the order of <see cref="Requests"/>.</summary>
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["admin"] = [202, 202, 202, 201, 201, 200, 200, 200, 200, 204, 201, 200, 200, 204, 200, 200, 200, 200, 200, 200, 201, 200, 204],
        ["operator"] = [202, 403, 202, 201, 403, 200, 200, 200, 200, 204, 201, 200, 200, 403, 200, 200, 200, 200, 200, 200, 201, 200, 403],
        ["operator-other"] = [403, 202, 403, 403, 201, 200, 200, 200, 200, 204, 201, 200, 200, 403, 200, 200, 200, 200, 200, 200, 201, 200, 403],
        ["quality"] = [403, 403, 202, 403, 403, 200, 200, 200, 200, 204, 201, 200, 200, 403, 200, 200, 200, 200, 200, 200, 201, 200, 403],
        ["auditor"] = [403, 403, 403, 403, 403, 200, 200, 200, 200, 204, 403, 200, 200, 403, 200, 200, 200, 200, 200, 200, 403, 200, 403],
        ["no key"] = Refused(401),
        ["unknown key"] = Refused(401),
        ["revoked key"] = Refused(401),
        ["expired key"] = Refused(401),
    };

    private static int[] Refused(int status) => Enumerable.Repeat(status, Requests.Length).ToArray();

    public static TheoryData<string, string> Callers()
    {
        var data = new TheoryData<string, string>();
        foreach (var caller in Expected.Keys)
        {
            data.Add(Host.Sqlite, caller);
            if (Host.PostgresConnection is not null) data.Add(Host.Postgres, caller);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Every_role_and_site_gets_what_it_may_and_a_problem_for_what_it_may_not(string backend, string caller)
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        // The subscription below points at loopback (port 9, discard), which the server allows only when told to.
        await using var host = await Host.Start(backend, o => o with { Time = clock, WebhookAllowPrivate = true });
        using (var admin = host.Client())
        {
            // The lot the test result is about, and an event to read.
            var (_, job) = await Http.Capture(admin, Doc(Add(Lot("BASE"), 10, id: "urn:uuid:base")));
            Assert.True(job!["success"]!.GetValue<bool>(), job.ToJsonString());
            // A named query of the admin's, to run and (but for the admin) not to delete.
            var query = await admin.PostAsync("/queries", Http.Body("""{"name":"base","query":{"EQ_bizStep":"commissioning"}}""", "application/json"));
            Assert.Equal(HttpStatusCode.Created, query.StatusCode);
            // A query to subscribe to, with a subscription of the admin's (port 9, discard: deliveries fail and retry, harmlessly).
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/queries", Http.Body("""{"name":"sub","query":{}}""", "application/json"))).StatusCode);
            var subscription = await admin.PostAsync("/queries/sub/subscriptions", Http.Body("""{"dest":"http://127.0.0.1:9/cb","stream":true}""", "application/json"));
            Assert.Equal(HttpStatusCode.Created, subscription.StatusCode);
            Subscription.Value = subscription.Headers.Location!.ToString();
        }

        using var client = host.Client(null);
        var key = caller switch
        {
            "no key" => null,
            "unknown key" => ApiKeys.Prefix + "000000000000_" + new string('0', 64),
            "revoked key" => Revoked(host),
            "expired key" => Expiring(host, clock),
            _ => host.Keys[caller],
        };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (caller == "expired key") clock.Now += TimeSpan.FromHours(2);

        var failures = new List<string>();
        Assert.Equal(Requests.Length, Expected[caller].Length);
        for (var i = 0; i < Requests.Length; i++)
        {
            var response = await Requests[i].Send(client);
            var want = Expected[caller][i];
            if ((int)response.StatusCode != want)
            {
                failures.Add($"{Requests[i].Name}: {(int)response.StatusCode}, expected {want}: {await response.Content.ReadAsStringAsync()}");
                continue;
            }

            if (want is 401 or 403)
            {
                var problem = await Http.Problem(response, want, "epcisException:SecurityException");
                // A refusal never echoes the key.
                if (key is not null) Assert.DoesNotContain(key, problem.ToJsonString(), StringComparison.Ordinal);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Revoked(Host host)
    {
        using var store = TraceStore.Open(host.Database);
        var (info, key) = ApiKeys.Create(store.Context, ApiRole.Admin, Host.Site, null, TimeProvider.System);
        ApiKeys.Revoke(store.Context, info.Id, TimeProvider.System);
        return key;
    }

    private static string Expiring(Host host, Clock clock)
    {
        using var store = TraceStore.Open(host.Database);
        return ApiKeys.Create(store.Context, ApiRole.Admin, Host.Site, clock.Now + TimeSpan.FromHours(1), clock).Key;
    }

    [Fact]
    public async Task Keys_are_stored_as_hashes_only()
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var store = TraceStore.OpenReadOnly(host.Database);
        var rows = store.Context.ApiKeys.ToList();
        Assert.Equal(host.Keys.Count, rows.Count);
        foreach (var key in host.Keys.Values)
        {
            Assert.DoesNotContain(rows, r => r.KeyHash.Contains(key[^20..], StringComparison.Ordinal) || r.Id.Contains(key[^20..], StringComparison.Ordinal));
            Assert.Contains(rows, r => r.KeyHash == ApiKeys.Hash(key));
        }
    }

    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_Retry_After_and_other_keys_are_unaffected()
    {
        await using var host = await Host.Start(Host.Sqlite, o => o with { RequestsPerSecondPerKey = 2 });
        using var client = host.Client("auditor");
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++) statuses.Add(await client.GetAsync("/eventTypes"));
        var refused = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await Http.Problem(refused, 429, "epcisException:SecurityException");
        using var other = host.Client("quality");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/eventTypes")).StatusCode);
    }

    /// <summary>A clock the test moves.</summary>
    private sealed class Clock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
