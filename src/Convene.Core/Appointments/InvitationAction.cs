namespace Convene.Core.Appointments;

/// <summary>Everything that can happen to one participant's row of a meeting.</summary>
public enum InvitationAction
{
    /// <summary>The invitee opened the invitation without answering.</summary>
    MarkSeen,
    Accept,
    Decline,

    /// <summary>The invitee deletes the meeting from their own diary (counts as a decline).</summary>
    RemoveFromOwnDiary,

    /// <summary>The owner changed the start or end.</summary>
    Move,

    /// <summary>The owner cancelled the meeting.</summary>
    Cancel,

    /// <summary>The owner removed this participant.</summary>
    RemoveParticipant,

    /// <summary>An external person accepts: an iTIP REPLY with PARTSTAT=ACCEPTED (RFC 5546 §3.2.3) or the RSVP link.</summary>
    ExternalAccept,

    /// <summary>An external person declines: an iTIP REPLY with PARTSTAT=DECLINED or the RSVP link.</summary>
    ExternalDecline,

    /// <summary>The owner places their master row in another associate's diary (status 11; superoffice-domain.md §5.10).</summary>
    Assign,

    /// <summary>The assigner takes a pending assignment (11, 12) back before it is answered.</summary>
    TakeBackAssignment,

    /// <summary>A declined assignment (13) goes back to the assigner's diary as an ordinary owned row (1).</summary>
    ReturnAssignment,

    /// <summary>An administrator hands the meeting to a new owner at once (reassign-meetings, no answer needed).</summary>
    HandOver,
}
