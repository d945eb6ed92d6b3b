using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
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
    private const string IdStart = "ni:///sha-256;", IdEnd = "?ver=CBV2.0";

    /// <summary>The hash of a pre-hash string.</summary>
    public static string Of(string preHash)
    {
        ArgumentNullException.ThrowIfNull(preHash);
        return Id(preHash);
    }

    private static string Id(ReadOnlySpan<char> preHash)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Canonical.Sha256(preHash, hash);
        Span<char> id = stackalloc char[IdStart.Length + 2 * SHA256.HashSizeInBytes + IdEnd.Length];
        IdStart.CopyTo(id);
        Convert.TryToHexStringLower(hash, id[IdStart.Length..], out var written);
        IdEnd.CopyTo(id[(IdStart.Length + written)..]);
        return new string(id);
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
    public static string PreHash(JsonElement @event, JsonElement? documentContext, EventHashOptions? options = null)
    {
        var text = Written(@event, documentContext, options);
        var preHash = text.ToString();
        Release(text);
        return preHash;
    }

    /// <summary>
    /// The hash id of one event: <see cref="Of"/> of its <see cref="PreHash"/>, hashed from the written pre-hash
    /// without making a string of it (capture names every event without eventID so).
    /// </summary>
    public static string Hash(JsonElement @event, JsonElement? documentContext, EventHashOptions? options = null)
    {
        var text = Written(@event, documentContext, options);
        var id = Id(text.Span);
        Release(text);
        return id;
    }

    // The event's pre-hash in the thread's buffer.
    private static PreHashText Written(JsonElement @event, JsonElement? documentContext, EventHashOptions? options)
    {
        var text = t_text ??= new PreHashText();
        text.Clear();
        new EventContext(documentContext, @event, options ?? EventHashOptions.Default, text).Write(@event);
        return text;
    }

    // An unusually large event does not keep its buffer.
    private static void Release(PreHashText text)
    {
        if (text.Capacity > PreHashText.MaxKeptCapacity) t_text = null;
    }

    // The thread's pre-hash buffer: capture hashes event after event, so one buffer serves them all.
    [ThreadStatic]
    private static PreHashText? t_text;

    /// <summary>
    /// The state of one event's hash: the namespace prefixes in scope and the CBV web URIs that the event's bare
    /// CBV values (such as "shipping") expand to. The reference collects those over the whole document; here they
    /// come from the event alone, so that an event has one hash whatever document carries it.
    /// </summary>
    private sealed class EventContext
    {
        private Dictionary<string, string>? _namespaces;
        private readonly List<string> _expanded = [];
        private readonly EventHashOptions _options;
        private readonly PreHashText _text;

        public EventContext(JsonElement? documentContext, JsonElement @event, EventHashOptions options, PreHashText text)
        {
            _options = options;
            _text = text;
            if (documentContext is { } context) AddPrefixes(context);
            if (@event.ValueKind == JsonValueKind.Object && @event.TryGetProperty("@context"u8, out var own)) AddPrefixes(own);
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
                    if (p.Value.ValueKind == JsonValueKind.String) (_namespaces ??= new(StringComparer.Ordinal))[p.Name] = p.Value.GetString()!;
            }
        }

        /// <summary>The pre-hash, written into the buffer in one pass over the event's tree.</summary>
        public void Write(JsonElement @event)
        {
            var node = Convert(@event);
            Correct(node);
            var children = node.Children;
            _text.Append("eventType=");
            _text.Append(node.Name!);
            Ordered(children, Order);
            children.RemoveAll(Excluded);
            Generic(children);
        }

        private bool Excluded(Node c) =>
            c.Name is "recordTime" or "eventID" or "type" or "errorDeclaration" or "@context"
            || (_options.IgnoredFields.Count > 0 && c.Name is { } n && _options.IgnoredFields.Contains(Unbrace(n)));

        private static string Unbrace(string name) => name.StartsWith('{') && name.IndexOf('}', StringComparison.Ordinal) is var close and > 0 ? name[1..close] + name[(close + 1)..] : name;

        // The fields whose values the EPCIS JSON-LD context maps to CBV (or GS1 web vocabulary) URIs, by term prefix.
        // Member names are UTF-8 literals: the document is looked up without transcoding each name.
        private void CollectVocabulary(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object) return;
            Term(Text(e, "bizStep"u8), "https://ref.gs1.org/cbv/BizStep-");
            Term(Text(e, "disposition"u8), "https://ref.gs1.org/cbv/Disp-");
            if (e.TryGetProperty("persistentDisposition"u8, out var persistent) && persistent.ValueKind == JsonValueKind.Object)
            {
                StringTerms(persistent, "set"u8, "https://ref.gs1.org/cbv/Disp-");
                StringTerms(persistent, "unset"u8, "https://ref.gs1.org/cbv/Disp-");
            }

            TypeTerms(e, "bizTransactionList"u8, "https://ref.gs1.org/cbv/BTT-");
            TypeTerms(e, "sourceList"u8, "https://ref.gs1.org/cbv/SDT-");
            TypeTerms(e, "destinationList"u8, "https://ref.gs1.org/cbv/SDT-");
            if (ArrayMember(e, "sensorElementList"u8, out var sensors))
            {
                foreach (var sensor in sensors.EnumerateArray())
                {
                    if (!ArrayMember(sensor, "sensorReport"u8, out var reports)) continue;
                    foreach (var report in reports.EnumerateArray())
                    {
                        Term(Text(report, "type"u8), "https://gs1.org/voc/");
                        Term(Text(report, "exception"u8), "https://gs1.org/voc/");
                        Term(Text(report, "component"u8), "https://ref.gs1.org/cbv/Comp-");
                    }
                }
            }

            if (e.TryGetProperty("errorDeclaration"u8, out var error) && error.ValueKind == JsonValueKind.Object) Term(Text(error, "reason"u8), "https://ref.gs1.org/cbv/ER-");
        }

        // The string items of the array member name.
        private void StringTerms(JsonElement e, ReadOnlySpan<byte> name, string prefix)
        {
            if (!ArrayMember(e, name, out var values)) return;
            foreach (var v in values.EnumerateArray())
                if (v.ValueKind == JsonValueKind.String) Term(v.GetString(), prefix);
        }

        // The type of each object item of the array member name.
        private void TypeTerms(JsonElement e, ReadOnlySpan<byte> name, string prefix)
        {
            if (!ArrayMember(e, name, out var items)) return;
            foreach (var item in items.EnumerateArray()) Term(Text(item, "type"u8), prefix);
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

        private static string? Text(JsonElement e, ReadOnlySpan<byte> name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static bool ArrayMember(JsonElement e, ReadOnlySpan<byte> name, out JsonElement array)
        {
            array = default;
            return e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out array) && array.ValueKind == JsonValueKind.Array;
        }

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

        // The IRI bound to a prefix, looked up by the span before the colon (no substring per member name or value).
        private bool Namespace(string text, int colon, [NotNullWhen(true)] out string? iri)
        {
            iri = null;
            return colon > 0 && _namespaces is not null && _namespaces.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text.AsSpan(0, colon), out iri);
        }

        private string Key(string key)
        {
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            return Namespace(key, colon, out var iri) ? string.Concat("{", iri, "}", key.AsSpan(colon + 1)) : key;
        }

        private string ValueText(string value)
        {
            value = Bare(value);
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            return Namespace(value, colon, out var iri) ? string.Concat(iri, value.AsSpan(colon + 1)) : value;
        }

        /// <summary>The JSON as a tree of named values; a list member becomes one child per item, under the member's name.</summary>
        private Node Convert(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                {
                    var name = element.TryGetProperty("type"u8, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                    var node = new Node(name, "", new List<Node>(element.GetPropertyCount()));
                    var keepOrder = false;
                    foreach (var p in element.EnumerateObject())
                    {
                        var member = MemberName(p);
                        if (member is "#text" or "rdfs:comment" or "comment") continue;
                        if (member is "bizTransaction" or "source" or "destination") keepOrder = true;
                        var child = Convert(p.Value);
                        var key = Key(member);
                        if (p.Value.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var item in child.Children)
                            {
                                item.Name = key;
                                node.Children.Add(item);
                            }
                        }
                        else
                        {
                            child.Name = key;
                            node.Children.Add(child);
                        }
                    }

                    // A transaction, source or destination puts its type before its value (the XML form's attribute comes
                    // first, whichever order the JSON members have), the rest sorted: the pre-hash is member-order independent.
                    node.Children.Sort(keepOrder ? Node.CompareTypeFirst : Node.Compare);
                    return node;
                }

                case JsonValueKind.Array:
                {
                    var items = new List<Node>(element.GetArrayLength());
                    foreach (var item in element.EnumerateArray()) items.Add(Convert(item));
                    items.Sort(Node.Compare);
                    return new Node("", "", items);
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
        /// transaction, source or destination as its (type, value) pair. The tree is reworked in place: nothing else holds it.
        /// </summary>
        private static void Correct(Node node)
        {
            var children = node.Children;

            // The list members out (the others keep their order), then each list, in order of first appearance.
            List<(string Name, List<Node> Items)>? lists = null;
            var kept = 0;
            for (var c = 0; c < children.Count; c++)
            {
                var child = children[c];
                if (child.Name is not { } name || !name.EndsWith("List", StringComparison.Ordinal))
                {
                    children[kept++] = child;
                    continue;
                }

                lists ??= [];
                var at = lists.Count - 1;
                while (at >= 0 && lists[at].Name != name) at--;
                if (at < 0)
                {
                    lists.Add((name, []));
                    at = lists.Count - 1;
                }

                child.Name = KnownName(name.AsSpan(0, name.Length - 4));
                lists[at].Items.Add(child);
            }

            if (lists is not null)
            {
                children.RemoveRange(kept, children.Count - kept);
                foreach (var (name, items) in lists)
                {
                    if (IsPairList(name))
                        for (var i = 0; i < items.Count; i++) items[i] = new Node(null, "", items[i].Children.GetRange(0, Math.Min(2, items[i].Children.Count)));
                    children.Add(new Node(name, "", items));
                }
            }

            // The childEPCs items out, then as one childEPCs of epc values at the end.
            List<Node>? childEpcs = null;
            kept = 0;
            for (var c = 0; c < children.Count; c++)
            {
                var child = children[c];
                if (child.Name == "childEPCs") (childEpcs ??= []).Add(new Node("epc", child.Text, []));
                else children[kept++] = child;
            }

            if (childEpcs is not null)
            {
                children.RemoveRange(kept, children.Count - kept);
                children.Add(new Node("childEPCs", "", childEpcs));
            }

            for (var i = 0; i < children.Count; i++)
                if (!IsPairList(children[i].Name)) Correct(children[i]);
            node.Name = node.Name switch
            {
                "inputEPC" or "outputEPC" => "epc",
                "inputQuantity" or "outputQuantity" or "childQuantity" => "quantityElement",
                "quantity" when children.Count > 0 => "quantityElement",
                _ => node.Name,
            };
        }

        private static bool IsPairList(string? name) => name is "sourceList" or "destinationList" or "bizTransactionList";

        /// <summary>
        /// The fields named by <paramref name="order"/>, in that order (several of one name sorted), each with its own
        /// sub-order; the fields used are removed from <paramref name="children"/>, so that what is left is the extensions.
        /// Inside an element (not at the event's top level, recognised by eventTime or action) its extensions follow
        /// its ordered fields.
        /// </summary>
        private void Ordered(List<Node> children, FieldOrder[] order)
        {
            List<Node>? extensions = null;
            if (children.Count > 1 && !children.Exists(c => c.Name is { } n && (n.Contains("eventTime", StringComparison.Ordinal) || n.Contains("action", StringComparison.Ordinal))))
            {
                var kept = 0;
                for (var i = 0; i < children.Count; i++)
                {
                    var c = children[i];
                    if (c.Name is { } n && n.Contains('{', StringComparison.Ordinal) && n.Contains("/}", StringComparison.Ordinal)) (extensions ??= []).Add(c);
                    else children[kept++] = c;
                }

                children.RemoveRange(kept, children.Count - kept);
            }

            foreach (var field in order)
            {
                var run = _text.BeginRun();
                for (var i = 0; i < children.Count;)
                {
                    var child = children[i];
                    if (child.Name != field.Name)
                    {
                        i++;
                        continue;
                    }

                    _text.StartValue();
                    Field(child, field.Parts);
                    if (child.Children.Count == 0) children.RemoveAt(i);
                    else i++;
                }

                _text.SortRun(run);
            }

            if (extensions is not null) Generic(extensions);
        }

        /// <summary>name=value (the value a date-time in UTC when the name says time), then the ordered parts; nothing when both are empty.</summary>
        private void Field(Node child, FieldOrder[]? parts)
        {
            var start = _text.Length;
            _text.Append(child.Name!);
            var named = _text.Length;
            if (child.Text.Length > 0)
            {
                var value = child.Text.Trim();
                value = IsTimeName(child.Name!) ? Time(value) : Value(value);
                if (value.Length > 0)
                {
                    _text.Append('=');
                    _text.Append(value);
                }
            }

            if (parts is not null) Ordered(child.Children, parts);
            if (_text.Length == named) _text.Truncate(start);
        }

        // The reference lower-cases the name: "time" but not "offset" in it (eventTime, declarationTime, sensor times).
        // An ASCII name is searched as it is (the runtime's ignore-case search is slow in invariant mode).
        private static bool IsTimeName(string name)
        {
            if (Ascii.IsValid(name)) return ContainsAsciiLetters(name, "time") && !ContainsAsciiLetters(name, "offset");
            var lower = name.ToLowerInvariant();
            return lower.Contains("time", StringComparison.Ordinal) && !lower.Contains("offset", StringComparison.Ordinal);
        }

        // Whether ASCII text holds lowerLetters in either case (setting bit 5 lower-cases an ASCII letter and maps
        // nothing else onto one).
        private static bool ContainsAsciiLetters(string text, string lowerLetters)
        {
            for (var i = 0; i + lowerLetters.Length <= text.Length; i++)
            {
                var j = 0;
                while (j < lowerLetters.Length && (text[i + j] | 0x20) == lowerLetters[j]) j++;
                if (j == lowerLetters.Length) return true;
            }

            return false;
        }

        /// <summary>Fields outside the standard's order (extensions, ilmd, transactions, sources, destinations): name=value, sorted, recursively.</summary>
        private void Generic(List<Node> children)
        {
            // The (type, value) of a transaction, source or destination keep their order.
            var sorted = children.Count > 1 && !children.Exists(c => c.Name is "bizTransaction" or "source" or "destination");
            var run = _text.BeginRun();
            foreach (var child in children)
            {
                if (sorted) _text.StartValue();
                if (child.Name is not null)
                {
                    _text.Append(child.Name);
                    var text = child.Text.Trim();
                    if (text.Length > 0)
                    {
                        _text.Append('=');
                        _text.Append(Value(text));
                    }
                }

                Generic(child.Children);
            }

            if (sorted) _text.SortRun(run);
        }
    }

    /// <summary>A value of the tree: name (null for a transaction/source/destination pair), text and children.</summary>
    private sealed class Node(string? name, string text, List<Node> children)
    {
        /// <summary>The name; a member's value is named by the member, a list's item by the list's singular.</summary>
        public string? Name { get; set; } = name;

        public string Text { get; } = text;

        public List<Node> Children { get; } = children;

        /// <summary>By name, then text, then children (element by element, a shorter list first), ordinal.</summary>
        public static readonly Comparison<Node> Compare = CompareNodes;

        /// <summary>As <see cref="Compare"/>, with a member named type first.</summary>
        public static readonly Comparison<Node> CompareTypeFirst = (a, b) => (a.Name == "type") != (b.Name == "type") ? (a.Name == "type" ? -1 : 1) : CompareNodes(a, b);

        private static int CompareNodes(Node? a, Node? b)
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
                c = CompareNodes(a.Children[i], b.Children[i]);
                if (c != 0) return c;
            }

            return a.Children.Count.CompareTo(b.Children.Count);
        }
    }

    /// <summary>
    /// The pre-hash being written: one growable buffer for the whole event. A run of sibling values that the standard
    /// sorts is written value after value (their starts kept on a stack, so runs nest) and then sorted in place, so no
    /// value needs a string of its own.
    /// </summary>
    private sealed class PreHashText
    {
        /// <summary>The largest buffer (chars) a thread keeps between events.</summary>
        public const int MaxKeptCapacity = 1 << 16;

        private char[] _chars = new char[1024];
        private char[] _scratch = [];
        private int[] _starts = new int[32];
        private int _startCount;
        private (int Start, int Length)[] _values = new (int, int)[16];
        private readonly Comparison<(int Start, int Length)> _compare;

        public PreHashText() =>
            _compare = (a, b) => _chars.AsSpan(a.Start, a.Length).SequenceCompareTo(_chars.AsSpan(b.Start, b.Length));

        /// <summary>Chars written.</summary>
        public int Length { get; private set; }

        /// <summary>Chars the buffer holds.</summary>
        public int Capacity => _chars.Length;

        public void Clear() => (Length, _startCount) = (0, 0);

        public void Append(char c)
        {
            if (Length == _chars.Length) Grow(1);
            _chars[Length++] = c;
        }

        public void Append(string s)
        {
            if (Length + s.Length > _chars.Length) Grow(s.Length);
            s.CopyTo(_chars.AsSpan(Length));
            Length += s.Length;
        }

        /// <summary>Drops what was written after <paramref name="length"/>.</summary>
        public void Truncate(int length) => Length = length;

        /// <summary>A new run of values to sort; its mark for <see cref="SortRun"/>.</summary>
        public int BeginRun() => _startCount;

        /// <summary>The next value of the current run starts here.</summary>
        public void StartValue()
        {
            if (_startCount == _starts.Length) Array.Resize(ref _starts, _starts.Length * 2);
            _starts[_startCount++] = Length;
        }

        /// <summary>Sorts the values written since <paramref name="run"/> began (ordinal, as the reference sorts its strings) and ends the run.</summary>
        public void SortRun(int run)
        {
            var count = _startCount - run;
            if (count > 1)
            {
                if (_values.Length < count) _values = new (int, int)[Math.Max(count, _values.Length * 2)];
                var values = _values.AsSpan(0, count);
                for (var i = 0; i < count; i++)
                {
                    var start = _starts[run + i];
                    values[i] = (start, (i + 1 < count ? _starts[run + i + 1] : Length) - start);
                }

                values.Sort(_compare);
                var from = _starts[run];
                var length = Length - from;
                if (_scratch.Length < length) _scratch = new char[Math.Max(length, _scratch.Length * 2)];
                var at = 0;
                foreach (var (start, valueLength) in values)
                {
                    _chars.AsSpan(start, valueLength).CopyTo(_scratch.AsSpan(at));
                    at += valueLength;
                }

                _scratch.AsSpan(0, length).CopyTo(_chars.AsSpan(from));
            }

            _startCount = run;
        }

        /// <summary>What is written.</summary>
        public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

        public override string ToString() => new(_chars, 0, Length);

        private void Grow(int more) => Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + more));
    }

    /// <summary>A field of the standard's order, with the order of its parts (null: the field's value alone).</summary>
    private sealed record FieldOrder(string Name, FieldOrder[]? Parts = null);

    private static readonly FieldOrder[] EpcItems = [new("epc")];

    private static readonly FieldOrder[] QuantityItems = [new("quantityElement", [new("epcClass"), new("quantity"), new("uom")])];

    /// <summary>CBV 2.0 section 8.9.2: the fields in the order the pre-hash lists them, with the order of their parts.</summary>
    private static readonly FieldOrder[] Order =
    [
        new("eventTime"),
        new("eventTimeZoneOffset"),
        new("certificationInfo"),
        new("parentID"),
        new("epcList", EpcItems),
        new("inputEPCList", EpcItems),
        new("childEPCs", EpcItems),
        new("quantityList", QuantityItems),
        new("childQuantityList", QuantityItems),
        new("inputQuantityList", QuantityItems),
        new("outputEPCList", EpcItems),
        new("outputQuantityList", QuantityItems),
        new("action"),
        new("transformationID"),
        new("bizStep"),
        new("disposition"),
        new("persistentDisposition", [new("set"), new("unset")]),
        new("readPoint", [new("id")]),
        new("bizLocation", [new("id")]),
        new("sensorElementList",
        [
            new("sensorElement",
            [
                new("sensorMetadata", [new("time"), new("startTime"), new("endTime"), new("deviceID"), new("deviceMetadata"), new("rawData"), new("dataProcessingMethod"), new("bizRules")]),
                new("sensorReport",
                [
                    new("type"), new("exception"), new("deviceID"), new("deviceMetadata"), new("rawData"), new("dataProcessingMethod"), new("time"),
                    new("microorganism"), new("chemicalSubstance"), new("value"), new("component"), new("stringValue"), new("booleanValue"),
                    new("hexBinaryValue"), new("uriValue"), new("minValue"), new("maxValue"), new("meanValue"), new("sDev"), new("percRank"),
                    new("percValue"), new("uom"), new("coordinateReferenceSystem"),
                ]),
            ]),
        ]),
    ];

    /// <summary>
    /// The names of the standard's fields (those of <see cref="Order"/>, the same string instances) and of the other
    /// members and list items events have: a member so named is that string rather than a new one per event, and
    /// the order's name comparisons find it equal by reference. (Declared after Order: static fields initialise in
    /// text order.)
    /// </summary>
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownNames = KnownNameSet().GetAlternateLookup<ReadOnlySpan<char>>();

    private static HashSet<string> KnownNameSet()
    {
        var names = new HashSet<string>(StringComparer.Ordinal)
        {
            "type", "eventID", "recordTime", "errorDeclaration", "declarationTime", "reason", "correctiveEventIDs", "@context", "ilmd",
            "inputEPC", "outputEPC", "inputQuantity", "outputQuantity", "childQuantity",
            "bizTransactionList", "bizTransaction", "sourceList", "source", "destinationList", "destination",
        };
        void Add(FieldOrder[] order)
        {
            foreach (var field in order)
            {
                names.Add(field.Name);
                if (field.Parts is { } parts) Add(parts);
            }
        }

        Add(Order);
        return names;
    }

    private static string KnownName(ReadOnlySpan<char> name) => KnownNames.TryGetValue(name, out var known) ? known : new string(name);

    // The member's name, looked up among the known names from its UTF-8 bytes when it is plain ASCII (no escapes).
    private static string MemberName(JsonProperty member)
    {
        const int Longest = 32;
        var raw = JsonMarshal.GetRawUtf8PropertyName(member);
        if (raw.Length > Longest || raw.Contains((byte)'\\') || !Ascii.IsValid(raw)) return member.Name;
        Span<char> name = stackalloc char[Longest];
        Ascii.ToUtf16(raw, name, out var length);
        return KnownNames.TryGetValue(name[..length], out var known) ? known : member.Name;
    }

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
        // Most numbers are short integers already in that form ("100"): exact in a double, so unchanged.
        if (text.Length is > 0 and <= 15 && (text[0] != '0' || text.Length == 1) && !text.AsSpan().ContainsAnyExceptInRange('0', '9')) return text;
        // Most other values (codes, URIs, EPCs) start with a letter, which the regex cannot match (no space, digit, sign or point).
        if (text.Length == 0 || char.IsAsciiLetter(text[0]) || !DecimalText().IsMatch(text)) return text;
        var value = double.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? Shortest(value) : text;
    }

    private static string NumberText(JsonElement number)
    {
        // JSON integers are integers of any size; other numbers are doubles.
        if (!JsonMarshal.GetRawUtf8Value(number).ContainsAny((byte)'.', (byte)'e', (byte)'E'))
        {
            return number.TryGetInt64(out var integer)
                ? integer.ToString(CultureInfo.InvariantCulture)
                : BigInteger.Parse(number.GetRawText(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }

        var d = number.GetDouble();
        return double.IsFinite(d) ? PythonRepr(d) : number.GetRawText();
    }

    /// <summary>An integral double as an integer, any other as its shortest round-trip decimal.</summary>
    private static string Shortest(double value) =>
        Math.Floor(value) == value ? new BigInteger(value).ToString(CultureInfo.InvariantCulture) : PythonRepr(value);

    /// <summary>The shortest round-trip decimal of <paramref name="value"/> in Python's repr layout (exponent below 1e-4 or from 1e16).</summary>
    private static string PythonRepr(double value)
    {
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        // Positional with a fraction is already Python's layout: "R" has no trailing zeros and takes an exponent below
        // 1e-4 as Python does, and from 1e15, earlier than Python (1e16): those and integral values are laid out below.
        if (r.Contains('.', StringComparison.Ordinal) && !r.Contains('E', StringComparison.Ordinal)) return r;
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
        if (IsUtcMilliseconds(text)) return text;
        if (!TimeFields.TryRead(text, out var t))
        {
            var m = DateTimeText().Match(text);
            if (!m.Success) return text;
            t = TimeFields.Of(m);
        }

        var offset = TimeSpan.FromMinutes(t.OffsetMinutes);
        DateTimeOffset time;
        try
        {
            time = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return text;
        }

        var (ms, rest) = Math.DivRem(t.Microsecond, 1000);
        if (rest > 500 || (rest == 500 && ms % 2 == 1)) ms++;
        return time.UtcDateTime.AddMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The parts of a date-time as <see cref="DateTimeText"/> reads them: the microsecond from the first six fraction digits, the offset in minutes.</summary>
    private readonly record struct TimeFields(int Year, int Month, int Day, int Hour, int Minute, int Second, int Microsecond, int OffsetMinutes)
    {
        public static TimeFields Of(Match m)
        {
            int G(int i) => m.Groups[i].Success ? int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture) : 0;
            var fraction = m.Groups[7].Success ? m.Groups[7].Value.PadRight(6, '0')[..6] : "000000";
            var micro = int.Parse(fraction, CultureInfo.InvariantCulture);
            var offset = 0;
            if (m.Groups[8].Success && m.Groups[8].Value is not ("Z" or "z"))
            {
                var o = m.Groups[8].Value.Replace(":", "", StringComparison.Ordinal);
                var minutes = int.Parse(o[1..3], CultureInfo.InvariantCulture) * 60 + (o.Length >= 5 ? int.Parse(o[3..5], CultureInfo.InvariantCulture) : 0);
                offset = o[0] == '-' ? -minutes : minutes;
            }

            return new(G(1), G(2), G(3), G(4), G(5), G(6), micro, offset);
        }

        /// <summary>
        /// The same reading without the regex, for the text it is sure of: ASCII digits (the regex's \d also takes
        /// other Unicode digits) and no space before the zone. False leaves the text to the regex.
        /// </summary>
        public static bool TryRead(ReadOnlySpan<char> s, out TimeFields fields)
        {
            fields = default;
            var at = 0;
            if (!Number(s, ref at, 4, out var year) || !Literal(s, ref at, '-') || !Number(s, ref at, 2, out var month) || !Literal(s, ref at, '-')
                || !Number(s, ref at, 2, out var day) || at >= s.Length || s[at++] is not ('T' or 't' or ' ')
                || !Number(s, ref at, 2, out var hour) || !Literal(s, ref at, ':') || !Number(s, ref at, 2, out var minute)) return false;
            int second = 0, micro = 0, offset = 0;
            if (at < s.Length && s[at] == ':')
            {
                at++;
                if (!Number(s, ref at, 2, out second)) return false;
                if (at < s.Length && s[at] is '.' or ',')
                {
                    var start = ++at;
                    while (at < s.Length && char.IsAsciiDigit(s[at])) at++;
                    if (at == start) return false;
                    for (var i = 0; i < 6; i++) micro = micro * 10 + (start + i < at ? s[start + i] - '0' : 0);
                }
            }

            if (at < s.Length && s[at] is 'Z' or 'z') at++;
            else if (at < s.Length && s[at] is '+' or '-')
            {
                var sign = s[at++] == '-' ? -1 : 1;
                if (!Number(s, ref at, 2, out var hours)) return false;
                var minutes = 0;
                if (at < s.Length && s[at] == ':')
                {
                    at++;
                    if (!Number(s, ref at, 2, out minutes)) return false;
                }
                else if (at + 2 <= s.Length && char.IsAsciiDigit(s[at]) && char.IsAsciiDigit(s[at + 1])) Number(s, ref at, 2, out minutes);

                offset = sign * (hours * 60 + minutes);
            }

            if (at != s.Length) return false;
            fields = new(year, month, day, hour, minute, second, micro, offset);
            return true;
        }

        private static bool Literal(ReadOnlySpan<char> s, ref int at, char c)
        {
            if (at >= s.Length || s[at] != c) return false;
            at++;
            return true;
        }

        private static bool Number(ReadOnlySpan<char> s, ref int at, int digits, out int value)
        {
            value = 0;
            if (at + digits > s.Length) return false;
            for (var i = 0; i < digits; i++)
            {
                if (!char.IsAsciiDigit(s[at + i])) return false;
                value = value * 10 + (s[at + i] - '0');
            }

            at += digits;
            return true;
        }
    }

    private const string UtcMillisecondsShape = "0000-00-00T00:00:00.000Z";

    // Already in the form Time writes (as EPCIS clients mostly send it): an invalid date is left as it is, a valid
    // one is written back unchanged, so either way the text is its own result.
    private static bool IsUtcMilliseconds(string text)
    {
        if (text.Length != UtcMillisecondsShape.Length) return false;
        for (var i = 0; i < text.Length; i++)
            if (UtcMillisecondsShape[i] == '0' ? !char.IsAsciiDigit(text[i]) : text[i] != UtcMillisecondsShape[i]) return false;
        return true;
    }

    /// <summary>The CBV 2.0 hash id of each event of <paramref name="document"/>, in document order.</summary>
    public static IReadOnlyList<string> Hashes(JsonElement document, EventHashOptions? options = null)
    {
        JsonElement? context = document.ValueKind == JsonValueKind.Object && document.TryGetProperty("@context", out var c) ? c : null;
        return Events(document).Select(e => Hash(e, context, options)).ToList();
    }
}
