using Convene.Core.Common;
using Convene.Core.Ports;
using Convene.Persistence.Signals;
using Microsoft.EntityFrameworkCore;

namespace Convene.Persistence;

internal sealed class UnitOfWork(ConveneDbContext db, PendingSignals pendingSignals, INotificationSignals signals) : IUnitOfWork
{
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
        var gate = db.Database.IsSqlite() ? SqliteWriteGate.For(db.Database.GetDbConnection()) : null;
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
                db.ChangeTracker.Clear();
                pendingSignals.Clear();
            }

            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request changed the same rows after we read them: nothing of ours is written.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            pendingSignals.Clear();
            return Error.Conflict("appointment.concurrent_update", "Someone else changed this meeting at the same moment; read it again and retry.");
        }
        catch
        {
            db.ChangeTracker.Clear();
            pendingSignals.Clear();
            throw;
        }
    }

    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
