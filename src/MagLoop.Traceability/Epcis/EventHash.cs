using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MagLoop.Traceability.Epcis;

/// <summary>Options of the CBV 2.0 event hash.</summary>
/// <param name="IgnoredFields">
/// Expanded names (namespace IRI + local name) of extension fields left out of the hash, such as fields a
/// repository adds on capture (the reference generator has such a list; the standard leaves it to the parties).
/// </param>
public sealed record EventHashOptions(IReadOnlySet<string> IgnoredFields)
{
    /// <summary>No extension field is ignored.</summary>
    public static EventHashOptions Default { get; } = new(new HashSet<string>(StringComparer.Ordinal));
}

/// <summary>
/// The CBV 2.0 event hash (GS1 CBV 2.0 section 8.9, "EPCIS event hash ID"): a pre-hash string of the event's fields in
/// the standard's order, each value normalised (times to UTC milliseconds, EPCs and identifiers to constrained GS1
/// Digital Link URIs, CBV values to their web URIs, numbers without trailing zeros, extensions under their
/// namespace IRI and sorted), then <c>ni:///sha-256;HEX?ver=CBV2.0</c>. recordTime, eventID and errorDeclaration are
/// not part of it. Where the standard's text leaves a choice, the reference implementation's behaviour is followed
/// (github.com/RalphTro/epcis-event-hash-generator, whose test vectors tests reproduce).
/// </summary>
public static partial class EventHash
{
    /// <summary>The hash of a pre-hash string.</summary>
    public static string Of(string preHash)
    {
        ArgumentNullException.ThrowIfNull(preHash);
        return $"ni:///sha-256;{Canonical.Sha256Hex(preHash)}?ver=CBV2.0";
    }

    /// <summary>The events of an EPCIS document or query document, in order: <c>epcisBody.eventList</c>, or <c>epcisBody.queryResults.resultsBody.eventList</c>.</summary>
    public static IReadOnlyList<JsonElement> Events(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("epcisBody", out var body) || body.ValueKind != JsonValueKind.Object) return [];
        if (body.TryGetProperty("queryResults", out var results) && results.ValueKind == JsonValueKind.Object
            && results.TryGetProperty("resultsBody", out var resultsBody) && resultsBody.ValueKind == JsonValueKind.Object) body = resultsBody;
        if (body.TryGetProperty("eventList", out var list) && list.ValueKind == JsonValueKind.Array) return list.EnumerateArray().ToList();
        return body.TryGetProperty("event", out var single) && single.ValueKind == JsonValueKind.Object ? [single] : [];
    }

    /// <summary>The pre-hash string of every event of <paramref name="document"/>, in document order.</summary>
    public static IReadOnlyList<string> PreHashes(JsonElement document, EventHashOptions? options = null)
    {
        JsonElement? context = document.ValueKind == JsonValueKind.Object && document.TryGetProperty("@context", out var c) ? c : null;
        return Events(document).Select(e => PreHash(e, context, options)).ToList();
    }

    /// <summary>
    /// The pre-hash string of one event, with the namespace prefixes of <paramref name="documentContext"/> (the
    /// document's <c>@context</c>) and of the event's own <c>@context</c>.
    /// </summary>
    public static string PreHash(JsonElement @event, JsonElement? documentContext, EventHashOptions? options = null) =>
        new EventContext(documentContext, @event, options ?? EventHashOptions.Default).PreHash(@event);

    /// <summary>
    /// The state of one event's hash: the namespace prefixes in scope and the CBV web URIs that the event's bare
    /// CBV values (such as "shipping") expand to. The reference collects those over the whole document; here they
    /// come from the event alone, so that an event has one hash whatever document carries it.
    /// </summary>
    private sealed class EventContext
    {
        private readonly Dictionary<string, string> _namespaces = new(StringComparer.Ordinal);
        private readonly List<string> _expanded = [];
        private readonly EventHashOptions _options;

        public EventContext(JsonElement? documentContext, JsonElement @event, EventHashOptions options)
        {
            _options = options;
            if (documentContext is { } context) AddPrefixes(context);
            if (@event.ValueKind == JsonValueKind.Object && @event.TryGetProperty("@context", out var own)) AddPrefixes(own);
            CollectVocabulary(@event);
        }

        // Prefixes bound in an array @context (the JSON-LD form EPCIS documents use); the GS1 context's own terms
        // are the CBV values handled by CollectVocabulary.
        private void AddPrefixes(JsonElement context)
        {
            if (context.ValueKind != JsonValueKind.Array) return;
            foreach (var item in context.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                foreach (var p in item.EnumerateObject())
                    if (p.Value.ValueKind == JsonValueKind.String) _namespaces[p.Name] = p.Value.GetString()!;
            }
        }

        public string PreHash(JsonElement @event)
        {
            var node = Correct(Convert(@event));
            var children = node.Children;
            var ordered = Ordered(children, Order);
            children.RemoveAll(c => c.Name is "recordTime" or "eventID" or "type" or "errorDeclaration" or "@context" || (c.Name is { } n && _options.IgnoredFields.Contains(Unbrace(n))));
            return "eventType=" + node.Name + ordered + Generic(children);
        }

        private static string Unbrace(string name) => name.StartsWith('{') && name.IndexOf('}', StringComparison.Ordinal) is var close and > 0 ? name[1..close] + name[(close + 1)..] : name;

        // The fields whose values the EPCIS JSON-LD context maps to CBV (or GS1 web vocabulary) URIs, by term prefix.
        private static readonly Dictionary<string, string> VocabularyFields = new(StringComparer.Ordinal)
        {
            ["bizStep"] = "https://ref.gs1.org/cbv/BizStep-",
            ["disposition"] = "https://ref.gs1.org/cbv/Disp-",
        };

        private void CollectVocabulary(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object) return;
            foreach (var (field, prefix) in VocabularyFields) Term(Text(e, field), prefix);
            if (e.TryGetProperty("persistentDisposition", out var persistent) && persistent.ValueKind == JsonValueKind.Object)
                foreach (var part in new[] { "set", "unset" })
                    foreach (var v in Strings(persistent, part)) Term(v, "https://ref.gs1.org/cbv/Disp-");
            foreach (var (list, prefix) in new[] { ("bizTransactionList", "https://ref.gs1.org/cbv/BTT-"), ("sourceList", "https://ref.gs1.org/cbv/SDT-"), ("destinationList", "https://ref.gs1.org/cbv/SDT-") })
                foreach (var item in Items(e, list)) Term(Text(item, "type"), prefix);
            foreach (var sensor in Items(e, "sensorElementList"))
            {
                foreach (var report in Items(sensor, "sensorReport"))
                {
                    Term(Text(report, "type"), "https://gs1.org/voc/");
                    Term(Text(report, "exception"), "https://gs1.org/voc/");
                    Term(Text(report, "component"), "https://ref.gs1.org/cbv/Comp-");
                }
            }

            if (e.TryGetProperty("errorDeclaration", out var error) && error.ValueKind == JsonValueKind.Object) Term(Text(error, "reason"), "https://ref.gs1.org/cbv/ER-");
        }

        // A bare term expands to the vocabulary URI; a URI or CURIE that already names the vocabulary counts as given.
        private void Term(string? value, string prefix)
        {
            if (value is null) return;
            string expanded;
            if (!value.Contains(':', StringComparison.Ordinal)) expanded = prefix + value;
            else if (value.StartsWith("cbv:", StringComparison.Ordinal)) expanded = "https://ref.gs1.org/cbv/" + value[4..];
            else if (value.StartsWith("gs1:", StringComparison.Ordinal)) expanded = "https://gs1.org/voc/" + value[4..];
            else expanded = value;
            if (expanded.StartsWith("https://ref.gs1.org/cbv", StringComparison.Ordinal) || expanded.StartsWith("https://gs1.org/voc", StringComparison.Ordinal)) _expanded.Add(expanded);
        }

        private static string? Text(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static IEnumerable<JsonElement> Items(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object) : [];

        private static IEnumerable<string> Strings(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!) : [];

        // A bare value that one expanded CBV URI ends with ("-shipping", "/Temperature") is that URI.
        // Runs for every string of the event: no per-call copies of the list or concatenated suffixes (capture hashes
        // every id-less event; this was a visible share of the server's capture time).
        private string Bare(string value)
        {
            string? match = null;
            foreach (var e in _expanded)
            {
                if (e.Length <= value.Length || e[e.Length - value.Length - 1] is not ('-' or '/') || !e.EndsWith(value, StringComparison.Ordinal)) continue;
                if (match is not null && !string.Equals(match, e, StringComparison.Ordinal)) return value; // ambiguous: left as it is
                match = e;
            }

            return match ?? value;
        }

        private string Key(string key)
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && _namespaces.TryGetValue(key[..colon], out var iri) ? "{" + iri + "}" + key[(colon + 1)..] : key;
        }

        private string ValueText(string value)
        {
            value = Bare(value);
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && _namespaces.TryGetValue(value[..colon], out var iri) ? iri + value[(colon + 1)..] : value;
        }

        /// <summary>The JSON as a tree of named values; a list member becomes one child per item, under the member's name.</summary>
        private Node Convert(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                {
                    var name = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                    var node = new Node(name, "", []);
                    var keepOrder = false;
                    foreach (var p in element.EnumerateObject())
                    {
                        if (p.Name is "#text" or "rdfs:comment" or "comment") continue;
                        if (p.Name is "bizTransaction" or "source" or "destination") keepOrder = true;
                        var child = Convert(p.Value);
                        var key = Key(p.Name);
                        if (p.Value.ValueKind == JsonValueKind.Array)
                            foreach (var item in child.Children) node.Children.Add(new Node(key, item.Text, item.Children));
                        else node.Children.Add(new Node(key, child.Text, child.Children));
                    }

                    // A transaction, source or destination puts its type before its value (the XML form's attribute comes
                    // first, whichever order the JSON members have), the rest sorted: the pre-hash is member-order independent.
                    if (!keepOrder) node.Children.Sort(Node.Compare);
                    else node.Children.Sort((a, b) => (a.Name == "type") != (b.Name == "type") ? (a.Name == "type" ? -1 : 1) : Node.Compare(a, b));
                    return node;
                }

                case JsonValueKind.Array:
                {
                    var node = new Node("", "", element.EnumerateArray().Select(Convert).ToList());
                    node.Children.Sort(Node.Compare);
                    return node;
                }

                case JsonValueKind.String:
                    return new Node("", ValueText(element.GetString()!), []);
                case JsonValueKind.Number:
                    return new Node("", NumberText(element), []);
                case JsonValueKind.True:
                    return new Node("", "True", []);
                case JsonValueKind.False:
                    return new Node("", "False", []);
                default:
                    return new Node("", "None", []);
            }
        }

        /// <summary>
        /// The XML shape of the event, which the standard's order is written for: a list member's items grouped
        /// under it and named by its singular (epcList/epc, quantityList/quantityElement, inputEPCList/epc ...), a
        /// transaction, source or destination as its (type, value) pair.
        /// </summary>
        private static Node Correct(Node node)
        {
            var children = node.Children;
            var lists = new List<(string Name, List<Node> Items)>();
            foreach (var child in children.Where(c => c.Name is { } n && n.EndsWith("List", StringComparison.Ordinal)).ToList())
            {
                var name = child.Name!;
                var at = lists.FindIndex(l => l.Name == name);
                if (at < 0)
                {
                    lists.Add((name, []));
                    at = lists.Count - 1;
                }

                lists[at].Items.Add(new Node(name[..^4], child.Text, child.Children));
                children.Remove(child);
            }

            foreach (var (name, items) in lists)
            {
                children.Add(name is "sourceList" or "destinationList" or "bizTransactionList"
                    ? new Node(name, "", items.Select(i => new Node(null, "", i.Children.Take(2).ToList())).ToList())
                    : new Node(name, "", items));
            }

            var childEpcs = children.Where(c => c.Name == "childEPCs").ToList();
            if (childEpcs.Count > 0)
            {
                children.RemoveAll(c => c.Name == "childEPCs");
                children.Add(new Node("childEPCs", "", childEpcs.Select(c => new Node("epc", c.Text, [])).ToList()));
            }

            var corrected = children.Select(c => c.Name is "sourceList" or "destinationList" or "bizTransactionList" ? c : Correct(c)).ToList();
            var renamed = node.Name switch
            {
                "inputEPC" or "outputEPC" => "epc",
                "inputQuantity" or "outputQuantity" or "childQuantity" => "quantityElement",
                "quantity" when corrected.Count > 0 => "quantityElement",
                _ => node.Name,
            };
            return new Node(renamed, node.Text, corrected);
        }

        /// <summary>
        /// The fields named by <paramref name="order"/>, in that order (several of one name sorted), each with its own
        /// sub-order; the fields used are removed from <paramref name="children"/>, so that what is left is the extensions.
        /// Inside an element (not at the event's top level, recognised by eventTime or action) its extensions follow
        /// its ordered fields.
        /// </summary>
        private string Ordered(List<Node> children, IReadOnlyList<(string Name, IReadOnlyList<(string, object?)>? Sub)> order)
        {
            var extensions = new List<Node>();
            if (children.Count > 1 && !children.Any(c => c.Name is { } n && (n.Contains("eventTime", StringComparison.Ordinal) || n.Contains("action", StringComparison.Ordinal))))
            {
                extensions = children.Where(c => c.Name is { } n && n.Contains('{', StringComparison.Ordinal) && n.Contains("/}", StringComparison.Ordinal)).ToList();
                children.RemoveAll(extensions.Contains);
            }

            var text = new StringBuilder();
            foreach (var (name, sub) in order)
            {
                // Most of the standard's fields are absent from an event: skip those without a list and a filter each.
                if (!Has(children, name)) continue;
                var values = new List<string>();
                foreach (var child in children.Where(c => c.Name == name).ToList())
                {
                    var value = Field(child, sub is null ? null : Sub(sub));
                    if (value.Length > 0) values.Add(value);
                    if (child.Children.Count == 0) children.Remove(child);
                }

                values.Sort(string.CompareOrdinal);
                foreach (var v in values) text.Append(v);
            }

            if (extensions.Count > 0) text.Append(Generic(extensions));
            return text.ToString();
        }

        private static bool Has(List<Node> children, string name)
        {
            foreach (var c in children)
                if (c.Name == name) return true;
            return false;
        }

        private static IReadOnlyList<(string Name, IReadOnlyList<(string, object?)>? Sub)> Sub(IReadOnlyList<(string, object?)> sub) =>
            sub.Select(s => (s.Item1, s.Item2 as IReadOnlyList<(string, object?)>)).ToList();

        private string Field(Node child, IReadOnlyList<(string Name, IReadOnlyList<(string, object?)>? Sub)>? sub)
        {
            var nested = sub is null ? "" : Ordered(child.Children, sub);
            var text = "";
            if (child.Text.Length > 0)
            {
                var value = child.Text.Trim();
                var lower = child.Name!.ToLowerInvariant();
                value = lower.Contains("time", StringComparison.Ordinal) && !lower.Contains("offset", StringComparison.Ordinal) ? Time(value) : Value(value);
                if (value.Length > 0) text = "=" + value;
            }

            return text.Length > 0 || nested.Length > 0 ? child.Name + text + nested : "";
        }

        /// <summary>Fields outside the standard's order (extensions, ilmd, transactions, sources, destinations): name=value, sorted, recursively.</summary>
        private static string Generic(List<Node> children)
        {
            var values = new List<string>();
            foreach (var child in children)
            {
                if (child.Name is null)
                {
                    values.Add(Generic(child.Children));
                    continue;
                }

                var text = child.Text.Trim();
                values.Add(child.Name + (text.Length > 0 ? "=" + Value(text) : "") + Generic(child.Children));
            }

            // The (type, value) of a transaction, source or destination keep their order.
            if (values.Count > 1 && !children.Any(c => c.Name is "bizTransaction" or "source" or "destination")) values.Sort(string.CompareOrdinal);
            return string.Concat(values);
        }
    }

    /// <summary>A value of the tree: name (null for a transaction/source/destination pair), text and children.</summary>
    private sealed record Node(string? Name, string Text, List<Node> Children)
    {
        /// <summary>By name, then text, then children (element by element, a shorter list first), ordinal.</summary>
        public static int Compare(Node? a, Node? b)
        {
            if (ReferenceEquals(a, b)) return 0;
            if (a is null) return -1;
            if (b is null) return 1;
            var c = string.CompareOrdinal(a.Name, b.Name);
            if (c != 0) return c;
            c = string.CompareOrdinal(a.Text, b.Text);
            if (c != 0) return c;
            for (var i = 0; i < Math.Min(a.Children.Count, b.Children.Count); i++)
            {
                c = Compare(a.Children[i], b.Children[i]);
                if (c != 0) return c;
            }

            return a.Children.Count.CompareTo(b.Children.Count);
        }
    }

    private static readonly (string, object?)[] QuantityElement = [("epcClass", null), ("quantity", null), ("uom", null)];

    /// <summary>CBV 2.0 section 8.9.2: the fields in the order the pre-hash lists them, with the order of their parts.</summary>
    private static readonly IReadOnlyList<(string Name, IReadOnlyList<(string, object?)>? Sub)> Order =
    [
        ("eventTime", null),
        ("eventTimeZoneOffset", null),
        ("certificationInfo", null),
        ("parentID", null),
        ("epcList", [("epc", null)]),
        ("inputEPCList", [("epc", null)]),
        ("childEPCs", [("epc", null)]),
        ("quantityList", [("quantityElement", QuantityElement)]),
        ("childQuantityList", [("quantityElement", QuantityElement)]),
        ("inputQuantityList", [("quantityElement", QuantityElement)]),
        ("outputEPCList", [("epc", null)]),
        ("outputQuantityList", [("quantityElement", QuantityElement)]),
        ("action", null),
        ("transformationID", null),
        ("bizStep", null),
        ("disposition", null),
        ("persistentDisposition", [("set", null), ("unset", null)]),
        ("readPoint", [("id", null)]),
        ("bizLocation", [("id", null)]),
        ("sensorElementList",
        [
            ("sensorElement", new (string, object?)[]
            {
                ("sensorMetadata", new (string, object?)[] { ("time", null), ("startTime", null), ("endTime", null), ("deviceID", null), ("deviceMetadata", null), ("rawData", null), ("dataProcessingMethod", null), ("bizRules", null) }),
                ("sensorReport", new (string, object?)[]
                {
                    ("type", null), ("exception", null), ("deviceID", null), ("deviceMetadata", null), ("rawData", null), ("dataProcessingMethod", null), ("time", null),
                    ("microorganism", null), ("chemicalSubstance", null), ("value", null), ("component", null), ("stringValue", null), ("booleanValue", null),
                    ("hexBinaryValue", null), ("uriValue", null), ("minValue", null), ("maxValue", null), ("meanValue", null), ("sDev", null), ("percRank", null),
                    ("percValue", null), ("uom", null), ("coordinateReferenceSystem", null),
                }),
            }),
        ]),
    ];

    /// <summary>A value normalised: CBV URNs to web URIs, a number without trailing zeros, an identifier to its canonical Digital Link.</summary>
    private static string Value(string text)
    {
        if (text.Contains("urn:epcglobal:cbv:", StringComparison.Ordinal))
            text = text.Replace("urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-", StringComparison.Ordinal)
                .Replace("urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-", StringComparison.Ordinal)
                .Replace("urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-", StringComparison.Ordinal)
                .Replace("urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-", StringComparison.Ordinal)
                .Replace("urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-", StringComparison.Ordinal);
        text = Numeric(text);
        return DigitalLink.Canonical(text) ?? text;
    }

    [GeneratedRegex(@"^\s*[+-]?((\d(_?\d)*)(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?\s*$")]
    private static partial Regex DecimalText();

    /// <summary>A decimal number as the reference writes it: an integral value without ".0", otherwise the shortest round-trip form.</summary>
    private static string Numeric(string text)
    {
        if (!DecimalText().IsMatch(text)) return text;
        var value = double.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? Shortest(value) : text;
    }

    private static string NumberText(JsonElement number)
    {
        var raw = number.GetRawText();
        // JSON integers are integers of any size; other numbers are doubles.
        if (!raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.OrdinalIgnoreCase))
            return BigInteger.Parse(raw, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        var d = number.GetDouble();
        return double.IsFinite(d) ? PythonRepr(d) : raw;
    }

    /// <summary>An integral double as an integer, any other as its shortest round-trip decimal.</summary>
    private static string Shortest(double value) =>
        Math.Floor(value) == value ? new BigInteger(value).ToString(CultureInfo.InvariantCulture) : PythonRepr(value);

    /// <summary>The shortest round-trip decimal of <paramref name="value"/> in Python's repr layout (exponent below 1e-4 or from 1e16).</summary>
    private static string PythonRepr(double value)
    {
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = r.StartsWith('-');
        if (negative) r = r[1..];
        var e = r.IndexOfAny(['E', 'e']);
        var exponent = e < 0 ? 0 : int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? r : r[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent; // digits[0..point) before the decimal point
        var lead = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= lead;
        if (digits.Length == 0) return negative ? "-0.0" : "0.0";
        string text;
        if (point is > -4 and <= 16)
        {
            if (point <= 0) text = "0." + new string('0', -point) + digits;
            else if (point >= digits.Length) text = digits + new string('0', point - digits.Length) + ".0";
            else text = digits[..point] + "." + digits[point..];
        }
        else
        {
            var exp = point - 1;
            text = digits[..1] + (digits.Length > 1 ? "." + digits[1..] : "") + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }

        return negative ? "-" + text : text;
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$")]
    private static partial Regex DateTimeText();

    /// <summary>
    /// A time in UTC at millisecond precision, "yyyy-MM-ddTHH:mm:ss.fffZ": microseconds (the first six fraction
    /// digits) rounded half to even to milliseconds. Text that is not a date-time is left as it is.
    /// </summary>
    private static string Time(string text)
    {
        var m = DateTimeText().Match(text);
        if (!m.Success) return text;
        int G(int i) => m.Groups[i].Success ? int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture) : 0;
        var fraction = m.Groups[7].Success ? m.Groups[7].Value.PadRight(6, '0')[..6] : "000000";
        var micro = int.Parse(fraction, CultureInfo.InvariantCulture);
        var offset = TimeSpan.Zero;
        if (m.Groups[8].Success && m.Groups[8].Value is not ("Z" or "z"))
        {
            var o = m.Groups[8].Value.Replace(":", "", StringComparison.Ordinal);
            var minutes = int.Parse(o[1..3], CultureInfo.InvariantCulture) * 60 + (o.Length >= 5 ? int.Parse(o[3..5], CultureInfo.InvariantCulture) : 0);
            offset = TimeSpan.FromMinutes(o[0] == '-' ? -minutes : minutes);
        }

        DateTimeOffset time;
        try
        {
            time = new DateTimeOffset(G(1), G(2), G(3), G(4), G(5), G(6), offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return text;
        }

        var (ms, rest) = Math.DivRem(micro, 1000);
        if (rest > 500 || (rest == 500 && ms % 2 == 1)) ms++;
        return time.UtcDateTime.AddMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The CBV 2.0 hash id of each event of <paramref name="document"/>, in document order.</summary>
    public static IReadOnlyList<string> Hashes(JsonElement document, EventHashOptions? options = null) => PreHashes(document, options).Select(Of).ToList();
}
