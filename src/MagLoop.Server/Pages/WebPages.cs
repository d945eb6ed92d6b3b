using MagLoop.Traceability.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MagLoop.Server.Pages;

/// <summary>
/// The web pages under <c>/ui</c>: sign-in with an API key, then server-rendered HTML (no script) over the same store,
/// genealogy and compliance functions as the lot API, showing only what the key's role and site may see
/// (<see cref="Access.MaySee"/>).
/// </summary>
internal static class WebPages
{
    /// <summary>The sign-in cookie: the API key itself, HttpOnly, SameSite=Strict, Secure on HTTPS, for the browser session only.</summary>
    public const string CookieName = "magloop_key";

    private const string Prefix = "/ui";
    private const string SignInPath = "/ui/signin";

    /// <summary>True for a request to a web page.</summary>
    public static bool IsPage(HttpRequest request) =>
        request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal);

    /// <summary>True for the pages that need no key: the sign-in form and its post.</summary>
    public static bool IsAnonymous(HttpRequest request) => request.Path.Equals(SignInPath, StringComparison.Ordinal);

    /// <summary>Sends a browser without a valid key to the sign-in page (303), forgetting any stale cookie.</summary>
    public static void ToSignIn(HttpContext context)
    {
        if (context.Request.Cookies.ContainsKey(CookieName)) context.Response.Cookies.Delete(CookieName, CookieOptions(context));
        var back = context.Request.Path + context.Request.QueryString;
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = SignInPath + (HttpMethods.IsGet(context.Request.Method) ? "?return=" + Uri.EscapeDataString(back) : "");
        Secure(context.Response);
    }

    /// <summary>Maps the pages; none is in the OpenAPI document (they are for people, not clients).</summary>
    public static void MapWebPages(this IEndpointRouteBuilder app)
    {
        var ui = app.MapGroup(Prefix).ExcludeFromDescription();
        ui.MapGet("/signin", (HttpContext c, string? @return) => Send(c, 200, SignInForm(@return, null)));
        ui.MapPost("/signin", SignIn);
        ui.MapPost("/signout", SignOut);
        ui.MapGet("/", (HttpContext c, ServerState s, LotIndex i) => Send(c, 200, LotPages.Dashboard(new PageContext(c, s, i))));
        ui.MapGet("/lots", (HttpContext c, ServerState s, LotIndex i) => Render(c, LotPages.Search(new PageContext(c, s, i))));
        ui.MapGet("/lots/{lotID}", (string lotID, HttpContext c, ServerState s, LotIndex i) => Render(c, LotPages.Lot(new PageContext(c, s, i), EpcisApi.Segment(lotID))));
        ui.MapGet("/lots/{lotID}/genealogy", (string lotID, HttpContext c, ServerState s, LotIndex i) =>
            Render(c, LotPages.Genealogy(new PageContext(c, s, i), EpcisApi.Segment(lotID))));
        ui.MapGet("/recall", (HttpContext c, ServerState s, LotIndex i) => Render(c, LotPages.Recall(new PageContext(c, s, i))));
        ui.MapGet("/compliance", (HttpContext c, ServerState s, LotIndex i) => Render(c, LotPages.Compliance(new PageContext(c, s, i))));
        ui.MapGet("/ledger", (HttpContext c, ServerState s, LotIndex i) => Send(c, 200, LotPages.Ledger(new PageContext(c, s, i))));
    }

    private static IResult Render(HttpContext c, (int Status, string Html) page) => Send(c, page.Status, page.Html);

    private static IResult Send(HttpContext context, int status, string html)
    {
        Secure(context.Response);
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    /// <summary>Headers of every page: the CSP, no sniffing, no caching of what a key may see, no referrer leaving the site.</summary>
    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = Html.Policy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "same-origin";
    }

    private static CookieOptions CookieOptions(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };

    /// <summary>
    /// A form post must come from a page of this server: the Origin header (which browsers send on every POST), or
    /// where a client sends none, Sec-Fetch-Site. Together with the SameSite=Strict cookie this stops cross-site
    /// request forgery, sign-in forgery included.
    /// </summary>
    internal static bool SameOrigin(HttpRequest request)
    {
        var self = $"{request.Scheme}://{request.Host.Value}";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0) return string.Equals(origin, self, StringComparison.OrdinalIgnoreCase);
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        return fetchSite is "same-origin";
    }

    private static async Task<IResult> SignIn(HttpContext context, ServerState state)
    {
        if (!SameOrigin(context.Request)) return Send(context, 403, Html.Page("Forbidden", null, "<h1>Forbidden</h1><p class=\"error\">This form may only be sent from this server's own sign-in page.</p>"));
        if (!context.Request.HasFormContentType) return Send(context, 415, SignInForm(null, "Send the sign-in form."));
        var form = await context.Request.ReadFormAsync();
        var key = form["key"].ToString().Trim();
        var back = form["return"].ToString();
        ApiKeyInfo? info = null;
        if (key.Length > 0)
            info = ApiKeys.Find(state.Database, key);
        if (info is null || !info.IsValidAt(state.Options.Time.GetUtcNow()))
        {
            var why = info is null ? "This key is not known." : info.Revoked is not null ? "This key was revoked." : "This key has expired.";
            return Send(context, 401, SignInForm(back, why));
        }

        context.Response.Cookies.Append(CookieName, key, CookieOptions(context));
        Secure(context.Response);
        return Results.Redirect(LocalReturn(back), permanent: false, preserveMethod: false);
    }

    private static IResult SignOut(HttpContext context)
    {
        if (!SameOrigin(context.Request)) return Send(context, 403, Html.Page("Forbidden", null, "<h1>Forbidden</h1><p class=\"error\">Sign out from this server's own pages.</p>"));
        context.Response.Cookies.Delete(CookieName, CookieOptions(context));
        Secure(context.Response);
        return Results.Redirect(SignInPath);
    }

    /// <summary>Only a path of the pages themselves: never another host (an open redirect).</summary>
    internal static string LocalReturn(string? back) =>
        back is { Length: > 1 } && back.StartsWith(Prefix, StringComparison.Ordinal) && !back.StartsWith("//", StringComparison.Ordinal) && !back.Contains('\\', StringComparison.Ordinal)
            ? back : Prefix;

    private static string SignInForm(string? back, string? error)
    {
        var body = "<h1>Sign in</h1>"
            + "<p>Paste an API key. An administrator makes one with <code>magloop keys create --role operator|quality|auditor|admin --site SITE</code>.</p>"
            + (error is null ? "" : $"<p class=\"error\" role=\"alert\">{Html.E(error)}</p>")
            + "<form method=\"post\" action=\"/ui/signin\">"
            + "<label for=\"key\">API key</label><input type=\"password\" id=\"key\" name=\"key\" autocomplete=\"off\" required>"
            + $"<input type=\"hidden\" name=\"return\" value=\"{Html.E(LocalReturn(back))}\">"
            + "<p><button type=\"submit\">Sign in</button></p></form>"
            + "<p>The key is kept in a cookie this browser sends only to this server, until the browser closes or you sign out.</p>";
        return Html.Page("Sign in", null, body);
    }
}
