using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagLoop.Traceability;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Server.Tests;

/// <summary>The MagLoop lot API (/lots, /ledger/verify): the core's genealogy, content, compliance and verify over HTTP.</summary>
public sealed class LotsApiTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private const string Location = Host.Site + ".0";

    private static string Lot(string name) => LotIds.Lgtin("0614141", "012345", name);

    private static LotMasterData Origin(MaterialClass c, string country, string? recoveredIn) =>
        new(c, Enum.GetValues<OriginStage>().ToDictionary(s => s, _ => country), recoveredIn);

    /// <summary>Post-consumer scrap from China (recovered in the US) and virgin NdPr from Australia, blended into a block.</summary>
    private static string Plant() => new EpcisDocumentBuilder(T0)
        .Create("urn:uuid:00000000-0000-0000-0000-0000000000a1", T0, "receiving", Location, [new(Lot("SCRAP"), 300)], Origin(MaterialClass.PostConsumer, "CN", "US"))
        .Create("urn:uuid:00000000-0000-0000-0000-0000000000a2", T0.AddHours(1), "receiving", Location, [new(Lot("NDPR"), 100)], Origin(MaterialClass.Virgin, "AU", null))
        .Transform("urn:uuid:00000000-0000-0000-0000-0000000000a3", T0.AddDays(1), "commissioning", Location, [new(Lot("SCRAP"), 300), new(Lot("NDPR"), 100)], [new(Lot("BLOCK"), 390)],
            new LotMasterData(null, new Dictionary<OriginStage, string> { [OriginStage.Melted] = "US", [OriginStage.Produced] = "US" }, null))
        .ToJson();

    private static async Task<Host> Started(string backend)
    {
        var host = await Host.Start(backend);
        using var client = host.Client();
        var (_, job) = await Http.Capture(client, Plant());
        Assert.True(job!["success"]!.GetValue<bool>(), job.ToJsonString());
        return host;
    }

    private static async Task<JsonNode> Get(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task The_lot_API_answers_what_the_core_answers(string backend)
    {
        await using var host = await Started(backend);
        using var client = host.Client("auditor");
        var block = Uri.EscapeDataString(Lot("BLOCK"));

        var lot = await Get(client, $"/lots/{Uri.EscapeDataString(Lot("SCRAP"))}");
        Assert.Equal(300, lot["massKg"]!.GetValue<double>());
        Assert.Equal(300, lot["consumedKg"]!.GetValue<double>());
        Assert.Equal(0, lot["availableKg"]!.GetValue<double>());
        Assert.Equal("urn:uuid:00000000-0000-0000-0000-0000000000a1", lot["createdBy"]!.GetValue<string>());
        Assert.Equal("post-consumer", lot["materialClass"]!.GetValue<string>());
        Assert.Equal("CN", lot["stages"]!["mined"]!.GetValue<string>());
        Assert.Equal("US", lot["recoveredIn"]!.GetValue<string>());

        var backward = await Get(client, $"/lots/{block}/genealogy");
        var forward = await Get(client, $"/lots/{Uri.EscapeDataString(Lot("NDPR"))}/genealogy?direction=forward");
        var content = await Get(client, $"/lots/{block}/content");
        var strict = await Get(client, $"/lots/{block}/compliance?rule=dfars-2027");
        var reset = await Get(client, $"/lots/{block}/compliance?rule=dfars-2027&recycledPolicy=reset-at-recycler");
        var verify = await Get(client, "/ledger/verify");

        using var store = TraceStore.OpenReadOnly(host.Database);
        var graph = new StoreGraph(store.Context);
        var sources = backward["lots"]!.AsArray().Where(l => l!["source"]!.GetValue<bool>()).ToList();
        Assert.Equal(1.0, sources.Sum(l => l!["share"]!.GetValue<double>()), 12);
        Assert.Equal(0.75, sources.Single(l => l!["lot"]!.GetValue<string>() == Lot("SCRAP"))!["share"]!.GetValue<double>(), 12);
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(Genealogy.Backward(graph, Lot("BLOCK")).Lots, Web), backward["lots"]));
        Assert.Equal("forward", forward["direction"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(Genealogy.Forward(graph, Lot("NDPR")).Lots, Web), forward["lots"]));
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(RecycledContentQuery.Of(graph, Lot("BLOCK")), Web), content));
        Assert.Equal(0.75, content["postConsumerShare"]!.GetValue<double>(), 12);
        // Mined in China: non-compliant when the recycled input must declare its upstream; reset at the US recycler it is compliant.
        Assert.Equal("non-compliant", strict["verdict"]!.GetValue<string>());
        Assert.Equal("require-upstream", strict["recycledPolicy"]!.GetValue<string>());
        Assert.Equal(Names.Of(ComplianceCheck.Evaluate(graph, Lot("BLOCK"), ComplianceRule.Dfars2027, RecycledPolicy.ResetAtRecycler).Verdict), reset["verdict"]!.GetValue<string>());
        Assert.Equal("compliant", reset["verdict"]!.GetValue<string>());
        Assert.True(verify["intact"]!.GetValue<bool>());
        Assert.Equal(3, verify["events"]!.GetValue<long>());
        Assert.Equal(store.Verify().HeadChainHash, verify["headChainHash"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/lots/urn%3Aepc%3Aclass%3Algtin%3A0614141.012345.NONE", 404, "epcisException:NoSuchResourceException")]
    [InlineData("/lots/urn%3Aepc%3Aclass%3Algtin%3A0614141.012345.NONE/genealogy", 404, "epcisException:NoSuchResourceException")]
    [InlineData("/lots/urn%3Aepc%3Aclass%3Algtin%3A0614141.012345.BLOCK/genealogy?direction=sideways", 400, "epcisException:QueryParameterException")]
    [InlineData("/lots/urn%3Aepc%3Aclass%3Algtin%3A0614141.012345.BLOCK/compliance", 400, "epcisException:QueryParameterException")]
    [InlineData("/lots/urn%3Aepc%3Aclass%3Algtin%3A0614141.012345.BLOCK/compliance?rule=itar", 400, "epcisException:QueryParameterException")]
    [InlineData("/lots/urn%3Aepc%3Aclass%3Algtin%3A0614141.012345.BLOCK/compliance?rule=dfars-2027&recycledPolicy=trust-me", 400, "epcisException:QueryParameterException")]
    [InlineData("/lots/urn%3Aepc%3Aclass%3Algtin%3A0614141.012345.NONE/content", 404, "epcisException:NoSuchResourceException")]
    public async Task A_bad_lot_request_gets_a_problem(string url, int status, string type)
    {
        await using var host = await Started(Host.Sqlite);
        using var client = host.Client("auditor");
        var problem = await Http.Problem(await client.GetAsync(url), status, type);
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
    }

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task Lots_captured_with_custody_off_have_no_lot_record_and_the_ledger_still_verifies(string backend)
    {
        await using var host = await Host.Start(backend, o => o with { Custody = CustodyOptions.Off });
        using var client = host.Client();
        var (_, job) = await Http.Capture(client, Plant());
        Assert.True(job!["success"]!.GetValue<bool>(), job.ToJsonString());
        Assert.Equal(3, (await Http.Events(client, "/events")).Events.Count);
        await Http.Problem(await client.GetAsync($"/lots/{Uri.EscapeDataString(Lot("BLOCK"))}/genealogy"), 404, "epcisException:NoSuchResourceException");
        var verify = await Get(client, "/ledger/verify");
        Assert.True(verify["intact"]!.GetValue<bool>());
        Assert.Equal(3, verify["events"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_tampered_ledger_is_reported_broken_at_its_event()
    {
        await using var host = await Started(Host.Sqlite);
        using (var store = TraceStore.Open(host.Database))
        {
            var connection = store.Context.Database.GetDbConnection();
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER events_no_update; UPDATE events SET body = REPLACE(body, '\"CN\"', '\"JP\"') WHERE seq = 1";
            command.ExecuteNonQuery();
        }

        using var client = host.Client("auditor");
        var verify = await Get(client, "/ledger/verify");
        Assert.False(verify["intact"]!.GetValue<bool>());
        Assert.Equal(1, verify["firstBadSeq"]!.GetValue<long>());
        Assert.Equal("urn:uuid:00000000-0000-0000-0000-0000000000a1", verify["firstBadEventId"]!.GetValue<string>());
    }
}
