using MagLoop.Traceability;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;

namespace MagLoop.Server;

/// <summary>How the traceability server runs. Every limit has a default that the EPCIS brief (issue 12) sets as its floor.</summary>
public sealed record ServerOptions
{
    /// <summary>The trace store (the same one <c>magloop trace</c> uses).</summary>
    public required TraceDatabase Database { get; init; }

    /// <summary>Most events per capture (GS1-EPCIS-Capture-Limit). Default 10,000: the floor issue 12 sets.</summary>
    public int CaptureLimitEvents { get; init; } = 10_000;

    /// <summary>Largest capture body in bytes (GS1-EPCIS-Capture-File-Size-Limit), enforced before parsing. Default 50 MiB: the floor issue 12 sets.</summary>
    public long CaptureSizeLimitBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Events per page when the client names no perPage. Default 30: the binding's default (openapi.yaml, PerPage).</summary>
    public int DefaultPerPage { get; init; } = 30;

    /// <summary>Most events per page whatever the client asks. Default 10,000: one capture's worth, so a capture can be read back in one page.</summary>
    public int MaxPerPage { get; init; } = 10_000;

    /// <summary>
    /// Requests per second each key may make, sustained (a token bucket that holds twice this as a burst). Default 200:
    /// an engineering assumption, well above a line scanner's rate (a few events per second) and a bulk loader that
    /// sends 10,000-event documents.
    /// </summary>
    public int RequestsPerSecondPerKey { get; init; } = 200;

    /// <summary>GS1's EPCIS JSON Schema as an extra check on capture, or null for MagLoop's own checks only.</summary>
    public EpcisSchema? Schema { get; init; }

    /// <summary>
    /// Custody rules applied on capture. Default on (<see cref="CustodyOptions.Default"/>): a conformant document that
    /// breaks a lot rule is refused with the reason; <see cref="CustodyOptions.Off"/> stores standard events without
    /// them (<c>magloop serve --custody off</c>).
    /// </summary>
    public CustodyOptions Custody { get; init; } = CustodyOptions.Default;

    /// <summary>
    /// How often each server process looks for subscription notifications to deliver. Default 1 s: an engineering
    /// assumption (a notification follows its capture within about a second; one cheap indexed query per poll).
    /// </summary>
    public TimeSpan SubscriptionPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Webhook destinations on loopback, private, link-local or other special-purpose addresses are allowed. Default
    /// false: a subscription to such an address is refused with 400, and a destination that resolves to one at delivery
    /// time is not connected to (server-side request forgery, see <c>Webhooks</c>); <c>magloop serve
    /// --webhook-allow-private</c> sets it, for a receiver on the same machine or network.
    /// </summary>
    public bool WebhookAllowPrivate { get; init; }

    /// <summary>Resolves a webhook host to its addresses (default: the system resolver); tests stand in a resolver that changes its answer.</summary>
    internal Func<string, CancellationToken, Task<System.Net.IPAddress[]>> ResolveHost { get; init; } = System.Net.Dns.GetHostAddressesAsync;

    /// <summary>
    /// Requests per second each address (IP) may make without a key: the public passport and Digital Link routes.
    /// Default 20 with a burst of twice that: an engineering assumption, far above a person scanning QR codes and low
    /// enough that a crawler cannot load the store.
    /// </summary>
    public int AnonymousRequestsPerSecondPerAddress { get; init; } = 20;

    /// <summary>The plant plan (a study result read as data, <c>magloop serve --plan study.json</c>), or null.</summary>
    public PlantPlan? Plan { get; init; }

    /// <summary>The responsible economic operator named on passports (<c>magloop serve --operator NAME</c>), or null: passports then say it is not configured.</summary>
    public string? ResponsibleOperator { get; init; }

    /// <summary>
    /// Scheme and host of the Digital Link URIs the passports and QR codes carry (<c>magloop serve --resolver URL</c>),
    /// or null for the host each request came to.
    /// </summary>
    public Uri? ResolverBase { get; init; }

    /// <summary>The clock (key expiry, capture times, custody rules about the future).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
