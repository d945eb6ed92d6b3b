using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagLoop.Traceability;
using MagLoop.Traceability.Demo;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Server.Tests;

/// <summary>Magnet passports (docs/passport.md): schema, figures against the genealogy, tiers, the Digital Link resolver, carbon.</summary>
public sealed class PassportTests
{
    internal static string RepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return Path.Combine([dir.FullName, .. parts]);
        throw new InvalidOperationException("repository root not found");
    }

    /// <summary>The DFW hub study's plan (a trimmed `magloop study --json` of scenarios/dfw-hub.yaml: scenario, products, carbon).</summary>
    internal static PlantPlan Plan { get; } = PlantPlan.Read(RepoFile("tests", "MagLoop.Server.Tests", "plan-dfw-hub.json"));

    private static readonly Lazy<Json.Schema.JsonSchema> Schema = new(() =>
        Json.Schema.JsonSchema.FromText(File.ReadAllText(RepoFile("docs", "passport.schema.json")), new Json.Schema.BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry() }));

    // A constructed three-site plant (the server knows no plant model): a hub with its own feed and two spokes, one of pre-consumer rejects.
    internal static readonly DemoPlant DemoHub = new(
        ["hub", "sc-spoke", "nv-spoke"], "hub", 400,
        [
            new DemoFeed("hub-hdd", "hub", "hdd-vcm", 300, 0.05, 0.9, 0.8, 0.85),
            new DemoFeed("sc-ev", "sc-spoke", "ev-rotor", 900, 0.04, 0.9, 0.7, 0.9),
            new DemoFeed("nv-rejects", "nv-spoke", "sintering-reject", 40, 0.98, 1, 1, 0.95),
        ],
        MagnetLineIntakeTonnesPerYear: 60, FreshFraction: 0.15, SinterYield: 0.97, MachiningYield: 0.85, MagnetYield: 0.95, RejectYield: 0.04,
        PowderComposition: new Dictionary<string, double> { ["Nd"] = 0.23, ["Pr"] = 0.07, ["Dy"] = 0.01, ["O"] = 0.004, ["Fe"] = 0.68 });

    /// <summary>A host on a store holding three demo days (captured as `magloop trace capture` does).</summary>
    internal static async Task<Host> Demo(string backend, Func<ServerOptions, ServerOptions>? adjust = null)
    {
        var host = await Host.Start(backend, o => adjust is null ? o with { Plan = Plan } : adjust(o with { Plan = Plan }));
        using var store = TraceStore.Open(host.Database);
        foreach (var document in DemoGenerator.Generate(DemoHub, DemoOptions.Default with { Days = 3, Seed = 4 }))
            store.Capture(document.Name, document.Json);
        return host;
    }

    /// <summary>Every lot packed into a shipment or named by a shipping event.</summary>
    internal static List<string> ShippedLots(TraceDatabase database)
    {
        using var db = database.CreateContext(readOnly: true);
        var events = db.Events.AsNoTracking().Select(e => new { e.Seq, e.Kind, e.BizStep }).ToDictionary(e => e.Seq);
        return db.LotEvents.AsNoTracking().ToList()
            .Where(l => (l.Role == 0 && events[l.EventSeq].Kind == "AggregationEvent") || (l.Role == 2 && events[l.EventSeq].BizStep == "shipping"))
            .Select(l => l.Lot).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    internal static async Task<JsonObject> Get(HttpClient client, string url, string accept = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return (JsonObject)JsonNode.Parse(text)!;
    }

    internal static string PassportUrl(string lot) => $"/passports/{Uri.EscapeDataString(lot)}";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task Every_shipped_demo_lot_has_a_passport_valid_against_the_schema_at_every_tier(string backend)
    {
        await using var host = await Demo(backend);
        var shipped = ShippedLots(host.Database);
        // Three days: three magnet lots packed at the hub, and the spokes' concentrates shipped to it.
        Assert.True(shipped.Count >= 5, $"only {shipped.Count} shipped lots");
        foreach (var role in new string?[] { null, "operator", "quality", "auditor", "admin" })
        {
            using var client = host.Client(role);
            foreach (var lot in shipped)
            {
                var passport = await Get(client, PassportUrl(lot));
                using var doc = JsonDocument.Parse(passport.ToJsonString());
                var result = Schema.Value.Evaluate(doc.RootElement, new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List, RequireFormatValidation = true });
                Assert.True(result.IsValid, $"{lot} ({role ?? "no key"}): " + string.Join("; ", (result.Details ?? []).Where(d => !d.IsValid && d.Errors is not null)
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10)));
            }
        }
    }

    [Fact]
    public async Task A_lot_never_shipped_has_no_passport_and_an_unknown_lot_neither()
    {
        await using var host = await Demo(Host.Sqlite);
        using var client = host.Client(null);
        var blend = LotIds.Lgtin(DemoGenerator.CompanyPrefix, "040001", "20260105");
        var body = await Http.Problem(await client.GetAsync(PassportUrl(blend)), 404, "epcisException:NoSuchResourceException");
        Assert.Contains("has not been shipped", body["detail"]!.GetValue<string>());
        await Http.Problem(await client.GetAsync(PassportUrl("urn:epc:class:lgtin:0860000.070001.NOPE")), 404, "epcisException:NoSuchResourceException");
    }

    [Fact]
    public async Task Recycled_content_and_origins_equal_the_genealogy_for_every_shipped_demo_lot()
    {
        await using var host = await Demo(Host.Sqlite);
        using var client = host.Client("auditor");
        using var store = TraceStore.OpenReadOnly(host.Database);
        var graph = new StoreGraph(store.Context);
        foreach (var lot in ShippedLots(host.Database))
        {
            var passport = await Get(client, PassportUrl(lot));
            var content = RecycledContentQuery.Of(graph, lot);
            var rc = passport["recycledContent"]!;
            Assert.Equal(content.PostConsumerShare, rc["postConsumerShare"]!.GetValue<double>(), 12);
            Assert.Equal(content.PreConsumerShare, rc["preConsumerShare"]!.GetValue<double>(), 12);
            Assert.Equal(content.VirginShare, rc["virginShare"]!.GetValue<double>(), 12);
            Assert.Equal(content.RecycledShare, rc["recycledShare"]!.GetValue<double>(), 12);

            var expected = Genealogy.Backward(graph, lot).Lots.Where(l => l.Source).OrderBy(l => l.Lot, StringComparer.Ordinal).ToList();
            var sources = passport["origin"]!["sources"]!.AsArray().OrderBy(s => s!["lot"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Select(l => l.Lot), sources.Select(s => s!["lot"]!.GetValue<string>()));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Share, sources[i]!["share"]!.GetValue<double>(), 12);
                Assert.Equal(expected[i].Kg, sources[i]!["kg"]!.GetValue<double>(), 9);
                var info = graph.Lot(expected[i].Lot)!;
                Assert.Equal(info.MasterData.MaterialClass is { } c ? MaterialClasses.Name(c) : null, sources[i]!["materialClass"]?.GetValue<string>());
                Assert.Equal(info.MasterData.Stages.Count, sources[i]!["stages"]!.AsObject().Count);
            }

            foreach (var verdict in passport["compliance"]!.AsArray())
            {
                var rule = ComplianceRule.Find(verdict!["rule"]!.GetValue<string>())!;
                var policy = Names.ParsePolicy(verdict["recycledPolicy"]!.GetValue<string>())!.Value;
                Assert.Equal(Names.Of(ComplianceCheck.Evaluate(graph, lot, rule, policy).Verdict), verdict["verdict"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task Demo_magnets_name_fresh_NdPr_as_the_unassayed_part_of_their_neodymium()
    {
        await using var host = await Demo(Host.Sqlite);
        using var client = host.Client(null);
        var magnets = LotIds.Lgtin(DemoGenerator.CompanyPrefix, "070001", "20260106");
        var nd = (await Get(client, PassportUrl(magnets)))["recycledContent"]!["byElement"]!.AsArray().Single(e => e!["element"]!.GetValue<string>() == "Nd")!;
        // The demo's NdPr receipts carry no assay: the share of neodymium that is recycled is not known, and the passport says so.
        Assert.False(nd["determined"]!.GetValue<bool>());
        Assert.Null(nd["postConsumerShare"]);
        Assert.True(nd.AsObject().ContainsKey("postConsumerShare"));
        Assert.Contains(nd["unassayedSources"]!.AsArray(), s => s!.GetValue<string>().Contains(".030001.NDPR-", StringComparison.Ordinal));
        var b = (await Get(client, PassportUrl(magnets)))["recycledContent"]!["byElement"]!.AsArray().Single(e => e!["element"]!.GetValue<string>() == "B")!;
        Assert.StartsWith("not in the data", b["note"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private const string Here = Host.Site + ".0";

    private static string Lot(string name) => LotIds.Lgtin("0614141", "012345", name);

    private static Measurement Assay(string element, double fraction) => new(MagLoopNamespace.MassFraction, $"https://pubchem.ncbi.nlm.nih.gov/element/{element}", fraction, null);

    private static LotMasterData Origin(MaterialClass c, string country) => new(c, Enum.GetValues<OriginStage>().ToDictionary(s => s, _ => country), "US");

    /// <summary>
    /// Post-consumer scrap A and pre-consumer scrap B, each to an assayed powder; virgin NdPr certified by an assay on
    /// its melting; a blend of 300 kg A, 300 kg B and 100 kg NdPr pressed into a 390 kg block, packed. Each
    /// transformation records its electricity (and the sintering its argon) when <paramref name="energy"/> is set.
    /// </summary>
    private static string AssayedPlant(bool energy)
    {
        List<Measurement> Energy(double kwh, double argonKg = 0) => !energy ? [] :
            argonKg > 0 ? [new(MagLoopNamespace.ElectricityKWh, null, kwh, null), new(MagLoopNamespace.ArgonKg, null, argonKg, null)] : [new(MagLoopNamespace.ElectricityKWh, null, kwh, null)];
        return new EpcisDocumentBuilder(T0)
            .Create("urn:uuid:00000000-0000-0000-0000-0000000000b1", T0, "receiving", Here, [new(Lot("SCRAPA"), 400)], Origin(MaterialClass.PostConsumer, "JP"))
            .Create("urn:uuid:00000000-0000-0000-0000-0000000000b2", T0, "receiving", Here, [new(Lot("SCRAPB"), 400)], Origin(MaterialClass.PreConsumer, "US"))
            .Create("urn:uuid:00000000-0000-0000-0000-0000000000b3", T0, "receiving", Here, [new(Lot("NDPR"), 100)], new LotMasterData(MaterialClass.Virgin,
                Enum.GetValues<OriginStage>().ToDictionary(s => s, _ => "AU"), null))
            .Transform("urn:uuid:00000000-0000-0000-0000-0000000000b4", T0.AddHours(1), "creating_class_instance", Here, [new(Lot("SCRAPA"), 400)],
                [new(Lot("POWDERA"), 300), new(Lot("RESIDUEA"), 100)], measurements: [Assay("Nd", 0.30), Assay("Pr", 0.06), .. Energy(40)])
            .Transform("urn:uuid:00000000-0000-0000-0000-0000000000b5", T0.AddHours(1), "creating_class_instance", Here, [new(Lot("SCRAPB"), 400)],
                [new(Lot("POWDERB"), 300), new(Lot("RESIDUEB"), 100)], measurements: [Assay("Nd", 0.20), Assay("Pr", 0.05), .. Energy(40)])
            .Transform("urn:uuid:00000000-0000-0000-0000-0000000000b6", T0.AddHours(2), "creating_class_instance", Here, [new(Lot("NDPR"), 100)], [new(Lot("NDPRCERT"), 100)],
                measurements: [Assay("Nd", 0.75), Assay("Pr", 0.25), .. Energy(5)])
            .Transform("urn:uuid:00000000-0000-0000-0000-0000000000b7", T0.AddHours(3), "creating_class_instance", Here,
                [new(Lot("POWDERA"), 300), new(Lot("POWDERB"), 300), new(Lot("NDPRCERT"), 100)], [new(Lot("BLOCK"), 390)],
                new LotMasterData(null, new Dictionary<OriginStage, string> { [OriginStage.Produced] = "US" }, null), [.. Energy(700, argonKg: 35)])
            .Pack("urn:uuid:00000000-0000-0000-0000-0000000000b8", T0.AddHours(4), Here, "urn:epc:id:sscc:0614141.0000000001", [new(Lot("BLOCK"), 390)])
            .ToJson();
    }

    private static async Task<Host> Assayed(bool energy, PlantPlan? plan)
    {
        var host = await Host.Start(Host.Sqlite, o => o with { Plan = plan });
        using var client = host.Client();
        var (_, job) = await Http.Capture(client, AssayedPlant(energy));
        Assert.True(job!["success"]!.GetValue<bool>(), job.ToJsonString());
        return host;
    }

    [Fact]
    public async Task Element_shares_follow_the_assays_through_the_genealogy()
    {
        await using var host = await Assayed(energy: false, Plan);
        using var client = host.Client("quality");
        var passport = await Get(client, PassportUrl(Lot("BLOCK")));
        JsonNode Element(string symbol) => passport["recycledContent"]!["byElement"]!.AsArray().Single(e => e!["element"]!.GetValue<string>() == symbol)!;
        // Nd per kg of blend: 300/700 x 0.30 (A, post-consumer) + 300/700 x 0.20 (B, pre-consumer) + 100/700 x 0.75 (virgin) = 90 + 60 + 75 over 700.
        var nd = Element("Nd");
        Assert.True(nd["determined"]!.GetValue<bool>());
        Assert.Equal(90.0 / 225, nd["postConsumerShare"]!.GetValue<double>(), 12);
        Assert.Equal(60.0 / 225, nd["preConsumerShare"]!.GetValue<double>(), 12);
        Assert.Equal(150.0 / 225, nd["recycledShare"]!.GetValue<double>(), 12);
        // Pr: 18 + 15 + 25 = 58.
        Assert.Equal(18.0 / 58, Element("Pr")["postConsumerShare"]!.GetValue<double>(), 12);
        // By mass the block is 3/7 post-consumer: neodymium is less recycled than the mass, because the NdPr is rich in it.
        Assert.Equal(3.0 / 7, passport["recycledContent"]!["postConsumerShare"]!.GetValue<double>(), 12);
        var measuredNd = passport["composition"]!["measured"]!.AsArray().Single(e => e!["element"]!.GetValue<string>() == "Nd")!;
        Assert.Equal(225.0 / 700, measuredNd["massFraction"]!.GetValue<double>(), 12);
        Assert.Equal(3, measuredNd["assayEvents"]!.AsArray().Count);
        // Dy was never assayed.
        Assert.False(Element("Dy")["determined"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Tiers_show_what_the_role_may_see()
    {
        await using var host = await Assayed(energy: false, Plan);
        var url = PassportUrl(Lot("BLOCK"));
        var open = await Get(host.Client(null), url);
        Assert.Equal("public", open["tier"]!.GetValue<string>());
        foreach (var hidden in new[] { "custody", "origin", "composition", "magneticProperties", "responsibleOperator", "handling" })
        {
            Assert.Null(open[hidden]);
            Assert.Contains(open["withheld"]!.AsArray(), w => w!.GetValue<string>() == hidden);
        }

        Assert.All(open["compliance"]!.AsArray(), v => Assert.Null(v!["offending"]));
        Assert.NotNull(open["recycledContent"]);
        Assert.NotNull(open["carbon"]);

        var recycler = await Get(host.Client("operator"), url);
        Assert.Equal("recycler", recycler["tier"]!.GetValue<string>());
        Assert.Null(recycler["custody"]);
        Assert.NotNull(recycler["origin"]);
        Assert.Equal(["custody"], recycler["withheld"]!.AsArray().Select(w => w!.GetValue<string>()));

        var auditor = await Get(host.Client("auditor"), url);
        Assert.Equal("authority", auditor["tier"]!.GetValue<string>());
        Assert.Empty(auditor["withheld"]!.AsArray());
        // The custody chain is every event behind the block, with the ledger's own hashes.
        using var db = host.Database.CreateContext(readOnly: true);
        var stored = db.Events.AsNoTracking().OrderBy(e => e.Seq).ToList();
        var chain = auditor["custody"]!["events"]!.AsArray();
        Assert.Equal(stored.Select(e => (e.EventId, Canonical.Sha256Hex(e.CanonicalJson), e.ChainHashHex)),
            chain.Select(e => (e!["eventId"]!.GetValue<string>(), e["contentHash"]!.GetValue<string>(), e["chainHash"]!.GetValue<string>())));
        Assert.Equal(stored[^1].ChainHashHex, auditor["custody"]!["headChainHash"]!.GetValue<string>());

        // A key sent to a public route is still checked; the other routes still need one.
        var bad = host.Client(null);
        bad.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "mlk_nope_nope");
        await Http.Problem(await bad.GetAsync(url), 401, "epcisException:SecurityException");
        await Http.Problem(await host.Client(null).GetAsync($"/lots/{Uri.EscapeDataString(Lot("BLOCK"))}"), 401, "epcisException:SecurityException");
    }

    [Fact]
    public async Task Carbon_is_as_made_from_the_energy_records_with_the_study_factors()
    {
        await using var host = await Assayed(energy: true, Plan);
        var carbon = (await Get(host.Client(null), PassportUrl(Lot("BLOCK"))))["carbon"]!;
        Assert.Equal("as-made", carbon["method"]!.GetValue<string>());
        Assert.Equal(4, carbon["transformationsWithEnergy"]!.GetValue<int>());
        var grid = Plan.ElectricityKgCo2ePerKWh!.Value;
        var argon = Plan.GasKgCo2ePerKg["argonKg"];
        var fresh = Plan.FreshRareEarthKgCo2ePerKg!.Value;
        // Powder A and B: 40 kWh over 400 kg of outputs, of which the block holds 300/700 each (per kg of block, 390 kg of it
        // holding 390 x 3/7 kg of powder A): per kg of block 40 x grid x (3/7) / 400 each. NdPr: 5 kWh x (1/7) / 100.
        // Sintering: (700 kWh x grid + 35 kg argon x factor) / 390. Fresh rare earth: the virgin share 1/7 x factor.
        var expected = 2 * 40 * grid * (3.0 / 7) / 400 + 5 * grid * (1.0 / 7) / 100 + (700 * grid + 35 * argon) / 390 + fresh / 7;
        Assert.Equal(expected, carbon["kgCo2ePerKg"]!.GetValue<double>(), 9);
        Assert.Equal(Plan.KgCo2ePerKgMagnet, carbon["planKgCo2ePerKg"]!.GetValue<double>(), 12);
    }

    [Fact]
    public async Task Carbon_falls_back_on_the_plan_and_says_so_without_one()
    {
        await using (var planned = await Assayed(energy: false, Plan))
        {
            var carbon = (await Get(planned.Client(null), PassportUrl(Lot("BLOCK"))))["carbon"]!;
            Assert.Equal("plan", carbon["method"]!.GetValue<string>());
            Assert.Equal(Plan.KgCo2ePerKgMagnet, carbon["kgCo2ePerKg"]!.GetValue<double>(), 12);
            Assert.Contains("0 of the 4 transformations", carbon["basis"]!.GetValue<string>());
        }

        await using var bare = await Assayed(energy: false, plan: null);
        var none = (await Get(bare.Client(null), PassportUrl(Lot("BLOCK"))))["carbon"]!;
        Assert.Equal("not-available", none["method"]!.GetValue<string>());
        Assert.True(none.AsObject().ContainsKey("kgCo2ePerKg"));
        Assert.Null(none["kgCo2ePerKg"]);
        Assert.StartsWith("not in the data", none["basis"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Digital_Link_resolves_to_the_passport_and_its_linkset()
    {
        await using var host = await Assayed(energy: false, Plan);
        using var client = host.Client(null);
        var gtin = DigitalLink.Canonical(Lot("BLOCK"))!.Split('/')[4];
        var link = $"/01/{gtin}/10/BLOCK";

        var passport = await Get(client, link);
        Assert.Equal(Lot("BLOCK"), passport["lot"]!.GetValue<string>());
        Assert.Equal($"http://localhost{link}", passport["digitalLink"]!.GetValue<string>());

        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(PassportApi.LinksetType));
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PassportApi.LinksetType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(response.Headers.GetValues("Link"), l => l.Contains("rel=\"linkset\"", StringComparison.Ordinal) && l.Contains(PassportApi.LinksetType, StringComparison.Ordinal));
        var linkset = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["linkset"]!.AsArray().Single()!;
        Assert.Equal($"http://localhost{link}", linkset["anchor"]!.GetValue<string>());
        foreach (var rel in new[] { PassportApi.DppLink, PassportApi.TraceabilityLink, PassportApi.CertificationLink })
            Assert.All(linkset[rel]!.AsArray(), t => Assert.StartsWith("http://localhost/", t!["href"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal($"http://localhost{PassportUrl(Lot("BLOCK"))}", linkset[PassportApi.DppLink]![0]!["href"]!.GetValue<string>());

        // A browser gets the page; an unknown batch is a 404.
        using var page = new HttpRequestMessage(HttpMethod.Get, link);
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var html = await client.SendAsync(page);
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h1>Magnet passport</h1>", await html.Content.ReadAsStringAsync());
        await Http.Problem(await client.GetAsync($"/01/{gtin}/10/NOPE"), 404, "epcisException:NoSuchResourceException");

        // What is not a GTIN (letters, a wrong length, a wrong check digit) is a 400 that says so.
        var wrongCheck = gtin[..^1] + (char)('0' + (gtin[^1] - '0' + 1) % 10);
        foreach (var bad in new[] { "abc", "123", gtin + "0", wrongCheck })
            await Http.Problem(await client.GetAsync($"/01/{bad}/10/BLOCK"), 400, "epcisException:QueryParameterException");
    }

    [Fact]
    public async Task Anonymous_callers_are_limited_per_address()
    {
        await using var host = await Host.Start(Host.Sqlite, o => o with { AnonymousRequestsPerSecondPerAddress = 1 });
        using var client = host.Client(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++) statuses.Add((await client.GetAsync(PassportUrl(Lot("NONE")))).StatusCode);
        // A burst of two, then 429 (the clock does not refill a token in the few milliseconds this takes).
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.NotFound, statuses[0]);
        // A key has its own bucket.
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client("auditor").GetAsync(PassportUrl(Lot("NONE")))).StatusCode);
    }

    [Fact]
    public void A_plan_that_is_not_a_study_result_is_a_located_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"magloop-plan-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, "{\n  \"carbon\": {\n    \"kgCo2ePerKgMagnet\": 1,\n  }\n}");
            var syntax = Assert.ThrowsAny<MagLoop.Errors.UserError>(() => PlantPlan.Read(path));
            Assert.Equal(4, syntax.Location!.Line);
            File.WriteAllText(path, "{\"carbon\": {\"kgCo2ePerKgMagnet\": 1}}");
            var field = Assert.ThrowsAny<MagLoop.Errors.UserError>(() => PlantPlan.Read(path));
            Assert.Equal("carbon.kgCo2ePerKgCutBlock", field.Field);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
