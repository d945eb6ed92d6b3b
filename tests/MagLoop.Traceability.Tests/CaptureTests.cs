using System.Text.Json.Nodes;
using MagLoop.Traceability.Epcis;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Tests;

public sealed class CaptureTests
{
    private static readonly DateTimeOffset T = Plant.T0.AddDays(10);

    private static IReadOnlyList<CaptureError> AssertRejectedUnchanged(string backend, string json) =>
        Rejection.AssertUnchanged(backend, store => store.Capture("bad.jsonld", json)) is CaptureRejectedException rejected ? rejected.Errors : [];

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void A_valid_history_is_captured_in_full(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using var store = db.Open();
        var receipts = store.Capture("r", Plant.Receipts());
        var production = store.Capture("p", Plant.Production());
        Assert.Equal(3, receipts.Appended);
        Assert.Equal(5, production.Appended);
        Assert.Equal(8, store.Context.Events.Count());
        var scrapA = store.Context.Lots.Single(l => l.Lot == Plant.ScrapA);
        Assert.Equal(1000, store.Context.LotEvents.Where(l => l.Lot == Plant.ScrapA && l.Role == 0).Sum(l => l.MassKg));
        Assert.Equal("post-consumer", scrapA.MaterialClass);
        Assert.Equal("CN", scrapA.Mined);
        Assert.Equal(2, store.Context.Measurements.Count());
    }

    /// <summary>
    /// The batch insert leaves a NULL unbound (a cached statement is cleared after each use), so a lot without master
    /// data stored after one with it, by the same statement, holds none of its values; text beyond ASCII is kept.
    /// </summary>
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void A_row_without_a_value_stored_after_one_with_it_holds_null(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using var store = db.Open();
        store.Capture("a", new EpcisDocumentBuilder(T).Create("urn:uuid:00000000-0000-0000-0000-0000000000f1", T, "receiving", Plant.Hub, [new(Plant.ScrapA, 1000)],
            Plant.AllStages(MaterialClass.PostConsumer, "CN", "US")).ToJson());
        // The second event carries text beyond ASCII in an extension field of a declared namespace.
        var second = JsonNode.Parse(new EpcisDocumentBuilder(T).Create("urn:uuid:00000000-0000-0000-0000-0000000000f2", T.AddHours(1), "receiving", Plant.Hub,
            [new(Plant.ScrapB, 500)]).ToJson())!;
        second["@context"]!.AsArray().Add(new JsonObject { ["ex"] = "https://example.org/ns/" });
        second["epcisBody"]!["eventList"]![0]!["ex:note"] = "Schrott \u00e9\u00df \ud83d\ude00";
        store.Capture("b", second.ToJsonString());
        var a = store.Context.Lots.Single(l => l.Lot == Plant.ScrapA);
        var b = store.Context.Lots.Single(l => l.Lot == Plant.ScrapB);
        Assert.Equal(("post-consumer", "CN", "US"), (a.MaterialClass, a.Mined, a.RecoveredIn));
        Assert.Equal((null, null, null, null), (b.MaterialClass, b.Mined, b.Melted, b.RecoveredIn));
        var stored = store.Context.Events.AsEnumerable().Single(e => e.Seq == 2);
        Assert.Contains("\"ex:note\":\"Schrott \u00e9\u00df \\uD83D\\uDE00\"", stored.CanonicalJson, StringComparison.Ordinal);
        Assert.True(store.Verify().Intact);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Re_capturing_identical_events_is_a_no_op(string backend)
    {
        TestDatabase.WithPlant(backend, store =>
        {
            var head = store.Verify().HeadChainHash;
            var again = store.Capture("p-again", Plant.Production());
            Assert.Equal(0, again.Appended);
            Assert.Equal(5, again.Duplicates);
            Assert.Equal(head, store.Verify().HeadChainHash);
        });
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Double_consumption_is_rejected_and_the_store_is_unchanged(string backend)
    {
        // Scrap A was consumed in full by HPMS; a second HPMS batch from it would create material from nothing.
        var json = new EpcisDocumentBuilder(T).Transform("urn:uuid:bad-1", T, "commissioning", Plant.Hub, [new(Plant.ScrapA, 200)], [new(Plant.Lot("POWDER-X"), 150)]).ToJson();
        var errors = AssertRejectedUnchanged(backend, json);
        if (errors.Count == 0) return;
        var error = Assert.Single(errors);
        Assert.Equal(0, error.EventIndex);
        Assert.Equal("inputQuantityList[0].quantity", error.Field);
        Assert.Contains("0 kg unconsumed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void An_unknown_input_lot_is_rejected_and_the_store_is_unchanged(string backend)
    {
        var json = new EpcisDocumentBuilder(T).Transform("urn:uuid:bad-2", T, "commissioning", Plant.Hub, [new(Plant.Lot("NOWHERE"), 10)], [new(Plant.Lot("OUT-2"), 10)]).ToJson();
        var errors = AssertRejectedUnchanged(backend, json);
        if (errors.Count == 0) return;
        Assert.Contains(errors, e => e.Field == "inputQuantityList[0].epcClass" && e.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Outputs_beyond_inputs_and_tolerance_are_rejected_and_the_store_is_unchanged(string backend)
    {
        var json = new EpcisDocumentBuilder(T).Transform("urn:uuid:bad-3", T, "commissioning", Plant.Hub, [new(Plant.PowderA, 100)], [new(Plant.Lot("OUT-3"), 103)]).ToJson();
        var errors = AssertRejectedUnchanged(backend, json);
        if (errors.Count == 0) return;
        Assert.Contains(errors, e => e.Field == "outputQuantityList" && e.Message.Contains("exceed inputs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void An_unknown_unit_is_rejected_and_the_store_is_unchanged(string backend)
    {
        var json = new EpcisDocumentBuilder(T).Transform("urn:uuid:bad-4", T, "commissioning", Plant.Hub, [new(Plant.PowderA, 100)], [new(Plant.Lot("OUT-4"), 90)]).ToJson()
            .Replace("\"uom\": \"KGM\"\n", "\"uom\": \"LBR\"\n", StringComparison.Ordinal);
        var errors = AssertRejectedUnchanged(backend, json);
        if (errors.Count == 0) return;
        Assert.Contains(errors, e => e.Field.EndsWith(".uom", StringComparison.Ordinal) && e.Message.Contains("LBR", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void A_reused_event_id_with_other_content_is_rejected_and_the_store_is_unchanged(string backend)
    {
        var json = new EpcisDocumentBuilder(T).Create("urn:uuid:00000000-0000-0000-0000-00000000000a", T, "receiving", Plant.Hub, [new(Plant.Lot("OTHER"), 5)]).ToJson();
        var errors = AssertRejectedUnchanged(backend, json);
        if (errors.Count == 0) return;
        Assert.Contains(errors, e => e.Field == "eventID" && e.Message.Contains("different content", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite, "urn:x:a\\u0000")]
    [InlineData(TestDatabase.Sqlite, "urn:x:a\\u0007b")]
    [InlineData(TestDatabase.Postgres, "urn:x:a\\u0000")]
    public void An_event_id_with_a_control_character_is_rejected_and_the_store_is_unchanged(string backend, string escapedId)
    {
        if (backend == TestDatabase.Postgres && TestDatabase.PostgresConnection is null) return;
        // A URI holds no control character; the store's compact eventID relies on a NUL-free one.
        var json = new EpcisDocumentBuilder(T).Create("urn:x:placeholder", T, "receiving", Plant.Hub, [new(Plant.Lot("CTRL"), 5)]).ToJson()
            .Replace("urn:x:placeholder", escapedId, StringComparison.Ordinal);
        var errors = AssertRejectedUnchanged(backend, json);
        Assert.Contains(errors, e => e.Field == "eventID" && e.Message.Contains("URI", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Using_a_lot_before_it_existed_is_rejected_and_the_store_is_unchanged(string backend)
    {
        var early = Plant.T0.AddDays(-1);
        var json = new EpcisDocumentBuilder(early).Transform("urn:uuid:bad-6", early, "commissioning", Plant.Hub, [new(Plant.PowderA, 10)], [new(Plant.Lot("OUT-6"), 10)]).ToJson();
        var errors = AssertRejectedUnchanged(backend, json);
        if (errors.Count == 0) return;
        Assert.Contains(errors, e => e.Field == "eventTime" && e.Message.Contains("before lot", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void An_event_in_the_future_is_rejected_and_the_store_is_unchanged(string backend)
    {
        var future = TestDatabase.Now.AddDays(2);
        var json = new EpcisDocumentBuilder(future).Create("urn:uuid:bad-7", future, "receiving", Plant.Hub, [new(Plant.Lot("LATER"), 10)]).ToJson();
        var errors = AssertRejectedUnchanged(backend, json);
        if (errors.Count == 0) return;
        Assert.Contains(errors, e => e.Field == "eventTime" && e.Message.Contains("future", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Re_creating_an_existing_lot_is_rejected_and_the_store_is_unchanged(string backend)
    {
        var json = new EpcisDocumentBuilder(T).Create("urn:uuid:bad-8", T, "receiving", Plant.Hub, [new(Plant.ScrapA, 10)]).ToJson();
        var errors = AssertRejectedUnchanged(backend, json);
        if (errors.Count == 0) return;
        Assert.Contains(errors, e => e.Field == "quantityList[0]" && e.Message.Contains("already exists", StringComparison.Ordinal));
    }

    [Fact]
    public void A_document_with_one_bad_event_is_rejected_whole_with_every_reason()
    {
        TestDatabase.WithPlant(TestDatabase.Sqlite, store =>
        {
            var json = new EpcisDocumentBuilder(T)
                .Create("urn:uuid:good-1", T, "receiving", Plant.Hub, [new(Plant.Lot("GOOD"), 10)])
                .Transform("urn:uuid:bad-9", T, "commissioning", Plant.Hub, [new(Plant.Lot("GOOD"), 20)], [new(Plant.Lot("OUT-9"), 30)])
                .ToJson();
            var rejected = Assert.Throws<CaptureRejectedException>(() => store.Capture("mixed.jsonld", json));
            Assert.Equal(2, rejected.Errors.Count);
            Assert.All(rejected.Errors, e => Assert.Equal(1, e.EventIndex));
            Assert.Contains("mixed.jsonld: event 1 (urn:uuid:bad-9), inputQuantityList[0].quantity", rejected.Message, StringComparison.Ordinal);
            Assert.False(store.Context.Lots.Any(l => l.Lot == Plant.Lot("GOOD")));
        });
    }

    [Fact]
    public void Schema_violations_are_located_by_event_and_field()
    {
        if (Schemas.Epcis is not { } schema) return;
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        using var store = db.Open();
        var json = Plant.Receipts().Replace("\"receiving\"", "\"recycling\"", StringComparison.Ordinal);
        var rejected = Assert.Throws<CaptureRejectedException>(() => store.Capture("r", json));
        Assert.Contains(rejected.Errors, e => e.EventIndex == 0 && e.Field == "/bizStep" && e.Message.StartsWith("GS1 schema", StringComparison.Ordinal));
        Assert.Equal(0, store.Context.Events.Count());
        Assert.NotNull(schema.Path);
    }

    [Fact]
    public void A_bad_event_time_gives_one_schema_reason_from_the_events_own_type()
    {
        if (Schemas.Epcis is not { } schema) return;
        var json = Plant.Receipts().Replace("\"eventTime\": \"", "\"eventTime\": \"x", StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var errors = schema.Validate(document.RootElement);
        Assert.NotEmpty(errors);
        // Only eventTime, of each event: no failed if/anyOf branches (/type, /@context, transformationID, ...).
        Assert.All(errors, e => Assert.Equal(("/eventTime", "GS1 schema: Value does not match format \"date-time\" (format)"), (e.Field, e.Message)));
        Assert.Equal(errors.Count, errors.Select(e => e.EventIndex).Distinct().Count());
    }

    [Fact]
    public void The_GS1_examples_are_schema_valid()
    {
        if (Schemas.Epcis is not { } schema) return;
        foreach (var file in Directory.GetFiles(Path.Combine(Schemas.EpcisDirectory, "examples"), "*.jsonld"))
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
            Assert.True(schema.Validate(json.RootElement).Count == 0, file);
        }
    }
}
