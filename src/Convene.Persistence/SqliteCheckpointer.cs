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
internal sealed class SqliteCheckpointer(
    string connectionString,
    SqliteConnectionSettings settings,
    ILogger<SqliteCheckpointer> logger,
    long restartFrames = SqliteCheckpointer.DefaultRestartFrames) : BackgroundService
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

    /// <summary>
    /// The WAL length (in frames: <see cref="SqliteConnectionSettings.WalSizeLimit"/>, 512 MiB, of 4 KiB pages) past
    /// which a checkpoint also starts the log over. Not lower: finishing the log stops every writer for one fsync of the
    /// database file, which took 15–90 ms here under load (issue 8: restarting at 64 MiB raised the load benchmark's
    /// p99 by about a third). At 512 MiB the mix pays it about every 20 s.
    /// </summary>
    internal const long DefaultRestartFrames = SqliteConnectionSettings.WalSizeLimit / 4096;

    // How long the restart may wait, holding the write gate, for readers still on frames of the old log; a reader is a
    // millisecond or two. If one takes longer (a backup, an export), the restart waits for a later tick.
    private const string RestartWait = "PRAGMA busy_timeout=20";

    /// <summary>
    /// Copies the log into the database file and, once the log is long, starts it over. SQLite appends to the WAL until
    /// a writer finds every frame copied and no reader on them (https://www.sqlite.org/wal.html#avoiding_excessively_large_wal_files);
    /// with writes arriving all the time and PASSIVE checkpoints running beside them that never happened: under the load
    /// benchmark the WAL grew by 26–64 MB/s without end (1.4 GB after 45 s of creates). So a long log is finished inside
    /// the write gate, where no commit can add to it: RESTART copies its last frames and waits (briefly) for the readers
    /// still on them, and the next writer starts the log from its beginning, overwriting the file in place; the commit
    /// after that cuts a longer file back to <see cref="SqliteConnectionSettings.WalSizeLimit"/> (issue 8, ADR 0024).
    /// </summary>
    internal async Task<WalCheckpoint> CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var passive = await WalCheckpointAsync(connection, "PRAGMA wal_checkpoint(PASSIVE)", cancellationToken);
        if (passive.LogFrames < restartFrames)
        {
            return passive;
        }

        var gate = SqliteWriteGate.For(connection);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, RestartWait, cancellationToken);
            return await WalCheckpointAsync(connection, "PRAGMA wal_checkpoint(RESTART)", cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Gathers the planner's statistics (sqlite_stat1) for every table that lacks them or has changed a lot since
    /// (https://www.sqlite.org/pragma.html#pragma_optimize, 0x10002: all tables, with a bounded sample, so it takes
    /// milliseconds). Without them SQLite's planner guesses from the schema alone; a database the server created had
    /// none until now, unlike the benchmark's, which its generator analyses (issue 8, ADR 0026).
    /// </summary>
    internal async Task OptimizeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA optimize=0x10002", cancellationToken);
    }

    // A connection of its own, set up as the server's are. Not pooled: the restart changes its busy timeout.
    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        settings.Configure(connection);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // https://www.sqlite.org/pragma.html#pragma_wal_checkpoint: one row (busy, log frames, checkpointed frames); the
    // last is not needed.
    private static async Task<WalCheckpoint> WalCheckpointAsync(SqliteConnection connection, string pragma, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new WalCheckpoint(reader.GetInt64(0) != 0, reader.GetInt64(1))
            : new WalCheckpoint(false, 0);
    }
}

/// <summary>What a WAL checkpoint did: whether it was blocked from finishing, and the log's length in frames.</summary>
internal readonly record struct WalCheckpoint(bool Busy, long LogFrames);
