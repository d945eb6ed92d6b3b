using System.Text;
using BenchmarkDotNet.Attributes;
using MagLoop.Traceability.Storage;

namespace MagLoop.Benchmarks;

/// <summary>
/// The writer's part of a capture, per event: <see cref="TraceStore.Append(PreparedCapture, Action{CaptureSummary}?)"/>
/// of a prepared 100-event load-generator document of new lots (the custody rules against the store, the rows, the
/// chain hashes, the commit), into a SQLite store that grows by each document. This is what `magloop serve` does
/// under its write lock, one document at a time, while other requests prepare theirs.
/// </summary>
[MemoryDiagnoser]
public class AppendBenchmarks
{
    private const int Events = 100;
    private const int DocumentsPerIteration = 20;

    private readonly Queue<PreparedCapture> _prepared = new();
    private TraceStore? _store;
    private string _folder = "";
    private int _run;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("magloop-bench-").FullName;
        _store = TraceStore.Open(TraceDatabase.Sqlite(Path.Combine(_folder, "bench.db")));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Documents of lots not stored yet, prepared outside the measurement (as the server does in each request).</summary>
    [IterationSetup]
    public void PrepareDocuments()
    {
        _prepared.Clear();
        for (var i = 0; i < DocumentsPerIteration; i++)
            _prepared.Enqueue(_store!.Prepare("bench", Encoding.UTF8.GetBytes(LoadGenDocument.Capture(Events, $"append{_run++}"))));
    }

    [Benchmark(OperationsPerInvoke = Events)]
    [InvocationCount(DocumentsPerIteration)]
    public int Append() => _store!.Append(_prepared.Dequeue()).Appended;
}
