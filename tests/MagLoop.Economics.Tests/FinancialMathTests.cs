namespace MagLoop.Economics.Tests;

public sealed class FinancialMathTests
{
    [Fact]
    public void Npv_discounts_each_year_by_a_full_period()
    {
        // -100/1.1 + 60/1.1^2 + 60/1.1^3, by hand.
        var npv = FinancialMath.Npv(0.10, [-100m, 60m, 60m]);
        Assert.Equal(-90.909090909m + 49.586776860m + 45.078888054m, npv, 6);
    }

    [Fact]
    public void Irr_of_a_conventional_project_is_the_root_of_the_quadratic()
    {
        // 60x^2 + 60x - 100 = 0 with x = 1/(1+r): x = (-60 + sqrt(27600)) / 120.
        var x = (-60 + Math.Sqrt(27600)) / 120;
        var irr = FinancialMath.Irr([-100m, 60m, 60m]);
        Assert.Equal(1, irr.SignChanges);
        Assert.NotNull(irr.Irr);
        Assert.Equal((1 / x) - 1, irr.Irr!.Value, 9);
    }

    [Fact]
    public void Irr_with_two_roots_reports_both_and_no_single_irr()
    {
        // -100 + 230/(1+r) - 132/(1+r)^2 = 0  <=>  100y^2 - 230y + 132 = 0, y = 1.1 or 1.2.
        var irr = FinancialMath.Irr([-100m, 230m, -132m]);
        Assert.Null(irr.Irr);
        Assert.Equal(2, irr.Roots.Count);
        Assert.Equal(0.10, irr.Roots[0], 8);
        Assert.Equal(0.20, irr.Roots[1], 8);
    }

    [Fact]
    public void Irr_with_sign_changes_but_no_real_root_reports_none()
    {
        // 100y^2 - 150y + 100 has a negative discriminant.
        var irr = FinancialMath.Irr([-100m, 150m, -100m]);
        Assert.Equal(2, irr.SignChanges);
        Assert.Empty(irr.Roots);
        Assert.Null(irr.Irr);
    }

    [Fact]
    public void Irr_of_flows_that_never_change_sign_is_none()
    {
        Assert.Null(FinancialMath.Irr([100m, 10m, 10m]).Irr);
        Assert.Null(FinancialMath.Irr([0m, 0m]).Irr);
    }

    [Fact]
    public void Irr_zeroes_the_npv_for_a_long_project()
    {
        var flows = new decimal[42];
        flows[0] = -40e6m;
        flows[1] = -85e6m;
        for (var t = 2; t < flows.Length; t++) flows[t] = 30e6m;
        var irr = FinancialMath.Irr(flows).Irr!.Value;
        Assert.InRange(Math.Abs((double)FinancialMath.Npv(irr, flows)), 0, 1);
    }

    [Fact]
    public void Payback_interpolates_within_the_year_the_cumulative_turns_positive()
    {
        // Cumulative -100, -70, -30, +20: 30 of the 50 of year 4 repay the rest.
        decimal[] flows = [-100m, 30m, 40m, 50m, 60m];
        Assert.Equal(3.6, FinancialMath.PaybackYears(flows, 0)!.Value, 12);
        Assert.Equal(2.6, FinancialMath.PaybackYears(flows, 1)!.Value, 12);
    }

    [Fact]
    public void Payback_is_null_when_the_project_never_pays_back()
    {
        Assert.Null(FinancialMath.PaybackYears([-100m, 10m, 10m], 1));
    }
}
