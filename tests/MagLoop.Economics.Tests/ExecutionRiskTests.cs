using CsCheck;
using MagLoop.Studies;

namespace MagLoop.Economics.Tests;

/// <summary>
/// Execution risk (economics.risk.execution) moves the right figures in the right direction. Each case runs the
/// bundled DFW hub with the price and cost distributions taken out and one execution driver drawn from a narrow
/// band, so the Monte Carlo's percentiles are that driver's effect alone.
/// </summary>
public sealed class ExecutionRiskTests
{
    // Few iterations: every one is two studies with Monte Carlo re-solves of the plant.
    private const int Iterations = 4;

    private static StudyResult Run(string execution, int draws = 3)
    {
        var text = File.ReadAllText(StudyEconomicsTests.Scenario("dfw-hub.yaml"));
        var start = text.IndexOf("    distributions:", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"magloop-exec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text[..start] + "    distributions: []\n    execution:\n" + execution);
        return Study.Run(path, new StudyOptions { MonteCarloDraws = draws, Seed = 3 });
    }

    private static string Band(double low, double width) =>
        FormattableString.Invariant($"{{ kind: uniform, low: {low}, high: {low + width} }}");

    [Fact]
    public void A_longer_construction_delay_brings_later_first_production_and_a_lower_npv() =>
        Gen.Select(Gen.Double[0, 18], Gen.Double[2, 12]).Sample((delay, more) =>
        {
            var shorter = Run($"      noticeToProceed: 2025-07\n      constructionDelayMonths: {Band(delay, 0.01)}\n").Risk!;
            var longer = Run($"      noticeToProceed: 2025-07\n      constructionDelayMonths: {Band(delay + more, 0.01)}\n").Risk!;
            Assert.Equal(24 + delay, shorter.Execution!.FirstProductionMonths.P50, 0.02);
            Assert.True(longer.Execution!.FirstProductionMonths.P50 > shorter.Execution.FirstProductionMonths.P50);
            Assert.True(string.CompareOrdinal(longer.Execution.FirstProductionDateP50, shorter.Execution.FirstProductionDateP50) >= 0);
            Assert.True(longer.NpvP50Usd < shorter.NpvP50Usd, $"delay {delay:N1} NPV {shorter.NpvP50Usd:N0}, {delay + more:N1} NPV {longer.NpvP50Usd:N0}");
        }, iter: Iterations);

    [Fact]
    public void Supply_short_of_plan_never_raises_the_npv_and_a_deep_shortfall_lowers_it() =>
        Gen.Select(Gen.Double[0.2, 0.8], Gen.Double[0.1, 0.2]).Sample((share, more) =>
        {
            static string Supply(double s) => string.Concat(new[] { "sc-hdd", "sc-ev", "sc-motors", "nv-hdd", "nv-ev", "nv-speakers", "tx-wind", "tx-rejects" }
                .Select(f => $"        - {{ feed: {f}, share: {Band(s, 0.001)} }}\n"));
            var shorter = Run("      supply:\n" + Supply(share)).Risk!;
            var fuller = Run("      supply:\n" + Supply(share + more)).Risk!;
            Assert.True(shorter.NpvP50Usd <= fuller.NpvP50Usd * (1 + 1e-12), $"share {share:N2} NPV {shorter.NpvP50Usd:N0}, {share + more:N2} NPV {fuller.NpvP50Usd:N0}");
        }, iter: Iterations);

    [Fact]
    public void Every_feed_at_a_third_of_plan_lowers_the_npv_below_the_plan()
    {
        var result = Run("      supply:\n" + string.Concat(new[] { "sc-hdd", "sc-ev", "sc-motors", "nv-hdd", "nv-ev", "nv-speakers", "tx-wind", "tx-rejects" }
            .Select(f => $"        - {{ feed: {f}, share: {Band(0.33, 0.001)} }}\n")));
        Assert.True(result.Risk!.NpvP50Usd < (double)result.Economics!.NpvUsd * 0.9, $"NPV {result.Risk.NpvP50Usd:N0} against the plan's {result.Economics.NpvUsd:N0}");
    }

    [Fact]
    public void A_delay_with_a_capital_overrun_lowers_the_npv_and_the_equity_irr_more_than_the_delay_alone()
    {
        var delay = $"      noticeToProceed: 2025-07\n      constructionDelayMonths: {Band(6, 0.01)}\n";
        var alone = Run(delay + "      overrunSharePerMonth: 0\n").Risk!;
        var overrun = Run(delay + "      overrunSharePerMonth: 0.02\n").Risk!;
        Assert.Equal(alone.Execution!.FirstProductionMonths.P50, overrun.Execution!.FirstProductionMonths.P50, 1e-9);
        Assert.Equal("2028-01", overrun.Execution.FirstProductionDateP50); // 2025-07, a 24-month build and 6 months late
        Assert.True(overrun.NpvP50Usd < alone.NpvP50Usd, $"NPV {overrun.NpvP50Usd:N0} with the overrun, {alone.NpvP50Usd:N0} without");
        Assert.True(overrun.Execution.EquityIrr!.P50 < alone.Execution.EquityIrr!.P50);
    }

    [Fact]
    public void A_slower_ramp_up_lowers_the_npv_and_the_lowest_dscr_but_not_the_first_production_date() =>
        Gen.Select(Gen.Double[1, 1.8], Gen.Double[0.2, 1]).Sample((stretch, more) =>
        {
            var planned = Run($"      rampUpStretch: {Band(stretch, 0.001)}\n").Risk!;
            var slower = Run($"      rampUpStretch: {Band(stretch + more, 0.001)}\n").Risk!;
            Assert.Equal(planned.Execution!.FirstProductionMonths.P50, slower.Execution!.FirstProductionMonths.P50, 1e-9);
            Assert.True(slower.NpvP50Usd < planned.NpvP50Usd, $"stretch {stretch:N2} NPV {planned.NpvP50Usd:N0}, {stretch + more:N2} NPV {slower.NpvP50Usd:N0}");
            Assert.True(slower.Execution.MinDscr!.P50 <= planned.Execution.MinDscr!.P50 * (1 + 1e-12));
        }, iter: Iterations);

    [Fact]
    public void A_policy_switched_off_earlier_costs_more_npv() =>
        Gen.Select(Gen.Int[1, 20], Gen.Int[1, 10]).Sample((year, later) =>
        {
            static string Policy(int from) => $"      policy: {{ name: tariffs, probability: 1, fromOperatingYear: {from}, toOperatingYear: {from}, magnetPriceShare: 0.1 }}\n";
            var earlier = Run(Policy(year)).Risk!;
            var afterwards = Run(Policy(year + later)).Risk!;
            Assert.True(earlier.NpvP50Usd < afterwards.NpvP50Usd, $"off from year {year}: {earlier.NpvP50Usd:N0}; from {year + later}: {afterwards.NpvP50Usd:N0}");
        }, iter: Iterations);

    [Fact]
    public void A_policy_that_holds_leaves_the_plan_and_one_that_ends_lowers_npv_and_cover()
    {
        var holds = Run("      policy: { name: tariffs, probability: 0, magnetPriceShare: 0.1 }\n");
        var ends = Run("      policy: { name: tariffs, probability: 1, fromOperatingYear: 1, toOperatingYear: 1, magnetPriceShare: 0.1 }\n").Risk!;
        Assert.Equal((double)holds.Economics!.NpvUsd, holds.Risk!.NpvP50Usd, 1e-3);
        Assert.True(ends.NpvP50Usd < holds.Risk.NpvP50Usd);
        Assert.True(ends.Execution!.MinDscr!.P50 < holds.Risk.Execution!.MinDscr!.P50);
    }

    [Fact]
    public void The_draws_test_the_debt_sized_at_close_so_a_deep_supply_shortfall_breaks_the_cover()
    {
        // At plan the draws repeat the base case: the debt is sized to the 1.30 covenant, which every draw shows.
        var plan = Run($"      rampUpStretch: {Band(1, 0.0001)}\n");
        var covenant = plan.Economics!.Financing!.CovenantDscr!.Value;
        Assert.Equal(plan.Economics.Financing.MinDscr!.Value, plan.Risk!.Execution!.MinDscr!.P50, 1e-6);
        Assert.Equal(covenant, plan.Risk.Execution.MinDscr.P50, 1e-6);
        Assert.Equal(0, plan.Risk.Execution.ProbabilityAnyDscrBelowOne);

        // A third of every feed: the committed debt is not re-sized, so the cover falls below 1.0 in every draw.
        var short_ = Run("      supply:\n" + string.Concat(new[] { "sc-hdd", "sc-ev", "sc-motors", "nv-hdd", "nv-ev", "nv-speakers", "tx-wind", "tx-rejects" }
            .Select(f => $"        - {{ feed: {f}, share: {Band(0.33, 0.001)} }}\n"))).Risk!;
        Assert.True(short_.Execution!.MinDscr!.P50 < covenant, $"lowest DSCR P50 {short_.Execution.MinDscr.P50:N2}");
        Assert.Equal(1, short_.Execution.ProbabilityAnyDscrBelowOne);
    }

    [Fact]
    public void An_export_credit_that_never_closes_leaves_the_fallback_terms()
    {
        const string fallback = "          name: commercial fallback\n          kind: commercial\n          share: 0.45\n          interestRate: 0.095\n          tenorYears: 7\n          repayment: sculpted\n";
        var failed = Run("      financingClose:\n        probability: 0\n        delayMonths: 0\n        fallback:\n" + fallback);
        Assert.Equal(0, failed.Risk!.Execution!.ProbabilityFinancingCloses);

        // The same project financed on the fallback terms from the start: the export credit's share goes to the
        // fallback (0.45) and equity (0.25 more), the commercial tranche stays.
        var text = File.ReadAllText(StudyEconomicsTests.Scenario("dfw-hub.yaml"));
        var execution = text.IndexOf("    # Execution risk", StringComparison.Ordinal);
        text = text[..execution] + text[text.IndexOf("\n# Discrete-event", execution, StringComparison.Ordinal)..];
        var start = text.IndexOf("    tranches:\n", StringComparison.Ordinal);
        var end = text.IndexOf("    gearingCap:", start, StringComparison.Ordinal);
        var commercial = text.IndexOf("      - name: commercial bank", start, StringComparison.Ordinal);
        var equity = text.IndexOf("      - { name: sponsors' equity", start, StringComparison.Ordinal);
        var tranches = "    tranches:\n" + text[commercial..equity] + "      - name: commercial fallback\n        kind: commercial\n        share: 0.45\n        interestRate: 0.095\n        tenorYears: 7\n        repayment: sculpted\n"
            + "      - { name: sponsors' equity, kind: equity, share: 0.50 }\n";
        var path = Path.Combine(Path.GetTempPath(), $"magloop-exec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text[..start] + tranches + text[end..]);
        var onFallback = Study.Run(path).Economics!;

        Assert.NotNull(onFallback.EquityIrr);
        Assert.Equal(onFallback.EquityIrr!.Value, failed.Risk.Execution.EquityIrr!.P50, 1e-9);
        Assert.NotEqual(failed.Economics!.EquityIrr!.Value, failed.Risk.Execution.EquityIrr.P50, 1e-6);
    }
}
