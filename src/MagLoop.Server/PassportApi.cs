using System.Text.Json;
using System.Text.Json.Nodes;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using QRCoder;

namespace MagLoop.Server;

/// <summary>
/// Magnet passports (docs/passport.md): <c>GET /passports/{lotID}</c> as JSON or a printable page, its QR code, and
/// the GS1 Digital Link resolver <c>GET /01/{gtin}/10/{lot}</c> with an RFC 9264 linkset. Reachable without a key
/// (the public tier); a key raises the tier.
/// </summary>
internal static class PassportApi
{
    /// <summary>The linkset media type (RFC 9264).</summary>
    public const string LinksetType = "application/linkset+json";

    /// <summary>GS1 Web Vocabulary link types the linkset carries.</summary>
    public const string DppLink = "https://gs1.org/voc/dpp";

    /// <summary>The traceability link type.</summary>
    public const string TraceabilityLink = "https://gs1.org/voc/traceability";

    /// <summary>The certification link type.</summary>
    public const string CertificationLink = "https://gs1.org/voc/certificationInfo";

    /// <summary>JSON of the passport: camelCase, nulls written (a missing value is said, not hidden).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Maps the endpoints.</summary>
    public static void MapPassportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/passports/{lotID}", Passport).WithName("Passport").AllowAnonymous()
            .WithSummary("The magnet passport of a shipped lot: JSON (Accept: application/json) or a printable page (text/html). No key: the public tier; a key raises it.")
            .WithTags("Passports").Produces<Passport>(200, "application/json", "text/html").ProducesProblem(404);
        app.MapGet("/passports/{lotID}/qr.svg", Qr).WithName("PassportQrCode").AllowAnonymous()
            .WithSummary("QR code (SVG) of the lot's GS1 Digital Link URI.").WithTags("Passports").Produces(200, contentType: "image/svg+xml").ProducesProblem(404);
        app.MapGet("/01/{gtin}/10/{lot}", Resolve).WithName("DigitalLink").AllowAnonymous()
            .WithSummary("GS1 Digital Link resolver: the passport (text/html or application/json) or its linkset (application/linkset+json, RFC 9264) with gs1:dpp, gs1:traceability and gs1:certificationInfo.")
            .WithTags("Passports").Produces<Passport>(200, "application/json", "text/html", LinksetType).ProducesProblem(400).ProducesProblem(404);
    }

    private static string Base(HttpContext c, ServerOptions o) =>
        o.ResolverBase is { } b ? b.GetLeftPart(UriPartial.Authority) : $"{c.Request.Scheme}://{c.Request.Host}";

    /// <summary>True when the client prefers a page to JSON (a browser's Accept).</summary>
    internal static bool WantsHtml(HttpRequest request)
    {
        double html = -1, json = -1;
        foreach (var a in request.GetTypedHeaders().Accept)
        {
            var q = a.Quality ?? 1;
            if (a.MediaType.Value is "text/html" or "application/xhtml+xml") html = Math.Max(html, q);
            else if (a.MediaType.Value is Media.Json or Media.JsonLd) json = Math.Max(json, q);
        }

        return html > 0 && html >= json;
    }

    private static bool WantsLinkset(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Value == LinksetType && (a.Quality ?? 1) > 0);

    private static IResult Refused(PassportRefusal r) =>
        Problems.Result(r.Status, Problems.NoSuchResource, "Not Found", r.Detail);

    private static IResult Passport(string lotID, HttpContext c, ServerState s)
    {
        var lot = EpcisApi.Segment(lotID);
        return Answer(lot, c, s);
    }

    private static IResult Answer(string lot, HttpContext c, ServerState s)
    {
        var tier = PassportBuilder.TierOf(Access.CallerOrNull(c));
        using var db = s.Database.CreateContext(readOnly: true);
        var (passport, refusal) = PassportBuilder.Build(db, lot, tier, s.Options, Base(c, s.Options));
        if (passport is null) return Refused(refusal!);
        c.Response.Headers.Vary = "Accept, Authorization";
        if (passport.DigitalLink is { } link)
            c.Response.Headers.Append(HeaderNames.Link, $"<{link}>; rel=\"linkset\"; type=\"{LinksetType}\"");
        if (WantsHtml(c.Request)) return Results.Content(PassportPage.Render(passport, QrSvg(passport.DigitalLink)), "text/html; charset=utf-8");
        return Results.Text(JsonSerializer.Serialize(passport, Json), Media.Json);
    }

    private static IResult Qr(string lotID, HttpContext c, ServerState s)
    {
        var lot = EpcisApi.Segment(lotID);
        using var db = s.Database.CreateContext(readOnly: true);
        if (new StoreGraph(db).Lot(lot) is null) return Problems.Result(404, Problems.NoSuchResource, "Not Found", $"lot '{lot}' is not in the store");
        if (PassportBuilder.GtinAndLot(lot) is not { } ids)
            return Problems.Result(404, Problems.NoSuchResource, "Not Found", $"lot '{lot}' has no GTIN, so no GS1 Digital Link URI to encode");
        var uri = $"{Base(c, s.Options)}/01/{ids.Gtin}/10/{Uri.EscapeDataString(ids.Lot)}";
        return Results.Text(QrSvg(uri)!, "image/svg+xml");
    }

    private static IResult Resolve(string gtin, string lot, HttpContext c, ServerState s)
    {
        // GS1 Digital Link: a GTIN-8, -12, -13 or -14 of digits whose last is the check digit; anything else is not a
        // lot that could be in the store, and saying so beats a 404.
        if (gtin.Length is not (8 or 12 or 13 or 14) || !gtin.All(char.IsAsciiDigit) || DigitalLink.CheckDigit(gtin[..^1]) != gtin[^1])
            return Problems.Result(400, Problems.QueryParameter, "Bad Request", $"'{(gtin.Length > 20 ? gtin[..20] + "..." : gtin)}' is not a GTIN: 8, 12, 13 or 14 digits, the last the GS1 check digit");
        var batch = Uri.UnescapeDataString(lot);
        string? found = null;
        using (var db = s.Database.CreateContext(readOnly: true))
        {
            var graph = new StoreGraph(db);
            found = PassportBuilder.Candidates(gtin, batch).FirstOrDefault(id => graph.Lot(id) is not null);
        }

        if (found is null) return Problems.Result(404, Problems.NoSuchResource, "Not Found", $"no lot with GTIN {gtin} and batch/lot '{batch}' is in the store");
        var self = $"{Base(c, s.Options)}/01/{gtin}/10/{Uri.EscapeDataString(batch)}";
        var passportUrl = $"{Base(c, s.Options)}/passports/{Uri.EscapeDataString(found)}";
        var lotPath = Uri.EscapeDataString(found);
        c.Response.Headers.Append(HeaderNames.Link, $"<{self}>; rel=\"linkset\"; type=\"{LinksetType}\"");
        c.Response.Headers.Append(HeaderNames.Link, $"<{passportUrl}>; rel=\"{DppLink}\"");
        if (!WantsLinkset(c.Request)) return Answer(found, c, s);

        JsonArray Target(string href, string type, string title) => [new JsonObject { ["href"] = href, ["type"] = type, ["title"] = title }];
        var anchor = new JsonObject
        {
            ["anchor"] = self,
            [DppLink] = new JsonArray(
                new JsonObject { ["href"] = passportUrl, ["type"] = "text/html", ["title"] = "Magnet passport (printable)" },
                new JsonObject { ["href"] = passportUrl, ["type"] = Media.Json, ["title"] = "Magnet passport (JSON, docs/passport.schema.json)" }),
            [TraceabilityLink] = Target($"{Base(c, s.Options)}/events?MATCH_epcClass={lotPath}", Media.JsonLd, "EPCIS 2.0 events of the lot (API key)"),
            [CertificationLink] = Target($"{Base(c, s.Options)}/lots/{lotPath}/compliance?rule=dfars-2027", Media.Json, "DFARS 252.225-7052 verdict (API key)"),
        };
        var body = new JsonObject { ["linkset"] = new JsonArray(anchor) };
        return Results.Text(body.ToJsonString(Json), LinksetType);
    }

    /// <summary>The QR code of <paramref name="uri"/> as scalable SVG (error correction M: 15 % of the code may be damaged), or null without a URI.</summary>
    internal static string? QrSvg(string? uri)
    {
        if (uri is null) return null;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
        // Inline in a page the XML declaration would be text.
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
