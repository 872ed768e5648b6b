namespace Convene.Core.Ports;

/// <summary>A new notification for an associate: enough to fetch it, nothing private.</summary>
public readonly record struct NotificationSignal(int RecipientId, int NotificationId);

/// <summary>
/// Live delivery of new notifications to whoever listens in this process, whichever server instance created them
/// (PostgreSQL LISTEN/NOTIFY between instances; in-process on SQLite, which has one instance).
/// </summary>
public interface INotificationSignals
{
    /// <summary>Subscribes to one associate's signals until the returned handle is disposed.</summary>
    IDisposable Subscribe(int recipientId, Action<NotificationSignal> onSignal);

    /// <summary>Delivers a signal to this process's subscribers.</summary>
    void Publish(NotificationSignal signal);
}
