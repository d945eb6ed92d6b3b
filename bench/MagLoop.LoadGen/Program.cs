using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MagLoop.LoadGen;

/// <summary>
/// Drives an EPCIS 2.0 server by URL through the REST binding: capture (N clients sending documents of M lot events
/// that pass MagLoop's custody rules: each document creates M/2 lots and transforms each into a new lot), then the
/// standard epcClass query; prints events per second and latency percentiles.
/// </summary>
internal static class Program
{
    private const string Usage = """
        magloop-loadgen --url URL [options]
          --url URL               the EPCIS 2.0 server (its REST binding root)
          --bearer KEY            Authorization: Bearer KEY
          --basic USER:PASSWORD   Authorization: Basic
          --clients N             parallel capture clients (default 4)
          --events-per-doc M      events per capture document, even (default 100)
          --events N              events to capture in all (default 20000; 0: no capture)
          --warmup-events N       capture N events first, unmeasured (lots of their own), so that neither this
                                  process's nor the server's start-up work is in the figures (default 0)
          --queries N             epcClass queries after the capture (default 1000; 0: none)
          --query-clients N       parallel query clients (default 1: latency without queueing)
          --genealogy N           backward-genealogy queries (MagLoop's GET /lots/{id}/genealogy; default 0: none)
          --genealogy-lots F:K    the lots they ask about: a .NET format F of {0} = 0 .. K-1, drawn at random (seeded),
                                  e.g. 'urn:epc:id:sscc:0860000.{0:0000000000}:1019' for `magloop trace bench`'s shipments;
                                  default: the lots this run captured
          --site SGLN             readPoint site of the events (default urn:epc:id:sgln:0614141.07346)
          --run NAME              lot-name prefix, so runs on one store never collide (default: the start time)
          --first-poll-ms N       first wait before polling a capture job, doubling to 20 ms (default 1)
          --event-ids             give every event an eventID (urn:uuid, from the run, document and index); without,
                                  the server names each event (MagLoop: its CBV 2.0 event hash)
          --server-pid PID        also report the server process's CPU seconds (Linux /proc)
          --json                  one JSON object instead of text
        """;

    public static async Task<int> Main(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"magloop-loadgen: {e.Message}\n{Usage}");
            return 2;
        }

        using var http = Client(options);
        try
        {
            var report = new JsonObject { ["url"] = options.Url.ToString(), ["run"] = options.Run };
            var lots = new List<string>();
            if (options.WarmupEvents > 0)
            {
                var warmup = await Capture(http, options with { Events = options.WarmupEvents, Run = options.Run + "-warmup" }, []);
                report["warmup"] = warmup;
                if (!options.Json) Console.WriteLine("warm-up " + CaptureText(warmup));
            }

            if (options.Events > 0)
            {
                var capture = await Capture(http, options, lots);
                report["capture"] = capture;
                if (!options.Json) Console.WriteLine(CaptureText(capture));
            }

            if (options.Queries > 0)
            {
                if (lots.Count == 0) lots.AddRange(await KnownLots(http));
                if (lots.Count == 0) throw new InvalidOperationException("no lots to query: capture some events first (--events)");
                var query = await Query(http, options, lots);
                report["epcClassQuery"] = query;
                if (!options.Json) Console.WriteLine(QueryText(query));
            }

            if (options.Genealogy > 0)
            {
                var targets = options.GenealogyLots is { } g ? Enumerable.Range(0, g.Count).Select(i => string.Format(CultureInfo.InvariantCulture, g.Format, i)).ToList() : lots;
                if (targets.Count == 0) throw new InvalidOperationException("no lots for genealogy: capture some events first (--events) or name them (--genealogy-lots)");
                var genealogy = await GenealogyQueries(http, options, targets);
                report["genealogy"] = genealogy;
                if (!options.Json) Console.WriteLine(GenealogyText(genealogy));
            }

            if (options.Json) Console.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"magloop-loadgen: {e.Message}");
            return 1;
        }
    }

    private static HttpClient Client(Options options)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var client = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.Add("GS1-EPCIS-Version", "2.0.0");
        if (options.Bearer is { } key) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (options.Basic is { } basic) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        return client;
    }

    /// <summary>The capture phase: every client sends its documents one after the other and waits for each to finish.</summary>
    private static async Task<JsonObject> Capture(HttpClient http, Options options, List<string> lots)
    {
        var documents = (options.Events + options.EventsPerDoc - 1) / options.EventsPerDoc;
        var latencies = new List<double>[options.Clients];
        var failures = 0;
        var next = -1;
        Interlocked.Exchange(ref s_polls, 0);
        var cpuBefore = ServerCpuSeconds(options.ServerPid);
        var watch = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, options.Clients).Select(c => Task.Run(async () =>
        {
            latencies[c] = [];
            while (true)
            {
                var d = Interlocked.Increment(ref next);
                if (d >= documents) return;
                var body = Documents.Capture(options, d);
                var started = Stopwatch.GetTimestamp();
                var ok = await CaptureOne(http, body, options.FirstPollMs);
                latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok.Success)
                {
                    if (Interlocked.Increment(ref failures) <= 3) await Console.Error.WriteLineAsync($"magloop-loadgen: document {d} failed: {ok.Reason}");
                }
            }
        })).ToArray();
        await Task.WhenAll(clients);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpu = ServerCpuSeconds(options.ServerPid) - cpuBefore;
        var stored = (long)(documents - failures) * options.EventsPerDoc;
        for (var d = 0; d < documents; d++)
            for (var i = 0; i < options.EventsPerDoc / 2; i++) lots.Add(Documents.Lot(options, d, i));
        var all = latencies.SelectMany(l => l).Order().ToList();
        var result = new JsonObject
        {
            ["clients"] = options.Clients,
            ["eventsPerDocument"] = options.EventsPerDoc,
            ["documents"] = documents,
            ["failedDocuments"] = failures,
            ["events"] = stored,
            ["seconds"] = Math.Round(seconds, 3),
            ["eventsPerSecond"] = Math.Round(stored / seconds, 0),
            ["documentP50Ms"] = Math.Round(Percentile(all, 0.50), 2),
            ["documentP99Ms"] = Math.Round(Percentile(all, 0.99), 2),
            ["pollsPerDocument"] = documents > 0 ? Math.Round((double)Interlocked.Read(ref s_polls) / documents, 2) : 0,
        };
        if (options.ServerPid is not null)
        {
            result["serverCpuSeconds"] = Math.Round(cpu, 2);
            result["eventsPerServerCpuSecond"] = cpu > 0 ? Math.Round(stored / cpu, 0) : null;
        }

        return result;
    }

    /// <summary>
    /// POST /capture; a 202 is followed by polling its Location until the job is no longer running (the binding's
    /// capture job), a 200 or 201 (servers that capture before answering) is done at once.
    /// </summary>
    // Job polls sent, over all clients.
    private static long s_polls;

    private static async Task<(bool Success, string Reason)> CaptureOne(HttpClient http, string body, int firstPollMs)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/ld+json");
        using var response = await http.PostAsync("capture", content);
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent) return (true, "");
        if (response.StatusCode != HttpStatusCode.Accepted) return (false, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location ?? throw new InvalidOperationException("202 without a Location header");
        // Polls back off from --first-poll-ms (default 1) to 20 ms, doubling: a short job is seen done quickly, a long
        // one is not polled hundreds of times.
        var delayMs = firstPollMs;
        while (true)
        {
            await Task.Delay(delayMs);
            delayMs = Math.Max(delayMs, Math.Min(20, delayMs * 2));
            // Prefer: wait (RFC 7240) lets a server that honours it answer once the job is done: one request instead
            // of several. A server that does not answers at once, and the polls go on as above.
            using var request = new HttpRequestMessage(HttpMethod.Get, location);
            request.Headers.Add("Prefer", "wait=30");
            Interlocked.Increment(ref s_polls);
            using var poll = await http.SendAsync(request);
            if (!poll.IsSuccessStatusCode) return (false, $"job {location}: {(int)poll.StatusCode}");
            var job = JsonNode.Parse(await poll.Content.ReadAsStringAsync())!;
            if (job["running"]?.GetValue<bool>() == true) continue;
            return job["success"]?.GetValue<bool>() == true ? (true, "") : (false, job["errors"]?.ToJsonString() ?? job.ToJsonString());
        }
    }

    /// <summary>The query phase: GET /events?MATCH_epcClass=LOT for random captured lots (seeded), each answered with its events.</summary>
    private static async Task<JsonObject> Query(HttpClient http, Options options, List<string> lots)
    {
        var random = new Random(1);
        var targets = Enumerable.Range(0, options.Queries).Select(_ => lots[random.Next(lots.Count)]).ToArray();
        var latencies = new double[targets.Length];
        var empty = 0;
        // One warm-up query per client: connection set-up and the server's first-call costs are not the query's.
        await http.GetStringAsync("events?MATCH_epcClass=" + Uri.EscapeDataString(targets[0]));
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.QueryClients).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= targets.Length) return;
                var started = Stopwatch.GetTimestamp();
                var body = await http.GetStringAsync("events?MATCH_epcClass=" + Uri.EscapeDataString(targets[i]));
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var events = JsonNode.Parse(body)?["epcisBody"]?["queryResults"]?["resultsBody"]?["eventList"]?.AsArray();
                if (events is null || events.Count == 0) Interlocked.Increment(ref empty);
            }
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToList();
        return new JsonObject
        {
            ["queries"] = targets.Length,
            ["clients"] = options.QueryClients,
            ["emptyResults"] = empty,
            ["queriesPerSecond"] = Math.Round(targets.Length / seconds, 0),
            ["p50Ms"] = Math.Round(Percentile(sorted, 0.50), 2),
            ["p90Ms"] = Math.Round(Percentile(sorted, 0.90), 2),
            ["p99Ms"] = Math.Round(Percentile(sorted, 0.99), 2),
            ["maxMs"] = Math.Round(sorted[^1], 2),
        };
    }

    /// <summary>
    /// The genealogy phase: GET lots/{id}/genealogy (backward, MagLoop's lot API beside the standard) for random lots
    /// (seeded), one client; each answer's ancestor count is summed so the report shows how deep the lots were.
    /// </summary>
    private static async Task<JsonObject> GenealogyQueries(HttpClient http, Options options, IReadOnlyList<string> lots)
    {
        var random = new Random(2);
        var targets = Enumerable.Range(0, options.Genealogy).Select(_ => lots[random.Next(lots.Count)]).ToArray();
        var latencies = new double[targets.Length];
        long ancestors = 0;
        var missing = 0;
        static string Path(string lot) => "lots/" + Uri.EscapeDataString(lot) + "/genealogy";
        // One warm-up query: connection set-up and the server's first-call costs (query compilation) are not the query's.
        using (await http.GetAsync(Path(targets[0]))) { }
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < targets.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(Path(targets[i]));
            var body = await response.Content.ReadAsStringAsync();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                if (++missing <= 3) await Console.Error.WriteLineAsync($"magloop-loadgen: genealogy of {targets[i]}: {(int)response.StatusCode} {body}");
                continue;
            }

            ancestors += JsonNode.Parse(body)?["lots"]?.AsArray().Count ?? 0;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToList();
        var answered = targets.Length - missing;
        return new JsonObject
        {
            ["queries"] = targets.Length,
            ["failed"] = missing,
            ["meanLotsPerAnswer"] = answered > 0 ? Math.Round((double)ancestors / answered, 1) : 0,
            ["queriesPerSecond"] = Math.Round(targets.Length / seconds, 0),
            ["p50Ms"] = Math.Round(Percentile(sorted, 0.50), 2),
            ["p90Ms"] = Math.Round(Percentile(sorted, 0.90), 2),
            ["p99Ms"] = Math.Round(Percentile(sorted, 0.99), 2),
            ["maxMs"] = Math.Round(sorted[^1], 2),
        };
    }

    /// <summary>Lots named in the first page of events, for a query-only run against a store captured earlier.</summary>
    private static async Task<IEnumerable<string>> KnownLots(HttpClient http)
    {
        var page = JsonNode.Parse(await http.GetStringAsync("events?perPage=1000&EQ_bizStep=commissioning"));
        var events = page?["epcisBody"]?["queryResults"]?["resultsBody"]?["eventList"]?.AsArray() ?? [];
        return events.SelectMany(e => e?["quantityList"]?.AsArray() ?? []).Select(q => q?["epcClass"]?.GetValue<string>()).OfType<string>().Distinct().ToList();
    }

    /// <summary>Linear-interpolated percentile of sorted values.</summary>
    private static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(sorted.Count - 1, low + 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    /// <summary>User plus system CPU seconds of a process, from /proc/PID/stat (clock ticks of 1/100 s).</summary>
    private static double ServerCpuSeconds(int? pid)
    {
        if (pid is null) return 0;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may hold spaces, inside parentheses): state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string CaptureText(JsonObject c) =>
        string.Create(CultureInfo.InvariantCulture, $"capture: {c["events"]} events in {c["documents"]} documents of {c["eventsPerDocument"]} by {c["clients"]} clients, {c["seconds"]} s: {c["eventsPerSecond"]} events/s") +
        string.Create(CultureInfo.InvariantCulture, $"; document p50 {c["documentP50Ms"]} ms, p99 {c["documentP99Ms"]} ms; {c["pollsPerDocument"]} job polls per document; {c["failedDocuments"]} failed") +
        (c["serverCpuSeconds"] is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; server {c["serverCpuSeconds"]} CPU s ({c["eventsPerServerCpuSecond"]} events per server CPU-second)"));

    private static string GenealogyText(JsonObject g) =>
        string.Create(CultureInfo.InvariantCulture, $"genealogy: {g["queries"]} queries, {g["meanLotsPerAnswer"]} lots per answer, {g["queriesPerSecond"]}/s: p50 {g["p50Ms"]} ms, p90 {g["p90Ms"]} ms, p99 {g["p99Ms"]} ms, max {g["maxMs"]} ms; {g["failed"]} failed");

    private static string QueryText(JsonObject q) =>
        string.Create(CultureInfo.InvariantCulture, $"epcClass query: {q["queries"]} queries by {q["clients"]} client(s), {q["queriesPerSecond"]}/s: p50 {q["p50Ms"]} ms, p90 {q["p90Ms"]} ms, p99 {q["p99Ms"]} ms, max {q["maxMs"]} ms; {q["emptyResults"]} empty");
}

/// <summary>The command line.</summary>
internal sealed record Options(Uri Url, string? Bearer, string? Basic, int Clients, int EventsPerDoc, long Events, int Queries, int QueryClients, string Site, string Run, int? ServerPid, bool Json, bool EventIds = false, int FirstPollMs = 1,
    int Genealogy = 0, (string Format, int Count)? GenealogyLots = null, long WarmupEvents = 0)
{
    public static Options Parse(string[] args)
    {
        string? url = null, bearer = null, basic = null, run = null, site = "urn:epc:id:sgln:0614141.07346";
        int clients = 4, perDoc = 100, queries = 1000, queryClients = 1;
        long events = 20_000;
        int? pid = null;
        var json = false;
        var eventIds = false;
        var firstPollMs = 1;
        var genealogy = 0;
        long warmup = 0;
        (string, int)? genealogyLots = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min ? v : throw new ArgumentException($"{args[i - 1]} needs a whole number of at least {min}, not '{args[i]}'");
            switch (args[i])
            {
                case "--url": url = Value(); break;
                case "--bearer": bearer = Value(); break;
                case "--basic": basic = Value(); break;
                case "--clients": clients = Int(1); break;
                case "--events-per-doc": perDoc = Int(2); break;
                case "--events": events = Int(0); break;
                case "--queries": queries = Int(0); break;
                case "--query-clients": queryClients = Int(1); break;
                case "--site": site = Value(); break;
                case "--run": run = Value(); break;
                case "--server-pid": pid = Int(1); break;
                case "--json": json = true; break;
                case "--event-ids": eventIds = true; break;
                case "--first-poll-ms": firstPollMs = Int(1); break;
                case "--genealogy": genealogy = Int(0); break;
                case "--genealogy-lots": genealogyLots = LotFormat(Value()); break;
                case "--warmup-events": warmup = Int(0); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        if (url is null || !Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException("--url needs an http:// or https:// address");
        if (perDoc % 2 != 0) throw new ArgumentException("--events-per-doc must be even (each document creates lots and transforms them)");
        if (basic is not null && !basic.Contains(':', StringComparison.Ordinal)) throw new ArgumentException("--basic needs USER:PASSWORD");
        // The default run name is the start time: a bench tool's only use of the clock, so reruns on one store get new lots.
        run ??= "R" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Options(uri, bearer, basic, clients, perDoc, events, queries, queryClients, site, run, pid, json, eventIds, firstPollMs, genealogy, genealogyLots, warmup);
    }

    /// <summary>F:K of --genealogy-lots: the format (which may hold ':') before the last ':', the count after it.</summary>
    private static (string, int) LotFormat(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            throw new ArgumentException($"--genealogy-lots needs FORMAT:COUNT (COUNT at least 1), not '{text}'");
        var format = text[..colon];
        try
        {
            _ = string.Format(CultureInfo.InvariantCulture, format, 0);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"--genealogy-lots: '{format}' is not a .NET format with {{0}}");
        }

        return (format, count);
    }
}

/// <summary>The generated EPCIS documents: valid EPCIS 2.0 that MagLoop's custody rules accept.</summary>
internal static class Documents
{
    /// <summary>Lot <paramref name="i"/> created by document <paramref name="d"/> (as an LGTIN class: company, item, lot).</summary>
    public static string Lot(Options options, int d, int i) => string.Create(CultureInfo.InvariantCulture, $"urn:epc:class:lgtin:0614141.012345.{options.Run}-{d}-{i}");

    private static string Output(Options options, int d, int i) => string.Create(CultureInfo.InvariantCulture, $"urn:epc:class:lgtin:0614141.012346.{options.Run}-{d}-{i}");

    /// <summary>
    /// Document <paramref name="d"/>: M/2 ObjectEvent ADDs (commissioning, 100 kg each) and M/2 TransformationEvents
    /// that turn each lot into 95 kg of a new one. Event times are an hour before now, so none is in the future.
    /// </summary>
    public static string Capture(Options options, int d)
    {
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var created = at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var transformed = at.AddSeconds(1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var sb = new StringBuilder(options.EventsPerDoc * 520);
        sb.Append("""{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":""")
            .Append('"').Append(created).Append("\",\"epcisBody\":{\"eventList\":[");
        var half = options.EventsPerDoc / 2;
        for (var i = 0; i < half; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("""{"type":"ObjectEvent",""");
            EventId(sb, options, d, i);
            sb.Append("\"eventTime\":\"").Append(created)
                .Append("\",\"eventTimeZoneOffset\":\"+00:00\",\"action\":\"ADD\",\"bizStep\":\"commissioning\",\"disposition\":\"active\",\"readPoint\":{\"id\":\"").Append(options.Site).Append(".0\"},")
                .Append("\"quantityList\":[{\"epcClass\":\"").Append(Lot(options, d, i)).Append("\",\"quantity\":100,\"uom\":\"KGM\"}]}");
        }

        for (var i = 0; i < half; i++)
        {
            sb.Append(",{\"type\":\"TransformationEvent\",");
            EventId(sb, options, d, half + i);
            sb.Append("\"eventTime\":\"").Append(transformed)
                .Append("\",\"eventTimeZoneOffset\":\"+00:00\",\"bizStep\":\"creating_class_instance\",\"readPoint\":{\"id\":\"").Append(options.Site).Append(".0\"},")
                .Append("\"inputQuantityList\":[{\"epcClass\":\"").Append(Lot(options, d, i)).Append("\",\"quantity\":100,\"uom\":\"KGM\"}],")
                .Append("\"outputQuantityList\":[{\"epcClass\":\"").Append(Output(options, d, i)).Append("\",\"quantity\":95,\"uom\":\"KGM\"}]}");
        }

        return sb.Append("]}}").ToString();
    }

    /// <summary>With --event-ids, an eventID member: a urn:uuid whose last group counts documents and events, so ids rise in capture order.</summary>
    private static void EventId(StringBuilder sb, Options options, int d, int i)
    {
        if (!options.EventIds) return;
        // FNV-1a of the run name: stable across processes (string.GetHashCode is not), so a rerun makes the same ids.
        var run = 2166136261u;
        foreach (var c in options.Run) run = unchecked((run ^ c) * 16777619u);
        sb.Append(CultureInfo.InvariantCulture, $"\"eventID\":\"urn:uuid:{run:x8}-0000-4000-8000-{(long)d * 100_000 + i:x12}\",");
    }
}
