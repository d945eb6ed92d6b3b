using CsCheck;
using MagLoop.Materials;

namespace MagLoop.Process.Tests;

public sealed class HpmsTests
{
    private static readonly Hpms.Parameters Parameters =
        new(HydrogenUptakeKgPerKg: 0.003, OxygenPickupKgPerKg: 0.0005, CoatingCarryover: 0.05, ForeignCarryover: 0.01);

    private static Hpms.Charge[] ThreeCharges =>
        [new(Samples.HddScrap, 0.90), new(Samples.EvScrap, 0.95), new(Samples.SpeakerScrap, 0.80)];

    private static Hpms.Result RunThreeCharges() => Hpms.Run(ThreeCharges, Parameters);

    [Fact]
    public void Powder_takes_each_charge_alloy_at_its_own_extraction_yield() =>
        Assert.Equal(
            0.90 * Samples.HddScrap[Component.Nd] + 0.95 * Samples.EvScrap[Component.Nd] + 0.80 * Samples.SpeakerScrap[Component.Nd],
            RunThreeCharges().Powder[Component.Nd], 1e-9);

    [Fact]
    public void Residue_keeps_the_alloy_not_liberated() =>
        Assert.Equal(
            0.10 * Samples.HddScrap[Component.Fe] + 0.05 * Samples.EvScrap[Component.Fe] + 0.20 * Samples.SpeakerScrap[Component.Fe],
            RunThreeCharges().Residue[Component.Fe], 1e-6);

    [Fact]
    public void Coating_metal_carry_over_passes_into_the_powder() =>
        Assert.Equal(0.05 * Samples.HddScrap[Component.Ni], Hpms.Run([new(Samples.HddScrap, 0.9)], Parameters).Powder[Component.Ni], 1e-9);

    [Fact]
    public void Drum_keeps_the_coating_metal_not_carried_over() =>
        Assert.Equal(0.95 * Samples.SpeakerScrap[Component.Zn], Hpms.Run([new(Samples.SpeakerScrap, 0.9)], Parameters).Residue[Component.Zn], 1e-9);

    [Fact]
    public void Foreign_carry_over_passes_into_the_powder() =>
        Assert.Equal(0.01 * Samples.HddScrap[Component.Steel], Hpms.Run([new(Samples.HddScrap, 0.9)], Parameters).Powder[Component.Steel], 1e-9);

    [Fact]
    public void Epoxy_coating_separates_like_foreign_matter() =>
        Assert.Equal(0.01 * Samples.EvScrap[Component.Polymer], Hpms.Run([new(Samples.EvScrap, 0.95)], Parameters).Powder[Component.Polymer], 1e-9);

    [Fact]
    public void Hydrogen_uptake_scales_with_the_liberated_alloy_without_its_oxygen()
    {
        var liberatedAlloyKg = ThreeCharges.Sum(c => c.ExtractionYield * c.Stream.KgPerYearOf(Components.IsMagnetAlloy) - c.ExtractionYield * c.Stream[Component.O]);

        Assert.Equal(0.003 * liberatedAlloyKg, RunThreeCharges().HydrogenAbsorbed[Component.H], 1e-9);
    }

    [Fact]
    public void Oxygen_pickup_scales_with_the_liberated_alloy_without_its_oxygen()
    {
        var liberatedAlloyKg = ThreeCharges.Sum(c => c.ExtractionYield * c.Stream.KgPerYearOf(Components.IsMagnetAlloy) - c.ExtractionYield * c.Stream[Component.O]);

        Assert.Equal(0.0005 * liberatedAlloyKg, RunThreeCharges().OxygenPickedUp[Component.O], 1e-9);
    }

    [Fact]
    public void Hydrogen_absorbed_ends_in_the_powder() =>
        Assert.Equal(RunThreeCharges().HydrogenAbsorbed[Component.H], RunThreeCharges().Powder[Component.H]);

    [Fact]
    public void Hydrogen_absorbed_is_pure_hydrogen() =>
        Assert.Equal(RunThreeCharges().HydrogenAbsorbed.TotalKgPerYear, RunThreeCharges().HydrogenAbsorbed[Component.H]);

    [Fact]
    public void Hydrogen_already_in_a_charge_does_not_absorb_more_hydrogen()
    {
        var hydride = MassStream.Pure(Component.Fe, 1000.0) + MassStream.Pure(Component.H, 10.0);

        Assert.Equal(0.003 * 1000.0, Hpms.Run([new(hydride, 1.0)], Parameters).HydrogenAbsorbed[Component.H], 1e-12);
    }

    [Fact]
    public void No_charges_give_no_powder() =>
        Assert.True(Hpms.Run([], Parameters).Powder.IsEmpty);

    [Fact]
    public void Several_charges_conserve_mass_per_component()
    {
        var result = RunThreeCharges();

        Conservation.AssertConserved(
            ThreeCharges.Select(c => c.Stream).Append(result.HydrogenAbsorbed).Append(result.OxygenPickedUp),
            [result.Powder, result.Residue]);
    }

    [Fact]
    public void Any_charges_and_parameters_conserve_mass_per_component() =>
        Gen.Select(
                Gen.Select(Gen.Int[0, ScrapLibrary.All.Count - 1], Gen.Double[0.0, 5e6], Gen.Double[0.0, 1.0])
                    .Select((type, kg, yield) => new Hpms.Charge(ScrapLibrary.All[type].AsReceived(kg), yield)).Array[0, 5],
                Gen.Select(Gen.Double[0.0, 0.05], Gen.Double[0.0, 0.05], Gen.Double[0.0, 1.0], Gen.Double[0.0, 1.0])
                    .Select((h, o, coating, foreign) => new Hpms.Parameters(h, o, coating, foreign)))
            .Sample((charges, parameters) =>
            {
                var result = Hpms.Run(charges, parameters);
                Conservation.AssertConserved(
                    charges.Select(c => c.Stream).Append(result.HydrogenAbsorbed).Append(result.OxygenPickedUp),
                    [result.Powder, result.Residue]);
            }, iter: 200);
}
