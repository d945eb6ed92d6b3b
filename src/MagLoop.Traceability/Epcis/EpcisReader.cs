using System.Globalization;
using System.Text.Json;
using MagLoop.Errors;

namespace MagLoop.Traceability.Epcis;

/// <summary>A document read into MagLoop events, with every problem found on the way.</summary>
/// <param name="Events">Events read (those with errors are left out).</param>
/// <param name="Errors">Every problem, located by event and field.</param>
public sealed record ReadDocument(IReadOnlyList<TraceEvent> Events, IReadOnlyList<CaptureError> Errors);

/// <summary>
/// Reads EPCIS 2.0 JSON / JSON-LD documents (<c>EPCISDocument</c>) into <see cref="TraceEvent"/>s: class-level
/// quantities converted to kg, ILMD master data and measurements under the MagLoop namespace (any prefix the
/// document's <c>@context</c> binds to <see cref="MagLoopNamespace.Iri"/>, or the full IRI).
/// </summary>
public static partial class EpcisReader
{
    /// <summary>Reads a document from its text (checked first by <see cref="JsonInput"/>).</summary>
    public static ReadDocument Read(string json)
    {
        var bytes = JsonInput.Encode(json, out var encoding);
        if (bytes is null) return new ReadDocument([], [encoding!]);
        return Read(bytes);
    }

    /// <summary>Reads a document from its UTF-8 bytes, after the checks of <see cref="JsonInput"/>.</summary>
    public static ReadDocument Read(ReadOnlyMemory<byte> utf8)
    {
        var input = JsonInput.Check(utf8.Span);
        if (input.Count > 0) return new ReadDocument([], input);
        using var document = JsonDocument.Parse(JsonInput.WithoutBom(utf8));
        return Read(document.RootElement);
    }

    /// <summary>
    /// Reads a parsed document. Its text must have passed <see cref="JsonInput.Check"/>: a lone surrogate or a
    /// number beyond a double cannot be read from a <see cref="JsonElement"/> without an exception.
    /// </summary>
    public static ReadDocument Read(JsonElement root) => Read(root, custody: true);

    /// <summary>
    /// Reads a parsed document; with <paramref name="custody"/> false every event of the five EPCIS types is read as
    /// a standard event with no lot effect (custody off: <see cref="CustodyOptions.Enforce"/>), named and hashed as in
    /// custody mode.
    /// </summary>
    public static ReadDocument Read(JsonElement root, bool custody)
    {
        var errors = new List<CaptureError>();
        var events = new List<TraceEvent>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "EPCISDocument")
        {
            errors.Add(new CaptureError(null, null, "type", "expected an EPCIS document (\"type\": \"EPCISDocument\")"));
            return new ReadDocument(events, errors);
        }

        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonElement? documentContext = null;
        if (root.TryGetProperty("@context", out var context))
        {
            AddPrefixes(context, prefixes);
            documentContext = context;
        }
        if (!root.TryGetProperty("epcisBody", out var body) || body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("eventList", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new CaptureError(null, null, "epcisBody.eventList", "missing: epcisBody must be an object holding an eventList array"));
            return new ReadDocument(events, errors);
        }

        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var eventErrors = new List<CaptureError>();
            var read = ReadEvent(element, index, prefixes, documentContext, eventErrors, custody);
            if (eventErrors.Count == 0 && read is not null) events.Add(read);
            errors.AddRange(eventErrors);
            index++;
        }

        return new ReadDocument(events, errors);
    }

    private static void AddPrefixes(JsonElement context, Dictionary<string, string> prefixes)
    {
        if (context.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in context.EnumerateArray()) AddPrefixes(item, prefixes);
        }
        else if (context.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in context.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.String) prefixes[p.Name] = p.Value.GetString()!;
        }
    }

    /// <summary>The local name of <paramref name="key"/> in the MagLoop namespace, or null when it is not in it.</summary>
    private static string? MagLoopLocalName(string key, Dictionary<string, string> prefixes)
    {
        if (key.StartsWith(MagLoopNamespace.Iri, StringComparison.Ordinal)) return key[MagLoopNamespace.Iri.Length..];
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return null;
        return prefixes.TryGetValue(key[..colon], out var iri) && iri == MagLoopNamespace.Iri ? key[(colon + 1)..] : null;
    }

    /// <summary>
    /// Reads one stored event (its canonical form, which carries its own <c>@context</c>): how verification rebuilds
    /// the projections the event should have produced.
    /// </summary>
    public static TraceEvent ReadStored(string canonicalJson) => ReadStored(canonicalJson, custody: true);

    /// <summary>Reads one stored event as <see cref="ReadStored(string)"/>; <paramref name="custody"/> false for an event stored with custody off.</summary>
    public static TraceEvent ReadStored(string canonicalJson, bool custody)
    {
        using var document = JsonDocument.Parse(canonicalJson);
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<CaptureError>();
        var read = ReadEvent(document.RootElement, 0, prefixes, null, errors, custody);
        return read ?? throw new FormatException(string.Join("; ", errors));
    }

    private static TraceEvent? ReadEvent(JsonElement e, int index, Dictionary<string, string> documentPrefixes, JsonElement? documentContext, List<CaptureError> errors, bool custody)
    {
        var eventId = String(e, "eventID");
        void Error(string field, string message) => errors.Add(new CaptureError(index, eventId, field, message));

        if (e.ValueKind != JsonValueKind.Object)
        {
            Error("(event)", $"an event must be a JSON object, not {Kind(e)}");
            return null;
        }

        var prefixes = documentPrefixes;
        if (e.TryGetProperty("@context", out var context))
        {
            prefixes = new Dictionary<string, string>(documentPrefixes, StringComparer.Ordinal);
            AddPrefixes(context, prefixes);
        }

        var typeName = String(e, "type");
        EventKind kind;
        switch (typeName)
        {
            case "ObjectEvent": kind = EventKind.ObjectEvent; break;
            case "AggregationEvent": kind = EventKind.AggregationEvent; break;
            case "TransformationEvent": kind = EventKind.TransformationEvent; break;
            case "TransactionEvent" when !custody: kind = EventKind.TransactionEvent; break;
            case "AssociationEvent" when !custody: kind = EventKind.AssociationEvent; break;
            default:
                if (!custody)
                {
                    Error("type", $"'{typeName}' is not an EPCIS 2.0 event type");
                    return null;
                }

                Error("type", $"'{typeName}' is not an event type MagLoop tracks (ObjectEvent, AggregationEvent, TransformationEvent)");
                return null;
        }

        var timeText = String(e, "eventTime");
        if (!TryParseDateTime(timeText, out var eventTime))
            Error("eventTime", timeText is null ? "missing" : $"'{timeText}' is not an RFC 3339 date-time with an offset, such as 2026-01-05T06:00:00Z");

        var action = String(e, "action");
        if (!custody)
        {
            // Custody off: a standard event, stored and queried as such; its quantities and ILMD are not MagLoop lots.
            if (errors.Count > 0) return null;
            return Stored(e, index, eventId, kind, action, eventTime, [], [], [], LotMasterData.Empty, [], documentContext) with { Custody = false };
        }

        var consumed = new List<LotMass>();
        var created = new List<LotMass>();
        var observed = new List<LotMass>();
        switch (kind)
        {
            case EventKind.ObjectEvent:
                var quantities = Quantities(e, "quantityList", Error);
                (action switch { "ADD" => created, "DELETE" => consumed, _ => observed }).AddRange(quantities);
                break;
            case EventKind.TransformationEvent:
                consumed.AddRange(Quantities(e, "inputQuantityList", Error));
                created.AddRange(Quantities(e, "outputQuantityList", Error));
                if (created.Count > 0 && consumed.Count == 0)
                    Error("inputQuantityList", "a transformation that creates lots must list its inputs (MagLoop tracks mass from lot to lot)");
                break;
            case EventKind.AggregationEvent:
                var children = Quantities(e, "childQuantityList", Error);
                var parent = String(e, "parentID");
                if (action == "ADD" && children.Count > 0)
                {
                    if (parent is null) Error("parentID", "packing lots needs the parentID of the container or shipment");
                    else if (children.Sum(c => c.MassKg) is var packedKg && packedKg > MassUnits.MaxKg)
                        Error("childQuantityList", string.Create(CultureInfo.InvariantCulture, $"the children weigh {packedKg:G6} kg together, above the {MassUnits.MaxKg:G3} kg a package may hold"));
                    else
                    {
                        consumed.AddRange(children);
                        created.Add(new LotMass(parent, packedKg, "parentID"));
                    }
                }
                else observed.AddRange(children);
                break;
        }

        var masterData = ReadIlmd(e, prefixes, Error);
        if (!masterData.IsEmpty && created.Count == 0) Error("ilmd", "lot master data needs a lot that this event creates");
        var measurements = ReadMeasurements(e, prefixes, Error);
        if (errors.Count > 0) return null;
        return Stored(e, index, eventId, kind, action, eventTime, consumed, created, observed, masterData, measurements, documentContext);
    }

    /// <summary>The event as stored: its canonical form (self-contained, named by its event hash when it has no eventID) and content hash.</summary>
    private static TraceEvent Stored(JsonElement e, int index, string? eventId, EventKind kind, string? action, DateTimeOffset eventTime,
        List<LotMass> consumed, List<LotMass> created, List<LotMass> observed, LotMasterData masterData, List<Measurement> measurements, JsonElement? documentContext)
    {
        // The stored event is self-contained JSON-LD: it carries the document's @context (which binds the MagLoop
        // prefix) unless it has its own, so it reads the same on its own later.
        JsonElement? context = documentContext is { } inherited && !e.TryGetProperty("@context", out _) ? inherited : null;
        var named = eventId is null;
        // GS1 allows events without eventID; such an event is named by its CBV 2.0 event hash (CBV 2.0 section 8.9),
        // so that capturing it again, in any spelling of the same content, is recognised.
        if (named) eventId = EventHash.Hash(e, documentContext);
        var (canonical, contentHash) = Canonical.WithHash(e, context, named ? eventId : null);

        return new TraceEvent(index, eventId!, kind, action, eventTime, String(e, "bizStep"), String(e, "disposition"),
            consumed, created, observed, masterData, measurements, canonical, contentHash) { IdIsEventHash = named };
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an object",
    };

    /// <summary>The items of list <paramref name="name"/> of <paramref name="e"/>; an item that is not an object is reported and left out.</summary>
    private static IEnumerable<(JsonElement Item, string Field)> Objects(JsonElement e, string name, Action<string, string> error)
    {
        if (!e.TryGetProperty(name, out var list)) yield break;
        if (list.ValueKind != JsonValueKind.Array)
        {
            error(name, $"must be a list, not {Kind(list)}");
            yield break;
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"{name}[{i++}]");
            if (item.ValueKind == JsonValueKind.Object) yield return (item, field);
            else error(field, $"must be an object, not {Kind(item)}");
        }
    }

    private static List<LotMass> Quantities(JsonElement e, string name, Action<string, string> error)
    {
        var result = new List<LotMass>();
        foreach (var (q, field) in Objects(e, name, error))
        {
            var lot = String(q, "epcClass");
            if (lot is null)
            {
                error(field + ".epcClass", "missing");
                continue;
            }

            if (!LotIds.IsClassLevel(lot))
                error(field + ".epcClass", $"'{lot}' is not a class-level lot id (urn:epc:class:lgtin:Company.Item.Lot or a GS1 Digital Link URI with /01/ and /10/)");
            var uom = String(q, "uom");
            if (!q.TryGetProperty("quantity", out var quantity) || quantity.ValueKind != JsonValueKind.Number)
            {
                error(field + ".quantity", "missing: MagLoop tracks lots by mass");
                continue;
            }

            if (!quantity.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                error(field + ".quantity", "too large for a double");
                continue;
            }

            var kg = MassUnits.ToKg(value, uom);
            if (kg is null)
                error(field + ".uom", uom is null ? "missing: a mass unit is needed (KGM, GRM or TNE)" : $"'{uom}' is not a known mass unit (KGM, GRM, TNE)");
            else if (value <= 0)
                error(field + ".quantity", string.Create(CultureInfo.InvariantCulture, $"{value} must be a positive mass"));
            else if (!(kg <= MassUnits.MaxKg))
                error(field + ".quantity", string.Create(CultureInfo.InvariantCulture, $"{value} {uom} is {(double.IsFinite(kg.Value) ? $"{kg:G6} kg" : "more kg than a double holds")}, above the {MassUnits.MaxKg:G3} kg a lot may weigh"));
            else result.Add(new LotMass(lot, kg.Value, field));
        }

        return result;
    }

    private static LotMasterData ReadIlmd(JsonElement e, Dictionary<string, string> prefixes, Action<string, string> error)
    {
        if (!e.TryGetProperty("ilmd", out var ilmd)) return LotMasterData.Empty;
        if (ilmd.ValueKind != JsonValueKind.Object)
        {
            error("ilmd", $"must be an object, not {Kind(ilmd)}");
            return LotMasterData.Empty;
        }

        MaterialClass? materialClass = null;
        string? recoveredIn = null;
        var stages = new Dictionary<OriginStage, string>();
        foreach (var p in ilmd.EnumerateObject())
        {
            var local = MagLoopLocalName(p.Name, prefixes);
            if (local is null) continue; // another party's extension: stored, not interpreted
            var field = $"ilmd.{p.Name}";
            var text = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : null;
            if (local == MagLoopNamespace.MaterialClass)
            {
                materialClass = MaterialClasses.Parse(text);
                if (materialClass is null) error(field, $"'{p.Value}' is not a material class (post-consumer, pre-consumer, virgin)");
            }
            else if (local == MagLoopNamespace.RecoveredIn)
            {
                if (IsCountry(text)) recoveredIn = text;
                else error(field, $"'{p.Value}' is not an assigned ISO 3166-1 alpha-2 country code");
            }
            else if (Enum.TryParse<OriginStage>(local, ignoreCase: true, out var stage) && MagLoopNamespace.StageName(stage) == local)
            {
                if (IsCountry(text)) stages[stage] = text!;
                else error(field, $"'{p.Value}' is not an assigned ISO 3166-1 alpha-2 country code");
            }
            else
            {
                var hint = Suggest.Nearest(local, MagLoopNamespace.IlmdKeys);
                error(field, $"unknown MagLoop ILMD field '{local}'{(hint is null ? "" : $" (did you mean '{hint}'?)")}; known: {string.Join(", ", MagLoopNamespace.IlmdKeys)}");
            }
        }

        return new LotMasterData(materialClass, stages, recoveredIn);
    }

    /// <summary>The officially assigned ISO 3166-1 alpha-2 codes (embedded list, docs/references.md [T6]).</summary>
    public static IReadOnlySet<string> Countries { get; } = LoadCountries();

    /// <summary>Whether <paramref name="text"/> is an officially assigned ISO 3166-1 alpha-2 code (upper case).</summary>
    public static bool IsCountry(string? text) => text is not null && Countries.Contains(text);

    private static HashSet<string> LoadCountries()
    {
        using var stream = typeof(EpcisReader).Assembly.GetManifestResourceStream("MagLoop.Traceability.iso3166-1-alpha2.txt")
            ?? throw new InvalidOperationException("the embedded ISO 3166-1 list is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
    }

    private static List<Measurement> ReadMeasurements(JsonElement e, Dictionary<string, string> prefixes, Action<string, string> error)
    {
        var result = new List<Measurement>();
        foreach (var (sensor, sensorField) in Objects(e, "sensorElementList", error))
        {
            foreach (var (report, reportField) in Objects(sensor, "sensorReport", (f, m) => error($"{sensorField}.{f}", m)))
            {
                var field = $"{sensorField}.{reportField}";
                var type = String(report, "type");
                if (type is null || !report.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number) continue;
                var local = MagLoopLocalName(type, prefixes);
                if (!value.TryGetDouble(out var v) || !double.IsFinite(v))
                {
                    error(field + ".value", "too large for a double");
                    continue;
                }

                if (local is not null)
                {
                    if (!MagLoopNamespace.MeasurementTypes.Contains(local))
                    {
                        error(field + ".type", $"unknown MagLoop measurement '{local}'; known: {string.Join(", ", MagLoopNamespace.MeasurementTypes)}");
                        continue;
                    }

                    if (local == MagLoopNamespace.MassFraction && v is < 0 or > 1)
                        error(field + ".value", string.Create(CultureInfo.InvariantCulture, $"a mass fraction must lie in 0..1, not {v}"));
                    type = local;
                }

                result.Add(new Measurement(type, String(report, "chemicalSubstance"), v, String(report, "uom")));
            }
        }

        return result;
    }

    /// <summary>
    /// Reads an EPCIS date-time strictly, as the GS1 schema's "date-time" format (RFC 3339) does: full date, 'T', time,
    /// optional fraction and a mandatory offset. A lenient parser would take "2026-01-05 6am" even when no schema check runs.
    /// </summary>
    public static bool TryParseDateTime(string? text, out DateTimeOffset time)
    {
        time = default;
        return text is not null && TryParseDateTime(text.AsSpan(), out time);
    }

    /// <summary>As <see cref="TryParseDateTime(string?, out DateTimeOffset)"/> for characters.</summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        return Rfc3339().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out time);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex Rfc3339();
}
