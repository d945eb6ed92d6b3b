using System.Text.Json;
using MagLoop.Traceability.Storage;
using Microsoft.AspNetCore.Http;

namespace MagLoop.Server;

/// <summary>
/// Who may do what. Keys come as <c>Authorization: Bearer KEY</c> (or the web pages' sign-in cookie); the key is looked up by its SHA-256 and never
/// written anywhere (no log line, no problem body names it).
/// </summary>
internal static class Access
{
    private const string ItemKey = "magloop.key";

    /// <summary>The caller's key (set by <see cref="Authenticate"/>).</summary>
    public static ApiKeyInfo Caller(HttpContext context) => (ApiKeyInfo)context.Items[ItemKey]!;

    /// <summary>The caller's key, or null before authentication.</summary>
    public static ApiKeyInfo? CallerOrNull(HttpContext context) => context.Items.TryGetValue(ItemKey, out var v) ? v as ApiKeyInfo : null;

    /// <summary>
    /// Middleware: every request needs a valid key; a missing, unknown, expired or revoked key is a 401 (a web page
    /// instead redirects to the sign-in page). The key comes as a Bearer header or, for the web pages, as the sign-in
    /// cookie (<see cref="Pages.WebPages.CookieName"/>), which is read on safe methods and on the pages' own forms
    /// (which check their origin): never on an API write, so no other site can make a browser capture. An endpoint
    /// marked anonymous (<c>.AllowAnonymous()</c>: the public passport routes) is reached without a key; a key sent
    /// there (header or cookie) is still checked, and raises what the caller sees.
    /// </summary>
    public static async Task Authenticate(HttpContext context, RequestDelegate next, ServerState state)
    {
        if (Pages.WebPages.IsAnonymous(context.Request))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var key = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length ? header[scheme.Length..].Trim() : null;
        var page = Pages.WebPages.IsPage(context.Request);
        var fromCookie = false;
        if (key is null && (page || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            key = context.Request.Cookies[Pages.WebPages.CookieName] is { Length: > 0 } cookie ? cookie : null;
            fromCookie = key is not null;
        }

        var anonymous = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;
        if (key is null && anonymous)
        {
            await next(context);
            return;
        }

        if (key is null)
        {
            if (page)
            {
                Pages.WebPages.ToSignIn(context);
                return;
            }

            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.Write(context, 401, Problems.Security, "Unauthorized", "send an API key as 'Authorization: Bearer KEY' (`magloop keys create` makes one)");
            return;
        }

        var info = ApiKeys.Find(state.Database, key);
        var now = state.Options.Time.GetUtcNow();
        if (info is null || !info.IsValidAt(now))
        {
            // A stale sign-in cookie on a public route (a passport opened from a QR code) reads the public tier.
            if (anonymous && fromCookie)
            {
                await next(context);
                return;
            }

            if (page)
            {
                Pages.WebPages.ToSignIn(context);
                return;
            }

            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            var why = info is null ? "the key is not known" : info.Revoked is not null ? "the key was revoked" : "the key has expired";
            await Problems.Write(context, 401, Problems.Security, "Unauthorized", why);
            return;
        }

        context.Items[ItemKey] = info;
        await next(context);
    }

    /// <summary>
    /// What the web pages show a key: an operator the lots that an event touched at its site (readPoint or
    /// bizLocation, as <see cref="CaptureRefusal"/> decides for capture); quality, auditor and admin every lot.
    /// </summary>
    public static bool MaySee(ApiKeyInfo key, IEnumerable<string> locations) =>
        key.Role != ApiRole.Operator || locations.Any(l => AtSite(l, key.Site));

    /// <summary>Reading (queries, capture jobs, discovery): every role.</summary>
    public static bool CanRead(ApiKeyInfo key) => key is not null;

    /// <summary>A 403 for <paramref name="what"/>.</summary>
    public static IResult Forbidden(ApiKeyInfo key, string what) =>
        Problems.Result(403, Problems.Security, "Forbidden", $"a key with role {ApiKeys.Name(key.Role)} may not {what}");

    /// <summary>
    /// Why <paramref name="key"/> may not capture <paramref name="events"/>, or null when it may. Auditors capture
    /// nothing; operators only events whose readPoint or bizLocation is at their site; quality only events that
    /// carry test results (a sensorElementList); admins anything.
    /// </summary>
    public static string? CaptureRefusal(ApiKeyInfo key, IReadOnlyList<JsonElement> events)
    {
        switch (key.Role)
        {
            case ApiRole.Admin:
                return null;
            case ApiRole.Auditor:
                return "a key with role auditor reads only";
        }

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.ValueKind != JsonValueKind.Object) continue; // the validator names it
            if (key.Role == ApiRole.Quality)
            {
                if (!e.TryGetProperty("sensorElementList", out var sensors) || sensors.ValueKind != JsonValueKind.Array || sensors.GetArrayLength() == 0)
                    return $"event {i}: a key with role quality records test results only (events with a sensorElementList)";
                continue;
            }

            var readPoint = LocationId(e, "readPoint");
            var bizLocation = LocationId(e, "bizLocation");
            if (!AtSite(readPoint, key.Site) && !AtSite(bizLocation, key.Site))
                return $"event {i}: neither readPoint ({readPoint ?? "none"}) nor bizLocation ({bizLocation ?? "none"}) is at site {key.Site}, the operator key's site";
        }

        return null;
    }

    /// <summary>The id of an event's readPoint or bizLocation, if any.</summary>
    public static string? LocationId(JsonElement e, string name) =>
        e.TryGetProperty(name, out var l) && l.ValueKind == JsonValueKind.Object && l.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>
    /// True when <paramref name="location"/> is the site or a sub-location of it: the site followed by '.' (an SGLN
    /// extension, urn:epc:id:sgln:CP.REF.EXT) or '/' (a Digital Link key qualifier, .../414/GLN/254/EXT).
    /// </summary>
    public static bool AtSite(string? location, string site) =>
        location is not null && location.StartsWith(site, StringComparison.Ordinal)
        && (location.Length == site.Length || location[site.Length] is '.' or '/');
}
