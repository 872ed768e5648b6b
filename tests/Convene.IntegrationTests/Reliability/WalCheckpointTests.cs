using System.Diagnostics;
using Convene.IntegrationTests.Infrastructure;
using Convene.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Convene.IntegrationTests.Reliability;

/// <summary>
/// The server checkpoints SQLite's write-ahead log in the background (docs/adr/0024-sqlite-background-checkpoints.md):
/// commits no longer copy the log into the database file themselves, yet what they wrote reaches the file within a
/// moment — without the thousand pages SQLite's own automatic checkpoint waits for.
/// </summary>
public sealed class WalCheckpointTests(ConveneApp app) : ApiTestBase(app), IClassFixture<ConveneApp>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "convene-tests", "wal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Meetings_ReachTheDatabaseFile_ThroughTheBackgroundCheckpoint()
    {
        var meetings = await MeetingFlows.RunAsync(App);
        Assert.NotEmpty(meetings);

        // The database file alone (without its -wal) holds exactly what has been checkpointed. A copy taken while a
        // checkpoint writes may be torn: it is taken again.
        Directory.CreateDirectory(_folder);
        var clock = Stopwatch.StartNew();
        var found = 0;
        for (var attempt = 0; found < meetings.Count && clock.Elapsed < TimeSpan.FromSeconds(20); attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            var copy = Path.Combine(_folder, $"copy-{attempt}.db");
            File.Copy(App.DatabasePath, copy);
            try
            {
                found = await CountMastersAsync(copy, meetings);
            }
            catch (SqliteException)
            {
                found = 0; // torn copy
            }
        }

        Assert.Equal(meetings.Count, found);
    }

    [Fact]
    public async Task ServerConnections_LeaveCheckpointsToTheBackground()
    {
        // What every connection the server opens is set to (the same interceptor configures them all).
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Convene.Persistence.ConveneDbContext>();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
        await db.Database.CloseConnectionAsync();
    }

    [Fact]
    public async Task Background_GathersThePlannersStatistics_ForTablesWithout()
    {
        var ct = TestContext.Current.CancellationToken;
        await MeetingFlows.RunAsync(App);
        var checkpointer = App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SqliteCheckpointer>().Single();
        await using var connection = new SqliteConnection($"Data Source={App.DatabasePath};Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "ANALYZE sqlite_schema; DELETE FROM sqlite_stat1";
        await command.ExecuteNonQueryAsync(ct);

        await checkpointer.OptimizeAsync(ct);

        command.CommandText = "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'appointment'";
        Assert.True((long)(await command.ExecuteScalarAsync(ct))! > 0);
    }

    [Fact]
    public async Task Checkpoint_OfALongLog_StartsItOver_WhileWritesKeepComing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (connectionString, settings) = await NewWalDatabaseAsync();
        var checkpointer = NewCheckpointer(connectionString, settings, restartFrames: 50);

        // One writer committing without pause, through the write gate as the server's writers do: the log never drains,
        // so SQLite alone would append to it for as long as the writes go on.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var commits = 0;
        var writer = Task.Run(
            async () =>
            {
                await using var connection = await OpenAsync(connectionString, settings);
                var gate = SqliteWriteGate.For(connection);
                while (!stop.IsCancellationRequested)
                {
                    await gate.WaitAsync(CancellationToken.None);
                    try
                    {
                        await ExecuteAsync(connection, "INSERT INTO t (v) VALUES (randomblob(3000))");
                    }
                    finally
                    {
                        gate.Release();
                    }

                    Interlocked.Increment(ref commits);
                }
            },
            ct);

        // Left alone, the log only grows (every commit appends a frame or more); started over, a later checkpoint finds
        // it shorter than an earlier one did. (How much shorter depends on how fast the machine fsyncs.)
        var previous = 0L;
        var restarted = 0;
        var shrank = 0;
        var ticks = 0;
        for (; ticks < 60 || commits < 1_000; ticks++)
        {
            await Task.Delay(20, ct);
            var checkpoint = await checkpointer.CheckpointAsync(ct);
            restarted += checkpoint.LogFrames >= 50 && !checkpoint.Busy ? 1 : 0;
            shrank += checkpoint.LogFrames < previous ? 1 : 0;
            previous = checkpoint.LogFrames;
        }

        await stop.CancelAsync();
        await writer;

        Assert.True(restarted > 0, "no restart");
        // Started over, the log is shorter than at the tick before about every other tick; left to SQLite, a pause long
        // enough for the writer to find every frame copied is rare (measured: 28–30 of 60 against 0 of 60, three times).
        Assert.True(shrank >= ticks / 6, $"the log got shorter {shrank} times in {ticks} checkpoints ({commits} commits, {restarted} restarts)");
    }

    [Fact]
    public async Task Checkpoint_LeavesTheLogAsItIs_WhileAReaderStillNeedsIt_AndFreesTheWriteGate()
    {
        var ct = TestContext.Current.CancellationToken;
        var (connectionString, settings) = await NewWalDatabaseAsync();
        var checkpointer = NewCheckpointer(connectionString, settings, restartFrames: 50);
        await using var reader = await OpenAsync(connectionString, settings);
        await using var writer = await OpenAsync(connectionString, settings);
        await ExecuteAsync(writer, "INSERT INTO t (v) VALUES (randomblob(3000))");

        // A reader in the middle of a transaction on the current log (an export, a backup).
        await using var transaction = reader.BeginTransaction(deferred: true);
        await ExecuteAsync(reader, "SELECT COUNT(*) FROM t");
        for (var i = 0; i < 100; i++)
        {
            await ExecuteAsync(writer, "INSERT INTO t (v) VALUES (randomblob(3000))");
        }

        var checkpoint = await checkpointer.CheckpointAsync(ct);

        Assert.True(checkpoint.Busy);
        Assert.True(checkpoint.LogFrames >= 100);
        Assert.Equal(1, SqliteWriteGate.For(writer).CurrentCount);
        await ExecuteAsync(writer, "INSERT INTO t (v) VALUES ('after')");
    }

    private async Task<(string ConnectionString, SqliteConnectionSettings Settings)> NewWalDatabaseAsync()
    {
        Directory.CreateDirectory(_folder);
        var connectionString = $"Data Source={Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db")}";
        var settings = SqliteConnectionSettings.For("Normal", backgroundCheckpoints: true);
        await using var connection = await OpenAsync(connectionString, settings);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)");
        return (connectionString, settings);
    }

    private static SqliteCheckpointer NewCheckpointer(string connectionString, SqliteConnectionSettings settings, long restartFrames) =>
        new(connectionString, settings, Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteCheckpointer>.Instance, restartFrames);

    private static async Task<SqliteConnection> OpenAsync(string connectionString, SqliteConnectionSettings settings)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        settings.Configure(connection);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> CountMastersAsync(string file, IReadOnlyList<int> ids)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        var found = 0;
        foreach (var id in ids)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM appointment WHERE appointment_id = $id";
            command.Parameters.AddWithValue("$id", id);
            found += (long)(await command.ExecuteScalarAsync())! > 0 ? 1 : 0;
        }

        return found;
    }
}
