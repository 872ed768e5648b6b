using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.Core.Ports;

namespace Convene.Core.Notifications;

/// <summary>The viewer's notification panel: list, dismiss ("Got it"), dismiss all ("Clear all").</summary>
public sealed class NotificationService(INotificationStore store, IUnitOfWork unitOfWork)
{
    public Task<IReadOnlyList<Notification>> ListAsync(Viewer viewer, CancellationToken cancellationToken) =>
        store.ListAsync(viewer.AssociateId, cancellationToken);

    /// <summary>The viewer's notifications newer than <paramref name="afterId"/> (for live streams and reconnects).</summary>
    public Task<IReadOnlyList<Notification>> ListAfterAsync(Viewer viewer, int afterId, CancellationToken cancellationToken) =>
        store.ListAfterAsync(viewer.AssociateId, afterId, cancellationToken);

    public Task<Result<Unit>> DismissAsync(Viewer viewer, int id, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<Unit>(async ct =>
            await store.DismissAsync(viewer.AssociateId, id, ct)
                ? Unit.Value
                : Error.NotFound("notification.not_found", "You have no such notification."), cancellationToken);

    public Task<Result<int>> DismissAllAsync(Viewer viewer, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<int>(async ct => await store.DismissAllAsync(viewer.AssociateId, ct), cancellationToken);
}
