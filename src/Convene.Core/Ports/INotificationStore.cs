using Convene.Core.Appointments;

namespace Convene.Core.Ports;

public interface INotificationStore
{
    Task<IReadOnlyList<Notification>> ListAsync(int recipientId, CancellationToken cancellationToken);

    /// <summary>The recipient's notifications with an id above <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<Notification>> ListAfterAsync(int recipientId, int afterId, CancellationToken cancellationToken);

    /// <summary>Deletes the recipient's notification; false when there is none with that id for them.</summary>
    Task<bool> DismissAsync(int recipientId, int notificationId, CancellationToken cancellationToken);

    /// <summary>Deletes all of the recipient's notifications; returns how many.</summary>
    Task<int> DismissAllAsync(int recipientId, CancellationToken cancellationToken);
}
