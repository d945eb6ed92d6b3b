using MagLoop.Plants;
using MagLoop.Studies;
using MagLoop.Traceability.Demo;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;

namespace MagLoop.Traceability.Tests;

public sealed class DemoTests
{
    private static readonly Lazy<(MagLoop.Studies.Plant Plant, StudyResult Study)> Hub = new(() =>
    {
        var path = Path.Combine(Repository.Root, "scenarios", "dfw-hub.yaml");
        var plant = Study.Load(path);
        return (plant, Study.Run(plant, path));
    });

    private static IReadOnlyList<DemoDocument> Generate(int days, int seed) =>
        DemoGenerator.Generate(Hub.Value.Plant, Hub.Value.Study, DemoOptions.Default with { Days = days, Seed = seed });

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
    public void Demo_yields_follow_the_scenario_study()
    {
        // The day's sintered block over its blend is the study's sintered-block over blend stream ratio.
        var (_, study) = Hub.Value;
        var expected = study.Streams.First(s => s.Name == StreamId.SinteredBlock.Value).TonnesPerYear / study.Streams.First(s => s.Name == StreamId.Blend.Value).TonnesPerYear;
        var read = EpcisReader.Read(Generate(1, 3)[0].Json);
        var sinter = read.Events.Single(e => e.Created.Any(c => c.Lot.Contains(".050001.", StringComparison.Ordinal)));
        Assert.Equal(expected, sinter.Created[0].MassKg / sinter.Consumed[0].MassKg, 3);
    }

    [Fact]
    public void The_same_seed_gives_the_same_documents()
    {
        Assert.Equal(Generate(2, 5).Select(d => d.Json), Generate(2, 5).Select(d => d.Json));
        Assert.NotEqual(Generate(1, 5)[0].Json, Generate(1, 6)[0].Json);
    }
}
