using MagLoop.Errors;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;
using MagLoop.TestSupport;

namespace MagLoop.Traceability.Tests;

/// <summary>A clock fixed at a known instant, so custody rules about the future are testable.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// The PostgreSQL row of a backend theory. Without MAGLOOP_TEST_POSTGRES it is reported as skipped, with the reason,
/// rather than passing without running.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresDataAttribute : Xunit.Sdk.DataAttribute
{
    public PostgresDataAttribute()
    {
        if (TestDatabase.PostgresConnection is null)
            Skip = "PostgreSQL: MAGLOOP_TEST_POSTGRES is not set; .ci/run starts a local server and sets it.";
    }

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[TestDatabase.Postgres]];
}

/// <summary>A store on a fresh database of either kind; disposing it removes the database.</summary>
internal sealed class TestDatabase : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ScratchDatabase _scratch;

    private TestDatabase(ScratchDatabase scratch) => _scratch = scratch;

    public TraceDatabase Database => _scratch.Database;

    public string? SqlitePath => Database.SqlitePath;

    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The PostgreSQL connection string of the test server, or null (tests then skip with a printed reason).</summary>
    public static string? PostgresConnection => ScratchDatabase.PostgresAdmin;

    /// <summary>A fresh database, or null when the backend is unavailable (the reason is printed).</summary>
    public static TestDatabase? Create(string backend)
    {
        if (backend == Sqlite)
            return new TestDatabase(ScratchDatabase.Create(postgres: false, "magloop-trace"));
        if (PostgresConnection is null)
        {
            Console.WriteLine("SKIPPED (PostgreSQL): MAGLOOP_TEST_POSTGRES is not set; .ci/run sets it to a local server.");
            return null;
        }

        // Each test gets its own database, so tests stay independent and can run in parallel.
        return new TestDatabase(ScratchDatabase.Create(postgres: true, "magloop_test", pooling: false));
    }

    /// <summary>Runs <paramref name="test"/> on a fresh store holding the constructed plant; returns when the backend is unavailable (reason printed).</summary>
    public static void WithPlant(string backend, Action<TraceStore> test)
    {
        using var db = Create(backend);
        if (db is null) return;
        using var store = db.Open();
        Plant.Capture(store);
        test(store);
    }

    public TraceStore Open(bool schema = true) =>
        TraceStore.Open(Database, new FixedTime(Now), schema ? Schemas.Epcis : null);

    public void Dispose() => _scratch.Dispose();
}

/// <summary>The GS1 schema from ../shared (never copied into the repository).</summary>
internal static class Schemas
{
    private static readonly Lazy<EpcisSchema?> Loaded = new(() =>
    {
        var path = Path.Combine(Repository.Root, "..", "shared", "standards", "epcis", "EPCIS-JSON-Schema.json");
        return File.Exists(path) ? EpcisSchema.Load(path) : null;
    });

    /// <summary>The schema, or null (with a printed reason) when ../shared is absent.</summary>
    public static EpcisSchema? Epcis
    {
        get
        {
            if (Loaded.Value is null) Console.WriteLine("SKIPPED (GS1 schema): ../shared/standards/epcis/EPCIS-JSON-Schema.json not found; schema checks not run.");
            return Loaded.Value;
        }
    }

    public static string EpcisDirectory => Path.Combine(Repository.Root, "..", "shared", "standards", "epcis");
}

internal static class Repository
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return dir.FullName;
            throw new InvalidOperationException("repository root not found");
        }
    }
}

/// <summary>
/// A small constructed plant history with known answers. Sources: scrap A (post-consumer, 1,000 kg, every stage
/// in CN, recovered in US), scrap B (pre-consumer, 500 kg, every stage in JP, recovered in US), fresh NdPr
/// (virgin, 100 kg, mined AU, refined and separated MY). HPMS turns A into 600 kg powder A (+ 390 kg residue) and B
/// into 450 kg powder B; the blend takes 300 kg A + 300 kg B + 100 kg NdPr into 700 kg (melted US), sintered into
/// 680 kg of block (produced US), packed into one shipment. So the block is 3/7 A, 3/7 B, 1/7 NdPr.
/// </summary>
internal static class Plant
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    public const string Hub = "urn:epc:id:sgln:0860000.00001.0";
    public static string Lot(string name) => LotIds.Lgtin("0860000", "012345", name);
    public static readonly string ScrapA = Lot("SCRAP-A");
    public static readonly string ScrapB = Lot("SCRAP-B");
    public static readonly string NdPr = Lot("NDPR-1");
    public static readonly string PowderA = Lot("POWDER-A");
    public static readonly string ResidueA = Lot("RESIDUE-A");
    public static readonly string PowderB = Lot("POWDER-B");
    public static readonly string Blend = Lot("BLEND-1");
    public static readonly string Block = Lot("BLOCK-1");
    public const string Shipment = "urn:epc:id:sscc:0860000.0000000001";

    public static LotMasterData Stages(MaterialClass? materialClass, string? recoveredIn, params (OriginStage Stage, string Country)[] stages) =>
        new(materialClass, stages.ToDictionary(s => s.Stage, s => s.Country), recoveredIn);

    public static LotMasterData AllStages(MaterialClass materialClass, string country, string? recoveredIn) =>
        Stages(materialClass, recoveredIn, Enum.GetValues<OriginStage>().Select(s => (s, country)).ToArray());

    public static string Receipts(LotMasterData? a = null) => new EpcisDocumentBuilder(T0)
        .Create("urn:uuid:00000000-0000-0000-0000-00000000000a", T0, "receiving", Hub, [new(ScrapA, 1000)], a ?? AllStages(MaterialClass.PostConsumer, "CN", "US"))
        .Create("urn:uuid:00000000-0000-0000-0000-00000000000b", T0.AddHours(1), "receiving", Hub, [new(ScrapB, 500)], AllStages(MaterialClass.PreConsumer, "JP", "US"))
        .Create("urn:uuid:00000000-0000-0000-0000-00000000000c", T0.AddHours(2), "receiving", Hub, [new(NdPr, 100)],
            Stages(MaterialClass.Virgin, null, (OriginStage.Mined, "AU"), (OriginStage.Refined, "MY"), (OriginStage.Separated, "MY")))
        .ToJson();

    public static string Production() => new EpcisDocumentBuilder(T0.AddDays(1))
        .Transform("urn:uuid:00000000-0000-0000-0000-00000000001a", T0.AddDays(1), "commissioning", Hub, [new(ScrapA, 1000)], [new(PowderA, 600), new(ResidueA, 390)])
        .Transform("urn:uuid:00000000-0000-0000-0000-00000000001b", T0.AddDays(1).AddHours(8), "commissioning", Hub, [new(ScrapB, 500)], [new(PowderB, 450)])
        .Transform("urn:uuid:00000000-0000-0000-0000-00000000001c", T0.AddDays(2), "commissioning", Hub, [new(PowderA, 300), new(PowderB, 300), new(NdPr, 100)], [new(Blend, 700)],
            Stages(null, null, (OriginStage.Melted, "US")))
        .Transform("urn:uuid:00000000-0000-0000-0000-00000000001d", T0.AddDays(3), "commissioning", Hub, [new(Blend, 700)], [new(Block, 680)],
            Stages(null, null, (OriginStage.Produced, "US")),
            [new Measurement(MagLoopNamespace.RemanenceT, null, 1.32, null), new Measurement(MagLoopNamespace.CoercivityHcjKAm, null, 1050, null)])
        .Pack("urn:uuid:00000000-0000-0000-0000-00000000001e", T0.AddDays(4), Hub, Shipment, [new(Block, 680)])
        .ToJson();

    public static void Capture(TraceStore store, LotMasterData? a = null)
    {
        store.Capture("receipts.jsonld", Receipts(a));
        store.Capture("production.jsonld", Production());
    }
}

/// <summary>Asserts that a refused capture leaves the store as it was.</summary>
internal static class Rejection
{
    /// <summary>What the store holds, compared before and after a rejected capture (both databases).</summary>
    public static string Snapshot(TraceStore store)
    {
        var c = store.Context;
        var events = string.Join("\n", c.Events.AsNoTracking().OrderBy(e => e.Seq).AsEnumerable().Select(e => e.ChainHashHex));
        var lots = string.Join("\n", c.Lots.AsNoTracking().OrderBy(l => l.Lot).AsEnumerable().Select(l => $"{l.Lot}:{l.MassKg}"));
        return $"{events}|{lots}|{c.LotEvents.Count()}|{c.Links.Count()}|{c.Measurements.Count()}";
    }

    /// <summary>
    /// Runs <paramref name="capture"/> on a store holding the constructed plant; asserts that it throws a user error
    /// (returned) and leaves the store unchanged (and a SQLite file byte for byte); null when the backend is unavailable.
    /// </summary>
    public static UserError? AssertUnchanged(string backend, Action<TraceStore> capture, int busyTimeoutSeconds = 30)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return null;
        byte[]? before = null;
        string snapshot;
        using (var store = db.Open())
        {
            Plant.Capture(store);
            snapshot = Snapshot(store);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (db.SqlitePath is { } path) before = File.ReadAllBytes(path);
        UserError rejected;
        using (var store = TraceStore.Open(db.Database with { BusyTimeoutSeconds = busyTimeoutSeconds }, new FixedTime(TestDatabase.Now), Schemas.Epcis))
        {
            rejected = Assert.ThrowsAny<UserError>(() => capture(store));
            Assert.Equal(snapshot, Snapshot(store));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (db.SqlitePath is { } p) Assert.Equal(before, File.ReadAllBytes(p));
        return rejected;
    }
}
