using System.Data.Common;

namespace MagLoop.Traceability.Storage;

/// <summary>Reading <c>events</c> rows with plain SQL (the same text on SQLite and PostgreSQL), with their <c>@context</c>.</summary>
public static class EventRows
{
    /// <summary>The columns <see cref="Read"/> takes, in order, from <c>events</c> joined to <c>contexts</c>; append a WHERE clause.</summary>
    public const string Select =
        "SELECT events.seq, events.event_id, events.kind, events.action, events.event_time_ms, events.record_time_ms, events.biz_step, events.disposition, " +
        "events.body, events.context_id, contexts.json, events.chain_hash, events.custody FROM events LEFT JOIN contexts ON contexts.id = events.context_id";

    /// <summary>The row at the reader (a query that starts with <see cref="Select"/>).</summary>
    public static EventRecord Read(DbDataReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        int? contextId = r.IsDBNull(9) ? null : Convert.ToInt32(r.GetValue(9), System.Globalization.CultureInfo.InvariantCulture);
        return new EventRecord
        {
            Seq = r.GetInt64(0),
            EventId = StoredEventId.Read(r, 1),
            Kind = r.GetString(2),
            Action = Text(3),
            EventTimeUnixMs = r.GetInt64(4),
            RecordTimeUnixMs = r.GetInt64(5),
            BizStep = Text(6),
            Disposition = Text(7),
            Body = r.GetString(8),
            ContextId = contextId,
            Context = contextId is { } id && Text(10) is { } json ? new ContextRecord { Id = id, Json = json } : null,
            ChainHash = r.IsDBNull(11) ? [] : r.GetFieldValue<byte[]>(11),
            Custody = Convert.ToInt32(r.GetValue(12), System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
