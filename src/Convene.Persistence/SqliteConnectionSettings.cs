using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Convene.Persistence;

/// <summary>
/// Per-connection settings of Convene's SQLite connections (docs/adr/0019-sqlite-under-load.md). PRAGMAs other than
/// journal_mode belong to the connection, not the file, so they are set every time a connection is opened (a pooled
/// connection keeps them; setting them again costs microseconds).
/// </summary>
/// <remarks>
/// <c>synchronous=NORMAL</c> in WAL mode: a commit is appended to the WAL without an fsync; the WAL is synced at
/// checkpoints. A committed transaction survives the process being killed (the WAL is in the OS page cache and the
/// next open recovers it); only an operating-system crash or a power loss can lose the last commits, never corrupt the
/// file (https://www.sqlite.org/pragma.html#pragma_synchronous, https://www.sqlite.org/wal.html). FULL syncs the WAL
/// on every commit and is kept available through <c>Database:SqliteSynchronous</c>. <c>busy_timeout</c> lets SQLite
/// itself wait for another process's write lock (the CLI, a backup) instead of failing at once. <c>cache_size=-256</c>
/// (256 KiB instead of SQLite's 2 MiB per connection): under 50 clients the pool holds dozens of connections, and
/// their private page caches were a third of the server's memory; the pages stay in the operating system's cache,
/// and a WAL reader's cache is dropped whenever another connection commits anyway (issue 8: peak memory 270 → 230 MB
/// under the same load, throughput unchanged; docs/adr/0019-sqlite-under-load.md).
/// </remarks>
internal sealed class SqliteConnectionSettings(string synchronous, bool backgroundCheckpoints = false) : DbConnectionInterceptor
{
    // The native connections already configured (a pooled connection keeps its PRAGMAs; the entry goes with it).
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];
    private static readonly object Marker = new();

    // wal_autocheckpoint=0 where SqliteCheckpointer runs: the commit that crossed 1,000 WAL pages used to copy them
    // into the database and fsync it while holding the single writer (issue 8).
    private readonly string _pragmas = $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=30000; PRAGMA cache_size=-256;"
        + (backgroundCheckpoints ? " PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=" + WalSizeLimit + ";" : "");

    // Where SqliteCheckpointer restarts the log, a WAL file that once grew past this (a bulk import, a long reader) is cut
    // back to it by the first commit after the restart (https://www.sqlite.org/pragma.html#pragma_journal_size_limit).
    internal const long WalSizeLimit = 512L * 1024 * 1024;

    public static SqliteConnectionSettings For(string? synchronous, bool backgroundCheckpoints = false) =>
        (synchronous ?? "Normal").ToUpperInvariant() switch
        {
            "NORMAL" => new("NORMAL", backgroundCheckpoints),
            "FULL" => new("FULL", backgroundCheckpoints),
            var other => throw new InvalidOperationException($"Database:SqliteSynchronous '{other}' is not supported; use Normal or Full."),
        };

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>Sets the PRAGMAs on a connection Convene opens itself (not through EF Core).</summary>
    public void Configure(DbConnection connection) => Apply(connection);

    private void Apply(DbConnection connection)
    {
        // Microsoft.Data.Sqlite pools the native connections; EF Core opens and closes one around every query outside a
        // transaction, so without this check a request of four queries prepared and ran the PRAGMAs four times.
        if (connection is SqliteConnection { Handle: { } handle } && !Configured.TryAdd(handle, Marker))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// One writer at a time per SQLite file, queued in the process. SQLite allows a single writer; without this gate the
/// others get SQLITE_BUSY at BEGIN IMMEDIATE, and Microsoft.Data.Sqlite retries them after sleeping, so under 50
/// concurrent writers most of a write's time was spent asleep while the lock was free. Waiting on an async semaphore
/// hands the lock to the next writer as soon as the previous one commits, in arrival order, and frees the thread.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static SemaphoreSlim For(DbConnection connection)
    {
        var file = connection is SqliteConnection sqlite ? sqlite.DataSource : connection.ConnectionString;
        return Gates.GetOrAdd(string.IsNullOrEmpty(file) ? connection.ConnectionString : Path.GetFullPath(file), _ => new SemaphoreSlim(1, 1));
    }
}
