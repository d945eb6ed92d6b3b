using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagLoop.Traceability;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;

namespace MagLoop.Server.Tests;

/// <summary>The openepcis conformance documents and the GS1 examples through the REST binding: captured, then queried back.</summary>
public sealed class ConformanceTests
{
    public static TheoryData<string, string> Valid() => Standards.Documents(Path.Combine("conformance", "openepcis", "valid"));

    public static TheoryData<string, string> Invalid() => Standards.Documents(Path.Combine("conformance", "openepcis", "invalid"));

    public static TheoryData<string, string> Examples() => Standards.Documents("examples");

    public static TheoryData<string, string> HashVectors() => Standards.Documents(Path.Combine("conformance", "event-hash"));

    [Theory]
    [MemberData(nameof(HashVectors))]
    public async Task Events_captured_without_eventID_are_stored_under_the_reference_CBV_event_hash(string backend, string file)
    {
        var folder = Path.Combine(Standards.Root, "conformance", "event-hash");
        var expected = (await File.ReadAllLinesAsync(Path.Combine(folder, Path.ChangeExtension(file, ".hashes")))).Where(l => l.Length > 0).ToList();
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, file)))!;
        var list = document["epcisBody"]?["eventList"]?.AsArray() ?? document["epcisBody"]?["queryResults"]?["resultsBody"]?["eventList"]?.AsArray();
        Assert.NotNull(list);
        foreach (var e in list) e!.AsObject().Remove("eventID");
        await using var host = await Host.Start(backend, CustodyOff);
        using var client = host.Client();
        var (response, job) = await Http.Capture(client, document.ToJsonString());
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            // The standard's own checks refuse it (several vectors are deliberately odd spellings): the reasons are located.
            var problem = await Http.Problem(response, 400, "epcisException:ValidationException");
            Assert.All(problem["errors"]!.AsArray(), e => Assert.False(string.IsNullOrEmpty(e!["field"]!.GetValue<string>())));
            Console.WriteLine($"REFUSED by the standard's checks: {file}: {problem["detail"]}");
            return;
        }

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(job!["success"]!.GetValue<bool>(), job.ToJsonString());
        foreach (var hash in expected.Distinct())
        {
            var (one, events) = await Http.Events(client, "/events/" + Uri.EscapeDataString(hash));
            Assert.True(one.StatusCode == HttpStatusCode.OK, $"{hash} not found");
            Assert.Equal(hash, Assert.Single(events)!["eventID"]!.GetValue<string>());
        }
    }

    /// <summary>Custody off (<c>magloop serve --custody off</c>): standard events without MagLoop's lot rules, the conformance mode.</summary>
    private static ServerOptions CustodyOff(ServerOptions o) => o with { Custody = CustodyOptions.Off };

    [Theory]
    [MemberData(nameof(Valid))]
    public Task With_custody_off_every_valid_document_is_captured_and_each_event_queried_back_equivalent(string backend, string file) =>
        RoundTrip(backend, Path.Combine(Standards.Root, "conformance", "openepcis", "valid", file), custodyOff: true);

    [Theory]
    [MemberData(nameof(Examples))]
    public Task With_custody_off_the_GS1_examples_are_captured_and_queried_back(string backend, string file) =>
        RoundTrip(backend, Path.Combine(Standards.Root, "examples", file), custodyOff: true);

    [Theory]
    [MemberData(nameof(Valid))]
    public Task With_custody_on_a_valid_document_is_stored_or_refused_for_a_lot_rule_with_a_problem_reason(string backend, string file) =>
        RoundTrip(backend, Path.Combine(Standards.Root, "conformance", "openepcis", "valid", file), custodyOff: false);

    /// <summary>
    /// MagLoop's lot rules, which refuse standard events that carry no lot mass (AssociationEvent, TransactionEvent,
    /// quantities without a mass unit, EPC patterns instead of lots, lots never created) while custody is on (the
    /// default): a refusal of a conformant document must be one of these reasons.
    /// </summary>
    private static readonly string[] LotRules =
    [
        "is not an event type MagLoop tracks", "is not a class-level lot id", "a mass unit is needed", "MagLoop tracks lots by mass",
        "does not exist: it was never received or produced", "lot master data needs a lot", "must list its inputs",
    ];

    private static async Task RoundTrip(string backend, string path, bool custodyOff)
    {
        await using var host = await Host.Start(backend, custodyOff ? CustodyOff : null);
        using var client = host.Client();
        var json = await File.ReadAllTextAsync(path);
        var (response, job) = await Http.Capture(client, json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (_, all) = await Http.Events(client, "/events?perPage=1000");
        if (!job!["success"]!.GetValue<bool>())
        {
            Assert.False(custodyOff, $"refused with custody off: {job.ToJsonString()}");
            var errors = job["errors"]!.AsArray();
            Assert.NotEmpty(errors);
            Assert.All(errors, e =>
            {
                // A problem object that names the event and the field, with one of the lot rules as its reason.
                Assert.Equal("epcisException:ValidationException", e!["type"]!.GetValue<string>());
                Assert.NotNull(e["eventIndex"]);
                Assert.False(string.IsNullOrEmpty(e["field"]!.GetValue<string>()));
                Assert.True(LotRules.Any(r => e["title"]!.GetValue<string>().Contains(r, StringComparison.Ordinal)), e.ToJsonString());
            });
            Assert.Empty(all);
            Console.WriteLine($"REFUSED by MagLoop's lot rules (custody on): {Path.GetFileName(path)}: {errors[0]!["detail"]}");
            return;
        }

        using var document = JsonDocument.Parse(json);
        var context = document.RootElement.TryGetProperty("@context", out var c) ? JsonNode.Parse(c.GetRawText()) : null;
        var captured = EventHash.Events(document.RootElement);
        Assert.Equal(captured.Count, all.Count);
        foreach (var e in captured)
        {
            // What was captured, as the store keeps it: the document's @context travels with the event, and an event
            // without eventID is named by its CBV 2.0 event hash.
            var expected = (JsonObject)JsonNode.Parse(e.GetRawText())!;
            // The capture interface ignores a recordTime the client sends (EPCIS 2.0 section 7.4.1): the repository's is returned.
            var sentRecordTime = expected["recordTime"]?.GetValue<string>();
            expected.Remove("recordTime");
            if (!expected.ContainsKey("@context") && context is not null) expected["@context"] = context.DeepClone();
            var id = expected["eventID"]?.GetValue<string>() ?? EventHash.Of(EventHash.PreHash(e, document.RootElement.TryGetProperty("@context", out var dc) ? dc : null));
            expected["eventID"] = id;
            var (one, events) = await Http.Events(client, "/events/" + Uri.EscapeDataString(id));
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            var back = Assert.Single(events)!.AsObject();
            Assert.True(back.Remove("recordTime", out var recordTime), "a queried event carries its recordTime");
            Assert.NotEqual(sentRecordTime, recordTime!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(Sorted(expected), Sorted(back)), $"captured {Sorted(expected)!.ToJsonString()}\nreturned {Sorted(back)!.ToJsonString()}");
        }

        // Whatever the mode, the ledger verifies and the projections hold only what custody events produced.
        using var store = TraceStore.OpenReadOnly(host.Database);
        var verified = store.Verify();
        Assert.True(verified.Intact, verified.Reason);
        if (custodyOff) Assert.Empty(store.Context.Lots);
    }

    /// <summary>The JSON with object members in ordinal order (member order carries no meaning in JSON-LD).</summary>
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Every_invalid_document_is_refused_with_problem_details_naming_event_and_field_and_nothing_is_stored(string backend, string file)
    {
        await using var host = await Host.Start(backend, CustodyOff);
        using var client = host.Client();
        var json = await File.ReadAllTextAsync(Path.Combine(Standards.Root, "conformance", "openepcis", "invalid", file));
        var response = await client.PostAsync("/capture", Http.Body(json));
        var problem = await Http.Problem(response, 400, "epcisException:ValidationException");
        var errors = problem["errors"]!.AsArray();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e!["field"]!.GetValue<string>())));
        if (!file.StartsWith("EPCISDocument_", StringComparison.Ordinal)) Assert.Contains(errors, e => e!["eventIndex"] is not null);
        var (_, events) = await Http.Events(client, "/events");
        Assert.Empty(events);
    }
}
