namespace Convene.Core.Ports;

/// <summary>A meeting in an associate's diary changed (created, moved, answered, cancelled, ...): ids only, nothing private.</summary>
public readonly record struct DiarySignal(int AssociateId, int MeetingId);

/// <summary>
/// Live delivery of diary changes to whoever listens in this process, whichever server instance made them — the same
/// transport as <see cref="INotificationSignals"/> (PostgreSQL LISTEN/NOTIFY between instances; in-process on SQLite).
/// A diary changes more often than a notification is raised: an invitee's answer, for one, tells the owner nothing
/// in the panel but changes the attendee list he may have open.
/// </summary>
public interface IDiarySignals
{
    /// <summary>Subscribes to one associate's diary changes until the returned handle is disposed.</summary>
    IDisposable Subscribe(int associateId, Action<DiarySignal> onSignal);

    /// <summary>Delivers a signal to this process's subscribers.</summary>
    void Publish(DiarySignal signal);
}
