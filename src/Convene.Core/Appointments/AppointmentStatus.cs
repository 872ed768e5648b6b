namespace Convene.Core.Appointments;

/// <summary>The seeds' AppointmentStatus (<c>appointment.status</c>): the per-participant invitation state.</summary>
public enum AppointmentStatus
{
    Unknown = 0,

    /// <summary>Normal open appointment; on a child row it means accepted.</summary>
    NotStarted = 1,
    Started = 2,
    Completed = 3,
    Hidden = 4,

    /// <summary>Invitation, not seen yet (initial state of an associate's child row).</summary>
    Booking = 5,

    /// <summary>Moved after the invitee saw or answered it; a new answer is needed.</summary>
    BookingMoved = 6,

    /// <summary>Seen, not answered.</summary>
    BookingSeen = 7,

    /// <summary>The move was seen, not answered.</summary>
    BookingMovedSeen = 8,
    BookingDeclined = 9,

    /// <summary>The meeting was cancelled (or the invitee removed) after they had seen it.</summary>
    BookingDeleted = 10,
    Assignment = 11,
    AssignmentSeen = 12,
    AssignmentDeclined = 13,
}
