using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace MagLoop.Traceability.Epcis;

/// <summary>
/// The GS1 EPCIS 2.0 JSON Schema (EPCIS-JSON-Schema.json, draft-07), loaded from a path the caller chooses: the
/// schema is GS1's and is not shipped with MagLoop.
/// </summary>
public sealed class EpcisSchema
{
    private readonly JsonSchema _schema;

    private EpcisSchema(JsonSchema schema, string path)
    {
        _schema = schema;
        Path = path;
    }

    /// <summary>Where the schema was read from.</summary>
    public string Path { get; }

    /// <summary>Loads the schema file.</summary>
    public static EpcisSchema Load(string path)
    {
        // A private registry: the schema declares an $id, and loading it twice into the global registry would clash.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return new EpcisSchema(JsonSchema.FromText(File.ReadAllText(path), options), path);
    }

    /// <summary>
    /// The schema path to use: <paramref name="explicitPath"/> if given, else MAGLOOP_EPCIS_SCHEMA, else
    /// standards/epcis/EPCIS-JSON-Schema.json under ./shared or ../shared; null when none exists.
    /// </summary>
    public static string? Locate(string? explicitPath)
    {
        if (explicitPath is not null) return explicitPath;
        if (Environment.GetEnvironmentVariable("MAGLOOP_EPCIS_SCHEMA") is { Length: > 0 } fromEnvironment) return fromEnvironment;
        foreach (var root in new[] { "shared", System.IO.Path.Combine("..", "shared") })
        {
            var candidate = System.IO.Path.Combine(root, "standards", "epcis", "EPCIS-JSON-Schema.json");
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    /// <summary>Validates a document; every failing leaf becomes an error located by event and JSON pointer.</summary>
    public IReadOnlyList<CaptureError> Validate(JsonElement document)
    {
        // The flag format stops at the first failure, so a valid document (the usual case) is checked fastest;
        // only a failing one is evaluated again for every located error.
        if (_schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true }).IsValid) return [];
        var result = _schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid) return [];
        var errors = new List<CaptureError>();
        foreach (var detail in result.Details ?? [])
        {
            if (detail.IsValid || detail.Errors is null || detail.Errors.Count == 0) continue;
            var pointer = detail.InstanceLocation.ToString();
            int? index = null;
            string? eventId = null;
            var field = pointer.Length == 0 ? "(document)" : pointer;
            const string prefix = "/epcisBody/eventList/";
            if (pointer.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = pointer[prefix.Length..];
                var slash = rest.IndexOf('/', StringComparison.Ordinal);
                if (int.TryParse(slash < 0 ? rest : rest[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var i))
                {
                    index = i;
                    field = slash < 0 ? "(event)" : rest[(slash + 1)..];
                    var list = document.GetProperty("epcisBody").GetProperty("eventList");
                    if (i < list.GetArrayLength() && list[i].ValueKind == JsonValueKind.Object && list[i].TryGetProperty("eventID", out var id) && id.ValueKind == JsonValueKind.String)
                        eventId = id.GetString();
                }
            }

            foreach (var (keyword, message) in detail.Errors)
                errors.Add(new CaptureError(index, eventId, field, $"GS1 schema: {message} ({keyword})"));
        }

        // anyOf/allOf branches repeat the same complaint: keep one of each.
        return errors.Distinct().ToList();
    }
}
