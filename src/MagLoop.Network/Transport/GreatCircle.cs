namespace MagLoop.Network.Transport;

/// <summary>Great-circle distance on a sphere.</summary>
public static class GreatCircle
{
    /// <summary>IUGG mean Earth radius, km (the radius site-distances-great-circle.csv uses).</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Haversine distance between two points, km.</summary>
    public static double DistanceKm(double latitude1Deg, double longitude1Deg, double latitude2Deg, double longitude2Deg)
    {
        static double Rad(double deg) => deg * Math.PI / 180;
        var dLat = Rad(latitude2Deg - latitude1Deg);
        var dLon = Rad(longitude2Deg - longitude1Deg);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(Rad(latitude1Deg)) * Math.Cos(Rad(latitude2Deg)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
