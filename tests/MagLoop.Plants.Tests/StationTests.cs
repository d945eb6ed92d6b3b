namespace MagLoop.Plants.Tests;

public sealed class StationTests
{
    [Fact]
    public void Rate_station_capacity_is_units_times_rate_times_hours_times_availability()
    {
        var station = SamplePlant.Station(StationId.Presses, StationKind.Press, UnitId.Pressing, new RateThroughput(80), units: 2, availability: 0.9);
        Assert.Equal(2 * 80 * 8760 * 0.9, station.CapacityKgPerYear, 6);
    }

    [Fact]
    public void Batch_station_capacity_is_charge_over_the_sum_of_its_phases()
    {
        var throughput = new BatchThroughput(1000, [new("load", 2), new("hold", 20), new("cool", 2)]);
        var station = SamplePlant.Station(StationId.Sintering, StationKind.SinteringFurnace, UnitId.Sintering, throughput, units: 4, availability: 1);
        Assert.Equal(24, throughput.CycleHours);
        Assert.Equal(4 * 1000.0 / 24 * 8760, station.CapacityKgPerYear, 6);
    }

    [Fact]
    public void Doubling_the_units_doubles_the_capacity()
    {
        var one = SamplePlant.Station(StationId.JetMills, StationKind.JetMill, UnitId.JetMilling, new RateThroughput(70), units: 1);
        Assert.Equal(2 * one.CapacityKgPerYear, (one with { Units = 2 }).CapacityKgPerYear, 6);
    }

    [Theory]
    [InlineData(3, 8, 7, 8760)]
    [InlineData(2, 8, 5, 4171.43)]
    [InlineData(3, 8, 5, 6257.14)]
    [InlineData(3, 10, 7, 8760)]
    public void Calendar_open_hours_per_year(int shifts, double hoursPerShift, int days, double expected) =>
        Assert.Equal(expected, new WorkCalendar(shifts, hoursPerShift, days).OpenHoursPerYear, 2);

    [Theory]
    [InlineData(0, 0)]          // Monday 00:00, open
    [InlineData(15.5, 0)]       // Monday 15:30, second shift
    [InlineData(16, 8)]         // Monday 16:00, closed until Tuesday 00:00
    [InlineData(4 * 24 + 20, 52)] // Friday 20:00, closed until Monday 00:00
    [InlineData(5 * 24 + 1, 47)]  // Saturday 01:00, closed until Monday 00:00
    public void Two_shift_weekday_calendar_opens_at_the_next_working_midnight(double nowH, double expected) =>
        Assert.Equal(expected, new WorkCalendar(2, 8, 5).HoursUntilOpen(nowH), 9);

    [Fact]
    public void Availability_combines_breakdowns_and_maintenance()
    {
        var reliability = new Reliability(MtbfHours: 80, MttrHours: 10, MaintenanceEveryHours: 672, MaintenanceHours: 24, DurationCv: 0);
        Assert.Equal(80.0 / 90 * (1 - 24.0 / 672), reliability.Availability, 12);
        Assert.Equal(1, new Reliability(1e9, 0, 0, 0, 0).Availability, 12);
    }
}
