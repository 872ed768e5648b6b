using Convene.Core.Appointments;

namespace Convene.Core.Ports;

public interface INotificationStore
{
    Task<IReadOnlyList<Notification>> ListAsync(int recipientId, CancellationToken cancellationToken);

    /// <summary>Deletes the recipient's notification; false when there is none with that id for them.</summary>
    Task<bool> DismissAsync(int recipientId, int notificationId, CancellationToken cancellationToken);

    /// <summary>Deletes all of the recipient's notifications; returns how many.</summary>
    Task<int> DismissAllAsync(int recipientId, CancellationToken cancellationToken);
}
