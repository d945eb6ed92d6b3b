using MagLoop.Traceability.Demo;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;

namespace MagLoop.Traceability.Tests;

public sealed class DemoTests
{
    // A constructed two-site plant (not a scenario): the core knows no plant model, so its tests state their own.
    private static readonly DemoPlant Small = new(
        ["hub", "spoke"], "hub", 1000,
        [
            new DemoFeed("hub-hdd", "hub", "hdd-vcm", 400, 0.05, 0.9, 0.8, 0.85),
            new DemoFeed("spoke-ev", "spoke", "ev-rotor", 1200, 0.04, 0.9, 0.7, 0.9),
            new DemoFeed("spoke-rejects", "spoke", "sintering-reject", 50, 0.98, 1, 1, 0.95),
        ],
        MagnetLineIntakeTonnesPerYear: 90, FreshFraction: 0.1, SinterYield: 0.97, MachiningYield: 0.85, MagnetYield: 0.95, RejectYield: 0.04,
        PowderComposition: new Dictionary<string, double> { ["Nd"] = 0.23, ["Pr"] = 0.07, ["Dy"] = 0.01, ["O"] = 0.004, ["Fe"] = 0.68 });

    private static IReadOnlyList<DemoDocument> Generate(int days, int seed, DemoPlant? plant = null) =>
        DemoGenerator.Generate(plant ?? Small, DemoOptions.Default with { Days = days, Seed = seed });

    [Fact]
    public void Every_demo_document_is_valid_against_the_GS1_schema()
    {
        if (Schemas.Epcis is not { } schema) return;
        foreach (var document in Generate(3, 7))
        {
            using var json = System.Text.Json.JsonDocument.Parse(document.Json);
            var errors = schema.Validate(json.RootElement);
            Assert.True(errors.Count == 0, $"{document.Name}: {string.Join("; ", errors)}");
        }
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void The_demo_captures_cleanly_and_its_shipments_trace_back_to_scrap_and_NdPr(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using var store = db.Open();
        var documents = Generate(3, 1);
        foreach (var document in documents) Assert.Equal(document.Events, store.Capture(document.Name, document.Json).Appended);
        Assert.True(store.Verify().Intact);
        var graph = new StoreGraph(store.Context);
        var shipment = $"urn:epc:id:sscc:{DemoGenerator.CompanyPrefix}.0000000002";
        var genealogy = Genealogy.Backward(graph, shipment);
        Assert.Equal(1.0, genealogy.Lots.Where(l => l.Source).Sum(l => l.Share), 1e-9);
        var content = RecycledContentQuery.Of(graph, shipment);
        Assert.InRange(content.VirginShare, 0.001, 0.3);
        Assert.True(content.PostConsumerShare > content.PreConsumerShare);
    }

    [Fact]
    public void Demo_yields_follow_the_plant_description()
    {
        // The day's sintered block over its blend is the plant's sinter yield (to the 0.1 kg rounding of lot masses).
        var read = EpcisReader.Read(Generate(1, 3)[0].Json);
        var sinter = read.Events.Single(e => e.Created.Any(c => c.Lot.Contains(".050001.", StringComparison.Ordinal)));
        Assert.Equal(Small.SinterYield, sinter.Created[0].MassKg / sinter.Consumed[0].MassKg, 3);
        var other = EpcisReader.Read(Generate(1, 3, Small with { SinterYield = 0.9 })[0].Json);
        sinter = other.Events.Single(e => e.Created.Any(c => c.Lot.Contains(".050001.", StringComparison.Ordinal)));
        Assert.Equal(0.9, sinter.Created[0].MassKg / sinter.Consumed[0].MassKg, 3);
    }

    [Fact]
    public void An_inconsistent_plant_description_is_refused_naming_the_member()
    {
        var error = Assert.Throws<ArgumentException>(() => Generate(1, 1, Small with { HpmsSiteId = "nowhere" }));
        Assert.Equal(nameof(DemoPlant.HpmsSiteId), error.ParamName);
        error = Assert.Throws<ArgumentException>(() => Generate(1, 1, Small with { FreshFraction = 1 }));
        Assert.Equal(nameof(DemoPlant.FreshFraction), error.ParamName);
    }

    [Fact]
    public void The_same_seed_gives_the_same_documents()
    {
        Assert.Equal(Generate(2, 5).Select(d => d.Json), Generate(2, 5).Select(d => d.Json));
        Assert.NotEqual(Generate(1, 5)[0].Json, Generate(1, 6)[0].Json);
    }
}
