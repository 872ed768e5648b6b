using System.Diagnostics;
using Convene.IntegrationTests.Infrastructure;
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
        var checkpointer = App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Convene.Persistence.SqliteCheckpointer>().Single();
        await using var connection = new SqliteConnection($"Data Source={App.DatabasePath};Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "ANALYZE sqlite_schema; DELETE FROM sqlite_stat1";
        await command.ExecuteNonQueryAsync(ct);

        await checkpointer.OptimizeAsync(ct);

        command.CommandText = "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'appointment'";
        Assert.True((long)(await command.ExecuteScalarAsync(ct))! > 0);
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
