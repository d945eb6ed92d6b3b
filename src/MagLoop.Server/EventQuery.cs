using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using Microsoft.EntityFrameworkCore;

namespace MagLoop.Server;

/// <summary>A query parameter that the binding does not allow, or a value it cannot read (400 QueryParameterException).</summary>
internal sealed class QueryParameterException(string message) : Exception(message);

/// <summary>More events match than maxEventCount allows (413 QueryTooLargeException).</summary>
internal sealed class QueryTooLargeException(string message) : Exception(message);

/// <summary>
/// An EPCIS 2.0 SimpleEventQuery read from URI query parameters (EPCIS 2.0 section 8.2.7.1). Criteria with a column
/// of their own (event type, event and record time, action, bizStep, disposition, eventID, exact EPC classes through
/// the lot index) run in SQL; the others test each candidate event's stored JSON. Results are keyset-paged: the
/// page token names the last event returned, so a page never repeats or skips an event captured meanwhile.
/// </summary>
internal sealed class EventQuery
{
    private static readonly string[] EventTypes = ["ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"];

    private readonly List<Func<JsonElement, bool>> _tests = [];
    private List<string>? _types;
    private long? _geEventTime, _ltEventTime, _geRecordTime, _ltRecordTime;
    private List<string>? _actions, _bizSteps, _dispositions, _eventIds;
    private readonly List<(List<string> Lots, int? Role)> _epcClasses = [];
    private string _orderBy = "seq";
    private bool _descending;
    private int? _eventCountLimit, _maxEventCount;

    private EventQuery() { }

    /// <summary>The page size.</summary>
    public int PerPage { get; private set; }

    /// <summary>Where the page starts (the token's position), or null for the first page.</summary>
    public (long Key, long Seq, int Returned)? After { get; private set; }

    /// <summary>Fingerprint of the criteria, which a page token must carry.</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>Reads the parameters; throws <see cref="QueryParameterException"/> naming the first bad one.</summary>
    public static EventQuery Parse(IEnumerable<KeyValuePair<string, string>> parameters, ServerOptions options)
    {
        var q = new EventQuery { PerPage = options.DefaultPerPage };
        string? token = null;
        var criteria = new List<string>();
        foreach (var (name, value) in parameters)
        {
            if (name == "nextPageToken") { token = value; continue; }
            if (name == "perPage")
            {
                q.PerPage = Math.Min(PositiveInt(name, value), options.MaxPerPage);
                continue;
            }

            criteria.Add(name + "=" + value);
            q.Add(name, value);
        }

        if (q._eventCountLimit is not null && q._maxEventCount is not null)
            throw new QueryParameterException("eventCountLimit and maxEventCount cannot both be given (EPCIS 2.0 section 8.2.7.1)");
        criteria.Sort(StringComparer.Ordinal);
        q.Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("&", criteria))))[..16];
        if (token is not null) q.After = ReadToken(token, q.Fingerprint);
        return q;
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new QueryParameterException($"{name}: '{value}' is not a positive integer");

    private static List<string> List(string value) => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static long Time(string name, string value) =>
        EpcisReader.TryParseDateTime(value, out var t) ? t.ToUnixTimeMilliseconds() : throw new QueryParameterException($"{name}: '{value}' is not an RFC 3339 date-time with an offset, such as 2026-01-05T06:00:00Z");

    private void Add(string name, string value)
    {
        switch (name)
        {
            case "eventType":
                var types = List(value);
                if (types.FirstOrDefault(t => !EventTypes.Contains(t)) is { } unknown)
                    throw new QueryParameterException($"eventType: '{unknown}' is not an EPCIS event type ({string.Join(", ", EventTypes)})");
                _types = Intersect(_types, types);
                return;
            case "GE_eventTime": _geEventTime = Time(name, value); return;
            case "LT_eventTime": _ltEventTime = Time(name, value); return;
            case "GE_recordTime": _geRecordTime = Time(name, value); return;
            case "LT_recordTime": _ltRecordTime = Time(name, value); return;
            case "EQ_action":
                var actions = List(value);
                if (actions.FirstOrDefault(a => a is not ("ADD" or "OBSERVE" or "DELETE")) is { } badAction)
                    throw new QueryParameterException($"EQ_action: '{badAction}' is not ADD, OBSERVE or DELETE");
                _actions = Intersect(_actions, actions);
                return;
            case "EQ_bizStep": _bizSteps = Intersect(_bizSteps, List(value).SelectMany(s => Spellings(s, "bizstep", "BizStep")).ToList()); return;
            case "EQ_disposition": _dispositions = Intersect(_dispositions, List(value).SelectMany(s => Spellings(s, "disp", "Disp")).ToList()); return;
            case "EQ_eventID": _eventIds = Intersect(_eventIds, List(value)); return;
            case "EQ_readPoint" or "WD_readPoint": AnyOf(List(value), e => Access.LocationId(e, "readPoint")); return;
            case "EQ_bizLocation" or "WD_bizLocation": AnyOf(List(value), e => Access.LocationId(e, "bizLocation")); return;
            case "EQ_transformationID": AnyOf(List(value), e => Text(e, "transformationID")); return;
            case "MATCH_epc": Match(value, e => [.. Strings(e, "epcList"), .. Strings(e, "childEPCs")]); return;
            case "MATCH_parentID": Match(value, e => Text(e, "parentID") is { } p ? [p] : []); return;
            case "MATCH_inputEPC": Match(value, e => Strings(e, "inputEPCList")); return;
            case "MATCH_outputEPC": Match(value, e => Strings(e, "outputEPCList")); return;
            case "MATCH_anyEPC":
                Match(value, e => [.. Strings(e, "epcList"), .. Strings(e, "childEPCs"), .. Strings(e, "inputEPCList"), .. Strings(e, "outputEPCList"), .. (Text(e, "parentID") is { } p ? [p] : Array.Empty<string>())]);
                return;
            case "MATCH_epcClass": EpcClass(value, null, e => [.. Classes(e, "quantityList"), .. Classes(e, "childQuantityList")]); return;
            case "MATCH_inputEPCClass": EpcClass(value, 0, e => Classes(e, "inputQuantityList")); return;
            case "MATCH_outputEPCClass": EpcClass(value, 1, e => Classes(e, "outputQuantityList")); return;
            case "MATCH_anyEPCClass":
                EpcClass(value, -1, e => [.. Classes(e, "quantityList"), .. Classes(e, "childQuantityList"), .. Classes(e, "inputQuantityList"), .. Classes(e, "outputQuantityList")]);
                return;
            case "orderBy":
                _orderBy = value switch
                {
                    "eventTime" => "eventTime",
                    "recordTime" => "recordTime",
                    _ => throw new QueryParameterException($"orderBy: '{value}' is not eventTime or recordTime (the fields this repository orders by)"),
                };
                _descending = true; // EPCIS 2.0 section 8.2.7.1: orderDirection defaults to DESC
                return;
            case "orderDirection":
                _descending = value switch
                {
                    "ASC" => false,
                    "DESC" => true,
                    _ => throw new QueryParameterException($"orderDirection: '{value}' is not ASC or DESC"),
                };
                return;
            case "eventCountLimit": _eventCountLimit = PositiveInt(name, value); return;
            case "maxEventCount": _maxEventCount = PositiveInt(name, value); return;
        }

        if (Comparison(name) is { } cmp)
        {
            AddComparison(cmp.Op, cmp.Field, name, value);
            return;
        }

        if (name.StartsWith("EXISTS_", StringComparison.Ordinal))
        {
            var (container, field) = Field(name["EXISTS_".Length..]);
            _tests.Add(e => Resolve(e, container, field) is not null);
            return;
        }

        throw new QueryParameterException($"'{name}' is not a query parameter of EPCIS 2.0 (eventType, GE_eventTime, EQ_bizStep, MATCH_epc, EQ_fieldname, EXISTS_fieldname, orderBy, perPage...)");
    }

    private static List<string> Intersect(List<string>? current, List<string> values) => current is null ? values : current.Intersect(values, StringComparer.Ordinal).ToList();

    /// <summary>The three spellings of a CBV value (short name, URN, GS1 web URI); other URIs stand for themselves.</summary>
    private static IEnumerable<string> Spellings(string value, string urnKind, string webKind)
    {
        var urn = $"urn:epcglobal:cbv:{urnKind}:";
        var web = $"https://ref.gs1.org/cbv/{webKind}-";
        var name = value.StartsWith(urn, StringComparison.Ordinal) ? value[urn.Length..] : value.StartsWith(web, StringComparison.Ordinal) ? value[web.Length..] : null;
        if (name is null && !value.Contains(':', StringComparison.Ordinal)) name = value;
        return name is null ? [value] : [name, urn + name, web + name, $"https://gs1.org/voc/{webKind}-{name}"];
    }

    private void AnyOf(List<string> values, Func<JsonElement, string?> read) => _tests.Add(e => read(e) is { } v && values.Contains(v, StringComparer.Ordinal));

    /// <summary>MATCH_: each value is an identifier or a pattern ending in '*' (any suffix).</summary>
    private void Match(string value, Func<JsonElement, IReadOnlyList<string>> read)
    {
        var patterns = List(value);
        _tests.Add(e => read(e).Any(id => patterns.Any(p => Matches(id, p))));
    }

    private static bool Matches(string id, string pattern) =>
        pattern.EndsWith('*') ? id.StartsWith(pattern[..^1], StringComparison.Ordinal) : id == pattern;

    /// <summary>EPC classes: exact classes also narrow the SQL through the lot index; patterns are tested in memory.</summary>
    private void EpcClass(string value, int? role, Func<JsonElement, IReadOnlyList<string>> read)
    {
        var patterns = List(value);
        // Every quantity of an event stored under the custody rules is a lot row of lot_events (the reader refuses
        // others), so the index is a superset of those matches whichever list a role stands for; events stored with
        // custody off have no lot rows and are all candidates. The JSON test below then keeps the exact ones.
        if (patterns.All(p => !p.EndsWith('*'))) _epcClasses.Add((patterns, role == -1 ? null : role));
        Match(value, read);
    }

    private static (string Op, string Field)? Comparison(string name)
    {
        foreach (var op in new[] { "EQ_", "GT_", "GE_", "LT_", "LE_" })
            if (name.StartsWith(op, StringComparison.Ordinal) && name.Length > op.Length) return (op[..2], name[op.Length..]);
        return null;
    }

    private void AddComparison(string op, string fieldName, string name, string value)
    {
        if (fieldName == "quantity")
        {
            var number = Number(name, value);
            _tests.Add(e => new[] { "quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList" }
                .SelectMany(list => e.TryGetProperty(list, out var l) && l.ValueKind == JsonValueKind.Array ? l.EnumerateArray() : Enumerable.Empty<JsonElement>())
                .Any(q => q.ValueKind == JsonValueKind.Object && q.TryGetProperty("quantity", out var v) && v.ValueKind == JsonValueKind.Number && Compare(op, v.GetDouble().CompareTo(number))));
            return;
        }

        var (container, field) = Field(fieldName);
        if (op == "EQ")
        {
            var values = List(value);
            _tests.Add(e => Resolve(e, container, field) is { } v && values.Any(x => Equal(v, x)));
            return;
        }

        // GT/GE/LT/LE: a number, or a date-time compared as an instant.
        if (EpcisReader.TryParseDateTime(value, out var time))
        {
            _tests.Add(e => Resolve(e, container, field) is { ValueKind: JsonValueKind.String } v && EpcisReader.TryParseDateTime(v.GetString(), out var t) && Compare(op, t.CompareTo(time)));
            return;
        }

        var n = Number(name, value);
        _tests.Add(e => Resolve(e, container, field) is { ValueKind: JsonValueKind.Number } v && Compare(op, v.GetDouble().CompareTo(n)));
    }

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : throw new QueryParameterException($"{name}: '{value}' is not a number or an RFC 3339 date-time");

    private static bool Compare(string op, int sign) => op switch
    {
        "GT" => sign > 0,
        "GE" => sign >= 0,
        "LT" => sign < 0,
        "LE" => sign <= 0,
        _ => sign == 0,
    };

    private static bool Equal(JsonElement v, string text) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() == text,
        JsonValueKind.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && v.GetDouble() == n,
        JsonValueKind.True => text == "true",
        JsonValueKind.False => text == "false",
        JsonValueKind.Object => v.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == text,
        _ => false,
    };

    /// <summary>
    /// A field name of the query language: <c>errorDeclaration</c>, a top-level field, or an extension as
    /// <c>{namespace}#{local}</c>; <c>ILMD_</c>, <c>INNER_</c> and <c>ERROR_DECLARATION_</c> prefixes look inside
    /// those parts (section 8.2.7.1).
    /// </summary>
    private static (string? Container, string Field) Field(string name)
    {
        foreach (var (prefix, container) in new[] { ("ILMD_", "ilmd"), ("ERROR_DECLARATION_", "errorDeclaration"), ("INNER_ILMD_", "ilmd") })
            if (name.StartsWith(prefix, StringComparison.Ordinal)) return (container, name[prefix.Length..]);
        if (name.StartsWith("INNER_", StringComparison.Ordinal)) return (null, name["INNER_".Length..]);
        return (null, name);
    }

    /// <summary>The value of a field (namespace#local resolved through the event's @context), or null.</summary>
    private static JsonElement? Resolve(JsonElement e, string? container, string field)
    {
        var where = e;
        if (container is not null && (!e.TryGetProperty(container, out where) || where.ValueKind != JsonValueKind.Object)) return null;
        if (field == "errorReason" && container is null && e.TryGetProperty("errorDeclaration", out var ed) && ed.ValueKind == JsonValueKind.Object) where = ed;
        var hash = field.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0) return where.TryGetProperty(field, out var v) ? v : null;
        var ns = field[..hash];
        var local = field[(hash + 1)..];
        foreach (var p in where.EnumerateObject())
        {
            if (p.Name == ns + local) return p.Value;
            var colon = p.Name.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && p.Name[(colon + 1)..] == local && Prefix(e, p.Name[..colon]) == ns) return p.Value;
        }

        return null;
    }

    private static string? Prefix(JsonElement e, string prefix)
    {
        if (!e.TryGetProperty("@context", out var context)) return null;
        foreach (var item in context.ValueKind == JsonValueKind.Array ? context.EnumerateArray().ToArray() : [context])
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(prefix, out var iri) && iri.ValueKind == JsonValueKind.String) return iri.GetString();
        return null;
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string[] Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray() : [];

    private static string[] Classes(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Object && x.TryGetProperty("epcClass", out var c) && c.ValueKind == JsonValueKind.String).Select(x => x.GetProperty("epcClass").GetString()!).ToArray()
            : [];

    /// <summary>One page of results and the token of the next, if any.</summary>
    public (IReadOnlyList<EventRecord> Events, string? NextPageToken) Run(TraceDbContext db)
    {
        var rows = Candidates(db);
        var returnedBefore = After?.Returned ?? 0;
        var limit = _eventCountLimit is { } l ? Math.Max(0, l - returnedBefore) : int.MaxValue;
        var page = new List<EventRecord>();
        var more = false;
        long matched = 0;
        const int batch = 500;
        var cursor = After;
        while (true)
        {
            var chunk = Keyset(rows, cursor).Take(batch).ToList();
            foreach (var e in chunk)
            {
                cursor = (Key(e), e.Seq, 0);
                using var doc = JsonDocument.Parse(e.CanonicalJson);
                if (!_tests.TrueForAll(t => t(doc.RootElement))) continue;
                matched++;
                if (_maxEventCount is { } max && matched + returnedBefore > max)
                    throw new QueryTooLargeException($"more than maxEventCount={max} events match");
                if (page.Count < Math.Min(PerPage, limit)) page.Add(e);
                else if (page.Count < limit) more = true;
                if ((more || page.Count >= limit) && _maxEventCount is null) break;
            }

            if (chunk.Count < batch || ((more || page.Count >= limit) && _maxEventCount is null)) break;
        }

        string? token = null;
        if (more && page.Count > 0) token = Token(Key(page[^1]), page[^1].Seq, returnedBefore + page.Count);
        return (page, token);
    }

    /// <summary>
    /// The matching events stored at ledger positions after <paramref name="afterSeq"/> up to <paramref name="headSeq"/>,
    /// in ledger order, at most <paramref name="limit"/>, and the position through which they account for every
    /// match (<paramref name="headSeq"/> unless the limit stopped the walk): what a subscription notification sends.
    /// The definition's ordering and count limits do not apply to a notification.
    /// </summary>
    public (IReadOnlyList<EventRecord> Events, long ThroughSeq) Notification(TraceDbContext db, long afterSeq, long headSeq, int limit)
    {
        var rows = Candidates(db).Where(e => e.Seq <= headSeq);
        var page = new List<EventRecord>();
        const int batch = 500;
        var cursor = afterSeq;
        while (true)
        {
            var after = cursor;
            var chunk = rows.Where(e => e.Seq > after).OrderBy(e => e.Seq).Take(batch).ToList();
            foreach (var e in chunk)
            {
                cursor = e.Seq;
                using var doc = JsonDocument.Parse(e.CanonicalJson);
                if (!_tests.TrueForAll(t => t(doc.RootElement))) continue;
                page.Add(e);
                if (page.Count == limit) return (page, e.Seq);
            }

            if (chunk.Count < batch) return (page, headSeq);
        }
    }

    private long Key(EventRecord e) => _orderBy switch
    {
        "eventTime" => e.EventTimeUnixMs,
        "recordTime" => e.RecordTimeUnixMs,
        _ => e.Seq,
    };

    private IQueryable<EventRecord> Candidates(TraceDbContext db)
    {
        var events = db.Events.AsNoTracking();
        if (_types is { } types) events = events.Where(e => types.Contains(e.Kind));
        if (_geEventTime is { } a) events = events.Where(e => e.EventTimeUnixMs >= a);
        if (_ltEventTime is { } b) events = events.Where(e => e.EventTimeUnixMs < b);
        if (_geRecordTime is { } c) events = events.Where(e => e.RecordTimeUnixMs >= c);
        if (_ltRecordTime is { } d) events = events.Where(e => e.RecordTimeUnixMs < d);
        if (_actions is { } actions) events = events.Where(e => e.Action != null && actions.Contains(e.Action));
        if (_bizSteps is { } steps) events = events.Where(e => e.BizStep != null && steps.Contains(e.BizStep));
        if (_dispositions is { } disps) events = events.Where(e => e.Disposition != null && disps.Contains(e.Disposition));
        if (_eventIds is { } ids)
        {
            // Through the store's eventID lookup: on SQLite the newest ids are not in an index on events (EventIdTail).
            var seqs = TraceStore.FindEventSeqs(db, ids.Distinct(StringComparer.Ordinal).ToList()).Values.ToList();
            events = events.Where(e => seqs.Contains(e.Seq) && ids.Contains(e.EventId));
        }
        foreach (var (lots, role) in _epcClasses)
        {
            var seqs = db.LotEvents.Where(l => lots.Contains(l.Lot) && (role == null || l.Role == role)).Select(l => l.EventSeq);
            events = events.Where(e => e.Custody == 0 || seqs.Contains(e.Seq));
        }

        return events;
    }

    private IQueryable<EventRecord> Keyset(IQueryable<EventRecord> rows, (long Key, long Seq, int Returned)? after)
    {
        switch (_orderBy, _descending)
        {
            case ("eventTime", false):
                if (after is { } ea) rows = rows.Where(e => e.EventTimeUnixMs > ea.Key || (e.EventTimeUnixMs == ea.Key && e.Seq > ea.Seq));
                return rows.OrderBy(e => e.EventTimeUnixMs).ThenBy(e => e.Seq);
            case ("eventTime", true):
                if (after is { } ed) rows = rows.Where(e => e.EventTimeUnixMs < ed.Key || (e.EventTimeUnixMs == ed.Key && e.Seq < ed.Seq));
                return rows.OrderByDescending(e => e.EventTimeUnixMs).ThenByDescending(e => e.Seq);
            case ("recordTime", false):
                if (after is { } ra) rows = rows.Where(e => e.RecordTimeUnixMs > ra.Key || (e.RecordTimeUnixMs == ra.Key && e.Seq > ra.Seq));
                return rows.OrderBy(e => e.RecordTimeUnixMs).ThenBy(e => e.Seq);
            case ("recordTime", true):
                if (after is { } rd) rows = rows.Where(e => e.RecordTimeUnixMs < rd.Key || (e.RecordTimeUnixMs == rd.Key && e.Seq < rd.Seq));
                return rows.OrderByDescending(e => e.RecordTimeUnixMs).ThenByDescending(e => e.Seq);
            default:
                if (after is { } s) rows = rows.Where(e => e.Seq > s.Seq);
                return rows.OrderBy(e => e.Seq);
        }
    }

    private string Token(long key, long seq, int returned) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Fingerprint}|{key}|{seq}|{returned}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (long, long, int) ReadToken(string token, string fingerprint)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            if (parts.Length == 4 && parts[0] == fingerprint
                && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var returned))
                return (key, seq, returned);
        }
        catch (FormatException)
        {
            // falls through to the located error below
        }

        throw new QueryParameterException("nextPageToken: not a token of this query (send the other parameters unchanged with it)");
    }
}
