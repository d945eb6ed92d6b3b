using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class InspectionTests
{
    private static MassStream Parts => Samples.DegassedPowder;

    [Fact]
    public void Inspection_rejects_the_stated_fraction() =>
        Assert.Equal(0.02 * Parts.TotalKgPerYear, Inspection.Run(Parts, new(0.02)).Rejects.TotalKgPerYear, 1e-9);

    [Fact]
    public void Accepted_magnets_are_the_rest() =>
        Assert.Equal(0.98 * Parts.TotalKgPerYear, Inspection.Run(Parts, new(0.02)).Magnets.TotalKgPerYear, 1e-9);

    [Fact]
    public void Rejects_have_the_composition_of_the_parts() =>
        Assert.Equal(0.02 * Parts[Component.Dy], Inspection.Run(Parts, new(0.02)).Rejects[Component.Dy], 1e-12);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.02)]
    [InlineData(1.0)]
    public void Mass_is_conserved_per_component(double rejectFraction)
    {
        var result = Inspection.Run(Parts, new(rejectFraction));

        Conservation.AssertConserved([Parts], [result.Magnets, result.Rejects]);
    }
}
