using Convene.Core.Common;

namespace Convene.Core.Ports;

/// <summary>One database transaction around a use case.</summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: committed when it succeeds, rolled back (and every tracked
    /// change discarded) when it returns an error or throws. A failed request changes nothing. When the database reports a
    /// conflict with a concurrent transaction (a unique row both inserted, a deadlock), <paramref name="work"/> runs again
    /// in a fresh transaction (docs/adr/0018): it must have no effect outside the transaction.
    /// </summary>
    Task<Result<T>> InTransactionAsync<T>(Func<CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken);

    /// <summary>Writes pending changes inside the current transaction, so that new rows get their ids.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
