using MagLoop.Studies;
using MagLoop.Studies.Scenarios;

namespace MagLoop.Economics.Tests;

public sealed class StudyEconomicsTests
{
    internal static string Scenario(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return Path.Combine(dir.FullName, "scenarios", name);
        throw new InvalidOperationException("repository root not found");
    }

    private static EconomicsResult Economics(string file, string deck) =>
        Study.Run(Scenario(file), new StudyOptions { PriceDeck = deck }).Economics!;

    // Published: hpms-facts 1a (FS Nov 2024 and the Sep 2025 3-vessel update). NPV within 10 %, IRR within 2 points.
    [Theory]
    [InlineData("dfw-hub-2-vessels.yaml", "current", 125, 262, 0.23)]
    [InlineData("dfw-hub-2-vessels.yaml", "forecast", 125, 503, 0.31)]
    [InlineData("dfw-hub.yaml", "current", 132, 279, double.NaN)]
    [InlineData("dfw-hub.yaml", "forecast", 132, 593, double.NaN)]
    public void Bundled_scenarios_reproduce_the_disclosed_headlines(string file, string deck, double capexMusd, double npvMusd, double irr)
    {
        var e = Economics(file, deck);
        Assert.Equal(capexMusd, (double)e.CapexUsd / 1e6, 0.05);
        Assert.InRange((double)e.NpvUsd / 1e6, npvMusd * 0.9, npvMusd * 1.1);
        if (!double.IsNaN(irr)) Assert.InRange(e.Irr!.Value, irr - 0.02, irr + 0.02);
    }

    [Fact]
    public void The_third_vessel_adds_value_under_both_decks()
    {
        foreach (var deck in new[] { "current", "forecast" })
            Assert.True(Economics("dfw-hub.yaml", deck).NpvUsd > Economics("dfw-hub-2-vessels.yaml", deck).NpvUsd, deck);
    }

    [Fact]
    public void Cash_flows_cover_construction_and_the_40_year_life()
    {
        var e = Economics("dfw-hub.yaml", "current");
        Assert.Equal(42, e.CashFlows.Count);
        Assert.Equal(e.CapexUsd, e.CashFlows.Take(2).Sum(y => y.CapexUsd));
        Assert.Equal(e.NpvUsd, FinancialMath.Npv(e.DiscountRate, e.CashFlows.Select(y => y.FreeCashFlowUsd).ToList()));
    }

    [Fact]
    public void Monte_Carlo_is_deterministic_under_a_seed_even_with_flowsheet_re_solves()
    {
        var options = new StudyOptions { MonteCarloDraws = 40, Seed = 11 };
        var a = Study.Run(Scenario("dfw-hub.yaml"), options).Risk!;
        var b = Study.Run(Scenario("dfw-hub.yaml"), options).Risk!;
        Assert.Equal(a.NpvP50Usd, b.NpvP50Usd);
        Assert.Equal(a.NpvP10Usd, b.NpvP10Usd);
        Assert.Equal(a.IrrP50, b.IrrP50);
        Assert.Equal(a.Tornado.Select(t => t.NpvLowUsd), b.Tornado.Select(t => t.NpvLowUsd));
    }

    [Fact]
    public void Monte_Carlo_P50_of_a_symmetric_price_converges_to_the_deterministic_npv()
    {
        var text = File.ReadAllText(Scenario("dfw-hub.yaml"));
        var start = text.IndexOf("    distributions:", StringComparison.Ordinal);
        // Keep the tornado, replace the distributions and correlations by one symmetric price.
        text = text[..start] + "    distributions:\n      - { driver: magnetPrice, kind: normal, mean: 1.0, stdDev: 0.05 }\n";
        var path = TempScenario(text);
        var result = Study.Run(path, new StudyOptions { MonteCarloDraws = 2000, Seed = 5 });
        var deterministic = (double)result.Economics!.NpvUsd;
        Assert.Equal(deterministic, result.Risk!.NpvP50Usd, deterministic * 0.01);
        Assert.Equal(0, result.Risk.DrawsWithoutUniqueIrr);
    }

    [Fact]
    public void Tornado_bars_bracket_the_base_npv_and_are_sorted_by_swing()
    {
        var result = Study.Run(Scenario("dfw-hub.yaml"), new StudyOptions { MonteCarloDraws = 10 });
        var npv = (double)result.Economics!.NpvUsd;
        var magnet = result.Risk!.Tornado.Single(t => t.Driver == "magnetPrice");
        Assert.True(magnet.NpvLowUsd < npv && npv < magnet.NpvHighUsd);
        var swings = result.Risk.Tornado.Select(t => Math.Abs(t.NpvHighUsd - t.NpvLowUsd)).ToList();
        Assert.Equal(swings.OrderDescending(), swings);
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "ndprOxideUsdPerKg: 60", "ndprOxideUsdPerKg: -60", "economics.priceDecks[0].ndprOxideUsdPerKg: must not be negative" },
        { "shareOfNdprValue: 0.3 }             # calibrated", "shareOfNdprValue: 1.3 }             # calibrated", "economics.scrapPrices[0].shareOfNdprValue: is a fraction" },
        { "    tenorYears: 10", "    tenorYears: 45", "economics.financing.tranches[0].tenorYears: the tranche (45 years) is longer than the project's operating life (40 years)" },
        { "financed: true }", "financed: maybe }", "economics.financing.tranches[0].exposureFee.financed: expected true or false, found 'maybe'" },
        { "gearingCap: 0.75", "gearingCap: 1.5", "economics.financing.gearingCap: is a fraction and must lie in [0, 1], found 1.5" },
        { "graceMonths: 6 ", "graceMonths: 9 ", "economics.financing.graceMonths: must be a positive multiple of 6 months, found 9" },
        { "share: 0.05                 #", "share: 0.15                 #", "economics.financing.tranches: tranche shares must sum to 1, found 1.1" },
        { "{ feed: tx-wind, share:", "{ feed: tx-wnd, share:", "economics.risk.execution.supply[4].feed: feed 'tx-wnd' is not defined; did you mean 'tx-wind'?" },
        { "noticeToProceed: 2025-07", "noticeToProceed: 2025-13", "economics.risk.execution.noticeToProceed: '2025-13' is not a year and month such as 2025-07" },
        { "probability: 0.75 ", "probability: 1.75 ", "economics.risk.execution.financingClose.probability: is a fraction and must lie in [0, 1], found 1.75" },
        { "share: 0.45 ", "share: 0.85 ", "economics.risk.execution.financingClose.fallback.share: the fallback's share (0.85) exceeds the export-credit tranches' (0.7) it replaces" },
        { "fromOperatingYear: 1\n", "fromOperatingYear: 12\n", "economics.risk.execution.policy.toOperatingYear: toOperatingYear (10) is before fromOperatingYear (12)" },
        { "b: rampUpStretch, rho: 0.5 }", "b: rampUpStrech, rho: 0.5 }", "economics.risk.execution.correlations[0].b: 'rampUpStrech' has no distribution; did you mean 'rampUpStretch'?" },
        { "kind: pert, low: 0, mode: 4, high: 18", "kind: pert, low: 0, high: 18", "economics.risk.execution.constructionDelayMonths.mode: a pert distribution needs 'mode'" },
        { "  defaultPriceDeck: current", "  defaultPriceDeck: curent", "economics.defaultPriceDeck: price deck 'curent' is not defined; did you mean 'current'?" },
        { "{ site: nv-spoke, usdPerKWh: 0.09 }", "{ site: nv-spoek, usdPerKWh: 0.09 }", "site 'nv-spoek' is not defined; did you mean 'nv-spoke'?" },
        { "capexSchedule: [0.3, 0.7]", "capexSchedule: [0.3, 0.6]", "economics.capexSchedule: shares must sum to 1" },
        { "kind: pert, low: 0.75, mode: 1.0, high: 1.3", "kind: pert, low: 0.75, high: 1.3", "a pert distribution needs 'mode'" },
        { "{ driver: opex, kind: normal, mean: 1.0, stdDev: 0.08 }", "{ driver: capex, kind: normal, mean: 1.0, stdDev: 0.08 }", "driver 'capex' has two distributions" },
        { "{ a: coProductPrice, b: ndprPrice, rho: 0.6 }", "{ a: scrapCost, b: ndprPrice, rho: 0.6 }", "economics.risk.correlations[1].a: correlation names 'scrapCost', which has no distribution" },
        { "{ a: magnetPrice, b: ndprPrice, rho: 0.7 }", "{ a: magnetPrice, b: opex, rho: 0.7 }\n      - { a: opex, b: ndprPrice, rho: 0.7 }\n      - { a: magnetPrice, b: ndprPrice, rho: -0.7 }", "economics.risk.correlations: the correlations are inconsistent" },
        { "{ a: magnetPrice, b: ndprPrice, rho: 0.7 }", "{ a: magnetPrice, b: magnetPrice, rho: 0.7 }", "b: a driver cannot be correlated with itself ('magnetPrice')" },
        { Deck, Deck.Replace("\n    - name", "\n      gradePremiums: [{ grade: 42XH, usdPerKg: 5 }]\n    - name", StringComparison.Ordinal), "economics.priceDecks[0].gradePremiums[0].grade: '42XH': unknown coercivity class 'XH'" },
        { Deck, Deck.Replace("\n    - name", "\n      gradePremiums: [{ grade: 42SH, usdPerKg: 5 }, { grade: n42sh, usdPerKg: 6 }]\n    - name", StringComparison.Ordinal), "grade 'n42sh' has two premiums in deck 'current'" },
        { "{ station: jetMill, referenceSize", "{ station: jetMil, referenceSize", "economics.capital.equipment[3].station: unknown station kind 'jetMil'; did you mean 'jetMill'?" },
        { "      - { station: coating, referenceSize: 300", "      - { station: hpms, referenceSize: 300", "economics.capital.equipment[8].station: station kind 'hpms' has two cost curves" },
        { "      - { station: press, referenceSize: 80", "      # - { station: press, referenceSize: 80", "economics.capital.equipment: station kind 'press' (2 units at 'dfw-hub') has no cost curve" },
        { "      - { role: logistics, usdPerYear: 70000 }\n", "", "economics.labour.wages: no loaded wage for role 'logistics' at site 'dfw-hub'" },
        { "{ role: operators, site: sc-spoke,", "{ role: operators, site: sc-spoek,", "economics.labour.wages[1].site: site 'sc-spoek' is not defined; did you mean 'sc-spoke'?" },
        { "{ station: press, perUnitPerShift: 1 }", "{ station: press, perUnitPerShift: 1 }\n      - { station: press, perUnitPerShift: 2 }", "economics.labour.crews[4].station: station kind 'press' has two crews" },
        { "    referenceGrade: 35M", "    referenceGrade: 38Q", "economics.magnetPricing.referenceGrade: '38Q': unknown coercivity class 'Q'" },
        { "payableShare: 0.40,", "payableShare: 1.40,", "economics.coProductClasses: class 'Long-loop feed' pays more than 'HPMS alloy powder' before it" },
        { "  defaultPriceDeck: current", "  magnetGrade: N41\n  defaultPriceDeck: current", "economics.magnetGrade: 'N41': 41 is not a standard grade number" },
        { "{ driver: magnetPrice, low: 0.8, high: 1.2 }", "{ driver: magnetPrice, low: 1.2, high: 0.8 }", "economics.risk.tornado[0].low: low (1.2) is above high (0.8)" },
        { "constructionYears: 2 ", "constructionYears: 0 ", "economics.constructionYears: must lie in [1, 10], found 0" },
        { "rampUp: [0.75, 0.9, 0.95, 1.0]", "rampUp: [0.75, 1.7, 0.95, 1.0]", "economics.rampUp: rampUp[1] is 1.7; shares of nameplate must lie in [0, 1.5]" },
        { "{ site: nv-spoke, usdPerKWh: 0.09 }", "{ site: nv-spoke, usdPerKWh: 0.09 }\n    - { site: dfw-hub, usdPerKWh: 0.30 }", "economics.electricityTariffs[3].site: site 'dfw-hub' has two electricity tariffs" },
        { "{ a: magnetPrice, b: ndprPrice, rho: 0.7 }", "{ a: magnetPrice, b: ndprPrice, rho: 0.7 }\n      - { a: ndprPrice, b: magnetPrice, rho: 0.2 }", "'ndprPrice' and 'magnetPrice' are correlated twice" },
        { "{ driver: magnetPrice, low: 0.8, high: 1.2 }", "{ driver: magnetPrice, low: 0.8, high: 1.2 }\n      - { driver: magnetPrice, low: 0.9, high: 1.1 }", "driver 'magnetPrice' is in the tornado twice" },
    };

    private const string Deck = "      magnet: { usdPerKg: 51.5, ndprLink: 0.98 }         # calibrated to FS Nov 2024\n    - name: forecast";

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_economic_inputs_are_located_errors(string find, string replace, string message)
    {
        var text = File.ReadAllText(Scenario("dfw-hub.yaml"));
        Assert.Contains(find, text, StringComparison.Ordinal);
        var path = TempScenario(text.Replace(find, replace, StringComparison.Ordinal));
        // Without Monte Carlo draws, as magloop validate runs it: the risk inputs are checked all the same.
        var e = Assert.Throws<ScenarioException>(() => Study.Run(path));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.True(e.Line > 150, e.Message);
    }

    [Fact]
    public void Grade_premiums_match_the_parsed_grade_whatever_its_spelling()
    {
        var text = File.ReadAllText(Scenario("dfw-hub.yaml"));
        var baseline = Study.Run(Scenario("dfw-hub.yaml"));
        var predicted = baseline.Products[0].Grade;
        Assert.NotEqual("none", predicted);
        // The predicted grade written in lower case, with the N prefix: the premium applies.
        var premium = Deck.Replace("\n    - name", $"\n      gradePremiums: [{{ grade: n{predicted.ToLowerInvariant()}, usdPerKg: 10 }}]\n    - name", StringComparison.Ordinal);
        var path = TempScenario(text.Replace(Deck, premium, StringComparison.Ordinal));
        var withPremium = Study.Run(path).Economics!;
        var year = withPremium.CashFlows[^1];
        Assert.Equal(baseline.Economics!.CashFlows[^1].RevenueUsd + (decimal)year.MagnetKg * 10m, year.RevenueUsd);
    }

    // The older economics.loan, still read as one export-credit tranche, in place of the bundled financing block.
    private const string LegacyLoan = "  loan:\n    amountUsd: 92000000\n    interestRate: 0.06\n    upfrontFeeShare: 0.02\n    tenorYears: 10\n    repayment: sculpted\n    targetDscr: 1.4\n";

    private static string WithLegacyLoan(string text)
    {
        var start = text.IndexOf("  financing:\n", StringComparison.Ordinal);
        var end = text.IndexOf("  # Sensitivity ranges", start, StringComparison.Ordinal);
        return text[..start] + LegacyLoan + text[end..];
    }

    [Fact]
    public void The_loan_fee_has_its_own_column_and_is_not_debt_service()
    {
        var path = TempScenario(WithLegacyLoan(File.ReadAllText(Scenario("dfw-hub.yaml"))));
        var e = Study.Run(path).Economics!;
        // The loan is one export-credit tranche held at $92M (drawn plus capitalised interest): its 2 % arrangement
        // fee falls on the commitment, the capital it draws, at financial close.
        var drawn = e.Financing!.Tranches[0].DrawnUsd;
        Assert.Equal(92_000_000m, e.Financing.DebtUsd, 0);
        Assert.Equal((double)(drawn * 0.02m), (double)e.CashFlows[0].LoanFeeUsd, 1e-3);
        Assert.Equal(e.CashFlows[0].LoanFeeUsd, e.CashFlows.Sum(y => y.LoanFeeUsd));
        Assert.All(e.CashFlows.Where(y => y.OperatingYear > 0), y => Assert.Equal((double)(y.InterestUsd + y.PrincipalUsd), (double)y.DebtServiceUsd, 1e-3));
    }

    [Fact]
    public void A_loan_beside_financing_is_a_located_error()
    {
        var text = File.ReadAllText(Scenario("dfw-hub.yaml"));
        var path = TempScenario(text.Replace("  financing:\n", LegacyLoan + "  financing:\n", StringComparison.Ordinal));
        var e = Assert.Throws<ScenarioException>(() => Study.Run(path));
        Assert.Contains("economics.loan: give either economics.loan or economics.financing, not both", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_financing_is_sized_by_the_minimum_dscr_below_the_letter_of_interest()
    {
        // Equal-principal instalments from six months after completion fall in the ramp-up years, so the 1.30 covenant
        // binds before the $92M cap or the 75 % gearing cap (docs/model-economics.md, "Financing").
        var f = Economics("dfw-hub.yaml", "current").Financing!;
        Assert.Equal("dscr", f.BindingLimit);
        Assert.True(f.DebtUsd < 92_000_000m && f.DebtUsd < f.GearingCapacityUsd, f.BindingWhy);
        Assert.Equal(1.30, f.MinDscr!.Value, 1e-6);
        Assert.Equal(3, f.Tranches.Count);
        Assert.True(f.Plcr > f.Llcr, $"PLCR {f.Plcr} LLCR {f.Llcr}");
    }

    [Fact]
    public void A_free_rare_earth_target_beyond_sintered_magnets_is_a_located_error()
    {
        var text = File.ReadAllText(Scenario("dfw-hub.yaml"));
        var path = TempScenario(text.Replace("targetFreeRareEarthFraction: 0.30", "targetFreeRareEarthFraction: 0.99", StringComparison.Ordinal));
        var e = Assert.Throws<ScenarioException>(() => Study.Run(path));
        Assert.Contains("process.blending.targetFreeRareEarthFraction: must lie in [0.26, 0.35], found 0.99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_price_deck_names_the_decks_there_are()
    {
        var e = Assert.Throws<ScenarioException>(() => Study.Run(Scenario("dfw-hub.yaml"), new StudyOptions { PriceDeck = "spot" }));
        Assert.Contains("economics.priceDecks: price deck 'spot' is not defined. Decks: current, forecast", e.Message, StringComparison.Ordinal);
        Assert.True(e.Line > 0);
    }

    [Fact]
    public void A_scenario_without_economics_has_none_and_refuses_a_price_deck()
    {
        var text = File.ReadAllText(Scenario("dfw-hub.yaml"));
        var path = TempScenario(text[..text.IndexOf("\neconomics:", StringComparison.Ordinal)]);
        Assert.Null(Study.Run(path).Economics);
        Assert.Throws<ScenarioException>(() => Study.Run(path, new StudyOptions { PriceDeck = "current" }));
    }

    private static string TempScenario(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"magloop-econ-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        return path;
    }
}
