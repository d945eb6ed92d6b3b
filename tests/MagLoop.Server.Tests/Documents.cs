using System.Globalization;

namespace MagLoop.Server.Tests;

/// <summary>Small MagLoop EPCIS documents (lots by mass, at the test sites).</summary>
internal static class Documents
{
    public static string Lot(string name) => $"urn:epc:class:lgtin:0614141.012345.{name}";

    public static string Doc(params string[] events) =>
        $$$"""{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[{{{string.Join(",", events)}}}]}}""";

    /// <summary>An ObjectEvent ADD that creates <paramref name="lot"/> of <paramref name="kg"/> at the site's read point.</summary>
    public static string Add(string lot, double kg, string site = Host.Site, string time = "2026-03-02T08:00:00Z", string? id = null, string bizStep = "commissioning", string? bizLocation = null) =>
        $$"""{"type":"ObjectEvent",{{(id is null ? "" : $"\"eventID\":\"{id}\",")}}"eventTime":"{{time}}","eventTimeZoneOffset":"+00:00","action":"ADD","bizStep":"{{bizStep}}","disposition":"active","readPoint":{"id":"{{site}}.0"},{{(bizLocation is null ? "" : $"\"bizLocation\":{{\"id\":\"{bizLocation}\"}},")}}"quantityList":[{"epcClass":"{{lot}}","quantity":{{kg.ToString(CultureInfo.InvariantCulture)}},"uom":"KGM"}]}""";

    /// <summary>A transformation that consumes <paramref name="inputKg"/> of <paramref name="input"/> into <paramref name="outputKg"/> of <paramref name="output"/>.</summary>
    public static string Transform(string input, double inputKg, string output, double outputKg, string site = Host.Site, string time = "2026-03-03T08:00:00Z") =>
        $$"""{"type":"TransformationEvent","eventTime":"{{time}}","eventTimeZoneOffset":"+00:00","bizStep":"creating_class_instance","readPoint":{"id":"{{site}}.0"},"inputQuantityList":[{"epcClass":"{{input}}","quantity":{{inputKg.ToString(CultureInfo.InvariantCulture)}},"uom":"KGM"}],"outputQuantityList":[{"epcClass":"{{output}}","quantity":{{outputKg.ToString(CultureInfo.InvariantCulture)}},"uom":"KGM"}]}""";

    /// <summary>An inspection of a lot with a test result (a sensorElementList), as quality records it.</summary>
    public static string Inspect(string lot, string site = Host.Site, string time = "2026-03-04T08:00:00Z") =>
        $$"""{"type":"ObjectEvent","eventTime":"{{time}}","eventTimeZoneOffset":"+00:00","action":"OBSERVE","bizStep":"inspecting","disposition":"conformant","readPoint":{"id":"{{site}}.0"},"quantityList":[{"epcClass":"{{lot}}","quantity":1,"uom":"KGM"}],"sensorElementList":[{"sensorReport":[{"type":"Temperature","value":21.5,"uom":"CEL"}]}]}""";
}
