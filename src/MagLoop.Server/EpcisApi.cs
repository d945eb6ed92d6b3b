using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagLoop.Traceability;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MagLoop.Server;

/// <summary>The EPCIS 2.0 REST binding (../shared/standards/epcis/openapi.yaml): capture, events, discovery.</summary>
internal static class EpcisApi
{
    /// <summary>The EPCIS 2.0 JSON-LD context every document names.</summary>
    public const string Context = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

    private static readonly string[] EventTypes = ["ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"];

    /// <summary>Maps every endpoint.</summary>
    public static void MapEpcisApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Collection(["capture", "events", "eventTypes", "epcs", "bizSteps", "bizLocations", "readPoints", "dispositions", "queries"]))
            .WithName("TopLevelResources").WithSummary("Lists the top-level resources.").WithTags("Discovery");

        app.MapMethods("/capture", ["OPTIONS"], (HttpContext c, ServerOptions o) =>
        {
            CaptureHeaders(c, o);
            return Results.NoContent();
        }).WithName("CaptureOptions").WithSummary("Capture limits and error behaviour.").WithTags("Discovery");
        app.MapPost("/capture", Capture).WithName("Capture").WithSummary("Captures an EPCIS document as a capture job (202 + Location).").WithTags("Capture");
        app.MapGet("/capture", CaptureJobs).WithName("CaptureJobs").WithSummary("Lists capture jobs, newest first.").WithTags("Capture");
        app.MapGet("/capture/{captureID}", async (string captureID, HttpContext c, ServerState s) =>
        {
            // Prefer: wait=N (RFC 7240): the answer waits up to N seconds for a running job of this process to finish,
            // so a client needs one request instead of polling.
            if (PreferredWait(c.Request.Headers["Prefer"]) is { } wait && await s.WhenFinished(captureID, wait, c.RequestAborted))
                c.Response.Headers["Preference-Applied"] = string.Create(CultureInfo.InvariantCulture, $"wait={(int)wait.TotalSeconds}");
            var job = StoredCaptureJobs.Find(s.Database, captureID);
            return job is null
                ? Problems.Result(404, Problems.NoSuchResource, "Not Found", $"no capture job '{captureID}'")
                : Json(ServerState.JobJson(job));
        }).WithName("CaptureJob").WithSummary("State of one capture job with every error (Prefer: wait=N waits for it to finish).").WithTags("Capture");

        app.MapPost("/events", CaptureOne).WithName("CaptureEvent").WithSummary("Captures one event (201 + Location).").WithTags("Capture");
        app.MapGet("/events", (HttpContext c, ServerState s) => Query(c, s)).WithName("Events").WithSummary("Queries events (SimpleEventQuery parameters).").WithTags("Events");
        app.MapGet("/events/{eventID}", (string eventID, HttpContext c, ServerState s) =>
        {
            eventID = Segment(eventID);
            using var db = s.Database.CreateContext(readOnly: true);
            var e = StoredEvents.Find(db, eventID);
            return e is null
                ? Problems.Result(404, Problems.NoSuchResource, "Not Found", $"no event '{eventID}'")
                : Document(c, [StoredEvents.ToJson(e)]);
        }).WithName("Event").WithSummary("One event by eventID, as an EPCISQueryDocument.").WithTags("Events");

        // The per-resource paths: /eventTypes/{t}/events is /events?eventType=t, and so on.
        foreach (var (path, parameter, list) in new (string, string, Func<TraceDbContext, IEnumerable<string>>)[]
        {
            ("eventTypes", "eventType", _ => EventTypes),
            ("epcs", "MATCH_anyEPC", db => Scan(db, Epcs)),
            ("bizSteps", "EQ_bizStep", db => db.Events.AsNoTracking().Where(e => e.BizStep != null).Select(e => e.BizStep!).Distinct().AsEnumerable()),
            ("bizLocations", "EQ_bizLocation", db => Scan(db, e => Access.LocationId(e, "bizLocation") is { } l ? [l] : [])),
            ("readPoints", "EQ_readPoint", db => Scan(db, e => Access.LocationId(e, "readPoint") is { } l ? [l] : [])),
            ("dispositions", "EQ_disposition", db => db.Events.AsNoTracking().Where(e => e.Disposition != null).Select(e => e.Disposition!).Distinct().AsEnumerable()),
        })
        {
            var tag = "Discovery";
            app.MapGet("/" + path, (HttpContext c, ServerState s) =>
            {
                using var db = s.Database.CreateContext(readOnly: true);
                return Members(c, s.Options, list(db).Order(StringComparer.Ordinal).ToList());
            }).WithName(path).WithSummary($"Lists the {path} in the repository.").WithTags(tag);
            app.MapGet($"/{path}/{{value}}", (string value) => Collection(["events"]))
                .WithName(path + "Resource").WithSummary($"Sub-resources of one of the {path}.").WithTags(tag);
            app.MapGet($"/{path}/{{value}}/events", (string value, HttpContext c, ServerState s) => Query(c, s, (parameter, Segment(value))))
                .WithName(path + "Events").WithSummary($"Events of one of the {path}, with the query parameters.").WithTags("Events");
        }
    }

    /// <summary>
    /// A path segment as sent: ASP.NET Core decodes every escape in a path except %2F (it would change the path's
    /// segments), so an identifier with slashes (ni:///sha-256;..., https://id.gs1.org/...) arrives with them still escaped.
    /// </summary>
    internal static string Segment(string value) => value.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static void CaptureHeaders(HttpContext c, ServerOptions o)
    {
        c.Response.Headers["GS1-EPCIS-Capture-Limit"] = o.CaptureLimitEvents.ToString(CultureInfo.InvariantCulture);
        c.Response.Headers["GS1-EPCIS-Capture-File-Size-Limit"] = o.CaptureSizeLimitBytes.ToString(CultureInfo.InvariantCulture);
        // `all`: the binding's value by which a server announces that it supports both rollback (the default) and proceed.
        c.Response.Headers["GS1-Capture-Error-Behaviour"] = "all";
    }

    /// <summary>
    /// POST /capture: refuses what it can before the body is read (role, media type, declared size, error behaviour),
    /// reads the body within the size limit, then checks it once, here, on the request's thread (syntax, the EPCIS
    /// rules, GS1's schema where configured, the reading into MagLoop events, the event count, the key's site) and
    /// queues the checked events. Custody rules run in the job, against the store as it is then.
    /// </summary>
    private static async Task<IResult> Capture(HttpContext c, ServerState s)
    {
        var key = Access.Caller(c);
        CaptureHeaders(c, s.Options);
        if (key.Role == ApiRole.Auditor) return Access.Forbidden(key, "capture");
        var behaviour = c.Request.Headers["GS1-Capture-Error-Behaviour"].ToString();
        if (behaviour is not ("" or "rollback" or "proceed"))
            return Problems.Result(400, Problems.Validation, "Bad Request", $"GS1-Capture-Error-Behaviour '{behaviour}' is not supported: send rollback (the default) or proceed");
        var (body, problem) = await ReadBody(c, s.Options);
        if (problem is not null) return problem;
        var (capture, refusal) = Prepare("capture", body!, s, key, single: false, proceed: behaviour == "proceed");
        if (refusal is not null) return refusal;
        var id = await s.Submit(key.Id, capture!, c.RequestAborted);
        return Results.Accepted("/capture/" + id);
    }

    /// <summary>POST /events: one event, captured before the answer (201, or 409 when the same event is already stored).</summary>
    private static async Task<IResult> CaptureOne(HttpContext c, ServerState s)
    {
        var key = Access.Caller(c);
        if (key.Role == ApiRole.Auditor) return Access.Forbidden(key, "capture");
        var (body, problem) = await ReadBody(c, s.Options);
        if (problem is not null) return problem;
        JsonNode? node;
        try
        {
            var input = JsonInput.Check(body);
            if (input.Count > 0) return Rejected(input);
            node = JsonNode.Parse(JsonInput.WithoutBom(body));
        }
        catch (JsonException e)
        {
            return Problems.Result(400, Problems.Validation, "Bad Request", $"not JSON: {e.Message}");
        }

        if (node is not JsonObject ev) return Problems.Result(400, Problems.Validation, "Bad Request", "the body must be one EPCIS event (a JSON object)");
        var context = ev["@context"]?.DeepClone() ?? new JsonArray(Context);
        var document = new JsonObject
        {
            ["@context"] = context,
            ["type"] = "EPCISDocument",
            ["schemaVersion"] = "2.0",
            ["creationDate"] = s.Options.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["epcisBody"] = new JsonObject { ["eventList"] = new JsonArray(ev.DeepClone()) },
        };
        var bytes = Encoding.UTF8.GetBytes(document.ToJsonString());
        var (capture, refusal) = Prepare("event", bytes, s, key, single: true, proceed: false);
        if (refusal is not null) return refusal;
        try
        {
            var summary = await s.Write(store => store.Append(capture!), c.RequestAborted);
            using var db = s.Database.CreateContext(readOnly: true);
            var id = summary.DuplicateEventIds.FirstOrDefault() ?? LastEventId(db);
            var location = "/events/" + Uri.EscapeDataString(id);
            if (summary.Duplicates > 0)
                return Problems.Result(409, Problems.ResourceAlreadyExists, "Conflict", $"event {id} is already stored (same content)", new Dictionary<string, JsonNode?> { ["location"] = location });
            return Results.Created(location, null);
        }
        catch (CaptureRejectedException e)
        {
            return Rejected(e.Errors);
        }
        catch (StoreBusyException e)
        {
            return Problems.Result(503, Problems.Implementation, "Service Unavailable", e.Problem);
        }
    }

    private static string LastEventId(TraceDbContext db) => db.Events.AsNoTracking().OrderByDescending(e => e.Seq).Select(e => e.EventId).First();

    private static IResult Rejected(IReadOnlyList<CaptureError> errors) =>
        Problems.Result(400, Problems.Validation, "Bad Request",
            $"rejected, nothing stored ({errors.Count} reason{(errors.Count == 1 ? "" : "s")}): {errors[0]}",
            new Dictionary<string, JsonNode?> { ["errors"] = Problems.Errors(errors) });

    /// <summary>Reads a JSON body within the capture size limit; a declared length above it is refused before reading.</summary>
    private static Task<(byte[]? Body, IResult? Problem)> ReadBody(HttpContext c, ServerOptions o) => ReadBody(c, o.CaptureSizeLimitBytes, TooLarge(o));

    /// <summary>Reads a JSON body of at most <paramref name="limit"/> bytes; above it, <paramref name="tooLarge"/> (before reading when the length is declared).</summary>
    internal static async Task<(byte[]? Body, IResult? Problem)> ReadBody(HttpContext c, long limit, IResult tooLarge)
    {
        if (!Media.IsJsonBody(c.Request))
            return (null, Problems.Result(415, Problems.UnsupportedMediaType, "Unsupported Media Type", "send the document as application/json or application/ld+json"));
        if (c.Request.ContentLength > limit)
            return (null, tooLarge);
        MagLoopServer.LimitBody(c, limit);
        // A declared length up to 1 MB (the usual case) is read into one array of that size: no growing buffer and
        // final copy, which for a 100-event capture allocated about 270 KB per request. A larger one is read as it
        // arrives, so that a length declared but never sent reserves no memory.
        if (c.Request.ContentLength is { } declared and <= ExactBodyBytes)
        {
            var body = new byte[declared];
            var filled = 0;
            int got;
            while (filled < body.Length && (got = await c.Request.Body.ReadAsync(body.AsMemory(filled), c.RequestAborted)) > 0) filled += got;
            return (filled == body.Length ? body : body[..filled], null);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await c.Request.Body.ReadAsync(chunk, c.RequestAborted)) > 0)
        {
            // Counted here too: a chunked body has no declared length, and a test server enforces no limit itself.
            if (buffer.Length + read > limit) return (null, tooLarge);
            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>The largest declared body read into an array of its size at once (<see cref="ReadBody(HttpContext, long, IResult)"/>).</summary>
    private const long ExactBodyBytes = 1 << 20;

    /// <summary>The longest wait a client may ask for with <c>Prefer: wait</c>; a longer one is cut to it.</summary>
    public const int MaxPreferredWaitSeconds = 60;

    /// <summary>
    /// The <c>wait</c> preference of Prefer headers (RFC 7240 section 4.3: <c>wait=</c> delta-seconds, among other
    /// preferences separated by commas or in several headers), at most <see cref="MaxPreferredWaitSeconds"/>; null
    /// when there is none or it is not a whole number of seconds (a preference the server does not understand is ignored).
    /// </summary>
    internal static TimeSpan? PreferredWait(Microsoft.Extensions.Primitives.StringValues prefer)
    {
        foreach (var header in prefer)
        {
            if (header is null) continue;
            foreach (var preference in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var token = preference.Split(';', 2)[0].Trim();
                var equals = token.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0 || !token[..equals].Trim().Equals("wait", StringComparison.OrdinalIgnoreCase)) continue;
                var value = token[(equals + 1)..].Trim().Trim('"');
                if (value.Length is > 0 and <= 9 && value.All(char.IsAsciiDigit))
                    return TimeSpan.FromSeconds(Math.Min(int.Parse(value, CultureInfo.InvariantCulture), MaxPreferredWaitSeconds));
                return null;
            }
        }

        return null;
    }

    private static IResult TooLarge(ServerOptions o) =>
        Problems.Result(413, Problems.CaptureLimitExceeded, "Payload Too Large",
            string.Create(CultureInfo.InvariantCulture, $"the body is larger than {o.CaptureSizeLimitBytes} bytes (GS1-EPCIS-Capture-File-Size-Limit)"));

    /// <summary>
    /// Syntax, the event count, the standard's rules, GS1's schema, MagLoop's reading and the caller's site, each once:
    /// the document checked and read, or the answer refusing it. An EPCISQueryDocument is captured as the
    /// EPCISDocument of its resultsBody eventList (<see cref="QueryDocuments"/>).
    /// </summary>
    private static (PreparedCapture? Capture, IResult? Refusal) Prepare(string source, byte[] body, ServerState s, ApiKeyInfo key, bool single, bool proceed)
    {
        var input = JsonInput.Check(body);
        if (input.Count > 0) return (null, Rejected(input));
        using var parsed = JsonDocument.Parse(JsonInput.WithoutBom((ReadOnlyMemory<byte>)body));
        using var converted = QueryDocuments.AsCaptureDocument(parsed.RootElement);
        var root = (converted ?? parsed).RootElement;
        var events = EventHash.Events(root);
        if (!single && events.Count > s.Options.CaptureLimitEvents)
            return (null, Problems.Result(413, Problems.CaptureLimitExceeded, "Payload Too Large",
                string.Create(CultureInfo.InvariantCulture, $"{events.Count} events, above the {s.Options.CaptureLimitEvents} a capture may hold (GS1-EPCIS-Capture-Limit)")));
        PreparedCapture capture;
        try
        {
            capture = s.Store.Prepare(source, root, proceed);
        }
        catch (CaptureRejectedException e)
        {
            return (null, Rejected(e.Errors));
        }

        // Every event's site, also under proceed: a key may not send events of another site at all.
        return Access.CaptureRefusal(key, events) is { } refusal ? (null, Problems.Result(403, Problems.Security, "Forbidden", refusal)) : (capture, null);
    }

    private static IResult CaptureJobs(HttpContext c, ServerState s)
    {
        var (perPage, offset) = Paging(c, s.Options);
        using var db = s.Database.CreateContext(readOnly: true);
        var jobs = db.CaptureJobs.AsNoTracking().OrderByDescending(j => j.CreatedUnixMs).ThenBy(j => j.Id).Skip(offset).Take(perPage + 1).ToList();
        if (jobs.Count > perPage) NextLink(c, Offset(offset + perPage));
        var array = new JsonArray();
        foreach (var job in jobs.Take(perPage)) array.Add(ServerState.JobJson(job));
        return Json(array);
    }

    /// <summary>GET /events and the per-resource event paths.</summary>
    private static IResult Query(HttpContext c, ServerState s, (string Name, string Value)? fixedParameter = null)
    {
        var parameters = c.Request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();
        if (fixedParameter is { } f) parameters.Add(new(f.Name, f.Value));
        return Query(c, s, parameters);
    }

    /// <summary>Runs a SimpleEventQuery given as parameters and answers with one page of it as an EPCISQueryDocument.</summary>
    internal static IResult Query(HttpContext c, ServerState s, List<KeyValuePair<string, string>> parameters, string queryName = "SimpleEventQuery")
    {
        try
        {
            var query = EventQuery.Parse(parameters, s.Options);
            using var db = s.Database.CreateContext(readOnly: true);
            var (events, token) = query.Run(db);
            if (token is not null) NextLink(c, token);
            return Document(c, events.Select(StoredEvents.ToJson).ToList(), queryName);
        }
        catch (QueryParameterException e)
        {
            return Problems.Result(400, Problems.QueryParameter, "Bad Request", e.Message);
        }
        catch (QueryTooLargeException e)
        {
            return Problems.Result(413, Problems.QueryTooLarge, "Query Too Large", e.Message);
        }
    }

    internal static void NextLink(HttpContext c, string token)
    {
        var query = c.Request.Query.Where(p => p.Key != "nextPageToken").SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append("nextPageToken=" + Uri.EscapeDataString(token));
        c.Response.Headers.Link = $"<{c.Request.Path}?{string.Join("&", query)}>; rel=\"next\"";
    }

    /// <summary>An EPCISQueryDocument holding <paramref name="events"/>.</summary>
    private static IResult Document(HttpContext c, IReadOnlyList<JsonObject> events, string queryName = "SimpleEventQuery")
    {
        var list = new JsonArray();
        foreach (var e in events) list.Add(e);
        var document = new JsonObject
        {
            ["@context"] = new JsonArray(Context),
            ["type"] = "EPCISQueryDocument",
            ["schemaVersion"] = "2.0",
            ["creationDate"] = c.RequestServices.GetRequiredService<ServerOptions>().Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["epcisBody"] = new JsonObject
            {
                ["queryResults"] = new JsonObject
                {
                    ["queryName"] = queryName,
                    ["resultsBody"] = new JsonObject { ["eventList"] = list },
                },
            },
        };
        return Results.Text(document.ToJsonString(), Media.ResponseType(c.Request), Encoding.UTF8);
    }

    internal static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), Media.Json, Encoding.UTF8);

    internal static IResult Collection(IEnumerable<string> members)
    {
        var array = new JsonArray();
        foreach (var m in members) array.Add(m);
        return Json(new JsonObject { ["@context"] = new JsonArray(Context), ["type"] = "Collection", ["member"] = array });
    }

    private static IResult Members(HttpContext c, ServerOptions o, IReadOnlyList<string> all)
    {
        var (perPage, offset) = Paging(c, o);
        if (all.Count > offset + perPage) NextLink(c, Offset(offset + perPage));
        return Collection(all.Skip(offset).Take(perPage));
    }

    internal static (int PerPage, int Offset) Paging(HttpContext c, ServerOptions o)
    {
        var perPage = int.TryParse(c.Request.Query["perPage"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, o.MaxPerPage) : o.DefaultPerPage;
        var token = c.Request.Query["nextPageToken"].ToString();
        var offset = token.Length > 0 && token.StartsWith("o", StringComparison.Ordinal) && int.TryParse(token[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return (perPage, offset);
    }

    internal static string Offset(int offset) => "o" + offset.ToString(CultureInfo.InvariantCulture);

    /// <summary>Distinct values read from every stored event (these fields have no column yet: a scan of the ledger).</summary>
    private static IEnumerable<string> Scan(TraceDbContext db, Func<JsonElement, IEnumerable<string>> read)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in db.Events.AsNoTracking().OrderBy(e => e.Seq).AsEnumerable())
        {
            using var doc = JsonDocument.Parse(e.CanonicalJson);
            foreach (var v in read(doc.RootElement)) seen.Add(v);
        }

        return seen;
    }

    private static IEnumerable<string> Epcs(JsonElement e)
    {
        foreach (var list in new[] { "epcList", "childEPCs", "inputEPCList", "outputEPCList" })
            if (e.TryGetProperty(list, out var l) && l.ValueKind == JsonValueKind.Array)
                foreach (var x in l.EnumerateArray())
                    if (x.ValueKind == JsonValueKind.String) yield return x.GetString()!;
        if (e.TryGetProperty("parentID", out var p) && p.ValueKind == JsonValueKind.String) yield return p.GetString()!;
    }
}
