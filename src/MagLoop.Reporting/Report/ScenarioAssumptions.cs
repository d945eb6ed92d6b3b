using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MagLoop.Reporting.Report;

/// <summary>
/// Every value the scenario file sets, with the source the file gives for it. The bundled scenarios cite a source
/// beside each figure (a comment on its line, a note above its key, a <c>source</c> key beside it, or a note over
/// its whole section) and mark the figures fitted to a disclosure "calibrated"; this reads those comments with
/// the values, so the report lists the assumptions as the file states them.
/// </summary>
internal static class ScenarioAssumptions
{
    /// <summary>Where a value's source was found.</summary>
    public enum SourceKind
    {
        /// <summary>A comment on the value's own line.</summary>
        Inline,
        /// <summary>A <c>source</c> key in the same mapping.</summary>
        SourceKey,
        /// <summary>A comment block just above the value's key.</summary>
        Note,
        /// <summary>A comment block above an enclosing section.</summary>
        Section,
        /// <summary>No comment: the file gives no source.</summary>
        None,
    }

    /// <summary>A value the scenario sets.</summary>
    /// <param name="Path">Dotted path with list indices: economics.loan.interestRate, feeds[2].tonnesPerYear.</param>
    /// <param name="Value">The value as written.</param>
    /// <param name="Line">1-based line in the file.</param>
    /// <param name="Source">The source text, or empty.</param>
    /// <param name="Kind">Where the source was found.</param>
    public sealed record Assumption(string Path, string Value, int Line, string Source, SourceKind Kind)
    {
        /// <summary>The source calls the value calibrated (fitted to a disclosure), not taken from a reference.</summary>
        // A section's note speaks of many values at once, so it marks none of them calibrated on its own.
        public bool Calibrated => Kind != SourceKind.Section && Source.Contains("calibrat", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The scenario's values in file order.</summary>
    public static IReadOnlyList<Assumption> Read(string yaml)
    {
        var parser = new Parser(new Scanner(new StringReader(yaml), skipComments: false));
        var leaves = new List<Leaf>();
        var inline = new Dictionary<int, string>();
        var stack = new List<Frame>();
        var pending = new StringBuilder();
        string? TakePending()
        {
            if (pending.Length == 0) return null;
            var text = pending.ToString().Trim();
            pending.Clear();
            return text;
        }

        // The path segment the next node takes, and the note above it.
        (string Segment, string? Note)? NextSegment(Frame? parent)
        {
            if (parent is null) return ("", TakePending());
            if (parent.IsSequence) return ($"[{parent.Index++}]", TakePending());
            return (parent.Key ?? "", parent.KeyNote);
        }

        while (parser.MoveNext())
        {
            var frame = stack.Count > 0 ? stack[^1] : null;
            switch (parser.Current)
            {
                case Comment { IsInline: true } c:
                    inline[(int)c.Start.Line] = c.Value.Trim();
                    break;
                case Comment c:
                    pending.Append(c.Value.Trim()).Append(' ');
                    break;
                case Scalar s when frame is { IsSequence: false, Key: null }:
                    frame.Key = s.Value;
                    frame.KeyNote = TakePending();
                    break;
                case Scalar s:
                {
                    var (segment, note) = NextSegment(frame)!.Value;
                    if (frame is { IsSequence: false } && segment == "source") frame.SourceValue = s.Value;
                    leaves.Add(new Leaf(Join(stack, segment), s.Value, (int)s.Start.Line, note, Notes(stack)));
                    if (frame is { IsSequence: false }) (frame.Key, frame.KeyNote) = (null, null);
                    break;
                }

                case MappingStart or SequenceStart:
                {
                    var (segment, note) = NextSegment(frame)!.Value;
                    stack.Add(new Frame(Join(stack, segment), parser.Current is SequenceStart, note));
                    break;
                }

                case MappingEnd or SequenceEnd:
                    var closed = stack[^1];
                    stack.RemoveAt(stack.Count - 1);
                    if (stack.Count > 0 && !stack[^1].IsSequence) (stack[^1].Key, stack[^1].KeyNote) = (null, null);
                    // A source key names the source of its siblings (cost curves carry one each).
                    if (closed.SourceValue is { } source)
                        foreach (var leaf in leaves.Where(l => l.Path.StartsWith(closed.Path + ".", StringComparison.Ordinal) && l.SourceKey is null))
                            leaf.SourceKey = source;
                    break;
            }
        }

        return leaves.Where(l => !l.Path.EndsWith(".source", StringComparison.Ordinal) && l.Path is not ("name" or "description"))
            .Select(l => l.ToAssumption(inline)).ToList();
    }

    private static string Join(List<Frame> stack, string segment)
    {
        var parent = stack.Count > 0 ? stack[^1].Path : "";
        if (segment.Length == 0) return parent;
        if (parent.Length == 0) return segment;
        return segment.StartsWith('[') ? parent + segment : parent + "." + segment;
    }

    // The root's note is the file's header, which describes the file rather than sourcing any one value.
    private static List<string> Notes(List<Frame> stack) => stack.Skip(1).Select(f => f.Note).OfType<string>().ToList();

    private sealed class Frame(string path, bool isSequence, string? note)
    {
        public string Path { get; } = path;
        public bool IsSequence { get; } = isSequence;
        public string? Note { get; } = note;
        public int Index { get; set; }
        public string? Key { get; set; }
        public string? KeyNote { get; set; }
        public string? SourceValue { get; set; }
    }

    private sealed class Leaf(string path, string value, int line, string? note, List<string> sectionNotes)
    {
        public string Path { get; } = path;
        public string Value { get; } = value;
        public string? SourceKey { get; set; }

        public Assumption ToAssumption(Dictionary<int, string> inline)
        {
            if (inline.TryGetValue(line, out var comment)) return new Assumption(Path, Value, line, comment, SourceKind.Inline);
            if (SourceKey is { } source) return new Assumption(Path, Value, line, source, SourceKind.SourceKey);
            if (note is not null) return new Assumption(Path, Value, line, note, SourceKind.Note);
            if (sectionNotes.Count > 0) return new Assumption(Path, Value, line, sectionNotes[^1], SourceKind.Section);
            return new Assumption(Path, Value, line, "", SourceKind.None);
        }
    }
}
