using System.Globalization;
using Convene.Core.Common;
using NodaTime;
using NodaTime.Text;

namespace Convene.Core.Appointments;

/// <summary>
/// A meeting: the owner's master row, one child row per participant and the shared text (PRODUCT.md §2).
/// </summary>
/// <remarks>
/// The aggregate keeps the rows consistent: shared fields are copied to every live row, every status change goes
/// through <see cref="InvitationStateMachine"/>, and each operation records its notifications and history in
/// <see cref="Changes"/> so that they are written in the same transaction as the rows. A meeting whose master row
/// is gone is cancelled: only the cancelled rows (status 10) of invitees who had seen it remain.
/// </remarks>
public sealed partial class Meeting
{
    private static readonly InstantPattern TimePattern = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm 'UTC'");
    private readonly List<Participant> _participants;

    // The master row as loaded or created; kept after a cancel deletes it, so the meeting still knows its id and owner.
    private readonly Appointment? _master;
    private readonly Appointment? _lastRow;

    private Meeting(TextRecord text, List<Participant> participants, string? assignerName = null)
    {
        Text = text;
        _participants = participants;
        _master = participants.Find(p => p.Kind == ParticipantKind.Owner)?.Row;
        // A cancelled meeting is known by its rows; remember one, since clearing its last row empties the list.
        _lastRow = _master ?? participants.FirstOrDefault()?.Row;
        _assignerName = assignerName;
    }

    public TextRecord Text { get; }

    public IReadOnlyList<Participant> Participants => _participants;

    /// <summary>What the operations since loading changed; written by the store.</summary>
    public MeetingChanges Changes { get; private set; } = new();

    public Participant? Owner => _participants.Find(p => p.Kind == ParticipantKind.Owner);

    public bool IsCancelled => Owner is null;

    /// <summary>The meeting's id: the master row's id (kept after the master is deleted).</summary>
    public int Id => _master?.Id ?? (_participants.Count > 0 ? _participants[0].Row : _lastRow!).MotherId;

    /// <summary>
    /// Who has the owner's rights: the master's associate, or while an assignment is pending (11, 12) the assigner,
    /// who keeps them until the assignee accepts (issue 9).
    /// </summary>
    public int OwnerId => _master is null ? (_participants.Count > 0 ? _participants[0].Row : _lastRow!).MotherAssociateId
        : IsAssignmentPending && _master.AssignedBy is { } assigner ? assigner
        : _master.AssociateId;

    /// <summary>The row the shared fields are read from.</summary>
    public Appointment Reference => Owner?.Row ?? (_participants.Count > 0 ? _participants[0].Row : _master ?? _lastRow!);

    /// <summary>
    /// A stamp of every row's version: it changes whenever any row of the meeting changes (the HTTP ETag).
    /// </summary>
    public string ConcurrencyStamp
    {
        get
        {
            var state = string.Join(',', _participants.OrderBy(p => p.Row.Id).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Row.Id}:{p.Row.Version}")));
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(state)))[..16];
        }
    }

    /// <summary>
    /// The meeting's revision: the master row's version, raised by exactly one for every operation that changes
    /// anything, so that committed changes of one meeting are numbered in commit order.
    /// </summary>
    public int Revision => _master?.Version ?? 0;

    public MeetingChanges TakeChanges()
    {
        var changes = Changes;
        Changes = new MeetingChanges();
        return changes;
    }

    /// <summary>Rebuilds a meeting from stored rows (used by the store).</summary>
    /// <remarks><paramref name="assignerName"/>: the name of the master's <c>assigned_by</c>, if it is set.</remarks>
    public static Meeting Load(TextRecord text, IEnumerable<(Appointment Row, ParticipantKind Kind, string Name, bool IsActive)> rows, string? assignerName = null)
    {
        var participants = rows
            .OrderBy(r => r.Kind == ParticipantKind.Owner ? 0 : 1)
            .ThenBy(r => r.Row.Id)
            .Select(r => new Participant(r.Row, r.Kind, r.Name, r.IsActive))
            .ToList();
        if (participants.Count == 0)
        {
            throw new ArgumentException("A meeting has at least one row.", nameof(rows));
        }

        return new Meeting(text, participants, assignerName);
    }

    /// <summary>Creates a meeting with its master row and one row per invitee (PRODUCT.md §2).</summary>
    public static Result<Meeting> Create(MeetingDetails details, ParticipantCandidate owner, IReadOnlyList<ParticipantCandidate> invitees, Instant now)
    {
        var validated = details.Validate();
        if (!validated.IsSuccess)
        {
            return validated.Error!;
        }

        details = validated.Value;
        if (owner.Kind != ParticipantKind.Owner || owner.AssociateId is null)
        {
            throw new ArgumentException("The owner must be an employee.", nameof(owner));
        }

        if (invitees.Count > Limits.MaxParticipants)
        {
            return MeetingErrors.TooManyParticipants;
        }

        var others = new List<ParticipantCandidate>();
        foreach (var candidate in invitees)
        {
            if (candidate.Kind != ParticipantKind.Person && candidate.AssociateId == owner.AssociateId)
            {
                continue; // clients often list the organiser among the attendees; the master row already stands for them
            }

            if (others.Any(o => SameParticipant(o, candidate)))
            {
                return MeetingErrors.Duplicate(candidate.Name);
            }

            if (!candidate.IsActive)
            {
                return MeetingErrors.Inactive(candidate.Name);
            }

            others.Add(candidate);
        }

        if (details.Location is null && others.Find(o => o.Kind == ParticipantKind.Resource && o.IsLocation) is { } room)
        {
            details = details with { Location = room.Name }; // the seeds: the location defaults from an invited place
        }

        var actorId = owner.AssociateId.Value;
        var master = new Appointment
        {
            AssociateId = actorId,
            MotherAssociateId = actorId,
            InvitedPersonId = owner.PersonId ?? 0,
            Type = AppointmentType.InDiary,
            Status = AppointmentStatus.NotStarted,
            Registered = now,
            RegisteredAssociateId = actorId,
            Updated = now,
            UpdatedAssociateId = actorId,
        };
        CopyDetails(details, master);
        var meeting = new Meeting(new TextRecord(details.Description ?? ""), [new Participant(master, ParticipantKind.Owner, owner.Name, true)]);
        meeting.Changes.AddedRows.Add(master);
        meeting.Record(HistoryAction.Created, actorId, now, null, null, null, null, $"'{details.Title}' {Describe(master)}");
        foreach (var candidate in others)
        {
            meeting.AddRow(candidate, actorId, now);
        }

        meeting.AnnounceToPersons(ItipMethod.Request, meeting._participants);
        return meeting;
    }

    private Result<Unit> EditCore(int actorId, MeetingEdit edit, Instant now)
    {
        if (EnsureOwner(actorId) is { } denied)
        {
            return denied;
        }

        var current = Reference;
        var proposed = new MeetingDetails(
            edit.Title ?? current.Title,
            edit.Description ?? Text.Body,
            edit.Location ?? current.Location,
            edit.Start ?? current.Start,
            edit.End ?? current.End,
            edit.Private ?? current.IsPrivate,
            edit.Free ?? current.Free,
            current.ContactId,
            current.PersonId)
        {
            LeadTime = edit.LeadTime ?? current.LeadTime,
            LagTime = edit.LagTime ?? current.LagTime,
        }.Validate();
        if (!proposed.IsSuccess)
        {
            return proposed.Error!;
        }

        var next = proposed.Value;
        var moved = next.Start != current.Start || next.End != current.End;
        var changes = new List<string>();
        if (next.Title != current.Title)
        {
            changes.Add($"title '{current.Title}' → '{next.Title}'");
        }

        if (next.Location != current.Location)
        {
            changes.Add($"location '{current.Location}' → '{next.Location}'");
        }

        if ((next.Description ?? "") != Text.Body)
        {
            changes.Add("description changed");
        }

        if (next.Private != current.IsPrivate)
        {
            changes.Add(next.Private ? "made private" : "made public");
        }

        if (next.Free != current.Free)
        {
            changes.Add(next.Free ? "marked free" : "marked busy");
        }

        if (next.LeadTime != current.LeadTime || next.LagTime != current.LagTime)
        {
            // Travel time is not a move: the meeting's own time is unchanged, so no answers are reset.
            changes.Add(string.Create(CultureInfo.InvariantCulture,
                $"travel time {current.LeadTime.TotalMinutes:0}/{current.LagTime.TotalMinutes:0} → {next.LeadTime.TotalMinutes:0}/{next.LagTime.TotalMinutes:0} min"));
        }

        if (!moved && changes.Count == 0)
        {
            return Unit.Value; // nothing to change: no history, no notifications
        }

        var oldTime = Describe(current);
        Text.Body = next.Description ?? "";
        foreach (var participant in _participants.Where(p => p.Row.Status != AppointmentStatus.BookingDeleted))
        {
            CopyDetails(next, participant.Row);
            participant.Row.Touch(actorId, now);
        }

        if (changes.Count > 0)
        {
            Record(HistoryAction.Edited, actorId, now, null, null, null, null, string.Join("; ", changes));
        }

        if (moved)
        {
            Record(HistoryAction.Moved, actorId, now, null, null, null, null, $"{oldTime} → {Describe(current)}");
            foreach (var participant in _participants.ToList())
            {
                var applied = ApplyTo(participant, InvitationAction.Move, actorId, now, HistoryAction.StatusChanged, null);
                if (!applied.IsSuccess)
                {
                    return applied.Error!;
                }
            }
        }
        else if (next.Location != current.Location || changes.Count > 0)
        {
            // Not a move: answers stay, but those who saw the invitation learn what changed (the seeds' "Meeting has changed").
            foreach (var participant in _participants.Where(p => p.Kind == ParticipantKind.Associate && p.Row.Status is
                AppointmentStatus.NotStarted or AppointmentStatus.BookingSeen or AppointmentStatus.BookingMoved or AppointmentStatus.BookingMovedSeen))
            {
                Notify(participant.Row.AssociateId, NotificationKind.MeetingChanged, participant.Row, $"{OwnerName} changed '{current.Title}': {string.Join("; ", changes)}.");
            }
        }

        // External persons get the new version by e-mail; a move is a significant revision (RFC 5546 §2.1.4).
        Changes.Revised |= moved;
        AnnounceToPersons(ItipMethod.Request, _participants);
        return Unit.Value;
    }

    private Result<Unit> CancelCore(int actorId, Instant now)
    {
        if (EnsureOwner(actorId) is { } denied)
        {
            return denied;
        }

        Record(HistoryAction.Cancelled, actorId, now, null, null, null, null, $"'{Reference.Title}' {Describe(Reference)}");
        Changes.Revised = true; // STATUS:CANCELLED is a revision every attendee must apply (RFC 5546 §3.2.5)
        AnnounceToPersons(ItipMethod.Cancel, _participants.ToList());
        foreach (var participant in _participants.Where(p => p.Kind != ParticipantKind.Owner).ToList())
        {
            var applied = ApplyTo(participant, InvitationAction.Cancel, actorId, now, HistoryAction.StatusChanged, null);
            if (!applied.IsSuccess)
            {
                return applied.Error!;
            }
        }

        return ApplyTo(Owner!, InvitationAction.Cancel, actorId, now, HistoryAction.StatusChanged, null);
    }

    private Result<Participant> AddParticipantCore(int actorId, ParticipantCandidate candidate, Instant now)
    {
        if (EnsureOwner(actorId) is { } denied)
        {
            return denied;
        }

        if (!candidate.IsActive)
        {
            return MeetingErrors.Inactive(candidate.Name);
        }

        if (_participants.Count >= Limits.MaxParticipants + 1)
        {
            return MeetingErrors.TooManyParticipants;
        }

        var existing = _participants.Find(p => SameParticipant(p, candidate));
        if (existing is not null)
        {
            if (existing.Row.Status != AppointmentStatus.BookingDeleted)
            {
                return MeetingErrors.AlreadyInvited(candidate.Name);
            }

            // Re-inviting someone who was removed: their cancelled row makes way for a fresh invitation.
            _participants.Remove(existing);
            Changes.RemovedRows.Add(existing.Row);
        }

        var master = Owner!.Row;
        if (master.MotherId == 0)
        {
            master.MotherId = master.Id; // an ordinary appointment becomes a booking
        }

        master.Touch(actorId, now);
        var added = AddRow(candidate, actorId, now);
        if (added.Kind == ParticipantKind.Person)
        {
            Changes.Itip.Add(new PendingItip(ItipMethod.Request, added, _participants.ToList()));
        }

        return added;
    }

    private Result<Unit> RemoveParticipantCore(int actorId, int rowId, Instant now)
    {
        if (EnsureOwner(actorId) is { } denied)
        {
            return denied;
        }

        var participant = _participants.Find(p => p.Row.Id == rowId);
        if (participant is null)
        {
            return MeetingErrors.ParticipantNotFound;
        }

        if (participant.Kind == ParticipantKind.Person)
        {
            // RFC 5546 §3.2.5: a CANCEL to the removed attendee only; the others' copies stay as they are.
            Changes.Itip.Add(new PendingItip(ItipMethod.Cancel, participant, [participant]));
        }

        return ApplyTo(participant, InvitationAction.RemoveParticipant, actorId, now, HistoryAction.ParticipantRemoved, null);
    }

    private Result<Participant> AnswerCore(int actorId, InvitationAction action, string? reason, Instant now)
    {
        if (action is not (InvitationAction.MarkSeen or InvitationAction.Accept or InvitationAction.Decline or InvitationAction.RemoveFromOwnDiary))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Only an invitee's answers are answers.");
        }

        if (IsAssignmentPending && _master!.AssociateId == actorId)
        {
            return AnswerAssignment(actorId, action, reason, now); // the assignee answers the assignment first
        }

        var invitee = _participants.Find(p => p.Kind == ParticipantKind.Associate && p.Row.AssociateId == actorId);
        if (invitee is null)
        {
            return OwnerId == actorId && !IsCancelled ? InvitationErrors.OwnerCannotAnswer : MeetingErrors.NotInvited;
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > Limits.RejectReasonLength })
        {
            return MeetingErrors.ReasonTooLong;
        }

        var historyAction = action switch
        {
            InvitationAction.MarkSeen => HistoryAction.Seen,
            InvitationAction.Accept => HistoryAction.Accepted,
            InvitationAction.Decline => HistoryAction.Declined,
            InvitationAction.RemoveFromOwnDiary => HistoryAction.RemovedFromDiary,
            InvitationAction.Move or InvitationAction.Cancel or InvitationAction.RemoveParticipant
                or InvitationAction.ExternalAccept or InvitationAction.ExternalDecline or InvitationAction.Assign
                or InvitationAction.TakeBackAssignment or InvitationAction.ReturnAssignment or InvitationAction.HandOver =>
                throw new ArgumentOutOfRangeException(nameof(action)),
        };
        var applied = ApplyTo(invitee, action, actorId, now, historyAction, reason);
        return applied.IsSuccess ? invitee : applied.Error!;
    }

    /// <summary>The owner changes the meeting. A change of start or end is a move (PRODUCT.md §3).</summary>
    public Result<Unit> Edit(int actorId, MeetingEdit edit, Instant now) => Revise(() => EditCore(actorId, edit, now));

    /// <summary>The owner cancels: invitees who saw it keep a cancelled row and are told; everything else goes.</summary>
    public Result<Unit> Cancel(int actorId, Instant now) => Revise(() => CancelCore(actorId, now));

    /// <summary>The owner adds a participant; the new row is as on create.</summary>
    public Result<Participant> AddParticipant(int actorId, ParticipantCandidate candidate, Instant now) =>
        Revise(() => AddParticipantCore(actorId, candidate, now));

    /// <summary>The owner removes a participant: unseen rows go, seen ones are cancelled for them.</summary>
    public Result<Unit> RemoveParticipant(int actorId, int rowId, Instant now) => Revise(() => RemoveParticipantCore(actorId, rowId, now));

    /// <summary>The calling invitee answers their own invitation (seen, accept, decline, delete from own diary).</summary>
    public Result<Participant> Answer(int actorId, InvitationAction action, string? reason, Instant now) =>
        Revise(() => AnswerCore(actorId, action, reason, now));

    /// <summary>
    /// An external person's answer from outside (iTIP REPLY or RSVP link): <see cref="InvitationAction.ExternalAccept"/>
    /// or <see cref="InvitationAction.ExternalDecline"/> on their row. The actor is 0: no associate acted.
    /// </summary>
    public Result<Participant> ReplyFromPerson(int personId, bool accept, string? reason, Instant now) =>
        Revise(() => ReplyFromPersonCore(personId, accept, reason, now));

    /// <summary>The actor id recorded for changes made by an external person (who has no associate id).</summary>
    public const int ExternalActorId = 0;

    /// <summary>Anyone sees a public meeting; a private or cancelled one only those who take part (ADR 0006).</summary>
    public bool IsVisibleTo(int associateId) => Involves(associateId) || (!IsCancelled && !Reference.IsPrivate);

    private Result<Participant> ReplyFromPersonCore(int personId, bool accept, string? reason, Instant now)
    {
        var person = _participants.Find(p => p.Kind == ParticipantKind.Person && p.Row.InvitedPersonId == personId);
        if (person is null)
        {
            return IsCancelled ? MeetingErrors.Cancelled : MeetingErrors.NotInvited;
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > Limits.RejectReasonLength })
        {
            return MeetingErrors.ReasonTooLong;
        }

        var applied = accept
            ? ApplyTo(person, InvitationAction.ExternalAccept, ExternalActorId, now, HistoryAction.Accepted, null)
            : ApplyTo(person, InvitationAction.ExternalDecline, ExternalActorId, now, HistoryAction.Declined, reason);
        return applied.IsSuccess ? person : applied.Error!;
    }

    /// <summary>True when the associate takes part (owner or invitee, in any state).</summary>
    public bool Involves(int associateId) =>
        _participants.Exists(p => p.Kind is ParticipantKind.Owner or ParticipantKind.Associate && p.Row.AssociateId == associateId)
        || (IsAssignmentPending && _master!.AssignedBy == associateId);

    // Every operation that changes the meeting raises the master's version by exactly one (its revision), whichever
    // rows it touched: the optimistic concurrency token then guards the whole meeting, not just the rows written.
    private Result<T> Revise<T>(Func<Result<T>> operation)
    {
        var version = _master?.Version ?? 0;
        var recorded = Changes.History.Count + Changes.RemovedRows.Count + Changes.AddedRows.Count;
        var result = operation();
        if (result.IsSuccess && _master is not null && Changes.History.Count + Changes.RemovedRows.Count + Changes.AddedRows.Count != recorded)
        {
            _master.Version = version + 1;
        }

        return result;
    }

    private string OwnerName => (IsAssignmentPending ? _assignerName : Owner?.Name) ?? "The organiser";

    private Result<Unit> ApplyTo(Participant participant, InvitationAction action, int actorId, Instant now, HistoryAction historyAction, string? reason)
    {
        var from = participant.State;
        var result = InvitationStateMachine.Apply(participant.Kind, from, action);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }

        var transition = result.Value;
        var row = participant.Row;
        switch (transition.Effect)
        {
            case RowEffect.Unchanged:
                if (action is InvitationAction.MarkSeen or InvitationAction.Accept or InvitationAction.Decline or InvitationAction.RemoveFromOwnDiary
                    or InvitationAction.ExternalAccept or InvitationAction.ExternalDecline)
                {
                    return Unit.Value; // an answer already given: idempotent, nothing recorded
                }

                break;
            case RowEffect.Updated:
                row.MotherAssociateId = OwnerId; // a cancelled row must still know its organiser once the master is gone
                row.Type = transition.To.Type;
                row.Status = transition.To.Status;
                row.RejectReason = transition.To.Status == AppointmentStatus.BookingDeclined ? reason
                    : transition.To.Status == AppointmentStatus.NotStarted ? null
                    : row.RejectReason;
                row.Touch(actorId, now);
                Record(historyAction, actorId, now, participant, from.Status, transition.To.Status, reason, null);
                break;
            case RowEffect.Deleted:
                _participants.Remove(participant);
                Changes.RemovedRows.Add(row);
                if (participant.Kind != ParticipantKind.Owner)
                {
                    Record(historyAction, actorId, now, participant, from.Status, null, reason, "row deleted");
                }

                break;
        }

        var answered = transition.Effect == RowEffect.Updated
            && action is InvitationAction.Accept or InvitationAction.Decline or InvitationAction.RemoveFromOwnDiary;
        var superseded = transition.Notice is TransitionNotice.MeetingChanged or TransitionNotice.MeetingCancelled;
        if ((answered || superseded) && participant.Kind == ParticipantKind.Associate && transition.Effect != RowEffect.Deleted)
        {
            // Answered, cancelled or superseded: the invitee's open "New meeting" / "Meeting has changed" go away.
            Changes.ResolvedNotifications.Add((row.AssociateId, row));
        }

        if (transition.CountsAsDecline && Owner is { } owner)
        {
            owner.Row.RejectCounter++;
            owner.Row.Touch(actorId, now);
        }

        var title = Reference.Title;
        switch (transition.Notice)
        {
            case TransitionNotice.None:
                break;
            case TransitionNotice.InvitationDeclinedToOwner:
                if (Owner is { } o)
                {
                    Notify(o.Row.AssociateId, NotificationKind.InvitationDeclined, o.Row,
                        reason is null ? $"{participant.Name} declined '{title}'." : $"{participant.Name} declined '{title}': {reason}");
                }

                break;
            case TransitionNotice.MeetingChanged:
                Notify(row.AssociateId, NotificationKind.MeetingChanged, row, $"{OwnerName} moved '{title}' to {Describe(row)}. Please answer again.");
                break;
            case TransitionNotice.MeetingCancelled:
                Notify(row.AssociateId, NotificationKind.MeetingCancelled, row, action == InvitationAction.RemoveParticipant
                    ? $"{OwnerName} removed you from '{title}' ({Describe(row)})."
                    : $"{OwnerName} cancelled '{title}' ({Describe(row)}).");
                break;
            case TransitionNotice.AssignedToNewOwner or TransitionNotice.AssignmentDeclinedToAssigner or TransitionNotice.OrganizerChanged:
                break; // the owner's row: told by the assignment operations (MeetingAssignment.cs), never reached here
        }

        return Unit.Value;
    }

    private Participant AddRow(ParticipantCandidate candidate, int actorId, Instant now)
    {
        var master = Reference;
        var row = new Appointment
        {
            AssociateId = candidate.Kind == ParticipantKind.Person ? 0 : candidate.AssociateId!.Value,
            MotherId = master.MotherId,
            MotherAssociateId = master.AssociateId,
            TextId = master.TextId,
            InvitedPersonId = candidate.PersonId ?? 0,
            Type = candidate.Kind == ParticipantKind.Associate ? AppointmentType.BookingForDiary : AppointmentType.InDiary,
            Status = candidate.Kind == ParticipantKind.Associate ? AppointmentStatus.Booking : AppointmentStatus.NotStarted,
            Registered = now,
            RegisteredAssociateId = actorId,
            Updated = now,
            UpdatedAssociateId = actorId,
        };
        CopyShared(master, row);
        var participant = new Participant(row, candidate.Kind, candidate.Name, candidate.IsActive);
        _participants.Add(participant);
        Changes.AddedRows.Add(row);
        Record(HistoryAction.ParticipantAdded, actorId, now, participant, null, row.Status, null, null);
        if (candidate.Kind == ParticipantKind.Associate)
        {
            Notify(row.AssociateId, NotificationKind.NewMeeting, row, $"{OwnerName} invited you to '{master.Title}' ({Describe(master)}).");
        }

        return participant;
    }

    private void AnnounceToPersons(ItipMethod method, List<Participant> attendees)
    {
        var snapshot = attendees.ToList();
        foreach (var person in snapshot.Where(p => p.Kind == ParticipantKind.Person))
        {
            Changes.Itip.Add(new PendingItip(method, person, snapshot));
        }
    }

    private Error? EnsureOwner(int actorId) =>
        IsCancelled ? (Involves(actorId) || OwnerId == actorId ? MeetingErrors.Cancelled : MeetingErrors.NotFound)
        : OwnerId != actorId ? MeetingErrors.NotOwner
        : null;

    private void Notify(int recipientId, NotificationKind kind, Appointment row, string text) =>
        Changes.Notifications.Add(new PendingNotification(recipientId, kind, row, text));

    private void Record(HistoryAction action, int actorId, Instant at, Participant? subject, AppointmentStatus? from, AppointmentStatus? to, string? reason, string? details, int? subjectAssociateId = null) =>
        Changes.History.Add(new PendingHistory(action, actorId, at, subject, from, to, reason, details, subjectAssociateId));

    private static bool SameParticipant(Participant participant, ParticipantCandidate candidate) =>
        candidate.Kind == ParticipantKind.Person
            ? participant.Kind == ParticipantKind.Person && participant.Row.InvitedPersonId == candidate.PersonId
            : participant.Kind != ParticipantKind.Person && participant.Row.AssociateId == candidate.AssociateId;

    private static bool SameParticipant(ParticipantCandidate a, ParticipantCandidate b) =>
        a.Kind == ParticipantKind.Person || b.Kind == ParticipantKind.Person
            ? a.Kind == b.Kind && a.PersonId == b.PersonId
            : a.AssociateId == b.AssociateId;

    private static void CopyDetails(MeetingDetails details, Appointment row)
    {
        row.Title = details.Title;
        row.Location = details.Location;
        row.Start = details.Start;
        row.End = details.End;
        row.Private = details.Private ? PrivacyLevel.PrivateUser : PrivacyLevel.Public;
        row.Free = details.Free;
        row.ContactId = details.ContactId;
        row.PersonId = details.PersonId;
        row.LeadTime = details.LeadTime;
        row.LagTime = details.LagTime;
    }

    private static void CopyShared(Appointment from, Appointment to)
    {
        to.Title = from.Title;
        to.Location = from.Location;
        to.Start = from.Start;
        to.End = from.End;
        to.Private = from.Private;
        to.Free = from.Free;
        to.ContactId = from.ContactId;
        to.PersonId = from.PersonId;
        to.RecurrenceRuleId = from.RecurrenceRuleId; // a participant added to one occurrence joins that date of the series
        to.OriginalStart = from.OriginalStart;
        to.LeadTime = from.LeadTime;
        to.LagTime = from.LagTime;
    }

    private static string Describe(Appointment row) =>
        string.Create(CultureInfo.InvariantCulture, $"{TimePattern.Format(row.Start)}–{TimePattern.Format(row.End)}");
}
