using System.Text.Json;
using MagLoop.Traceability.Epcis;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Tests;

public sealed class EventHashTests
{
    private static string VectorDirectory => Path.Combine(Schemas.EpcisDirectory, "conformance", "event-hash");

    /// <summary>
    /// Reference files whose pre-hash line does not hash to the expected hash beside it: damaged copies (one is cut
    /// off mid-value, the other has fragments of neighbouring values spliced in, e.g. "epc=httpspc=https://"). Their
    /// hashes are intact: the pre-hash computed here gives exactly those hashes.
    /// </summary>
    private static readonly HashSet<(string File, int Event)> DamagedPreHashes =
    [
        ("epcisDocWithAllGS1Keys", 0),
        ("epcisDocWithDefaultSchemaInContext", 1),
    ];

    /// <summary>
    /// The vector of fields a repository adds on capture was made with the reference generator's list of ignored
    /// repository-specific fields (its changelog: "support for ignoring industry/repository specific fields"); the
    /// standard leaves that list to the parties, so MagLoop's default ignores none and the test passes it.
    /// </summary>
    private static EventHashOptions OptionsFor(string name) => name == "epcisDocHavingEventWithIgnoreFields"
        ? new EventHashOptions(new HashSet<string>(StringComparer.Ordinal) { "https://repository-x.example.com/hash", "https://ns.example.com/epcis/captureID" })
        : EventHashOptions.Default;

    public static TheoryData<string> Vectors()
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(VectorDirectory))
        {
            Console.WriteLine("SKIPPED (event hash): ../shared/standards/epcis/conformance/event-hash not found.");
            return data;
        }

        foreach (var file in Directory.GetFiles(VectorDirectory, "*.jsonld").Order(StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    private static string[] Lines(string path) => File.ReadAllText(path).Split('\n').Where(l => l.Length > 0).ToArray();

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Reference_vectors_are_reproduced(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(VectorDirectory, name + ".jsonld")));
        var preHashes = EventHash.PreHashes(document.RootElement, OptionsFor(name));
        var expected = Lines(Path.Combine(VectorDirectory, name + ".prehashes"));
        var hashes = Lines(Path.Combine(VectorDirectory, name + ".hashes"));
        Assert.Equal(hashes.Length, preHashes.Count);
        Assert.Equal(hashes.Length, expected.Length);
        Assert.Equal(hashes, EventHash.Hashes(document.RootElement, OptionsFor(name)));
        for (var i = 0; i < preHashes.Count; i++)
        {
            Assert.Equal(hashes[i], EventHash.Of(preHashes[i]));
            var consistent = EventHash.Of(expected[i]) == hashes[i];
            Assert.True(consistent != DamagedPreHashes.Contains((name, i)), $"{name} event {i}: the reference pre-hash {(consistent ? "is" : "is not")} consistent with its hash");
            if (consistent) Assert.True(expected[i] == preHashes[i], $"event {i}\nexpected {expected[i]}\nactual   {preHashes[i]}");
        }
    }

    /// <summary>The JSON with every object's members in reverse order (arrays keep theirs: list order can carry meaning).</summary>
    private static System.Text.Json.Nodes.JsonNode? Reversed(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, Reversed(p.Value))).ToList()),
        System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray(a.Select(Reversed).ToArray()),
        null => null,
        _ => System.Text.Json.Nodes.JsonNode.Parse(node.ToJsonString()),
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Every_reference_vector_hashes_the_same_with_every_object_in_reverse_member_order(string name)
    {
        var text = File.ReadAllText(Path.Combine(VectorDirectory, name + ".jsonld"));
        var reversed = Reversed(System.Text.Json.Nodes.JsonNode.Parse(text))!.ToJsonString();
        Assert.NotEqual(text.Replace(" ", "", StringComparison.Ordinal), reversed);
        using var original = JsonDocument.Parse(text);
        using var document = JsonDocument.Parse(reversed);
        var preHashes = EventHash.PreHashes(document.RootElement, OptionsFor(name));
        var expected = EventHash.PreHashes(original.RootElement, OptionsFor(name));
        Assert.Equal(expected.Count, preHashes.Count);
        for (var i = 0; i < expected.Count; i++) Assert.True(expected[i] == preHashes[i], $"event {i}\noriginal {expected[i]}\nreversed {preHashes[i]}");
        Assert.Equal(Lines(Path.Combine(VectorDirectory, name + ".hashes")), preHashes.Select(EventHash.Of).ToList());
    }

    [Fact]
    public void Key_order_spacing_number_spelling_and_EPC_syntax_do_not_change_the_hash()
    {
        const string a = """{"type": "ObjectEvent", "eventTime": "2026-01-05T06:00:00-06:00", "eventTimeZoneOffset": "-06:00", "action": "OBSERVE", "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"], "quantityList": [{"epcClass": "urn:epc:class:lgtin:0860000.012345.A", "quantity": 12.50, "uom": "KGM"}], "bizStep": "shipping"}""";
        const string b = """{"bizStep": "urn:epcglobal:cbv:bizstep:shipping", "quantityList": [{"uom": "KGM", "quantity": 1.25e1, "epcClass": "https://id.gs1.org/01/00860000123457/10/A"}], "epcList": ["https://example.com/01/10614141073464/21/2017"], "action": "OBSERVE", "eventTimeZoneOffset": "-06:00", "eventTime": "2026-01-05T12:00:00.000Z", "type": "ObjectEvent"}""";
        using var x = JsonDocument.Parse(a);
        using var y = JsonDocument.Parse(b);
        Assert.Equal(EventHash.PreHash(x.RootElement, null), EventHash.PreHash(y.RootElement, null));
        using var z = JsonDocument.Parse(a.Replace("12.50", "12.51", StringComparison.Ordinal));
        Assert.NotEqual(EventHash.PreHash(x.RootElement, null), EventHash.PreHash(z.RootElement, null));
    }

    /// <summary>The plant's receipts without eventIDs.</summary>
    private static string AnonymousReceipts() =>
        System.Text.RegularExpressions.Regex.Replace(Plant.Receipts(), @"\s*""eventID"": ""[^""]*"",", "");

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void An_event_without_id_is_stored_under_its_event_hash_and_a_recapture_in_another_spelling_is_recognised(string backend)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using var store = db.Open();
        var json = AnonymousReceipts();
        Assert.DoesNotContain("eventID", json, StringComparison.Ordinal);
        Assert.Equal(3, store.Capture("receipts.jsonld", json).Appended);
        using (var document = JsonDocument.Parse(json))
            Assert.Equal(EventHash.Hashes(document.RootElement), store.Context.Events.AsNoTracking().OrderBy(e => e.Seq).Select(e => e.EventId).ToList());

        // The same events with the bizStep as its CBV web URI: the same hashes, so already stored.
        var respelled = json.Replace("\"receiving\"", "\"https://ref.gs1.org/cbv/BizStep-receiving\"", StringComparison.Ordinal);
        Assert.NotEqual(json, respelled);
        var again = store.Capture("again.jsonld", respelled);
        Assert.Equal((0, 3), (again.Appended, again.Duplicates));
        Assert.Equal(store.Context.Events.AsNoTracking().OrderBy(e => e.Seq).Select(e => e.EventId).ToList(), again.DuplicateEventIds);
        Assert.Equal(3, store.Context.Events.Count());
        Assert.True(store.Verify().Intact);
    }
}
