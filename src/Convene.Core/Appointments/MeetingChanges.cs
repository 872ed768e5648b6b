using NodaTime;

namespace Convene.Core.Appointments;

/// <summary>A notification decided by the domain, stored by the persistence layer once the rows have ids.</summary>
public sealed record PendingNotification(int RecipientId, NotificationKind Kind, Appointment Row, string Text);

/// <summary>A history entry decided by the domain, stored once the rows have ids.</summary>
public sealed record PendingHistory(
    HistoryAction Action,
    int ActorId,
    Instant At,
    Participant? Subject,
    AppointmentStatus? FromStatus,
    AppointmentStatus? ToStatus,
    string? Reason,
    string? Details);

/// <summary>Everything one operation on a meeting changed, to be written in one transaction.</summary>
public sealed class MeetingChanges
{
    public List<Appointment> AddedRows { get; } = [];

    public List<Appointment> RemovedRows { get; } = [];

    public List<PendingNotification> Notifications { get; } = [];

    public List<PendingHistory> History { get; } = [];

    /// <summary>Open notifications of these (recipient, row) pairs are answered by this change and go away.</summary>
    public List<(int RecipientId, Appointment Row)> ResolvedNotifications { get; } = [];
}
