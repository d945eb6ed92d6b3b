using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Traceability.Storage;

/// <summary>
/// The lot graph read from the store's projections. A closure is one recursive SQL query (the same text on SQLite
/// and PostgreSQL), so a genealogy costs two round trips (the lot, then its closure) whatever its depth.
/// </summary>
public sealed class StoreGraph : ILotGraph
{
    private const string LotColumns = "lots.lot, lots.created_seq, lots.mass_kg, lots.material_class, lots.mined, lots.refined, lots.separated, lots.melted, lots.produced, lots.recovered_in";
    private readonly DbConnection _connection;

    /// <summary>A graph on the context's connection (opened if needed).</summary>
    public StoreGraph(TraceDbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Database.OpenConnection();
        _connection = context.Database.GetDbConnection();
    }

    /// <summary>A graph on an open connection (<see cref="TraceStore.Connection"/>).</summary>
    public StoreGraph(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <inheritdoc />
    public LotInfo? Lot(string lot)
    {
        using var command = Command($"SELECT {LotColumns} FROM lots WHERE lots.lot = @lot", lot);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadLot(reader) : null;
    }

    /// <inheritdoc />
    public LotClosure Closure(string lot, GenealogyDirection direction)
    {
        var (near, far) = direction == GenealogyDirection.Backward ? ("to_lot", "from_lot") : ("from_lot", "to_lot");
        // "reach CROSS JOIN table WHERE": SQLite then walks the (small) closure and probes the indexed table, instead
        // of scanning a million-row table against the closure; PostgreSQL reads it as an ordinary join.
        var closure = $"WITH RECURSIVE reach(lot) AS (SELECT CAST(@lot AS TEXT) UNION SELECT links.{far} FROM reach CROSS JOIN links WHERE links.{near} = reach.lot) ";
        var links = new List<LotLink>();
        var lots = new Dictionary<string, LotInfo>(StringComparer.Ordinal);
        // One pass: each link of the closure with the lot at its far end (the queried lot itself comes from Lot()).
        using var command = Command(closure + $"SELECT {LotColumns}, links.to_lot, links.from_lot, links.fraction FROM reach CROSS JOIN links CROSS JOIN lots " +
            $"WHERE links.{near} = reach.lot AND lots.lot = links.{far}", lot);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            links.Add(new LotLink(reader.GetString(10), reader.GetString(11), reader.GetDouble(12)));
            if (!lots.ContainsKey(reader.GetString(0))) lots[reader.GetString(0)] = ReadLot(reader);
        }

        return new LotClosure(links, lots);
    }

    private DbCommand Command(string sql, string lot)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("@lot", lot);
        return command;
    }

    private static LotInfo ReadLot(DbDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var stages = new Dictionary<OriginStage, string>();
        foreach (var (stage, column) in new[] { (OriginStage.Mined, 4), (OriginStage.Refined, 5), (OriginStage.Separated, 6), (OriginStage.Melted, 7), (OriginStage.Produced, 8) })
            if (Text(column) is { } country) stages[stage] = country;
        return new LotInfo(r.GetString(0), r.GetInt64(1), r.GetDouble(2), new LotMasterData(MaterialClasses.Parse(Text(3)), stages, Text(9)));
    }
}

/// <summary>An EPCIS-style event query: every given criterion must hold.</summary>
/// <param name="EpcClass">Events that name this lot (in any quantity list), or null.</param>
/// <param name="BizStep">Events with this bizStep (short CBV name, URN or GS1 URI form all match), or null.</param>
/// <param name="From">eventTime at or after, or null.</param>
/// <param name="To">eventTime before, or null.</param>
/// <param name="Limit">Most events returned.</param>
public sealed record EventQuery(string? EpcClass = null, string? BizStep = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Limit = 10_000);

/// <summary>A lot quantity of an event.</summary>
/// <param name="Lot">Lot id.</param>
/// <param name="Role"><c>input</c>, <c>output</c> or <c>observed</c>.</param>
/// <param name="Kg">Mass.</param>
public sealed record EventLot(string Lot, string Role, double Kg);

/// <summary>An event as the query lists it.</summary>
/// <param name="Seq">Ledger position.</param>
/// <param name="EventId">eventID.</param>
/// <param name="Type">Event type.</param>
/// <param name="Action">Action, if any.</param>
/// <param name="EventTime">eventTime (UTC).</param>
/// <param name="BizStep">bizStep as captured.</param>
/// <param name="Disposition">disposition as captured.</param>
/// <param name="Lots">Lot quantities.</param>
public sealed record EventSummary(long Seq, string EventId, string Type, string? Action, DateTimeOffset EventTime, string? BizStep, string? Disposition, IReadOnlyList<EventLot> Lots);

/// <summary>Event queries on the store.</summary>
public static class EventQueries
{
    /// <summary>The CBV spellings of a bizStep: short name, URN and GS1 web URI.</summary>
    public static IReadOnlyList<string> BizStepSpellings(string bizStep)
    {
        ArgumentNullException.ThrowIfNull(bizStep);
        var name = bizStep;
        foreach (var prefix in new[] { "urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-", "https://gs1.org/voc/BizStep-" })
            if (bizStep.StartsWith(prefix, StringComparison.Ordinal)) name = bizStep[prefix.Length..];
        return [name, "urn:epcglobal:cbv:bizstep:" + name, "https://ref.gs1.org/cbv/BizStep-" + name, "https://gs1.org/voc/BizStep-" + name];
    }

    /// <summary>Runs the query, in ledger order, with plain SQL (the same text on SQLite and PostgreSQL) on an open connection.</summary>
    public static IReadOnlyList<EventSummary> Run(DbConnection connection, EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        using var command = connection.CreateCommand();
        var where = new List<string>();
        void Parameter(string name, object value) => command.AddParameter(name, value);

        if (query.EpcClass is { } lot)
        {
            where.Add("seq IN (SELECT event_seq FROM lot_events WHERE lot = @lot)");
            Parameter("@lot", lot);
        }

        if (query.BizStep is { } step)
        {
            var spellings = BizStepSpellings(step);
            where.Add("biz_step IN (" + string.Join(", ", spellings.Select((_, i) => $"@step{i}")) + ")");
            for (var i = 0; i < spellings.Count; i++) Parameter($"@step{i}", spellings[i]);
        }

        if (query.From is { } from)
        {
            where.Add("event_time_ms >= @from");
            Parameter("@from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            where.Add("event_time_ms < @to");
            Parameter("@to", to.ToUnixTimeMilliseconds());
        }

        command.CommandText = "SELECT seq, event_id, kind, action, event_time_ms, biz_step, disposition FROM events" +
            (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)) + string.Create(CultureInfo.InvariantCulture, $" ORDER BY seq LIMIT {query.Limit}");
        var rows = new List<(long Seq, string EventId, string Kind, string? Action, long TimeMs, string? BizStep, string? Disposition)>();
        using (var reader = command.ExecuteReader())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            while (reader.Read()) rows.Add((reader.GetInt64(0), StoredEventId.Read(reader, 1), reader.GetString(2), Text(3), reader.GetInt64(4), Text(5), Text(6)));
        }

        var lots = new List<(long Seq, int Role, string Lot, double Kg)>();
        foreach (var chunk in rows.Select(r => r.Seq).Chunk(1000))
        {
            using var read = connection.CreateCommand();
            // Seqs are integers read from the store: written into the text, no parameters needed.
            read.CommandText = "SELECT event_seq, role, lot, mass_kg FROM lot_events WHERE event_seq IN (" + string.Join(", ", chunk.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")";
            using var reader = read.ExecuteReader();
            while (reader.Read()) lots.Add((reader.GetInt64(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture), reader.GetString(2), reader.GetDouble(3)));
        }

        var bySeq = lots.ToLookup(l => l.Seq);
        return rows.Select(r => new EventSummary(r.Seq, r.EventId, r.Kind, r.Action, DateTimeOffset.FromUnixTimeMilliseconds(r.TimeMs), r.BizStep, r.Disposition,
            bySeq[r.Seq].OrderBy(l => l.Role).ThenBy(l => l.Lot, StringComparer.Ordinal).Select(l => new EventLot(l.Lot, RoleName(l.Role), l.Kg)).ToList())).ToList();
    }

    private static string RoleName(int role) => role switch
    {
        0 => "input",
        1 => "output",
        _ => "observed",
    };

    /// <summary>Parses an ISO 8601 time or date for the query options; null when malformed.</summary>
    public static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
