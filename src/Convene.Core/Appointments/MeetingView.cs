using Convene.Core.Scheduling;
using NodaTime;

namespace Convene.Core.Appointments;

/// <summary>A participant as the API shows it.</summary>
public sealed record ParticipantView(
    int RowId,
    ParticipantKind Kind,
    int? AssociateId,
    int? PersonId,
    string Name,
    string Status,
    int StatusCode,
    string? RejectReason,
    bool Conflict,
    bool Active);

/// <summary>A meeting as the API shows it to someone allowed to see its details.</summary>
public sealed record MeetingView(
    int Id,
    int OwnerId,
    string OwnerName,
    string Title,
    string Description,
    string? Location,
    Instant Start,
    Instant End,
    bool Private,
    bool Free,
    int? ContactId,
    int? PersonId,
    int RejectCounter,
    bool Cancelled,
    bool HasConflict,
    string ConcurrencyStamp,
    int Revision,
    IReadOnlyList<ParticipantView> Participants)
{
    /// <summary>When a participant has a conflict: the first slot of the same length, after the start, where all are free.</summary>
    public TimeRange? FirstAvailable { get; init; }

    /// <summary>Travel time before the start and after the end.</summary>
    public Duration LeadTime { get; init; }

    public Duration LagTime { get; init; }

    /// <summary>For an occurrence of a series (issue 7): the rule, its zone and this occurrence's original start.</summary>
    public Series.SeriesInfo? Series { get; init; }

    /// <summary>On creating or validating a series: every date with its conflicts (the seeds' ValidateDays).</summary>
    public IReadOnlyList<Series.OccurrenceView>? Occurrences { get; init; }
}

/// <summary>One recorded change, as shown to participants.</summary>
public sealed record HistoryView(
    Instant At,
    int ActorId,
    string ActorName,
    HistoryAction Action,
    int? RowId,
    int? SubjectAssociateId,
    int? SubjectPersonId,
    string? SubjectName,
    int? FromStatus,
    int? ToStatus,
    string? Reason,
    string? Details);

/// <summary>The API's names for a row's status (PRODUCT.md §4).</summary>
public static class StatusNames
{
    public static string For(ParticipantKind kind, AppointmentStatus status) =>
        kind == ParticipantKind.Owner && status is not (AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen) ? "Owner" : For(status);

    public static string For(AppointmentStatus status) => status switch
    {
        AppointmentStatus.NotStarted => "Accepted",
        AppointmentStatus.Booking => "NotSeen",
        AppointmentStatus.BookingMoved => "Moved",
        AppointmentStatus.BookingSeen => "Seen",
        AppointmentStatus.BookingMovedSeen => "MovedSeen",
        AppointmentStatus.BookingDeclined => "Declined",
        AppointmentStatus.BookingDeleted => "Cancelled",
        AppointmentStatus.Unknown => "Unknown",
        AppointmentStatus.Started => "Started",
        AppointmentStatus.Completed => "Completed",
        AppointmentStatus.Hidden => "Hidden",
        AppointmentStatus.Assignment => "Assigned",
        AppointmentStatus.AssignmentSeen => "AssignmentSeen",
        AppointmentStatus.AssignmentDeclined => "AssignmentDeclined",
    };
}
