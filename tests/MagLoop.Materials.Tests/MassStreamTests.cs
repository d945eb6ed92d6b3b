using CsCheck;

namespace MagLoop.Materials.Tests;

public sealed class MassStreamTests
{
    private static MassStream Alloy(double kgPerYear) =>
        MassStream.Of(Composition.ParseWeightPercent("Nd=23,Pr=6.5,Dy=1.5,Co=1,B=0.95,Cu=0.1,Al=0.2,Fe=bal"), kgPerYear);

    // A random stream: each component 0 or up to 1e6 kg/yr.
    private static readonly Gen<MassStream> GenStream =
        Gen.Double[0.0, 1e6].Array[Components.Count].Select(values =>
            MassStream.FromKgPerYear(values.Select((kg, i) => KeyValuePair.Create((Component)i, i % 3 == 0 ? 0.0 : kg))));

    // --- construction ---

    [Fact]
    public void Empty_stream_carries_no_mass() =>
        Assert.Equal(0.0, MassStream.Empty.TotalKgPerYear);

    [Fact]
    public void Empty_stream_is_empty() =>
        Assert.True(MassStream.Empty.IsEmpty);

    [Fact]
    public void Stream_of_a_composition_carries_the_total() =>
        Assert.Equal(1234.5, Alloy(1234.5).TotalKgPerYear, 1e-12);

    [Fact]
    public void Stream_of_a_composition_splits_the_total_by_mass_fraction() =>
        Assert.Equal(230.0, Alloy(1000.0)[Component.Nd], 1e-12);

    [Fact]
    public void Total_in_tonnes_is_the_total_in_kg_over_1000() =>
        Assert.Equal(1.2345, Alloy(1234.5).TotalTonnesPerYear, 1e-15);

    [Fact]
    public void Pure_stream_holds_one_component_only()
    {
        var stream = MassStream.Pure(Component.H, 3.0);

        Assert.Equal(3.0, stream.TotalKgPerYear);
        Assert.Equal(3.0, stream[Component.H]);
    }

    [Fact]
    public void FromKgPerYear_adds_repeated_components() =>
        Assert.Equal(5.0, MassStream.FromKgPerYear([KeyValuePair.Create(Component.Fe, 2.0), KeyValuePair.Create(Component.Fe, 3.0)])[Component.Fe]);

    [Fact]
    public void Repeated_components_that_overflow_are_refused() =>
        Assert.Throws<InvalidOperationException>(() => MassStream.FromKgPerYear([KeyValuePair.Create(Component.Fe, double.MaxValue), KeyValuePair.Create(Component.Fe, double.MaxValue)]));

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Negative_or_non_finite_flow_is_refused(double kgPerYear) =>
        Assert.Throws<InvalidOperationException>(() => MassStream.Pure(Component.Fe, kgPerYear));

    [Fact]
    public void Stream_of_a_negative_total_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => Alloy(-1.0));

    // --- arithmetic ---

    [Fact]
    public void Addition_adds_each_component()
    {
        var sum = MassStream.Pure(Component.Fe, 2.0) + MassStream.Pure(Component.Fe, 3.0) + MassStream.Pure(Component.Nd, 1.0);

        Assert.Equal(MassStream.FromKgPerYear([KeyValuePair.Create(Component.Fe, 5.0), KeyValuePair.Create(Component.Nd, 1.0)]), sum);
    }

    [Fact]
    public void Sum_of_no_streams_is_empty() =>
        Assert.True(MassStream.Sum([]).IsEmpty);

    [Fact]
    public void Sum_equals_repeated_addition() =>
        Assert.Equal(Alloy(1.0) + Alloy(2.0) + Alloy(3.0), MassStream.Sum([Alloy(1.0), Alloy(2.0), Alloy(3.0)]));

    [Fact]
    public void Addition_that_overflows_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => MassStream.Pure(Component.Fe, double.MaxValue) + MassStream.Pure(Component.Fe, double.MaxValue));

    [Fact]
    public void Subtraction_subtracts_each_component() =>
        Assert.Equal(MassStream.Pure(Component.Fe, 2.0), MassStream.Pure(Component.Fe, 5.0) - MassStream.Pure(Component.Fe, 3.0));

    [Fact]
    public void Subtraction_that_goes_negative_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => MassStream.Pure(Component.Fe, 1.0) - MassStream.Pure(Component.Fe, 1.1));

    [Fact]
    public void Subtracting_a_component_that_is_absent_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => MassStream.Pure(Component.Fe, 1.0) - MassStream.Pure(Component.Nd, 0.001));

    [Fact]
    public void Subtraction_clamps_round_off_below_zero_to_zero()
    {
        var left = MassStream.Pure(Component.Fe, 0.3);
        var right = MassStream.Pure(Component.Fe, 0.1) + MassStream.Pure(Component.Fe, 0.2); // 0.30000000000000004

        Assert.Equal(0.0, (left - right)[Component.Fe]);
    }

    [Fact]
    public void Subtraction_undoes_addition() =>
        Assert.True((Alloy(5.0) + Alloy(3.0) - Alloy(3.0)).AgreesWith(Alloy(5.0), 1e-15));

    [Fact]
    public void Multiplication_scales_each_component() =>
        Assert.Equal(690.0, (Alloy(1000.0) * 3.0)[Component.Nd], 1e-12);

    [Fact]
    public void Multiplication_commutes() =>
        Assert.Equal(Alloy(1000.0) * 0.3, 0.3 * Alloy(1000.0));

    [Fact]
    public void Multiplication_by_zero_empties_the_stream() =>
        Assert.True((Alloy(1000.0) * 0.0).IsEmpty);

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Scaling_by_a_negative_or_non_finite_factor_is_refused(double factor) =>
        Assert.Throws<InvalidOperationException>(() => Alloy(1000.0) * factor);

    [Fact]
    public void Scaling_that_overflows_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => MassStream.Pure(Component.Fe, double.MaxValue) * 2.0);

    [Fact]
    public void Named_operations_equal_the_operators()
    {
        var a = Alloy(10.0);
        var b = Alloy(4.0);

        Assert.Equal([a + b, a - b, a * 2.0], [a.Add(b), a.Subtract(b), a.Multiply(2.0)]);
    }

    // --- split ---

    [Fact]
    public void Split_gives_the_first_part_the_fraction_of_each_component()
    {
        var stream = Alloy(1000.0);

        var (taken, _) = stream.Split(c => c == Component.Nd ? 0.5 : 0.1);

        Assert.Equal(0.5 * stream[Component.Nd], taken[Component.Nd]);
    }

    [Fact]
    public void Split_conserves_every_component()
    {
        var stream = Alloy(1000.0) + MassStream.Pure(Component.Steel, 77.7);

        var (taken, remainder) = stream.Split(c => ((int)c % 7) / 6.0);

        Assert.All(Components.All, c => Assert.Equal(stream[c], taken[c] + remainder[c], 1e-12 * stream[c]));
    }

    [Fact]
    public void Split_conserves_every_component_for_any_stream_and_fractions() =>
        Gen.Select(GenStream, Gen.Double[0.0, 1.0].Array[Components.Count]).Sample((stream, fractions) =>
        {
            var (taken, remainder) = stream.Split(c => fractions[(int)c]);
            foreach (var c in Components.All)
                if (Math.Abs(taken[c] + remainder[c] - stream[c]) > 1e-15 * stream[c])
                    throw new InvalidOperationException($"{c}: {taken[c]} + {remainder[c]} != {stream[c]}");
        }, iter: 200);

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Split_refuses_a_fraction_outside_0_to_1(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Alloy(1000.0).Split(_ => fraction));

    // --- selection and queries ---

    [Fact]
    public void Where_keeps_only_the_chosen_components() =>
        Assert.Equal(Alloy(1000.0).KgPerYearOf(Components.IsRareEarth), Alloy(1000.0).Where(Components.IsRareEarth).TotalKgPerYear);

    [Fact]
    public void KgPerYearOf_sums_the_chosen_components() =>
        Assert.Equal(310.0, Alloy(1000.0).KgPerYearOf(Components.IsRareEarth), 1e-12);

    [Fact]
    public void With_replaces_one_component() =>
        Assert.Equal(7.0, Alloy(1000.0).With(Component.Nd, 7.0)[Component.Nd]);

    [Fact]
    public void With_refuses_a_negative_flow() =>
        Assert.Throws<InvalidOperationException>(() => Alloy(1000.0).With(Component.Nd, -7.0));

    [Fact]
    public void Composition_of_a_stream_round_trips() =>
        Assert.Equal(0.23, Alloy(1000.0).Composition[Component.Nd], 1e-15);

    [Fact]
    public void AgreesWith_compares_each_component_to_its_own_flow()
    {
        var bulk = MassStream.Pure(Component.Fe, 1000.0);
        // A trace component that doubles is a disagreement even though the totals barely differ.
        Assert.False((bulk + MassStream.Pure(Component.H, 1e-6)).AgreesWith(bulk + MassStream.Pure(Component.H, 2e-6), 1e-3));
        Assert.True(MassStream.Pure(Component.Fe, 10.0).AgreesWith(MassStream.Pure(Component.Fe, 9.0), 0.1));
        Assert.False(MassStream.Pure(Component.Fe, 10.0).AgreesWith(MassStream.Pure(Component.Fe, 9.0), 0.09));
    }

    [Fact]
    public void Two_empty_streams_agree() =>
        Assert.True(MassStream.Empty.AgreesWith(MassStream.Empty, 0));

    // --- equality and text ---

    [Fact]
    public void Streams_with_equal_flows_are_equal() =>
        Assert.Equal(Alloy(10.0), Alloy(10.0));

    [Fact]
    public void Equal_streams_have_equal_hash_codes() =>
        Assert.Equal(Alloy(10.0).GetHashCode(), Alloy(10.0).GetHashCode());

    [Fact]
    public void Streams_with_different_flows_differ() =>
        Assert.NotEqual(Alloy(10.0), Alloy(10.5));

    [Fact]
    public void ToString_states_tonnes_per_year() =>
        Assert.Equal("1.234 t/yr", MassStream.Pure(Component.Fe, 1234.0).ToString());
}
