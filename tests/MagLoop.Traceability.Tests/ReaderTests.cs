using MagLoop.Traceability.Epcis;

namespace MagLoop.Traceability.Tests;

public sealed class ReaderTests
{
    private static string Document(string eventJson, string context = "{\"magloop\": \"https://ns.magloop.dev/epcis/\"}") =>
        "{\"@context\": [\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\", " + context + "], " +
        "\"type\": \"EPCISDocument\", \"schemaVersion\": \"2.0\", \"creationDate\": \"2026-03-02T08:00:00Z\", " +
        "\"epcisBody\": {\"eventList\": [" + eventJson + "]}}";

    private static string Add(string quantity, string ilmd = "{}") =>
        $$"""{"type": "ObjectEvent", "action": "ADD", "eventTime": "2026-03-02T08:00:00Z", "eventTimeZoneOffset": "+00:00", "bizStep": "receiving", "quantityList": [{{quantity}}], "ilmd": {{ilmd}}}""";

    [Theory]
    [InlineData("KGM", 12.5, 12.5)]
    [InlineData("GRM", 12500, 12.5)]
    [InlineData("TNE", 0.0125, 12.5)]
    public void Mass_units_convert_to_kg(string uom, double quantity, double kg)
    {
        var read = EpcisReader.Read(Document(Add($$"""{"epcClass": "urn:epc:class:lgtin:0860000.012345.L1", "quantity": {{quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "uom": "{{uom}}"}""")));
        Assert.Empty(read.Errors);
        Assert.Equal(kg, Assert.Single(read.Events[0].Created).MassKg, 9);
    }

    [Fact]
    public void A_quantity_without_a_mass_unit_is_an_error_at_its_field()
    {
        var read = EpcisReader.Read(Document(Add("""{"epcClass": "urn:epc:class:lgtin:0860000.012345.L1", "quantity": 3}""")));
        var error = Assert.Single(read.Errors);
        Assert.Equal("quantityList[0].uom", error.Field);
    }

    [Fact]
    public void Instance_ids_are_not_lots()
    {
        var read = EpcisReader.Read(Document(Add("""{"epcClass": "urn:epc:id:sgtin:0860000.012345.7", "quantity": 3, "uom": "KGM"}""")));
        Assert.Contains(read.Errors, e => e.Field == "quantityList[0].epcClass");
    }

    [Fact]
    public void Digital_link_lots_are_accepted()
    {
        var read = EpcisReader.Read(Document(Add("""{"epcClass": "https://id.gs1.org/01/08600000123459/10/L1", "quantity": 3, "uom": "KGM"}""")));
        Assert.Empty(read.Errors);
    }

    [Fact]
    public void Ilmd_is_read_under_any_prefix_bound_to_the_MagLoop_namespace()
    {
        var read = EpcisReader.Read(Document(
            Add("""{"epcClass": "urn:epc:class:lgtin:0860000.012345.L1", "quantity": 3, "uom": "KGM"}""",
                """{"ml:materialClass": "post-consumer", "ml:mined": "AU", "https://ns.magloop.dev/epcis/melted": "JP", "other:note": "kept"}"""),
            "{\"ml\": \"https://ns.magloop.dev/epcis/\", \"other\": \"https://example.org/\"}"));
        Assert.Empty(read.Errors);
        var data = read.Events[0].MasterData;
        Assert.Equal(MaterialClass.PostConsumer, data.MaterialClass);
        Assert.Equal("AU", data.Stages[OriginStage.Mined]);
        Assert.Equal("JP", data.Stages[OriginStage.Melted]);
    }

    [Fact]
    public void A_misspelt_MagLoop_ilmd_field_is_an_error_with_a_suggestion()
    {
        var read = EpcisReader.Read(Document(Add("""{"epcClass": "urn:epc:class:lgtin:0860000.012345.L1", "quantity": 3, "uom": "KGM"}""", """{"magloop:refind": "AU"}""")));
        var error = Assert.Single(read.Errors);
        Assert.Equal("ilmd.magloop:refind", error.Field);
        Assert.Contains("did you mean 'refined'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_country_must_be_an_alpha_2_code()
    {
        var read = EpcisReader.Read(Document(Add("""{"epcClass": "urn:epc:class:lgtin:0860000.012345.L1", "quantity": 3, "uom": "KGM"}""", """{"magloop:mined": "China"}""")));
        Assert.Equal("ilmd.magloop:mined", Assert.Single(read.Errors).Field);
    }

    [Fact]
    public void An_event_without_an_id_is_named_by_its_content_and_key_order_does_not_matter()
    {
        var a = EpcisReader.Read(Document(Add("""{"epcClass": "urn:epc:class:lgtin:0860000.012345.L1", "quantity": 3, "uom": "KGM"}""")));
        var b = EpcisReader.Read(Document(Add("""{"uom": "KGM", "quantity": 3.0, "epcClass": "urn:epc:class:lgtin:0860000.012345.L1"}""")));
        Assert.StartsWith("ni:///sha-256;", a.Events[0].EventId, StringComparison.Ordinal);
        Assert.Equal(a.Events[0].EventId, b.Events[0].EventId);
        Assert.Equal(a.Events[0].ContentHash, b.Events[0].ContentHash);
    }

    [Fact]
    public void Malformed_json_is_located_by_1_based_line_and_character_column()
    {
        // The bad "x" is the 8th character of line 2; "é" is two UTF-8 bytes, so its 0-based byte position is 8.
        var error = Assert.Single(EpcisReader.Read("{\"type\": \"EPCISDocument\",\n  \"é\": x}").Errors);
        Assert.Equal("2:8", error.Field);
        Assert.StartsWith("not JSON: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("QQ")]
    [InlineData("XK")]
    [InlineData("UK")]
    public void An_unassigned_country_code_is_an_error_at_its_field(string country)
    {
        var read = EpcisReader.Read(Document(Add("""{"epcClass": "urn:epc:class:lgtin:0860000.012345.L1", "quantity": 3, "uom": "KGM"}""", $$"""{"magloop:mined": "CN", "magloop:refined": "{{country}}"}""")));
        var error = Assert.Single(read.Errors);
        Assert.Equal((0, "ilmd.magloop:refined"), (error.EventIndex, error.Field));
        Assert.Equal($"'{country}' is not an assigned ISO 3166-1 alpha-2 country code", error.Message);
        Assert.Equal(249, EpcisReader.Countries.Count);
    }

    [Theory]
    [InlineData("2026-01-05 6am")]
    [InlineData("2026-03-02T08:00:00")]
    [InlineData("2026-03-02")]
    [InlineData("Mar 2, 2026 08:00 +00:00")]
    public void An_event_time_that_is_not_rfc_3339_with_an_offset_is_an_error_without_any_schema(string time)
    {
        var json = Add("""{"epcClass": "urn:epc:class:lgtin:0860000.012345.L1", "quantity": 3, "uom": "KGM"}""")
            .Replace("2026-03-02T08:00:00Z", time, StringComparison.Ordinal);
        var error = Assert.Single(EpcisReader.Read(Document(json)).Errors);
        Assert.Equal("eventTime", error.Field);
    }

    [Theory]
    [InlineData("2026-03-02T08:00:00Z")]
    [InlineData("2026-03-02T08:00:00.125+01:00")]
    public void Rfc_3339_event_times_are_read(string time)
    {
        var json = Add("""{"epcClass": "urn:epc:class:lgtin:0860000.012345.L1", "quantity": 3, "uom": "KGM"}""")
            .Replace("2026-03-02T08:00:00Z", time, StringComparison.Ordinal);
        Assert.Empty(EpcisReader.Read(Document(json)).Errors);
    }
}
