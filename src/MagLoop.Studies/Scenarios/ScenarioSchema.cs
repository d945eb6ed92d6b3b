using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using MagLoop.Materials;

namespace MagLoop.Studies.Scenarios;

/// <summary>
/// Generates the JSON Schema of scenario files from the scenario classes, so the published schema
/// (docs/scenario.schema.json) and the reader can never disagree.
/// </summary>
public static class ScenarioSchema
{
    /// <summary>The schema as indented JSON text with a final newline.</summary>
    public static string Generate()
    {
        var definitions = new JsonObject();
        var root = ObjectSchema(typeof(Scenario), new Scenario(), definitions, inline: true);
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "MagLoop scenario",
        };
        foreach (var (key, value) in root) schema[key] = value?.DeepClone();
        schema["$defs"] = definitions;
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject ObjectSchema(Type type, object defaults, JsonObject definitions, bool inline)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).OrderBy(p => p.MetadataToken))
        {
            var key = ScenarioNames.Key(property.Name);
            var value = property.GetValue(defaults);
            var schema = ValueSchema(property.PropertyType, value, property, definitions);
            if (property.GetCustomAttribute<DescriptionAttribute>() is { } description) schema["description"] = description.Description;
            if (property.GetCustomAttribute<RequiredAttribute>() is not null) required.Add(key);
            else if (Default(property.PropertyType, value) is { } defaultValue) schema["default"] = defaultValue;
            properties[key] = schema;
        }

        var result = new JsonObject { ["type"] = "object" };
        if (type.GetCustomAttribute<DescriptionAttribute>() is { } typeDescription) result["description"] = typeDescription.Description;
        result["additionalProperties"] = false;
        result["properties"] = properties;
        if (required.Count > 0) result["required"] = required;
        return result;
    }

    private static JsonObject ValueSchema(Type type, object? value, PropertyInfo? property, JsonObject definitions)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string)) return new JsonObject { ["type"] = "string", ["minLength"] = 1 };
        if (underlying == typeof(double) || underlying == typeof(int))
        {
            var schema = new JsonObject { ["type"] = underlying == typeof(int) ? "integer" : "number" };
            if (property?.GetCustomAttribute<RangeAttribute>() is { } range)
            {
                schema[range.MinimumIsExclusive ? "exclusiveMinimum" : "minimum"] = Number(range.Minimum);
                schema[range.MaximumIsExclusive ? "exclusiveMaximum" : "maximum"] = Number(range.Maximum);
            }
            else
            {
                schema["minimum"] = 0;
            }

            return schema;
        }

        if (underlying.IsEnum)
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Enum.GetNames(underlying).Select(n => (JsonNode)ScenarioNames.Key(n)).ToArray()) };
        if (underlying == typeof(CompositionSpec))
        {
            return new JsonObject
            {
                ["type"] = "object",
                ["propertyNames"] = new JsonObject { ["enum"] = new JsonArray(Components.All.Select(c => (JsonNode)c.ToString()).ToArray()) },
                ["additionalProperties"] = new JsonObject
                {
                    ["oneOf"] = new JsonArray(
                        new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1 },
                        new JsonObject { ["const"] = "bal" }),
                },
                ["minProperties"] = 1,
            };
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var item = underlying.GetGenericArguments()[0];
            return new JsonObject { ["type"] = "array", ["items"] = ValueSchema(item, null, null, definitions) };
        }

        // Classes become named definitions; per-use defaults are shown where the property is declared.
        var name = underlying.Name;
        if (!definitions.ContainsKey(name))
        {
            definitions[name] = new JsonObject();
            definitions[name] = ObjectSchema(underlying, Activator.CreateInstance(underlying)!, definitions, inline: false);
        }

        return new JsonObject { ["$ref"] = $"#/$defs/{name}" };
    }

    private static JsonNode? Default(Type type, object? value)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            null => null,
            double d => JsonValue.Create(d),
            int i => JsonValue.Create(i),
            Enum e => JsonValue.Create(ScenarioNames.Key(e.ToString())),
            CompositionSpec spec => new JsonObject(spec.Entries.Select(en => KeyValuePair.Create(en.Symbol, (JsonNode?)(en.MassFraction is { } f ? JsonValue.Create(f) : JsonValue.Create("bal"))))),
            _ when underlying.IsClass && underlying != typeof(string) && !underlying.IsGenericType => ClassDefaults(value),
            _ => null,
        };
    }

    private static JsonObject? ClassDefaults(object value)
    {
        var result = new JsonObject();
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).OrderBy(p => p.MetadataToken))
        {
            if (property.GetCustomAttribute<RequiredAttribute>() is not null) continue;
            if (Default(property.PropertyType, property.GetValue(value)) is { } node) result[ScenarioNames.Key(property.Name)] = node;
        }

        return result.Count > 0 ? result : null;
    }

    private static JsonNode Number(object value)
    {
        var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        return d == Math.Floor(d) && Math.Abs(d) < 1e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
    }
}
