using System.Data.Common;
using Convene.Core.Common;
using Convene.Core.Ports;
using Convene.Persistence.Signals;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Convene.Persistence;

internal sealed class UnitOfWork(ConveneDbContext db, PendingSignals pendingSignals, INotificationSignals signals) : IUnitOfWork
{
    /// <summary>How often a use case runs when the database reports a transient conflict with another transaction (docs/adr/0018).</summary>
    internal const int MaxAttempts = 4;

    public async Task<Result<T>> InTransactionAsync<T>(Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken); // nested use case: part of the caller's transaction
        }

        for (var attempt = 1; ; attempt++)
        {
            // On SQLite this is BEGIN IMMEDIATE: writers queue up front instead of failing to upgrade a read lock.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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
