using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MagLoop.Server;

/// <summary>The media types of the binding's JSON forms: application/json and application/ld+json.</summary>
internal static class Media
{
    public const string Json = "application/json";
    public const string JsonLd = "application/ld+json";

    /// <summary>The other types some routes answer with: the passport page, its linkset and its QR code.</summary>
    private static readonly string[] Pages = ["text/html", "application/xhtml+xml", PassportApi.LinksetType, "image/svg+xml", "image/*"];

    /// <summary>True when the request's Accept (if any) allows JSON, JSON-LD, problem JSON, or a passport page, linkset or image.</summary>
    public static bool Acceptable(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return true;
        return accept.Any(a => a.MediaType.Value is "*/*" or "application/*" or Json or JsonLd or Problems.MediaType || Pages.Contains(a.MediaType.Value));
    }

    /// <summary>The type to answer with: JSON-LD when the client asks for it before plain JSON.</summary>
    public static string ResponseType(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1).ToList();
        foreach (var a in accept)
        {
            if (a.MediaType.Value == JsonLd) return JsonLd;
            if (a.MediaType.Value == Json) return Json;
        }

        return Json;
    }

    /// <summary>True when a body's Content-Type is JSON or JSON-LD.</summary>
    public static bool IsJsonBody(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Value is Json or JsonLd;
}
