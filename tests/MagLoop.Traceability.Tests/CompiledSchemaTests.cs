using System.Text;
using System.Text.Json;
using MagLoop.Traceability.Epcis;

namespace MagLoop.Traceability.Tests;

/// <summary>
/// The compiled schema check gives JsonSchema.Net's verdict on GS1's EPCIS schema: on every conformance document,
/// example and plant document, and on seeded mutations of them (a mutation is the best probe of the corners where two
/// evaluators could disagree). Were it ever looser, an invalid document would pass the fast path unchecked.
/// </summary>
public sealed class CompiledSchemaTests
{
    [Fact]
    public void Compiled_check_agrees_with_JsonSchema_Net_on_documents_and_mutations()
    {
        var path = Path.Combine(Schemas.EpcisDirectory, "EPCIS-JSON-Schema.json");
        if (!File.Exists(path))
        {
            Console.WriteLine($"SKIPPED (GS1 schema): {path} not found.");
            return;
        }

        var text = File.ReadAllText(path);
        var compiled = CompiledSchema.TryCompile(text);
        Assert.NotNull(compiled);
        var reference = Json.Schema.JsonSchema.FromText(text, new Json.Schema.BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry() });
        var originals = new List<string> { Plant.Receipts(), Plant.Production() };
        foreach (var folder in new[] { "conformance/openepcis/valid", "conformance/openepcis/invalid", "examples" })
        {
            var dir = Path.Combine(Schemas.EpcisDirectory, folder);
            if (Directory.Exists(dir)) originals.AddRange(Directory.GetFiles(dir, "*.json*").Order(StringComparer.Ordinal).Select(File.ReadAllText));
        }

        // Each original again with every character of every name and string escaped (\u0074ype ...): the check reads
        // plain names and values without decoding them into strings, escaped ones through the decoder.
        var escapeAll = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.None) };
        originals.AddRange(originals.ToList().Select(o => System.Text.Json.Nodes.JsonNode.Parse(o)!.ToJsonString(escapeAll)));

        var random = new Random(7);
        var (checkedCount, valid, undecided) = (0, 0, 0);
        foreach (var (json, i) in originals.SelectMany(o => Enumerable.Range(0, 40).Select(k => k == 0 ? Encoding.UTF8.GetBytes(o) : FuzzTests.Mutate(o, random))).Select((b, i) => (b, i)))
        {
            // Capture refuses text that is not sound (invalid UTF-8, lone surrogates, numbers beyond a double) before any schema.
            if (JsonInput.Check(json).Count > 0) continue;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException)
            {
                continue; // not JSON: the schema is never asked
            }

            using (document)
            {
                bool expected;
                try
                {
                    expected = reference.Evaluate(document.RootElement, new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.Flag, RequireFormatValidation = true }).IsValid;
                }
                catch (FormatException)
                {
                    // JsonSchema.Net cannot evaluate it (a number beyond decimal under uniqueItems): no reference verdict,
                    // but capture's schema check must still answer, not throw.
                    _ = Schemas.Epcis!.Validate(document.RootElement);
                    undecided++;
                    continue;
                }

                Assert.True(expected == compiled.IsValid(document.RootElement), $"document {i}: JsonSchema.Net says {(expected ? "valid" : "invalid")}, the compiled check disagrees\n{Encoding.UTF8.GetString(json)}");
                checkedCount++;
                if (expected) valid++;
            }
        }

        // Both verdicts occur often (a probe that only produced invalid documents would test little).
        Assert.True(valid > checkedCount / 10 && valid < checkedCount, $"{valid} of {checkedCount} valid");
        Console.WriteLine($"compiled schema: {checkedCount} documents, {valid} valid, all verdicts equal; {undecided} JsonSchema.Net could not evaluate");
    }

    private const string TwoProperties = """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"boolean"}}}""";

    [Theory]
    // A node with a few properties compares names byte by byte: a name given twice has each value checked, an
    // escaped name is its text, and a longer or shorter name is another name.
    [InlineData("""{"a":"x","b":true}""", true, false)]
    [InlineData("""{"a":"x","a":1}""", false, true)]
    [InlineData("""{"a":1,"a":"x"}""", false, true)]
    [InlineData("""{"\u0061":1}""", false, false)]
    [InlineData("""{"\u0061":"x","\u0062":false}""", true, false)]
    [InlineData("""{"aa":1,"":1,"A":1}""", true, false)]
    [InlineData("""{"b":"no"}""", false, false)]
    public void A_node_with_few_properties_checks_every_member_of_that_name(string instance, bool valid, bool repeatsAName)
    {
        var compiled = CompiledSchema.TryCompile(TwoProperties);
        Assert.NotNull(compiled);
        using var document = JsonDocument.Parse(instance);
        Assert.Equal(valid, compiled.IsValid(document.RootElement));
        // JsonSchema.Net reads a repeated name once (its last value), so it is the reference only without repeats.
        if (repeatsAName) return;
        var reference = Json.Schema.JsonSchema.FromText(TwoProperties, new Json.Schema.BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry() });
        Assert.Equal(valid, reference.Evaluate(document.RootElement).IsValid);
    }
}
