using System.Globalization;
using System.Text;
using MagLoop.Errors;

namespace MagLoop.Network.Supply;

/// <summary>A CSV table with a header row (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks).</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string file, IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows)
    {
        File = file;
        Header = header;
        Rows = rows;
        _columns = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Path of the file.</summary>
    public string File { get; }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows in file order.</summary>
    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>Index of a column; a <see cref="UserError"/> naming the file when it is missing.</summary>
    public int Column(string name) => _columns.TryGetValue(name, out var i) ? i
        : throw new UserError($"column '{name}' is missing (columns: {string.Join(", ", Header)})", "", new InputLocation(File, 1, 1));

    /// <summary>True when the table has the column.</summary>
    public bool HasColumn(string name) => _columns.ContainsKey(name);

    /// <summary>Reads a CSV file; a missing file is a <see cref="UserError"/> naming where it was expected.</summary>
    public static CsvTable Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!System.IO.File.Exists(path)) throw new UserError($"reference data file not found: '{path}'", "data");
        return Parse(System.IO.File.ReadAllText(path, Encoding.UTF8), path);
    }

    /// <summary>Parses CSV text; <paramref name="file"/> names it in errors.</summary>
    public static CsvTable Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<(int Line, List<string> Fields)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var recordLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add((recordLine, fields));
                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted) throw new UserError("a quoted field is not closed", "", new InputLocation(file, recordLine, 1));
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }

        records.RemoveAll(r => r.Fields is [""]);
        if (records.Count == 0) throw new UserError("the file is empty", "", new InputLocation(file));
        var header = records[0].Fields;
        var rows = new List<CsvRow>();
        foreach (var (at, values) in records.Skip(1))
        {
            if (values.Count != header.Count)
                throw new UserError($"has {values.Count} fields, the header {header.Count}", "", new InputLocation(file, at, 1));
            rows.Add(new CsvRow(file, at, values));
        }

        return new CsvTable(file, header, rows);
    }
}

/// <summary>One data row of a <see cref="CsvTable"/>.</summary>
/// <param name="File">File it comes from.</param>
/// <param name="Line">1-based line in the file.</param>
/// <param name="Values">Field values.</param>
public sealed record CsvRow(string File, int Line, IReadOnlyList<string> Values)
{
    /// <summary>The text of a field.</summary>
    public string Text(int column) => Values[column];

    /// <summary>A field as a finite number; a located <see cref="UserError"/> when it is not one.</summary>
    public double Number(int column, string name)
    {
        var text = Values[column].Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new UserError($"expected a number, found '{text}'", name, new InputLocation(File, Line, 1));
    }

    /// <summary>A field as a number, or 0 when it is empty.</summary>
    public double NumberOrZero(int column, string name) => Values[column].Trim().Length == 0 ? 0 : Number(column, name);
}
