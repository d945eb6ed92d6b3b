using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace MagLoop.Traceability.Storage;

/// <summary>
/// Buffers the rows a capture appends to one table and writes them inside the capture's transaction, the fastest
/// way each database offers: on SQLite a multi-row INSERT prepared once and bound by position through SQLite's own
/// API; on PostgreSQL a binary <c>COPY ... FROM STDIN</c>. Both are ordinary inserts: constraints, unique indexes
/// and triggers apply, and a failure aborts the capture's transaction.
/// </summary>
/// <remarks>
/// Why not ADO.NET parameters: Microsoft.Data.Sqlite binds every parameter by name, and SQLite finds a name by a
/// linear search of the statement's parameters, so a 100-row statement of 11 columns cost about 600,000 string
/// comparisons per execution: more than half of the capture time. Binding by position costs nothing.
/// </remarks>
internal abstract class BatchInsert
{
    private readonly List<object?[]> _rows = [];

    protected BatchInsert(string table, string[] columns)
    {
        Table = table;
        Columns = columns;
    }

    protected string Table { get; }

    protected string[] Columns { get; }

    /// <summary>
    /// A writer for <paramref name="connection"/>'s database; on SQLite its statements come from
    /// <paramref name="statements"/>, the writing store's cache.
    /// </summary>
    public static BatchInsert Create(DbConnection connection, string table, string[] columns, SqliteInsertStatements statements) => connection switch
    {
        SqliteConnection sqlite => new SqliteBatchInsert(sqlite, table, columns, statements),
        NpgsqlConnection npgsql => new NpgsqlBatchInsert(npgsql, table, columns),
        _ => throw new NotSupportedException($"no batch insert for {connection.GetType().Name}"),
    };

    /// <summary>Buffers a row (values in column order: long, int, double, string, byte[] or null).</summary>
    public void Add(params object?[] row) => _rows.Add(row);

    /// <summary>Writes the buffered rows.</summary>
    public void Flush()
    {
        if (_rows.Count > 0) Write(_rows);
        _rows.Clear();
    }

    protected abstract void Write(List<object?[]> rows);
}

/// <summary>
/// SQLite: multi-row INSERTs of up to <see cref="SqliteInsertStatements.RowsPerStatement"/> rows, bound by position, the
/// rest in power-of-two statements (36 rows: 32 + 4), so that a table has at most seven statement sizes, each prepared
/// once for the store's connection (<see cref="SqliteInsertStatements"/>).
/// </summary>
internal sealed class SqliteBatchInsert(SqliteConnection connection, string table, string[] columns, SqliteInsertStatements statements) : BatchInsert(table, columns)
{
    protected override void Write(List<object?[]> rows)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var done = 0;
        while (done < rows.Count)
        {
            // The largest power of two that fits, at most RowsPerStatement (a power of two itself).
            var n = Math.Min(SqliteInsertStatements.RowsPerStatement, 1 << System.Numerics.BitOperations.Log2((uint)(rows.Count - done)));
            Execute(db, statements.Get(db, Table, Columns, n), rows, done, n);
            done += n;
        }
    }

    private void Execute(sqlite3 db, sqlite3_stmt statement, List<object?[]> rows, int first, int count)
    {
        try
        {
            var index = 1;
            for (var r = first; r < first + count; r++)
            {
                var row = rows[r];
                if (row.Length != Columns.Length) throw new ArgumentException($"a row of {Table} needs {Columns.Length} values", nameof(rows));
                foreach (var value in row)
                {
                    var rc = value switch
                    {
                        // Unbound parameters are NULL: a statement is prepared unbound and cleared after each use.
                        null => raw.SQLITE_OK,
                        long l => raw.sqlite3_bind_int64(statement, index, l),
                        int i => raw.sqlite3_bind_int64(statement, index, i),
                        double d => raw.sqlite3_bind_double(statement, index, d),
                        string s => BindText(statement, index, s),
                        byte[] b => raw.sqlite3_bind_blob(statement, index, b),
                        _ => throw new ArgumentException($"cannot store a {value.GetType().Name} in {Table}", nameof(rows)),
                    };
                    if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
                    index++;
                }
            }

            var step = raw.sqlite3_step(statement);
            if (step != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(step, db);
        }
        finally
        {
            // Reset for the next use and unbound, however this one ended: a cached statement keeps no copy of the
            // rows, and the NULLs left unbound above are NULL.
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    /// <summary>
    /// Binds <paramref name="text"/> as UTF-8 encoded in the store's buffer (SQLite copies it), not in a new array per
    /// value as the string overload does: every body, lot name and id of a capture passes here, under the write lock.
    /// </summary>
    private int BindText(sqlite3_stmt statement, int index, string text)
    {
        // An empty span has no address, which SQLite would bind as NULL.
        if (text.Length == 0) return raw.sqlite3_bind_text(statement, index, text);
        var utf8 = statements.Utf8(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, utf8);
        return raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, written));
    }
}

/// <summary>
/// The prepared INSERT statements of one writing store's SQLite connection, by table and row count. Preparing a
/// 64-row statement of a dozen columns took longer than running it (about 150 us, seven a document), and the single
/// writer paid it for every capture; the store now prepares each size once and disposes them before its connection.
/// </summary>
internal sealed class SqliteInsertStatements : IDisposable
{
    /// <summary>Rows per statement at most: enough to amortise a statement's execution, far below SQLite's 32,766 parameters.</summary>
    public const int RowsPerStatement = 64;

    private readonly Dictionary<(string Table, int Rows), sqlite3_stmt> _statements = [];
    private sqlite3? _db;
    private byte[] _utf8 = new byte[4096];

    /// <summary>A buffer of at least <paramref name="bytes"/> bytes for a text value being bound (one writer uses it at a time).</summary>
    public byte[] Utf8(int bytes)
    {
        if (_utf8.Length < bytes) _utf8 = new byte[Math.Max(bytes, 2 * _utf8.Length)];
        return _utf8;
    }

    /// <summary>The statement inserting <paramref name="rows"/> rows of <paramref name="columns"/> into <paramref name="table"/>.</summary>
    public sqlite3_stmt Get(sqlite3 db, string table, string[] columns, int rows)
    {
        // Statements belong to a connection: a store that reopened its connection prepares them again.
        if (!ReferenceEquals(db, _db))
        {
            Dispose();
            _db = db;
        }

        if (!_statements.TryGetValue((table, rows), out var statement))
            _statements[(table, rows)] = statement = Prepare(db, table, columns, rows);
        return statement;
    }

    /// <summary>Finalises every statement (before the connection closes).</summary>
    public void Dispose()
    {
        foreach (var statement in _statements.Values) statement.Dispose();
        _statements.Clear();
        _db = null;
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string table, string[] columns, int rows)
    {
        var row = "(" + string.Join(",", Enumerable.Repeat("?", columns.Length)) + ")";
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES {string.Join(",", Enumerable.Repeat(row, rows))}";
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        return statement;
    }
}

/// <summary>PostgreSQL: one binary COPY per table and capture.</summary>
internal sealed class NpgsqlBatchInsert(NpgsqlConnection connection, string table, string[] columns) : BatchInsert(table, columns)
{
    protected override void Write(List<object?[]> rows)
    {
        using var importer = connection.BeginBinaryImport($"COPY {Table} ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            if (row.Length != Columns.Length) throw new ArgumentException($"a row of {Table} needs {Columns.Length} values", nameof(rows));
            importer.StartRow();
            foreach (var value in row)
            {
                switch (value)
                {
                    case null: importer.WriteNull(); break;
                    case long l: importer.Write(l, NpgsqlTypes.NpgsqlDbType.Bigint); break;
                    case int i: importer.Write(i, NpgsqlTypes.NpgsqlDbType.Integer); break;
                    case double d: importer.Write(d, NpgsqlTypes.NpgsqlDbType.Double); break;
                    case string s: importer.Write(s, NpgsqlTypes.NpgsqlDbType.Text); break;
                    case byte[] b: importer.Write(b, NpgsqlTypes.NpgsqlDbType.Bytea); break;
                    default: throw new ArgumentException($"cannot store a {value.GetType().Name} in {Table}", nameof(rows));
                }
            }
        }

        importer.Complete();
    }
}
