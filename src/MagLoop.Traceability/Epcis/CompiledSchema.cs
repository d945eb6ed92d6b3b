using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace MagLoop.Traceability.Epcis;

/// <summary>
/// A draft-07 JSON Schema compiled into a tree of checks that answers one question fast: is this instance valid?
/// It covers the keywords GS1's EPCIS schema uses (type, properties, required, additionalProperties, propertyNames,
/// items, minItems, uniqueItems, enum, pattern, format, allOf, anyOf, oneOf, not, if/then, $ref within the document);
/// a schema with any other keyword does not compile (<see cref="TryCompile"/> returns null). Formats are JsonSchema.Net's
/// own (<see cref="FormatRegistry.Global"/>), so they agree by construction. Where it could differ from JsonSchema.Net it is the
/// stricter (patterns use ECMAScript classes, so <c>\d</c> is [0-9]); <see cref="EpcisSchema"/> asks JsonSchema.Net
/// for the located errors whenever this check fails, so a stricter answer costs time, never a wrong verdict.
/// Why: JsonSchema.Net's general evaluator takes 0.3-1.5 ms per event on GS1's schema (docs/traceability.md), a
/// tenth of the capture budget; this check takes microseconds.
/// </summary>
public sealed class CompiledSchema
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal) { "$id", "$schema", "$comment", "title", "description", "definitions", "default", "examples" };

    private readonly JsonElement _root;
    private readonly Dictionary<string, Node> _byPointer = new(StringComparer.Ordinal);
    private readonly Node _start;

    private CompiledSchema(JsonElement root)
    {
        _root = root;
        _start = Compile(root, "");
        // Resolving a reference compiles its target, which may hold references of its own: repeat until none is left.
        while (_byPointer.Values.Where(n => n.Unresolved).ToList() is { Count: > 0 } pending)
            foreach (var node in pending) node.Resolve(this);
    }

    /// <summary>Compiles <paramref name="schemaJson"/>, or returns null when it uses a keyword this compiler does not cover.</summary>
    public static CompiledSchema? TryCompile(string schemaJson)
    {
        try
        {
            using var document = JsonDocument.Parse(schemaJson);
            return new CompiledSchema(document.RootElement.Clone());
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when <paramref name="instance"/> satisfies the schema. Text that cannot be read as a string (a lone
    /// surrogate, which capture refuses before any schema) is not valid here: the caller's full evaluation decides.
    /// </summary>
    public bool IsValid(JsonElement instance)
    {
        try
        {
            return _start.Valid(instance);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private Node Compile(JsonElement schema, string pointer)
    {
        if (_byPointer.TryGetValue(pointer, out var known)) return known;
        var node = new Node(schema);
        _byPointer[pointer] = node;
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind == JsonValueKind.False) return node;
        if (schema.ValueKind != JsonValueKind.Object) throw new NotSupportedException($"schema at '{pointer}' is not an object or boolean");
        foreach (var keyword in schema.EnumerateObject())
        {
            var at = pointer + "/" + Escape(keyword.Name);
            var v = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref": node.RefText = v.GetString(); break;
                case "type":
                    node.Types = v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(t => t.GetString()!).ToArray() : [v.GetString()!];
                    // "integer": JsonSchema.Net's rules for 1.0 are its own; not compiled.
                    if (node.Types.Any(t => t is not ("object" or "array" or "string" or "number" or "boolean" or "null"))) throw new NotSupportedException($"type at '{pointer}'");
                    break;
                case "properties":
                    node.Properties = v.EnumerateObject().ToDictionary(p => p.Name, p => Compile(p.Value, at + "/" + Escape(p.Name)), StringComparer.Ordinal);
                    break;
                case "required": node.Required = v.EnumerateArray().Select(r => r.GetString()!).ToArray(); break;
                case "additionalProperties": node.Additional = Compile(v, at); break;
                case "propertyNames": node.PropertyNames = Compile(v, at); break;
                case "items":
                    if (v.ValueKind == JsonValueKind.Array) throw new NotSupportedException("tuple items");
                    node.Items = Compile(v, at);
                    break;
                case "minItems": node.MinItems = v.GetInt32(); break;
                case "uniqueItems": node.UniqueItems = v.GetBoolean(); break;
                case "enum": node.Enum = v.EnumerateArray().Select(e => e.Clone()).ToArray(); break;
                case "pattern": node.Pattern = new Regex(v.GetString()!, RegexOptions.ECMAScript | RegexOptions.CultureInvariant | RegexOptions.Compiled); break;
                case "format": node.Format = FormatRegistry.Global.Get(v.GetString()!); break;
                case "allOf": node.AllOf = v.EnumerateArray().Select((s, i) => Compile(s, $"{at}/{i}")).ToArray(); break;
                case "anyOf": node.AnyOf = v.EnumerateArray().Select((s, i) => Compile(s, $"{at}/{i}")).ToArray(); break;
                case "oneOf": node.OneOf = v.EnumerateArray().Select((s, i) => Compile(s, $"{at}/{i}")).ToArray(); break;
                case "not": node.Not = Compile(v, at); break;
                case "if": node.If = Compile(v, at); break;
                case "then": node.Then = Compile(v, at); break;
                case "else": node.Else = Compile(v, at); break;
                default:
                    if (!Annotations.Contains(keyword.Name)) throw new NotSupportedException($"keyword '{keyword.Name}' at '{pointer}'");
                    break;
            }
        }

        return node;
    }

    /// <summary>The node a local reference (<c>#/definitions/...</c>, percent- and pointer-escaped) names.</summary>
    private Node Lookup(string reference)
    {
        if (!reference.StartsWith('#')) throw new NotSupportedException($"$ref '{reference}' leaves the document");
        var pointer = Uri.UnescapeDataString(reference[1..]);
        if (_byPointer.TryGetValue(pointer, out var node)) return node;
        var target = _root;
        foreach (var segment in pointer.Split('/').Skip(1))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(name, out target)) throw new NotSupportedException($"$ref '{reference}' names nothing");
        }

        return Compile(target, pointer);
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private sealed class Node(JsonElement schema)
    {
        private readonly bool? _constant = schema.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null };

        /// <summary>Verdicts on property names (few and repeated: the members of EPCIS events and their extensions).</summary>
        private readonly ConcurrentDictionary<string, bool> _names = new(StringComparer.Ordinal);

        public string? RefText { get; set; }

        public Node? Ref { get; private set; }

        public string[]? Types { get; set; }

        public Dictionary<string, Node>? Properties
        {
            get;
            set
            {
                field = value;
                _properties = value?.GetAlternateLookup<ReadOnlySpan<char>>();
                _fewProperties = value is { Count: <= FewProperties } ? value.Select(p => (System.Text.Encoding.UTF8.GetBytes(p.Key), p.Value)).ToArray() : null;
            }
        }

        /// <summary>
        /// Up to this many properties are matched by comparing each member's UTF-8 name with theirs, which costs less
        /// than decoding the name and hashing it: most of GS1's nodes that look at members name one or two (the
        /// five type tests of its event dispatch, each list's presence test).
        /// </summary>
        private const int FewProperties = 3;

        public string[]? Required
        {
            get;
            set
            {
                field = value;
                _required = value?.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
            }
        }

        // The same, looked up without a string per member (below).
        private Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>>? _properties;
        private (byte[] Name, Node Schema)[]? _fewProperties;
        private byte[][]? _required;

        public Node? Additional { get; set; }

        public Node? PropertyNames { get; set; }

        public Node? Items { get; set; }

        public int? MinItems { get; set; }

        public bool UniqueItems { get; set; }

        public JsonElement[]? Enum { get; set; }

        public Regex? Pattern { get; set; }

        public Format? Format { get; set; }

        private static bool OfAnyType(JsonElement v, string[] types)
        {
            foreach (var t in types)
                if (IsType(v, t)) return true;
            return false;
        }

        private static bool InEnum(JsonElement v, JsonElement[] values)
        {
            foreach (var e in values)
                if (JsonElement.DeepEquals(e, v)) return true;
            return false;
        }

        private static bool AllValid(Node[] schemas, JsonElement v)
        {
            foreach (var s in schemas)
                if (!s.Valid(v)) return false;
            return true;
        }

        /// <summary>How many of <paramref name="schemas"/> <paramref name="v"/> is valid against, counting no further than <paramref name="stopAt"/>.</summary>
        private static int CountValid(Node[] schemas, JsonElement v, int stopAt)
        {
            var count = 0;
            foreach (var s in schemas)
                if (s.Valid(v) && ++count >= stopAt) break;
            return count;
        }

        public Node[]? AllOf { get; set; }

        public Node[]? AnyOf { get; set; }

        public Node[]? OneOf { get; set; }

        public Node? Not { get; set; }

        public Node? If { get; set; }

        public Node? Then { get; set; }

        public Node? Else { get; set; }

        public bool Unresolved => RefText is not null && Ref is null;

        public void Resolve(CompiledSchema owner)
        {
            if (Unresolved) Ref = owner.Lookup(RefText!);
        }

        public bool Valid(JsonElement v)
        {
            if (_constant is { } c) return c;
            // Every keyword beside $ref is applied too: stricter than draft-07 (which ignores them), never looser.
            if (Ref is not null && !Ref.Valid(v)) return false;
            if (Types is not null && !OfAnyType(v, Types)) return false;
            if (Enum is not null && !InEnum(v, Enum)) return false;
            switch (v.ValueKind)
            {
                case JsonValueKind.String:
                    if ((Pattern is not null || Format is not null) && !StringValid(v)) return false;
                    break;
                case JsonValueKind.Object:
                    if (!ObjectValid(v)) return false;
                    break;
                case JsonValueKind.Array:
                    if (!ArrayValid(v)) return false;
                    break;
            }

            // Loops, not LINQ with a lambda: a lambda capturing v allocates its closure on every call of Valid (every
            // node of every document), whether or not this node has these keywords.
            if (AllOf is not null && !AllValid(AllOf, v)) return false;
            if (AnyOf is not null && CountValid(AnyOf, v, stopAt: 1) == 0) return false;
            if (OneOf is not null && CountValid(OneOf, v, stopAt: 2) != 1) return false;
            if (Not is not null && Not.Valid(v)) return false;
            if (If is not null)
            {
                var branch = If.Valid(v) ? Then : Else;
                if (branch is not null && !branch.Valid(v)) return false;
            }

            return true;
        }

        /// <summary>
        /// The pattern and format of a string, remembered per value: the same readPoints, times and vocabulary come
        /// in every document, and JsonSchema.Net's formats parse each (a Uri, a date) anew. The cache is direct-mapped
        /// (a value replaces whatever shared its slot), so endless new values cost time, never memory; an entry is one
        /// immutable object, so threads share it without locks.
        /// </summary>
        private bool StringValid(JsonElement v)
        {
            Span<char> buffer = stackalloc char[JsonText.BufferChars];
            var text = JsonText.Value(v, buffer);
            var slot = (int)(unchecked((uint)string.GetHashCode(text)) % (uint)_verdicts.Length);
            if (_verdicts[slot] is { } cached && text.SequenceEqual(cached.Value)) return cached.Valid;
            var value = v.GetString()!;
            var valid = (Pattern is null || Pattern.IsMatch(value)) && (Format is null || Format.Validate(v, out _));
            _verdicts[slot] = new Verdict(value, valid);
            return valid;
        }

        private readonly Verdict?[] _verdicts = new Verdict?[1024];

        private sealed record Verdict(string Value, bool Valid);

        private bool ObjectValid(JsonElement v)
        {
            if (_required is not null)
                foreach (var name in _required)
                    if (!v.TryGetProperty(name, out _)) return false;
            if (Properties is null && Additional is null && PropertyNames is null) return true;
            if (_fewProperties is { } few && Additional is null && PropertyNames is null)
            {
                // Every member is compared, not looked up once by name: a name given twice has each of its values checked.
                foreach (var member in v.EnumerateObject())
                    foreach (var (name, property) in few)
                        if (member.NameEquals(name))
                        {
                            if (!property.Valid(member.Value)) return false;
                            break;
                        }

                return true;
            }

            // A node with many properties (GS1's event types) visits every member of every event: its name is read
            // into this buffer rather than a new string each time.
            Span<char> buffer = stackalloc char[JsonText.BufferChars];
            foreach (var member in v.EnumerateObject())
            {
                var name = JsonText.Name(member, buffer);
                if (PropertyNames is not null && !PropertyNames.NameValid(name)) return false;
                if (_properties is { } properties && properties.TryGetValue(name, out var property))
                {
                    if (!property.Valid(member.Value)) return false;
                }
                else if (Additional is not null && !Additional.Valid(member.Value)) return false;
            }

            return true;
        }

        private bool ArrayValid(JsonElement v)
        {
            var count = v.GetArrayLength();
            if (MinItems is { } min && count < min) return false;
            if (Items is not null)
                foreach (var item in v.EnumerateArray())
                    if (!Items.Valid(item)) return false;
            if (UniqueItems && count > 1)
            {
                var items = v.EnumerateArray().ToArray();
                for (var i = 0; i < items.Length; i++)
                    for (var j = i + 1; j < items.Length; j++)
                        if (JsonElement.DeepEquals(items[i], items[j])) return false;
            }

            return true;
        }

        /// <summary>
        /// The schema applied to a property name (a string instance), cached per name; the cache stops growing at
        /// 4,096 names, so a client sending endless new names costs time, not memory.
        /// </summary>
        private bool NameValid(ReadOnlySpan<char> name)
        {
            if (_names.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var known)) return known;
            var text = name.ToString();
            var valid = Valid(JsonSerializer.SerializeToElement(text));
            if (_names.Count < 4096) _names[text] = valid;
            return valid;
        }

        private static bool IsType(JsonElement v, string type) => type switch
        {
            "object" => v.ValueKind == JsonValueKind.Object,
            "array" => v.ValueKind == JsonValueKind.Array,
            "string" => v.ValueKind == JsonValueKind.String,
            "number" => v.ValueKind == JsonValueKind.Number,
            "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ => v.ValueKind == JsonValueKind.Null,
        };
    }
}
