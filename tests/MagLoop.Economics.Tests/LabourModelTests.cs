using CsCheck;

namespace MagLoop.Economics.Tests;

public sealed class LabourModelTests
{
    private static readonly CrewCalendar Continuous = new(3, 8, 7);
    private static readonly CrewCalendar DayShifts = new(2, 8, 5);

    private static LabourInputs Inputs(IReadOnlyList<StationCrew> crews, params string[] spokes) => new(
        crews,
        ["hub"],
        spokes,
        [new SupportRatio("maintenance", 0.2, 0, 0), new SupportRatio("management", 0, 5, 1)],
        [new LoadedWage(LabourModel.OperatorRole, null, 80_000m), new LoadedWage("maintenance", null, 90_000m), new LoadedWage("management", null, 150_000m),
            new LoadedWage(LabourModel.OperatorRole, "sc", 70_000m)],
        1_880);

    [Fact]
    public void A_continuous_post_takes_the_year_over_paid_hours_per_person()
    {
        var e = LabourModel.Estimate(Inputs([new StationCrew("press", "hub", 2, 1, Continuous)]));
        var fte = 2 * 24 * 7 * CrewCalendar.WeeksPerYear / 1_880;
        Assert.Equal(fte, e.OperatorsByStation.Single().Fte, 9);
        Assert.Equal((decimal)fte * 1.2m + 5, e.TotalFte, 9);
        Assert.Equal(((decimal)fte * 80_000m) + ((decimal)fte * 0.2m * 90_000m) + (5 * 150_000m), e.CostUsdPerYear, 6);
    }

    [Fact]
    public void Day_shifts_need_fewer_people_than_continuous_operation()
    {
        var day = LabourModel.Estimate(Inputs([new StationCrew("coating", "hub", 1, 2, DayShifts)])).TotalFte;
        var continuous = LabourModel.Estimate(Inputs([new StationCrew("coating", "hub", 1, 2, Continuous)])).TotalFte;
        Assert.True(day < continuous);
    }

    [Fact]
    public void A_new_spoke_brings_its_own_staff_at_its_own_wage()
    {
        var hub = new StationCrew("press", "hub", 2, 1, Continuous);
        var without = LabourModel.Estimate(Inputs([hub]));
        var with = LabourModel.Estimate(Inputs([hub, new StationCrew("dismantling", "sc", 1, 3, DayShifts)], "sc"));
        Assert.True(with.Jobs > without.Jobs);
        Assert.True(with.CostUsdPerYear > without.CostUsdPerYear);
        Assert.Equal(70_000m, with.Roles.Single(r => r.Site == "sc" && r.Role == LabourModel.OperatorRole).LoadedWageUsdPerYear);
        Assert.Equal(1m, with.Roles.Single(r => r.Site == "sc" && r.Role == "management").Headcount);
    }

    [Fact]
    public void A_station_at_an_unknown_site_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => LabourModel.Estimate(Inputs([new StationCrew("press", "elsewhere", 1, 1, Continuous)])));
        Assert.Contains("'elsewhere'", e.Message);
    }

    [Fact]
    public void More_units_or_more_shifts_never_lower_the_headcount()
    {
        Gen.Select(Gen.Int[0, 6], Gen.Double[0, 3], Gen.Int[1, 3], Gen.Int[1, 7], Gen.Int[1, 3]).Sample((count, crew, shifts, days, more) =>
        {
            // Compared as the decimals the model returns: decimal-to-double conversion is not monotone in the last bit.
            decimal Fte(int units, int s) => LabourModel.Estimate(Inputs([new StationCrew("x", "hub", units, crew, new CrewCalendar(s, 8, days))])).TotalFte;
            Assert.True(Fte(count + more, shifts) >= Fte(count, shifts));
            Assert.True(Fte(count, Math.Min(3, shifts + 1)) >= Fte(count, shifts));
        });
    }
}
