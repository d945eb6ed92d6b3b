using MagLoop.Traceability.Storage;

namespace MagLoop.TestSupport;

/// <summary>The check most capture tests end with: the ledger verifies, and holds exactly the events they stored.</summary>
internal static class LedgerAssert
{
    /// <summary>Asserts that <paramref name="store"/> verifies intact with <paramref name="events"/> events.</summary>
    public static void Intact(TraceStore store, long events)
    {
        var verify = store.Verify();
        Assert.True(verify.Intact, verify.Reason);
        Assert.Equal(events, verify.Events);
    }
}
