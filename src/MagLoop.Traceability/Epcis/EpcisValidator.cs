using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MagLoop.Traceability.Epcis;

/// <summary>
/// MagLoop's own check of an EPCIS 2.0 JSON/JSON-LD capture document, written from the standard (EPCIS 2.0
/// sections 7 and 9, the JSON binding; CBV 2.0 for the vocabularies) so that it runs without GS1's JSON schema
/// file: document type, @context, schemaVersion and creationDate; each event's type, mandatory fields (eventTime,
/// eventTimeZoneOffset, action where the type has one, parentID, bizTransactionList), formats (RFC 3339 times with
/// an offset, the offset itself, URIs for identifiers, numbers for quantities), CBV values or a URI (a namespace) for
/// bizStep, disposition, business transaction, source/destination and error reason types, and the members each
/// structure may hold: any other member must be a namespaced extension (it has a colon, such as <c>ex:field</c>).
/// Every finding names the event and the field.
/// </summary>
public static partial class EpcisValidator
{
    private static readonly HashSet<string> EventTypes = ["ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"];

    private static readonly HashSet<string> Common =
    [
        "type", "eventTime", "eventTimeZoneOffset", "recordTime", "eventID", "errorDeclaration", "certificationInfo", "bizStep", "disposition",
        "persistentDisposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList", "@context",
    ];

    // Members each event type adds to the common ones (EPCIS 2.0 section 7.4).
    private static readonly Dictionary<string, HashSet<string>> Members = new(StringComparer.Ordinal)
    {
        ["ObjectEvent"] = ["action", "epcList", "quantityList", "ilmd"],
        ["AggregationEvent"] = ["action", "parentID", "childEPCs", "childQuantityList"],
        ["TransactionEvent"] = ["action", "parentID", "epcList", "quantityList"],
        ["TransformationEvent"] = ["inputEPCList", "inputQuantityList", "outputEPCList", "outputQuantityList", "transformationID", "ilmd"],
        ["AssociationEvent"] = ["action", "parentID", "childEPCs", "childQuantityList"],
    };

    private static readonly HashSet<string> Actions = ["ADD", "OBSERVE", "DELETE"];

    private static readonly string[] EpcLists = ["epcList", "childEPCs", "inputEPCList", "outputEPCList"];

    private static readonly string[] QuantityLists = ["quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"];

    private static readonly string[] Places = ["readPoint", "bizLocation"];

    private static readonly string[] PlaceMembers = ["id"];

    private static readonly string[] QuantityMembers = ["epcClass", "quantity", "uom"];

    private static readonly string[] DeclarationMembers = ["declarationTime", "reason", "correctiveEventIDs"];

    // The four spellings of a CBV term's URI, per vocabulary prefix (BizStep, Disp ...).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> TermPrefixes = new(StringComparer.Ordinal);

    private static readonly HashSet<string> SensorMetadata = ["time", "startTime", "endTime", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules"];

    private static readonly HashSet<string> SensorReport =
    [
        "type", "exception", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules", "time", "microorganism", "chemicalSubstance", "value",
        "component", "stringValue", "booleanValue", "hexBinaryValue", "uriValue", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue", "uom",
        "coordinateReferenceSystem",
    ];

    /// <summary>Every problem of <paramref name="document"/>; empty when it is a valid EPCIS 2.0 capture document.</summary>
    public static IReadOnlyList<CaptureError> Validate(JsonElement document)
    {
        var errors = new List<CaptureError>();
        void DocumentError(string field, string message) => errors.Add(new CaptureError(null, null, field, message));
        if (document.ValueKind != JsonValueKind.Object)
        {
            DocumentError("(document)", "must be a JSON object");
            return errors;
        }

        if (!document.TryGetProperty("@context", out var context)) DocumentError("@context", "missing: a JSON-LD document needs the EPCIS context (https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld)");
        else if (context.ValueKind is not (JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Object)) DocumentError("@context", "must be a URI, an object or a list of them");
        if (Text(document, "type") != "EPCISDocument") DocumentError("type", "must be \"EPCISDocument\"");
        if (!document.TryGetProperty("schemaVersion", out var version)) DocumentError("schemaVersion", "missing");
        else if (version.ValueKind != JsonValueKind.String || !version.GetString()!.StartsWith("2.", StringComparison.Ordinal)) DocumentError("schemaVersion", "must be a 2.x version string, such as \"2.0\"");
        if (!document.TryGetProperty("creationDate", out var created)) DocumentError("creationDate", "missing");
        else if (!IsTime(created)) DocumentError("creationDate", "must be an RFC 3339 date-time with an offset");
        if (!document.TryGetProperty("epcisBody", out var body) || body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("eventList", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            DocumentError("epcisBody.eventList", "missing: the body must hold an eventList array");
            return errors;
        }

        var index = 0;
        foreach (var e in list.EnumerateArray()) Event(e, index++, errors);
        return errors;
    }

    private static void Event(JsonElement e, int index, List<CaptureError> errors)
    {
        var eventId = Text(e, "eventID");
        // One delegate for the whole event, passed to every check.
        Action<string, string> error = (field, message) => errors.Add(new CaptureError(index, eventId, field, message));
        if (e.ValueKind != JsonValueKind.Object)
        {
            error("(event)", "an event must be a JSON object");
            return;
        }

        var type = Text(e, "type");
        if (type is null || !EventTypes.Contains(type))
        {
            error("type", type is null ? "missing" : $"'{type}' is not an EPCIS 2.0 event type ({string.Join(", ", EventTypes)})");
            return;
        }

        var allowed = Members[type].GetAlternateLookup<ReadOnlySpan<char>>();
        var common = Common.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[JsonText.BufferChars];
        foreach (var p in e.EnumerateObject())
        {
            var name = JsonText.Name(p, buffer);
            if (!common.Contains(name) && !allowed.Contains(name) && !Namespaced(name))
                error(p.Name, $"is not a field of {type} and has no namespace prefix (an extension is named like ex:{p.Name})");
        }

        Required(e, "eventTime", error);
        if (e.TryGetProperty("eventTime", out var time) && !IsTime(time)) error("eventTime", $"{Show(time)} is not an RFC 3339 date-time with an offset, such as 2026-01-05T06:00:00Z");
        Required(e, "eventTimeZoneOffset", error);
        if (e.TryGetProperty("eventTimeZoneOffset", out var offset) && !(offset.ValueKind == JsonValueKind.String && Offset().IsMatch(JsonText.Value(offset, buffer))))
            error("eventTimeZoneOffset", $"{Show(offset)} is not an offset of the form +HH:MM or -HH:MM");
        if (e.TryGetProperty("recordTime", out var record) && !IsTime(record)) error("recordTime", "must be an RFC 3339 date-time with an offset");
        if (e.TryGetProperty("eventID", out var id) && !IsUri(id)) error("eventID", "must be a URI");

        if (allowed.Contains("action"))
        {
            Required(e, "action", error);
            if (e.TryGetProperty("action", out var action) && !(action.ValueKind == JsonValueKind.String && Actions.GetAlternateLookup<ReadOnlySpan<char>>().Contains(JsonText.Value(action, buffer))))
                error("action", $"{Show(action)} is not ADD, OBSERVE or DELETE");
        }

        // An association always names its parent; an aggregation does when it adds or removes children (EPCIS 2.0 7.4.3, 7.4.6).
        if (type == "AssociationEvent" || (type == "AggregationEvent" && Text(e, "action") is "ADD" or "DELETE")) Required(e, "parentID", error);
        if (type == "TransactionEvent") Required(e, "bizTransactionList", error);
        if (e.TryGetProperty("parentID", out var parent) && !IsUri(parent)) error("parentID", "must be a URI");

        Vocabulary(e, "bizStep", Cbv.BizSteps, "BizStep", error);
        Vocabulary(e, "disposition", Cbv.Dispositions, "Disp", error);
        if (e.TryGetProperty("persistentDisposition", out var persistent))
        {
            if (persistent.ValueKind != JsonValueKind.Object) error("persistentDisposition", "must be an object with set and/or unset");
            else
            {
                foreach (var p in persistent.EnumerateObject())
                {
                    if (p.Name is not ("set" or "unset"))
                    {
                        if (!Namespaced(p.Name)) error($"persistentDisposition.{p.Name}", "is not a field of persistentDisposition (set, unset)");
                        continue;
                    }

                    if (p.Value.ValueKind != JsonValueKind.Array) error($"persistentDisposition.{p.Name}", "must be a list of dispositions");
                    else
                    {
                        var i = 0;
                        foreach (var v in p.Value.EnumerateArray())
                            CheckTerm(v, Cbv.Dispositions, "Disp", Index($"persistentDisposition.{p.Name}", i++), error);
                    }
                }
            }
        }

        foreach (var name in EpcLists)
            Uris(e, name, error);
        foreach (var name in QuantityLists)
            Quantities(e, name, error);

        foreach (var name in Places)
        {
            if (!e.TryGetProperty(name, out var place)) continue;
            if (place.ValueKind != JsonValueKind.Object) error(name, "must be an object with an id");
            else
            {
                if (!place.TryGetProperty("id", out var placeId)) error($"{name}.id", "missing");
                else if (!IsUri(placeId)) error($"{name}.id", "must be a URI");
                OnlyKnownMembers(place, name, PlaceMembers, error);
            }
        }

        Typed(e, "bizTransactionList", "bizTransaction", Cbv.BusinessTransactionTypes, "BTT", typeRequired: false, error);
        Typed(e, "sourceList", "source", Cbv.SourceDestinationTypes, "SDT", typeRequired: true, error);
        Typed(e, "destinationList", "destination", Cbv.SourceDestinationTypes, "SDT", typeRequired: true, error);

        if (e.TryGetProperty("certificationInfo", out var certification))
        {
            if (certification.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var c in certification.EnumerateArray())
                {
                    if (!IsUri(c)) error(Index("certificationInfo", i), $"{Show(c)} is not a URI of a certificate");
                    i++;
                }
            }
            else if (!IsUri(certification)) error("certificationInfo", "must be a URI of a certificate, or a list of them");
        }

        if (e.TryGetProperty("ilmd", out var ilmd))
        {
            if (ilmd.ValueKind != JsonValueKind.Object) error("ilmd", "must be an object");
            else
            {
                foreach (var p in ilmd.EnumerateObject())
                    if (!Namespaced(p.Name)) error($"ilmd.{p.Name}", "instance/lot master data must be namespaced (such as ex:" + p.Name + ")");
            }
        }

        if (e.TryGetProperty("errorDeclaration", out var declaration))
        {
            if (declaration.ValueKind != JsonValueKind.Object) error("errorDeclaration", "must be an object");
            else
            {
                if (!declaration.TryGetProperty("declarationTime", out var declared)) error("errorDeclaration.declarationTime", "missing");
                else if (!IsTime(declared)) error("errorDeclaration.declarationTime", "must be an RFC 3339 date-time with an offset");
                if (declaration.TryGetProperty("reason", out var reason)) CheckTerm(reason, Cbv.ErrorReasons, "ER", "errorDeclaration.reason", error);
                if (declaration.TryGetProperty("correctiveEventIDs", out _)) Uris(declaration, "correctiveEventIDs", (f, m) => error($"errorDeclaration.{f}", m));
                OnlyKnownMembers(declaration, "errorDeclaration", DeclarationMembers, error);
            }
        }

        Sensors(e, error);
    }

    private static void Sensors(JsonElement e, Action<string, string> error)
    {
        if (!e.TryGetProperty("sensorElementList", out var list)) return;
        if (list.ValueKind != JsonValueKind.Array)
        {
            error("sensorElementList", "must be a list");
            return;
        }

        var i = 0;
        foreach (var sensor in list.EnumerateArray())
        {
            var field = Index("sensorElementList", i++);
            if (sensor.ValueKind != JsonValueKind.Object)
            {
                error(field, "must be an object");
                continue;
            }

            OnlyKnownMembers(sensor, field, ["sensorMetadata", "sensorReport"], error);
            if (sensor.TryGetProperty("sensorMetadata", out var metadata))
            {
                if (metadata.ValueKind != JsonValueKind.Object) error($"{field}.sensorMetadata", "must be an object");
                else
                {
                    OnlyKnownMembers(metadata, $"{field}.sensorMetadata", SensorMetadata, error);
                    foreach (var t in new[] { "time", "startTime", "endTime" })
                        if (metadata.TryGetProperty(t, out var v) && !IsTime(v)) error($"{field}.sensorMetadata.{t}", "must be an RFC 3339 date-time with an offset");
                }
            }

            if (!sensor.TryGetProperty("sensorReport", out var reports)) error($"{field}.sensorReport", "missing");
            else if (reports.ValueKind != JsonValueKind.Array) error($"{field}.sensorReport", "must be a list");
            else
            {
                var j = 0;
                foreach (var report in reports.EnumerateArray())
                {
                    var reportField = Index($"{field}.sensorReport", j++);
                    if (report.ValueKind != JsonValueKind.Object)
                    {
                        error(reportField, "must be an object");
                        continue;
                    }

                    OnlyKnownMembers(report, reportField, SensorReport, error);
                    foreach (var n in new[] { "value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue" })
                        if (report.TryGetProperty(n, out var v) && v.ValueKind != JsonValueKind.Number) error($"{reportField}.{n}", "must be a number");
                    if (report.TryGetProperty("time", out var t) && !IsTime(t)) error($"{reportField}.time", "must be an RFC 3339 date-time with an offset");
                    if (report.TryGetProperty("booleanValue", out var b) && b.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) error($"{reportField}.booleanValue", "must be true or false");
                }
            }
        }
    }

    private static void Required(JsonElement e, string name, Action<string, string> error)
    {
        if (!e.TryGetProperty(name, out _)) error(name, "missing: required by EPCIS 2.0 for this event type");
    }

    /// <summary>Members of an object other than <paramref name="known"/> must be namespaced extensions.</summary>
    private static void OnlyKnownMembers(JsonElement o, string field, IReadOnlyCollection<string> known, Action<string, string> error) =>
        OnlyKnownMembers(o, field, -1, known, error);

    /// <summary>As above for item <paramref name="at"/> of list <paramref name="field"/> (-1: the field itself), its name made only for a finding.</summary>
    private static void OnlyKnownMembers(JsonElement o, string field, int at, IReadOnlyCollection<string> known, Action<string, string> error)
    {
        Span<char> buffer = stackalloc char[JsonText.BufferChars];
        foreach (var p in o.EnumerateObject())
        {
            var name = JsonText.Name(p, buffer);
            if (Known(known, name) || Namespaced(name)) continue;
            var where = at < 0 ? field : Index(field, at);
            error($"{where}.{p.Name}", $"is not a field of {where} ({string.Join(", ", known)}) and has no namespace prefix");
        }
    }

    private static bool Known(IReadOnlyCollection<string> known, ReadOnlySpan<char> name)
    {
        if (known is HashSet<string> set) return set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);
        foreach (var k in known)
            if (name.SequenceEqual(k)) return true;
        return false;
    }

    private static void Uris(JsonElement e, string name, Action<string, string> error)
    {
        if (!e.TryGetProperty(name, out var list)) return;
        if (list.ValueKind != JsonValueKind.Array)
        {
            error(name, "must be a list of URIs");
            return;
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (!IsUri(item)) error(Index(name, i), $"{Show(item)} is not a URI");
            i++;
        }
    }

    private static void Quantities(JsonElement e, string name, Action<string, string> error)
    {
        if (!e.TryGetProperty(name, out var list)) return;
        if (list.ValueKind != JsonValueKind.Array)
        {
            error(name, "must be a list");
            return;
        }

        var i = 0;
        Span<char> buffer = stackalloc char[JsonText.BufferChars];
        foreach (var q in list.EnumerateArray())
        {
            // The field's name is made only for a finding: every event has quantities, few have errors.
            var at = i++;
            if (q.ValueKind != JsonValueKind.Object)
            {
                error(Index(name, at), "must be an object with epcClass, quantity and uom");
                continue;
            }

            if (!q.TryGetProperty("epcClass"u8, out var epcClass)) error($"{Index(name, at)}.epcClass", "missing");
            else if (!IsUri(epcClass)) error($"{Index(name, at)}.epcClass", "must be a URI");
            var hasQuantity = q.TryGetProperty("quantity"u8, out var quantity);
            if (hasQuantity && quantity.ValueKind != JsonValueKind.Number) error($"{Index(name, at)}.quantity", $"{Show(quantity)} is not a number");
            if (q.TryGetProperty("uom"u8, out var uom))
            {
                if (!(uom.ValueKind == JsonValueKind.String && Uom().IsMatch(JsonText.Value(uom, buffer)))) error($"{Index(name, at)}.uom", $"{Show(uom)} is not a UN/CEFACT Rec. 20 unit code");
                if (!hasQuantity) error($"{Index(name, at)}.uom", "a unit needs a quantity");
            }

            OnlyKnownMembers(q, name, at, QuantityMembers, error);
        }
    }

    private static void Typed(JsonElement e, string name, string valueName, IReadOnlyList<string> types, string prefix, bool typeRequired, Action<string, string> error)
    {
        if (!e.TryGetProperty(name, out var list)) return;
        if (list.ValueKind != JsonValueKind.Array)
        {
            error(name, "must be a list");
            return;
        }

        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var field = Index(name, i++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                error(field, $"must be an object with type and {valueName}");
                continue;
            }

            if (!item.TryGetProperty(valueName, out var value)) error($"{field}.{valueName}", "missing");
            else if (!IsUri(value)) error($"{field}.{valueName}", "must be a URI");
            if (item.TryGetProperty("type", out var type)) CheckTerm(type, types, prefix, $"{field}.type", error);
            else if (typeRequired) error($"{field}.type", "missing");
            OnlyKnownMembers(item, field, ["type", valueName], error);
        }
    }

    private static void Vocabulary(JsonElement e, string name, IReadOnlyList<string> terms, string prefix, Action<string, string> error)
    {
        if (e.TryGetProperty(name, out var value)) CheckTerm(value, terms, prefix, name, error);
    }

    /// <summary>A CBV term (bare, as a CBV URN or web URI) or another party's URI; a bare word outside CBV has no namespace.</summary>
    private static void CheckTerm(JsonElement value, IReadOnlyList<string> terms, string prefix, string field, Action<string, string> error)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            error(field, "must be a string");
            return;
        }

        var text = value.GetString()!;
        foreach (var p in TermPrefixes.GetOrAdd(prefix, static x => [$"https://ref.gs1.org/cbv/{x}-", $"https://gs1.org/voc/{x}-", $"cbv:{x}-", $"gs1:{x}-"]))
        {
            if (!text.StartsWith(p, StringComparison.Ordinal)) continue;
            if (!terms.Contains(text[p.Length..])) error(field, $"'{text}' is not a CBV 2.0 value ({string.Join(", ", terms)})");
            return;
        }

        if (text.StartsWith("urn:epcglobal:cbv:", StringComparison.Ordinal))
        {
            if (!terms.Contains(text[(text.LastIndexOf(':') + 1)..])) error(field, $"'{text}' is not a CBV 2.0 value");
            return;
        }

        if (terms.Contains(text) || IsUriText(text)) return;
        var hint = MagLoop.Errors.Suggest.Nearest(text, terms);
        error(field, $"'{text}' is neither a CBV 2.0 value{(hint is null ? "" : $" (did you mean '{hint}'?)")} nor a URI of another vocabulary (a non-standard value needs a namespace)");
    }

    private static string Index(string name, int i) => string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]");

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Show(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"'{v.GetString()}'",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => v.GetRawText(),
    };

    private static bool IsTime(JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.String) return false;
        Span<char> buffer = stackalloc char[JsonText.BufferChars];
        return EpcisReader.TryParseDateTime(JsonText.Value(v, buffer), out _);
    }

    private static bool IsUri(JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.String) return false;
        Span<char> buffer = stackalloc char[JsonText.BufferChars];
        return IsUriText(JsonText.Value(v, buffer));
    }

    // An absolute URI (RFC 3986: a scheme, a colon, no whitespace), or a CURIE with a prefix.
    private static bool IsUriText(ReadOnlySpan<char> text) => UriText().IsMatch(text);

    private static bool Namespaced(ReadOnlySpan<char> name) => name.Contains(':') && !name.StartsWith(':');

    // No white space and no control character (RFC 3986 allows neither; the store relies on a NUL-free eventID).
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s\p{Cc}]+$")]
    private static partial Regex UriText();

    [GeneratedRegex(@"^[+-](0\d|1[0-4]):[0-5]\d$")]
    private static partial Regex Offset();

    [GeneratedRegex(@"^[A-Z0-9]{2,3}$")]
    private static partial Regex Uom();
}
