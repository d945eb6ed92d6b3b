using System.Text.Json;
using CsCheck;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;

namespace MagLoop.Traceability.Tests;

public sealed class EventFormatTests
{
    private const string Context = "[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\",{\"magloop\":\"https://magloop.example/ns/\"}]";

    [Fact]
    public void The_members_the_columns_hold_are_marked_and_restored_exactly()
    {
        var canonical = "{\"@context\":" + Context + ",\"action\":\"ADD\",\"bizStep\":\"receiving\",\"disposition\":\"active\",\"eventID\":\"urn:uuid:1\"," +
                        "\"eventTime\":\"2026-03-02T08:00:00Z\",\"ilmd\":{\"eventID\":\"urn:uuid:1\",\"type\":\"ObjectEvent\"},\"type\":\"ObjectEvent\"}";
        var (body, context) = EventFormat.Compact(canonical, "urn:uuid:1", "ObjectEvent", "ADD", "receiving", "active");
        Assert.Equal(Context, context);
        // Each top-level member became one marker; the nested members that look alike stay as they are.
        Assert.Equal("{\u0001,\u0002,\u0003,\u0004,\u0005,\"eventTime\":\"2026-03-02T08:00:00Z\",\"ilmd\":{\"eventID\":\"urn:uuid:1\",\"type\":\"ObjectEvent\"},\u0006}", body);
        Assert.Equal(canonical, EventFormat.Restore(body, "urn:uuid:1", "ObjectEvent", "ADD", "receiving", "active", context));
    }

    [Theory]
    [InlineData("urn:uuid:1", "urn:uuid:2")] // the eventID column differs from the member: kept in the body
    [InlineData("urn:x:\\\"q\\\"", "urn:x:\"q\"")] // a value the canonical writer escapes: kept in the body
    [InlineData("urn:x:é", "urn:x:é")] // not ASCII: kept (the SQL restore of a migration back puts values unescaped)
    public void A_member_that_would_not_restore_byte_for_byte_stays_in_the_body(string member, string column)
    {
        var canonical = "{\"eventID\":\"" + member + "\",\"type\":\"ObjectEvent\"}";
        var (body, context) = EventFormat.Compact(canonical, column, "ObjectEvent", null, null, null);
        Assert.Null(context);
        Assert.Equal("{\"eventID\":\"" + member + "\",\u0006}", body);
        Assert.Equal(canonical, EventFormat.Restore(body, column, "ObjectEvent", null, null, null, null));
    }

    [Fact]
    public void A_body_marking_a_member_whose_column_is_empty_is_an_edited_row()
    {
        Assert.Throws<InvalidDataException>(() => EventFormat.Restore("{\u0003}", "urn:uuid:1", "ObjectEvent", null, null, null, null));
    }

    [Fact]
    public void Captured_events_are_stored_compact_and_read_back_as_captured()
    {
        TestDatabase.WithPlant(TestDatabase.Sqlite, store =>
        {
            var rows = store.Context.Events.OrderBy(e => e.Seq).ToList();
            Assert.All(rows, e => Assert.DoesNotContain("\"eventID\"", e.Body, StringComparison.Ordinal));
            Assert.All(rows, e => Assert.NotNull(e.Context));
            Assert.All(rows, e => Assert.Contains("\"eventID\":\"" + e.EventId + "\"", e.CanonicalJson, StringComparison.Ordinal));
            Assert.Single(store.Context.Contexts);
            Assert.True(store.Verify().Intact);
        });
    }

    // Values of the marked members (and of others): plain, escaped, non-ASCII, control characters, the markers themselves.
    private static readonly Gen<string> Values = Gen.OneOf(
        Gen.OneOfConst("ADD", "urn:uuid:1", "receiving", "ObjectEvent", "", "x\u0001y", "\u0006", "a\"b", "b\\c", "é", "\ud83d\ude00"),
        Gen.Char["\u0000\u007f"].Array[0, 12].Select(c => new string(c)));

    private static readonly Gen<string> Names = Gen.OneOfConst("@context", "action", "bizStep", "disposition", "eventID", "type", "eventTime", "ilmd", "Action", "@contexts");

    [Fact]
    public void Compact_and_restore_give_back_any_canonical_text_exactly()
    {
        // Random events, their members often the marked ones with or without the column's value; the columns drawn
        // from the same values. Whatever is marked, restoring the body gives back the canonical text byte for byte.
        Gen.Select(Gen.Select(Names, Gen.OneOf(Values.Select(v => (object)v), Values.Array[0, 2].Select(a => (object)a))).Array[0, 8],
                Values.Array[5])
            .Sample((members, columns) =>
            {
                var json = "{" + string.Join(",", members.Select(m => JsonSerializer.Serialize(m.Item1) + ":" + JsonSerializer.Serialize(m.Item2))) + "}";
                using var document = JsonDocument.Parse(json);
                var canonical = Canonical.Of(document.RootElement);
                var (body, context) = EventFormat.Compact(canonical, columns[0], columns[1], columns[2], columns[3], columns[4]);
                return EventFormat.Restore(body, columns[0], columns[1], columns[2], columns[3], columns[4], context) == canonical;
            }, iter: 20_000);
    }
}
