using Convene.Core.Common;
using NodaTime;

namespace Convene.Core.Appointments;

/// <summary>
/// Assignments (issue 9; superoffice-domain.md §3.2 statuses 11–13, §5.10): the owner's master row moves to another
/// associate's diary with status 11 and <c>assigned_by</c> = the assigner; the assignee sees (12), accepts (1: they are
/// the owner now) or declines (13, and the row goes back to the assigner as 1). Until it is accepted the assigner keeps
/// the owner's rights. Invitees' answers are never reset and nothing moves: the meeting only changes organiser.
/// </summary>
public sealed partial class Meeting
{
    private string? _assignerName;

    /// <summary>The master row is assigned and waits for the assignee's answer (11 or 12).</summary>
    public bool IsAssignmentPending => _master is { Status: AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen };

    /// <summary>The associate the pending assignment waits for, if any.</summary>
    public int? AssigneeId => IsAssignmentPending ? _master!.AssociateId : null;

    /// <summary>The owner assigns the meeting to <paramref name="to"/> (an active employee, not themselves).</summary>
    public Result<Unit> Assign(int actorId, ParticipantCandidate to, string? note, Instant now) => Revise(() => AssignCore(actorId, to, note, now));

    /// <summary>The assigner takes a pending assignment back: the row returns to their diary as before.</summary>
    public Result<Unit> TakeBackAssignment(int actorId, Instant now) => Revise(() => TakeBackCore(actorId, now));

    /// <summary>
    /// An administrator hands the meeting to <paramref name="to"/> at once (no answer needed), e.g. because the owner
    /// leaves; a pending assignment is settled by it.
    /// </summary>
    public Result<Unit> HandOver(int actorId, ParticipantCandidate to, Instant now) => Revise(() => HandOverCore(actorId, to, now));

    private Result<Unit> AssignCore(int actorId, ParticipantCandidate to, string? note, Instant now)
    {
        if (EnsureOwner(actorId) is { } denied)
        {
            return denied;
        }

        if (IsAssignmentPending)
        {
            return AssignmentErrors.AlreadyPending;
        }

        if (ValidateNewOwner(to) is { } invalid)
        {
            return invalid;
        }

        if (to.AssociateId == actorId)
        {
            return AssignmentErrors.ToSelf;
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > Limits.RejectReasonLength })
        {
            return AssignmentErrors.NoteTooLong;
        }

        var owner = Owner!;
        var transition = InvitationStateMachine.Apply(ParticipantKind.Owner, owner.State, InvitationAction.Assign);
        if (!transition.IsSuccess)
        {
            return transition.Error!;
        }

        var assignerName = owner.Name;
        var row = owner.Row;
        if (row.MotherId == 0)
        {
            // A follow-up without invitations becomes a booking (mother_id = own id), as on adding a participant, so
            // that the assignee's invitations and the meeting's history find it by its master id.
            row.MotherId = row.Id;
        }

        row.AssignedBy = actorId;
        row.AssociateId = to.AssociateId!.Value;
        row.Status = transition.Value.To.Status;
        row.Touch(actorId, now);
        _assignerName = assignerName;
        var assignee = ReplaceOwner(to.Name, to.IsActive);
        Record(HistoryAction.Assigned, actorId, now, assignee, AppointmentStatus.NotStarted, row.Status, note, $"{assignerName} → {to.Name}", to.AssociateId);
        Notify(row.AssociateId, NotificationKind.Assigned, row, note is null
            ? $"{assignerName} assigned '{row.Title}' ({Describe(row)}) to you."
            : $"{assignerName} assigned '{row.Title}' ({Describe(row)}) to you: {note}");
        return Unit.Value;
    }

    private Result<Unit> TakeBackCore(int actorId, Instant now)
    {
        if (EnsureOwner(actorId) is { } denied)
        {
            return denied;
        }

        var owner = Owner!;
        var transition = InvitationStateMachine.Apply(ParticipantKind.Owner, owner.State, InvitationAction.TakeBackAssignment);
        if (!transition.IsSuccess)
        {
            return AssignmentErrors.NonePending;
        }

        var row = owner.Row;
        var assigneeId = row.AssociateId;
        var from = row.Status;
        Changes.ResolvedNotifications.Add((assigneeId, row));
        ReturnToAssigner(actorId, now, transition.Value.To.Status);
        Record(HistoryAction.AssignmentTakenBack, actorId, now, Owner, from, row.Status, null, null, assigneeId);
        return Unit.Value;
    }

    private Result<Participant> AnswerAssignment(int actorId, InvitationAction action, string? reason, Instant now)
    {
        var owner = Owner!;
        var row = owner.Row;
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > Limits.RejectReasonLength })
        {
            return MeetingErrors.ReasonTooLong;
        }

        var from = owner.State;
        var applied = InvitationStateMachine.Apply(ParticipantKind.Owner, from, action);
        if (!applied.IsSuccess)
        {
            return applied.Error!;
        }

        var transition = applied.Value;
        if (transition.Effect == RowEffect.Unchanged)
        {
            return owner; // seen again: idempotent, nothing recorded
        }

        var title = row.Title;
        switch (transition.Notice)
        {
            case TransitionNotice.None:
                // Seen: 11 → 12.
                row.Status = transition.To.Status;
                row.Touch(actorId, now);
                Record(HistoryAction.Seen, actorId, now, owner, from.Status, row.Status, null, null, actorId);
                return owner;
            case TransitionNotice.AssignmentDeclinedToAssigner:
                // Declined (13); the row goes straight back to the assigner (13 → 1) with an "Invitation declined".
                row.Status = transition.To.Status;
                Record(HistoryAction.AssignmentDeclined, actorId, now, owner, from.Status, row.Status, reason, null, actorId);
                Changes.ResolvedNotifications.Add((actorId, row));
                var assignee = owner.Name;
                var back = InvitationStateMachine.Apply(ParticipantKind.Owner, owner.State, InvitationAction.ReturnAssignment);
                if (!back.IsSuccess)
                {
                    return back.Error!;
                }

                var assignerId = row.AssignedBy ?? actorId;
                ReturnToAssigner(actorId, now, back.Value.To.Status);
                Record(HistoryAction.StatusChanged, actorId, now, Owner, AppointmentStatus.AssignmentDeclined, row.Status, null, "returned to the assigner", assignerId);
                Notify(assignerId, NotificationKind.InvitationDeclined, row, reason is null
                    ? $"{assignee} declined the assignment of '{title}'."
                    : $"{assignee} declined the assignment of '{title}': {reason}");
                return Owner!;
            case TransitionNotice.OrganizerChanged:
                row.Status = transition.To.Status;
                row.Touch(actorId, now);
                Record(HistoryAction.AssignmentAccepted, actorId, now, owner, from.Status, row.Status, null, $"{_assignerName ?? "#" + row.AssignedBy} → {owner.Name}", actorId);
                Changes.ResolvedNotifications.Add((actorId, row));
                BecomeOwner(actorId, now, row.AssignedBy);
                return owner;
            case TransitionNotice.InvitationDeclinedToOwner or TransitionNotice.MeetingChanged or TransitionNotice.MeetingCancelled
                or TransitionNotice.AssignedToNewOwner:
                throw new InvalidOperationException($"An assignment answer does not cause {transition.Notice}.");
        }

        return owner;
    }

    private Result<Unit> HandOverCore(int actorId, ParticipantCandidate to, Instant now)
    {
        if (IsCancelled)
        {
            return MeetingErrors.Cancelled;
        }

        if (ValidateNewOwner(to) is { } invalid)
        {
            return invalid;
        }

        if (to.AssociateId == OwnerId)
        {
            return AssignmentErrors.ToSelf;
        }

        var owner = Owner!;
        var row = owner.Row;
        var transition = InvitationStateMachine.Apply(ParticipantKind.Owner, owner.State, InvitationAction.HandOver);
        if (!transition.IsSuccess)
        {
            return transition.Error!;
        }

        var previousOwnerId = OwnerId;
        var previousName = IsAssignmentPending ? _assignerName ?? $"#{previousOwnerId}" : owner.Name;
        if (IsAssignmentPending)
        {
            Changes.ResolvedNotifications.Add((row.AssociateId, row)); // the pending assignment is settled by the hand-over
        }

        var from = row.Status;
        row.AssociateId = to.AssociateId!.Value;
        row.AssignedBy = previousOwnerId;
        row.Status = transition.Value.To.Status;
        row.Touch(actorId, now);
        var newOwner = ReplaceOwner(to.Name, to.IsActive);
        Record(HistoryAction.HandedOver, actorId, now, newOwner, from, row.Status, null, $"{previousName} → {to.Name}", to.AssociateId);
        Notify(row.AssociateId, NotificationKind.OrganizerChanged, row, $"You are now the organiser of '{row.Title}' ({Describe(row)}), handed over from {previousName}.");
        _assignerName = previousName;
        BecomeOwner(actorId, now, null);
        return Unit.Value;
    }

    private static Error? ValidateNewOwner(ParticipantCandidate to) =>
        to.Kind != ParticipantKind.Associate || to.AssociateId is null ? AssignmentErrors.NotAnEmployee
        : !to.IsActive ? AssignmentErrors.Inactive(to.Name)
        : null;

    // The assignee is the owner now: every row names them as the organiser; their own invitation row, if they had one,
    // is superseded by the master; every participant (and the former owner) gets one "New organizer"; external persons
    // get a REQUEST with the new ORGANIZER, same UID, SEQUENCE + 1 (RFC 5546 §2.1.4, §3.2.2: an organiser change is
    // a significant revision). Answers stay as they are: nothing moved.
    private void BecomeOwner(int actorId, Instant now, int? formerOwnerId)
    {
        var master = Owner!.Row;
        var newOwnerId = master.AssociateId;
        if (InvitationRowOf(newOwnerId) is { } ownRow)
        {
            _participants.Remove(ownRow);
            Changes.RemovedRows.Add(ownRow.Row);
            Record(HistoryAction.ParticipantRemoved, actorId, now, ownRow, ownRow.Row.Status, null, null, "now the organiser", newOwnerId);
        }

        foreach (var participant in _participants)
        {
            participant.Row.MotherAssociateId = newOwnerId;
        }

        master.MotherAssociateId = newOwnerId;
        var text = $"{Owner.Name} is now the organiser of '{master.Title}' ({Describe(master)}).";
        foreach (var invitee in _participants.Where(p => p.Kind == ParticipantKind.Associate && p.Row.Status != AppointmentStatus.BookingDeleted))
        {
            Notify(invitee.Row.AssociateId, NotificationKind.OrganizerChanged, invitee.Row, text);
        }

        if (formerOwnerId is { } former && former != newOwnerId && !_participants.Exists(p => p.Kind == ParticipantKind.Associate && p.Row.AssociateId == former))
        {
            Notify(former, NotificationKind.OrganizerChanged, master, text);
        }

        Changes.Revised = true;
        Changes.OrganizerChanged = true;
        AnnounceToPersons(ItipMethod.Request, _participants);
    }

    private Participant? InvitationRowOf(int associateId) =>
        _participants.Find(p => p.Kind == ParticipantKind.Associate && p.Row.AssociateId == associateId);

    private void ReturnToAssigner(int actorId, Instant now, AppointmentStatus status)
    {
        var row = Owner!.Row;
        var assignerId = row.AssignedBy ?? row.MotherAssociateId;
        row.AssociateId = assignerId;
        row.AssignedBy = null;
        row.Status = status;
        row.Touch(actorId, now);
        ReplaceOwner(_assignerName ?? $"#{assignerId}", true);
        _assignerName = null;
    }

    private Participant ReplaceOwner(string name, bool isActive)
    {
        var index = _participants.FindIndex(p => p.Kind == ParticipantKind.Owner);
        var replaced = new Participant(_participants[index].Row, ParticipantKind.Owner, name, isActive);
        _participants[index] = replaced;
        return replaced;
    }
}

/// <summary>The errors of assignments, with their stable codes.</summary>
public static class AssignmentErrors
{
    public static readonly Error NotAnEmployee =
        Error.Validation("assignment.not_an_employee", "A meeting can only be assigned to an employee, not to a resource or a person.", "associateId");

    public static readonly Error UnknownAssociate =
        Error.Validation("assignment.unknown_associate", "There is no such associate.", "associateId");

    public static readonly Error ToSelf =
        Error.Validation("assignment.to_self", "The meeting is already yours.", "associateId");

    public static readonly Error AlreadyPending =
        Error.Conflict("assignment.pending", "The meeting is already assigned and waits for an answer; take it back first.");

    public static readonly Error NonePending =
        Error.Conflict("assignment.none_pending", "The meeting has no pending assignment to take back.");

    public static readonly Error NoteTooLong =
        Error.Validation("assignment.note_too_long", $"A note has at most {Limits.RejectReasonLength} characters.", "note");

    public static readonly Error NotAdministrator =
        Error.Forbidden("assignment.not_administrator", "Only an administrator can hand over another associate's meetings.");

    public static readonly Error AssociateNotFound = Error.NotFound("associate.not_found", "There is no such associate.");

    public static Error Inactive(string name) =>
        Error.Validation("assignment.inactive", $"'{name}' is deactivated and cannot be assigned a meeting.", "associateId");
}
