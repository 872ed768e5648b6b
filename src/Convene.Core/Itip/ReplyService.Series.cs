using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.Core.Identity;
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
        var dates = rule is null ? [] : await DatesAsync(rule.Id, ct);

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

    /// <summary>The RSVP page of a series' e-mail: its next dates for the person, "repeating: N dates".</summary>
    private async Task<RsvpView> SeriesViewAsync(SeriesRsvp found, CancellationToken ct)
    {
        var first = found.Dates[0];
        var person = Person(first, found.PersonId)!;
        var view = await ViewAsync(first, person, ct);
        var recipient = (await store.GetRecipientsAsync(found.Invitation.MotherId, ct)).FirstOrDefault(r => r.PersonId == found.PersonId);
        var last = found.Dates[^1].Reference.Start;
        return view with
        {
            When = found.Dates.Count == 1 ? view.When : $"{view.When}, repeating: {found.Dates.Count} dates until {last.InUtc().Date.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}",
            PartStat = ItipMapper.PersonPartStat(person.Row.Status, recipient, found.Invitation.Sequence),
        };
    }

    // The RSVP link of a series' e-mail answers every coming date the person takes part in (the link names the series'
    // identity, ADR 0021); dates already over keep their answer.
    private async Task<Result<RsvpView>> AnswerSeriesRsvpAsync(SeriesRsvp found, bool accept, string? reason, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        Error? refused = null;
        var applied = 0;
        foreach (var date in found.Dates)
        {
            var replied = date.ReplyFromPerson(found.PersonId, accept, reason, now);
            if (!replied.IsSuccess)
            {
                refused ??= replied.Error;
                continue;
            }

            await meetings.SaveAsync(date, ct);
            applied++;
        }

        if (applied == 0)
        {
            return refused ?? ItipErrors.RsvpNotInvited;
        }

        var recipient = (await store.GetRecipientsAsync(found.Invitation.MotherId, ct)).FirstOrDefault(r => r.PersonId == found.PersonId);
        if (recipient is not null)
        {
            recipient.ReplySequence = found.Invitation.Sequence;
            recipient.ReplyStamp = now;
        }

        return await SeriesViewAsync(found, ct);
    }

    // Whether an RSVP token is a series' (IsSeries false: an ordinary meeting's, handled as before), and if so the
    // person's coming dates of it.
    private async Task<(bool IsSeries, Result<SeriesRsvp> Found)> FindSeriesByTokenAsync(string token, CancellationToken ct)
    {
        if (series is null || string.IsNullOrWhiteSpace(token) || token.Length > 100
            || await store.FindRsvpTokenAsync(AuthService.HashToken(token), ct) is not { } stored
            || await store.FindInvitationAsync(stored.MotherId, ct) is not { RecurrenceRuleId: not 0 } invitation)
        {
            return (false, default);
        }

        var dates = await DatesAsync(invitation.RecurrenceRuleId, ct);
        var theirs = dates.Where(d => !d.IsCancelled && Person(d, stored.PersonId) is not null).OrderBy(d => d.Reference.Start).ToList();
        if (theirs.Count == 0)
        {
            return (true, dates.Exists(d => !d.IsCancelled) ? ItipErrors.RsvpNotInvited : MeetingErrors.Cancelled);
        }

        // Good until the last date is over (issue 6's rule for a meeting, applied to the series).
        var now = clock.GetCurrentInstant();
        var coming = theirs.Where(d => d.Reference.End > now).ToList();
        return (true, coming.Count == 0 ? ItipErrors.RsvpExpired : new SeriesRsvp(invitation, coming, stored.PersonId));
    }

    private async Task<List<Meeting>> DatesAsync(int ruleId, CancellationToken ct)
    {
        var dates = new List<Meeting>();
        foreach (var id in await series!.FindOccurrenceIdsAsync(ruleId, ct))
        {
            if (await meetings.FindAsync(id, ct) is { } date)
            {
                dates.Add(date);
            }
        }

        return dates;
    }

    private sealed record SeriesRsvp(InvitationRecord Invitation, IReadOnlyList<Meeting> Dates, int PersonId);

    // RFC 5546 §2.1.5: a reply to an older revision is obsolete; one to a revision never sent is wrong.
    private static Error? SequenceError(int reply, int current) =>
        reply < current ? ItipErrors.StaleSequence(reply, current)
        : reply > current ? ItipErrors.FutureSequence(reply, current)
        : null;

    private static Participant? Person(Meeting date, int personId) =>
        date.Participants.FirstOrDefault(p => p.Kind == ParticipantKind.Person && p.Row.InvitedPersonId == personId && p.Row.Status != AppointmentStatus.BookingDeleted);
}
