using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.Core.Identity;
using Convene.Core.Ports;
using Convene.ICalendar;
using NodaTime;

namespace Convene.Core.Itip;

/// <summary>What the RSVP page shows: the meeting as the invited person may see it and their current answer.</summary>
public sealed record RsvpView(
    int AppointmentId,
    int PersonId,
    string PersonName,
    string OrganizerName,
    string Title,
    string? Location,
    string? Description,
    Instant Start,
    Instant End,
    string When,
    AppointmentStatus Status,
    ParticipationStatus PartStat);

/// <summary>The outcome of an applied iTIP REPLY.</summary>
public sealed record ReplyOutcome(int AppointmentId, int PersonId, string PersonName, string PartStat, int StatusCode);

/// <summary>
/// External persons' answers: the RSVP links of the e-mails and iTIP REPLY objects (RFC 5546 §3.2.3). Both go
/// through <see cref="Meeting.ReplyFromPerson"/> and so through the invitation state machine; a refused answer
/// changes nothing.
/// </summary>
public sealed partial class ReplyService(IMeetingStore meetings, IItipStore store, IDirectoryStore directory, IUnitOfWork unitOfWork, IClock clock, ISeriesStore? series = null)
{
    public async Task<Result<RsvpView>> GetRsvpAsync(string token, CancellationToken ct)
    {
        var (isSeries, series) = await FindSeriesByTokenAsync(token, ct);
        if (isSeries)
        {
            return series.IsSuccess ? await SeriesViewAsync(series.Value, ct) : series.Error!;
        }

        var found = await FindByTokenAsync(token, ct);
        return found.IsSuccess ? await ViewAsync(found.Value.Meeting, found.Value.Person, ct) : found.Error!;
    }

    public Task<Result<RsvpView>> AnswerRsvpAsync(string token, bool accept, string? reason, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<RsvpView>(async ct =>
        {
            var (isSeries, series) = await FindSeriesByTokenAsync(token, ct);
            if (isSeries)
            {
                return series.IsSuccess ? await AnswerSeriesRsvpAsync(series.Value, accept, reason, ct) : series.Error!;
            }

            var found = await FindByTokenAsync(token, ct);
            if (!found.IsSuccess)
            {
                return found.Error!;
            }

            var (meeting, person) = found.Value;
            var invitation = await store.FindInvitationAsync(meeting.Id, ct);
            var applied = await ApplyAsync(meeting, person.PersonId!.Value, invitation?.Sequence ?? 0, accept, reason, ct);
            return applied.IsSuccess ? await ViewAsync(meeting, person, ct) : applied.Error!;
        }, cancellationToken);

    /// <summary>
    /// Applies an iTIP REPLY, matched by UID, ATTENDEE and SEQUENCE. The caller must own the meeting or be an
    /// administrator (a mail gateway's account); for anyone else the UID is unknown.
    /// </summary>
    public Task<Result<ReplyOutcome>> ImportReplyAsync(Viewer viewer, VCalendar calendar, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<ReplyOutcome>(async ct =>
        {
            if (calendar.Method?.Known != CalendarMethod.Reply)
            {
                return ItipErrors.NotReply;
            }

            if (calendar.Events.Count != 1)
            {
                return ItipErrors.OneEvent;
            }

            var ev = calendar.Events[0];
            if (string.IsNullOrWhiteSpace(ev.Uid))
            {
                return ItipErrors.UidMissing;
            }

            if (ev.Stamp is not { } stamp)
            {
                return ItipErrors.StampMissing;
            }

            if (ev.Attendees.Count != 1)
            {
                return ItipErrors.OneAttendee;
            }

            var invitation = await store.FindInvitationByUidAsync(ev.Uid, ct);
            if (invitation is { RecurrenceRuleId: not 0 } && series is not null)
            {
                return await ImportSeriesReplyAsync(viewer, invitation, ev, stamp, ct);
            }

            var meeting = invitation is null ? null : await meetings.FindAsync(invitation.MotherId, ct);
            if (invitation is null || meeting is null || (meeting.OwnerId != viewer.AssociateId && !viewer.IsAdministrator))
            {
                return ItipErrors.UnknownUid;
            }

            if (ev.RecurrenceId is not null)
            {
                return ItipErrors.NotRecurring;
            }

            var attendee = ev.Attendees[0];
            var recipient = (await store.GetRecipientsAsync(meeting.Id, ct))
                .FirstOrDefault(r => r.Email is not null && string.Equals(r.Email, attendee.Email.Trim(), StringComparison.OrdinalIgnoreCase));
            var person = recipient is null ? null : meeting.Participants.FirstOrDefault(p => p.Kind == ParticipantKind.Person && p.Row.InvitedPersonId == recipient.PersonId);
            if (recipient is null || person is null)
            {
                return meeting.IsCancelled ? MeetingErrors.Cancelled : ItipErrors.NotInvited;
            }

            // RFC 5546 §2.1.5: a reply to an older revision is obsolete; of two replies to one revision the later DTSTAMP wins.
            if (ev.Sequence < invitation.Sequence)
            {
                return ItipErrors.StaleSequence(ev.Sequence, invitation.Sequence);
            }

            if (ev.Sequence > invitation.Sequence)
            {
                return ItipErrors.FutureSequence(ev.Sequence, invitation.Sequence);
            }

            if (recipient.ReplySequence == invitation.Sequence && recipient.ReplyStamp is { } last && stamp <= last)
            {
                return ItipErrors.StaleReply;
            }

            var accept = Accepts(attendee);
            if (accept is null)
            {
                return ItipErrors.UnsupportedPartStat(attendee.ParticipationStatus.Token);
            }

            var comment = Comment(ev);
            var applied = await ApplyAsync(meeting, recipient.PersonId, invitation.Sequence, accept.Value, accept.Value ? null : comment, ct, stamp);
            if (!applied.IsSuccess)
            {
                return applied.Error!;
            }

            return new ReplyOutcome(meeting.Id, recipient.PersonId, person.Name, accept.Value ? "ACCEPTED" : "DECLINED", (int)person.Row.Status);
        }, cancellationToken);

    // ACCEPTED or DECLINED; Convene records nothing else (TENTATIVE, DELEGATED …).
    private static bool? Accepts(Attendee attendee) => attendee.ParticipationStatus.Known switch
    {
        ParticipationStatus.Accepted => true,
        ParticipationStatus.Declined => false,
        _ => null,
    };

    private static string? Comment(VEvent ev) => ev.ExtraProperties.FirstOrDefault(p => p.Name == "COMMENT")?.GetText();

    private async Task<Result<Unit>> ApplyAsync(Meeting meeting, int personId, int sequence, bool accept, string? reason, CancellationToken ct, Instant? stamp = null)
    {
        var now = clock.GetCurrentInstant();
        var replied = meeting.ReplyFromPerson(personId, accept, reason, now);
        if (!replied.IsSuccess)
        {
            return replied.Error!;
        }

        var recipient = (await store.GetRecipientsAsync(meeting.Id, ct)).FirstOrDefault(r => r.PersonId == personId);
        if (recipient is null)
        {
            recipient = new InvitationRecipient { MotherId = meeting.Id, PersonId = personId, DeliveryUpdated = now, DeliveryState = DeliveryState.NoAddress };
            store.Add(recipient);
        }

        recipient.ReplySequence = sequence;
        recipient.ReplyStamp = stamp ?? now;
        await meetings.SaveAsync(meeting, ct);
        return Unit.Value;
    }

    private async Task<Result<(Meeting Meeting, Participant Person)>> FindByTokenAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return ItipErrors.RsvpNotFound;
        }

        var stored = await store.FindRsvpTokenAsync(AuthService.HashToken(token), ct);
        if (stored is null)
        {
            return ItipErrors.RsvpNotFound;
        }

        var meeting = await meetings.FindAsync(stored.MotherId, ct);
        if (meeting is null || meeting.IsCancelled)
        {
            return MeetingErrors.Cancelled;
        }

        var person = meeting.Participants.FirstOrDefault(p => p.Kind == ParticipantKind.Person && p.Row.InvitedPersonId == stored.PersonId);
        if (person is null)
        {
            return ItipErrors.RsvpNotInvited;
        }

        // The link is good until the meeting is over (issue 6); a move extends it with the meeting.
        return clock.GetCurrentInstant() >= meeting.Reference.End ? ItipErrors.RsvpExpired : (meeting, person);
    }

    private async Task<RsvpView> ViewAsync(Meeting meeting, Participant person, CancellationToken ct)
    {
        var invitation = await store.FindInvitationAsync(meeting.Id, ct);
        var recipient = (await store.GetRecipientsAsync(meeting.Id, ct)).FirstOrDefault(r => r.PersonId == person.Row.InvitedPersonId);
        var owner = await directory.FindAssociateAsync(meeting.OwnerId, ct);
        var reference = meeting.Reference;
        return new RsvpView(
            meeting.Id,
            person.Row.InvitedPersonId,
            person.Name,
            owner?.Name ?? "",
            reference.Title,
            reference.Location,
            meeting.Text.Body.Length == 0 ? null : meeting.Text.Body,
            reference.Start,
            reference.End,
            ItipMapper.DescribeTime(reference.Start, reference.End, owner?.TimeZone),
            person.Row.Status,
            ItipMapper.PersonPartStat(person.Row.Status, recipient, invitation?.Sequence ?? 0));
    }
}
