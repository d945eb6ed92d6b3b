using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MagLoop.Traceability.Epcis;

namespace MagLoop.Benchmarks;

/// <summary>
/// The CBV 2.0 event hash of an event without eventID (pre-hash, then its SHA-256 id), per event: of a 100-event
/// document as magloop-loadgen sends it by default (50 commissioning ObjectEvents, 50 TransformationEvents, no
/// eventIDs), and of every event of the reference event-hash vectors (sensors, extensions, transactions, CURIEs).
/// Capture_document and Reference_vectors go through the pre-hash string (<see cref="EventHash.Of"/> of
/// <see cref="EventHash.PreHash"/>), so they also run on the code before <see cref="EventHash.Hash"/>, which
/// capture calls now.
/// </summary>
[MemoryDiagnoser]
public class EventHashBenchmarks
{
    /// <summary>Events in the capture document.</summary>
    public const int CaptureEvents = 100;

    /// <summary>Events in the reference vectors (.hashes lines).</summary>
    public const int VectorEvents = 21;

    private JsonDocument[] _documents = [];
    private (JsonElement Event, JsonElement? Context)[] _events = [];

    [GlobalSetup(Targets = [nameof(Capture_document), nameof(Capture_document_hash)])]
    public void SetupCapture() => Load([LoadGenDocument.Capture(CaptureEvents)], CaptureEvents);

    [GlobalSetup(Target = nameof(Reference_vectors))]
    public void SetupVectors() => Load(
        Directory.GetFiles(Path.Combine(Repository.Root, "..", "shared", "standards", "epcis", "conformance", "event-hash"), "*.jsonld")
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray(),
        VectorEvents);

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var d in _documents) d.Dispose();
    }

    [Benchmark(OperationsPerInvoke = CaptureEvents)]
    public int Capture_document() => HashAll();

    /// <summary>As capture names an id-less event now: no pre-hash string.</summary>
    [Benchmark(OperationsPerInvoke = CaptureEvents)]
    public int Capture_document_hash()
    {
        var length = 0;
        foreach (var (e, context) in _events) length += EventHash.Hash(e, context).Length;
        return length;
    }

    [Benchmark(OperationsPerInvoke = VectorEvents)]
    public int Reference_vectors() => HashAll();

    // The pre-hash with the document's @context, then its id.
    private int HashAll()
    {
        var length = 0;
        foreach (var (e, context) in _events) length += EventHash.Of(EventHash.PreHash(e, context)).Length;
        return length;
    }

    private void Load(string[] texts, int expectedEvents)
    {
        _documents = texts.Select(t => JsonDocument.Parse(t)).ToArray();
        _events = _documents
            .SelectMany(d => EventHash.Events(d.RootElement).Select(e => (e, d.RootElement.TryGetProperty("@context", out var c) ? c : (JsonElement?)null)))
            .ToArray();
        if (_events.Length != expectedEvents) throw new InvalidOperationException($"{_events.Length} events, expected {expectedEvents}");
    }
}
