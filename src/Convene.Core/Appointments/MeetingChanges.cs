using NodaTime;

namespace Convene.Core.Appointments;

/// <summary>A notification decided by the domain, stored by the persistence layer once the rows have ids.</summary>
public sealed record PendingNotification(int RecipientId, NotificationKind Kind, Appointment Row, string Text);

/// <summary>A history entry decided by the domain, stored once the rows have ids.</summary>
/// <remarks>
/// <see cref="SubjectAssociateId"/> names the associate concerned when the subject row changes hands in the same
/// operation (an assignment moves the master row between diaries); otherwise the row's associate at save time.
/// </remarks>
public sealed record PendingHistory(
    HistoryAction Action,
    int ActorId,
    Instant At,
    Participant? Subject,
    AppointmentStatus? FromStatus,
    AppointmentStatus? ToStatus,
    string? Reason,
    string? Details,
    int? SubjectAssociateId = null);

/// <summary>The iTIP method of a message to an external person (RFC 5546 §1.4).</summary>
public enum ItipMethod
{
    /// <summary>An invitation or a new version of it (RFC 5546 §3.2.2).</summary>
    Request,

    /// <summary>The meeting is cancelled, or the recipient was removed from it (RFC 5546 §3.2.5).</summary>
    Cancel,
}

/// <summary>
/// A message the domain decided an external person gets, with the attendees as they were when it was decided (a
/// CANCEL of the whole meeting names every attendee, RFC 5546 §3.2.5, though their rows are gone afterwards).
/// </summary>
public sealed record PendingItip(ItipMethod Method, Participant Recipient, IReadOnlyList<Participant> Attendees);

/// <summary>Everything one operation on a meeting changed, to be written in one transaction.</summary>
public sealed class MeetingChanges
{
    public List<Appointment> AddedRows { get; } = [];

    public List<Appointment> RemovedRows { get; } = [];

    public List<PendingNotification> Notifications { get; } = [];

    public List<PendingHistory> History { get; } = [];

    /// <summary>Open notifications of these (recipient, row) pairs are answered by this change and go away.</summary>
    public List<(int RecipientId, Appointment Row)> ResolvedNotifications { get; } = [];

    /// <summary>iTIP messages to external persons (written to the e-mail outbox in the same transaction).</summary>
    public List<PendingItip> Itip { get; } = [];

    /// <summary>A significant revision: the meeting's SEQUENCE goes up by one (RFC 5546 §2.1.4).</summary>
    public bool Revised { get; set; }

    /// <summary>The meeting has a new owner: the iCalendar ORGANIZER changes (issue 9).</summary>
    public bool OrganizerChanged { get; set; }
}
