using MagLoop.TestSupport;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Tests;

/// <summary>
/// <see cref="WalCheckpointer"/>: the SQLite log copied into the file from a thread of its own while the store is
/// written, the writer's own checkpoint raised to the fallback, the log restarted after a complete checkpoint, and the
/// store whole throughout.
/// </summary>
public sealed class WalCheckpointerTests
{
    private static readonly DateTimeOffset T = Plant.T0.AddDays(10);

    private static string Receipts(int document, int events)
    {
        var builder = new EpcisDocumentBuilder(T);
        for (var i = 0; i < events; i++)
            builder.Create($"urn:uuid:00000000-0000-0000-{document:x4}-{i:x12}", T.AddSeconds(i), "receiving", Plant.Hub, [new(Plant.Lot($"W-{document}-{i}"), 10 + i)]);
        return builder.ToJson();
    }

    [Fact]
    public void A_store_checkpoints_itself_until_a_checkpointer_takes_over()
    {
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        using var store = db.Open();
        Assert.Equal(TraceStore.DefaultCheckpointFrames, store.CheckpointFrames);
        using (var checkpointer = WalCheckpointer.Start(store, TimeSpan.FromHours(1)))
        {
            Assert.NotNull(checkpointer);
            Assert.Equal(WalCheckpointer.WriterFallbackFrames, store.CheckpointFrames);
        }
    }

    [Fact]
    public void The_log_is_copied_while_documents_are_captured_and_the_store_stays_whole()
    {
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        using var store = db.Open();
        using var checkpointer = WalCheckpointer.Start(store, TimeSpan.FromMilliseconds(5))!;
        var documents = 0;
        // Capture until the thread has copied some of the log (bounded: 400 documents of 50 events).
        while (checkpointer.FramesCopied == 0 && documents < 400) store.Capture($"d{documents}", Receipts(documents++, 50));

        Assert.True(checkpointer.FramesCopied > 0, $"no frames copied after {documents} documents and {checkpointer.Passes} checkpoints");
        checkpointer.Dispose();
        var passes = checkpointer.Passes;
        store.Capture("after", Receipts(documents, 50));
        Assert.Equal(passes, checkpointer.Passes);
        LedgerAssert.Intact(store, (documents + 1) * 50);
        Assert.Equal((documents + 1) * 50, store.Context.Lots.AsNoTracking().Count());
    }

    [Fact]
    public void After_a_complete_checkpoint_the_writer_restarts_the_log()
    {
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        using var store = db.Open();
        using var checkpointer = WalCheckpointer.Start(store, TimeSpan.FromHours(1))!;
        for (var d = 0; d < 10; d++) store.Capture($"d{d}", Receipts(d, 50));

        var (log, copied) = checkpointer.CheckpointNow();
        Assert.True(log > 0);
        // No reader holds the log, so the checkpoint copies all of it: the next write starts the log again from its
        // beginning (only a writer does that), and the log does not grow without bound under a steady load.
        Assert.Equal(log, copied);
        store.Capture("small", Receipts(99, 1));
        var (after, _) = checkpointer.CheckpointNow();
        Assert.InRange(after, 1, log - 1);
    }

    [Fact]
    public void Disposing_twice_is_harmless_and_a_postgres_store_needs_none()
    {
        using var db = TestDatabase.Create(TestDatabase.Sqlite)!;
        using var store = db.Open();
        var checkpointer = WalCheckpointer.Start(store, TimeSpan.FromMilliseconds(1))!;
        checkpointer.Dispose();
        checkpointer.Dispose();
        Assert.Throws<ArgumentOutOfRangeException>(() => WalCheckpointer.Start(store, TimeSpan.Zero));
        using var postgres = TestDatabase.Create(TestDatabase.Postgres);
        if (postgres is null) return;
        using var pgStore = postgres.Open();
        Assert.Null(WalCheckpointer.Start(pgStore, TimeSpan.FromSeconds(1)));
    }
}
