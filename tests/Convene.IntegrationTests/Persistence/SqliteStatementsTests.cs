using System.Data.Common;
using Convene.Persistence;
using Convene.Persistence.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.IntegrationTests.Persistence;

/// <summary>
/// On SQLite, AdoQuery's reads and EF Core's commands run on statements compiled once per pooled connection
/// (SqliteStatements, SqliteStatementInterceptor). They must read, bind and execute exactly as Microsoft.Data.Sqlite
/// does, see the request's transaction, never keep a read transaction open, and not be expired by the pool.
/// </summary>
public sealed class SqliteStatementsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("convene-statements-").FullName;
    private readonly string _connectionString;

    public SqliteStatementsTests()
    {
        _connectionString = $"Data Source={Path.Combine(_folder, "s.db")}";
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE item (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, big INTEGER, name TEXT, note TEXT, price REAL, at TEXT, flag INTEGER);
            INSERT INTO item VALUES (1, 7, 9007199254740993, 'één', NULL, 2.5, '2027-01-04 12:00:00', 1);
            INSERT INTO item VALUES (2, -3, NULL, '<b>x</b>', 'note', -0.125, '2027-01-04 12:00:00.1234567', 0);
            INSERT INTO item VALUES (3, 0, 0, '', '', 0, '2024-02-29 23:59:59.5', 1);
            """;
        command.ExecuteNonQuery();
    }

    private ConveneDbContext NewContext() =>
        new(new DbContextOptionsBuilder<ConveneDbContext>().UseSqlite(_connectionString).Options);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Configured as the server configures it (ServiceCollectionExtensions.AddConvene).
    private ConveneDbContext NewAppContext()
    {
        var options = new DbContextOptionsBuilder<ConveneDbContext>();
        ServiceCollectionExtensions.UseSqlite(options, _connectionString, SqliteConnectionSettings.For(null));
        return new ConveneDbContext(options.Options);
    }

    [Fact]
    public async Task EfCoreQueries_RunOnCachedStatements_ThatThePoolDoesNotExpire()
    {
        await using var db = NewAppContext();

        // EF Core opens and closes the connection around each query; Microsoft.Data.Sqlite deletes the functions a
        // connection registered when it goes back to the pool, which would expire its statements.
        for (var id = 1; id <= 3; id++)
        {
            var n = await db.Database.SqlQueryRaw<long>("SELECT n AS Value FROM item WHERE id = {0}", id).ToListAsync(Ct);
            Assert.Single(n);
        }

        await db.Database.OpenConnectionAsync(Ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        Assert.Equal(1, SqliteStatements.CountOn(connection)); // one statement for the three ids
        Assert.Equal(0, SqliteStatements.Reprepared(connection));
        var missing = await Assert.ThrowsAsync<SqliteException>(() => db.Database.SqlQueryRaw<long>("SELECT ef_mod(5, 3) AS Value").ToListAsync(Ct));
        Assert.Contains("no such function", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EfCoreWrites_ThroughCachedStatements_CountTheirRows_AndTextsOfSeveralStatementsRunAsTheyAre()
    {
        await using var db = NewAppContext();

        Assert.Equal(2, await db.Database.ExecuteSqlRawAsync("UPDATE item SET n = n + 1 WHERE id IN ({0}, {1})", [1, 2], Ct));
        Assert.Equal(4, await db.Database.ExecuteSqlRawAsync("UPDATE item SET note = 'a'; UPDATE item SET note = 'b' WHERE id = 3", Ct)); // 3 + 1
        Assert.Equal(-1, await db.Database.ExecuteSqlRawAsync("SELECT 1", Ct)); // a query changes nothing

        var rows = await AdoQuery.ListAsync(db, "SELECT n, note FROM item ORDER BY id", [], r => $"{r.GetInt32(0)}:{r.GetString(1)}", Ct);
        Assert.Equal(["8:a", "-2:a", "0:b"], rows);
    }

    [Fact]
    public async Task AStatementOpenedAndNotRead_IsExecutedLikeMicrosoftDataSqlitesExecuteReader()
    {
        await using var db = NewContext();
        await db.Database.OpenConnectionAsync(Ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();

        using (SqliteStatements.TryOpen(connection, "UPDATE item SET n = 42 WHERE id = @id", [("@id", 3)], strict: true))
        {
            // nothing read: the write is done when the reader opens, as Microsoft.Data.Sqlite's ExecuteReader does
        }

        Assert.Equal([42], await AdoQuery.ListAsync(db, "SELECT n FROM item WHERE id = 3", [], r => r.GetInt32(0), Ct));
    }

    [Fact]
    public async Task TheSameTextWhileItsReaderIsOpen_GetsAStatementOfItsOwn()
    {
        await using var db = NewContext();
        await db.Database.OpenConnectionAsync(Ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        const string sql = "SELECT id FROM item WHERE id >= @id ORDER BY id";

        using var outer = SqliteStatements.TryOpen(connection, sql, [("@id", 1)], strict: true)!;
        Assert.True(outer.Read());
        var inner = SqliteStatements.List(connection, sql, [("@id", 3)], r => r.GetInt32(0));

        Assert.Equal([3], inner);
        Assert.Equal(1, outer.GetInt32(0));
        Assert.True(outer.Read());
        Assert.Equal(2, outer.GetInt32(0)); // the outer statement was neither reset nor rebound by the inner use
    }

    [Fact]
    public async Task ListAsync_OnPooledConnections_CompilesEachStatementOnce()
    {
        await using var db = NewContext();

        // EF Core opens and closes the connection around each query; the pool keeps the native connection.
        var first = await AdoQuery.ListAsync(db, "SELECT name FROM item WHERE id = @id", [("@id", 1)], r => r.GetString(0), Ct);
        var second = await AdoQuery.ListAsync(db, "SELECT name FROM item WHERE id = @id", [("@id", 2)], r => r.GetString(0), Ct);

        Assert.Equal(["één"], first);
        Assert.Equal(["<b>x</b>"], second);
        await db.Database.OpenConnectionAsync(Ct);
        Assert.Equal(1, SqliteStatements.CountOn((SqliteConnection)db.Database.GetDbConnection()));
    }

    [Fact]
    public async Task ListAsync_ReadsEveryValue_AsMicrosoftDataSqliteReadsIt()
    {
        const string sql = "SELECT id, n, big, name, note, price, at, flag FROM item ORDER BY id";
        await using var db = NewContext();

        var ours = await AdoQuery.ListAsync(db, sql, [], Describe, Ct);

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var theirs = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            theirs.Add(Describe(reader));
        }

        Assert.Equal(3, ours.Count);
        Assert.Equal(theirs, ours);
    }

    // Every accessor the stores use, and the untyped ones, as one comparable line per row.
    private static string Describe(DbDataReader r)
    {
        var values = new object[r.FieldCount];
        r.GetValues(values);
        return string.Join(
            " | ",
            string.Join(",", values.Select(v => $"{v.GetType().Name}:{v}")),
            r.GetInt32(1),
            r.IsDBNull(2) ? "null" : r.GetInt64(2),
            r.GetString(3),
            r.GetNullableString(4) ?? "null",
            r.GetDouble(5),
            r.GetDateTime(6).ToString("O"),
            r.GetInstant(6),
            r.GetBoolean(7),
            r.GetName(3),
            r.GetOrdinal("PRICE"),
            r.GetFieldType(5).Name);
    }

    [Fact]
    public async Task ListAsync_BindsValues_AsMicrosoftDataSqliteBindsThem()
    {
        const string sql = "SELECT @i, typeof(@i), @l, @s, @b, typeof(@b), @d, @t, @whole, @n, typeof(@n), @bytes";
        (string, object)[] parameters =
        [
            ("@i", 42), ("@l", long.MaxValue), ("@s", "d'Artagnan; DROP TABLE item"), ("@b", true), ("@d", 0.1),
            ("@t", new DateTime(2027, 1, 4, 12, 0, 0, DateTimeKind.Utc).AddTicks(1_234_500)),
            ("@whole", new DateTime(2027, 1, 4, 12, 0, 0, DateTimeKind.Utc)), ("@n", DBNull.Value), ("@bytes", new byte[] { 0, 1, 255 }),
        ];
        await using var db = NewContext();

        var ours = await AdoQuery.ListAsync(db, sql, parameters, Values, Ct);

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        AdoQuery.Bind(command.Parameters, command.CreateParameter, parameters);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(Values(reader), Assert.Single(ours));
        // Instants as EF Core stores them: trailing zeros of the fraction dropped, no fraction for whole seconds.
        Assert.Contains("String:2027-01-04 12:00:00.12345,String:2027-01-04 12:00:00,", Assert.Single(ours), StringComparison.Ordinal);
    }

    private static string Values(DbDataReader r)
    {
        var values = new object[r.FieldCount];
        r.GetValues(values);
        return string.Join(",", values.Select(v => v is byte[] b ? Convert.ToHexString(b) : $"{v.GetType().Name}:{v}"));
    }

    [Fact]
    public async Task ListAsync_InATransaction_SeesItsUncommittedRows()
    {
        await using var db = NewContext();
        await using (var tx = await db.Database.BeginTransactionAsync(Ct))
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO item (id, n) VALUES (4, 4)", Ct);
            Assert.Equal(4, await CountAsync(db));
            await tx.RollbackAsync(Ct);
        }

        Assert.Equal(3, await CountAsync(db));
    }

    private static async Task<long> CountAsync(ConveneDbContext db) =>
        (await AdoQuery.ListAsync(db, "SELECT count(*) FROM item", [], r => r.GetInt64(0), Ct))[0];

    [Fact]
    public async Task ListAsync_WhenReadingARowFails_LeavesNoReadTransactionOpen()
    {
        await using var db = NewContext();
        await db.Database.OpenConnectionAsync(Ct); // the native connection stays with this context

        await Assert.ThrowsAsync<FormatException>(() => AdoQuery.ListAsync<int>(db, "SELECT id FROM item ORDER BY id", [], _ => throw new FormatException("bad row"), Ct));

        // A statement left on its first row would hold its snapshot: a write and a full checkpoint elsewhere succeed.
        await using var other = new SqliteConnection(_connectionString);
        await other.OpenAsync(Ct);
        await using var command = other.CreateCommand();
        command.CommandText = "INSERT INTO item (id, n) VALUES (5, 5); PRAGMA wal_checkpoint(TRUNCATE);";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(0L, reader.GetInt64(0)); // busy = 0: no reader held the log
        Assert.Equal(4, await CountAsync(db));
    }

    [Fact]
    public async Task ListAsync_WithMoreStatementTextsThanTheCapacity_KeepsTheCacheBounded()
    {
        await using var db = NewContext();
        await db.Database.OpenConnectionAsync(Ct);

        for (var i = 0; i < SqliteStatements.Capacity + 10; i++)
        {
            var values = await AdoQuery.ListAsync(db, $"SELECT n + {i} FROM item WHERE id = @id", [("@id", 1)], r => r.GetInt32(0), Ct);
            Assert.Equal([7 + i], values);
        }

        Assert.InRange(SqliteStatements.CountOn((SqliteConnection)db.Database.GetDbConnection()), 1, SqliteStatements.Capacity);
    }

    [Fact]
    public async Task Release_FinalizesTheStatements_AndTheNextQueryCompilesAgain()
    {
        await using var db = NewContext();
        await db.Database.OpenConnectionAsync(Ct);
        Assert.Equal(3, await CountAsync(db));

        // (ReleaseAll does this for every connection as the process exits; here only for this test's own connection.)
        SqliteStatements.Release((SqliteConnection)db.Database.GetDbConnection());

        Assert.Equal(0, SqliteStatements.CountOn((SqliteConnection)db.Database.GetDbConnection()));
        Assert.Equal(3, await CountAsync(db));
    }

    [Fact]
    public async Task ListAsync_WithBadSql_FailsAndCachesNothing()
    {
        await using var db = NewContext();
        await db.Database.OpenConnectionAsync(Ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();

        await Assert.ThrowsAsync<SqliteException>(() => AdoQuery.ListAsync(db, "SELEC id FROM item", [], r => r.GetInt32(0), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => AdoQuery.ListAsync(db, "SELECT 1; SELECT 2", [], r => r.GetInt32(0), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => AdoQuery.ListAsync(db, "SELECT id FROM item WHERE id = @id", [("@other", 1)], r => r.GetInt32(0), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => AdoQuery.ListAsync(db, "SELECT @x", [("@x", Instant.MinValue)], r => r.GetInt32(0), Ct));

        Assert.Equal(2, SqliteStatements.CountOn(connection)); // the two well-formed ones; the failed binds left them reset
        Assert.Equal(3, await CountAsync(db));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
    }
}
