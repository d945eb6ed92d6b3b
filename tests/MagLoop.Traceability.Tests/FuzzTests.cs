using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagLoop.Errors;
using MagLoop.Traceability.Storage;

namespace MagLoop.Traceability.Tests;

/// <summary>
/// Seeded random mutations of valid documents, each captured into a store holding the plant's receipts: every one
/// is either captured (and the ledger then verifies and exports as JSON) or refused as a user error with the store
/// unchanged. Nothing else (no other exception) is allowed. Bounded in count; the seed makes a failure repeatable.
/// </summary>
public sealed class FuzzTests
{
    public const int Mutations = 300;

    // Values a crafted document puts where a valid one has something else: numbers beyond a double or a lot,
    // lone surrogates, the wrong JSON kinds, nesting, and near-valid identifiers, units and times.
    private static readonly string[] Tokens =
    [
        "1e400", "-1e309", "1e306", "1e11", "0", "-1", "0.0000001", "12345678901234567890123",
        "\"\\ud800\"", "\"x\\udfffy\"", "\"\"", "\"x\"", "null", "true", "{}", "[]", "[1, {}]", "{\"a\": [[[[{}]]]]}",
        "\"urn:epc:class:lgtin:0860000.012345.SCRAP-A\"", "\"urn:epc:class:lgtin:0860000.012345.NEW\"", "\"KGM\"", "\"TNE\"", "\"GRM\"",
        "\"2026-13-45T99:00:00Z\"", "\"2026-03-04T08:00:00Z\"", "\"2999-01-01T00:00:00Z\"", "\"ADD\"", "\"DELETE\"", "\"OBSERVE\"",
        "\"ObjectEvent\"", "\"AggregationEvent\"", "\"TransformationEvent\"", "\"AssociationEvent\"",
    ];

    private const string Placeholder = "\u0001MUTATION\u0001";

    [Theory]
    [InlineData(TestDatabase.Sqlite, 1)]
    [PostgresData]
    public void Mutated_documents_are_captured_or_refused_with_the_store_unchanged(string backend, int seed = 2)
    {
        var random = new Random(seed);
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using var store = db.Open();
        // Receipts go in without the GS1 schema check (they are valid; only the mutations need every check).
        using var receipts = db.Open(schema: false);
        var (accepted, refused) = (0, 0);
        for (var i = 0; i < Mutations; i++)
        {
            // Fresh lot names and event ids each round, so every mutation meets the custody state the original met.
            receipts.Capture($"receipts-{i}.jsonld", Fresh(Plant.Receipts(), i));
            var mutated = Mutate(Fresh(Plant.Production(), i), random);
            var before = Rejection.Snapshot(store);
            try
            {
                store.Capture($"mutation-{i}.jsonld", mutated);
                accepted++;
                var verdict = store.Verify();
                Assert.True(verdict.Intact, $"mutation {i} (seed {seed}) was captured but the ledger fails verify: {verdict.Reason}\n{Encoding.UTF8.GetString(mutated)}");
                // The whole store exports as JSON (a non-finite mass would make this throw).
                JsonSerializer.Serialize(EventQueries.Run(store.Connection, new EventQuery(null, null, null, null)));
            }
            catch (UserError)
            {
                refused++;
                Assert.True(before == Rejection.Snapshot(store), $"mutation {i} (seed {seed}) was refused but changed the store\n{Encoding.UTF8.GetString(mutated)}");
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"mutation {i} (seed {seed}) threw {e.GetType().Name}: {e.Message}\n{Encoding.UTF8.GetString(mutated)}");
            }
        }

        // The mutations reach both outcomes (a mutator that only broke the syntax would test little).
        Assert.True(accepted > 0 && refused > Mutations / 2, $"accepted {accepted}, refused {refused}");
        Console.WriteLine($"fuzz ({backend}, seed {seed}): {accepted} mutations captured, {refused} refused");
    }

    /// <summary><paramref name="json"/> (a plant document) with its lot names, event ids and shipment made unique to round <paramref name="round"/>.</summary>
    private static string Fresh(string json, int round)
    {
        var tag = round.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var lot in new[] { "SCRAP-", "NDPR-", "POWDER-", "RESIDUE-", "BLEND-", "BLOCK-" })
            json = json.Replace($".{lot}", $".R{tag}{lot}", StringComparison.Ordinal);
        return json.Replace("-0000-0000-0000-", $"-0000-0000-{tag}-", StringComparison.Ordinal)
            .Replace(Plant.Shipment, $"urn:epc:id:sscc:0860000.{round + 1:0000000000}", StringComparison.Ordinal);
    }

    /// <summary>One random mutation of <paramref name="json"/>, as UTF-8 bytes (which need not be valid UTF-8).</summary>
    public static byte[] Mutate(string json, Random random)
    {
        switch (random.Next(6))
        {
            case 0: // a value replaced by a crafted token
            {
                var root = JsonNode.Parse(json)!;
                var values = Nodes(root).Where(n => n.Parent is not null).ToList();
                var target = values[random.Next(values.Count)];
                Replace(target, JsonValue.Create(Placeholder));
                return Encoding.UTF8.GetBytes(root.ToJsonString().Replace(JsonSerializer.Serialize(Placeholder), Tokens[random.Next(Tokens.Length)], StringComparison.Ordinal));
            }
            case 1: // a member removed
            {
                var root = JsonNode.Parse(json)!;
                var objects = Nodes(root).OfType<JsonObject>().Where(o => o.Count > 0).ToList();
                var target = objects[random.Next(objects.Count)];
                target.Remove(target.ElementAt(random.Next(target.Count)).Key);
                return Encoding.UTF8.GetBytes(root.ToJsonString());
            }
            case 2: // a member renamed (a near-miss, or a name holding a lone surrogate)
            {
                var root = JsonNode.Parse(json)!;
                var objects = Nodes(root).OfType<JsonObject>().Where(o => o.Count > 0).ToList();
                var target = objects[random.Next(objects.Count)];
                var (name, value) = target.ElementAt(random.Next(target.Count));
                target.Remove(name);
                var renamed = random.Next(2) == 0 ? name + "x" : name + Placeholder;
                target[renamed] = value;
                return Encoding.UTF8.GetBytes(root.ToJsonString().Replace(JsonSerializer.Serialize(Placeholder)[1..^1], "\\udc00", StringComparison.Ordinal));
            }
            case 3: // an array item repeated
            {
                var root = JsonNode.Parse(json)!;
                var arrays = Nodes(root).OfType<JsonArray>().Where(a => a.Count > 0).ToList();
                var target = arrays[random.Next(arrays.Count)];
                target.Add(target[random.Next(target.Count)]!.DeepClone());
                return Encoding.UTF8.GetBytes(root.ToJsonString());
            }
            case 4: // bytes overwritten with arbitrary values (often invalid UTF-8 or JSON)
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                for (var k = random.Next(1, 4); k > 0; k--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            }
            default: // a span cut out, or the document truncated
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                var start = random.Next(bytes.Length);
                var length = random.Next(2) == 0 ? bytes.Length - start : random.Next(1, Math.Min(40, bytes.Length - start) + 1);
                return bytes[..start].Concat(bytes[(start + length)..]).ToArray();
            }
        }
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children)
            if (child is not null)
                foreach (var n in Nodes(child)) yield return n;
    }

    private static void Replace(JsonNode target, JsonNode replacement)
    {
        switch (target.Parent)
        {
            case JsonObject o:
                o[target.GetPropertyName()] = replacement;
                break;
            case JsonArray a:
                a[target.GetElementIndex()] = replacement;
                break;
        }
    }
}
