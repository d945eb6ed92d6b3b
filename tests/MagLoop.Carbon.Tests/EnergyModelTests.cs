namespace MagLoop.Carbon.Tests;

public sealed class EnergyModelTests
{
    [Fact]
    public void A_drive_uses_installed_power_times_load_over_throughput()
    {
        Assert.Equal(0.5, new DriveLoad(100, 0.5, 100).KWhPerKg, 12);
    }

    [Fact]
    public void A_furnace_cycle_adds_heat_up_hold_and_pumping()
    {
        // 1000 kg + 500 kg fixtures x 0.5 kJ/(kg K) x 1000 K / 3600 / 0.75 = 277.8 kWh; hold 40 kW x 5 h; pumps 20 kW x 20 h.
        var furnace = new FurnaceCycle(1000, 1025, 0.5, 0.5, 0.75, 5, 40, 20, 20, 30);
        Assert.Equal(1500 * 0.5 * 1000 / 3600 / 0.75, furnace.HeatUpKWh, 9);
        Assert.Equal(200, furnace.HoldKWh, 12);
        Assert.Equal(400, furnace.VacuumKWh, 12);
        Assert.Equal(furnace.HeatUpKWh + 600, furnace.KWhPerBatch, 9);
        Assert.Equal(furnace.KWhPerBatch / 1000, furnace.KWhPerKg, 12);
        Assert.Equal(0.03, furnace.ArgonKgPerKg, 12);
    }

    [Fact]
    public void An_hpms_batch_vents_its_head_space_and_back_fills_argon()
    {
        var cycle = new HpmsCycle(3, 2, 1, 1, 22, 1.5, 11, 3, 8, 8);
        Assert.Equal(22 * 1.5 + 11 * 3 + 8 * 8, cycle.KWhPerBatch, 12);
        Assert.Equal(Units.GasKg(3, 1, Units.ArgonKgPerNm3), cycle.ArgonKgPerBatch, 12);
        Assert.Equal(Units.GasKg(3, 2, Units.HydrogenKgPerNm3), cycle.VentedHydrogenKgPerBatch, 12);
        Assert.Equal(0, (cycle with { HeadspaceHydrogenLostFraction = 0 }).VentedHydrogenKgPerBatch);
    }

    [Fact]
    public void A_jet_mill_pays_for_its_gas_compression()
    {
        Assert.Equal(8 * 0.11 + 11 / 69.5, new JetMill(8, 0.11, 11, 69.5, 0.05).KWhPerKg, 12);
    }

    [Fact]
    public void Negative_energy_inputs_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DriveLoad(-1, 0.5, 100).KWhPerKg);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FurnaceCycle(600, 1060, 0.5, 0.5, 0.7, 5, -45, 22, 20, 30).KWhPerBatch);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FurnaceCycle(600, 1060, 0.5, 0.5, 0, 5, 45, 22, 20, 30).KWhPerBatch);
        Assert.Throws<ArgumentOutOfRangeException>(() => new JetMill(8, 0.11, 11, 0, 0.05).KWhPerKg);
    }

    [Fact]
    public void Plant_energy_totals_equal_the_sum_by_site_and_by_unit()
    {
        var units = new[]
        {
            new UnitEnergy("a", "hub", Stage.Hpms, 1000, 500, 1, 2, 3, ""),
            new UnitEnergy("b", "spoke", Stage.CollectionAndPreprocessing, 2000, 70, 0, 0, 0, ""),
            new UnitEnergy("c", "hub", Stage.MagnetMaking, 500, 250, 0, 4, 5, ""),
        };
        var plant = PlantEnergy.Of(units);
        Assert.Equal(820, plant.ElectricityKWhPerYear, 12);
        Assert.Equal(750, plant.ElectricityKWhPerYearBySite["hub"], 12);
        Assert.Equal(plant.ElectricityKWhPerYear, plant.ElectricityKWhPerYearBySite.Values.Sum(), 12);
        Assert.Equal((1, 6, 8), (plant.HydrogenKgPerYear, plant.ArgonKgPerYear, plant.NitrogenKgPerYear));
        Assert.Equal(0.5, units[0].ElectricityKWhPerKg, 12);
    }
}
