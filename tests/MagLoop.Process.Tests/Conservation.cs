using MagLoop.Materials;

namespace MagLoop.Process.Tests;

/// <summary>Assertions on mass balances shared by the unit-operation tests.</summary>
internal static class Conservation
{
    /// <summary>Relative closure demanded of a single unit operation.</summary>
    public const double UnitTolerance = 1e-12;

    /// <summary>Asserts that, component by component, what went in equals what came out to <paramref name="relative"/>.</summary>
    public static void AssertConserved(IEnumerable<MassStream> inputs, IEnumerable<MassStream> outputs, double relative = UnitTolerance)
    {
        var inflow = MassStream.Sum(inputs);
        var outflow = MassStream.Sum(outputs);
        Assert.All(Components.All, c =>
            Assert.True(Math.Abs(inflow[c] - outflow[c]) <= relative * inflow[c],
                $"{c}: in {inflow[c]:R} kg/yr, out {outflow[c]:R} kg/yr"));
    }

    /// <summary>Asserts that every component of <paramref name="stream"/> is finite and non-negative.</summary>
    public static bool IsNonNegative(MassStream stream) =>
        Components.All.All(c => double.IsFinite(stream[c]) && stream[c] >= 0);
}
