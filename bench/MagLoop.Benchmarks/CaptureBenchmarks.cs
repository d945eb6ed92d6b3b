using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;

namespace MagLoop.Benchmarks;

/// <summary>
/// The work `magloop serve` does for a capture document before the writer sees it, per event of magloop-loadgen's
/// 100-event document: GS1's schema (the compiled check), MagLoop's own rules of the standard, the reading into lot
/// events (with their CBV 2.0 hashes), and <see cref="TraceStore.Prepare(string, ReadOnlyMemory{byte}, bool)"/> as a
/// whole (parse, all of these, the stored form and projection rows). Needs ../shared/standards/epcis.
/// </summary>
[MemoryDiagnoser]
public class CaptureBenchmarks
{
    private const int Events = 100;

    private byte[] _utf8 = [];
    private JsonDocument? _document;
    private EpcisSchema? _schema;
    private TraceStore? _store;
    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = Encoding.UTF8.GetBytes(LoadGenDocument.Capture(Events));
        _document = JsonDocument.Parse(_utf8);
        _schema = EpcisSchema.Load(Path.Combine(Repository.Root, "..", "shared", "standards", "epcis", "EPCIS-JSON-Schema.json"));
        if (!_schema.Compiled || _schema.Validate(_document.RootElement).Count > 0) throw new InvalidOperationException("the schema did not compile, or refuses the document");
        _folder = Directory.CreateTempSubdirectory("magloop-bench-").FullName;
        _store = TraceStore.Open(TraceDatabase.Sqlite(Path.Combine(_folder, "bench.db")), schema: _schema);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        _document?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int Schema() => _schema!.Validate(_document!.RootElement).Count;

    [Benchmark(OperationsPerInvoke = Events)]
    public int Standard_rules() => EpcisValidator.Validate(_document!.RootElement).Count;

    [Benchmark(OperationsPerInvoke = Events)]
    public int Read() => EpcisReader.Read(_document!.RootElement).Events.Count;

    [Benchmark(OperationsPerInvoke = Events)]
    public int Prepare() => _store!.Prepare("bench", _utf8).Events.Count;
}
