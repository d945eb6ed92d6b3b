using System.Text.Json;
using System.Text.Json.Serialization;

namespace MagLoop.Studies.Tests;

public sealed class StudyJsonTests
{
    // The metadata generated at build time must write what reflection writes, field for field.
    private static readonly JsonSerializerOptions ReflectionOnly = new(StudyResult.JsonOptions)
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    [Theory]
    [InlineData("dfw-hub.yaml")]
    [InlineData("dfw-hub-long-loop.yaml")]
    public void The_generated_study_json_is_the_reflection_serializer_s_byte_for_byte(string scenario)
    {
        var result = Study.Run(RepositoryFiles.Scenario(scenario), new StudyOptions { MonteCarloDraws = 40, Seed = 2 });
        var json = result.ToJson();
        Assert.Equal(JsonSerializer.Serialize(result, ReflectionOnly), json);
        Assert.Contains("\"risk\"", json, StringComparison.Ordinal);
        Assert.Contains("\"simulation\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_study_result_s_metadata_comes_from_the_generated_context_not_from_reflection()
    {
        var info = StudyResult.JsonOptions.GetTypeInfo(typeof(StudyResult));
        Assert.IsAssignableFrom<JsonSerializerContext>(info.OriginatingResolver);
        Assert.IsAssignableFrom<JsonSerializerContext>(StudyResult.JsonOptions.GetTypeInfo(typeof(MagLoop.Plants.PlantSimulationResult)).OriginatingResolver);
    }
}
