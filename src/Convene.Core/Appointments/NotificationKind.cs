namespace Convene.Core.Appointments;

/// <summary>The notifications of the seeds' notification panel.</summary>
public enum NotificationKind
{
    NewMeeting,
    MeetingChanged,
    MeetingCancelled,
    InvitationDeclined,

    /// <summary>The meeting has a new organiser (an accepted assignment or an administrator's hand-over).</summary>
    OrganizerChanged,

    /// <summary>A meeting was assigned to the recipient ("Assigned to you"); it stays until answered.</summary>
    Assigned,
}
