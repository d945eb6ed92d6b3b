namespace MagLoop.Economics.Tests;

public sealed class DepreciationTests
{
    public static TheoryData<DepreciationMethod, int, double> Macrs => new()
    {
        { DepreciationMethod.Macrs5, 5, 2.0 },
        { DepreciationMethod.Macrs7, 7, 2.0 },
        { DepreciationMethod.Macrs10, 10, 2.0 },
        { DepreciationMethod.Macrs15, 15, 1.5 },
    };

    [Theory]
    [MemberData(nameof(Macrs))]
    public void Macrs_tables_recover_the_whole_basis_over_recovery_period_plus_one_year(DepreciationMethod method, int years, double _)
    {
        var schedule = Depreciation.Schedule(method);
        Assert.Equal(years + 1, schedule.Count);
        Assert.Equal(1.0, schedule.Sum(), 4);
    }

    [Theory]
    [MemberData(nameof(Macrs))]
    public void Macrs_tables_match_declining_balance_switching_to_straight_line_with_half_year_convention(DepreciationMethod method, int years, double factor)
    {
        // IRS Pub 946 method, computed independently: declining balance at factor/years, half a year in the first
        // and last years, switching to straight line over the remaining life when that deducts more.
        var expected = new List<double>();
        var remaining = 1.0;
        var life = (double)years;
        for (var year = 1; year <= years + 1; year++)
        {
            var fraction = year == 1 || year == years + 1 ? 0.5 : 1.0;
            var declining = remaining * factor / years * fraction;
            var lifeLeft = year == 1 ? life : life - (year - 1.5);
            var straight = remaining / lifeLeft * fraction;
            var amount = Math.Min(remaining, Math.Max(declining, straight));
            expected.Add(amount);
            remaining -= amount;
        }

        var table = Depreciation.Schedule(method);
        // The published table rounds to 0.01 % and alternates roundings so that it sums to exactly 100 %.
        for (var i = 0; i < table.Count; i++) Assert.Equal(expected[i], table[i], 0.0001);
    }

    [Fact]
    public void Straight_line_spreads_evenly()
    {
        var schedule = Depreciation.Schedule(DepreciationMethod.StraightLine, 4);
        Assert.All(schedule, s => Assert.Equal(0.25, s, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => Depreciation.Schedule(DepreciationMethod.StraightLine, 0));
    }

    [Theory]
    [InlineData(DepreciationMethod.Macrs5, 0)]
    [InlineData(DepreciationMethod.Macrs7, 0)]
    [InlineData(DepreciationMethod.Macrs10, 0)]
    [InlineData(DepreciationMethod.Macrs15, 0)]
    [InlineData(DepreciationMethod.StraightLine, 3)]
    public void The_decimal_schedule_is_each_fraction_converted(DepreciationMethod method, int years)
    {
        var fractions = Depreciation.Schedule(method, years);
        Assert.Equal(fractions.Select(f => (decimal)f), Depreciation.DecimalSchedule(method, years).ToArray());
        Assert.Equal(1m, Depreciation.DecimalSchedule(method, years).ToArray().Sum(), 10);
    }
}
