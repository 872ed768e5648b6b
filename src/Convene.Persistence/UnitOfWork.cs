using System.Data.Common;
using System.Globalization;
using Convene.Core.Common;
using Convene.Core.Ports;
using Convene.Persistence.Signals;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Convene.Persistence;

internal sealed class UnitOfWork(ConveneDbContext db, PendingSignals pendingSignals, INotificationSignals signals, IDiarySignals diarySignals, ILogger<UnitOfWork>? logger = null) : IUnitOfWork
{
    /// <summary>How often a use case runs when the database reports a transient conflict with another transaction (docs/adr/0018).</summary>
    internal const int MaxAttempts = 4;

    public async Task<Result<T>> InTransactionAsync<T>(Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken); // nested use case: part of the caller's transaction
        }

        // The connection stays open for the rest of the request (the context closes it when the request ends): the
        // answer built after the commit (MeetingService.ViewAfterCommitAsync) reads on it instead of renting a second
        // pooled connection behind the requests still queueing for one (PostgreSQL's pool ran dry under the stress test).
        await db.Database.OpenConnectionAsync(cancellationToken);

        // On SQLite this is BEGIN IMMEDIATE: writers queue up front instead of failing to upgrade a read lock — and
        // they queue in the process, on the file's write gate, rather than in SQLite's sleep-and-retry busy loop.
        var gate = !db.IsPostgres ? SqliteWriteGate.For(db.Database.GetDbConnection()) : null;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            return await InNewTransactionAsync(work, cancellationToken);
        }
        finally
        {
            gate?.Release();
        }
    }

    private async Task<Result<T>> InNewTransactionAsync<T>(Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // On SQLite this is BEGIN IMMEDIATE: writers queue up front instead of failing to upgrade a read lock.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Every failure below rolls the whole transaction back, so EF Core's savepoint around each SaveChanges
            // inside it (two more round trips per save on PostgreSQL) would never be rolled back to (issue 8).
            db.Database.AutoSavepointsEnabled = false;
            try
            {
                var result = await work(cancellationToken);
                if (result.IsSuccess)
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    foreach (var signal in pendingSignals.Take())
                    {
                        signals.Publish(signal);
                    }

                    await PublishDiarySignalsAsync(pendingSignals.TakeDiary());
                }
                else
                {
                    await transaction.RollbackAsync(cancellationToken);
                    Discard();
                }

                return result;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another request changed the same rows after we read them: nothing of ours is written.
                await transaction.RollbackAsync(CancellationToken.None);
                Discard();
                return Error.Conflict("appointment.concurrent_update", "Someone else changed this meeting at the same moment; read it again and retry.");
            }
            catch (Exception e) when (IsTransientConflict(e))
            {
                // Lost a race with another transaction (both inserted the same unique row, a deadlock, a serialisation
                // failure): nothing of ours is written, and the use case runs again in a fresh transaction, where it
                // reads what the other one committed. Use cases have no effects outside their transaction, so a rerun
                // is safe. Never a 500: after the last attempt the client is told to retry (409).
                await transaction.RollbackAsync(CancellationToken.None);
                Discard();
                if (attempt == MaxAttempts)
                {
                    return Error.Conflict("request.concurrent_conflict", "Another request changed the same data at the same moment; retry.");
                }

                await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken); // spread the retries apart
            }
            catch
            {
                Discard();
                throw;
            }
        }
    }

    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>
    /// Diary changes are hints ("reload this"), sent once the write has committed. On PostgreSQL through NOTIFY on the
    /// notification channel, payload <c>diary:&lt;meeting id&gt;:&lt;associate id&gt;,...</c> (three parts, which a listener
    /// that only knows notification payloads ignores), as its own statement after the commit rather than inside the
    /// write: a committing transaction that has notified holds PostgreSQL's cluster-wide notify lock, and every answer
    /// to a meeting would otherwise hold its meeting's row lock that much longer (the stress test under a full suite ran
    /// out of pooled connections). Notifications themselves stay in the transaction (ADR 0010). ADR 0016.
    /// </summary>
    private async Task PublishDiarySignalsAsync(IReadOnlyList<DiarySignal> pending)
    {
        if (pending.Count == 0)
        {
            return;
        }

        if (!db.IsPostgres)
        {
            foreach (var signal in pending)
            {
                diarySignals.Publish(signal);
            }

            return;
        }

        try
        {
            foreach (var meeting in pending.GroupBy(s => s.MeetingId))
            {
                // NOTIFY payloads stop at 8,000 bytes: a meeting with thousands of participants is sent in parts.
                foreach (var part in meeting.Select(s => s.AssociateId).Order().Chunk(500))
                {
                    var payload = string.Create(CultureInfo.InvariantCulture, $"diary:{meeting.Key}:{string.Join(',', part)}");
                    // The write has committed: the request must not fail (or be cancelled) over a hint.
                    await db.Database.ExecuteSqlAsync($"SELECT pg_notify({PostgresNotificationListener.Channel}, {payload})", CancellationToken.None);
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // (no logger where the host registers no logging, e.g. the CLI's local database commands)
            (logger ?? NullLogger<UnitOfWork>.Instance).LogWarning(e, "Diary change signals were not sent; open clients resynchronise on their next reconnect");
        }
    }

    private void Discard()
    {
        db.ChangeTracker.Clear();
        pendingSignals.Clear();
    }

    /// <summary>
    /// A conflict with a concurrent transaction that a rerun resolves: PostgreSQL's unique_violation (23505),
    /// serialization_failure (40001) and deadlock_detected (40P01) (PostgreSQL manual, Appendix A "Error Codes");
    /// SQLite's SQLITE_BUSY/SQLITE_LOCKED and a UNIQUE or PRIMARY KEY constraint (SQLITE_CONSTRAINT_UNIQUE 2067,
    /// SQLITE_CONSTRAINT_PRIMARYKEY 1555). Other constraint failures are bugs and stay exceptions.
    /// </summary>
    internal static bool IsTransientConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                case SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }:
                    return true;
                case DbException:
                    return false;
                default:
                    break;
            }
        }

        return false;
    }
}
