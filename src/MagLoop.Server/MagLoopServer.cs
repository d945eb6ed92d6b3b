using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using MagLoop.Server.Pages;
using Microsoft.Extensions.Logging;

namespace MagLoop.Server;

/// <summary>Builds the traceability server: the EPCIS 2.0 REST binding over the trace store, behind API keys.</summary>
public static class MagLoopServer
{
    /// <summary>The EPCIS version this server speaks (GS1-EPCIS-Version).</summary>
    public const string EpcisVersion = "2.0.0";

    /// <summary>The CBV version it validates against (GS1-CBV-Version).</summary>
    public const string CbvVersion = "2.0.0";

    /// <summary>The host's switch that turns off watching configuration files for changes.</summary>
    private const string NoConfigReload = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>
    /// Creates the application; <paramref name="configure"/> adjusts the builder (tests put it on a test server).
    /// Opening the store (and migrating it) happens here, so a store that cannot be opened fails before listening.
    /// </summary>
    public static WebApplication Create(ServerOptions options, string[]? args = null, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Configuration files are read once, not watched: a watcher on the content root (by default the working
        // directory, where a store often lives) wakes at every write of the store's log and took 3.9 % of the
        // server's CPU under capture load (docs/traceability.md).
        var builder = WebApplication.CreateSlimBuilder([NoConfigReload, .. args ?? []]);
        // HTTPS where a certificate is configured (Kestrel:Certificates:Default in configuration or ASPNETCORE_ variables).
        builder.WebHost.UseKestrelHttpsConfiguration();
        // Request logging stays off: an Authorization header must never reach a log.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            // The per-request limit is set by each endpoint (capture: the capture size limit); this is the ceiling.
            k.Limits.MaxRequestBodySize = options.CaptureSizeLimitBytes;
            k.AddServerHeader = false;
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new ServerState(options) { Logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("MagLoop.Server") });
        builder.Services.AddSingleton<LotIndex>();
        builder.Services.AddHostedService<CaptureWorker>();
        builder.Services.AddHostedService<SubscriptionWorker>();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new Microsoft.OpenApi.OpenApiInfo
            {
                Title = "MagLoop traceability server",
                Version = "v1",
                Description = "The GS1 EPCIS 2.0 REST binding over MagLoop's trace store, and MagLoop's lot API beside it "
                    + "(docs/traceability.md), and magnet passports with a GS1 Digital Link resolver (docs/passport.md). Every request needs "
                    + "'Authorization: Bearer KEY' (`magloop keys create`) except the passport routes, whose public tier needs none.",
            };
            // No server list: the document is the same wherever the server listens (the committed snapshot compares it).
            document.Servers = [];
            return Task.CompletedTask;
        }));
        builder.Services.AddRateLimiter(r =>
        {
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                Access.CallerOrNull(context) is { } key
                    ? RateLimitPartition.GetTokenBucketLimiter(key.Id, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = 2 * options.RequestsPerSecondPerKey,
                        TokensPerPeriod = options.RequestsPerSecondPerKey,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    // Without a key only the anonymous routes are reached (Access.Authenticate): limited per address.
                    : RateLimitPartition.GetTokenBucketLimiter("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = 2 * options.AnonymousRequestsPerSecondPerAddress,
                        TokensPerPeriod = options.AnonymousRequestsPerSecondPerAddress,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            r.OnRejected = async (context, cancel) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.Write(context.HttpContext, 429, Problems.Security, "Too Many Requests", Access.CallerOrNull(context.HttpContext) is null
                    ? $"this address may make {options.AnonymousRequestsPerSecondPerAddress} requests per second without a key; retry after {seconds} s"
                    : $"this key may make {options.RequestsPerSecondPerKey} requests per second; retry after {seconds} s");
            };
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        var state = app.Services.GetRequiredService<ServerState>();
        app.Use((context, next) => Headers(context, next));
        // Every 4xx or 5xx that an endpoint or the routing leaves without a body (no route: 404, wrong method: 405, ...)
        // gets a problem-details body, like those the endpoints write.
        app.UseStatusCodePages(context => EmptyStatus(context.HttpContext));
        app.UseWebSockets();
        app.Use((context, next) => Access.Authenticate(context, next, state));
        app.UseRateLimiter();
        app.MapEpcisApi();
        app.MapQueriesApi();
        app.MapSubscriptionsApi();
        app.MapLotsApi();
        app.MapWebPages();
        app.MapPassportApi();
        app.MapOpenApi();
        return app;
    }

    /// <summary>
    /// The binding's version headers on every response; a request for another EPCIS version or a media type this
    /// server cannot produce is a 406; a failure inside is a 500 problem that names no internals.
    /// </summary>
    private static async Task Headers(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["GS1-EPCIS-Version"] = EpcisVersion;
            context.Response.Headers["GS1-CBV-Version"] = CbvVersion;
            return Task.CompletedTask;
        });
        var asked = context.Request.Headers["GS1-EPCIS-Version"].ToString();
        if (asked.Length > 0 && !asked.StartsWith("2.0", StringComparison.Ordinal))
        {
            await Problems.Write(context, 406, Problems.NotAcceptable, "Not Acceptable", $"this server speaks EPCIS {EpcisVersion}, not {asked}");
            return;
        }

        // Web pages answer HTML; the binding's media types are for the API.
        if (!WebPages.IsPage(context.Request) && !Media.Acceptable(context.Request))
        {
            await Problems.Write(context, 406, Problems.NotAcceptable, "Not Acceptable", "this server answers application/json or application/ld+json (passports also text/html, application/linkset+json, image/svg+xml)");
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            if (!context.Response.HasStarted)
                await Problems.Write(context, 413, Problems.CaptureLimitExceeded, "Payload Too Large", "the body is larger than GS1-EPCIS-Capture-File-Size-Limit");
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MagLoop.Server")
                .LogError("request {Method} {Path} failed: {Type}: {Message}", context.Request.Method, context.Request.Path, e.GetType().Name, e.Message);
            await Problems.Write(context, 500, Problems.Implementation, "Internal Server Error", "the server failed; the store is unchanged by this request");
        }
    }

    /// <summary>The problem body of a status that no endpoint explained.</summary>
    private static Task EmptyStatus(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var (type, detail) = status switch
        {
            404 => (Problems.NoSuchResource, $"no resource at {context.Request.Path}"),
            405 => ("about:blank", $"{context.Request.Method} is not allowed here (Allow: {context.Response.Headers.Allow})"),
            400 => (Problems.Validation, "the request is malformed"),
            401 or 403 => (Problems.Security, null),
            406 => (Problems.NotAcceptable, null),
            413 => (Problems.CaptureLimitExceeded, null),
            415 => (Problems.UnsupportedMediaType, null),
            >= 500 => (Problems.Implementation, null),
            _ => ("about:blank", null),
        };
        return Problems.Write(context, status, type, ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } p ? p : "Error", detail);
    }

    /// <summary>Limits a request body before it is read: a declared length above the limit is refused unread.</summary>
    internal static void LimitBody(HttpContext context, long limit)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
    }
}
