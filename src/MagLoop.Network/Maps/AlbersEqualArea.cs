namespace MagLoop.Network.Maps;

/// <summary>An ellipsoid of revolution: semi-major axis and eccentricity.</summary>
/// <param name="SemiMajorAxisM">Equatorial radius a, metres.</param>
/// <param name="EccentricitySquared">First eccentricity squared e² (0 for a sphere).</param>
public sealed record Ellipsoid(double SemiMajorAxisM, double EccentricitySquared)
{
    /// <summary>GRS 80 (the NAD83 datum of the US state outlines): a = 6,378,137 m, 1/f = 298.257222101.</summary>
    public static Ellipsoid Grs80 { get; } = FromFlattening(6378137.0, 1 / 298.257222101);

    /// <summary>Clarke 1866 (NAD27), the ellipsoid of Snyder's worked example: a = 6,378,206.4 m, e² = 0.00676866.</summary>
    public static Ellipsoid Clarke1866 { get; } = new(6378206.4, 0.00676866);

    /// <summary>An ellipsoid from its semi-major axis and flattening f (e² = 2f - f²).</summary>
    public static Ellipsoid FromFlattening(double semiMajorAxisM, double flattening) =>
        new(semiMajorAxisM, (2 * flattening) - (flattening * flattening));
}

/// <summary>
/// Albers equal-area conic projection on the ellipsoid, from the formulas of Snyder (1987), "Map Projections: A
/// Working Manual", USGS Professional Paper 1395, pp. 98-103 (equations 14-3, 14-12 to 14-15, 3-12, 14-1, 14-2),
/// forward only. Areas on the map are true areas on the ellipsoid; scale is true along the two standard parallels.
/// </summary>
public sealed class AlbersEqualArea
{
    private readonly double _a, _e2, _e, _n, _c, _rho0, _lambda0Rad;

    /// <summary>A projection with the given standard parallels and origin (degrees) on an ellipsoid.</summary>
    public AlbersEqualArea(double standardParallel1Deg, double standardParallel2Deg, double originLatitudeDeg, double centralMeridianDeg, Ellipsoid ellipsoid)
    {
        ArgumentNullException.ThrowIfNull(ellipsoid);
        // Equal parallels (a tangent cone) make 14-14 0/0, symmetric ones a cylinder: neither is needed here.
        if (Math.Abs(standardParallel1Deg - standardParallel2Deg) < 1e-9 || Math.Abs(standardParallel1Deg + standardParallel2Deg) < 1e-9)
            throw new ArgumentException("the standard parallels must differ and must not be symmetric about the equator");
        _a = ellipsoid.SemiMajorAxisM;
        _e2 = ellipsoid.EccentricitySquared;
        _e = Math.Sqrt(_e2);
        double phi1 = Rad(standardParallel1Deg), phi2 = Rad(standardParallel2Deg);
        double m1 = M(phi1), m2 = M(phi2), q1 = Q(phi1), q2 = Q(phi2);
        _n = ((m1 * m1) - (m2 * m2)) / (q2 - q1); // 14-14
        _c = (m1 * m1) + (_n * q1); // 14-13
        _rho0 = Rho(Q(Rad(originLatitudeDeg))); // 14-12a
        _lambda0Rad = Rad(centralMeridianDeg);
        ConeConstant = _n;
    }

    /// <summary>
    /// USGS Albers for the contiguous US: standard parallels 29.5 N and 45.5 N, origin 23 N 96 W (Snyder 1987 p. 98),
    /// here on GRS 80.
    /// </summary>
    public static AlbersEqualArea ContiguousUs { get; } = new(29.5, 45.5, 23, -96, Ellipsoid.Grs80);

    /// <summary>The cone constant n (Snyder 14-14).</summary>
    public double ConeConstant { get; }

    /// <summary>Projects a point to metres east (x) and north (y) of the origin.</summary>
    public (double XM, double YM) Project(double latitudeDeg, double longitudeDeg)
    {
        var rho = Rho(Q(Rad(latitudeDeg))); // 14-12
        // Longitude difference wrapped to [-180, 180) so a point across the antimeridian lands on the right side.
        var dLambda = Rad(longitudeDeg) - _lambda0Rad;
        dLambda -= 2 * Math.PI * Math.Floor((dLambda + Math.PI) / (2 * Math.PI));
        var theta = _n * dLambda; // 14-4
        return (rho * Math.Sin(theta), _rho0 - (rho * Math.Cos(theta))); // 14-1, 14-2
    }

    private static double Rad(double deg) => deg * Math.PI / 180;

    private double Rho(double q) => _a * Math.Sqrt(_c - (_n * q)) / _n; // 14-12

    private double M(double phi) // 14-15
    {
        var s = Math.Sin(phi);
        return Math.Cos(phi) / Math.Sqrt(1 - (_e2 * s * s));
    }

    private double Q(double phi) // 3-12
    {
        var s = Math.Sin(phi);
        if (_e2 == 0) return 2 * s;
        return (1 - _e2) * ((s / (1 - (_e2 * s * s))) - (1 / (2 * _e) * Math.Log((1 - (_e * s)) / (1 + (_e * s)))));
    }
}
