using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagLoop.Traceability.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using MagLoop.TestSupport;

namespace MagLoop.Server.Tests;

/// <summary>
/// The PostgreSQL row of a backend theory. Without MAGLOOP_TEST_POSTGRES it is reported as skipped, with the reason,
/// rather than passing without running.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresDataAttribute : Xunit.Sdk.DataAttribute
{
    public PostgresDataAttribute()
    {
        if (Host.PostgresConnection is null) Skip = "PostgreSQL: MAGLOOP_TEST_POSTGRES is not set; .ci/run starts a local server and sets it.";
    }

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[Host.Postgres]];
}

/// <summary>
/// The server on a fresh store (a temporary SQLite file or a new PostgreSQL database) on an in-memory test server,
/// with one key per role. Disposing it stops the server and removes the database.
/// </summary>
internal sealed class Host : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The site of the operator key, and one other.</summary>
    public const string Site = "urn:epc:id:sgln:0614141.07346";
    public const string OtherSite = "urn:epc:id:sgln:0012345.11111";

    public static string? PostgresConnection => ScratchDatabase.PostgresAdmin;

    private readonly WebApplication _app;
    private bool _stopped;
    // The store this host removes when disposed; null for a host started beside or after another on its store.
    private readonly ScratchDatabase? _scratch;

    private Host(WebApplication app, TraceDatabase database, ScratchDatabase? scratch, Dictionary<string, string> keys)
    {
        _app = app;
        Database = database;
        _scratch = scratch;
        Keys = keys;
    }

    public TraceDatabase Database { get; }

    /// <summary>A key per role name (operator at <see cref="Site"/>, and "operator-other" at <see cref="OtherSite"/>).</summary>
    public IReadOnlyDictionary<string, string> Keys { get; }

    /// <summary>
    /// Starts a server on a fresh store; with <paramref name="kestrel"/> it listens on a free loopback port (for clients
    /// that need a real socket, such as <see cref="System.Net.WebSockets.ClientWebSocket"/>) instead of in memory.
    /// </summary>
    public static async Task<Host> Start(string backend, Func<ServerOptions, ServerOptions>? adjust = null, bool kestrel = false)
    {
        var scratch = ScratchDatabase.Create(backend != Sqlite, "magloop-server", pooling: false);
        var database = scratch.Database;
        var keys = new Dictionary<string, string>();
        using (var store = TraceStore.Open(database))
        {
            foreach (var role in Enum.GetValues<ApiRole>())
                keys[ApiKeys.Name(role)] = ApiKeys.Create(store.Context, role, Site, null, TimeProvider.System).Key;
            keys["operator-other"] = ApiKeys.Create(store.Context, ApiRole.Operator, OtherSite, null, TimeProvider.System).Key;
        }

        return new Host(await StartApp(database, adjust, kestrel), database, scratch, keys) { Kestrel = kestrel };
    }

    /// <summary>True when the server listens on a loopback port (<see cref="Url"/>), false when in memory.</summary>
    public bool Kestrel { get; private init; }

    /// <summary>The server's address when it listens on a port.</summary>
    public Uri Url => new(_app.Urls.First());

    private static async Task<WebApplication> StartApp(TraceDatabase database, Func<ServerOptions, ServerOptions>? adjust, bool kestrel = false)
    {
        // Custody rules stay on (the default); conformance documents that break them are tested for the reason.
        var options = new ServerOptions { Database = database, RequestsPerSecondPerKey = 10_000 };
        if (adjust is not null) options = adjust(options);
        var app = MagLoopServer.Create(options, configure: b =>
        {
            if (kestrel) b.WebHost.UseUrls("http://127.0.0.1:0");
            else b.WebHost.UseTestServer();
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>Starts a second server on the same store and keys beside this one (two processes on one database); this host still removes the store.</summary>
    public async Task<Host> Beside(Func<ServerOptions, ServerOptions>? adjust = null) =>
        new(await StartApp(Database, adjust), Database, null, new Dictionary<string, string>(Keys));

    /// <summary>Stops this server and starts a new one on the same store and keys (a restart); this host still removes the store.</summary>
    public async Task<Host> Restart(Func<ServerOptions, ServerOptions>? adjust = null)
    {
        // Disposed, not only stopped: a SQLite server holds its store's lock file until its state is disposed.
        await Stop();
        return new Host(await StartApp(Database, adjust, Kestrel), Database, null, new Dictionary<string, string>(Keys)) { Kestrel = Kestrel };
    }

    private async Task Stop()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The in-memory test server (for a client with its own handler settings).</summary>
    public TestServer Server() => _app.GetTestServer();

    public HttpClient Client(string? role = "admin")
    {
        var client = Kestrel ? new HttpClient { BaseAddress = Url } : _app.GetTestServer().CreateClient();
        if (role is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Keys[role]);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        _scratch?.Dispose();
    }
}

/// <summary>Requests and answers of the binding.</summary>
internal static class Http
{
    public static StringContent Body(string json, string mediaType = "application/ld+json") => new(json, Encoding.UTF8, mediaType);

    /// <summary>POST /capture, then polls the job until it finishes; returns the 202 response and the job.</summary>
    public static async Task<(HttpResponseMessage Response, JsonObject? Job)> Capture(HttpClient client, string json)
    {
        var response = await client.PostAsync("/capture", Body(json));
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted) return (response, null);
        var location = response.Headers.Location!.ToString();
        for (var i = 0; i < 600; i++)
        {
            var job = (JsonObject)JsonNode.Parse(await client.GetStringAsync(location))!;
            if (!job["running"]!.GetValue<bool>()) return (response, job);
            await Task.Delay(50);
        }

        throw new TimeoutException($"capture job {location} still running after 30 s");
    }

    /// <summary>GET a query document and its events.</summary>
    public static async Task<(HttpResponseMessage Response, JsonArray Events)> Events(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode) return (response, []);
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("EPCISQueryDocument", doc["type"]!.GetValue<string>());
        return (response, doc["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray());
    }

    /// <summary>Asserts a problem-details body with the status and EPCIS exception type; returns it.</summary>
    public static async Task<JsonObject> Problem(HttpResponseMessage response, int status, string type)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(status, body["status"]!.GetValue<int>());
        Assert.Equal(type, body["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["title"]?.GetValue<string>()));
        return body;
    }

    public static int Count(JsonElement list) => list.GetArrayLength();
}

/// <summary>Files of ../shared/standards/epcis (never copied into the repository).</summary>
internal static class Standards
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return Path.Combine(dir.FullName, "..", "shared", "standards", "epcis");
            throw new InvalidOperationException("repository root not found");
        }
    }

    public static TheoryData<string, string> Documents(string folder)
    {
        var data = new TheoryData<string, string>();
        var path = Path.Combine(Root, folder);
        if (!Directory.Exists(path))
        {
            Console.WriteLine($"SKIPPED ({folder}): {path} not found.");
            return data;
        }

        foreach (var file in Directory.GetFiles(path).Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".jsonld", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Host.Sqlite, Path.GetFileName(file));
            if (Host.PostgresConnection is not null) data.Add(Host.Postgres, Path.GetFileName(file));
        }

        return data;
    }
}
