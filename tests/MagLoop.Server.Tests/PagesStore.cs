using MagLoop.Traceability;
using MagLoop.Traceability.Demo;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;

namespace MagLoop.Server.Tests;

/// <summary>
/// A store holding three days of a two-site demo plant (a spoke receiving end-of-life scrap, the hub with HPMS and the
/// magnet line) and a lot whose id carries markup, with a key per role: operators at the hub and at the spoke.
/// Shared by the page tests of one class (xunit class fixture); disposing it removes the store.
/// </summary>
public sealed class PagesStore : IAsyncLifetime
{
    /// <summary>The demo's sites: GLN order of <see cref="Plant"/>.SiteIds gives location references 00001 and 00002.</summary>
    public const string SpokeSite = "urn:epc:id:sgln:" + DemoGenerator.CompanyPrefix + ".00001";
    public const string HubSite = "urn:epc:id:sgln:" + DemoGenerator.CompanyPrefix + ".00002";

    /// <summary>A lot id with markup in it: every page must show it as text.</summary>
    public static readonly string MarkupLot = LotIds.Lgtin(DemoGenerator.CompanyPrefix, "099999", "<script>alert(1)</script>");

    /// <summary>
    /// Test fixture figures (not model defaults): a spoke feed of post-consumer scrap and a hub feed of pre-consumer
    /// swarf, round yields, three days; enough for genealogies seven steps deep across two sites.
    /// </summary>
    /// <summary>The purchase order named by the event that created <see cref="MarkupLot"/>.</summary>
    public const string CustomerOrder = "urn:epcglobal:cbv:bt:0860000000004:PO-4711";

    private static readonly DemoPlant Plant = new(
        ["spoke", "hub"], "hub", 500,
        [
            new DemoFeed("eol", "spoke", "post-consumer-eol", 400, 0.3, 0.9, 0.8, 0.9),
            new DemoFeed("swarf", "hub", "pre-consumer-swarf", 200, 0.9, 0.95, 0.9, 0.95),
        ],
        500, 0.2, 0.97, 0.85, 0.95, 0.04,
        new Dictionary<string, double> { ["Nd"] = 0.23, ["Pr"] = 0.07, ["Fe"] = 0.66, ["B"] = 0.01, ["Dy"] = 0.03 });

    private readonly bool _kestrel;
    private Host? _host;

    /// <summary>The store served in memory (TestServer), for the tests without a browser.</summary>
    public PagesStore() : this(kestrel: false)
    {
    }

    /// <summary>The store, served on a real local port when <paramref name="kestrel"/> (a browser needs a socket).</summary>
    internal PagesStore(bool kestrel) => _kestrel = kestrel;

    internal Host Host => _host ?? throw new InvalidOperationException("not started");

    /// <summary>Key per caller: operator (hub), operator-spoke, quality, auditor, admin.</summary>
    public IReadOnlyDictionary<string, string> Keys { get; private set; } = new Dictionary<string, string>();

    /// <summary>The roles whose click paths the browser tests walk.</summary>
    public static TheoryData<string> Roles { get; } = ["operator", "quality", "auditor", "admin"];

    public async Task InitializeAsync()
    {
        _host = await Host.Start(Host.Sqlite, o => o with { RequestsPerSecondPerKey = 10_000 }, _kestrel);
        var keys = new Dictionary<string, string>();
        using (var store = TraceStore.Open(_host.Database))
        {
            keys["operator"] = ApiKeys.Create(store.Context, ApiRole.Operator, HubSite, null, TimeProvider.System).Key;
            keys["operator-spoke"] = ApiKeys.Create(store.Context, ApiRole.Operator, SpokeSite, null, TimeProvider.System).Key;
            foreach (var role in new[] { ApiRole.Quality, ApiRole.Auditor, ApiRole.Admin })
                keys[ApiKeys.Name(role)] = ApiKeys.Create(store.Context, role, HubSite, null, TimeProvider.System).Key;
        }

        Keys = keys;
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        using var client = _host.Client();
        foreach (var document in DemoGenerator.Generate(Plant, new DemoOptions(3, 1, start)))
        {
            var (_, job) = await Http.Capture(client, document.Json);
            Assert.True(job!["success"]!.GetValue<bool>(), document.Name + ": " + job.ToJsonString());
        }

        var markup = new EpcisDocumentBuilder(start.AddDays(5))
            .Create("urn:uuid:00000000-0000-0000-0000-00000000beef", start.AddDays(4).AddHours(6), "receiving", HubSite + ".0", [new(MarkupLot, 12.5)],
                new LotMasterData(MaterialClass.PreConsumer, new Dictionary<OriginStage, string> { [OriginStage.Produced] = "US" }, null))
            .ToJson();
        // The customer order the search finds it by.
        var node = System.Text.Json.Nodes.JsonNode.Parse(markup)!;
        node["epcisBody"]!["eventList"]![0]!["bizTransactionList"] = new System.Text.Json.Nodes.JsonArray(
            new System.Text.Json.Nodes.JsonObject { ["type"] = "po", ["bizTransaction"] = CustomerOrder });
        var (_, markupJob) = await Http.Capture(client, node.ToJsonString());
        Assert.True(markupJob!["success"]!.GetValue<bool>(), markupJob.ToJsonString());
    }

    /// <summary>A client sending <paramref name="caller"/>'s key as the sign-in cookie (as a browser does), without following redirects.</summary>
    internal HttpClient Browser(string? caller)
    {
        var client = Host.Server().CreateClient();
        if (caller is not null) client.DefaultRequestHeaders.Add("Cookie", $"magloop_key={Keys[caller]}");
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}
