using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MagLoop.Traceability.Storage;
using MagLoop.TestSupport;

namespace MagLoop.Cli.Tests;

/// <summary>
/// A real <c>magloop serve</c> process (the built magloop.dll run by <c>dotnet exec</c>) on a loopback port, so that a
/// test can kill it with SIGKILL the way a crash or an OOM killer would.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(System.Diagnostics.Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>The server's base address.</summary>
    public Uri Url { get; }

    /// <summary>What the process wrote (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts a server on <paramref name="database"/> and waits until it answers.</summary>
    public static async Task<ServeProcess> Start(TraceDatabase database, string adminKey)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "magloop.dll");
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // No GS1 schema is found from the temp folder: MagLoop's own checks and the custody rules apply.
            WorkingDirectory = Path.GetTempPath(),
        };
        info.Environment.Remove("MAGLOOP_EPCIS_SCHEMA");
        foreach (var a in new[] { "exec", dll, "serve", "--urls", url.ToString().TrimEnd('/'), "--rate-limit", "100000" }) info.ArgumentList.Add(a);
        if (database.PostgresConnectionString is { } pg)
        {
            info.ArgumentList.Add("--postgres");
            info.ArgumentList.Add(pg);
        }
        else
        {
            info.ArgumentList.Add("--db");
            info.ArgumentList.Add(database.SqlitePath!);
        }

        var process = System.Diagnostics.Process.Start(info)!;
        var server = new ServeProcess(process, url);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = server.Client(adminKey);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"magloop serve exited with {process.ExitCode}: {server.Output}");
            try
            {
                if ((await client.GetAsync("/")).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(90)) throw new TimeoutException($"magloop serve did not answer within 90 s: {server.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>A client of this server with <paramref name="key"/>.</summary>
    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}

/// <summary>A fresh store (temporary SQLite file, or a new PostgreSQL database) with an admin key; removed on dispose.</summary>
internal sealed class ScratchStore : IAsyncDisposable
{
    public const string Site = "urn:epc:id:sgln:0614141.07346";

    private readonly ScratchDatabase _scratch;

    private ScratchStore(ScratchDatabase scratch, string adminKey)
    {
        _scratch = scratch;
        AdminKey = adminKey;
    }

    public static string? PostgresConnection => ScratchDatabase.PostgresAdmin;

    public TraceDatabase Database => _scratch.Database;

    public string AdminKey { get; }

    public static Task<ScratchStore> Create(bool postgres)
    {
        var scratch = ScratchDatabase.Create(postgres, "magloop-serve");
        using var store = TraceStore.Open(scratch.Database);
        var key = ApiKeys.Create(store.Context, ApiRole.Admin, Site, null, TimeProvider.System).Key;
        return Task.FromResult(new ScratchStore(scratch, key));
    }

    public ValueTask DisposeAsync()
    {
        _scratch.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>MagLoop lot documents for load (lots by mass, at <see cref="ScratchStore.Site"/>), with explicit eventIDs.</summary>
internal static class LotDocuments
{
    public static string Lot(string name) => $"urn:epc:class:lgtin:0614141.012345.{name}";

    /// <summary>A deterministic urn:uuid eventID from three counters.</summary>
    public static string Id(int a, int b, int c) => string.Create(CultureInfo.InvariantCulture, $"urn:uuid:00000000-0000-4000-8000-{a:0000}{b:0000}{c:0000}");

    public static string Doc(IEnumerable<string> events) =>
        $$$"""{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[{{{string.Join(",", events)}}}]}}""";

    public static string Add(string id, string lot, double kg) =>
        $$"""{"type":"ObjectEvent","eventID":"{{id}}","eventTime":"2026-03-02T08:00:00Z","eventTimeZoneOffset":"+00:00","action":"ADD","bizStep":"commissioning","disposition":"active","readPoint":{"id":"{{ScratchStore.Site}}.0"},"quantityList":[{"epcClass":"{{lot}}","quantity":{{kg.ToString(CultureInfo.InvariantCulture)}},"uom":"KGM"}]}""";

    public static string Transform(string id, IEnumerable<(string Lot, double Kg)> inputs, string output, double outputKg) =>
        $$"""{"type":"TransformationEvent","eventID":"{{id}}","eventTime":"2026-03-03T08:00:00Z","eventTimeZoneOffset":"+00:00","bizStep":"creating_class_instance","readPoint":{"id":"{{ScratchStore.Site}}.0"},"inputQuantityList":[{{string.Join(",", inputs.Select(i => $$"""{"epcClass":"{{i.Lot}}","quantity":{{i.Kg.ToString(CultureInfo.InvariantCulture)}},"uom":"KGM"}"""))}}],"outputQuantityList":[{"epcClass":"{{output}}","quantity":{{outputKg.ToString(CultureInfo.InvariantCulture)}},"uom":"KGM"}]}""";

    /// <summary>POST /capture; the job id, or null when the server did not accept it (or did not answer).</summary>
    public static async Task<string?> Submit(HttpClient client, string json)
    {
        using var response = await client.PostAsync("/capture", new StringContent(json, Encoding.UTF8, "application/ld+json"));
        return response.StatusCode == HttpStatusCode.Accepted ? response.Headers.Location!.ToString().Split('/')[^1] : null;
    }

    /// <summary>GET /capture/{id}.</summary>
    public static async Task<JsonObject> Job(HttpClient client, string id) => (JsonObject)JsonNode.Parse(await client.GetStringAsync("/capture/" + id))!;

    /// <summary>Polls the job until it is no longer running.</summary>
    public static async Task<JsonObject> Await(HttpClient client, string id)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var job = await Job(client, id);
            if (!job["running"]!.GetValue<bool>()) return job;
            if (watch.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException($"capture job {id} still running after 120 s");
            await Task.Delay(20);
        }
    }
}
