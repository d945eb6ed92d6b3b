
namespace MagLoop.Materials.Tests;

public sealed class CompositionTests
{
    // Sheridan 2014: the HDD magnet alloy, Nd13.4 Dy0.7 Fe78.6 Al0.7 Nb0.4 B6.3 at%.
    private static KeyValuePair<Component, double>[] HddAtomicPercent =>
    [
        KeyValuePair.Create(Component.Nd, 13.4), KeyValuePair.Create(Component.Dy, 0.7), KeyValuePair.Create(Component.Fe, 78.6),
        KeyValuePair.Create(Component.Al, 0.7), KeyValuePair.Create(Component.Nb, 0.4), KeyValuePair.Create(Component.B, 6.3),
    ];

    private static KeyValuePair<Component, double> F(Component component, double value) => KeyValuePair.Create(component, value);

    // --- atomic and mass percentages ---

    [Fact]
    public void Hdd_alloy_in_atomic_percent_holds_about_29_5_wt_percent_Nd() =>
        Assert.Equal(29.463, Composition.FromAtomicPercent(HddAtomicPercent).WeightPercent(Component.Nd), 3);

    [Fact]
    public void Hdd_alloy_in_atomic_percent_holds_about_1_04_wt_percent_B() =>
        Assert.Equal(1.038, Composition.FromAtomicPercent(HddAtomicPercent).WeightPercent(Component.B), 3);

    [Fact]
    public void Nd2Fe14B_holds_26_7_wt_percent_Nd()
    {
        var phase = Composition.FromAtomicPercent([F(Component.Nd, 2), F(Component.Fe, 14), F(Component.B, 1)]);
        // 2 x 144.242 / (2 x 144.242 + 14 x 55.845 + 10.81) = 288.484 / 1081.124 = 0.266837
        Assert.Equal(0.266837, phase[Component.Nd], 6);
    }

    [Fact]
    public void Atomic_percent_round_trips_through_mass_fractions()
    {
        // Sheridan's figures add up to 100.1 at%; the round trip returns them scaled to 100.
        var sum = HddAtomicPercent.Sum(p => p.Value);

        var atomic = Composition.FromAtomicPercent(HddAtomicPercent).ToAtomicPercent();

        Assert.All(HddAtomicPercent, p => Assert.Equal(100.0 * p.Value / sum, atomic[p.Key], 1e-12));
    }

    [Fact]
    public void Mass_fractions_round_trip_through_atomic_percent()
    {
        var original = Composition.WithBalance([F(Component.Nd, 0.21), F(Component.Pr, 0.06), F(Component.Dy, 0.04), F(Component.B, 0.0095), F(Component.Co, 0.01)], Component.Fe);

        var roundTrip = Composition.FromAtomicPercent(original.ToAtomicPercent());

        Assert.All(Components.All, c => Assert.Equal(original[c], roundTrip[c], 1e-14));
    }

    [Fact]
    public void Atomic_percentages_sum_to_100() =>
        Assert.Equal(100.0, Composition.FromAtomicPercent(HddAtomicPercent).ToAtomicPercent().Values.Sum(), 1e-12);

    [Fact]
    public void Atomic_percent_leaves_out_lumped_materials()
    {
        var composition = Composition.FromMassFractions([F(Component.Fe, 0.5), F(Component.Steel, 0.5)]);

        Assert.DoesNotContain(Component.Steel, composition.ToAtomicPercent().Keys);
    }

    [Fact]
    public void Atomic_percent_of_only_lumped_materials_is_refused() =>
        Assert.Throws<MaterialsException>(() => Composition.FromMassFractions([F(Component.Steel, 1.0)]).ToAtomicPercent());

    [Fact]
    public void Atomic_composition_with_no_positive_amount_is_refused() =>
        Assert.Throws<MaterialsException>(() => Composition.FromAtomicPercent([F(Component.Nd, 0.0)]));

    [Fact]
    public void Atomic_composition_with_a_negative_amount_is_refused() =>
        Assert.Throws<MaterialsException>(() => Composition.FromAtomicPercent([F(Component.Nd, 20), F(Component.Fe, 85), F(Component.B, -5)]));

    // --- validation of mass fractions ---

    [Fact]
    public void Negative_mass_fraction_is_refused() =>
        Assert.Throws<MaterialsException>(() => Composition.FromMassFractions([F(Component.Nd, -0.1), F(Component.Fe, 1.1)]));

    [Fact]
    public void NaN_mass_fraction_is_refused() =>
        Assert.Throws<MaterialsException>(() => Composition.FromMassFractions([F(Component.Nd, double.NaN), F(Component.Fe, 1.0)]));

    [Fact]
    public void Infinite_mass_fraction_is_refused() =>
        Assert.Throws<MaterialsException>(() => Composition.FromMassFractions([F(Component.Fe, double.PositiveInfinity)]));

    [Theory]
    [InlineData(0.998)]
    [InlineData(1.0011)]
    [InlineData(0.5)]
    [InlineData(0.0)]
    public void Mass_fractions_summing_to_other_than_1_beyond_tolerance_are_refused(double sum) =>
        Assert.Throws<MaterialsException>(() => Composition.FromMassFractions([F(Component.Nd, 0.3 * sum), F(Component.Fe, 0.7 * sum)]));

    [Theory]
    [InlineData(0.9991)]
    [InlineData(1.0009)]
    public void Mass_fractions_within_tolerance_are_normalised_to_sum_1(double sum)
    {
        var composition = Composition.FromMassFractions([F(Component.Nd, 0.3 * sum), F(Component.Fe, 0.7 * sum)]);

        Assert.Equal(1.0, composition.NonZero().Sum(p => p.Value), 1e-15);
    }

    [Fact]
    public void Normalisation_keeps_the_ratios_of_the_fractions()
    {
        var composition = Composition.FromMassFractions([F(Component.Nd, 0.3 * 1.0005), F(Component.Fe, 0.7 * 1.0005)]);

        Assert.Equal(0.3, composition[Component.Nd], 1e-15);
    }

    [Fact]
    public void Components_not_named_are_zero() =>
        Assert.Equal(0.0, Composition.FromMassFractions([F(Component.Fe, 1.0)])[Component.Nd]);

    [Fact]
    public void Repeated_components_add_up()
    {
        var composition = Composition.FromMassFractions([F(Component.Nd, 0.1), F(Component.Nd, 0.2), F(Component.Fe, 0.7)]);

        Assert.Equal(0.3, composition[Component.Nd], 1e-15);
    }

    [Fact]
    public void FromWeightPercent_divides_by_100() =>
        Assert.Equal(0.235, Composition.FromWeightPercent([F(Component.Nd, 23.5), F(Component.Fe, 76.5)])[Component.Nd], 1e-15);

    [Fact]
    public void Rare_earth_mass_fraction_sums_Nd_Pr_Dy_Tb_and_Ce()
    {
        var composition = Composition.WithBalance(
            [F(Component.Nd, 0.2), F(Component.Pr, 0.05), F(Component.Dy, 0.03), F(Component.Tb, 0.01), F(Component.Ce, 0.02), F(Component.Co, 0.1)],
            Component.Fe);

        Assert.Equal(0.31, composition.RareEarthMassFraction, 1e-15);
    }

    // --- balance ---

    [Fact]
    public void Balance_component_takes_what_the_others_leave() =>
        Assert.Equal(0.7, Composition.WithBalance([F(Component.Nd, 0.25), F(Component.B, 0.05)], Component.Fe)[Component.Fe], 1e-15);

    [Fact]
    public void Balance_component_cannot_also_be_given() =>
        Assert.Throws<MaterialsException>(() => Composition.WithBalance([F(Component.Nd, 0.3), F(Component.Fe, 0.2)], Component.Fe));

    [Fact]
    public void Balance_is_refused_when_the_others_exceed_1() =>
        Assert.Throws<MaterialsException>(() => Composition.WithBalance([F(Component.Nd, 0.6), F(Component.Pr, 0.5)], Component.Fe));

    [Fact]
    public void Balance_is_zero_when_the_others_exceed_1_within_tolerance() =>
        Assert.Equal(0.0, Composition.WithBalance([F(Component.Nd, 0.6), F(Component.Pr, 0.4005)], Component.Fe)[Component.Fe]);

    [Fact]
    public void Balance_refuses_a_negative_fraction_among_the_others() =>
        Assert.Throws<MaterialsException>(() => Composition.WithBalance([F(Component.Nd, -0.1)], Component.Fe));

    // --- parsing ---

    [Fact]
    public void ParseWeightPercent_reads_a_composition_with_a_balance()
    {
        var composition = Composition.ParseWeightPercent("Nd=23.5,Pr=6,B=0.95,Fe=bal");

        Assert.Equal(69.55, composition.WeightPercent(Component.Fe), 1e-12);
    }

    [Fact]
    public void ParseWeightPercent_reads_the_given_values_as_wt_percent() =>
        Assert.Equal(0.235, Composition.ParseWeightPercent("Nd=23.5,Pr=6,B=0.95,Fe=bal")[Component.Nd], 1e-15);

    [Fact]
    public void ParseWeightPercent_ignores_case_and_spaces() =>
        Assert.Equal(
            Composition.ParseWeightPercent("Nd=30,Fe=bal"),
            Composition.ParseWeightPercent(" nd = 30 , FE = BAL "));

    [Fact]
    public void ParseWeightPercent_accepts_values_summing_to_100_without_a_balance() =>
        Assert.Equal(0.7, Composition.ParseWeightPercent("Nd=30,Fe=70")[Component.Fe], 1e-15);

    [Fact]
    public void ParseWeightPercent_refuses_a_component_given_twice()
    {
        var e = Assert.Throws<MaterialsException>(() => Composition.ParseWeightPercent("Nd=23.5,Nd=5,Fe=bal"));
        Assert.Contains("Nd is given twice", e.Message, StringComparison.Ordinal);
        Assert.Throws<MaterialsException>(() => Composition.ParseWeightPercent("Nd=30,Fe=bal,Fe=2"));
    }

    [Fact]
    public void ParseWeightPercent_accepts_a_balance_alone() =>
        Assert.Equal(1.0, Composition.ParseWeightPercent("Fe=bal")[Component.Fe]);

    [Fact]
    public void ParseWeightPercent_refuses_an_unknown_element() =>
        Assert.Throws<MaterialsException>(() => Composition.ParseWeightPercent("Nd=30,Xx=1,Fe=bal"));

    [Fact]
    public void ParseWeightPercent_refuses_two_balances() =>
        Assert.Throws<MaterialsException>(() => Composition.ParseWeightPercent("Nd=30,Fe=bal,Co=bal"));

    [Fact]
    public void ParseWeightPercent_refuses_values_not_summing_to_100_without_a_balance() =>
        Assert.Throws<MaterialsException>(() => Composition.ParseWeightPercent("Nd=30,Fe=60"));

    [Fact]
    public void ParseWeightPercent_refuses_a_value_that_is_not_a_number() =>
        Assert.Throws<MaterialsException>(() => Composition.ParseWeightPercent("Nd=thirty,Fe=bal"));

    [Fact]
    public void ParseWeightPercent_refuses_a_part_without_an_equals_sign() =>
        Assert.Throws<MaterialsException>(() => Composition.ParseWeightPercent("Nd:30,Fe=bal"));

    [Fact]
    public void ParseWeightPercent_refuses_a_numeric_component_name() =>
        Assert.Throws<MaterialsException>(() => Composition.ParseWeightPercent("0=30,Fe=bal"));

    [Fact]
    public void ParseWeightPercent_refuses_an_empty_text() =>
        Assert.Throws<MaterialsException>(() => Composition.ParseWeightPercent(""));

    [Fact]
    public void ParseWeightPercent_refuses_a_NaN_value() =>
        Assert.Throws<MaterialsException>(() => Composition.ParseWeightPercent("Nd=NaN,Fe=bal"));

    [Fact]
    public void ParseWeightPercent_refuses_a_negative_value() =>
        Assert.Throws<MaterialsException>(() => Composition.ParseWeightPercent("Nd=-5,Fe=bal"));

    // --- composition of a stream, equality, text ---

    [Fact]
    public void Composition_of_a_stream_is_its_mass_fractions() =>
        Assert.Equal(0.25, Composition.Of(MassStream.Pure(Component.Nd, 1.0) + MassStream.Pure(Component.Fe, 3.0))[Component.Nd]);

    [Fact]
    public void Empty_stream_has_no_composition() =>
        Assert.Throws<MaterialsException>(() => Composition.Of(MassStream.Empty));

    [Fact]
    public void Compositions_with_the_same_fractions_are_equal() =>
        Assert.Equal(Composition.ParseWeightPercent("Nd=30,Fe=bal"), Composition.FromMassFractions([F(Component.Fe, 0.7), F(Component.Nd, 0.3)]));

    [Fact]
    public void Equal_compositions_have_equal_hash_codes() =>
        Assert.Equal(Composition.ParseWeightPercent("Nd=30,Fe=bal").GetHashCode(), Composition.ParseWeightPercent("Fe=70,Nd=30").GetHashCode());

    [Fact]
    public void Compositions_with_different_fractions_differ() =>
        Assert.NotEqual(Composition.ParseWeightPercent("Nd=30,Fe=bal"), Composition.ParseWeightPercent("Nd=31,Fe=bal"));

    [Fact]
    public void NonZero_lists_only_present_components_in_component_order() =>
        Assert.Equal([Component.Nd, Component.Fe, Component.B], Composition.ParseWeightPercent("B=1,Fe=bal,Nd=30").NonZero().Select(p => p.Key));

    [Fact]
    public void ToString_lists_weight_percentages() =>
        Assert.Equal("Nd=30 Fe=69 B=1 wt%", Composition.ParseWeightPercent("Nd=30,B=1,Fe=bal").ToString());

    [Fact]
    public void Atomic_percent_of_a_lumped_material_is_a_materials_error() =>
        Assert.Throws<MaterialsException>(() => Composition.FromAtomicPercent([KeyValuePair.Create(Component.Steel, 100.0)]));
}
