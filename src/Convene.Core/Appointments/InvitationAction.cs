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
}
