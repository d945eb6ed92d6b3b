namespace MagLoop.Studies.Scenarios;

/// <summary>Where a value sits in a scenario file.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Field">Field path, such as <c>feeds[0].site</c>.</param>
public readonly record struct SourceLocation(int Line, int Column, string Field);

/// <summary>
/// Remembers where each bound object and property came from, so that checks after binding can still point at
/// the line that is wrong.
/// </summary>
public sealed class SourceMap(string file)
{
    private readonly Dictionary<object, SourceLocation> _objects = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(ReferenceKey, string), SourceLocation> _properties = [];

    /// <summary>The scenario file path as given.</summary>
    public string File { get; } = file;

    internal void AddObject(object target, SourceLocation location) => _objects[target] = location;

    internal void AddProperty(object owner, string property, SourceLocation location) =>
        _properties[(new ReferenceKey(owner), property)] = location;

    /// <summary>Location of a property's value, else of its owning object, else the file start.</summary>
    public SourceLocation Locate(object owner, string? property = null)
    {
        if (property is not null && _properties.TryGetValue((new ReferenceKey(owner), property), out var location)) return location;
        if (_objects.TryGetValue(owner, out var objectLocation))
            return property is null ? objectLocation : objectLocation with { Field = Join(objectLocation.Field, property) };
        return new SourceLocation(1, 1, property ?? "");
    }

    /// <summary>An error located at a property of a bound object.</summary>
    public ScenarioException Error(object owner, string? property, string problem)
    {
        var location = Locate(owner, property is null ? null : ScenarioNames.Key(property));
        return new ScenarioException(File, location.Line, location.Column, location.Field, problem);
    }

    internal static string Join(string parent, string child) => parent.Length == 0 ? child : $"{parent}.{child}";

    // Records are compared by value; locations must be kept per instance.
    private readonly record struct ReferenceKey(object Target)
    {
        public bool Equals(ReferenceKey other) => ReferenceEquals(Target, other.Target);

        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Target);
    }
}

/// <summary>How C# names map to scenario keys.</summary>
public static class ScenarioNames
{
    /// <summary>camelCase key of a C# property or enum member name.</summary>
    public static string Key(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
