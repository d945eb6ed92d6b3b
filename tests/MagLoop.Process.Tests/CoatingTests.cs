using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class CoatingTests
{
    private static MassStream Parts => Samples.DegassedPowder;

    [Theory]
    [InlineData(CoatingKind.Nickel, Component.Ni)]
    [InlineData(CoatingKind.Zinc, Component.Zn)]
    [InlineData(CoatingKind.Epoxy, Component.Polymer)]
    public void Coating_adds_its_material_per_kg_of_magnet(CoatingKind kind, Component material) =>
        Assert.Equal(0.01 * Parts.TotalKgPerYear, Process.Coating.Run(Parts, new(kind, 0.01)).CoatingMaterial[material], 1e-9);

    [Fact]
    public void Coated_parts_carry_the_coating() =>
        Assert.Equal(Parts[Component.Ni] + 0.01 * Parts.TotalKgPerYear, Process.Coating.Run(Parts, new(CoatingKind.Nickel, 0.01)).Coated[Component.Ni], 1e-9);

    [Fact]
    public void No_coating_adds_nothing() =>
        Assert.Equal(Parts, Process.Coating.Run(Parts, new(CoatingKind.None, 0.01)).Coated);

    [Theory]
    [InlineData(CoatingKind.None)]
    [InlineData(CoatingKind.Nickel)]
    [InlineData(CoatingKind.Zinc)]
    [InlineData(CoatingKind.Epoxy)]
    public void Mass_is_conserved_per_component(CoatingKind kind)
    {
        var result = Process.Coating.Run(Parts, new(kind, 0.02));

        Conservation.AssertConserved([Parts, result.CoatingMaterial], [result.Coated]);
    }
}
