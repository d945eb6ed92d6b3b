using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MagLoop.Traceability.Epcis;

/// <summary>A lot quantity to write, in kg (written as KGM).</summary>
/// <param name="Lot">Lot id.</param>
/// <param name="MassKg">Mass.</param>
public readonly record struct LotQuantity(string Lot, double MassKg);

/// <summary>
/// Writes EPCIS 2.0 JSON-LD documents that validate against the GS1 schema: the standard context plus the MagLoop
/// namespace, class-level quantities in KGM, ILMD and sensor reports under the MagLoop prefix.
/// </summary>
public sealed class EpcisDocumentBuilder
{
    /// <summary>The GS1 EPCIS 2.0 JSON-LD context.</summary>
    public const string Gs1Context = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

    private readonly JsonArray _events = [];
    private readonly DateTimeOffset _created;
    private readonly string _zoneOffset;

    /// <summary>A document created at <paramref name="created"/>; events carry <paramref name="zoneOffset"/> (e.g. -06:00).</summary>
    public EpcisDocumentBuilder(DateTimeOffset created, string zoneOffset = "+00:00")
    {
        _created = created;
        _zoneOffset = zoneOffset;
    }

    /// <summary>Events added so far.</summary>
    public int Count => _events.Count;

    /// <summary>An ObjectEvent ADD creating lots (receipt of scrap, purchase of fresh rare earth) with master data.</summary>
    public EpcisDocumentBuilder Create(string eventId, DateTimeOffset time, string bizStep, string location, IEnumerable<LotQuantity> lots, LotMasterData? masterData = null)
    {
        var e = Event("ObjectEvent", eventId, time, bizStep, "active", location);
        e["action"] = "ADD";
        e["quantityList"] = Quantities(lots);
        if (masterData is { IsEmpty: false }) e["ilmd"] = Ilmd(masterData);
        _events.Add(e);
        return this;
    }

    /// <summary>An ObjectEvent OBSERVE (shipping, receiving, inspecting) with optional measurements.</summary>
    public EpcisDocumentBuilder Observe(string eventId, DateTimeOffset time, string bizStep, string disposition, string location, IEnumerable<LotQuantity> lots, IEnumerable<Measurement>? measurements = null)
    {
        var e = Event("ObjectEvent", eventId, time, bizStep, disposition, location);
        e["action"] = "OBSERVE";
        e["quantityList"] = Quantities(lots);
        AddSensors(e, measurements);
        _events.Add(e);
        return this;
    }

    /// <summary>A TransformationEvent: inputs to outputs, with optional master data for the outputs and measurements.</summary>
    public EpcisDocumentBuilder Transform(string eventId, DateTimeOffset time, string bizStep, string location, IEnumerable<LotQuantity> inputs, IEnumerable<LotQuantity> outputs,
        LotMasterData? masterData = null, IEnumerable<Measurement>? measurements = null)
    {
        var e = Event("TransformationEvent", eventId, time, bizStep, "in_progress", location);
        e["inputQuantityList"] = Quantities(inputs);
        e["outputQuantityList"] = Quantities(outputs);
        if (masterData is { IsEmpty: false }) e["ilmd"] = Ilmd(masterData);
        AddSensors(e, measurements);
        _events.Add(e);
        return this;
    }

    /// <summary>An AggregationEvent ADD packing lots into a container or shipment <paramref name="parentId"/>.</summary>
    public EpcisDocumentBuilder Pack(string eventId, DateTimeOffset time, string location, string parentId, IEnumerable<LotQuantity> children)
    {
        var e = Event("AggregationEvent", eventId, time, "packing", "container_closed", location);
        e["action"] = "ADD";
        e["parentID"] = parentId;
        e["childQuantityList"] = Quantities(children);
        _events.Add(e);
        return this;
    }

    /// <summary>The document as indented JSON.</summary>
    public string ToJson()
    {
        var document = new JsonObject
        {
            ["@context"] = new JsonArray(Gs1Context, new JsonObject { [MagLoopNamespace.Prefix] = MagLoopNamespace.Iri }),
            ["type"] = "EPCISDocument",
            ["schemaVersion"] = "2.0",
            ["creationDate"] = Time(_created),
            ["epcisBody"] = new JsonObject { ["eventList"] = _events.DeepClone() },
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private JsonObject Event(string type, string eventId, DateTimeOffset time, string bizStep, string disposition, string location) => new()
    {
        ["type"] = type,
        ["eventID"] = eventId,
        ["eventTime"] = Time(time),
        ["eventTimeZoneOffset"] = _zoneOffset,
        ["bizStep"] = bizStep,
        ["disposition"] = disposition,
        ["readPoint"] = new JsonObject { ["id"] = location },
        ["bizLocation"] = new JsonObject { ["id"] = location },
    };

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonArray Quantities(IEnumerable<LotQuantity> lots) =>
        new(lots.Select(q => (JsonNode)new JsonObject { ["epcClass"] = q.Lot, ["quantity"] = Math.Round(q.MassKg, 3), ["uom"] = "KGM" }).ToArray());

    private static string Key(string local) => $"{MagLoopNamespace.Prefix}:{local}";

    private static JsonObject Ilmd(LotMasterData data)
    {
        var ilmd = new JsonObject();
        if (data.MaterialClass is { } mc) ilmd[Key(MagLoopNamespace.MaterialClass)] = MaterialClasses.Name(mc);
        foreach (var (stage, country) in data.Stages.OrderBy(s => s.Key)) ilmd[Key(MagLoopNamespace.StageName(stage))] = country;
        if (data.RecoveredIn is { } recovered) ilmd[Key(MagLoopNamespace.RecoveredIn)] = recovered;
        return ilmd;
    }

    private static void AddSensors(JsonObject e, IEnumerable<Measurement>? measurements)
    {
        var list = measurements?.ToList();
        if (list is not { Count: > 0 }) return;
        var reports = new JsonArray(list.Select(m =>
        {
            var report = new JsonObject { ["type"] = Key(m.Type) };
            if (m.Substance is not null) report["chemicalSubstance"] = m.Substance;
            report["value"] = Math.Round(m.Value, 6);
            return (JsonNode)report;
        }).ToArray());
        e["sensorElementList"] = new JsonArray(new JsonObject { ["sensorReport"] = reports });
    }
}
