using System.Globalization;
using MagLoop.Errors;
using MagLoop.Network.Files;
using MagLoop.Network.Supply;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Network.Transport;

/// <summary>A transport mode in model units, each figure with the reference row it comes from.</summary>
/// <param name="Mode">Truck or rail.</param>
/// <param name="Legs">Legs it serves.</param>
/// <param name="CostUsdPerTonneKm">Freight cost.</param>
/// <param name="CarbonKgCo2ePerTonneKm">Freight emissions.</param>
/// <param name="Circuity">Route distance over great-circle distance.</param>
/// <param name="Sources">The sources of the three figures.</param>
public sealed record FreightMode(TransportMode Mode, LaneLegs Legs, double CostUsdPerTonneKm, double CarbonKgCo2ePerTonneKm, double Circuity, IReadOnlyList<string> Sources)
{
    /// <summary>Default parameter ids for truck: ATRI 2025 truckload cost, EPA Hub 2025 truck CO2e per tonne-km, Newell 1980 circuity.</summary>
    public const string TruckCost = "truckload_cost_usd_per_tkm_estimate", TruckCarbon = "epa_truck_co2e_per_tkm", TruckCircuity = "circuity_network_vs_euclidean_newell_1980";

    /// <summary>Route distance between two points, km: great circle times circuity.</summary>
    public double DistanceKm(double lat1, double lon1, double lat2, double lon2) => GreatCircle.DistanceKm(lat1, lon1, lat2, lon2) * Circuity;

    /// <summary>Reads a mode's factors from the reference data; a located error for a missing, unretrieved or mis-unitted row.</summary>
    public static FreightMode From(ModeSpec spec, ReferenceData data, SourceMap map)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(map);
        var sources = new List<string>();
        var cost = Value(spec, nameof(ModeSpec.CostParameter), spec.CostParameter, data, map, sources, unit => unit switch
        {
            "USD / tonne-km" => 1,
            "USD / short ton-mile" => 1 / (MagLoop.Carbon.Units.TonnesPerShortTon * MagLoop.Carbon.Units.KmPerMile),
            _ => (double?)null,
        }, "USD / tonne-km or USD / short ton-mile");
        var carbon = Value(spec, nameof(ModeSpec.CarbonParameter), spec.CarbonParameter, data, map, sources, unit => unit == "kg CO2e / tonne-km" ? 1 : null, "kg CO2e / tonne-km");
        double circuity;
        if (spec.Circuity is { } given)
        {
            if (spec.CircuityParameter is not null) throw map.Error(spec, nameof(ModeSpec.Circuity), "give circuity or circuityParameter, not both");
            circuity = given;
            sources.Add("circuity given in the network file");
        }
        else if (spec.CircuityParameter is { } id)
        {
            circuity = Value(spec, nameof(ModeSpec.CircuityParameter), id, data, map, sources, unit => unit.StartsWith("ratio", StringComparison.Ordinal) ? 1 : null, "a ratio");
        }
        else
        {
            throw map.Error(spec, null, "give circuityParameter (a row of freight-emission-cost-circuity-factors.csv) or circuity");
        }

        return new FreightMode(spec.Mode, spec.Legs, cost, carbon, circuity, sources);
    }

    private static double Value(ModeSpec spec, string property, string id, ReferenceData data, SourceMap map, List<string> sources,
        Func<string, double?> perUnit, string expected)
    {
        if (!data.Freight.TryGetValue(id, out var row))
        {
            var hint = Suggest.Nearest(id, data.Freight.Keys);
            throw map.Error(spec, property, $"'{id}' is no parameter_id of {ReferenceData.FreightFile}{(hint is null ? "" : $"; did you mean '{hint}'?")}");
        }

        if (!double.TryParse(row.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw map.Error(spec, property, $"'{id}' has no single value in {ReferenceData.FreightFile} (status '{row.Status}', value '{row.Value}'); choose another row or give the figure directly");
        if (perUnit(row.Unit) is not { } factor)
            throw map.Error(spec, property, $"'{id}' is in '{row.Unit}', expected {expected}");
        sources.Add($"{id}: {row.Source}");
        return value * factor;
    }
}
