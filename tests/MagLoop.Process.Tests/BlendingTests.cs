using CsCheck;
using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class BlendingTests
{
    private const double Unlimited = double.PositiveInfinity;

    private static Blending.Parameters Parameters(double target = 0.30, double capacityKgPerYear = Unlimited) =>
        new(Samples.NdPr, target, capacityKgPerYear);

    // Free RE of a blend: all its RE less what all its oxygen binds.
    private static double FreeRareEarthFraction(Blending.Result result) => Blending.FreeRareEarthFraction(result.Blend);

    [Fact]
    public void Oxygen_in_the_fresh_addition_binds_its_own_rare_earth_and_more_is_added()
    {
        var oxidisedNdPr = Composition.FromMassFractions([
            KeyValuePair.Create(Component.Nd, 0.745), KeyValuePair.Create(Component.Pr, 0.25), KeyValuePair.Create(Component.O, 0.005)]);
        var clean = Blending.FreshKgPerKgPowder(Samples.DegassedPowder, Parameters());
        var oxidised = Blending.FreshKgPerKgPowder(Samples.DegassedPowder, new Blending.Parameters(oxidisedNdPr, 0.30, Unlimited));
        Assert.True(oxidised > clean);
        var blend = Blending.Run(Samples.DegassedPowder, new Blending.Parameters(oxidisedNdPr, 0.30, Unlimited)).Blend;
        Assert.Equal(0.30, Blending.FreeRareEarthFraction(blend), 12);
    }

    [Fact]
    public void Free_rare_earth_fraction_of_an_empty_stream_is_zero() =>
        Assert.Equal(0.0, Blending.FreeRareEarthFraction(MassStream.Empty));

    [Fact]
    public void Target_is_met_after_the_oxygen_that_milling_adds()
    {
        const double pickup = 0.001;
        var parameters = new Blending.Parameters(Samples.NdPr, 0.30, Unlimited, DownstreamOxygenKgPerKg: pickup);
        var blend = Blending.Run(Samples.DegassedPowder, parameters).Blend;
        var milled = LossyStep.Run(blend, new LossyStep.Parameters(0.01, pickup)).Product;
        Assert.Equal(0.30, Blending.FreeRareEarthFraction(milled), 12);
        Assert.True(Blending.FreeRareEarthFraction(blend) > 0.30);
    }

    [Fact]
    public void Returned_green_scrap_fills_the_line_before_recycled_powder()
    {
        var returns = Blending.Run(Samples.DegassedPowder, Parameters()).Blend * 0.01;
        var capacity = 0.5 * Samples.DegassedPowder.TotalKgPerYear;
        var result = Blending.Run(Samples.DegassedPowder, returns, Parameters(capacityKgPerYear: capacity));
        Assert.Equal(capacity, result.Blend.TotalKgPerYear, 6);
        // Nothing of the returns is sold: the surplus is recycled powder only.
        foreach (var c in Components.All)
            Assert.Equal(Samples.DegassedPowder.Composition[c], result.Surplus.Composition[c], 12);
        Conservation.AssertConserved([Samples.DegassedPowder, returns, result.FreshRareEarth], [result.Blend, result.Surplus]);
    }

    // --- oxide-bound rare earth ---

    [Fact]
    public void One_kg_of_oxygen_binds_about_6_kg_of_Nd_as_Nd2O3()
    {
        var powder = MassStream.Pure(Component.Nd, 100.0) + MassStream.Pure(Component.O, 1.0);

        // 1000 g / 15.999 g/mol O x 2/3 mol Nd per mol O x 144.242 g/mol = 6010.5 g
        Assert.Equal(6.0105, Blending.OxideBoundRareEarthKg(powder), 4);
    }

    [Fact]
    public void Oxygen_binds_two_thirds_of_a_mole_of_rare_earth_per_mole_of_oxygen()
    {
        var powder = MassStream.Pure(Component.Pr, 100.0) + MassStream.Pure(Component.O, 1.5);

        Assert.Equal(1.5 / 15.999 * 2.0 / 3.0 * 140.908, Blending.OxideBoundRareEarthKg(powder), 12);
    }

    [Fact]
    public void Oxide_bound_rare_earth_uses_the_mean_molar_mass_of_the_rare_earths()
    {
        // 1 mol Nd and 1 mol Dy: mean molar mass (144.242 + 162.5) / 2.
        var powder = MassStream.Pure(Component.Nd, 144.242) + MassStream.Pure(Component.Dy, 162.5) + MassStream.Pure(Component.O, 15.999 * 0.3);

        Assert.Equal(0.2 * (144.242 + 162.5) / 2, Blending.OxideBoundRareEarthKg(powder), 12);
    }

    [Fact]
    public void Oxygen_cannot_bind_more_rare_earth_than_there_is()
    {
        var powder = MassStream.Pure(Component.Nd, 1.0) + MassStream.Pure(Component.O, 10.0);

        Assert.Equal(1.0, Blending.OxideBoundRareEarthKg(powder));
    }

    [Fact]
    public void Powder_without_rare_earth_binds_none() =>
        Assert.Equal(0.0, Blending.OxideBoundRareEarthKg(MassStream.Pure(Component.Fe, 100.0) + MassStream.Pure(Component.O, 1.0)));

    // --- fresh addition ---

    [Theory]
    [InlineData(0.29)]
    [InlineData(0.30)]
    [InlineData(0.32)]
    public void Fresh_addition_brings_the_free_rare_earth_exactly_to_target(double target) =>
        Assert.Equal(target, FreeRareEarthFraction(Blending.Run(Samples.DegassedPowder, Parameters(target))), 12);

    [Fact]
    public void Fresh_addition_replaces_the_rare_earth_that_oxygen_binds()
    {
        // 30 kg Nd + 70 kg Fe is at a 0.30 target; 1 kg O binds 6.0105 kg Nd, leaving 23.98954 kg free in 101 kg.
        // Pure Nd fresh metal x kg: (23.98954 + x) / (101 + x) = 0.30, so x = (30.3 - 23.98954) / 0.7 = 9.0149 kg.
        var powder = MassStream.Pure(Component.Nd, 30.0) + MassStream.Pure(Component.Fe, 70.0) + MassStream.Pure(Component.O, 1.0);

        var result = Blending.Run(powder, new(Composition.ParseWeightPercent("Nd=100"), 0.30, Unlimited));

        Assert.Equal(9.0149, result.FreshRareEarth.TotalKgPerYear, 4);
    }

    [Fact]
    public void Powder_at_target_without_oxygen_needs_no_fresh_rare_earth() =>
        Assert.Equal(0.0, Blending.FreshKgPerKgPowder(MassStream.Pure(Component.Nd, 30.0) + MassStream.Pure(Component.Fe, 70.0), Parameters(0.30)));

    [Fact]
    public void No_fresh_rare_earth_is_added_when_the_powder_is_already_above_target() =>
        Assert.Equal(0.0, Blending.Run(Samples.DegassedPowder, Parameters(0.20)).FreshRareEarth.TotalKgPerYear);

    [Fact]
    public void Blend_is_the_powder_when_no_fresh_rare_earth_is_needed() =>
        Assert.Equal(Samples.DegassedPowder, Blending.Run(Samples.DegassedPowder, Parameters(0.20)).Blend);

    [Fact]
    public void Fresh_addition_has_the_fresh_composition() =>
        Assert.Equal(0.25, Blending.Run(Samples.DegassedPowder, Parameters()).FreshRareEarth.Composition[Component.Pr], 15);

    [Fact]
    public void Fresh_addition_too_lean_to_reach_the_target_is_refused() =>
        Assert.Throws<ProcessException>(() =>
            Blending.Run(Samples.DegassedPowder, new(Composition.ParseWeightPercent("Nd=30,Fe=bal"), 0.35, Unlimited)));

    [Fact]
    public void Empty_powder_needs_no_fresh_rare_earth() =>
        Assert.Equal(0.0, Blending.FreshKgPerKgPowder(MassStream.Empty, Parameters()));

    // --- line capacity ---

    [Fact]
    public void Line_takes_all_the_powder_when_capacity_allows() =>
        Assert.True(Blending.Run(Samples.DegassedPowder, Parameters(capacityKgPerYear: 1e9)).Surplus.IsEmpty);

    [Fact]
    public void Blend_is_limited_to_the_line_capacity() =>
        Assert.Equal(40_000.0, Blending.Run(Samples.DegassedPowder, Parameters(capacityKgPerYear: 40_000.0)).Blend.TotalKgPerYear, 1e-9);

    [Fact]
    public void Powder_the_line_cannot_take_goes_to_surplus()
    {
        var result = Blending.Run(Samples.DegassedPowder, Parameters(capacityKgPerYear: 40_000.0));

        Assert.Equal(Samples.DegassedPowder.TotalKgPerYear - (result.Blend - result.FreshRareEarth).TotalKgPerYear, result.Surplus.TotalKgPerYear, 1e-9);
    }

    [Fact]
    public void Surplus_has_the_composition_of_the_recycled_powder() =>
        Assert.True(Blending.Run(Samples.DegassedPowder, Parameters(capacityKgPerYear: 40_000.0)).Surplus.Composition
            .NonZero().All(p => Math.Abs(p.Value - Samples.DegassedPowder.Composition[p.Key]) < 1e-15));

    [Fact]
    public void Capacity_limited_blend_still_hits_the_target() =>
        Assert.Equal(0.30, FreeRareEarthFraction(Blending.Run(Samples.DegassedPowder, Parameters(capacityKgPerYear: 40_000.0))), 12);

    [Fact]
    public void Zero_line_capacity_sends_all_powder_to_surplus() =>
        Assert.Equal(Samples.DegassedPowder, Blending.Run(Samples.DegassedPowder, Parameters(capacityKgPerYear: 0.0)).Surplus);

    // --- balance ---

    [Theory]
    [InlineData(0.20, Unlimited)]
    [InlineData(0.30, Unlimited)]
    [InlineData(0.30, 40_000.0)]
    [InlineData(0.30, 0.0)]
    public void Mass_is_conserved_per_component(double target, double capacityKgPerYear)
    {
        var result = Blending.Run(Samples.DegassedPowder, Parameters(target, capacityKgPerYear));

        Conservation.AssertConserved([Samples.DegassedPowder, result.FreshRareEarth], [result.Blend, result.Surplus]);
    }

    [Fact]
    public void Any_target_and_capacity_conserve_mass_and_hit_the_target() =>
        Gen.Select(Gen.Double[0.0, 0.95], Gen.Double[0.0, 2e5]).Sample((target, capacity) =>
        {
            var result = Blending.Run(Samples.DegassedPowder, Parameters(target, capacity));
            Conservation.AssertConserved([Samples.DegassedPowder, result.FreshRareEarth], [result.Blend, result.Surplus]);
            if (!result.Blend.IsEmpty)
                Assert.True(FreeRareEarthFraction(result) >= target - 1e-12, $"free RE {FreeRareEarthFraction(result)} below target {target}");
        }, iter: 200);
}
