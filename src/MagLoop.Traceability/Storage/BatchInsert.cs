using System.Data.Common;
using System.Globalization;

namespace MagLoop.Traceability.Storage;

/// <summary>
/// Buffers rows for one table and writes them with multi-row INSERT statements of <see cref="RowsPerStatement"/>
/// rows (the full-size statement is prepared once and reused).
/// </summary>
internal sealed class BatchInsert : IDisposable
{
    /// <summary>Rows per statement: 100 rows of up to 11 columns stay far below SQLite's 32,766 parameters and PostgreSQL's 65,535.</summary>
    public const int RowsPerStatement = 100;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _table;
    private readonly string[] _columns;
    private readonly List<object?[]> _rows = [];
    private DbCommand? _full;

    public BatchInsert(DbConnection connection, DbTransaction transaction, string table, string[] columns)
    {
        _connection = connection;
        _transaction = transaction;
        _table = table;
        _columns = columns;
    }

    public void Add(params object?[] row)
    {
        _rows.Add(row);
        if (_rows.Count == RowsPerStatement)
        {
            _full ??= Command(RowsPerStatement);
            Execute(_full);
        }
    }

    /// <summary>Writes the buffered rows.</summary>
    public void Flush()
    {
        if (_rows.Count == 0) return;
        using var command = Command(_rows.Count);
        Execute(command);
    }

    private void Execute(DbCommand command)
    {
        var parameter = 0;
        foreach (var row in _rows)
            foreach (var value in row)
                command.Parameters[parameter++].Value = value ?? DBNull.Value;
        command.ExecuteNonQuery();
        _rows.Clear();
    }

    private DbCommand Command(int rows)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        var values = new List<string>(rows);
        for (var r = 0; r < rows; r++)
        {
            var names = new string[_columns.Length];
            for (var c = 0; c < _columns.Length; c++)
            {
                var p = command.CreateParameter();
                p.ParameterName = names[c] = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                command.Parameters.Add(p);
            }

            values.Add($"({string.Join(",", names)})");
        }

        command.CommandText = $"INSERT INTO {_table} ({string.Join(", ", _columns)}) VALUES {string.Join(",", values)}";
        return command;
    }

    public void Dispose() => _full?.Dispose();
}
