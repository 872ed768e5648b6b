using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Convene.Persistence;

/// <summary>
/// Copies the SQLite write-ahead log into the database file from a background task, a few times a second, instead of
/// inside the commit that happens to cross SQLite's 1,000-page threshold (wal_autocheckpoint, turned off on the
/// server's connections). That commit used to write back a thousand pages and fsync the file while every other writer
/// waited behind it on the single-writer gate (issue 8; docs/adr/0024-sqlite-background-checkpoints.md). PASSIVE: it
/// never waits for readers or the writer, and copies what no reader still needs (https://www.sqlite.org/wal.html#ckpt).
/// Durability is unchanged: a commit is in the WAL either way, and the next open replays a WAL left behind by a crash.
/// It also keeps the query planner's statistics current (<see cref="OptimizeAsync"/>), the other upkeep SQLite leaves
/// to a long-running application.
/// </summary>
internal sealed class SqliteCheckpointer(string connectionString, SqliteConnectionSettings settings, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    // SQLite advises PRAGMA optimize at start and then every few hours; it analyses only tables that lack statistics or
    // have grown or shrunk a lot since, so a check every quarter of an hour costs next to nothing and a database that
    // starts empty gets good plans soon after it fills.
    internal static readonly TimeSpan OptimizeInterval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var sinceOptimize = (TimeSpan?)null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckpointAsync(stoppingToken);
                    if (sinceOptimize is null || sinceOptimize >= OptimizeInterval)
                    {
                        await OptimizeAsync(stoppingToken);
                        sinceOptimize = TimeSpan.Zero;
                    }

                    sinceOptimize += Interval;
                }
                catch (SqliteException e)
                {
                    // The database may be gone (a test's temporary file) or locked by a backup; the next tick retries.
                    logger.LogDebug(e, "WAL checkpoint skipped");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
    }

    internal Task CheckpointAsync(CancellationToken cancellationToken) => PragmaAsync("PRAGMA wal_checkpoint(PASSIVE)", cancellationToken);

    /// <summary>
    /// Gathers the planner's statistics (sqlite_stat1) for every table that lacks them or has changed a lot since
    /// (https://www.sqlite.org/pragma.html#pragma_optimize, 0x10002: all tables, with a bounded sample, so it takes
    /// milliseconds). Without them SQLite's planner guesses from the schema alone; a database the server created had
    /// none until now, unlike the benchmark's, which its generator analyses (issue 8, ADR 0026).
    /// </summary>
    internal Task OptimizeAsync(CancellationToken cancellationToken) => PragmaAsync("PRAGMA optimize=0x10002", cancellationToken);

    // On a connection of its own, set up as the server's are.
    private async Task PragmaAsync(string pragma, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        settings.Configure(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
