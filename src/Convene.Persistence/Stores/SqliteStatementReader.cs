using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Convene.Persistence.Stores;

/// <summary>
/// The rows of a statement from <see cref="SqliteStatements"/>, read as <see cref="DbDataReader"/> so the stores' row
/// readers serve both providers. Values convert as Microsoft.Data.Sqlite converts them (SqliteValueReader): integers
/// narrow with an overflow check, a NULL read as a value is an error, text instants parse as EF Core writes them.
/// The statement belongs to its cache: closing the reader hands it back (<paramref name="release"/> resets it).
/// </summary>
internal sealed class SqliteStatementReader(sqlite3 db, sqlite3_stmt statement, Action release) : DbDataReader
{
    private readonly int _fieldCount = raw.sqlite3_column_count(statement);
    private readonly bool _writes = raw.sqlite3_stmt_readonly(statement) == 0;
    private bool _onRow;
    private bool _pending;
    private bool _done;
    private bool _closed;
    private int _changes = -1;

    public override int FieldCount => _fieldCount;

    // As Microsoft.Data.Sqlite counts them: rows the statement inserted, updated or deleted; -1 for a query.
    public override int RecordsAffected => _changes;

    public override bool HasRows => _onRow || _pending;

    public override bool IsClosed => _closed;

    public override int Depth => 0;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    /// <summary>
    /// Executes the statement up to its first row, as Microsoft.Data.Sqlite's ExecuteReader does: a write without
    /// RETURNING is done here, even if nobody reads.
    /// </summary>
    public void Start()
    {
        _pending = Read();
        _onRow = false;
    }

    public override bool Read()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_pending)
        {
            _pending = false;
            _onRow = true;
            return true;
        }

        if (_done)
        {
            _onRow = false;
            return false;
        }

        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            _onRow = true;
            return true;
        }

        _onRow = false;
        _done = true;
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        if (_writes)
        {
            _changes = raw.sqlite3_changes(db);
        }

        return false;
    }

    /// <summary>Runs the statement to its end (the rows a write returns are not needed) and gives the rows changed.</summary>
    public int ExecuteToEnd()
    {
        while (Read())
        {
        }

        return _changes;
    }

    public override void Close()
    {
        if (!_closed)
        {
            _closed = true;
            _onRow = false;
            _pending = false;
            release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    public override bool NextResult() => false;

    public override bool IsDBNull(int ordinal) => Type(ordinal) == raw.SQLITE_NULL;

    public override long GetInt64(int ordinal)
    {
        NotNull(ordinal);
        return raw.sqlite3_column_int64(statement, ordinal);
    }

    public override int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    public override short GetInt16(int ordinal) => checked((short)GetInt64(ordinal));

    public override byte GetByte(int ordinal) => checked((byte)GetInt64(ordinal));

    public override bool GetBoolean(int ordinal) => GetInt64(ordinal) != 0;

    public override double GetDouble(int ordinal)
    {
        NotNull(ordinal);
        return raw.sqlite3_column_double(statement, ordinal);
    }

    public override float GetFloat(int ordinal) => (float)GetDouble(ordinal);

    public override decimal GetDecimal(int ordinal) =>
        Type(ordinal) == raw.SQLITE_TEXT ? decimal.Parse(GetString(ordinal), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture) : (decimal)GetDouble(ordinal);

    public override string GetString(int ordinal)
    {
        NotNull(ordinal);
        return Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, ordinal));
    }

    /// <summary>The raw UTF-8 bytes of a TEXT value, valid until the next row (for parsing without a string).</summary>
    public ReadOnlySpan<byte> GetUtf8(int ordinal)
    {
        NotNull(ordinal);
        return raw.sqlite3_column_blob(statement, ordinal);
    }

    public override char GetChar(int ordinal) => Type(ordinal) == raw.SQLITE_TEXT ? GetString(ordinal)[0] : (char)GetInt64(ordinal);

    public override Guid GetGuid(int ordinal) =>
        Type(ordinal) == raw.SQLITE_BLOB ? new Guid(GetBlob(ordinal)) : Guid.Parse(GetString(ordinal));

    // Text as Microsoft.Data.Sqlite parses it; REAL as a Julian day number (https://www.sqlite.org/lang_datefunc.html).
    public override DateTime GetDateTime(int ordinal) =>
        Type(ordinal) switch
        {
            var t when t == raw.SQLITE_TEXT => DateTime.Parse(GetString(ordinal), CultureInfo.InvariantCulture),
            _ => DateTime.FromOADate(GetDouble(ordinal) - 2415018.5),
        };

    public override object GetValue(int ordinal) =>
        Type(ordinal) switch
        {
            var t when t == raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, ordinal),
            var t when t == raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, ordinal),
            var t when t == raw.SQLITE_TEXT => GetString(ordinal),
            var t when t == raw.SQLITE_BLOB => GetBlob(ordinal),
            _ => DBNull.Value,
        };

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    public override T GetFieldValue<T>(int ordinal)
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (IsDBNull(ordinal) && (type != typeof(T) || !typeof(T).IsValueType))
        {
            return default!;
        }

        object value = type switch
        {
            _ when type == typeof(int) => GetInt32(ordinal),
            _ when type == typeof(long) => GetInt64(ordinal),
            _ when type == typeof(bool) => GetBoolean(ordinal),
            _ when type == typeof(double) => GetDouble(ordinal),
            _ when type == typeof(string) => GetString(ordinal),
            _ when type == typeof(DateTime) => GetDateTime(ordinal),
            _ when type == typeof(decimal) => GetDecimal(ordinal),
            _ when type == typeof(Guid) => GetGuid(ordinal),
            _ when type == typeof(short) => GetInt16(ordinal),
            _ when type == typeof(byte) => GetByte(ordinal),
            _ when type == typeof(float) => GetFloat(ordinal),
            _ when type == typeof(char) => GetChar(ordinal),
            _ when type == typeof(byte[]) => GetBlob(ordinal),
            _ => GetValue(ordinal) is var v && v.GetType() == type ? v : Convert.ChangeType(v, type, CultureInfo.InvariantCulture),
        };
        return (T)value;
    }

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var blob = raw.sqlite3_column_blob(statement, ordinal);
        if (buffer is null)
        {
            return blob.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, blob.Length - dataOffset));
        blob.Slice((int)dataOffset, count).CopyTo(buffer.AsSpan(bufferOffset));
        return count;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
        {
            return text.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.AsSpan((int)dataOffset, count).CopyTo(buffer.AsSpan(bufferOffset));
        return count;
    }

    public override string GetName(int ordinal) => raw.sqlite3_column_name(statement, ordinal).utf8_to_string();

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < FieldCount; i++)
        {
            if (string.Equals(GetName(i), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "The query has no such column.");
    }

    public override string GetDataTypeName(int ordinal) =>
        raw.sqlite3_column_decltype(statement, ordinal).utf8_to_string() ?? Type(ordinal) switch
        {
            var t when t == raw.SQLITE_INTEGER => "INTEGER",
            var t when t == raw.SQLITE_FLOAT => "REAL",
            var t when t == raw.SQLITE_TEXT => "TEXT",
            _ => "BLOB",
        };

    public override Type GetFieldType(int ordinal) =>
        Type(ordinal) switch
        {
            var t when t == raw.SQLITE_INTEGER => typeof(long),
            var t when t == raw.SQLITE_FLOAT => typeof(double),
            var t when t == raw.SQLITE_TEXT => typeof(string),
            _ => typeof(byte[]),
        };

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    private byte[] GetBlob(int ordinal) => raw.sqlite3_column_blob(statement, ordinal).ToArray();

    private int Type(int ordinal)
    {
        if (!_onRow)
        {
            throw new InvalidOperationException("No row is current: call Read first.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, _fieldCount);
        return raw.sqlite3_column_type(statement, ordinal);
    }

    private void NotNull(int ordinal)
    {
        if (Type(ordinal) == raw.SQLITE_NULL)
        {
            throw new InvalidOperationException($"The value at ordinal {ordinal} is NULL.");
        }
    }
}
