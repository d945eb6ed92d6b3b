using System.Net;
using System.Text.Json.Nodes;
using static MagLoop.Server.Tests.Documents;

namespace MagLoop.Server.Tests;

/// <summary>Named queries (POST/GET/DELETE /queries, GET /queries/{name}/events), stored in the database.</summary>
public sealed class NamedQueryTests
{
    private static StringContent Definition(string name, string query) => Http.Body($$"""{"name":"{{name}}","query":{{query}}}""", "application/json");

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task A_named_query_is_created_listed_read_run_with_paging_and_deleted(string backend)
    {
        await using var host = await Host.Start(backend);
        using var client = host.Client("operator");
        var (_, job) = await Http.Capture(client, Doc(
            Add(Lot("A"), 100, bizStep: "commissioning"), Add(Lot("B"), 50, bizStep: "receiving", time: "2026-03-02T09:00:00Z"),
            Add(Lot("C"), 20, bizStep: "receiving", time: "2026-03-02T10:00:00Z"), Add(Lot("D"), 10, bizStep: "receiving", time: "2026-03-02T11:00:00Z")));
        Assert.True(job!["success"]!.GetValue<bool>());

        var created = await client.PostAsync("/queries", Definition("received", """{"eventType":["ObjectEvent"],"EQ_bizStep":["receiving","shipping"],"GE_eventTime":"2026-03-02T00:00:00Z"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/queries/received", created.Headers.Location!.ToString());

        var list = JsonNode.Parse(await client.GetStringAsync("/queries"))!.AsArray();
        Assert.Equal("received", Assert.Single(list)!["name"]!.GetValue<string>());
        var one = JsonNode.Parse(await client.GetStringAsync("/queries/received"))!;
        Assert.Equal(["receiving", "shipping"], one["query"]!["EQ_bizStep"]!.AsArray().Select(v => v!.GetValue<string>()));

        // Two pages of two, then nothing more; the events are those of the definition.
        var (first, page1) = await Http.Events(client, "/queries/received/events?perPage=2");
        Assert.Equal("received", JsonNode.Parse(await first.Content.ReadAsStringAsync())!["epcisBody"]!["queryResults"]!["queryName"]!.GetValue<string>());
        Assert.Equal(2, page1.Count);
        var next = first.Headers.GetValues("Link").Single();
        Assert.Contains("nextPageToken=", next, StringComparison.Ordinal);
        var url = next[1..next.IndexOf('>', StringComparison.Ordinal)];
        var (second, page2) = await Http.Events(client, url);
        Assert.Single(page2);
        Assert.False(second.Headers.Contains("Link"));
        var lots = page1.Concat(page2).Select(e => e!["quantityList"]![0]!["epcClass"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal([Lot("B"), Lot("C"), Lot("D")], lots);

        // A criterion on the run is refused: the definition holds the criteria.
        await Http.Problem(await client.GetAsync("/queries/received/events?EQ_bizStep=shipping"), 400, "epcisException:QueryParameterException");

        // A name names one query.
        var again = await client.PostAsync("/queries", Definition("received", """{"eventType":["ObjectEvent"]}"""));
        await Http.Problem(again, 409, "epcisException:ResourceAlreadyExistsException");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/queries/received")).StatusCode);
        await Http.Problem(await client.GetAsync("/queries/received"), 404, "epcisException:NoSuchResourceException");
        await Http.Problem(await client.GetAsync("/queries/received/events"), 404, "epcisException:NoSuchResourceException");
        await Http.Problem(await client.DeleteAsync("/queries/received"), 404, "epcisException:NoSuchResourceException");
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync("/queries"))!.AsArray());
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task A_named_query_outlives_the_server_process(string backend)
    {
        await using var host = await Host.Start(backend);
        using (var client = host.Client())
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/queries", Definition("lots", """{"MATCH_anyEPCClass":"urn:epc:class:lgtin:0614141.012345.*"}"""))).StatusCode);
        await using var second = await host.Restart();
        using var other = second.Client("auditor");
        var one = JsonNode.Parse(await other.GetStringAsync("/queries/lots"))!;
        Assert.Equal("urn:epc:class:lgtin:0614141.012345.*", one["query"]!["MATCH_anyEPCClass"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"name":"bad name","query":{}}""", "epcisException:ValidationException", "name")]
    [InlineData("""{"name":"q"}""", "epcisException:ValidationException", "query")]
    [InlineData("""{"name":"q","query":{"EQ_nonsense_":[]}}""", "epcisException:QueryParameterException", "empty list")]
    [InlineData("""{"name":"q","query":{"GE_eventTime":"yesterday"}}""", "epcisException:QueryParameterException", "GE_eventTime")]
    [InlineData("""{"name":"q","query":{"frobnicate":"1"}}""", "epcisException:QueryParameterException", "frobnicate")]
    [InlineData("""{"name":"q","query":{"EQ_bizStep":[{"a":1}]}}""", "epcisException:QueryParameterException", "string or a number")]
    [InlineData("""{"name":"q","query":{"nextPageToken":"x"}}""", "epcisException:QueryParameterException", "nextPageToken")]
    [InlineData("""{"name":"q","query":{},"extra":1}""", "epcisException:ValidationException", "extra")]
    [InlineData("""[1]""", "epcisException:ValidationException", "query definition")]
    public async Task A_bad_definition_is_refused_with_a_located_reason_and_nothing_is_stored(string body, string type, string mentions)
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client();
        var problem = await Http.Problem(await client.PostAsync("/queries", Http.Body(body, "application/json")), 400, type);
        Assert.Contains(mentions, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync("/queries"))!.AsArray());
    }

    [Fact]
    public async Task Only_the_creator_or_an_admin_deletes_a_query_and_an_auditor_creates_none()
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var op = host.Client("operator");
        Assert.Equal(HttpStatusCode.Created, (await op.PostAsync("/queries", Definition("mine", """{"eventType":"ObjectEvent"}"""))).StatusCode);
        using var quality = host.Client("quality");
        await Http.Problem(await quality.DeleteAsync("/queries/mine"), 403, "epcisException:SecurityException");
        using var auditor = host.Client("auditor");
        await Http.Problem(await auditor.PostAsync("/queries", Definition("theirs", """{"eventType":"ObjectEvent"}""")), 403, "epcisException:SecurityException");
        await Http.Problem(await auditor.DeleteAsync("/queries/mine"), 403, "epcisException:SecurityException");
        using var admin = host.Client("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/queries/mine")).StatusCode);
    }
}
