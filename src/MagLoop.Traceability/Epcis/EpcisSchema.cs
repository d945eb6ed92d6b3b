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
    private readonly CompiledSchema? _compiled;

    private EpcisSchema(JsonSchema schema, CompiledSchema? compiled, string path)
    {
        _schema = schema;
        _compiled = compiled;
        Path = path;
    }

    /// <summary>True when the schema compiled into MagLoop's fast check (<see cref="CompiledSchema"/>); else JsonSchema.Net checks every document.</summary>
    public bool Compiled => _compiled is not null;

    /// <summary>Where the schema was read from.</summary>
    public string Path { get; }

    /// <summary>Loads the schema file.</summary>
    public static EpcisSchema Load(string path)
    {
        // A private registry: the schema declares an $id, and loading it twice into the global registry would clash.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var text = File.ReadAllText(path);
        return new EpcisSchema(JsonSchema.FromText(text, options), CompiledSchema.TryCompile(text), path);
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

    /// <summary>
    /// Validates a document. Only the relevant failures are reported, each located by event and JSON pointer: those
    /// of the branch that applies (an <c>if</c> that does not hold is not an error, so an event is checked only
    /// against the definition of its declared <c>type</c>), and of an <c>anyOf</c>/<c>oneOf</c> that no branch
    /// satisfies only the branches that came closest (fewest failures).
    /// </summary>
    public IReadOnlyList<CaptureError> Validate(JsonElement document)
    {
        // The compiled check answers a valid document (the usual case) in microseconds; a document it refuses, and any
        // document when the schema did not compile, is evaluated by JsonSchema.Net, whose verdict and errors stand.
        if (_compiled?.IsValid(document) == true) return [];
        try
        {
            return Evaluate(document);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            // JsonSchema.Net reads numbers as decimal in places (uniqueItems compares them so): a number beyond decimal's
            // range (1e306 in a list) throws there. The document is refused with the reason rather than crashing capture.
            return [new CaptureError(null, null, "(document)", $"GS1 schema: the document could not be evaluated ({e.Message}): a number beyond ±7.9e28 where the schema compares values")];
        }
    }

    private List<CaptureError> Evaluate(JsonElement document)
    {
        // The flag format stops at the first failure; only a failing document is evaluated again for the located errors.
        if (_schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true }).IsValid) return [];
        var result = _schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true });
        if (result.IsValid) return [];
        var failures = new List<(string Pointer, string Keyword, string Message)>();
        Collect(result, failures);
        var errors = new List<CaptureError>();
        foreach (var (pointer, keyword, message) in failures)
        {
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
                    field = slash < 0 ? "(event)" : rest[slash..];
                    var list = document.GetProperty("epcisBody").GetProperty("eventList");
                    if (i < list.GetArrayLength() && list[i].ValueKind == JsonValueKind.Object && list[i].TryGetProperty("eventID", out var id) && id.ValueKind == JsonValueKind.String)
                        eventId = id.GetString();
                }
            }

            errors.Add(new CaptureError(index, eventId, field, $"GS1 schema: {message} ({keyword})"));
        }

        return errors.Distinct().ToList();
    }

    /// <summary>The failures of a failing node: its own, and those of its failing subschemas that matter.</summary>
    private static void Collect(EvaluationResults node, List<(string Pointer, string Keyword, string Message)> failures)
    {
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
            failures.Add((node.InstanceLocation.ToString(), keyword, message));
        var failing = (node.Details ?? []).Where(d => !d.IsValid && LastSegment(d.EvaluationPath.ToString(), 0) != "if").ToList();
        foreach (var group in failing.GroupBy(d => LastSegment(d.EvaluationPath.ToString(), 1) is "anyOf" or "oneOf"))
        {
            if (!group.Key)
            {
                foreach (var d in group) Collect(d, failures);
                continue;
            }

            // No branch holds: the closest ones (fewest failures) say best what is wrong.
            var branches = group.Select(d =>
            {
                var branch = new List<(string, string, string)>();
                Collect(d, branch);
                return branch;
            }).Where(b => b.Count > 0).ToList();
            if (branches.Count == 0) continue;
            var fewest = branches.Min(b => b.Count);
            foreach (var branch in branches.Where(b => b.Count == fewest)) failures.AddRange(branch);
        }
    }

    /// <summary>The segment <paramref name="fromEnd"/> places before the last of a JSON pointer (0: the last).</summary>
    private static string? LastSegment(string pointer, int fromEnd)
    {
        var segments = pointer.Split('/');
        return segments.Length > fromEnd + 1 ? segments[^(fromEnd + 1)] : null;
    }
}
