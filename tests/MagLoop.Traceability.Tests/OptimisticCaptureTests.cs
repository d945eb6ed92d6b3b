using System.Text;
using MagLoop.TestSupport;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Tests;

/// <summary>
/// The writer's first pass does not look up the document's eventIDs in the store; the unique eventID index, or any
/// custody finding, sends the document to the full pass. These cases reach the index: the event already stored is an
/// observation, which the custody rules accept as new, so only the index can tell.
/// </summary>
public sealed class OptimisticCaptureTests
{
    private static readonly DateTimeOffset T = Plant.T0.AddDays(10);
    private static readonly string Lot = Plant.Lot("OBSERVED-1");

    private static EpcisDocumentBuilder Received() =>
        new EpcisDocumentBuilder(T).Create("urn:uuid:opt-create", T, "receiving", Plant.Hub, [new(Lot, 500)]);

    private static EpcisDocumentBuilder Inspected(EpcisDocumentBuilder builder, string id, int minutes) =>
        builder.Observe(id, T.AddMinutes(minutes), "inspecting", "active", Plant.Hub, [new(Lot, 500)]);

    /// <summary>The stored observation sent again, then a new one.</summary>
    private static readonly string Again = Inspected(Inspected(new EpcisDocumentBuilder(T), "urn:uuid:opt-seen", 1), "urn:uuid:opt-new", 2).ToJson();

    /// <summary>Runs <paramref name="test"/> on a store holding a lot and one observation of it (urn:uuid:opt-seen).</summary>
    private static void WithSeen(string backend, Action<TraceStore> test)
    {
        using var db = TestDatabase.Create(backend);
        if (db is null) return;
        using var store = db.Open();
        Assert.Equal(2, store.Capture("first", Inspected(Received(), "urn:uuid:opt-seen", 1).ToJson()).Appended);
        test(store);
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite, false)]
    [InlineData(TestDatabase.Sqlite, true)]
    [PostgresData]
    public void A_stored_observation_sent_again_is_recognised_and_its_neighbours_are_stored(string backend, bool grouped = false)
    {
        WithSeen(backend, store =>
        {
            var summary = grouped
                ? store.AppendGroup([store.Prepare("empty", Encoding.UTF8.GetBytes(new EpcisDocumentBuilder(T).ToJson())), store.Prepare("again", Encoding.UTF8.GetBytes(Again))])[1].Summary!
                : store.Capture("again", Again);

            Assert.Equal((1, 1), (summary.Appended, summary.Duplicates));
            Assert.Equal(["urn:uuid:opt-seen"], summary.DuplicateEventIds);
            Assert.Equal(["urn:uuid:opt-create", "urn:uuid:opt-seen", "urn:uuid:opt-new"],
                store.Context.Events.AsNoTracking().OrderBy(e => e.Seq).Select(e => e.EventId).ToList());
            LedgerAssert.Intact(store, 3);
        });
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void Under_proceed_a_stored_observation_is_a_duplicate_not_an_error(string backend)
    {
        WithSeen(backend, store =>
        {
            var summary = store.Append(store.Prepare("again", Encoding.UTF8.GetBytes(Again), proceed: true));

            Assert.Equal((1, 1), (summary.Appended, summary.Duplicates));
            Assert.Empty(summary.Errors);
        });
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [PostgresData]
    public void A_stored_eventID_with_other_content_is_refused_and_nothing_is_stored(string backend)
    {
        WithSeen(backend, store =>
        {
            var head = store.Verify().HeadChainHash;
            // The same eventID at another time, beside a new event: the document is refused whole.
            var json = Inspected(Inspected(new EpcisDocumentBuilder(T), "urn:uuid:opt-new", 2), "urn:uuid:opt-seen", 3).ToJson();

            var refused = Assert.Throws<CaptureRejectedException>(() => store.Capture("other", json));

            var error = Assert.Single(refused.Errors);
            Assert.Equal((1, "eventID"), (error.EventIndex, error.Field));
            Assert.Contains("different content", error.Message, StringComparison.Ordinal);
            Assert.Equal(head, store.Verify().HeadChainHash);
            Assert.Equal(2, store.Context.Events.AsNoTracking().Count());
        });
    }
}
