using Convene.Core.Common;

namespace Convene.Core.Appointments;

/// <summary>
/// The invitation lifecycle: every change of a participant row's (type, status), in one place.
/// </summary>
/// <remarks>
/// Implements PRODUCT.md §3 (the decisions on what the seeds leave open) over the seeds' status codes
/// (superoffice-domain.md §5.11). Pure: the caller applies the returned <see cref="Transition"/>.
/// Repeating an answer that is already given (accept when accepted, decline when declined) is an idempotent success
/// with no effect — a documented rule, so that retried requests are safe. Everything else that is not listed is a
/// typed <see cref="InvitationErrors.InvalidTransition"/>.
/// </remarks>
public static class InvitationStateMachine
{
    public static Result<Transition> Apply(ParticipantKind kind, RowState state, InvitationAction action) => kind switch
    {
        ParticipantKind.Associate => ApplyToInvitee(state, action),
        ParticipantKind.Owner => ApplyToOwner(state, action),
        ParticipantKind.Resource => ApplyToAutoAccepted(kind, state, action),
        ParticipantKind.Person => ApplyToExternalPerson(state, action),
    };

    private static Result<Transition> ApplyToInvitee(RowState state, InvitationAction action) => action switch
    {
        InvitationAction.MarkSeen => MarkSeen(state),
        InvitationAction.Accept => Accept(state),
        InvitationAction.Decline => Decline(state, action),
        InvitationAction.RemoveFromOwnDiary => state.Status == AppointmentStatus.BookingDeleted
            ? Transition.Deleted(state) // the invitee clears a cancelled meeting ("Got it")
            : Decline(state, action),
        InvitationAction.Move => Move(state),
        InvitationAction.Cancel => CancelForInvitee(state),
        InvitationAction.RemoveParticipant => state.Status == AppointmentStatus.BookingDeleted
            ? Transition.Unchanged(state) // already told; the row is theirs to clear
            : CancelForInvitee(state),
        InvitationAction.ExternalAccept or InvitationAction.ExternalDecline => InvitationErrors.InvalidTransition(state.Status, action),

        // Only the owner's (master) row is ever assigned; an invitee's row has no owner rights to hand over.
        InvitationAction.Assign or InvitationAction.TakeBackAssignment or InvitationAction.ReturnAssignment or InvitationAction.HandOver => InvitationErrors.InvalidTransition(state.Status, action),
    };

    // The owner's (master) row answers nothing, except while it is assigned (11, 12): then the assignee sees, accepts or
    // declines it (superoffice-domain.md §5.10: 11 → 12 → 1 or 13; a declined assignment goes back to the assigner).
    private static Result<Transition> ApplyToOwner(RowState state, InvitationAction action) => action switch
    {
        InvitationAction.MarkSeen => state.Status switch
        {
            AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen or AppointmentStatus.AssignmentDeclined => MarkSeen(state),
            AppointmentStatus.Unknown or AppointmentStatus.NotStarted or AppointmentStatus.Started or AppointmentStatus.Completed
                or AppointmentStatus.Hidden or AppointmentStatus.Booking or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen
                or AppointmentStatus.BookingMovedSeen or AppointmentStatus.BookingDeclined or AppointmentStatus.BookingDeleted =>
                InvitationErrors.OwnerCannotAnswer,
        },
        InvitationAction.Accept => state.Status switch
        {
            AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen =>
                Transition.Update(state with { Status = AppointmentStatus.NotStarted }, TransitionNotice.OrganizerChanged),
            AppointmentStatus.AssignmentDeclined => InvitationErrors.InvalidTransition(state.Status, action),
            AppointmentStatus.Unknown or AppointmentStatus.NotStarted or AppointmentStatus.Started or AppointmentStatus.Completed
                or AppointmentStatus.Hidden or AppointmentStatus.Booking or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen
                or AppointmentStatus.BookingMovedSeen or AppointmentStatus.BookingDeclined or AppointmentStatus.BookingDeleted =>
                InvitationErrors.OwnerCannotAnswer,
        },
        InvitationAction.Decline or InvitationAction.RemoveFromOwnDiary => state.Status switch
        {
            AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen =>
                Transition.Update(state with { Status = AppointmentStatus.AssignmentDeclined }, TransitionNotice.AssignmentDeclinedToAssigner),
            AppointmentStatus.AssignmentDeclined => Transition.Unchanged(state),
            AppointmentStatus.Unknown or AppointmentStatus.NotStarted or AppointmentStatus.Started or AppointmentStatus.Completed
                or AppointmentStatus.Hidden or AppointmentStatus.Booking or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen
                or AppointmentStatus.BookingMovedSeen or AppointmentStatus.BookingDeclined or AppointmentStatus.BookingDeleted =>
                InvitationErrors.OwnerCannotAnswer,
        },
        InvitationAction.ExternalAccept or InvitationAction.ExternalDecline => InvitationErrors.OwnerCannotAnswer,
        InvitationAction.Move => Transition.Unchanged(state),
        InvitationAction.Cancel => Transition.Deleted(state),
        InvitationAction.RemoveParticipant => InvitationErrors.OwnerNotRemovable,
        InvitationAction.Assign => state.Status switch
        {
            AppointmentStatus.NotStarted => Transition.Update(state with { Status = AppointmentStatus.Assignment }, TransitionNotice.AssignedToNewOwner),
            AppointmentStatus.Unknown or AppointmentStatus.Started or AppointmentStatus.Completed or AppointmentStatus.Hidden
                or AppointmentStatus.Booking or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen or AppointmentStatus.BookingMovedSeen
                or AppointmentStatus.BookingDeclined or AppointmentStatus.BookingDeleted or AppointmentStatus.Assignment
                or AppointmentStatus.AssignmentSeen or AppointmentStatus.AssignmentDeclined => InvitationErrors.InvalidTransition(state.Status, action),
        },
        InvitationAction.TakeBackAssignment => state.Status switch
        {
            AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen => Transition.Update(state with { Status = AppointmentStatus.NotStarted }),
            AppointmentStatus.Unknown or AppointmentStatus.NotStarted or AppointmentStatus.Started or AppointmentStatus.Completed
                or AppointmentStatus.Hidden or AppointmentStatus.Booking or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen
                or AppointmentStatus.BookingMovedSeen or AppointmentStatus.BookingDeclined or AppointmentStatus.BookingDeleted
                or AppointmentStatus.AssignmentDeclined => InvitationErrors.InvalidTransition(state.Status, action),
        },
        InvitationAction.ReturnAssignment => state.Status switch
        {
            AppointmentStatus.AssignmentDeclined => Transition.Update(state with { Status = AppointmentStatus.NotStarted }),
            AppointmentStatus.Unknown or AppointmentStatus.NotStarted or AppointmentStatus.Started or AppointmentStatus.Completed
                or AppointmentStatus.Hidden or AppointmentStatus.Booking or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen
                or AppointmentStatus.BookingMovedSeen or AppointmentStatus.BookingDeclined or AppointmentStatus.BookingDeleted
                or AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen => InvitationErrors.InvalidTransition(state.Status, action),
        },

        // An administrator's hand-over needs no answer: an owned row stays 1, a pending assignment is settled to 1.
        InvitationAction.HandOver => state.Status switch
        {
            AppointmentStatus.NotStarted => Transition.Unchanged(state, TransitionNotice.OrganizerChanged),
            AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen =>
                Transition.Update(state with { Status = AppointmentStatus.NotStarted }, TransitionNotice.OrganizerChanged),
            AppointmentStatus.Unknown or AppointmentStatus.Started or AppointmentStatus.Completed or AppointmentStatus.Hidden
                or AppointmentStatus.Booking or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen or AppointmentStatus.BookingMovedSeen
                or AppointmentStatus.BookingDeclined or AppointmentStatus.BookingDeleted or AppointmentStatus.AssignmentDeclined =>
                InvitationErrors.InvalidTransition(state.Status, action),
        },
    };

    private static Result<Transition> ApplyToAutoAccepted(ParticipantKind kind, RowState state, InvitationAction action) => action switch
    {
        InvitationAction.MarkSeen or InvitationAction.Accept or InvitationAction.Decline or InvitationAction.RemoveFromOwnDiary
            or InvitationAction.ExternalAccept or InvitationAction.ExternalDecline =>
            InvitationErrors.NotAnswerable(kind),
        InvitationAction.Move => Transition.Unchanged(state), // resources stay accepted
        InvitationAction.Cancel or InvitationAction.RemoveParticipant => Transition.Deleted(state),
        InvitationAction.Assign or InvitationAction.TakeBackAssignment or InvitationAction.ReturnAssignment or InvitationAction.HandOver => InvitationErrors.InvalidTransition(state.Status, action),
    };

    // An external person is booked at once (1) like a resource (the seeds), but may answer from outside: by an iTIP
    // REPLY or the RSVP link (issue 6). Only those two actions answer; a person has no login for the invitee's ones.
    private static Result<Transition> ApplyToExternalPerson(RowState state, InvitationAction action) => action switch
    {
        InvitationAction.MarkSeen or InvitationAction.Accept or InvitationAction.Decline or InvitationAction.RemoveFromOwnDiary =>
            InvitationErrors.NotAnswerable(ParticipantKind.Person),
        InvitationAction.ExternalAccept => AcceptExternal(state),
        InvitationAction.ExternalDecline => DeclineExternal(state),
        InvitationAction.Move => Transition.Unchanged(state), // stays booked; the iTIP REQUEST with a new SEQUENCE asks again
        InvitationAction.Cancel or InvitationAction.RemoveParticipant => Transition.Deleted(state),
        InvitationAction.Assign or InvitationAction.TakeBackAssignment or InvitationAction.ReturnAssignment or InvitationAction.HandOver => InvitationErrors.InvalidTransition(state.Status, action),
    };

    // An external person's acceptance: 1 stays 1 but is recorded (the person confirmed the booking: a history entry,
    // and PARTSTAT=ACCEPTED from now on); 9 → 1. Cancelled → 409.
    private static Result<Transition> AcceptExternal(RowState state) => state.Status switch
    {
        AppointmentStatus.NotStarted or AppointmentStatus.BookingDeclined =>
            Transition.Update(new RowState(AcceptedType(state.Type), AppointmentStatus.NotStarted)),
        AppointmentStatus.BookingDeleted => InvitationErrors.MeetingCancelled(InvitationAction.ExternalAccept),
        AppointmentStatus.Unknown or AppointmentStatus.Started or AppointmentStatus.Completed or AppointmentStatus.Hidden
            or AppointmentStatus.Booking or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen or AppointmentStatus.BookingMovedSeen
            or AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen or AppointmentStatus.AssignmentDeclined =>
            InvitationErrors.InvalidTransition(state.Status, InvitationAction.ExternalAccept),
    };

    // Seen: 5 → 7, 6 → 8 (and 11 → 12 for assignments); on any other status nothing changes and it succeeds.
    private static Result<Transition> MarkSeen(RowState state) => state.Status switch
    {
        AppointmentStatus.Booking => Transition.Update(state with { Status = AppointmentStatus.BookingSeen }),
        AppointmentStatus.BookingMoved => Transition.Update(state with { Status = AppointmentStatus.BookingMovedSeen }),
        AppointmentStatus.Assignment => Transition.Update(state with { Status = AppointmentStatus.AssignmentSeen }),
        AppointmentStatus.Unknown or AppointmentStatus.NotStarted or AppointmentStatus.Started or AppointmentStatus.Completed
            or AppointmentStatus.Hidden or AppointmentStatus.BookingSeen or AppointmentStatus.BookingMovedSeen
            or AppointmentStatus.BookingDeclined or AppointmentStatus.BookingDeleted or AppointmentStatus.AssignmentSeen
            or AppointmentStatus.AssignmentDeclined => Transition.Unchanged(state),
    };

    // Accept: 5, 6, 7, 8, 9 → type 1 (or 2 for a task), status 1. Accepting again is a no-op. Cancelled → 409.
    private static Result<Transition> Accept(RowState state) => state.Status switch
    {
        AppointmentStatus.Booking or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen
            or AppointmentStatus.BookingMovedSeen or AppointmentStatus.BookingDeclined =>
            Transition.Update(new RowState(AcceptedType(state.Type), AppointmentStatus.NotStarted)),
        AppointmentStatus.NotStarted => Transition.Unchanged(state),
        AppointmentStatus.BookingDeleted => InvitationErrors.MeetingCancelled(InvitationAction.Accept),
        AppointmentStatus.Unknown or AppointmentStatus.Started or AppointmentStatus.Completed or AppointmentStatus.Hidden
            or AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen or AppointmentStatus.AssignmentDeclined =>
            InvitationErrors.InvalidTransition(state.Status, InvitationAction.Accept),
    };

    // An external person's decline: 1 → 9, counted on the master and told to the owner as for an associate. Persons are
    // never in 5–8 (they are booked at once), so those stay invalid rather than silently allowed.
    private static Result<Transition> DeclineExternal(RowState state) => state.Status switch
    {
        AppointmentStatus.NotStarted => Transition.Update(
            new RowState(BookingType(state.Type), AppointmentStatus.BookingDeclined), TransitionNotice.InvitationDeclinedToOwner, countsAsDecline: true),
        AppointmentStatus.BookingDeclined => Transition.Unchanged(state),
        AppointmentStatus.BookingDeleted => InvitationErrors.MeetingCancelled(InvitationAction.ExternalDecline),
        AppointmentStatus.Unknown or AppointmentStatus.Started or AppointmentStatus.Completed or AppointmentStatus.Hidden
            or AppointmentStatus.Booking or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen or AppointmentStatus.BookingMovedSeen
            or AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen or AppointmentStatus.AssignmentDeclined =>
            InvitationErrors.InvalidTransition(state.Status, InvitationAction.ExternalDecline),
    };

    // Decline: 1, 5, 6, 7, 8 → status 9, type back to an invitation; counts on the master and tells the owner.
    private static Result<Transition> Decline(RowState state, InvitationAction action) => state.Status switch
    {
        AppointmentStatus.NotStarted or AppointmentStatus.Booking or AppointmentStatus.BookingMoved
            or AppointmentStatus.BookingSeen or AppointmentStatus.BookingMovedSeen =>
            Transition.Update(
                new RowState(BookingType(state.Type), AppointmentStatus.BookingDeclined),
                TransitionNotice.InvitationDeclinedToOwner,
                countsAsDecline: true),
        AppointmentStatus.BookingDeclined => Transition.Unchanged(state),
        AppointmentStatus.BookingDeleted => InvitationErrors.MeetingCancelled(action),
        AppointmentStatus.Unknown or AppointmentStatus.Started or AppointmentStatus.Completed or AppointmentStatus.Hidden
            or AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen or AppointmentStatus.AssignmentDeclined =>
            InvitationErrors.InvalidTransition(state.Status, action),
    };

    // Move: 1, 7, 8, 9 → 6 (an answer is needed again); 5 stays unseen; 6 stays. Rows at 6 afterwards are told.
    private static Result<Transition> Move(RowState state) => state.Status switch
    {
        AppointmentStatus.NotStarted or AppointmentStatus.BookingSeen or AppointmentStatus.BookingMovedSeen
            or AppointmentStatus.BookingDeclined =>
            Transition.Update(new RowState(BookingType(state.Type), AppointmentStatus.BookingMoved), TransitionNotice.MeetingChanged),
        AppointmentStatus.BookingMoved => Transition.Unchanged(state, TransitionNotice.MeetingChanged),
        AppointmentStatus.Booking or AppointmentStatus.BookingDeleted or AppointmentStatus.Unknown or AppointmentStatus.Started
            or AppointmentStatus.Completed or AppointmentStatus.Hidden or AppointmentStatus.Assignment
            or AppointmentStatus.AssignmentSeen or AppointmentStatus.AssignmentDeclined => Transition.Unchanged(state),
    };

    // Cancel (or removal by the owner): whoever saw or answered keeps a cancelled row and is told; unseen rows go.
    private static Result<Transition> CancelForInvitee(RowState state) => state.Status switch
    {
        AppointmentStatus.NotStarted or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen
            or AppointmentStatus.BookingMovedSeen or AppointmentStatus.BookingDeclined =>
            Transition.Update(state with { Status = AppointmentStatus.BookingDeleted }, TransitionNotice.MeetingCancelled),
        AppointmentStatus.BookingDeleted => Transition.Unchanged(state),
        AppointmentStatus.Booking or AppointmentStatus.Unknown or AppointmentStatus.Started or AppointmentStatus.Completed
            or AppointmentStatus.Hidden or AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen
            or AppointmentStatus.AssignmentDeclined => Transition.Deleted(state),
    };

    /// <summary>The type an accepted row gets: a diary entry, or a task for a task invitation.</summary>
    public static AppointmentType AcceptedType(AppointmentType type) =>
        type is AppointmentType.BookingForChecklist or AppointmentType.InChecklist ? AppointmentType.InChecklist : AppointmentType.InDiary;

    /// <summary>The type of a row that waits for an answer or was declined: kept out of the diary.</summary>
    public static AppointmentType BookingType(AppointmentType type) =>
        type is AppointmentType.BookingForChecklist or AppointmentType.InChecklist ? AppointmentType.BookingForChecklist : AppointmentType.BookingForDiary;
}
