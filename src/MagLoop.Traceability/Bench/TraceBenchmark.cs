using System.Diagnostics;
using System.Globalization;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;

namespace MagLoop.Traceability.Bench;

/// <summary>Benchmark settings.</summary>
/// <param name="Events">Events in the store (about; whole production units of <see cref="TraceBenchmark.EventsPerUnit"/>).</param>
/// <param name="Queries">Genealogy queries timed.</param>
/// <param name="Seed">Seed of the query targets.</param>
/// <param name="SchemaSampleEvents">Events captured with GS1 schema validation on, to report that rate separately (0: skip).</param>
/// <param name="QueryOnly">Time genealogy on a store an earlier run built, without capturing.</param>
public sealed record TraceBenchOptions(int Events = 1_000_000, int Queries = 200, int Seed = 1, int SchemaSampleEvents = 5_000, bool QueryOnly = false);

/// <summary>Benchmark results.</summary>
/// <param name="Database">Store.</param>
/// <param name="Events">Events captured.</param>
/// <param name="CaptureSeconds">Time spent in capture.</param>
/// <param name="CaptureEventsPerSecond">Capture throughput (custody rules, hashing, writes; no schema validation).</param>
/// <param name="CaptureEventsPerCpuSecond">Events captured per second of this process's CPU time: what one uncontended core would reach (the database server's CPU not counted for PostgreSQL).</param>
/// <param name="SchemaCaptureEventsPerSecond">Capture throughput with GS1 schema validation, on the sample (null when skipped).</param>
/// <param name="AncestorsPerQuery">Ancestors of each queried lot.</param>
/// <param name="GenealogyP50Ms">Median backward-genealogy latency.</param>
/// <param name="GenealogyP99Ms">99th percentile.</param>
public sealed record TraceBenchResult(string Database, long Events, double CaptureSeconds, double CaptureEventsPerSecond, double CaptureEventsPerCpuSecond, double? SchemaCaptureEventsPerSecond,
    int AncestorsPerQuery, double GenealogyP50Ms, double GenealogyP99Ms);

/// <summary>
/// Capture throughput and genealogy latency on a synthetic store of hub production units. One unit: 400 scrap
/// receipts, 400 spoke pre-processing steps, 100 HPMS batches (4 concentrate lots each), 20 NdPr receipts, 20 blends
/// (5 powders + NdPr), 20 sinterings, 20 coatings and one shipment packing the 20 magnet lots: 981 events, and the
/// shipment has 980 ancestors over 7 levels.
/// </summary>
public static class TraceBenchmark
{
    /// <summary>Events per production unit.</summary>
    public const int EventsPerUnit = 981;

    /// <summary>Ancestors of a unit's shipment.</summary>
    public const int AncestorsPerUnit = 980;

    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The shipment id of unit <paramref name="unit"/>.</summary>
    public static string Shipment(int unit) => $"urn:epc:id:sscc:0860000.{unit.ToString("0000000000", CultureInfo.InvariantCulture)}";

    private static string Lot(string item, int unit, int i) => LotIds.Lgtin("0860000", item, string.Create(CultureInfo.InvariantCulture, $"U{unit}-{i}"));

    /// <summary>The EPCIS document of one production unit.</summary>
    public static string Unit(int unit)
    {
        var t = Start.AddMinutes(unit * 10.0);
        var doc = new EpcisDocumentBuilder(t);
        var n = 0;
        string Id() => string.Create(CultureInfo.InvariantCulture, $"urn:uuid:00000000-0000-4000-8000-{unit:000000}{n++:000000}");
        var origin = new LotMasterData(MaterialClass.PostConsumer, new Dictionary<OriginStage, string> { [OriginStage.Melted] = "JP", [OriginStage.Produced] = "JP" }, "US");
        for (var i = 0; i < 400; i++) doc.Create(Id(), t, "receiving", "urn:epc:id:sgln:0860000.00002.0", [new(Lot("010001", unit, i), 100)], origin);
        for (var i = 0; i < 400; i++) doc.Transform(Id(), t.AddSeconds(1), "creating_class_instance", "urn:epc:id:sgln:0860000.00002.0", [new(Lot("010001", unit, i), 100)], [new(Lot("010002", unit, i), 90)]);
        for (var b = 0; b < 100; b++)
            doc.Transform(Id(), t.AddSeconds(2), "creating_class_instance", "urn:epc:id:sgln:0860000.00001.0",
                Enumerable.Range(4 * b, 4).Select(i => new LotQuantity(Lot("010002", unit, i), 90)), [new(Lot("020001", unit, b), 300)]);
        var virgin = new LotMasterData(MaterialClass.Virgin, new Dictionary<OriginStage, string> { [OriginStage.Mined] = "AU", [OriginStage.Refined] = "MY", [OriginStage.Separated] = "MY", [OriginStage.Melted] = "JP" }, null);
        for (var k = 0; k < 20; k++) doc.Create(Id(), t.AddSeconds(3), "receiving", "urn:epc:id:sgln:0860000.00001.0", [new(Lot("030001", unit, k), 200)], virgin);
        for (var k = 0; k < 20; k++)
            doc.Transform(Id(), t.AddSeconds(4), "creating_class_instance", "urn:epc:id:sgln:0860000.00001.0",
                Enumerable.Range(5 * k, 5).Select(b => new LotQuantity(Lot("020001", unit, b), 300)).Append(new(Lot("030001", unit, k), 200)), [new(Lot("040001", unit, k), 1690)]);
        var produced = new LotMasterData(null, new Dictionary<OriginStage, string> { [OriginStage.Produced] = "US" }, null);
        for (var k = 0; k < 20; k++) doc.Transform(Id(), t.AddSeconds(5), "creating_class_instance", "urn:epc:id:sgln:0860000.00001.0", [new(Lot("040001", unit, k), 1690)], [new(Lot("050001", unit, k), 1650)], produced);
        for (var k = 0; k < 20; k++) doc.Transform(Id(), t.AddSeconds(6), "creating_class_instance", "urn:epc:id:sgln:0860000.00001.0", [new(Lot("050001", unit, k), 1650)], [new(Lot("070001", unit, k), 1230)]);
        doc.Pack(Id(), t.AddSeconds(7), "urn:epc:id:sgln:0860000.00001.0", Shipment(unit), Enumerable.Range(0, 20).Select(k => new LotQuantity(Lot("070001", unit, k), 1230)));
        return doc.ToJson();
    }

    /// <summary>Runs the benchmark on an empty store; <paramref name="progress"/> receives one line per stage.</summary>
    public static TraceBenchResult Run(TraceDatabase database, TraceBenchOptions options, EpcisSchema? schema, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var units = Math.Max(1, options.Events / EventsPerUnit);
        var captureWatch = new Stopwatch();
        var cpu = TimeSpan.Zero;
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        long events = 0;
        double? schemaRate = null;
        using (var store = TraceStore.Open(database))
        {
            if (options.QueryOnly)
            {
                events = store.Context.Events.LongCount();
                units = (int)(events / EventsPerUnit);
                if (units == 0) throw new InvalidOperationException($"the benchmark needs a store built by an earlier run; {database} holds no units");
            }
            else if (store.Context.Events.Any()) throw new InvalidOperationException($"the benchmark needs an empty store; {database} holds events");
            for (var u = 0; u < (options.QueryOnly ? 0 : units); u++)
            {
                var json = Unit(u);
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                captureWatch.Start();
                events += store.Capture(string.Create(CultureInfo.InvariantCulture, $"unit-{u}"), json).Appended;
                captureWatch.Stop();
                process.Refresh();
                cpu += process.TotalProcessorTime - cpuBefore;
                if (progress is not null && (u + 1) % 50 == 0)
                    progress(string.Create(CultureInfo.InvariantCulture, $"captured {events:N0} events ({events / captureWatch.Elapsed.TotalSeconds:N0}/s)"));
            }

        }

        if (schema is not null && options.SchemaSampleEvents > 0 && !options.QueryOnly)
        {
            using var store = TraceStore.Open(database, schema: schema);
            var watch = new Stopwatch();
            long sampled = 0;
            for (var u = units; sampled < options.SchemaSampleEvents; u++)
            {
                var json = Unit(u);
                watch.Start();
                sampled += store.Capture("schema-sample", json).Appended;
                watch.Stop();
            }

            schemaRate = sampled / watch.Elapsed.TotalSeconds;
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"with GS1 schema validation: {schemaRate:N0} events/s"));
        }

        var latencies = new List<double>();
        var ancestors = 0;
        using (var store = TraceStore.Open(database))
        {
            var graph = new StoreGraph(store.Context);
            var random = new Random(options.Seed);
            Genealogy.Backward(graph, Shipment(0)); // warm-up: query compilation
            for (var q = 0; q < options.Queries; q++)
            {
                var target = Shipment(random.Next(units));
                var watch = Stopwatch.StartNew();
                var result = Genealogy.Backward(graph, target);
                watch.Stop();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                ancestors = result.Lots.Count;
            }
        }

        latencies.Sort();
        var captured = options.QueryOnly ? 0 : events;
        return new TraceBenchResult(database.ToString(), events, captureWatch.Elapsed.TotalSeconds, captured / Math.Max(1e-9, captureWatch.Elapsed.TotalSeconds), captured / Math.Max(1e-9, cpu.TotalSeconds), schemaRate,
            ancestors, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
