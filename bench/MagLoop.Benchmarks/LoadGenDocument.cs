using System.Globalization;
using System.Text;

namespace MagLoop.Benchmarks;

/// <summary>The capture document the benchmarks share.</summary>
internal static class LoadGenDocument
{
    /// <summary>
    /// The document magloop-loadgen's Documents.Capture builds (without --event-ids), at a fixed time; its lots are
    /// named after <paramref name="run"/>, so documents of different runs hold different events.
    /// </summary>
    public static string Capture(int events, string run = "bench")
    {
        const string created = "2026-12-06T11:00:00.123Z", transformed = "2026-12-06T11:00:01.123Z", site = "urn:epc:id:sgln:0614141.07346";
        string Lot(string item, int i) => string.Create(CultureInfo.InvariantCulture, $"urn:epc:class:lgtin:0614141.{item}.{run}-0-{i}");
        var sb = new StringBuilder();
        sb.Append("""{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":""")
            .Append('"').Append(created).Append("\",\"epcisBody\":{\"eventList\":[");
        var half = events / 2;
        for (var i = 0; i < half; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("""{"type":"ObjectEvent",""").Append("\"eventTime\":\"").Append(created)
                .Append("\",\"eventTimeZoneOffset\":\"+00:00\",\"action\":\"ADD\",\"bizStep\":\"commissioning\",\"disposition\":\"active\",\"readPoint\":{\"id\":\"").Append(site).Append(".0\"},")
                .Append("\"quantityList\":[{\"epcClass\":\"").Append(Lot("012345", i)).Append("\",\"quantity\":100,\"uom\":\"KGM\"}]}");
        }

        for (var i = 0; i < half; i++)
        {
            sb.Append(",{\"type\":\"TransformationEvent\",").Append("\"eventTime\":\"").Append(transformed)
                .Append("\",\"eventTimeZoneOffset\":\"+00:00\",\"bizStep\":\"creating_class_instance\",\"readPoint\":{\"id\":\"").Append(site).Append(".0\"},")
                .Append("\"inputQuantityList\":[{\"epcClass\":\"").Append(Lot("012345", i)).Append("\",\"quantity\":100,\"uom\":\"KGM\"}],")
                .Append("\"outputQuantityList\":[{\"epcClass\":\"").Append(Lot("012346", i)).Append("\",\"quantity\":95,\"uom\":\"KGM\"}]}");
        }

        return sb.Append("]}}").ToString();
    }
}
