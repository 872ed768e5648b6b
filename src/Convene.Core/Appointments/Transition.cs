namespace Convene.Core.Appointments;

/// <summary>The (type, status) pair of one row.</summary>
public readonly record struct RowState(AppointmentType Type, AppointmentStatus Status);

/// <summary>What a transition does to the row itself.</summary>
public enum RowEffect
{
    Unchanged,
    Updated,
    Deleted,
}

/// <summary>The notification a transition causes.</summary>
public enum TransitionNotice
{
    None,

    /// <summary>The meeting's owner learns that this invitee declined.</summary>
    InvitationDeclinedToOwner,

    /// <summary>This participant learns that the meeting moved and needs a new answer.</summary>
    MeetingChanged,

    /// <summary>This participant learns that the meeting is cancelled for them.</summary>
    MeetingCancelled,

    /// <summary>The new associate learns the meeting was assigned to them ("Assigned to you").</summary>
    AssignedToNewOwner,

    /// <summary>The assigner learns the assignee declined (an "Invitation declined" with the reason).</summary>
    AssignmentDeclinedToAssigner,

    /// <summary>Every participant learns the meeting has a new organiser.</summary>
    OrganizerChanged,
}

/// <summary>The result of applying one <see cref="InvitationAction"/> to one row.</summary>
/// <param name="Effect">Whether the row stays, changes or goes.</param>
/// <param name="To">The row's state afterwards (equal to the state before unless <see cref="RowEffect.Updated"/>).</param>
/// <param name="CountsAsDecline">The master's <c>reject_counter</c> goes up by one.</param>
/// <param name="Notice">The notification this transition causes.</param>
public readonly record struct Transition(RowEffect Effect, RowState To, bool CountsAsDecline, TransitionNotice Notice)
{
    public static Transition Unchanged(RowState state, TransitionNotice notice = TransitionNotice.None) =>
        new(RowEffect.Unchanged, state, false, notice);

    public static Transition Deleted(RowState state) => new(RowEffect.Deleted, state, false, TransitionNotice.None);

    public static Transition Update(RowState state, TransitionNotice notice = TransitionNotice.None, bool countsAsDecline = false) =>
        new(RowEffect.Updated, state, countsAsDecline, notice);
}
