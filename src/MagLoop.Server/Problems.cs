using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MagLoop.Server;

/// <summary>
/// Problem-details bodies (RFC 9457) with the EPCIS exception names of the REST binding as <c>type</c>
/// (openapi.yaml: <c>epcisException:ValidationException</c> and its siblings).
/// </summary>
internal static class Problems
{
    /// <summary>The media type of a problem body.</summary>
    public const string MediaType = "application/problem+json";

    public const string Validation = "epcisException:ValidationException";
    public const string QueryParameter = "epcisException:QueryParameterException";
    public const string QueryTooLarge = "epcisException:QueryTooLargeException";
    public const string NoSuchResource = "epcisException:NoSuchResourceException";
    public const string Security = "epcisException:SecurityException";
    public const string CaptureLimitExceeded = "epcisException:CaptureLimitExceededException";
    public const string ResourceAlreadyExists = "epcisException:ResourceAlreadyExistsException";
    public const string UnsupportedMediaType = "epcisException:UnsupportedMediaTypeException";
    public const string NotAcceptable = "epcisException:NotAcceptableException";
    public const string Implementation = "epcisException:ImplementationException";
    public const string SubscriptionControls = "epcisException:SubscriptionControlsException";

    /// <summary>A problem body; <paramref name="extra"/> adds members (such as <c>errors</c>).</summary>
    public static JsonObject Body(int status, string type, string title, string? detail, string? instance = null, IReadOnlyDictionary<string, JsonNode?>? extra = null)
    {
        var body = new JsonObject { ["type"] = type, ["title"] = title, ["status"] = status };
        if (detail is not null) body["detail"] = detail;
        if (instance is not null) body["instance"] = instance;
        if (extra is not null)
            foreach (var (k, v) in extra) body[k] = v;
        return body;
    }

    /// <summary>A problem result.</summary>
    public static IResult Result(int status, string type, string title, string? detail = null, IReadOnlyDictionary<string, JsonNode?>? extra = null) =>
        new ProblemResult(Body(status, type, title, detail, null, extra));

    /// <summary>Writes a problem straight to the response (middleware, before any endpoint runs).</summary>
    public static Task Write(HttpContext context, int status, string type, string title, string? detail = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaType;
        return context.Response.WriteAsync(Body(status, type, title, detail, context.Request.Path).ToJsonString(), context.RequestAborted);
    }

    /// <summary>The capture errors as JSON problem objects that name the event and the field.</summary>
    public static JsonArray Errors(IEnumerable<Traceability.CaptureError> errors)
    {
        var array = new JsonArray();
        foreach (var e in errors)
        {
            array.Add(new JsonObject
            {
                ["type"] = Validation,
                ["title"] = e.Message,
                ["status"] = 400,
                ["detail"] = e.ToString(),
                ["eventIndex"] = e.EventIndex,
                ["eventID"] = e.EventId,
                ["field"] = e.Field,
            });
        }

        return array;
    }

    private sealed class ProblemResult(JsonObject body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            body["instance"] ??= httpContext.Request.Path.Value;
            httpContext.Response.StatusCode = body["status"]!.GetValue<int>();
            httpContext.Response.ContentType = MediaType;
            return httpContext.Response.WriteAsync(body.ToJsonString(JsonOptions), httpContext.RequestAborted);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
