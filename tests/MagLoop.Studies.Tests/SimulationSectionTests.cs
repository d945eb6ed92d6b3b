using System.ComponentModel;
using System.Reflection;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

/// <summary>Bad simulation sections give one located <see cref="ScenarioException"/>.</summary>
public sealed class SimulationSectionTests
{
    private static ScenarioException Fails(string section) => Assert.Throws<ScenarioException>(() =>
    {
        var (scenario, map) = ScenarioReader.Read(MinimalScenario.Text + "simulation:\n" + section, "test.yaml");
        PlantBuilder.Build(scenario, map);
    });

    [Fact]
    public void A_scenario_without_the_section_takes_the_defaults()
    {
        var (scenario, map) = ScenarioReader.Read(MinimalScenario.Text, "test.yaml");
        var plant = PlantBuilder.Build(scenario, map);
        Assert.Equal(30, plant.Scenario.Simulation.Replications);
        Assert.Equal(4, plant.Scenario.Simulation.Stations.Sintering.Units);
    }

    [Fact]
    public void Hpms_phases_must_add_up_to_the_cycle()
    {
        var error = Fails("  hpmsPhases: { loadHours: 1, evacuateHours: 1, purgeHours: 1, hydrogenateHours: 1, unloadHours: 1 }\n");
        Assert.Equal("simulation.hpmsPhases.hydrogenateHours", error.Field);
        Assert.Contains("add up to 5 h", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ramp_up_fraction_above_one_is_refused() =>
        Assert.Contains("must be in (0, 1]", Fails("  rampUp: [0.5, 1.5]\n").Problem, StringComparison.Ordinal);

    [Fact]
    public void A_station_needs_a_cycle_or_a_rate_not_both()
    {
        var error = Fails("  stations:\n    sintering: { rateKgPerHour: 50 }\n");
        Assert.Equal("simulation.stations.sintering.cycleHours", error.Field);
    }

    [Fact]
    public void Hpms_size_comes_from_the_equipment_section() =>
        Assert.Contains("from the equipment section", Fails("  stations:\n    hpms: { units: 5 }\n").Problem, StringComparison.Ordinal);

    [Fact]
    public void More_than_24_hours_of_shifts_a_day_is_refused() =>
        Assert.Contains("exceed 24 h", Fails("  calendars:\n    machining: { shiftsPerDay: 3, hoursPerShift: 10 }\n").Problem, StringComparison.Ordinal);

    [Fact]
    public void A_lot_larger_than_its_buffer_is_refused()
    {
        var error = Fails("  stations:\n    jetMills: { lotKg: 50000, bufferKg: 20000 }\n");
        Assert.Equal("simulation.stations.jetMills.lotKg", error.Field);
        Assert.Contains("cannot fit its buffer of 20000 kg", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lot_larger_than_the_next_buffer_is_refused()
    {
        var error = Fails("  stations:\n    coating: { units: 1, lotKg: 500, rateKgPerHour: 300, bufferKg: 30000 }\n    inspection: { units: 1, lotKg: 400, rateKgPerHour: 300, bufferKg: 400 }\n");
        Assert.Equal("simulation.stations.coating.lotKg", error.Field);
        Assert.Contains("buffer of stations.inspection", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Maintenance_as_long_as_its_interval_is_refused()
    {
        var error = Fails("  stations:\n    hpms: { maintenanceEveryHours: 10, maintenanceHours: 24 }\n");
        Assert.Equal("simulation.stations.hpms.maintenanceHours", error.Field);
        Assert.Contains("24 h of maintenance every 10 h", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_shorter_than_the_operating_hours_is_refused()
    {
        var error = Fails("  calendars:\n    hpms: { shiftsPerDay: 1, daysPerWeek: 1 }\n");
        Assert.Equal("simulation.calendars.hpms.shiftsPerDay", error.Field);
        Assert.Contains("open 417 h a year", error.Problem, StringComparison.Ordinal);
        Assert.Contains("equipment.hpms.operatingHoursPerYear is 8760 h", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(StationParameters))]
    [InlineData(typeof(ShiftCalendar))]
    public void Every_default_states_its_source(Type type)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.CanWrite && p.GetValue(instance) is not null))
        {
            var description = property.GetCustomAttribute<DescriptionAttribute>()!.Description;
            Assert.True(description.Contains("engineering assumption", StringComparison.Ordinal) || description.Contains("[S", StringComparison.Ordinal), $"{type.Name}.{property.Name}: {description}");
        }
    }
}
