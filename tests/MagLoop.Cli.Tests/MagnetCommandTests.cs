using System.Text.Json;

namespace MagLoop.Cli.Tests;

public sealed class MagnetCommandTests
{
    private const string Example = "Nd=23.5,Pr=6,Dy=1.2,Co=1,B=0.95,Cu=0.1,Al=0.2,O=0.25,Fe=bal";

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => CliRun.Run(args);

    [Fact]
    public void Predict_json_has_the_issue_keys()
    {
        var (code, stdout, stderr) = Run("magnet", "predict", "--composition", Example, "--density-ratio", "0.99", "--grain-size-um", "5", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        foreach (var key in new[] { "remanenceT", "coercivityKAm", "energyProductKJm3", "energyProductMGOe", "grade", "densityGcm3" })
            Assert.True(root.TryGetProperty(key, out _), key);
        Assert.InRange(root.GetProperty("remanenceT").GetDouble(), 1.2, 1.45);
        Assert.Equal(root.GetProperty("energyProductKJm3").GetDouble() / 7.957747, root.GetProperty("energyProductMGOe").GetDouble(), 4);
    }

    [Fact]
    public void Predict_shows_the_domain_warnings()
    {
        // Oxidised recycled powder: oxygen above the calibrated range and no grade.
        const string powder = "Nd=21,Pr=5.5,Dy=1,Co=1,B=0.95,Cu=0.1,Al=0.2,O=0.6,Fe=bal";
        var (code, stdout, _) = Run("magnet", "predict", "--composition", powder);
        Assert.Equal(0, code);
        Assert.Contains("warning: oxygen: oxygen 0.6 wt% lies above the calibrated 0.06-0.45 wt%", stdout, StringComparison.Ordinal);
        Assert.Contains("warning: grade: the magnet reaches no standard grade", stdout, StringComparison.Ordinal);

        var (jsonCode, json, _) = Run("magnet", "predict", "--composition", powder, "--json");
        Assert.Equal(0, jsonCode);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(4, doc.RootElement.GetProperty("warnings").GetArrayLength()); // rare earth, iron, oxygen, grade
    }

    [Fact]
    public void Predict_refuses_a_steel_laden_alloy_naming_the_steel()
    {
        var (code, stdout, stderr) = Run("magnet", "predict", "--composition", "Nd=17,Pr=4,Dy=1,B=0.55,Co=0.5,O=0.3,Steel=45,Fe=bal");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--composition: steel, polymer, coating and other matter make 45 wt% (steel 45 wt%)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_prints_a_table()
    {
        var (code, stdout, _) = Run("magnet", "predict", "--composition", Example);
        Assert.Equal(0, code);
        Assert.Contains("Remanence Br", stdout, StringComparison.Ordinal);
        Assert.Contains("Error band", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.30, 1600, 330, "42SH", "SH")]
    [InlineData(1.30, 1000, 330, "N42", "N")]
    [InlineData(1.22, 2000, 290, "38UH", "UH")]
    public void Grade_json_classifies(double br, double hcj, double bhmax, string grade, string cls)
    {
        var (code, stdout, stderr) = Run("magnet", "grade", "--br", $"{br}", "--hcj", $"{hcj}", "--bhmax", $"{bhmax}", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(grade, json.RootElement.GetProperty("grade").GetString());
        Assert.Equal(cls, json.RootElement.GetProperty("coercivityClass").GetString());
    }

    [Fact]
    public void Grade_below_the_N_class_says_so()
    {
        var (code, stdout, _) = Run("magnet", "grade", "--br", "1.3", "--hcj", "900", "--bhmax", "330");
        Assert.Equal(0, code);
        Assert.Contains("no grade", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_refuses_an_energy_product_above_the_physical_bound()
    {
        var (code, _, stderr) = Run("magnet", "grade", "--br", "1.0", "--hcj", "1000", "--bhmax", "330");
        Assert.Equal(2, code);
        Assert.Contains("Br^2/(4 mu0)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_up_json_lists_the_three_ways()
    {
        var (code, stdout, stderr) = Run("magnet", "top-up", "--powder", "Nd=21,Pr=5.5,Dy=1,Co=1,B=0.95,Cu=0.1,Al=0.2,O=0.6,Fe=bal", "--target", "42SH", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("42SH", json.RootElement.GetProperty("target").GetString());
        var kinds = json.RootElement.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["FreshRareEarth", "DiffusedDy", "DiffusedTb"], kinds);
    }

    [Theory]
    [InlineData("Nd=23,Xx=1,Fe=bal", "unknown component 'Xx'")]
    [InlineData("Nd=-23,Fe=bal", "must be a finite number >= 0")]
    [InlineData("Nd=30,Fe=60", "sum to 90, not 100")]
    [InlineData("Nd=abc,Fe=bal", "not a number")]
    [InlineData("Nd=23.5,Nd=5,Fe=bal", "Nd is given twice")]
    [InlineData("Nd=100,Fe=bal", "--composition: total rare earth (Nd, Pr, Dy, Tb, Ce) is 100 wt%")]
    [InlineData("Nd=30,Fe=bal", "--composition: boron is 0 wt%")]
    public void Bad_compositions_are_user_errors(string composition, string message)
    {
        var (code, stdout, stderr) = Run("magnet", "predict", "--composition", composition);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--powder", "Fe=bal", "--powder: total rare earth (Nd, Pr, Dy, Tb, Ce) is 0 wt%")]
    [InlineData("--fresh", "Fe=100", "--fresh: the fresh addition must be rare-earth metal")]
    public void Top_up_refuses_powder_outside_the_model_and_fresh_that_is_not_rare_earth(string option, string value, string message)
    {
        var args = option == "--powder"
            ? new[] { "magnet", "top-up", "--powder", value, "--target", "42SH" }
            : ["magnet", "top-up", "--powder", Example, "--target", "42SH", "--fresh", value];
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("0")]
    public void Grade_refuses_a_remanence_no_hard_phase_gives(string br)
    {
        var (code, _, stderr) = Run("magnet", "grade", "--br", br, "--hcj", "1000", "--bhmax", "0");
        Assert.Equal(2, code);
        Assert.Contains("at most 1.60 T", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_target_grade_is_a_user_error()
    {
        var (code, _, stderr) = Run("magnet", "top-up", "--powder", Example, "--target", "N41");
        Assert.Equal(2, code);
        Assert.Contains("--target", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Study_tables_show_the_magnet_products()
    {
        var (code, stdout, _) = Run("study");
        Assert.Equal(0, code);
        Assert.Contains("Magnet products", stdout, StringComparison.Ordinal);
    }
}
