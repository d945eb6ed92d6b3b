using CsCheck;
using MagLoop.Network.Maps;

namespace MagLoop.Network.Tests.Maps;

public class AlbersEqualAreaTests
{
    [Fact]
    public void The_origin_maps_to_zero()
    {
        var (x, y) = AlbersEqualArea.ContiguousUs.Project(23, -96);
        Assert.Equal(0, x, 1e-6);
        Assert.Equal(0, y, 1e-6);
    }

    // Snyder (1987) Appendix A, Albers conical equal-area, ellipsoid: Clarke 1866, standard parallels 29.5 and
    // 45.5 N, origin 23 N 96 W; the point 35 N 75 W gives n = 0.6029035, x = 1,885,472.7 m, y = 1,535,925.0 m.
    [Fact]
    public void Snyders_ellipsoidal_worked_example()
    {
        var albers = new AlbersEqualArea(29.5, 45.5, 23, -96, Ellipsoid.Clarke1866);
        var (x, y) = albers.Project(35, -75);
        Assert.Equal(0.6029035, albers.ConeConstant, 1e-7);
        Assert.Equal(1_885_472.7, x, 0.1);
        Assert.Equal(1_535_925.0, y, 0.1);
    }

    // Snyder (1987) Appendix A, the same projection on the sphere of radius 1: x = 0.2952720, y = 0.2416774.
    [Fact]
    public void Snyders_spherical_worked_example()
    {
        var albers = new AlbersEqualArea(29.5, 45.5, 23, -96, new Ellipsoid(1, 0));
        var (x, y) = albers.Project(35, -75);
        Assert.Equal(0.6028370, albers.ConeConstant, 1e-7);
        Assert.Equal(0.2952720, x, 1e-7);
        Assert.Equal(0.2416774, y, 1e-7);
    }

    [Fact]
    public void Symmetric_about_the_central_meridian_and_north_is_up()
    {
        var p = AlbersEqualArea.ContiguousUs;
        var (xe, ye) = p.Project(40, -86);
        var (xw, yw) = p.Project(40, -106);
        Assert.Equal(-xe, xw, 1e-6);
        Assert.Equal(ye, yw, 1e-6);
        Assert.True(p.Project(45, -96).YM > p.Project(30, -96).YM);
    }

    // Equal area: the Jacobian of (x, y) with respect to (latitude, longitude) equals the ellipsoid's area element
    // M N cos(phi) (meridian and prime-vertical radii), checked by central differences over the contiguous US.
    [Fact]
    public void Preserves_area_everywhere_in_the_contiguous_us()
    {
        var p = AlbersEqualArea.ContiguousUs;
        var e = Ellipsoid.Grs80;
        Gen.Select(Gen.Double[24, 50], Gen.Double[-125, -66]).Sample((lat, lon) =>
        {
            const double h = 1e-4; // degrees
            var (xn, yn) = p.Project(lat + h, lon);
            var (xs, ys) = p.Project(lat - h, lon);
            var (xe, ye) = p.Project(lat, lon + h);
            var (xw, yw) = p.Project(lat, lon - h);
            var d = 2 * h * Math.PI / 180;
            double dxdPhi = (xn - xs) / d, dydPhi = (yn - ys) / d, dxdLam = (xe - xw) / d, dydLam = (ye - yw) / d;
            var jacobian = Math.Abs((dxdPhi * dydLam) - (dydPhi * dxdLam));
            var phi = lat * Math.PI / 180;
            var w = 1 - (e.EccentricitySquared * Math.Sin(phi) * Math.Sin(phi));
            var meridian = e.SemiMajorAxisM * (1 - e.EccentricitySquared) / Math.Pow(w, 1.5);
            var primeVertical = e.SemiMajorAxisM / Math.Sqrt(w);
            var element = meridian * primeVertical * Math.Cos(phi);
            Assert.True(Math.Abs(jacobian / element - 1) < 1e-6, $"area scale {jacobian / element} at {lat}, {lon}");
        });
    }

    [Fact]
    public void Scale_is_true_on_the_standard_parallels()
    {
        // Along a parallel, k = n rho / (a m): measure it as the projected length of a small step in longitude.
        var p = AlbersEqualArea.ContiguousUs;
        var e = Ellipsoid.Grs80;
        foreach (var lat in new[] { 29.5, 45.5 })
        {
            const double h = 1e-4;
            var (x1, y1) = p.Project(lat, -96 - h);
            var (x2, y2) = p.Project(lat, -96 + h);
            var phi = lat * Math.PI / 180;
            var ground = 2 * h * Math.PI / 180 * e.SemiMajorAxisM * Math.Cos(phi) / Math.Sqrt(1 - (e.EccentricitySquared * Math.Sin(phi) * Math.Sin(phi)));
            Assert.Equal(1, Math.Sqrt(((x2 - x1) * (x2 - x1)) + ((y2 - y1) * (y2 - y1))) / ground, 1e-7);
        }
    }
}
