using System.Text.Json;
using MagLoop.Cli;

namespace MagLoop.Carbon.Tests;

/// <summary>The carbon part of <c>magloop study</c>: JSON, tables and located errors with exit code 2.</summary>
public sealed class CarbonCliTests
{
    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static (int ExitCode, string Stdout, string Stderr) RunVariant(string path, params string[] args)
    {
        try
        {
            return Run(["study", path, .. args]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Study_json_carries_carbon_with_monte_carlo_percentiles()
    {
        var (code, stdout, stderr) = Run("study", Scenarios.DfwHub, "--json", "--monte-carlo", "200", "--seed", "3");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var carbon = json.RootElement.GetProperty("carbon");
        foreach (var key in new[] { "kgCo2ePerKgMagnet", "kgCo2ePerKgCoProduct", "kgCo2ePerKgCutBlock", "annualTonnesCo2e", "virginRouteKgCo2ePerKg", "savingFraction" })
            Assert.True(carbon.GetProperty(key).GetDouble() > 0, key);
        Assert.Equal(5, carbon.GetProperty("byStage").EnumerateObject().Count());
        Assert.True(carbon.GetProperty("byStage").TryGetProperty("freshRareEarth", out _));
        Assert.Equal(3, carbon.GetProperty("bySite").GetArrayLength());
        foreach (var p in new[] { "p10", "p50", "p90" })
            Assert.True(carbon.GetProperty(p).GetProperty("kgCo2ePerKgMagnet").GetDouble() > 0, p);
        Assert.True(carbon.GetProperty("energy").GetProperty("electricityKWhPerYearBySite").GetProperty("dfw-hub").GetDouble() > 0);
    }

    [Fact]
    public void Study_tables_show_carbon_by_stage_and_site()
    {
        var (code, stdout, stderr) = Run("study", Scenarios.DfwHub);
        Assert.True(code == 0, stderr);
        Assert.Contains("Carbon by stage", stdout, StringComparison.Ordinal);
        Assert.Contains("Carbon by site", stdout, StringComparison.Ordinal);
        Assert.Contains("ERCT", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_energy_is_a_located_error_with_exit_2()
    {
        var path = Scenarios.WithCarbon("  energy:\n    sintering:\n      holdingKw: -45");
        var (code, stdout, stderr) = RunVariant(path, "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Matches(@"^.+\.yaml:\d+:\d+: carbon\.energy\.sintering\.holdingKw: must not be negative", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Zero_furnace_charge_is_a_located_error_with_exit_2()
    {
        var path = Scenarios.WithCarbon("  energy:\n    degassing:\n      chargeKg: 0");
        var (code, _, stderr) = RunVariant(path);
        Assert.Equal(2, code);
        Assert.Matches(@"^.+\.yaml:\d+:\d+: carbon\.energy\.degassing\.chargeKg: ", stderr);
    }

    [Fact]
    public void Unknown_grid_region_is_a_located_error_with_exit_2_and_a_suggestion()
    {
        var path = Scenarios.Variant(t => t.Replace("region: ERCT", "region: ERCX", StringComparison.Ordinal));
        var text = File.ReadAllLines(path);
        var line = Array.FindIndex(text, l => l.Contains("region: ERCX", StringComparison.Ordinal)) + 1;
        var (code, stdout, stderr) = RunVariant(path, "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Matches($@"^.+\.yaml:{line}:\d+: carbon\.gridRegions\[0\]\.region: unknown grid region 'ERCX'; did you mean 'ERCT'\?", stderr);
    }

    [Fact]
    public void Unknown_site_in_grid_regions_is_a_located_error_with_exit_2()
    {
        var path = Scenarios.Variant(t => t.Replace("- site: nv-spoke", "- site: nv-spok", StringComparison.Ordinal));
        var (code, _, stderr) = RunVariant(path);
        Assert.Equal(2, code);
        Assert.Matches(@"^.+\.yaml:\d+:\d+: carbon\.gridRegions\[2\]\.site: site 'nv-spok' is not defined; did you mean 'nv-spoke'\?", stderr);
    }

    [Fact]
    public void Allocation_shares_not_summing_to_one_are_a_located_error_with_exit_2()
    {
        var path = Scenarios.Variant(t => t.Replace("    method: subdivision", "    method: shares\n    cutBlockShare: 0.6\n    coProductShare: 0.3", StringComparison.Ordinal));
        var (code, stdout, stderr) = RunVariant(path, "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Matches(@"^.+\.yaml:\d+:\d+: carbon\.allocation\.cutBlockShare: allocation shares must sum to 1; cutBlockShare 0\.6 \+ coProductShare 0\.3 = 0\.9", stderr);
    }

    [Fact]
    public void Stated_shares_that_sum_to_one_are_used()
    {
        var path = Scenarios.Variant(t => t.Replace("    method: subdivision", "    method: shares\n    cutBlockShare: 0.7\n    coProductShare: 0.3", StringComparison.Ordinal));
        var (code, stdout, stderr) = RunVariant(path, "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var attribution = json.RootElement.GetProperty("carbon").GetProperty("attribution");
        Assert.Equal("shares", attribution.GetProperty("method").GetString());
        Assert.Equal(0.7, attribution.GetProperty("shares").EnumerateArray().Single(s => s.GetProperty("product").GetString() == "cut block").GetProperty("share").GetDouble(), 12);
    }

    [Fact]
    public void Functional_unit_option_states_the_footprint_per_unit_of_energy_product_with_its_saving()
    {
        var (code, stdout, stderr) = Run("study", Scenarios.DfwHub, "--json", "--functional-unit", "energyProduct");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var carbon = json.RootElement.GetProperty("carbon");
        var unit = carbon.GetProperty("functionalUnit");
        Assert.Equal("energyProduct", unit.GetProperty("kind").GetString());
        var mgoe = json.RootElement.GetProperty("products")[0].GetProperty("energyProductMGOe").GetDouble();
        Assert.Equal(mgoe, unit.GetProperty("energyProductMGOe").GetDouble(), 12);
        Assert.Equal(carbon.GetProperty("kgCo2ePerKgMagnet").GetDouble() / mgoe, unit.GetProperty("kgCo2ePerUnit").GetDouble(), 12);
        // The recycled magnet's (BH)max is below the 42 MGOe virgin reference, so the saving is smaller than per kg.
        Assert.True(unit.GetProperty("savingFraction").GetDouble() < carbon.GetProperty("savingFraction").GetDouble());
    }

    [Fact]
    public void An_unknown_functional_unit_is_refused_with_exit_2()
    {
        var (code, stdout, stderr) = Run("study", Scenarios.DfwHub, "--functional-unit", "tonne");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--functional-unit expects cutBlock, magnet or energyProduct, not 'tonne'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_carbon_errors_too()
    {
        var path = Scenarios.Variant(t => t.Replace("region: SRVC", "region: XYZ", StringComparison.Ordinal));
        try
        {
            var (code, _, stderr) = Run("validate", path);
            Assert.Equal(2, code);
            Assert.Contains("carbon.gridRegions[1].region: unknown grid region 'XYZ'", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
