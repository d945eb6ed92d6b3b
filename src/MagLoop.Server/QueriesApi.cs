using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MagLoop.Traceability.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Server;

/// <summary>
/// Named queries of the EPCIS 2.0 REST binding (openapi.yaml, <c>/queries</c>): a SimpleEventQuery definition stored
/// in the database under a name, run by <c>GET /queries/{name}/events</c> against the store as it is then.
/// </summary>
internal static partial class QueriesApi
{
    /// <summary>
    /// Largest query definition body: 64 KiB, an engineering assumption far above any real definition (a few hundred
    /// bytes; a list of a thousand EPCs is about 50 KiB) that keeps a stored row small.
    /// </summary>
    public const int DefinitionLimitBytes = 64 * 1024;

    /// <summary>Maps the endpoints.</summary>
    public static void MapQueriesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/queries", Create).WithName("CreateQuery").WithSummary("Creates a named query from a query definition (201 + Location).").WithTags("Queries");
        app.MapGet("/queries", List).WithName("Queries").WithSummary("Lists the named queries with their definitions.").WithTags("Queries");
        app.MapGet("/queries/{queryName}", (string queryName, ServerState s) =>
            Find(s, queryName) is { } q ? EpcisApi.Json(Definition(q)) : NotFound(queryName))
            .WithName("Query").WithSummary("One named query's definition.").WithTags("Queries");
        app.MapDelete("/queries/{queryName}", Delete).WithName("DeleteQuery").WithSummary("Deletes a named query and ends its subscriptions (its creator or an admin).").WithTags("Queries");
        app.MapGet("/queries/{queryName}/events", Run).WithName("QueryEvents")
            .WithSummary("Runs a named query: its events as an EPCISQueryDocument, paged. With Upgrade: websocket and stream=true or a schedule (second, minute, hour, dayOfMonth, month, dayOfWeek; reportIfEmpty, initialRecordTime), subscribes: each notification is an EPCISQueryDocument message.")
            .WithTags("Queries", "Events", "Subscriptions");
    }

    /// <summary>A query name: letters, digits, '-', '_' and '.', up to 100 characters (a URL path segment as it is).</summary>
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex NamePattern();

    private static IResult NotFound(string name) => Problems.Result(404, Problems.NoSuchResource, "Not Found", $"no named query '{name}'");

    private static NamedQueryRecord? Find(ServerState s, string name)
    {
        using var db = s.Database.CreateContext(readOnly: true);
        return db.NamedQueries.AsNoTracking().SingleOrDefault(q => q.Name == name);
    }

    private static JsonObject Definition(NamedQueryRecord q) => new() { ["name"] = q.Name, ["query"] = JsonNode.Parse(q.QueryJson) };

    private static async Task<IResult> Create(HttpContext c, ServerState s)
    {
        var key = Access.Caller(c);
        if (key.Role == ApiRole.Auditor) return Access.Forbidden(key, "create queries");
        var (body, problem) = await EpcisApi.ReadBody(c, DefinitionLimitBytes,
            Problems.Result(413, Problems.QueryTooLarge, "Payload Too Large", $"a query definition may hold at most {DefinitionLimitBytes} bytes"));
        if (problem is not null) return problem;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body!);
        }
        catch (JsonException e)
        {
            return Invalid($"not JSON: {e.Message}");
        }

        if (node is not JsonObject definition) return Invalid("the body must be a query definition: {\"name\": NAME, \"query\": {PARAMETER: VALUE or [VALUES], ...}}");
        if (definition["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name)) return Invalid("name: missing (a string)");
        if (!NamePattern().IsMatch(name)) return Invalid($"name: '{name}' must be 1 to 100 letters, digits, '-', '_' or '.'");
        if (definition["query"] is not JsonObject query) return Invalid("query: missing (an object of SimpleEventQuery parameters)");
        if (definition.Select(p => p.Key).FirstOrDefault(k => k is not ("name" or "query")) is { } extra) return Invalid($"{extra}: not a member of a query definition (name, query)");
        List<KeyValuePair<string, string>> parameters;
        try
        {
            parameters = Parameters(query);
            // Parsing checks every parameter and value now, so that a stored query always runs.
            EventQuery.Parse(parameters, s.Options);
        }
        catch (QueryParameterException e)
        {
            return Problems.Result(400, Problems.QueryParameter, "Bad Request", e.Message);
        }

        var record = new NamedQueryRecord { Name = name, QueryJson = query.ToJsonString(), KeyId = key.Id, CreatedUnixMs = s.Options.Time.GetUtcNow().ToUnixTimeMilliseconds() };
        var created = await s.Write(store =>
        {
            if (store.Context.NamedQueries.AsNoTracking().Any(q => q.Name == name)) return false;
            store.Context.NamedQueries.Add(record);
            try
            {
                store.Context.SaveChanges();
                return true;
            }
            catch (DbUpdateException)
            {
                // Another server process on the same database created it in between: the primary key refused ours.
                return false;
            }
            finally
            {
                store.Context.ChangeTracker.Clear();
            }
        }, c.RequestAborted);
        return created
            ? Results.Created("/queries/" + name, null)
            : Problems.Result(409, Problems.ResourceAlreadyExists, "Conflict", $"a query named '{name}' exists (delete it first to redefine it)");
    }

    private static IResult Invalid(string detail) => Problems.Result(400, Problems.Validation, "Bad Request", detail);

    /// <summary>
    /// A definition's <c>query</c> object as query parameters: a string or number stands for itself, a list of them
    /// for its items joined by ',' (the URI form of a list). <c>nextPageToken</c> and <c>perPage</c> belong to a run,
    /// not to a definition.
    /// </summary>
    internal static List<KeyValuePair<string, string>> Parameters(JsonObject query)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in query)
        {
            if (name is "nextPageToken" or "perPage")
                throw new QueryParameterException($"query.{name}: belongs to a run of the query (GET /queries/NAME/events?{name}=...), not to its definition");
            var items = value is JsonArray array ? array.ToList() : [value];
            if (items.Count == 0) throw new QueryParameterException($"query.{name}: an empty list matches nothing; leave the parameter out");
            var texts = new List<string>();
            foreach (var item in items)
            {
                if (item is JsonValue v && v.TryGetValue<string>(out var text)) texts.Add(text);
                else if (item is JsonValue n && n.GetValueKind() == JsonValueKind.Number) texts.Add(n.ToJsonString());
                else throw new QueryParameterException($"query.{name}: each value must be a string or a number, not {item?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}");
            }

            parameters.Add(new(name, string.Join(",", texts)));
        }

        return parameters;
    }

    private static IResult List(HttpContext c, ServerState s)
    {
        var (perPage, offset) = EpcisApi.Paging(c, s.Options);
        using var db = s.Database.CreateContext(readOnly: true);
        var queries = db.NamedQueries.AsNoTracking().OrderBy(q => q.Name).Skip(offset).Take(perPage + 1).ToList();
        if (queries.Count > perPage) EpcisApi.NextLink(c, EpcisApi.Offset(offset + perPage));
        var array = new JsonArray();
        foreach (var q in queries.Take(perPage)) array.Add(Definition(q));
        return EpcisApi.Json(array);
    }

    private static async Task<IResult> Delete(string queryName, HttpContext c, ServerState s)
    {
        var key = Access.Caller(c);
        if (key.Role == ApiRole.Auditor) return Access.Forbidden(key, "delete queries");
        var query = Find(s, queryName);
        if (query is null) return NotFound(queryName);
        if (key.Role != ApiRole.Admin && query.KeyId != key.Id)
            return Problems.Result(403, Problems.Security, "Forbidden", $"query '{queryName}' was created by another key; only its creator or an admin deletes it");
        var deleted = await s.Write(store =>
        {
            // The binding: deleting a query forcibly ends its subscriptions.
            store.Context.Subscriptions.Where(x => x.QueryName == queryName).ExecuteDelete();
            var n = store.Context.NamedQueries.Where(q => q.Name == queryName).ExecuteDelete();
            return n > 0;
        }, c.RequestAborted);
        return deleted ? Results.NoContent() : NotFound(queryName);
    }

    /// <summary>GET /queries/{name}/events: the stored definition with this request's perPage and nextPageToken.</summary>
    private static async Task<IResult> Run(string queryName, HttpContext c, ServerState s)
    {
        var query = Find(s, queryName);
        if (query is null) return NotFound(queryName);
        if (c.WebSockets.IsWebSocketRequest) return await WebSocketSubscriptions.Serve(c, s, queryName, query.QueryJson);
        if (c.Request.Query.Keys.FirstOrDefault(k => k is not ("perPage" or "nextPageToken")) is { } other)
            return Problems.Result(400, Problems.QueryParameter, "Bad Request", WebSocketSubscriptions.Controls.Contains(other)
                ? $"'{other}': a subscription control: open this URL as a WebSocket (Upgrade: websocket) to subscribe, or POST /queries/{queryName}/subscriptions for a webhook"
                : $"'{other}': a named query's events take perPage and nextPageToken only (its criteria are its definition)");
        var parameters = Parameters((JsonObject)JsonNode.Parse(query.QueryJson)!);
        foreach (var (k, values) in c.Request.Query)
            foreach (var v in values) parameters.Add(new(k, v ?? ""));
        return EpcisApi.Query(c, s, parameters, queryName);
    }
}
