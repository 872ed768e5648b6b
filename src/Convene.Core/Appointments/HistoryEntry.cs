using NodaTime;

namespace Convene.Core.Appointments;

/// <summary>One recorded change to a meeting or one answer: who, when, what, from which status to which, why.</summary>
public sealed class HistoryEntry
{
    private HistoryEntry()
    {
    }

    public long Id { get; private set; }

    /// <summary>The meeting (master id); kept after the master row is deleted.</summary>
    public int MotherId { get; private set; }

    /// <summary>The participant row concerned, if any (not a foreign key: rows may be deleted later).</summary>
    public int? AppointmentId { get; private set; }

    public int ActorId { get; private set; }

    public Instant At { get; private set; }

    public HistoryAction Action { get; private set; }

    public int? SubjectAssociateId { get; private set; }

    public int? SubjectPersonId { get; private set; }

    public AppointmentStatus? FromStatus { get; private set; }

    public AppointmentStatus? ToStatus { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>Human-readable description of what changed (old and new values).</summary>
    public string? Details { get; private set; }

    public static HistoryEntry Create(
        int motherId,
        int? appointmentId,
        int actorId,
        Instant at,
        HistoryAction action,
        int? subjectAssociateId,
        int? subjectPersonId,
        AppointmentStatus? fromStatus,
        AppointmentStatus? toStatus,
        string? reason,
        string? details) => new()
        {
            MotherId = motherId,
            AppointmentId = appointmentId,
            ActorId = actorId,
            At = at,
            Action = action,
            SubjectAssociateId = subjectAssociateId,
            SubjectPersonId = subjectPersonId,
            FromStatus = fromStatus,
            ToStatus = toStatus,
            Reason = reason,
            Details = details,
        };
}
