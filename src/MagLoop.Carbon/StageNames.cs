using System.Text.Json;

namespace MagLoop.Carbon;

/// <summary>The stages as results name them (camelCase keys) and as tables show them (words).</summary>
public static class StageNames
{
    /// <summary>Every stage's key, in stage order, as in <see cref="CarbonResult.ByStage"/>.</summary>
    public static IReadOnlyList<string> Keys { get; } = Enum.GetValues<Stage>().Select(Key).ToList();

    /// <summary>The camelCase key of a stage.</summary>
    public static string Key(Stage stage) => JsonNamingPolicy.CamelCase.ConvertName(stage.ToString());

    /// <summary>A stage key (camelCase) in words.</summary>
    public static string Label(string key) => key switch
    {
        "collectionAndPreprocessing" => "collection and pre-processing",
        "hpms" => "HPMS",
        "magnetMaking" => "magnet making",
        "freshRareEarth" => "fresh rare earth",
        "transport" => "transport",
        _ => key,
    };
}
