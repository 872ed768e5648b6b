using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Convene.Persistence.Stores;

/// <summary>
/// Prepared statements kept per native SQLite connection. SQLite compiles SQL text into a program (parse, name
/// resolution, query planning, code generation); Microsoft.Data.Sqlite does that for every command it executes,
/// because a command's statements are finalized when it is disposed and when its connection is closed — and EF Core
/// creates a command per query and closes the connection after every query outside a transaction. Under the load
/// benchmark's mix, compiling was ~9 % of the server's CPU (perf, issue 8). Here the compiled statement stays with the
/// native connection, which Microsoft.Data.Sqlite's pool keeps open, and is reset and bound again on the next use
/// (https://www.sqlite.org/c3ref/stmt.html, https://www.sqlite.org/c3ref/prepare.html). Used by AdoQuery's reads and,
/// through <see cref="SqliteStatementInterceptor"/>, by EF Core's own commands.
/// </summary>
/// <remarks>
/// A native connection is used by one request at a time (the pool hands it out), so its statements are too; a text
/// already running on the connection (a reader still open) gets a statement of its own for the time. A statement is
/// reset as soon as its reader is done, so no read transaction outlives a query (one that stayed open would hold back
/// the WAL checkpoints). When the pool closes a native connection, SQLite keeps it as a "zombie" until its statements
/// are finalized (sqlite3_close_v2); the cache goes with the connection object, and the statements' handles finalize
/// them when collected, or all at once as the process exits. Values are bound as Microsoft.Data.Sqlite binds them, so a
/// query compares the same text EF Core stores (instants as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>).
/// </remarks>
internal sealed class SqliteStatements
{
    // Distinct statement texts per connection: EF Core's queries and writes, AdoQuery's reads, one per length of an
    // IN (…) list. Past this, the cache starts again (an unusual caller must not make it grow without end).
    internal const int Capacity = 128;

    private static readonly ConditionalWeakTable<sqlite3, SqliteStatements> Caches = [];
    private static readonly string[] Prefixes = ["@", "$", ":"];
    private readonly Dictionary<string, Entry> _statements = new(StringComparer.Ordinal);

    // At exit Microsoft.Data.Sqlite closes its pooled connections. One that still had statements would stay open as a
    // zombie, and the last connection to a WAL database would not checkpoint and remove the -wal file as it closes.
    static SqliteStatements() => AppDomain.CurrentDomain.ProcessExit += (_, _) => ReleaseAll();

    private sealed class Entry(sqlite3_stmt? statement)
    {
        // Null: the text holds more than one statement, left to Microsoft.Data.Sqlite.
        public sqlite3_stmt? Statement { get; } = statement;

        public bool InUse { get; set; }
    }

    /// <summary>Runs a single-statement query on the native connection and reads every row.</summary>
    public static List<T> List<T>(SqliteConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters, Func<DbDataReader, T> read)
    {
        using var reader = TryOpen(connection, sql, parameters, strict: true)
            ?? throw new InvalidOperationException("AdoQuery runs one statement at a time; the SQL text has more than one.");
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// A reader over the cached statement for <paramref name="sql"/>, bound and not yet stepped; null when the text holds
    /// more than one statement, or — unless <paramref name="strict"/>, which throws instead — when the parameters do not
    /// match the statement's. Disposing the reader resets the statement for its next use.
    /// </summary>
    public static SqliteStatementReader? TryOpen(SqliteConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters, bool strict)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var cache = Caches.GetValue(db, _ => new SqliteStatements());
        if (!cache._statements.TryGetValue(sql, out var entry))
        {
            if (cache._statements.Count >= Capacity)
            {
                cache.Release();
            }

            entry = new Entry(Prepare(db, sql));
            cache._statements.Add(sql, entry);
        }

        if (entry.Statement is null)
        {
            return null;
        }

        // The same text while its reader is still open (a nested query): a statement of its own, finalized after.
        var owned = entry.InUse;
        var statement = owned ? Prepare(db, sql)! : entry.Statement;
        entry.InUse |= !owned;
        var reader = new SqliteStatementReader(db, statement, () =>
        {
            raw.sqlite3_reset(statement);
            if (owned)
            {
                statement.Dispose();
                return;
            }

            // The bindings go, so a value never carries over to the next use.
            raw.sqlite3_clear_bindings(statement);
            entry.InUse = false;
        });
        try
        {
            var bound = 0;
            foreach (var (name, value) in parameters)
            {
                bound += Bind(db, statement, name, value, strict) ? 1 : 0;
            }

            if (bound != parameters.Count || bound != raw.sqlite3_bind_parameter_count(statement))
            {
                if (strict)
                {
                    throw new InvalidOperationException($"The SQL text has {raw.sqlite3_bind_parameter_count(statement)} parameters; {parameters.Count} values were given.");
                }

                reader.Dispose();
                return null;
            }

            reader.Start();
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        return reader;
    }

    /// <summary>How many statements the connection keeps (for tests).</summary>
    internal static int CountOn(SqliteConnection connection) =>
        connection.Handle is { } db && Caches.TryGetValue(db, out var cache) ? cache._statements.Count(s => s.Value.Statement is not null) : 0;

    /// <summary>How often SQLite compiled the connection's cached statements again (SQLITE_STMTSTATUS_REPREPARE = 5; for tests).</summary>
    internal static int Reprepared(SqliteConnection connection) =>
        connection.Handle is { } db && Caches.TryGetValue(db, out var cache)
            ? cache._statements.Values.Sum(e => e.Statement is null ? 0 : raw.sqlite3_stmt_status(e.Statement, 5, 0))
            : 0;

    /// <summary>Finalizes every cached statement; only where no connection is in use (the process is exiting).</summary>
    internal static void ReleaseAll()
    {
        foreach (var (_, cache) in Caches)
        {
            cache.Release();
        }
    }

    /// <summary>Finalizes the statements of one open connection that nothing else is using.</summary>
    internal static void Release(SqliteConnection connection)
    {
        if (connection.Handle is { } db && Caches.TryGetValue(db, out var cache))
        {
            cache.Release();
        }
    }

    private void Release()
    {
        foreach (var entry in _statements.Values)
        {
            // One still being read is finalized by its reader's handle when collected; the reader resets it first.
            if (!entry.InUse)
            {
                entry.Statement?.Dispose();
            }
        }

        _statements.Clear();
    }

    // The compiled statement, or null when the text holds more than one (after the first, only blanks may follow).
    private static sqlite3_stmt? Prepare(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement, out string tail);
        SqliteException.ThrowExceptionForRC(rc, db);
        if (!string.IsNullOrWhiteSpace(tail) && tail.AsSpan().Trim().Trim(';').Length > 0)
        {
            statement.Dispose();
            return null;
        }

        return statement;
    }

    private static bool Bind(sqlite3 db, sqlite3_stmt statement, string name, object value, bool strict)
    {
        // A name without its prefix stands for any of the three, as in Microsoft.Data.Sqlite (EF Core's raw SQL: "p0").
        var index = name[0] is '@' or '$' or ':' ? raw.sqlite3_bind_parameter_index(statement, name)
            : Prefixes.Select(prefix => raw.sqlite3_bind_parameter_index(statement, prefix + name)).FirstOrDefault(i => i != 0);
        if (index == 0)
        {
            return strict ? throw new InvalidOperationException($"The SQL text has no parameter {name}.") : false;
        }

        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            string s => raw.sqlite3_bind_text(statement, index, s),
            double d => raw.sqlite3_bind_double(statement, index, d),
            // Microsoft.Data.Sqlite's form (SqliteValueBinder), which is the one EF Core stores.
            DateTime t => raw.sqlite3_bind_text(statement, index, t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            _ => throw new InvalidOperationException($"Values of type {value.GetType()} are not bound here on SQLite."),
        };
        SqliteException.ThrowExceptionForRC(rc, db);
        return true;
    }

    /// <summary>
    /// The values of a Microsoft.Data.Sqlite command's parameters, if <see cref="Bind"/> binds each exactly as
    /// Microsoft.Data.Sqlite would: a plain input value of a type bound here, without a type or size that would make
    /// Microsoft.Data.Sqlite convert or cut it. Otherwise null, and the command runs as it is.
    /// </summary>
    public static List<(string Name, object Value)>? Values(SqliteParameterCollection parameters)
    {
        var values = new List<(string, object)>(parameters.Count);
        foreach (SqliteParameter parameter in parameters)
        {
            var value = parameter.Value;
            var natural = value switch
            {
                null or DBNull => (SqliteType?)parameter.SqliteType,
                int or long or bool => SqliteType.Integer,
                string or DateTime => SqliteType.Text,
                double => SqliteType.Real,
                byte[] => SqliteType.Blob,
                _ => null,
            };
            if (natural is null || parameter.SqliteType != natural || parameter.Direction != System.Data.ParameterDirection.Input
                || parameter.Size != 0 || string.IsNullOrEmpty(parameter.ParameterName))
            {
                return null;
            }

            values.Add((parameter.ParameterName, value ?? DBNull.Value));
        }

        return values;
    }
}
