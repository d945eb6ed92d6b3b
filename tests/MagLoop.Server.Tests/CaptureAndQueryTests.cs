using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagLoop.TestSupport;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using static MagLoop.Server.Tests.Documents;

namespace MagLoop.Server.Tests;

/// <summary>Capture jobs, single-event capture, event identity and the standard query parameters, on SQLite and PostgreSQL.</summary>
public sealed class CaptureAndQueryTests
{
    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task Capture_answers_202_with_the_location_of_a_job_that_reports_success(string backend)
    {
        await using var host = await Host.Start(backend);
        using var client = host.Client();
        var (response, job) = await Http.Capture(client, Doc(Add(Lot("A"), 100), Add(Lot("B"), 50)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("/capture/", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.True(job!["success"]!.GetValue<bool>());
        Assert.Equal(2, job["appended"]!.GetValue<int>());
        Assert.Equal("rollback", job["captureErrorBehaviour"]!.GetValue<string>());
        Assert.NotNull(job["finishedAt"]);
        var jobs = JsonNode.Parse(await client.GetStringAsync("/capture"))!.AsArray();
        Assert.Equal(job["captureID"]!.GetValue<string>(), Assert.Single(jobs)!["captureID"]!.GetValue<string>());
        var (_, events) = await Http.Events(client, "/events");
        Assert.Equal(2, events.Count);
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task An_event_without_eventID_is_named_by_its_CBV_event_hash_and_recapturing_it_is_recognised(string backend)
    {
        await using var host = await Host.Start(backend);
        using var client = host.Client();
        var doc = Doc(Add(Lot("A"), 100));
        using (var parsed = JsonDocument.Parse(doc))
        {
            var expectedId = EventHash.Hashes(parsed.RootElement).Single();
            await Http.Capture(client, doc);
            var (_, events) = await Http.Events(client, "/events");
            Assert.Equal(expectedId, Assert.Single(events)!["eventID"]!.GetValue<string>());
        }

        // The same event again, spelled with its members in another order: recognised, not stored twice.
        var reordered = JsonNode.Parse(doc)!;
        var ev = reordered["epcisBody"]!["eventList"]![0]!.AsObject();
        var members = ev.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())).ToList();
        ev.Clear();
        foreach (var (k, v) in members) ev[k] = v;
        var (_, job) = await Http.Capture(client, reordered.ToJsonString());
        Assert.True(job!["success"]!.GetValue<bool>());
        Assert.Equal(0, job["appended"]!.GetValue<int>());
        Assert.Equal(1, job["duplicates"]!.GetValue<int>());
        var single = await client.PostAsync("/events", Http.Body(Add(Lot("A"), 100)));
        await Http.Problem(single, 409, "epcisException:ResourceAlreadyExistsException");
        var (_, after) = await Http.Events(client, "/events");
        Assert.Single(after);
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task Post_events_captures_one_event_and_answers_201_with_its_location(string backend)
    {
        await using var host = await Host.Start(backend);
        using var client = host.Client();
        var response = await client.PostAsync("/events", Http.Body(Add(Lot("A"), 100, id: "urn:uuid:6f8f0b4c-1d0e-4b3a-9a57-3c4a3f3e0001")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/events/urn%3Auuid%3A6f8f0b4c-1d0e-4b3a-9a57-3c4a3f3e0001", response.Headers.Location!.ToString());
        var (one, events) = await Http.Events(client, response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Single(events);
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task A_rejected_capture_changes_nothing_and_its_job_lists_every_error(string backend)
    {
        await using var host = await Host.Start(backend);
        using var client = host.Client();
        await Http.Capture(client, Doc(Add(Lot("A"), 100)));
        // The second transformation consumes what the first already took: the whole document is refused.
        var (_, job) = await Http.Capture(client, Doc(Transform(Lot("A"), 80, Lot("P1"), 78), Transform(Lot("A"), 80, Lot("P2"), 78, time: "2026-03-03T09:00:00Z")));
        Assert.False(job!["success"]!.GetValue<bool>());
        Assert.False(job["running"]!.GetValue<bool>());
        var error = Assert.Single(job["errors"]!.AsArray())!;
        Assert.Equal(1, error["eventIndex"]!.GetValue<int>());
        Assert.Equal("inputQuantityList[0].quantity", error["field"]!.GetValue<string>());
        var (_, events) = await Http.Events(client, "/events");
        Assert.Single(events);
        using var store = TraceStore.OpenReadOnly(host.Database);
        LedgerAssert.Intact(store, 1);
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task The_standard_query_parameters_select_the_events_they_name(string backend)
    {
        await using var host = await Host.Start(backend);
        using var client = host.Client();
        await Http.Capture(client, Doc(
            Add(Lot("A"), 100, time: "2026-03-02T08:00:00Z", bizLocation: Host.Site + ".7"),
            Add(Lot("B"), 50, site: Host.OtherSite, time: "2026-03-02T09:00:00Z", bizStep: "receiving"),
            Transform(Lot("A"), 100, Lot("P"), 98, time: "2026-03-02T10:00:00Z")));

        async Task<string[]> Lots(string query)
        {
            var (response, events) = await Http.Events(client, "/events?" + query);
            Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return events.Select(e => (e!["quantityList"] ?? e["outputQuantityList"])![0]!["epcClass"]!.GetValue<string>()[^1..]).ToArray();
        }

        Assert.Equal(["A", "B"], await Lots("eventType=ObjectEvent"));
        Assert.Equal(["P"], await Lots("eventType=TransformationEvent"));
        Assert.Equal(["B", "P"], await Lots("GE_eventTime=2026-03-02T09:00:00Z"));
        Assert.Equal(["A"], await Lots("LT_eventTime=2026-03-02T09:00:00%2B00:00"));
        Assert.Equal(["B"], await Lots("EQ_bizStep=receiving"));
        Assert.Equal(["B"], await Lots("EQ_bizStep=urn:epcglobal:cbv:bizstep:receiving"));
        Assert.Equal(["A", "B"], await Lots("EQ_disposition=active"));
        Assert.Equal(["B"], await Lots($"EQ_readPoint={Host.OtherSite}.0"));
        Assert.Equal(["A"], await Lots($"EQ_bizLocation={Host.Site}.7"));
        Assert.Equal(["A"], await Lots("EXISTS_bizLocation"));
        Assert.Equal(["A", "P"], await Lots($"MATCH_anyEPCClass={Lot("A")}"));
        Assert.Equal(["A"], await Lots($"MATCH_epcClass={Lot("A")}"));
        Assert.Equal(["P"], await Lots($"MATCH_outputEPCClass={Lot("P")}"));
        Assert.Equal(["A", "B", "P"], await Lots("MATCH_anyEPCClass=urn:epc:class:lgtin:0614141.012345.*"));
        Assert.Equal(["P", "B", "A"], await Lots("orderBy=eventTime"));
        Assert.Equal(["A", "B", "P"], await Lots("orderBy=eventTime&orderDirection=ASC"));
        Assert.Equal(["A", "B"], await Lots("eventCountLimit=2"));
        Assert.Equal(["A"], await Lots("EQ_action=ADD&EQ_bizStep=commissioning"));
        Assert.Equal(["B"], await Lots("GE_quantity=50&LT_quantity=51"));
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task Pages_follow_the_Link_header_and_return_every_event_once(string backend)
    {
        await using var host = await Host.Start(backend);
        using var client = host.Client();
        await Http.Capture(client, Doc(Enumerable.Range(0, 7).Select(i => Add(Lot("L" + i), 10 + i, time: $"2026-03-02T08:0{i}:00Z")).ToArray()));
        var seen = new List<string>();
        var url = "/events?perPage=3&orderBy=eventTime&orderDirection=ASC";
        var pages = 0;
        while (url is not null)
        {
            var (response, events) = await Http.Events(client, url);
            pages++;
            seen.AddRange(events.Select(e => e!["quantityList"]![0]!["epcClass"]!.GetValue<string>()));
            url = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split('>')[0].TrimStart('<') : null;
            // A page fetched again after a capture still continues where it was.
            if (pages == 1) await Http.Capture(client, Doc(Add(Lot("LATE"), 1, time: "2026-03-02T07:00:00Z")));
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => Lot("L" + i)), seen);
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task Discovery_lists_what_the_repository_holds(string backend)
    {
        await using var host = await Host.Start(backend);
        using var client = host.Client();
        await Http.Capture(client, Doc(Add(Lot("A"), 100, bizLocation: Host.Site + ".7"), Add(Lot("B"), 50, site: Host.OtherSite, bizStep: "receiving")));
        async Task<string[]> Members(string path)
        {
            var body = JsonNode.Parse(await client.GetStringAsync(path))!;
            Assert.Equal("Collection", body["type"]!.GetValue<string>());
            return body["member"]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
        }

        Assert.Contains("TransformationEvent", await Members("/eventTypes"));
        Assert.Equal(["commissioning", "receiving"], await Members("/bizSteps"));
        Assert.Equal(["active"], await Members("/dispositions"));
        Assert.Equal([Host.OtherSite + ".0", Host.Site + ".0"], await Members("/readPoints"));
        Assert.Equal([Host.Site + ".7"], await Members("/bizLocations"));
        Assert.Equal(["events"], await Members("/bizSteps/receiving"));
        var (_, events) = await Http.Events(client, "/bizSteps/receiving/events");
        Assert.Single(events);
        var (_, atSite) = await Http.Events(client, "/readPoints/" + Uri.EscapeDataString(Host.Site + ".0") + "/events");
        Assert.Single(atSite);
    }

    [Fact]
    public async Task Every_answer_carries_the_EPCIS_and_CBV_versions_and_capture_discovery_states_the_limits()
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client();
        var options = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/capture"));
        Assert.Equal(HttpStatusCode.NoContent, options.StatusCode);
        Assert.Equal("10000", options.Headers.GetValues("GS1-EPCIS-Capture-Limit").Single());
        Assert.Equal((50L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), options.Headers.GetValues("GS1-EPCIS-Capture-File-Size-Limit").Single());
        foreach (var response in new[] { options, await client.GetAsync("/events"), await client.GetAsync("/events/none") })
        {
            Assert.Equal("2.0.0", response.Headers.GetValues("GS1-EPCIS-Version").Single());
            Assert.Equal("2.0.0", response.Headers.GetValues("GS1-CBV-Version").Single());
        }

        using var ld = new HttpRequestMessage(HttpMethod.Get, "/events");
        ld.Headers.Accept.ParseAdd("application/ld+json");
        Assert.Equal("application/ld+json", (await client.SendAsync(ld)).Content.Headers.ContentType!.MediaType);
        Assert.Equal("application/json", (await client.GetAsync("/events")).Content.Headers.ContentType!.MediaType);
    }
}
