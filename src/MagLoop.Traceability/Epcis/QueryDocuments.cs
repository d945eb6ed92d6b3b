using System.Text.Json;

namespace MagLoop.Traceability.Epcis;

/// <summary>
/// An EPCISQueryDocument as capture input: the EPCIS 2.0 REST binding has POST /capture accept "both EPCISDocument and
/// EPCISQueryDocument" (../shared/standards/epcis/openapi.yaml), so that query results of one repository can be
/// captured by another.
/// </summary>
public static class QueryDocuments
{
    /// <summary>
    /// The EPCISDocument a query document stands for: its members (<c>@context</c>, schemaVersion, creationDate,
    /// epcisHeader, ...) kept, <c>type</c> made EPCISDocument and the body made <c>{"eventList": ...}</c> of
    /// <c>epcisBody.queryResults.resultsBody.eventList</c>, so every check of a capture document applies to it unchanged
    /// and its events keep their document indexes. Null when <paramref name="root"/> is not an EPCISQueryDocument (it
    /// is then checked as it is). A query document without that list becomes a document without eventList, which the
    /// checks refuse with their usual reason.
    /// </summary>
    public static JsonDocument? AsCaptureDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || type.GetString() != "EPCISQueryDocument")
            return null;
        JsonElement? list = null;
        if (root.TryGetProperty("epcisBody", out var body) && body.ValueKind == JsonValueKind.Object
            && body.TryGetProperty("queryResults", out var results) && results.ValueKind == JsonValueKind.Object
            && results.TryGetProperty("resultsBody", out var resultsBody) && resultsBody.ValueKind == JsonValueKind.Object
            && resultsBody.TryGetProperty("eventList", out var events))
            list = events;

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in root.EnumerateObject())
            {
                if (member.NameEquals("type"))
                {
                    writer.WriteString("type", "EPCISDocument");
                }
                else if (member.NameEquals("epcisBody"))
                {
                    writer.WriteStartObject("epcisBody");
                    if (list is { } l)
                    {
                        writer.WritePropertyName("eventList");
                        l.WriteTo(writer);
                    }

                    writer.WriteEndObject();
                }
                else
                {
                    member.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray());
    }
}
