using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.ICalendar;
using NodaTime;

namespace Convene.Core.Itip;

/// <summary>iTIP REPLYs to a series (issue 7, ADR 0021): one date by its RECURRENCE-ID, or the whole series.</summary>
public sealed partial class ReplyService
{
    // RFC 5546 §3.2.3: a REPLY with RECURRENCE-ID answers that instance; without it, the recurring event as a whole.
    // Dates are matched by their original start (RFC 5545 §3.8.4.4), which a moved date keeps. The caller runs this in
    // the REPLY's transaction.
    private async Task<Result<ReplyOutcome>> ImportSeriesReplyAsync(Viewer viewer, InvitationRecord invitation, VEvent ev, Instant stamp, CancellationToken ct)
    {
        var rule = await series!.FindRuleAsync(invitation.RecurrenceRuleId, ct);
        var dates = new List<Meeting>();
        foreach (var id in rule is null ? [] : await series.FindOccurrenceIdsAsync(rule.Id, ct))
        {
            if (await meetings.FindAsync(id, ct) is { } date)
            {
                dates.Add(date);
            }
        }

        // The series is the owner's (a mail gateway's administrator account may import too); for anyone else it is unknown.
        var owner = dates.Find(d => !d.IsCancelled)?.OwnerId ?? rule?.OwnerId;
        if (rule is null || dates.Count == 0 || (owner != viewer.AssociateId && !viewer.IsAdministrator))
        {
            return ItipErrors.UnknownUid;
        }

        if (ev.RecurrenceIdThisAndFuture)
        {
            return ItipErrors.RangeUnsupported;
        }

        var attendee = ev.Attendees[0];
        var recipient = (await store.GetRecipientsAsync(invitation.MotherId, ct))
            .FirstOrDefault(r => r.Email is not null && string.Equals(r.Email, attendee.Email.Trim(), StringComparison.OrdinalIgnoreCase));
        if (recipient is null)
        {
            return ItipErrors.NotInvited;
        }

        var accept = Accepts(attendee);
        if (accept is null)
        {
            return ItipErrors.UnsupportedPartStat(attendee.ParticipationStatus.Token);
        }

        var zone = DateTimeZoneProviders.Tzdb[rule.TimeZone];
        var overrides = (await store.GetOccurrencesAsync(invitation.Id, ct)).ToDictionary(o => o.RecurrenceId, o => o.Sequence);
        var reason = accept.Value ? null : Comment(ev);
        var now = clock.GetCurrentInstant();
        if (ev.RecurrenceId is { } recurrenceId)
        {
            // One date: judged against the SEQUENCE that date was last sent with (its own, or the series').
            var original = recurrenceId.ToInstant(zone);
            var date = dates.Find(d => (d.Reference.OriginalStart ?? d.Reference.Start) == original);
            if (date is null)
            {
                return ItipErrors.UnknownOccurrence;
            }

            var expected = overrides.GetValueOrDefault(original, invitation.Sequence);
            if (SequenceError(ev.Sequence, expected) is { } wrong)
            {
                return wrong;
            }

            var person = Person(date, recipient.PersonId);
            if (person is null)
            {
                return date.IsCancelled ? MeetingErrors.Cancelled : ItipErrors.NotInvited;
            }

            var replied = date.ReplyFromPerson(recipient.PersonId, accept.Value, reason, now);
            if (!replied.IsSuccess)
            {
                return replied.Error!;
            }

            await meetings.SaveAsync(date, ct);
            return new ReplyOutcome(date.Id, recipient.PersonId, person.Name, accept.Value ? "ACCEPTED" : "DECLINED", (int)person.Row.Status);
        }

        // The series: every date the person takes part in, except dates sent on their own with a later SEQUENCE than
        // the one answered (moved since: they wait for their own answer, as a moved single meeting does).
        if (SequenceError(ev.Sequence, invitation.Sequence) is { } stale)
        {
            return stale;
        }

        if (recipient.ReplySequence == invitation.Sequence && recipient.ReplyStamp is { } last && stamp <= last)
        {
            return ItipErrors.StaleReply;
        }

        Participant? first = null;
        Error? refused = null;
        foreach (var date in dates.Where(d => !d.IsCancelled).OrderBy(d => d.Reference.OriginalStart ?? d.Reference.Start))
        {
            var person = Person(date, recipient.PersonId);
            if (person is null || overrides.GetValueOrDefault(date.Reference.OriginalStart ?? date.Reference.Start, ev.Sequence) > ev.Sequence)
            {
                continue;
            }

            var replied = date.ReplyFromPerson(recipient.PersonId, accept.Value, reason, now);
            if (!replied.IsSuccess)
            {
                refused ??= replied.Error;
                continue;
            }

            await meetings.SaveAsync(date, ct);
            first ??= person;
        }

        if (first is null)
        {
            return refused ?? ItipErrors.NotInvited;
        }

        recipient.ReplySequence = invitation.Sequence;
        recipient.ReplyStamp = stamp;
        return new ReplyOutcome(first.Row.MotherId, recipient.PersonId, first.Name, accept.Value ? "ACCEPTED" : "DECLINED", (int)first.Row.Status);
    }

    // RFC 5546 §2.1.5: a reply to an older revision is obsolete; one to a revision never sent is wrong.
    private static Error? SequenceError(int reply, int current) =>
        reply < current ? ItipErrors.StaleSequence(reply, current)
        : reply > current ? ItipErrors.FutureSequence(reply, current)
        : null;

    private static Participant? Person(Meeting date, int personId) =>
        date.Participants.FirstOrDefault(p => p.Kind == ParticipantKind.Person && p.Row.InvitedPersonId == personId && p.Row.Status != AppointmentStatus.BookingDeleted);
}
