using System.Text.Json;
using MagLoop.Errors;

namespace MagLoop.Network.Maps;

/// <summary>One state's outline: its polygons' rings (outer rings and holes) as (latitude, longitude) in degrees.</summary>
/// <param name="Postal">Two-letter postal code.</param>
/// <param name="Name">State name.</param>
/// <param name="Rings">Every ring of every polygon, in file order.</param>
public sealed record StateOutline(string Postal, string Name, IReadOnlyList<IReadOnlyList<(double LatitudeDeg, double LongitudeDeg)>> Rings);

/// <summary>Reads the state outlines GeoJSON of the network reference data (us-states-contiguous.geojson).</summary>
public static class StateOutlines
{
    /// <summary>
    /// Reads the Polygon and MultiPolygon features of a GeoJSON FeatureCollection whose features carry
    /// <c>properties.postal</c> and <c>properties.name</c>; a <see cref="UserError"/> naming the file when it is
    /// missing or not such a collection.
    /// </summary>
    public static IReadOnlyList<StateOutline> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new UserError($"state outlines for the network map not found: expected '{Path.GetFullPath(path)}' (us-states-contiguous.geojson of shared/reference/network-data)", "data");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var states = new List<StateOutline>();
            foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
            {
                var properties = feature.GetProperty("properties");
                var geometry = feature.GetProperty("geometry");
                var coordinates = geometry.GetProperty("coordinates");
                var polygons = geometry.GetProperty("type").GetString() switch
                {
                    "Polygon" => [coordinates],
                    "MultiPolygon" => coordinates.EnumerateArray().ToList(),
                    var other => throw new FormatException($"geometry type '{other}' is neither Polygon nor MultiPolygon"),
                };
                var rings = polygons.SelectMany(p => p.EnumerateArray())
                    .Select(r => (IReadOnlyList<(double, double)>)r.EnumerateArray().Select(c => (c[1].GetDouble(), c[0].GetDouble())).ToList())
                    .ToList();
                states.Add(new StateOutline(properties.GetProperty("postal").GetString()!, properties.GetProperty("name").GetString()!, rings));
            }

            return states;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new UserError($"'{Path.GetFullPath(path)}' is not a GeoJSON FeatureCollection of state polygons with properties postal and name: {e.Message}", "data");
        }
    }
}
