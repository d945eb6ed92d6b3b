using MagLoop.Studies.Scenarios;

namespace MagLoop.Studies.Tests;

public sealed class ScenarioReaderTests
{
    [Fact]
    public void Omitted_process_parameters_take_their_cited_defaults()
    {
        var (scenario, _) = ScenarioReader.Read(MinimalScenario.Text, "test.yaml");
        Assert.Equal(0.75, scenario.Process.Machining.Yield);
        Assert.Equal(0.001, scenario.Process.JetMilling.OxygenPickupKgPerKg);
        Assert.Equal(RejectsDestination.Hpms, scenario.Routing.Rejects);
    }

    [Fact]
    public void Partial_override_keeps_the_other_defaults_of_that_step()
    {
        var (scenario, _) = ScenarioReader.Read(MinimalScenario.Text + "process:\n  jetMilling:\n    lossFraction: 0.02\n", "test.yaml");
        Assert.Equal(0.02, scenario.Process.JetMilling.LossFraction);
        Assert.Equal(0.001, scenario.Process.JetMilling.OxygenPickupKgPerKg);
    }

    [Fact]
    public void Enum_values_are_camel_case_and_case_insensitive()
    {
        var (scenario, _) = ScenarioReader.Read(MinimalScenario.Text + "routing:\n  swarf: HPMS\n  rejects: coProduct\n", "test.yaml");
        Assert.Equal(SwarfDestination.Hpms, scenario.Routing.Swarf);
        Assert.Equal(RejectsDestination.CoProduct, scenario.Routing.Rejects);
    }

    [Fact]
    public void Bundled_scenarios_are_valid()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "scenarios"), "*.yaml"))
            Assert.NotNull(Study.Load(file));
    }
}

public sealed class ScenarioSchemaTests
{
    [Fact]
    public void Published_schema_is_in_step_with_the_scenario_classes()
    {
        var published = File.ReadAllText(RepositoryFiles.Path_("docs", "scenario.schema.json")).ReplaceLineEndings("\n");
        Assert.True(published == ScenarioSchema.Generate(),
            "docs/scenario.schema.json is out of date: run `dotnet run --project src/MagLoop.Cli -- schema > docs/scenario.schema.json`");
    }

    [Fact]
    public void Schema_names_every_key_of_the_bundled_scenario()
    {
        var schema = ScenarioSchema.Generate();
        foreach (var key in new[] { "\"sites\"", "\"feeds\"", "\"batchKg\"", "\"jetMillKgPerHour\"", "\"targetFreeRareEarthFraction\"", "\"pressingScrap\"" })
            Assert.Contains(key, schema, StringComparison.Ordinal);
    }
}
