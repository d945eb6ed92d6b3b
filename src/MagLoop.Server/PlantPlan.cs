using System.Text.Json;
using MagLoop.Errors;
using MagLoop.Traceability.Epcis;

namespace MagLoop.Server;

/// <summary>A magnet product the plan predicts (a row of the study result's <c>products</c>).</summary>
/// <param name="Name">Product name in the study.</param>
/// <param name="Grade">Predicted grade.</param>
/// <param name="RemanenceT">Predicted Br, T.</param>
/// <param name="CoercivityKAm">Predicted HcJ, kA/m.</param>
/// <param name="EnergyProductKJm3">Predicted (BH)max, kJ/m³.</param>
/// <param name="RemanenceBandT">Model error band of Br, ± T.</param>
/// <param name="CoercivityBandKAm">Model error band of HcJ, ± kA/m.</param>
/// <param name="EnergyProductBandKJm3">Model error band of (BH)max, ± kJ/m³.</param>
/// <param name="CompositionWtPct">Predicted composition of the cut block, wt% by component.</param>
public sealed record PlannedMagnet(string Name, string Grade, double RemanenceT, double CoercivityKAm, double EnergyProductKJm3,
    double RemanenceBandT, double CoercivityBandKAm, double EnergyProductBandKJm3, IReadOnlyDictionary<string, double> CompositionWtPct);

/// <summary>
/// The plant plan the server compares lots with: a study result (<c>magloop study --json</c>) read as data, never by
/// referencing the twin's code (<c>magloop serve --plan study.json</c>). Only the members the passport needs are read.
/// </summary>
/// <param name="File">The file name it was read from (without its directory: passports do not show the server's paths).</param>
/// <param name="Scenario">The scenario name of the study.</param>
/// <param name="KgCo2ePerKgMagnet">The study's footprint per kg of finished magnet (<c>carbon.kgCo2ePerKgMagnet</c>).</param>
/// <param name="KgCo2ePerKgCutBlock">Per kg of cut sintered block (<c>carbon.kgCo2ePerKgCutBlock</c>).</param>
/// <param name="CarbonMethod">The study's method statement (<c>carbon.method</c>).</param>
/// <param name="ElectricityKgCo2ePerKWh">
/// The study's grid factors averaged over its sites weighted by their electricity (<c>carbon.bySite</c>), or null when
/// the plan has no electricity: an event carries no site the plan knows, so one plant-wide factor is applied.
/// </param>
/// <param name="GasKgCo2ePerKg">The study's factor per kg of hydrogen, argon and nitrogen (from <c>carbon.inventory</c> lines by their factor key).</param>
/// <param name="FreshRareEarthKgCo2ePerKg">The study's factor per kg of fresh rare earth (its <c>freshRareEarth</c> inventory line), or null.</param>
/// <param name="Magnets">Predicted magnet products (<c>products</c>).</param>
public sealed record PlantPlan(string File, string Scenario, double KgCo2ePerKgMagnet, double KgCo2ePerKgCutBlock, string CarbonMethod,
    double? ElectricityKgCo2ePerKWh, IReadOnlyDictionary<string, double> GasKgCo2ePerKg, double? FreshRareEarthKgCo2ePerKg, IReadOnlyList<PlannedMagnet> Magnets)
{
    /// <summary>The factor keys of the study's gas inventory lines (<c>factorSource</c>), by the measurement type they price.</summary>
    public static IReadOnlyDictionary<string, string> GasFactorKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["hydrogenKg"] = "carbon.factors.hydrogenKgCo2ePerKg",
        ["argonKg"] = "carbon.factors.argonKgCo2ePerKg",
        ["nitrogenKg"] = "carbon.factors.nitrogenKgCo2ePerKg",
    };

    /// <summary>Reads a study result; a file that is not JSON or lacks the carbon figures is a <see cref="UserError"/> naming the file, line and field.</summary>
    public static PlantPlan Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read the plan: {e.Message}", "", new InputLocation(path));
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            var where = JsonSyntaxError.From(text, e);
            throw new UserError($"not JSON: {where.Reason}", "", new InputLocation(path, where.Line, where.Column));
        }

        using (doc)
        {
            var root = doc.RootElement;
            UserError Missing(string field) => new($"missing or not a number: the plan must be a study result (`magloop study --json`)", field, new InputLocation(path));
            double Number(JsonElement parent, string name, string field) =>
                parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Missing(field);
            string Text(JsonElement parent, string name) =>
                parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            JsonElement Member(JsonElement parent, string name) =>
                parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) ? v : default;

            var carbon = Member(root, "carbon");
            if (carbon.ValueKind != JsonValueKind.Object) throw Missing("carbon");
            var perMagnet = Number(carbon, "kgCo2ePerKgMagnet", "carbon.kgCo2ePerKgMagnet");
            var perCutBlock = Number(carbon, "kgCo2ePerKgCutBlock", "carbon.kgCo2ePerKgCutBlock");

            double kwh = 0, kg = 0;
            if (Member(carbon, "bySite") is { ValueKind: JsonValueKind.Array } sites)
                foreach (var site in sites.EnumerateArray())
                {
                    var siteKWh = Number(site, "electricityKWhPerYear", "carbon.bySite[].electricityKWhPerYear");
                    kwh += siteKWh;
                    kg += siteKWh * Number(site, "gridKgCo2ePerKWh", "carbon.bySite[].gridKgCo2ePerKWh");
                }

            var gases = new Dictionary<string, double>(StringComparer.Ordinal);
            double? freshRareEarth = null;
            if (Member(carbon, "inventory") is { ValueKind: JsonValueKind.Array } lines)
                foreach (var line in lines.EnumerateArray())
                {
                    var source = Text(line, "factorSource");
                    foreach (var (type, key) in GasFactorKeys)
                        if (source == key) gases[type] = Number(line, "kgCo2ePerUnit", "carbon.inventory[].kgCo2ePerUnit");
                    if (Text(line, "stage") == "freshRareEarth" && Text(line, "unit") == "kg")
                        freshRareEarth ??= Number(line, "kgCo2ePerUnit", "carbon.inventory[].kgCo2ePerUnit");
                }

            var magnets = new List<PlannedMagnet>();
            if (Member(root, "products") is { ValueKind: JsonValueKind.Array } products)
                foreach (var p in products.EnumerateArray())
                {
                    var composition = new Dictionary<string, double>(StringComparer.Ordinal);
                    if (Member(p, "composition") is { ValueKind: JsonValueKind.Object } c)
                        foreach (var e in c.EnumerateObject())
                            if (e.Value.ValueKind == JsonValueKind.Number) composition[e.Name] = e.Value.GetDouble();
                    magnets.Add(new PlannedMagnet(Text(p, "name"), Text(p, "grade"), Number(p, "remanenceT", "products[].remanenceT"), Number(p, "coercivityKAm", "products[].coercivityKAm"),
                        Number(p, "energyProductKJm3", "products[].energyProductKJm3"), Number(p, "remanenceBandT", "products[].remanenceBandT"),
                        Number(p, "coercivityBandKAm", "products[].coercivityBandKAm"), Number(p, "energyProductBandKJm3", "products[].energyProductBandKJm3"), composition));
                }

            return new PlantPlan(Path.GetFileName(path), Text(Member(root, "scenario"), "name"), perMagnet, perCutBlock, Text(carbon, "method"),
                kwh > 0 ? kg / kwh : null, gases, freshRareEarth, magnets);
        }
    }
}
