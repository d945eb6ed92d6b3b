using System.Collections;
using System.Reflection;

namespace MagLoop.Plants.Tests;

/// <summary>The definition is immutable: no public type of the room has a settable property or a mutable collection.</summary>
public sealed class ImmutabilityTests
{
    private static readonly Type[] Types = [.. typeof(PlantDefinition).Assembly.GetExportedTypes().Where(t => !t.IsAbstract || !t.IsSealed)];

    [Fact]
    public void No_public_property_has_a_setter_outside_init()
    {
        var settable = Types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.SetMethod is { IsPublic: true } set && !set.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}").ToList();
        Assert.Empty(settable);
    }

    [Fact]
    public void Collections_are_exposed_read_only()
    {
        var mutable = Types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType)
                && !(p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() is var g
                     && (g == typeof(IReadOnlyList<>) || g == typeof(IReadOnlyDictionary<,>) || g == typeof(IReadOnlySet<>))))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}").ToList();
        Assert.Empty(mutable);
    }
}
