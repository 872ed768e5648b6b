using Convene.Core.Common;
using Convene.Core.Directory;
using Convene.Core.Itip;
using Convene.Core.Ports;
using Convene.Core.Scheduling;
using NodaTime;

namespace Convene.Core.Appointments;

/// <summary>Who to invite: an associate (employee or resource) or an external person.</summary>
/// <param name="AssociateId">An employee or a resource.</param>
/// <param name="PersonId">An external contact person.</param>
/// <param name="Kind">Optional: what the caller believes the id names; a mismatch is refused rather than guessed.</param>
/// <param name="SendEmail">For an external person: false = no e-mail to them (the seeds' <c>SendEmail</c>).</param>
public sealed record ParticipantRef(int? AssociateId, int? PersonId, ParticipantKind? Kind = null, bool SendEmail = true);

/// <summary>A new meeting as the owner asks for it.</summary>
public sealed record NewMeeting(
    string? Title,
    string? Description,
    string? Location,
    Instant Start,
    Instant End,
    bool Private,
    bool Free,
    int? ContactId,
    int? PersonId,
    IReadOnlyList<ParticipantRef> Participants,
    bool SendEmail = true,
    Duration LeadTime = default,
    Duration LagTime = default);

/// <summary>The use cases of meetings and invitations; each runs in one transaction.</summary>
/// <remarks><paramref name="scheduling"/> (optional) adds "first available" to the view of a meeting with a conflict.</remarks>
public sealed class MeetingService(IMeetingStore meetings, IDirectoryStore directory, IUnitOfWork unitOfWork, IClock clock, ItipPublisher itip, SchedulingService? scheduling = null, ISeriesStore? series = null)
{
    public async Task<Result<MeetingView>> CreateAsync(Viewer viewer, NewMeeting input, CancellationToken cancellationToken)
    {
        // The directory is read before the transaction: these reads need no lock, and inside it they held SQLite's
        // single writer (issue 8). The owner and every named colleague or resource in one read; resolving the
        // participants and the resources' double-booking rule use it too (a round trip each on PostgreSQL). What is
        // decided from them — the participants' names and states — is what they were a moment earlier, as for a
        // request that came a moment earlier; the double-booking check itself reads inside the transaction.
        var known = await directory.FindAssociatesAsync(
            input.Participants.Where(p => p.AssociateId is not null).Select(p => p.AssociateId!.Value).Append(viewer.AssociateId).Distinct().ToList(), cancellationToken);
        var owner = known.GetValueOrDefault(viewer.AssociateId);
        if (owner is null || owner.IsResource)
        {
            return Error.Forbidden("appointment.owner_not_employee", "Only an employee can own a meeting.");
        }

        var link = await ResolveLinkAsync(input.ContactId, input.PersonId, cancellationToken);
        if (!link.IsSuccess)
        {
            return link.Error!;
        }

        var candidates = await ResolveAsync(input.Participants, cancellationToken, known);
        if (!candidates.IsSuccess)
        {
            return candidates.Error!;
        }

        var details = new MeetingDetails(input.Title ?? "", input.Description, input.Location, input.Start, input.End, input.Private, input.Free, link.Value.ContactId, link.Value.PersonId)
        {
            LeadTime = input.LeadTime,
            LagTime = input.LagTime,
        };
        var ownerCandidate = new ParticipantCandidate(ParticipantKind.Owner, owner.Id, owner.PersonId, owner.Name, owner.IsActive);
        var optedOut = input.Participants.Where(p => !p.SendEmail && p.PersonId is not null).Select(p => p.PersonId!.Value).ToHashSet();
        return await ViewAfterCommitAsync(viewer, unitOfWork.InTransactionAsync<Meeting>(async ct =>
        {
            // Built inside: a transaction that is run again (ADR 0018) starts from a meeting nobody has saved.
            var created = Meeting.Create(details, ownerCandidate, candidates.Value, clock.GetCurrentInstant());
            if (!created.IsSuccess)
            {
                return created.Error!;
            }

            if (await RefusedByResourcesAsync(created.Value, ct, known) is { } refused)
            {
                return refused;
            }

            await SaveAsync(created.Value, new EmailPreferences(input.SendEmail, optedOut), ct, owner);
            return created.Value;
        }, cancellationToken), cancellationToken);
    }

    public async Task<Result<MeetingView>> GetAsync(Viewer viewer, int id, CancellationToken cancellationToken)
    {
        var meeting = await FindVisibleAsync(viewer, id, cancellationToken);
        return meeting.IsSuccess ? await ViewAsync(meeting.Value, viewer.AssociateId, cancellationToken) : meeting.Error!;
    }

    public Task<Result<MeetingView>> EditAsync(Viewer viewer, int id, MeetingEdit edit, string? expectedStamp, CancellationToken cancellationToken) =>
        ChangeAsync(viewer, id, expectedStamp, (meeting, now) => meeting.Edit(viewer.AssociateId, edit, now), cancellationToken, checkResources: true);

    public Task<Result<MeetingView>> CancelAsync(Viewer viewer, int id, string? expectedStamp, CancellationToken cancellationToken) =>
        ChangeAsync(viewer, id, expectedStamp, (meeting, now) => meeting.Cancel(viewer.AssociateId, now), cancellationToken);

    public Task<Result<MeetingView>> AddParticipantAsync(Viewer viewer, int id, ParticipantRef participant, CancellationToken cancellationToken) =>
        ViewAfterCommitAsync(viewer, unitOfWork.InTransactionAsync<Meeting>(async ct =>
        {
            var resolved = await ResolveAsync([participant], ct);
            if (!resolved.IsSuccess)
            {
                return resolved.Error!;
            }

            var preferences = participant is { SendEmail: false, PersonId: { } personId }
                ? new EmailPreferences(true, new HashSet<int> { personId })
                : null;
            return await ChangeInTransactionAsync(viewer, id, null, (meeting, now) =>
            {
                var added = meeting.AddParticipant(viewer.AssociateId, resolved.Value[0], now);
                return added.IsSuccess ? Unit.Value : added.Error!;
            }, ct, checkResources: true, preferences);
        }, cancellationToken), cancellationToken);

    public Task<Result<MeetingView>> RemoveParticipantAsync(Viewer viewer, int id, int rowId, CancellationToken cancellationToken) =>
        ChangeAsync(viewer, id, null, (meeting, now) => meeting.RemoveParticipant(viewer.AssociateId, rowId, now), cancellationToken);

    /// <summary>The calling invitee answers (seen, accept, decline) on their own row of meeting <paramref name="id"/>.</summary>
    public Task<Result<MeetingView>> AnswerAsync(Viewer viewer, int id, InvitationAction action, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(viewer, id, null, (meeting, now) =>
        {
            var answered = meeting.Answer(viewer.AssociateId, action, reason, now);
            return answered.IsSuccess ? Unit.Value : answered.Error!;
        }, cancellationToken);

    /// <summary>DELETE on a meeting: the owner cancels it; an invitee removes it from their diary (a decline).</summary>
    public Task<Result<MeetingView>> DeleteAsync(Viewer viewer, int id, string? expectedStamp, CancellationToken cancellationToken) =>
        ChangeAsync(viewer, id, expectedStamp, (meeting, now) =>
        {
            if (!meeting.IsCancelled && meeting.OwnerId == viewer.AssociateId)
            {
                return meeting.Cancel(viewer.AssociateId, now);
            }

            var answered = meeting.Answer(viewer.AssociateId, InvitationAction.RemoveFromOwnDiary, null, now);
            return answered.IsSuccess ? Unit.Value : answered.Error!;
        }, cancellationToken);

    /// <summary>The owner assigns meeting <paramref name="id"/> to another employee (issue 9): status 11 in their diary.</summary>
    public Task<Result<MeetingView>> AssignAsync(Viewer viewer, int id, int? associateId, string? note, CancellationToken cancellationToken) =>
        ViewAfterCommitAsync(viewer, unitOfWork.InTransactionAsync<Meeting>(async ct =>
        {
            var candidate = await NewOwnerAsync(associateId, ct);
            return candidate.IsSuccess
                ? await ChangeInTransactionAsync(viewer, id, null, (meeting, now) => meeting.Assign(viewer.AssociateId, candidate.Value, note, now), ct)
                : candidate.Error!;
        }, cancellationToken), cancellationToken);

    /// <summary>The assigner takes a pending assignment back before it is answered.</summary>
    public Task<Result<MeetingView>> TakeBackAssignmentAsync(Viewer viewer, int id, CancellationToken cancellationToken) =>
        ChangeAsync(viewer, id, null, (meeting, now) => meeting.TakeBackAssignment(viewer.AssociateId, now), cancellationToken);

    /// <summary>
    /// Administrator: the future meetings an associate owns (or has assigned and still holds) — what must be handed
    /// over before, or after, they are deactivated, so that nothing is orphaned.
    /// </summary>
    public async Task<Result<IReadOnlyList<MeetingView>>> ListOwnedFutureMeetingsAsync(Viewer viewer, int associateId, CancellationToken cancellationToken)
    {
        if (!viewer.IsAdministrator)
        {
            return AssignmentErrors.NotAdministrator;
        }

        if (await directory.FindAssociateAsync(associateId, cancellationToken) is null)
        {
            return AssignmentErrors.AssociateNotFound;
        }

        var views = new List<MeetingView>();
        foreach (var meetingId in await meetings.FindOwnedMeetingIdsAsync(associateId, clock.GetCurrentInstant(), cancellationToken))
        {
            if (await meetings.FindAsync(meetingId, cancellationToken) is { } meeting)
            {
                views.Add(await ViewAsync(meeting, cancellationToken));
            }
        }

        return views;
    }

    /// <summary>Administrator: hands every future meeting of <paramref name="fromId"/> to <paramref name="toId"/> in one transaction.</summary>
    public Task<Result<IReadOnlyList<int>>> ReassignMeetingsAsync(Viewer viewer, int fromId, int? toId, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<IReadOnlyList<int>>(async ct =>
        {
            if (!viewer.IsAdministrator)
            {
                return AssignmentErrors.NotAdministrator;
            }

            if (await directory.FindAssociateAsync(fromId, ct) is null)
            {
                return AssignmentErrors.AssociateNotFound;
            }

            var candidate = await NewOwnerAsync(toId, ct);
            if (!candidate.IsSuccess)
            {
                return candidate.Error!;
            }

            var handed = new List<int>();
            foreach (var meetingId in await meetings.FindOwnedMeetingIdsAsync(fromId, clock.GetCurrentInstant(), ct))
            {
                var meeting = await meetings.FindAsync(meetingId, ct);
                if (meeting is null)
                {
                    continue;
                }

                var handedOver = meeting.HandOver(viewer.AssociateId, candidate.Value, clock.GetCurrentInstant());
                if (!handedOver.IsSuccess)
                {
                    return handedOver.Error!; // the transaction rolls back: all or nothing
                }

                await SaveAsync(meeting, null, ct);
                handed.Add(meeting.Id);
            }

            return handed;
        }, cancellationToken);

    // The associate a meeting is assigned or handed to: an existing employee; the meeting checks active and not-self.
    private async Task<Result<ParticipantCandidate>> NewOwnerAsync(int? associateId, CancellationToken ct)
    {
        if (associateId is not { } id)
        {
            return Error.Validation("assignment.associate_required", "associateId is required.", "associateId");
        }

        var associate = await directory.FindAssociateAsync(id, ct);
        return associate is null
            ? AssignmentErrors.UnknownAssociate
            : new ParticipantCandidate(
                associate.IsResource ? ParticipantKind.Resource : ParticipantKind.Associate,
                associate.Id,
                associate.IsResource ? null : associate.PersonId,
                associate.Name,
                associate.IsActive,
                associate.IsLocation);
    }

    public async Task<Result<IReadOnlyList<HistoryView>>> GetHistoryAsync(Viewer viewer, int id, CancellationToken cancellationToken)
    {
        var meeting = await meetings.FindAsync(id, cancellationToken);
        if (meeting is null || !meeting.Involves(viewer.AssociateId))
        {
            // History is for participants only: it names everyone's answers and reasons.
            return meeting is not null && !meeting.IsCancelled && !meeting.Reference.IsPrivate
                ? Error.Forbidden("appointment.history_participants_only", "Only participants can read a meeting's history.")
                : MeetingErrors.NotFound;
        }

        var entries = await meetings.GetHistoryAsync(meeting.Id, cancellationToken);
        var associateIds = entries.Select(e => e.ActorId)
            .Concat(entries.Where(e => e.SubjectAssociateId is not null).Select(e => e.SubjectAssociateId!.Value))
            .Distinct()
            .ToList();
        var associates = await directory.FindAssociatesAsync(associateIds, cancellationToken);
        var persons = await directory.FindPersonsAsync(entries.Where(e => e.SubjectPersonId is not null).Select(e => e.SubjectPersonId!.Value).Distinct().ToList(), cancellationToken);
        return entries.Select(e => new HistoryView(
            e.At,
            e.ActorId,
            associates.TryGetValue(e.ActorId, out var actor) ? actor.Name : $"#{e.ActorId}",
            e.Action,
            e.AppointmentId,
            e.SubjectAssociateId,
            e.SubjectPersonId,
            e.SubjectAssociateId is { } sa && associates.TryGetValue(sa, out var subject) ? subject.Name
                : e.SubjectPersonId is { } sp && persons.TryGetValue(sp, out var person) ? person.Name : null,
            (int?)e.FromStatus,
            (int?)e.ToStatus,
            e.Reason,
            e.Details)).ToList();
    }

    private async Task<Result<MeetingView>> ChangeAsync(Viewer viewer, int id, string? expectedStamp, Func<Meeting, Instant, Result<Unit>> change, CancellationToken cancellationToken, bool checkResources = false)
    {
        await meetings.ReadAheadAsync(id, cancellationToken);
        return await ViewAfterCommitAsync(viewer, unitOfWork.InTransactionAsync<Meeting>(ct => ChangeInTransactionAsync(viewer, id, expectedStamp, change, ct, checkResources), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The answer to a change is built after its transaction commits: the view reads the participants' diaries for
    /// conflicts and may search for the first available time, reads that need no lock. Inside the transaction they
    /// held the single SQLite writer (or the meeting's row lock on PostgreSQL) for most of a write's time (issue 8).
    /// </summary>
    private async Task<Result<MeetingView>> ViewAfterCommitAsync(Viewer viewer, Task<Result<Meeting>> change, CancellationToken cancellationToken)
    {
        var changed = await change;
        return changed.IsSuccess ? await ViewAsync(changed.Value, viewer.AssociateId, cancellationToken) : changed.Error!;
    }

    private async Task<Result<Meeting>> ChangeInTransactionAsync(
        Viewer viewer, int id, string? expectedStamp, Func<Meeting, Instant, Result<Unit>> change, CancellationToken ct, bool checkResources = false, EmailPreferences? preferences = null)
    {
        var found = await FindVisibleAsync(viewer, id, ct);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var meeting = found.Value;
        if (expectedStamp is { } expected && meeting.ConcurrencyStamp != expected)
        {
            return Error.PreconditionFailed("appointment.precondition_failed", "The meeting has changed since you read it; read it again.");
        }

        var revision = meeting.Revision;
        var changed = change(meeting, clock.GetCurrentInstant());
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        if (checkResources && meeting.Revision != revision && await RefusedByResourcesAsync(meeting, ct) is { } refused)
        {
            return refused;
        }

        await SaveAsync(meeting, preferences, ct);
        return meeting;
    }

    // The rows, notifications and history, then the iCalendar revision and the outbox e-mails: one transaction.
    internal async Task SaveAsync(Meeting meeting, EmailPreferences? preferences, CancellationToken ct, Associate? knownOwner = null)
    {
        var changes = meeting.Changes;
        await meetings.SaveAsync(meeting, ct);
        await itip.PublishAsync(meeting, changes, preferences, ct, knownOwner);
    }

    /// <summary>
    /// Resources with the RejectConflicts policy refuse a booking that overlaps another busy booking of theirs. The
    /// resources are locked first, so two simultaneous bookings of the same slot cannot both pass the check.
    /// </summary>
    /// <remarks><paramref name="known"/>: directory entries the caller has just read, when they include every resource.</remarks>
    internal async Task<Error?> RefusedByResourcesAsync(Meeting meeting, CancellationToken ct, IReadOnlyDictionary<int, Associate>? known = null)
    {
        var booked = meeting.Participants
            .Where(p => p.Kind == ParticipantKind.Resource && p.Row.BlocksTime)
            .Select(p => p.Row.AssociateId)
            .Distinct()
            .ToList();
        if (booked.Count == 0)
        {
            return null;
        }

        var resources = known is not null && booked.TrueForAll(known.ContainsKey) ? known : await directory.FindAssociatesAsync(booked, ct);
        var exclusive = booked.Where(id => resources.TryGetValue(id, out var r) && r.RejectConflicts).Order().ToList();
        if (exclusive.Count == 0)
        {
            return null;
        }

        await meetings.LockResourcesAsync(exclusive, ct);
        var reference = meeting.Reference;
        var overlaps = await meetings.FindOverlapsAsync(exclusive, reference.Start - reference.LeadTime, reference.End + reference.LagTime, meeting.Id, ct);
        return overlaps.Count == 0
            ? null
            : MeetingErrors.DoubleBooked(overlaps.Select(o => (resources[o.DiaryId].Name, o.DiaryId, o.Start, o.End)).ToList());
    }

    /// <summary>The meeting if the viewer may see it: anyone for public meetings, only participants for private ones.</summary>
    internal async Task<Result<Meeting>> FindVisibleAsync(Viewer viewer, int id, CancellationToken ct)
    {
        var meeting = await meetings.FindAsync(id, ct);
        if (meeting is null)
        {
            return MeetingErrors.NotFound;
        }

        return meeting.IsVisibleTo(viewer.AssociateId) ? meeting : MeetingErrors.NotFound;
    }

    internal Task<MeetingView> ViewAsync(Meeting meeting, CancellationToken ct) => ViewAsync(meeting, null, ct);

    /// <summary>
    /// The meeting as <paramref name="viewerId"/> sees it. "First available" (a search of every participant's busy
    /// time) is worked out only for whoever may move the meeting — its owner — or when no viewer is named: an invitee
    /// cannot act on it, and reading it for every invitee's GET and answer was a fifth of the server's time under the
    /// load benchmark (issue 8; docs/adr/0023-first-available-for-the-owner.md).
    /// </summary>
    internal async Task<MeetingView> ViewAsync(Meeting meeting, int? viewerId, CancellationToken ct)
    {
        var reference = meeting.Reference;
        var blocking = meeting.Participants
            .Where(p => p.Kind != ParticipantKind.Person && p.Row.BlocksTime)
            .Select(p => p.Row.AssociateId)
            .Distinct()
            .ToList();
        var overlapping = blocking.Count == 0 || meeting.IsCancelled
            ? new HashSet<int>()
            : await meetings.FindDiariesWithOverlapAsync(blocking, reference.Start - reference.LeadTime, reference.End + reference.LagTime, meeting.Id, ct);
        var ownerName = (meeting.IsAssignmentPending ? null : meeting.Owner?.Name) ?? (await directory.FindAssociateAsync(meeting.OwnerId, ct))?.Name ?? "";
        var participants = meeting.Participants.Select(p => new ParticipantView(
            p.Row.Id,
            p.Kind,
            p.AssociateId,
            p.PersonId,
            p.Name,
            StatusNames.For(p.Kind, p.Row.Status),
            (int)p.Row.Status,
            p.Row.RejectReason,
            p.Kind != ParticipantKind.Person && p.Row.BlocksTime && overlapping.Contains(p.Row.AssociateId),
            p.IsActive)).ToList();
        // SuperOffice's "First available": the first free time of the same length after the requested start.
        var firstAvailable = scheduling is not null && overlapping.Count > 0 && (viewerId is null || viewerId == meeting.OwnerId)
            ? await scheduling.FirstAvailableForMeetingAsync(blocking, new TimeRange(reference.Start, reference.End), reference.LeadTime, reference.LagTime, meeting.Id, ct)
            : null;
        return new MeetingView(
            meeting.Id,
            meeting.OwnerId,
            ownerName,
            reference.Title,
            meeting.Text.Body,
            reference.Location,
            reference.Start,
            reference.End,
            reference.IsPrivate,
            reference.Free,
            reference.ContactId,
            reference.PersonId,
            meeting.Owner?.Row.RejectCounter ?? 0,
            meeting.IsCancelled,
            participants.Exists(p => p.Conflict),
            meeting.ConcurrencyStamp,
            meeting.Revision,
            participants)
        {
            FirstAvailable = firstAvailable,
            LeadTime = reference.LeadTime,
            LagTime = reference.LagTime,
            Series = series is not null && reference.RecurrenceRuleId != 0 && await series.FindRuleAsync(reference.RecurrenceRuleId, ct) is { } rule
                ? new Series.SeriesInfo(rule.Id, rule.TimeZone, rule.LineList, reference.OriginalStart ?? reference.Start)
                : null,
        };
    }

    internal async Task<Result<(int? ContactId, int? PersonId)>> ResolveLinkAsync(int? contactId, int? personId, CancellationToken ct)
    {
        if (personId is { } pid)
        {
            var person = await directory.FindPersonAsync(pid, ct);
            if (person is null)
            {
                return Error.Validation("appointment.unknown_person", $"There is no person {pid}.", "personId");
            }

            if (contactId is { } cid && cid != person.ContactId)
            {
                return Error.Validation("appointment.person_not_at_contact", $"Person {pid} does not belong to contact {cid}.", "personId");
            }

            return (person.ContactId, pid);
        }

        if (contactId is { } id && await directory.FindContactAsync(id, ct) is null)
        {
            return Error.Validation("appointment.unknown_contact", $"There is no contact {id}.", "contactId");
        }

        return (contactId, null);
    }

    /// <remarks><paramref name="known"/>: directory entries the caller has just read, when they include every named associate.</remarks>
    internal async Task<Result<IReadOnlyList<ParticipantCandidate>>> ResolveAsync(IReadOnlyList<ParticipantRef> refs, CancellationToken ct, IReadOnlyDictionary<int, Associate>? known = null)
    {
        if (refs.Count > Limits.MaxParticipants)
        {
            return MeetingErrors.TooManyParticipants;
        }

        foreach (var r in refs)
        {
            if (r.AssociateId is null == r.PersonId is null || (r.Kind is { } k && (k == ParticipantKind.Person) != (r.PersonId is not null)) || r.Kind == ParticipantKind.Owner)
            {
                return Error.Validation("participant.invalid", "A participant names exactly one of associateId or personId.", "participants");
            }
        }

        var named = refs.Where(r => r.AssociateId is not null).Select(r => r.AssociateId!.Value).Distinct().ToList();
        var associates = known is not null && named.TrueForAll(known.ContainsKey) ? known : await directory.FindAssociatesAsync(named, ct);
        var persons = await directory.FindPersonsAsync(refs.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value).Distinct().ToList(), ct);
        var candidates = new List<ParticipantCandidate>(refs.Count);
        foreach (var r in refs)
        {
            if (r.AssociateId is { } aid)
            {
                if (!associates.TryGetValue(aid, out var associate))
                {
                    return Error.Validation("participant.unknown_associate", $"There is no associate {aid}.", "participants");
                }

                var kind = associate.IsResource ? ParticipantKind.Resource : ParticipantKind.Associate;
                if (r.Kind is { } expected && expected != kind)
                {
                    return Error.Validation("participant.kind_mismatch", $"Associate {aid} is a {kind.ToString().ToLowerInvariant()}, not a {expected.ToString().ToLowerInvariant()}.", "participants");
                }

                candidates.Add(new ParticipantCandidate(
                    kind,
                    associate.Id,
                    associate.IsResource ? null : associate.PersonId,
                    associate.Name,
                    associate.IsActive,
                    associate.IsLocation));
            }
            else
            {
                var pid = r.PersonId!.Value;
                if (!persons.TryGetValue(pid, out var person))
                {
                    return Error.Validation("participant.unknown_person", $"There is no person {pid}.", "participants");
                }

                candidates.Add(new ParticipantCandidate(ParticipantKind.Person, null, person.Id, person.Name, person.IsActive));
            }
        }

        return candidates;
    }
}
