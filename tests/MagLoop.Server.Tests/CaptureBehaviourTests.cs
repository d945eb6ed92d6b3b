using System.Net;
using System.Text.Json.Nodes;
using MagLoop.TestSupport;
using MagLoop.Traceability;
using MagLoop.Traceability.Storage;
using static MagLoop.Server.Tests.Documents;

namespace MagLoop.Server.Tests;

/// <summary>
/// The capture error behaviours of the binding (GS1-Capture-Error-Behaviour: rollback, the default, and proceed), an
/// EPCISQueryDocument as capture input, and many capture jobs in flight at once (the worker appends what is queued
/// as one group commit, a savepoint per job), on SQLite and PostgreSQL.
/// </summary>
public sealed class CaptureBehaviourTests
{
    private static async Task<(HttpResponseMessage Response, JsonObject? Job)> CaptureProceed(HttpClient client, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/capture") { Content = Http.Body(json) };
        request.Headers.Add("GS1-Capture-Error-Behaviour", "proceed");
        var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted) return (response, null);
        return (response, await Poll(client, response.Headers.Location!.ToString()));
    }

    private static async Task<JsonObject> Poll(HttpClient client, string location)
    {
        for (var i = 0; i < 600; i++)
        {
            var job = (JsonObject)JsonNode.Parse(await client.GetStringAsync(location))!;
            if (!job["running"]!.GetValue<bool>()) return job;
            await Task.Delay(50);
        }

        throw new TimeoutException($"capture job {location} still running after 30 s");
    }

    private static void AssertIntact(Host host, long events)
    {
        using var store = TraceStore.OpenReadOnly(host.Database);
        LedgerAssert.Intact(store, events);
    }

    /// <summary>An invalid event (unknown action), one breaking a custody rule (an unknown lot) and two good ones.</summary>
    private static string Mixed() => Doc(
        Add(Lot("A"), 100),
        Add(Lot("X"), 5).Replace("\"action\":\"ADD\"", "\"action\":\"FOO\"", StringComparison.Ordinal),
        Transform(Lot("NEVER"), 10, Lot("P"), 9),
        Add(Lot("B"), 50));

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task Proceed_stores_the_valid_events_and_lists_the_invalid_ones_in_the_job(string backend)
    {
        await using var host = await Host.Start(backend);
        using var client = host.Client();
        var (response, job) = await CaptureProceed(client, Mixed());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("proceed", job!["captureErrorBehaviour"]!.GetValue<string>());
        Assert.False(job["running"]!.GetValue<bool>());
        // The binding's proceed table: not running, not successful = some events captured but errors occurred.
        Assert.False(job["success"]!.GetValue<bool>());
        Assert.Equal(2, job["appended"]!.GetValue<int>());
        var errors = job["errors"]!.AsArray();
        Assert.Equal([1, 2], errors.Select(e => e!["eventIndex"]!.GetValue<int>()).Distinct().Order());
        Assert.Contains(errors, e => e!["field"]!.GetValue<string>() == "action");
        Assert.Contains(errors, e => e!["eventIndex"]!.GetValue<int>() == 2 && e["title"]!.GetValue<string>().Contains("does not exist", StringComparison.Ordinal));
        var (_, events) = await Http.Events(client, "/events");
        Assert.Equal(2, events.Count);
        AssertIntact(host, 2);
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task Proceed_with_no_error_succeeds_and_rollback_still_refuses_the_same_mixed_document_whole(string backend)
    {
        await using var host = await Host.Start(backend);
        using var client = host.Client();
        var (_, good) = await CaptureProceed(client, Doc(Add(Lot("A"), 100), Transform(Lot("A"), 90, Lot("P"), 88)));
        Assert.True(good!["success"]!.GetValue<bool>(), good.ToJsonString());
        Assert.Equal("proceed", good["captureErrorBehaviour"]!.GetValue<string>());
        Assert.Equal(2, good["appended"]!.GetValue<int>());
        // Without the header (rollback) the invalid event refuses the whole document before a job exists.
        var (refused, _) = await Http.Capture(client, Mixed().Replace(Lot("A"), Lot("A2"), StringComparison.Ordinal).Replace(Lot("B"), Lot("B2"), StringComparison.Ordinal));
        await Http.Problem(refused, 400, "epcisException:ValidationException");
        AssertIntact(host, 2);
    }

    [Fact]
    public async Task A_document_level_error_refuses_a_proceed_capture_whole_and_an_unknown_behaviour_is_refused()
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client();
        var (response, _) = await CaptureProceed(client, Doc(Add(Lot("A"), 100)).Replace("\"schemaVersion\":\"2.0\",", "", StringComparison.Ordinal));
        await Http.Problem(response, 400, "epcisException:ValidationException");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/capture") { Content = Http.Body(Doc(Add(Lot("A"), 100))) };
        request.Headers.Add("GS1-Capture-Error-Behaviour", "sometimes");
        await Http.Problem(await client.SendAsync(request), 400, "epcisException:ValidationException");
        var options = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/capture"));
        // `all`: the binding's announcement that both rollback and proceed are supported.
        Assert.Equal("all", options.Headers.GetValues("GS1-Capture-Error-Behaviour").Single());
        AssertIntact(host, 0);
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task The_query_document_of_one_server_is_captured_by_another_with_the_same_events(string backend)
    {
        await using var first = await Host.Start(backend);
        using var a = first.Client();
        var (_, job) = await Http.Capture(a, Doc(Add(Lot("A"), 100), Transform(Lot("A"), 90, Lot("P"), 88)));
        Assert.True(job!["success"]!.GetValue<bool>());
        var answer = await a.GetStringAsync("/events");
        Assert.Equal("EPCISQueryDocument", JsonNode.Parse(answer)!["type"]!.GetValue<string>());

        await using var second = await Host.Start(backend);
        using var b = second.Client();
        var (response, copied) = await Http.Capture(b, answer);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(copied!["success"]!.GetValue<bool>(), copied.ToJsonString());
        Assert.Equal(2, copied["appended"]!.GetValue<int>());
        var (_, original) = await Http.Events(a, "/events");
        var (_, stored) = await Http.Events(b, "/events");
        Assert.Equal(original.Select(e => e!["eventID"]!.GetValue<string>()), stored.Select(e => e!["eventID"]!.GetValue<string>()));
        // The copy was read as lots under the custody rules: P exists with the mass the transformation gave it.
        using var store = TraceStore.OpenReadOnly(second.Database);
        Assert.Equal(88, store.Context.Lots.Single(l => l.Lot == Lot("P")).MassKg);
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task The_conformance_query_document_is_captured_as_its_event_list_with_custody_off(string backend)
    {
        var path = Path.Combine(Standards.Root, "conformance", "event-hash", "epcisQueryDocument.jsonld");
        await using var host = await Host.Start(backend, o => o with { Custody = CustodyOptions.Off });
        using var client = host.Client();
        var json = await File.ReadAllTextAsync(path);
        var expected = JsonNode.Parse(json)!["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray();
        var (response, job) = await Http.Capture(client, json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(job!["success"]!.GetValue<bool>(), job.ToJsonString());
        Assert.Equal(expected.Count, job["appended"]!.GetValue<int>());
        var (_, events) = await Http.Events(client, "/events?perPage=1000");
        Assert.Equal(expected.Select(e => e!["eventID"]!.GetValue<string>()).Order(StringComparer.Ordinal),
            events.Select(e => e!["eventID"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_query_document_without_an_event_list_is_refused()
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client();
        var json = """{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISQueryDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"queryResults":{"queryName":"SimpleEventQuery"}}}""";
        var problem = await Http.Problem((await Http.Capture(client, json)).Response, 400, "epcisException:ValidationException");
        Assert.Contains("eventList", problem.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Sixteen jobs in flight at once (the worker groups what is queued into one transaction, and submissions queued
    /// behind the writer record their jobs in one): the one that breaks a
    /// custody rule fails and changes nothing, every other one is stored whole, and the ledger is intact.
    /// </summary>
    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task Among_many_queued_jobs_a_rejected_one_changes_nothing_and_its_neighbours_are_stored(string backend)
    {
        await using var host = await Host.Start(backend);
        using var client = host.Client();
        const int Jobs = 16;
        const int Bad = 7;
        var documents = Enumerable.Range(0, Jobs).Select(i => i == Bad
            // Consumes more of lot G7 than it creates (a second transformation takes what the first took): refused.
            ? Doc(Add(Lot("G7"), 100), Transform(Lot("G7"), 80, Lot("G7-P1"), 78), Transform(Lot("G7"), 80, Lot("G7-P2"), 78, time: "2026-03-03T09:00:00Z"))
            : Doc(Add(Lot($"G{i}"), 100), Transform(Lot($"G{i}"), 80, Lot($"G{i}-P1"), 78))).ToList();
        var posted = await Task.WhenAll(documents.Select(d => client.PostAsync("/capture", Http.Body(d))));
        Assert.All(posted, p => Assert.Equal(HttpStatusCode.Accepted, p.StatusCode));
        var jobs = await Task.WhenAll(posted.Select(p => Poll(client, p.Headers.Location!.ToString())));
        for (var i = 0; i < Jobs; i++)
        {
            Assert.Equal(i != Bad, jobs[i]["success"]!.GetValue<bool>());
            Assert.Equal(i == Bad ? 0 : 2, jobs[i]["appended"]!.GetValue<int>());
        }

        Assert.Equal(2, Assert.Single(jobs[Bad]["errors"]!.AsArray())!["eventIndex"]!.GetValue<int>());
        var (_, bad) = await Http.Events(client, "/events?MATCH_epcClass=" + Uri.EscapeDataString(Lot("G7")));
        Assert.Empty(bad);
        var (_, all) = await Http.Events(client, "/events?perPage=1000");
        Assert.Equal(2 * (Jobs - 1), all.Count);
        AssertIntact(host, 2 * (Jobs - 1));
    }
}
