using System.Text.Json;
using MagLoop.Traceability.Epcis;

namespace MagLoop.Traceability.Tests;

/// <summary>MagLoop's own standard checks (no GS1 schema file) against the openepcis conformance documents.</summary>
public sealed class ConformanceTests
{
    private static string Folder(string kind) => Path.Combine(Schemas.EpcisDirectory, "conformance", "openepcis", kind);

    public static TheoryData<string> Documents(string kind)
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(Folder(kind)))
        {
            Console.WriteLine($"SKIPPED (conformance): {Folder(kind)} not found.");
            return data;
        }

        foreach (var file in Directory.GetFiles(Folder(kind), "*.json").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    private static IReadOnlyList<CaptureError> Validate(string kind, string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(kind), file)));
        return EpcisValidator.Validate(document.RootElement);
    }

    [Theory]
    [MemberData(nameof(Documents), "valid")]
    public void Every_valid_document_is_accepted(string file)
    {
        var errors = Validate("valid", file);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Documents), "invalid")]
    public void Every_invalid_document_is_rejected_naming_event_and_field(string file)
    {
        var errors = Validate("invalid", file);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.Field)));
        // A fault inside an event names the event; only the document's own members (such as @context) have none.
        if (!file.StartsWith("EPCISDocument_", StringComparison.Ordinal)) Assert.Contains(errors, e => e.EventIndex is not null);
        Console.WriteLine($"{file}: {string.Join("; ", errors)}");
    }
}
