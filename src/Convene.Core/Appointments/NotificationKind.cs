namespace Convene.Core.Appointments;

/// <summary>The notifications of the seeds' notification panel.</summary>
public enum NotificationKind
{
    NewMeeting,
    MeetingChanged,
    MeetingCancelled,
    InvitationDeclined,
}
