using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using MagLoop.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace MagLoop.Studies.Scenarios;

/// <summary>
/// Reads a scenario YAML file into a <see cref="Scenario"/>, strictly: unknown keys, wrong types, missing
/// required fields and out-of-range numbers are errors located by file, line, column and field.
/// </summary>
public static class ScenarioReader
{
    /// <summary>
    /// Reads and binds a scenario file; throws <see cref="ScenarioException"/> for any problem, including a path that
    /// is no regular file, a file over <see cref="ScenarioFile.MaxBytes"/> and bytes that are not UTF-8.
    /// </summary>
    public static (Scenario Scenario, SourceMap Map) ReadFile(string path) => Read(ScenarioFile.ReadText(path), path);

    /// <summary>Reads and binds scenario text; <paramref name="file"/> names it in errors.</summary>
    public static (Scenario Scenario, SourceMap Map) Read(string text, string file) =>
        ReadDocument<Scenario>(text, file, "a scenario must be a mapping of keys (name, sites, feeds, equipment, ...)");

    /// <summary>
    /// Reads and binds YAML text into a document class of the same kind as <see cref="Scenario"/> (camelCase keys,
    /// [Required], [Range]), with the same strictness and located errors; other MagLoop files (network files) read
    /// through it. <paramref name="notAMapping"/> is the error when the root is not a mapping.
    /// </summary>
    public static (T Document, SourceMap Map) ReadDocument<T>(string text, string file, string notAMapping)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(notAMapping);
        var yaml = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            yaml.Load(new CheckingParser(new Parser(scanner), file));
        }
        catch (YamlException e)
        {
            var message = LowerFirst((e.InnerException?.Message ?? e.Message).Trim());
            throw new ScenarioException(file, (int)e.Start.Line, (int)e.Start.Column, "", $"malformed YAML: {message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections ("[a, b" at the end).
            var at = scanner.CurrentPosition;
            throw new ScenarioException(file, (int)at.Line, (int)at.Column, "", "malformed YAML: unexpected text; is a '[', '{' or quote left unclosed?");
        }

        if (yaml.Documents.Count == 0) throw new ScenarioException(file, 1, 1, "", "the file is empty");
        if (yaml.Documents.Count > 1)
        {
            var second = yaml.Documents[1].RootNode.Start;
            throw new ScenarioException(file, (int)second.Line, (int)second.Column, "", "the file holds one YAML document, found more");
        }

        var root = yaml.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
            throw new ScenarioException(file, (int)root.Start.Line, (int)root.Start.Column, "", notAMapping);
        var binder = new Binder(new SourceMap(file));
        var document = new T();
        binder.BindObject(mapping, document, "");
        return (document, binder.Map);
    }

    /// <summary>"While scanning ..." reads "while scanning ..." after "malformed YAML: "; acronyms stay as they are.</summary>
    private static string LowerFirst(string message) =>
        message.Length > 1 && char.IsUpper(message[0]) && char.IsLower(message[1])
            ? char.ToLowerInvariant(message[0]) + message[1..]
            : message;

    /// <summary>
    /// Passes the parser's events through and stops, located, at the first alias (<c>*name</c>) whose anchor
    /// (<c>&amp;name</c>) is not defined earlier in the same document (YamlDotNet resolves aliases only once the
    /// document is read and reports an undefined one at 1:1), and at the first tag (<c>!foo</c>, <c>!!str</c>), which
    /// the representation model would otherwise keep and the binder ignore.
    /// </summary>
    private sealed class CheckingParser(IParser inner, string file) : IParser
    {
        private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            switch (inner.Current)
            {
                case DocumentStart:
                    _anchors.Clear();
                    break;
                case AnchorAlias alias when !_anchors.Contains(alias.Value.Value):
                    throw new ScenarioException(file, (int)alias.Start.Line, (int)alias.Start.Column, "",
                        $"malformed YAML: alias '*{alias.Value.Value}' refers to no anchor; define '&{alias.Value.Value}' on a value before it");
                case NodeEvent { Tag.IsEmpty: false } tagged:
                    // Values take their types from the schema; a tag would be ignored (or, as !foo, mean nothing).
                    throw new ScenarioException(file, (int)tagged.Start.Line, (int)tagged.Start.Column, "",
                        $"malformed YAML: tag '{Shorthand(tagged.Tag.Value)}' is not supported; scenario values take their types from the schema, so remove the tag");
                case NodeEvent { Anchor.IsEmpty: false } node:
                    _anchors.Add(node.Anchor.Value);
                    break;
            }

            return true;
        }

        // How the tag was most likely written: "!!str" for the YAML core schema's tag:yaml.org,2002:str.
        private static string Shorthand(string tag) =>
            tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + tag["tag:yaml.org,2002:".Length..] : tag;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Dictionary<string, BindableProperty>> BindableTypes = new();

    private sealed record BindableProperty(PropertyInfo Info, bool Required, RangeAttribute? Range);

    private sealed class Binder(SourceMap map)
    {
        public SourceMap Map { get; } = map;

        public void BindObject(YamlMappingNode node, object target, string path)
        {
            Map.AddObject(target, Location(node, path));
            var properties = Bindable(target.GetType());
            var seen = new HashSet<string>();
            foreach (var (keyNode, valueNode) in node.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } key })
                    throw Error(keyNode, path, "keys must be plain names");
                var field = SourceMap.Join(path, key);
                if (!properties.TryGetValue(key, out var property))
                {
                    var hint = Suggest.Nearest(key, properties.Keys);
                    throw Error(keyNode, field, hint is not null
                        ? $"unknown key '{key}'; did you mean '{hint}'?"
                        : $"unknown key '{key}'; valid keys here: {string.Join(", ", properties.Keys)}");
                }

                seen.Add(key);
                var value = BindValue(valueNode, property.Info.PropertyType, property.Info.GetValue(target), field, property);
                property.Info.SetValue(target, value);
                Map.AddProperty(target, key, Location(valueNode, field));
            }

            foreach (var (key, property) in properties)
            {
                if (property.Required && !seen.Contains(key))
                    throw Error(node, path, $"missing required field '{key}'");
            }
        }

        private object? BindValue(YamlNode node, Type type, object? existing, string field, BindableProperty? property)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            if (IsNull(node))
            {
                if (underlying is not null || (type == typeof(string) && property is not { Required: true }))
                    return null;
                throw Error(node, field, $"expected {Expected(underlying ?? type)}, found no value");
            }

            type = underlying ?? type;
            if (type == typeof(string))
            {
                var text = Scalar(node, field, "text").Trim();
                if (text.Length == 0) throw Error(node, field, "must not be empty");
                return text;
            }

            if (type == typeof(double)) return Number(node, field, property);
            if (type == typeof(int)) return Integer(node, field, property);
            if (type == typeof(bool)) return Boolean(node, field);
            if (type.IsEnum) return EnumValue(node, type, field);
            if (type == typeof(CompositionSpec)) return Composition(node, field);
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                if (node is not YamlSequenceNode sequence) throw Error(node, field, $"expected a list, found {Found(node)}");
                var itemType = type.GetGenericArguments()[0];
                var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
                var index = 0;
                foreach (var item in sequence.Children)
                    list.Add(BindValue(item, itemType, null, $"{field}[{index++}]", null));
                return list;
            }

            if (type.IsClass)
            {
                if (node is not YamlMappingNode mapping) throw Error(node, field, $"expected a mapping of keys, found {Found(node)}");
                var target = existing ?? Activator.CreateInstance(type)!;
                BindObject(mapping, target, field);
                return target;
            }

            throw new InvalidOperationException($"scenario binder cannot bind {type}");
        }

        private double Number(YamlNode node, string field, BindableProperty? property)
        {
            var text = Unquoted(node, field, "a number");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                if (text is ".nan" or ".NaN" or ".inf" or "-.inf" or ".Inf" or "-.Inf")
                    throw Error(node, field, $"must be a finite number, found '{text}'");
                throw Error(node, field, $"expected a number, found '{text}'");
            }

            if (!double.IsFinite(value)) throw Error(node, field, $"must be a finite number, found '{text}'");
            CheckRange(node, field, value, property?.Range);
            return value;
        }

        private int Integer(YamlNode node, string field, BindableProperty? property)
        {
            var text = Unquoted(node, field, "a whole number");
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                throw Error(node, field, $"expected a whole number, found '{text}'");
            CheckRange(node, field, value, property?.Range);
            return value;
        }

        // YAML 1.2 core schema spellings only: yes/no/on/off stay errors, so a typo cannot flip a switch.
        private bool Boolean(YamlNode node, string field)
        {
            var text = Unquoted(node, field, "true or false");
            return text switch
            {
                "true" or "True" or "TRUE" => true,
                "false" or "False" or "FALSE" => false,
                _ => throw Error(node, field, $"expected true or false, found '{text}'"),
            };
        }

        private void CheckRange(YamlNode node, string field, double value, RangeAttribute? range)
        {
            if (range is null)
            {
                if (value < 0) throw Error(node, field, $"must not be negative, found {Format(value)}");
                return;
            }

            var min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
            var max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
            var tooLow = range.MinimumIsExclusive ? value <= min : value < min;
            var tooHigh = range.MaximumIsExclusive ? value >= max : value > max;
            if (!tooLow && !tooHigh) return;
            if (min == 0 && max == 1) throw Error(node, field, $"is a fraction and must lie in [0, 1], found {Format(value)}");
            if (value < 0 && min >= 0) throw Error(node, field, $"must not be negative, found {Format(value)}");
            var lower = range.MinimumIsExclusive ? "(" : "[";
            var upper = range.MaximumIsExclusive ? ")" : "]";
            throw Error(node, field, $"must lie in {lower}{Format(min)}, {Format(max)}{upper}, found {Format(value)}");
        }

        private object EnumValue(YamlNode node, Type type, string field)
        {
            var names = EnumNames(type);
            var text = Scalar(node, field, $"one of {string.Join(", ", names)}");
            var match = names.FindIndex(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (match >= 0) return Enum.GetValues(type).GetValue(match)!;
            var hint = Suggest.Nearest(text, names);
            throw Error(node, field, $"'{text}' is not one of {string.Join(", ", names)}{(hint is null ? "" : $"; did you mean '{hint}'?")}");
        }

        private CompositionSpec Composition(YamlNode node, string field)
        {
            if (node is not YamlMappingNode mapping)
                throw Error(node, field, $"expected {Expected(typeof(CompositionSpec))}, found {Found(node)}");
            var entries = new List<CompositionSpec.Entry>();
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var symbol = Scalar(keyNode, field, "an element symbol");
                var entryField = SourceMap.Join(field, symbol);
                var text = Scalar(valueNode, entryField, "a mass fraction or 'bal'");
                double? fraction = null;
                if (!text.Equals("bal", StringComparison.OrdinalIgnoreCase))
                {
                    text = Unquoted(valueNode, entryField, "a mass fraction or 'bal'");
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                        throw Error(valueNode, entryField, $"expected a mass fraction or 'bal', found '{text}'");
                    if (!double.IsFinite(value)) throw Error(valueNode, entryField, $"must be a finite number, found '{text}'");
                    if (value is < 0 or > 1) throw Error(valueNode, entryField, $"is a mass fraction and must lie in [0, 1], found {Format(value)}");
                    fraction = value;
                }

                entries.Add(new CompositionSpec.Entry(symbol, fraction, Location(keyNode, entryField)));
            }

            var spec = new CompositionSpec { Entries = entries };
            Map.AddObject(spec, Location(node, field));
            return spec;
        }

        private string Scalar(YamlNode node, string field, string expected) =>
            node is YamlScalarNode { Value: { } value } ? value : throw Error(node, field, $"expected {expected}, found {Found(node)}");

        /// <summary>
        /// The text of a plain scalar where the schema asks for a number: a quoted (or block) scalar is text in
        /// YAML and in the JSON schema, so <c>'1600'</c> is rejected rather than read as 1600.
        /// </summary>
        private string Unquoted(YamlNode node, string field, string expected)
        {
            var text = Scalar(node, field, expected);
            if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any }) return text;
            var quoted = node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted };
            var hint = quoted && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "; remove the quotes" : "";
            throw Error(node, field, $"expected {expected}, found the text '{text.Trim()}'{hint}");
        }

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode scalar && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain
            && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

        // The settable properties of a scenario class by key, with the attributes the binder reads, found once per
        // type: reflection per bound object made reading a file of many feeds slow.
        private static Dictionary<string, BindableProperty> Bindable(Type type) =>
            BindableTypes.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
                .ToDictionary(p => ScenarioNames.Key(p.Name), p => new BindableProperty(p, p.GetCustomAttribute<RequiredAttribute>() is not null, p.GetCustomAttribute<RangeAttribute>())));

        private static string Found(YamlNode node) => node switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a list",
            YamlScalarNode scalar => $"'{scalar.Value}'",
            _ => "something else",
        };

        /// <summary>What a value of <paramref name="type"/> looks like in a scenario, for "expected ..." messages.</summary>
        private static string Expected(Type type) =>
            type == typeof(double) ? "a number"
            : type == typeof(int) ? "a whole number"
            : type == typeof(bool) ? "true or false"
            : type == typeof(string) ? "text"
            : type.IsEnum ? $"one of {string.Join(", ", EnumNames(type))}"
            : type == typeof(CompositionSpec) ? "a composition (element: mass fraction, one may be 'bal')"
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? "a list"
            : "a mapping of keys";

        private static List<string> EnumNames(Type type) => Enum.GetNames(type).Select(ScenarioNames.Key).ToList();

        private static SourceLocation Location(YamlNode node, string field) => new((int)node.Start.Line, (int)node.Start.Column, field);

        private ScenarioException Error(YamlNode node, string field, string problem) =>
            new(Map.File, (int)node.Start.Line, (int)node.Start.Column, field, problem);

        private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
    }
}
