using System.Text.RegularExpressions;

namespace MagLoop.Materials.Tests;

public sealed class ScrapLibraryTests
{
    public static TheoryData<string> Ids => new(ScrapLibrary.All.Select(s => s.Id));

    private static ScrapType Type(string id) => ScrapLibrary.Find(id) ?? throw new InvalidOperationException($"no scrap type '{id}'");

    private static IEnumerable<(string Name, Sourced Figure)> SourcedFigures(ScrapType type) =>
        typeof(ScrapType).GetProperties()
            .Where(p => p.PropertyType == typeof(Sourced))
            .Select(p => (p.Name, (Sourced)p.GetValue(type)!));

    [Fact]
    public void Ids_are_unique() =>
        Assert.Equal(ScrapLibrary.All.Count, ScrapLibrary.All.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());

    [Theory]
    [MemberData(nameof(Ids))]
    public void Id_is_kebab_case(string id) =>
        Assert.Matches(new Regex("^[a-z0-9]+(-[a-z0-9]+)*$"), id);

    [Theory]
    [MemberData(nameof(Ids))]
    public void Find_returns_the_type_with_the_id(string id) =>
        Assert.Equal(id, ScrapLibrary.Find(id)?.Id);

    [Fact]
    public void Find_returns_null_for_an_unknown_id() =>
        Assert.Null(ScrapLibrary.Find("no-such-scrap"));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_sourced_figure_is_a_fraction_between_0_and_1(string id) =>
        Assert.All(SourcedFigures(Type(id)), f => Assert.InRange(f.Figure.Value, 0.0, 1.0));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_sourced_figure_has_a_source(string id) =>
        Assert.All(SourcedFigures(Type(id)), f => Assert.False(string.IsNullOrWhiteSpace(f.Figure.Source), f.Name));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Magnet_composition_has_a_source(string id) =>
        Assert.False(string.IsNullOrWhiteSpace(Type(id).MagnetCompositionSource));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Name_is_given(string id) =>
        Assert.False(string.IsNullOrWhiteSpace(Type(id).Name));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Rare_earth_content_of_the_magnet_lies_in_the_industry_window_of_28_to_35_wt_percent(string id) =>
        Assert.InRange(Type(id).MagnetComposition.RareEarthMassFraction, 0.28, 0.35);

    [Theory]
    [MemberData(nameof(Ids))]
    public void Boron_content_of_the_magnet_lies_in_the_industry_window_of_0_8_to_1_2_wt_percent(string id) =>
        Assert.InRange(Type(id).MagnetComposition[Component.B], 0.008, 0.012);

    [Theory]
    [MemberData(nameof(Ids))]
    public void Magnet_composition_holds_only_alloy_elements_without_oxygen(string id) =>
        Assert.All(Type(id).MagnetComposition.NonZero(), p => Assert.True(Components.IsMagnetAlloy(p.Key) && p.Key != Component.O, p.Key.ToString()));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Foreign_composition_holds_only_foreign_matter(string id) =>
        Assert.All(Type(id).ForeignComposition.NonZero(), p => Assert.True(Components.IsForeign(p.Key), p.Key.ToString()));

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_tonne_received_weighs_a_tonne(string id) =>
        Assert.Equal(1000.0, Type(id).AsReceived(1000.0).TotalKgPerYear, 1e-9);

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_tonne_received_holds_the_magnet_mass_fraction_of_magnet_alloy(string id)
    {
        var type = Type(id);

        Assert.Equal(type.MagnetMassFraction.Value * 1000.0, type.AsReceived(1000.0).KgPerYearOf(Components.IsMagnetAlloy), 1e-9);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_tonne_received_holds_its_coating_metal_in_proportion_to_the_magnet(string id)
    {
        var type = Type(id);
        var expected = type.Coating is CoatingKind.Nickel or CoatingKind.Zinc ? type.MagnetMassFraction.Value * 1000.0 * type.CoatingMassPerMagnetMass.Value : 0.0;

        Assert.Equal(expected, type.AsReceived(1000.0).KgPerYearOf(Components.IsCoatingMetal), 1e-9);
    }
}
