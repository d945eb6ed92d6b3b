
namespace MagLoop.Materials.Tests;

public sealed class ScrapTypeTests
{
    // A made-up scrap type with round numbers, so expected flows can be worked out by hand.
    private static ScrapType Sample(double magnetMassFraction = 0.4, double coatingPerMagnet = 0.05, CoatingKind coating = CoatingKind.Nickel) => new()
    {
        Id = "test-scrap",
        Name = "Test scrap",
        MagnetMassFraction = new(magnetMassFraction, "test"),
        MagnetComposition = Composition.ParseWeightPercent("Nd=30,B=1,Fe=bal"),
        MagnetCompositionSource = "test",
        OxygenMassFraction = new(0.01, "test"),
        Coating = coating,
        CoatingMassPerMagnetMass = new(coatingPerMagnet, "test"),
        ForeignComposition = ScrapLibrary.Foreign(steel: 0.5, polymer: 0.3, other: 0.2),
        SpokeMagnetRecovery = new(0.9, "test"),
        SpokeForeignRemoval = new(0.5, "test"),
        HpmsExtractionYield = new(0.9, "test"),
    };

    [Fact]
    public void Magnet_alloy_with_oxygen_holds_the_oxygen_fraction() =>
        Assert.Equal(0.01, Sample().MagnetAlloyWithOxygen[Component.O], 1e-15);

    [Fact]
    public void Oxygen_dilutes_the_magnet_alloy() =>
        Assert.Equal(0.30 * 0.99, Sample().MagnetAlloyWithOxygen[Component.Nd], 1e-15);

    [Fact]
    public void As_received_scrap_carries_the_mass_received() =>
        Assert.Equal(1000.0, Sample().AsReceived(1000.0).TotalKgPerYear, 1e-12);

    [Fact]
    public void As_received_scrap_holds_the_magnet_mass_fraction_as_alloy() =>
        Assert.Equal(400.0, Sample().AsReceived(1000.0).KgPerYearOf(Components.IsMagnetAlloy), 1e-12);

    [Fact]
    public void As_received_scrap_holds_the_oxygen_of_the_alloy() =>
        Assert.Equal(4.0, Sample().AsReceived(1000.0)[Component.O], 1e-12);

    [Fact]
    public void As_received_scrap_holds_the_coating_per_magnet_mass() =>
        Assert.Equal(20.0, Sample().AsReceived(1000.0)[Component.Ni], 1e-12);

    [Fact]
    public void As_received_scrap_splits_the_rest_by_the_foreign_composition() =>
        Assert.Equal(0.5 * (1000.0 - 400.0 - 20.0), Sample().AsReceived(1000.0)[Component.Steel], 1e-12);

    [Theory]
    [InlineData(CoatingKind.Zinc, Component.Zn)]
    [InlineData(CoatingKind.Nickel, Component.Ni)]
    public void Metal_coatings_arrive_as_their_metal(CoatingKind kind, Component metal) =>
        Assert.Equal(20.0, Sample(coating: kind).AsReceived(1000.0)[metal], 1e-12);

    [Fact]
    public void Epoxy_coating_arrives_as_polymer() =>
        Assert.Equal(20.0 + 0.3 * 580.0, Sample(coating: CoatingKind.Epoxy).AsReceived(1000.0)[Component.Polymer], 1e-12);

    [Fact]
    public void Scrap_whose_magnet_and_coating_exceed_its_mass_is_refused() =>
        Assert.Throws<MaterialsException>(() => Sample(magnetMassFraction: 0.99, coatingPerMagnet: 0.05).AsReceived(1000.0));

    [Fact]
    public void Scrap_that_is_all_magnet_has_no_foreign_matter() =>
        Assert.Equal(0.0, Sample(magnetMassFraction: 1.0, coatingPerMagnet: 0.0).AsReceived(1000.0).KgPerYearOf(Components.IsForeign));

    [Fact]
    public void No_scrap_received_is_an_empty_stream() =>
        Assert.True(Sample().AsReceived(0.0).IsEmpty);

    [Theory]
    [InlineData(CoatingKind.Nickel, Component.Ni)]
    [InlineData(CoatingKind.Zinc, Component.Zn)]
    [InlineData(CoatingKind.Epoxy, Component.Polymer)]
    public void Coating_material_is_the_coating_component(CoatingKind kind, Component component) =>
        Assert.Equal(MassStream.Pure(component, 2.5), Coatings.Material(kind, 2.5));

    [Fact]
    public void No_coating_has_no_material() =>
        Assert.True(Coatings.Material(CoatingKind.None, 2.5).IsEmpty);
}
