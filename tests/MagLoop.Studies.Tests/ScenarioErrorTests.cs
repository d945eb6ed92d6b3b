using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

/// <summary>Every class of bad input gives one located <see cref="ScenarioException"/>.</summary>
public sealed class ScenarioErrorTests
{
    private static ScenarioException Fails(string text) => Assert.Throws<ScenarioException>(() =>
    {
        var (scenario, map) = ScenarioReader.Read(text, "test.yaml");
        PlantBuilder.Build(scenario, map);
    });

    private static void AssertAt(ScenarioException error, int line, int column, string field, string problemPart)
    {
        Assert.Equal("test.yaml", error.File);
        Assert.Equal((line, column, field), (error.Line, error.Column, error.Field));
        Assert.Contains(problemPart, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"test.yaml:{line}:{column}: {field}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Minimal_scenario_is_valid()
    {
        var (scenario, map) = ScenarioReader.Read(MinimalScenario.Text, "test.yaml");
        var plant = PlantBuilder.Build(scenario, map);
        Assert.Single(plant.Scenario.Feeds);
    }

    [Fact]
    public void Malformed_yaml_is_located() =>
        Assert.Equal((4, 4), At(Fails(MinimalScenario.With("  - id: hub\n", "  - id: hub\n   kind: : x\n"))));

    [Fact]
    public void Unclosed_flow_sequence_is_malformed_yaml()
    {
        var error = Fails(MinimalScenario.With("  - id: ev\n", "  - id: [ev\n"));
        Assert.Contains("malformed YAML", error.Problem, StringComparison.Ordinal);
        Assert.True(error.Line >= 16);
    }

    [Fact]
    public void Unknown_key_suggests_the_nearest() =>
        AssertAt(Fails(MinimalScenario.With("tonnesPerYear: 1000", "tonesPerYear: 1000")), 19, 5, "feeds[0].tonesPerYear", "did you mean 'tonnesPerYear'?");

    [Fact]
    public void Unknown_key_without_a_near_match_lists_the_valid_keys() =>
        AssertAt(Fails(MinimalScenario.With("tonnesPerYear: 1000", "tonnesPerYear: 1000\n    colour: red")), 20, 5, "feeds[0].colour", "valid keys here: id, scrapType, site");

    [Fact]
    public void Wrong_type_is_reported() =>
        AssertAt(Fails(MinimalScenario.With("vessels: 1", "vessels: one")), 23, 14, "equipment.hpms.vessels", "expected a whole number, found 'one'");

    [Fact]
    public void List_where_a_mapping_is_expected_is_reported() =>
        AssertAt(Fails(MinimalScenario.With("  hpms:\n    site: hub\n    vessels: 1\n    batchKg: 1000\n    cycleHours: 8\n    availability: 0.85\n", "  hpms: [1, 2]\n")), 21, 9, "equipment.hpms", "expected a mapping");

    [Fact]
    public void Missing_required_field_is_reported_at_its_parent() =>
        AssertAt(Fails(MinimalScenario.With("    cycleHours: 8\n", "")), 22, 5, "equipment.hpms", "missing required field 'cycleHours'");

    [Fact]
    public void Negative_number_is_rejected() =>
        AssertAt(Fails(MinimalScenario.With("tonnesPerYear: 1000", "tonnesPerYear: -5")), 19, 20, "feeds[0].tonnesPerYear", "must not be negative");

    [Theory]
    [InlineData(".nan")]
    [InlineData(".inf")]
    [InlineData("1e999")]
    public void Non_finite_number_is_rejected(string value) =>
        AssertAt(Fails(MinimalScenario.With("batchKg: 1000", $"batchKg: {value}")), 24, 14, "equipment.hpms.batchKg", "must be a finite number");

    [Fact]
    public void Fraction_above_1_is_rejected() =>
        AssertAt(Fails(MinimalScenario.With("    availability: 0.85\n  magnetLine:", "    availability: 1.5\n  magnetLine:")), 26, 19, "equipment.hpms.availability", "must lie in [0, 1]");

    [Fact]
    public void Fraction_override_on_a_feed_is_range_checked() =>
        AssertAt(Fails(MinimalScenario.With("tonnesPerYear: 1000", "tonnesPerYear: 1000\n    extractionYield: 1.2")), 20, 22, "feeds[0].extractionYield", "must lie in [0, 1]");

    [Fact]
    public void Composition_not_summing_to_1_is_rejected() =>
        AssertAt(Fails(MinimalScenario.Text + "process:\n  blending:\n    freshRareEarth: { Nd: 0.5, Pr: 0.4 }\n"), 34, 21, "process.blending.freshRareEarth", "sum to 0.9, not 1");

    [Fact]
    public void Composition_with_an_unknown_element_is_rejected() =>
        AssertAt(Fails(MinimalScenario.Text + "process:\n  blending:\n    freshRareEarth: { Nd: 0.75, Px: bal }\n"), 34, 33, "process.blending.freshRareEarth.Px", "unknown component 'Px'");

    [Fact]
    public void Composition_fraction_outside_0_1_is_rejected() =>
        AssertAt(Fails(MinimalScenario.Text + "process:\n  blending:\n    freshRareEarth: { Nd: 75, Pr: 25 }\n"), 34, 27, "process.blending.freshRareEarth.Nd", "must lie in [0, 1]");

    [Fact]
    public void Unknown_scrap_type_suggests_the_nearest() =>
        AssertAt(Fails(MinimalScenario.With("scrapType: ev-rotor", "scrapType: ev-rotr")), 17, 16, "feeds[0].scrapType", "did you mean 'ev-rotor'?");

    [Fact]
    public void Reference_to_an_undefined_site_is_rejected() =>
        AssertAt(Fails(MinimalScenario.With("    site: spoke\n", "    site: spok\n")), 18, 11, "feeds[0].site", "site 'spok' is not defined; did you mean 'spoke'?");

    [Fact]
    public void Route_to_an_undefined_site_is_rejected() =>
        AssertAt(Fails(MinimalScenario.With("    to: hub\n", "    to: hubb\n")), 13, 9, "routes[0].to", "site 'hubb' is not defined");

    [Fact]
    public void Feed_with_no_path_to_the_magnets_is_rejected() =>
        AssertAt(Fails(MinimalScenario.With("  - from: spoke\n    to: hub\n", "  - from: hub\n    to: spoke\n")), 18, 11, "feeds[0].site", "no path from feed 'ev' to the magnets");

    [Fact]
    public void Hpms_at_a_spoke_is_rejected() =>
        AssertAt(Fails(MinimalScenario.With("  hpms:\n    site: hub\n", "  hpms:\n    site: spoke\n")), 22, 11, "equipment.hpms.site", "stand at a hub");

    [Fact]
    public void Duplicate_feed_ids_are_rejected() =>
        AssertAt(Fails(MinimalScenario.With("    tonnesPerYear: 1000\n", "    tonnesPerYear: 1000\n  - id: ev\n    scrapType: hdd-vcm\n    site: hub\n    tonnesPerYear: 10\n")), 20, 9, "feeds[1].id", "duplicate feed id 'ev'");

    [Fact]
    public void Unknown_enum_value_lists_the_valid_ones() =>
        AssertAt(Fails(MinimalScenario.With("    kind: spoke\n", "    kind: spok\n")), 8, 11, "sites[1].kind", "'spok' is not one of hub, spoke; did you mean 'spoke'?");

    [Fact]
    public void Empty_file_is_rejected() => Assert.Contains("empty", Fails("").Problem, StringComparison.Ordinal);

    [Fact]
    public void Missing_file_is_reported_by_name()
    {
        var error = Assert.Throws<ScenarioException>(() => Study.Load("no-such-scenario.yaml"));
        Assert.Equal("no-such-scenario.yaml: file not found", error.Message);
    }

    [Fact]
    public void Scenario_scrap_type_with_composition_not_summing_to_1_is_rejected()
    {
        var text = MinimalScenario.Text + """
            scrapTypes:
              - id: my-scrap
                source: test
                magnetMassFraction: 0.5
                magnetComposition: { Nd: 0.3, Fe: 0.6 }
                oxygenMassFraction: 0.003
                foreignComposition: { Steel: 1 }
                spokeMagnetRecovery: 1
                spokeForeignRemoval: 0
                hpmsExtractionYield: 0.9

            """;
        AssertAt(Fails(text), 36, 24, "scrapTypes[0].magnetComposition", "sum to 0.9");
    }

    [Fact]
    public void Malformed_yaml_message_continues_in_lower_case()
    {
        var error = Fails(MinimalScenario.With("  - id: hub\n", "  - id: hub\n   kind: : x\n"));
        Assert.Matches("^malformed YAML: [a-z]", error.Problem);
    }

    [Fact]
    public void Undefined_alias_is_reported_where_it_stands()
    {
        var error = Fails(MinimalScenario.With("    site: spoke\n", "    site: *spoke\n"));
        Assert.Equal((18, 11, ""), (error.Line, error.Column, error.Field));
        Assert.Equal("test.yaml:18:11: malformed YAML: alias '*spoke' refers to no anchor; define '&spoke' on a value before it", error.Message);
    }

    [Fact]
    public void Alias_used_before_its_anchor_is_undefined()
    {
        var text = MinimalScenario.With("  hpms:\n    site: hub\n", "  hpms:\n    site: *hubId\n")
            .Replace("  magnetLine:\n    site: hub\n", "  magnetLine:\n    site: &hubId hub\n", StringComparison.Ordinal);
        Assert.Equal((22, 11), At(Fails(text)));
    }

    [Fact]
    public void Defined_alias_reads_the_anchored_value()
    {
        var text = MinimalScenario.With("  - id: hub\n", "  - id: &hubId hub\n")
            .Replace("  hpms:\n    site: hub\n", "  hpms:\n    site: *hubId\n", StringComparison.Ordinal);
        var (scenario, _) = ScenarioReader.Read(text, "test.yaml");
        Assert.Equal("hub", scenario.Equipment.Hpms.Site);
    }

    [Fact]
    public void Empty_list_value_says_a_list_is_expected() =>
        AssertAt(Fails(MinimalScenario.With("routes:\n  - from: spoke\n    to: hub\n    distanceKm: 1679\n", "routes:\n")), 11, 8, "routes", "expected a list, found no value");

    [Fact]
    public void Null_mapping_value_says_a_mapping_is_expected() =>
        AssertAt(Fails(MinimalScenario.With("  hpms:\n    site: hub\n    vessels: 1\n    batchKg: 1000\n    cycleHours: 8\n    availability: 0.85\n", "  hpms: ~\n")), 21, 9, "equipment.hpms", "expected a mapping of keys, found no value");

    [Fact]
    public void Empty_enum_value_lists_the_valid_ones() =>
        AssertAt(Fails(MinimalScenario.With("    kind: spoke\n", "    kind:\n")), 8, 10, "sites[1].kind", "expected one of hub, spoke, found no value");

    [Fact]
    public void Null_composition_says_a_composition_is_expected() =>
        AssertAt(Fails(MinimalScenario.Text + "process:\n  blending:\n    freshRareEarth: null\n"), 34, 21, "process.blending.freshRareEarth", "expected a composition (element: mass fraction, one may be 'bal'), found no value");

    [Fact]
    public void Empty_number_says_a_number_is_expected() =>
        AssertAt(Fails(MinimalScenario.With("batchKg: 1000", "batchKg: ~")), 24, 14, "equipment.hpms.batchKg", "expected a number, found no value");

    [Fact]
    public void Quoted_number_is_rejected_with_a_hint() =>
        AssertAt(Fails(MinimalScenario.With("tonnesPerYear: 1000", "tonnesPerYear: '1000'")), 19, 20, "feeds[0].tonnesPerYear", "expected a number, found the text '1000'; remove the quotes");

    [Fact]
    public void Double_quoted_whole_number_is_rejected_with_a_hint() =>
        AssertAt(Fails(MinimalScenario.With("vessels: 1", "vessels: \"1\"")), 23, 14, "equipment.hpms.vessels", "expected a whole number, found the text '1'; remove the quotes");

    [Fact]
    public void Quoted_text_where_a_number_is_expected_gets_no_quote_hint()
    {
        var error = Fails(MinimalScenario.With("tonnesPerYear: 1000", "tonnesPerYear: 'lots'"));
        AssertAt(error, 19, 20, "feeds[0].tonnesPerYear", "expected a number, found the text 'lots'");
        Assert.DoesNotContain("remove the quotes", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_composition_fraction_is_rejected_with_a_hint() =>
        AssertAt(Fails(MinimalScenario.Text + "process:\n  blending:\n    freshRareEarth: { Nd: '0.75', Pr: bal }\n"), 34, 27, "process.blending.freshRareEarth.Nd", "expected a mass fraction or 'bal', found the text '0.75'; remove the quotes");

    [Fact]
    public void Quoted_names_enums_and_bal_stay_accepted()
    {
        var text = MinimalScenario.With("    kind: spoke\n", "    kind: 'spoke'\n").Replace("name: test", "name: \"test\"", StringComparison.Ordinal)
            + "process:\n  blending:\n    freshRareEarth: { Nd: 0.75, Pr: 'bal' }\n";
        var (scenario, map) = ScenarioReader.Read(text, "test.yaml");
        Assert.Equal(("test", SiteKind.Spoke), (scenario.Name, scenario.Sites[1].Kind));
        Assert.Single(PlantBuilder.Build(scenario, map).Scenario.Feeds);
    }

    [Fact]
    public void Folder_is_reported_as_not_a_scenario_file()
    {
        var folder = RepositoryFiles.Path_("scenarios");
        var error = Assert.Throws<ScenarioException>(() => Study.Load(folder));
        Assert.Equal($"{folder}: is a folder, not a scenario file; give the path of a .yaml file", error.Message);
    }

    private static (int, int) At(ScenarioException e) => (e.Line, e.Column);
}
