namespace MagLoop.Network.Files;

/// <summary>How C# names map to network-file keys (as in scenarios).</summary>
internal static class Names
{
    /// <summary>camelCase key of a C# name.</summary>
    public static string Key(string name) => MagLoop.Studies.Scenarios.ScenarioNames.Key(name);
}
