
namespace MagLoop.Materials.Tests;

public sealed class ComponentTests
{
    [Fact]
    public void Count_is_the_number_of_components() =>
        Assert.Equal(Components.Count, Enum.GetValues<Component>().Length);

    [Fact]
    public void All_lists_every_component_in_enum_order() =>
        Assert.Equal(Enum.GetValues<Component>(), Components.All);

    [Fact]
    public void Elements_exclude_the_lumped_materials() =>
        Assert.Equal(Components.All.Except([Component.Steel, Component.Polymer, Component.Other]), Components.Elements);

    [Fact]
    public void Rare_earths_are_Nd_Pr_Dy_Tb_and_Ce() =>
        Assert.Equal([Component.Nd, Component.Pr, Component.Dy, Component.Tb, Component.Ce], Components.RareEarths);

    [Fact]
    public void IsRareEarth_agrees_with_the_rare_earth_list() =>
        Assert.Equal(Components.RareEarths, Components.All.Where(Components.IsRareEarth));

    [Fact]
    public void Magnet_alloy_holds_the_alloy_elements_and_the_process_gases_but_not_coating_or_foreign_matter() =>
        Assert.Equal(
            [Component.Nd, Component.Pr, Component.Dy, Component.Tb, Component.Ce, Component.Fe, Component.Co, Component.B,
             Component.Cu, Component.Al, Component.Ga, Component.Nb, Component.O, Component.C, Component.H],
            Components.All.Where(Components.IsMagnetAlloy));

    [Fact]
    public void Coating_metals_are_Ni_and_Zn() =>
        Assert.Equal([Component.Ni, Component.Zn], Components.All.Where(Components.IsCoatingMetal));

    [Fact]
    public void Foreign_matter_is_Steel_Polymer_and_Other() =>
        Assert.Equal([Component.Steel, Component.Polymer, Component.Other], Components.All.Where(Components.IsForeign));

    [Fact]
    public void Every_component_is_exactly_one_of_alloy_coating_metal_or_foreign() =>
        Assert.All(Components.All, c => Assert.Equal(1,
            (Components.IsMagnetAlloy(c) ? 1 : 0) + (Components.IsCoatingMetal(c) ? 1 : 0) + (Components.IsForeign(c) ? 1 : 0)));

    [Theory]
    [InlineData(Component.Nd, 144.242)]
    [InlineData(Component.Fe, 55.845)]
    [InlineData(Component.B, 10.81)]
    [InlineData(Component.O, 15.999)]
    [InlineData(Component.H, 1.008)]
    [InlineData(Component.Dy, 162.500)]
    public void Molar_mass_is_the_IUPAC_standard_atomic_weight(Component component, double expectedGPerMol) =>
        Assert.Equal(expectedGPerMol, Components.MolarMassGPerMol(component));

    [Fact]
    public void Every_element_has_a_finite_positive_molar_mass() =>
        Assert.All(Components.Elements, c => Assert.True(double.IsFinite(Components.MolarMassGPerMol(c)) && Components.MolarMassGPerMol(c) > 0, c.ToString()));

    [Theory]
    [InlineData(Component.Steel)]
    [InlineData(Component.Polymer)]
    [InlineData(Component.Other)]
    public void Lumped_materials_have_no_molar_mass(Component component) =>
        Assert.Throws<ArgumentException>(() => Components.MolarMassGPerMol(component));

    [Theory]
    [InlineData("Nd", Component.Nd)]
    [InlineData("nd", Component.Nd)]
    [InlineData("ND", Component.Nd)]
    [InlineData(" Fe ", Component.Fe)]
    [InlineData("steel", Component.Steel)]
    [InlineData("Other", Component.Other)]
    public void TryParse_reads_symbols_case_insensitively(string symbol, Component expected)
    {
        Assert.True(Components.TryParse(symbol, out var component));
        Assert.Equal(expected, component);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5")]
    [InlineData("19")]
    [InlineData("-1")]
    [InlineData("+3")]
    [InlineData(" 7 ")]
    public void TryParse_rejects_numbers(string symbol) =>
        Assert.False(Components.TryParse(symbol, out _));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Xx")]
    [InlineData("Neodymium")]
    public void TryParse_rejects_unknown_symbols(string symbol) =>
        Assert.False(Components.TryParse(symbol, out _));

    [Theory]
    [InlineData("Nd,Fe")]
    [InlineData("Pr, Dy")]
    [InlineData("Nd Fe")]
    public void TryParse_rejects_a_list_of_symbols(string symbol) =>
        Assert.False(Components.TryParse(symbol, out _));
}
