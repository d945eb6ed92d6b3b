using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

/// <summary>Checks that need the whole plant: routing values, recycle loops, custom scrap types, limits.</summary>
public sealed class PlantValidationTests
{
    private static ScenarioException Fails(string text) => Assert.Throws<ScenarioException>(() =>
    {
        var (scenario, map) = ScenarioReader.Read(text, "test.yaml");
        Study.Run(PlantBuilder.Build(scenario, map), "test.yaml");
    });

    [Theory]
    [InlineData("swarf: blending", "routing.swarf")]
    [InlineData("rejects: blending", "routing.rejects")]
    [InlineData("pressingScrap: hpms", "routing.pressingScrap")]
    public void Routing_accepts_only_the_destinations_of_that_stream(string line, string field)
    {
        var error = Fails(MinimalScenario.Text + "routing:\n  " + line + "\n");
        Assert.Equal((33, field), (error.Line, error.Field));
        Assert.Contains("is not one of", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Pressing_scrap_loop_that_cannot_settle_is_located_at_the_pressing_loss()
    {
        var error = Fails(MinimalScenario.Text + "process:\n  pressing:\n    lossFraction: 1\nrouting:\n  pressingScrap: blending\n");
        Assert.Equal((34, 19, "process.pressing.lossFraction"), (error.Line, error.Column, error.Field));
        Assert.Contains("cannot settle", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_pressing_loss_is_fine_when_the_scrap_is_sold_but_then_no_magnets_are_made()
    {
        var error = Fails(MinimalScenario.Text + "process:\n  pressing:\n    lossFraction: 1\nrouting:\n  pressingScrap: coProduct\n");
        Assert.Equal("process", error.Field);
        Assert.Contains("no magnets", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Plant_that_rejects_every_magnet_has_no_path_to_product()
    {
        var error = Fails(MinimalScenario.Text + "process:\n  inspection:\n    rejectFraction: 1\nrouting:\n  rejects: coProduct\n");
        Assert.Contains("no path from feed to product", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Fresh_addition_that_cannot_reach_the_target_once_milled_is_located()
    {
        var error = Fails(MinimalScenario.Text + "process:\n  blending:\n    freshRareEarth: { Nd: 0.303, Fe: bal }\n");
        Assert.Equal("process.blending.freshRareEarth", error.Field);
        Assert.Contains("once milled", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurd_tonnage_is_out_of_range() =>
        Assert.Contains("must lie in", Fails(MinimalScenario.With("tonnesPerYear: 1000", "tonnesPerYear: 1e306")).Problem, StringComparison.Ordinal);

    [Fact]
    public void Near_zero_cycle_time_is_out_of_range() =>
        Assert.Equal("equipment.hpms.cycleHours", Fails(MinimalScenario.With("cycleHours: 8", "cycleHours: 1e-306")).Field);

    [Fact]
    public void Custom_magnet_composition_may_not_hold_oxygen()
    {
        var text = MinimalScenario.Text + """
            scrapTypes:
              - id: my-scrap
                source: test
                magnetMassFraction: 0.5
                magnetComposition: { Nd: 0.3, O: 0.01, Fe: bal }
                oxygenMassFraction: 0.003
                foreignComposition: { Steel: 1 }
                spokeMagnetRecovery: 1
                spokeForeignRemoval: 0
                hpmsExtractionYield: 0.9

            """;
        var error = Fails(text);
        Assert.Equal("scrapTypes[0].magnetComposition", error.Field);
        Assert.Contains("oxygenMassFraction", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_scrap_type_can_be_fed()
    {
        var text = MinimalScenario.With("scrapType: ev-rotor", "scrapType: my-scrap") + """
            scrapTypes:
              - id: my-scrap
                name: Test rotors
                source: test figures
                magnetMassFraction: 0.5
                magnetComposition: { Nd: 0.3, B: 0.01, Fe: bal }
                oxygenMassFraction: 0.003
                coating: zinc
                coatingMassPerMagnetMass: 0.01
                foreignComposition: { Steel: 0.9, Polymer: 0.1 }
                spokeMagnetRecovery: 1
                spokeForeignRemoval: 0.5
                hpmsExtractionYield: 0.9

            """;
        var (scenario, map) = ScenarioReader.Read(text, "test.yaml");
        var result = Study.Run(PlantBuilder.Build(scenario, map), "test.yaml");
        Assert.True(result.Production.MagnetTonnesPerYear > 0);
        Assert.True(result.Production.MassBalance.MaxRelativeError < 1e-9);
        Assert.Equal("my-scrap", result.Feeds.Single().ScrapType);
    }

    [Fact]
    public void A_second_route_between_the_same_sites_is_a_located_error()
    {
        var error = Fails(MinimalScenario.With("    distanceKm: 1679\n", "    distanceKm: 1679\n  - from: spoke\n    to: hub\n    distanceKm: 100\n"));
        Assert.Equal((16, "routes[1].to"), (error.Line, error.Field));
        Assert.Contains("a second route from 'spoke' to 'hub'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_from_a_site_to_itself_is_a_located_error()
    {
        var error = Fails(MinimalScenario.With("    to: hub\n", "    to: spoke\n"));
        Assert.Equal((13, "routes[0].to"), (error.Line, error.Field));
        Assert.Contains("two different sites", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Feeds_that_supply_nothing_are_a_located_error_before_anything_runs()
    {
        var error = Fails(MinimalScenario.With("tonnesPerYear: 1000", "tonnesPerYear: 0"));
        Assert.Equal("feeds", error.Field);
        Assert.Contains("supply no scrap", error.Problem, StringComparison.Ordinal);
    }
}
