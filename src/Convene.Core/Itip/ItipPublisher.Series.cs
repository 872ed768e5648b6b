using Convene.Core.Appointments;
using Convene.Core.Identity;
using Convene.Core.Ports;
using Convene.Core.Series;
using Convene.ICalendar;
using NodaTime;

namespace Convene.Core.Itip;

/// <summary>
/// iMIP for series (issue 7, ADR 0021). A series has ONE iCalendar identity (<see cref="InvitationRecord"/> with
/// <see cref="InvitationRecord.RecurrenceRuleId"/>): external persons get one REQUEST with the whole recurring event
/// (RRULE/RDATE/EXDATE, overrides, VTIMEZONE) when it is created or several dates change, a REQUEST or CANCEL for one
/// RECURRENCE-ID when one date changes (RFC 5546 §3.2.2, §3.2.5), and a CANCEL for the UID when no date is left for them.
/// </summary>
public sealed partial class ItipPublisher
{
    /// <summary>
    /// Tells the persons of <paramref name="pending"/> about a change of several dates (or a new series), one message
    /// each: the whole recurring event as they now take part in it, or a CANCEL of the UID when they take part in no
    /// date any more (RFC 5546 §3.2.5: no RECURRENCE-ID cancels every instance).
    /// </summary>
    /// <param name="rule">The series.</param>
    /// <param name="dates">Every date of the series that still has rows, after the change.</param>
    /// <param name="pending">What the dates' operations decided (one per person and date); grouped by person here.</param>
    /// <param name="revised">A significant change (a move, a cancel): the series' SEQUENCE goes up (RFC 5546 §2.1.4).</param>
    /// <param name="preferences">The owner's e-mail choices (on create).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task PublishSeriesAsync(SeriesRule rule, IReadOnlyList<Meeting> dates, IReadOnlyList<PendingItip> pending, bool revised, EmailPreferences? preferences, CancellationToken ct)
    {
        if (pending.Count == 0 || dates.Count == 0)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        var zone = DateTimeZoneProviders.Tzdb[rule.TimeZone];
        var ordered = dates.OrderBy(OriginalStart).ToList();
        var invitation = await SeriesInvitationAsync(rule, ordered, preferences, now, ct);
        var byPerson = pending.GroupBy(p => p.Recipient.Row.InvitedPersonId).Select(g => g.First()).ToList();
        var live = byPerson.ToDictionary(p => p.Recipient.Row.InvitedPersonId, p => ordered.Where(m => !m.IsCancelled && PersonRow(m, p.Recipient.Row.InvitedPersonId) is not null).ToList());

        // One SEQUENCE for the whole event: dates sent on their own since carried higher ones, so the whole event goes
        // above all of them and their per-date records are done with (every override is in this message).
        var overrides = invitation.Id == 0 ? [] : await store.GetOccurrencesAsync(invitation.Id, ct);
        // A date taken away from someone (a CANCEL of one date folded into the whole event) is a revision for them too.
        var cancels = pending.Any(p => p.Method == ItipMethod.Cancel);
        if (invitation.Id != 0 && (revised || cancels || overrides.Count > 0))
        {
            invitation.Sequence = Math.Max(invitation.Sequence, overrides.Count == 0 ? 0 : overrides.Max(o => o.Sequence)) + 1;
            foreach (var done in overrides)
            {
                store.Remove(done);
            }
        }

        invitation.Stamp = now;
        var everyone = ordered.SelectMany(m => m.Participants).Concat(pending.SelectMany(p => p.Attendees)).ToList();
        var associates = await directory.FindAssociatesAsync(everyone.Where(p => p.Kind != ParticipantKind.Person).Select(p => p.Row.AssociateId).Append(rule.OwnerId).Distinct().ToList(), ct);
        var persons = await directory.FindPersonsAsync(everyone.Where(p => p.Kind == ParticipantKind.Person).Select(p => p.Row.InvitedPersonId).Distinct().ToList(), ct);
        var recipients = await RecipientsAsync(invitation.MotherId, byPerson.Select(p => (live[p.Recipient.Row.InvitedPersonId].Count > 0 ? ItipMethod.Request : ItipMethod.Cancel, p.Recipient)), persons, preferences, ct);
        var attendees = new AttendeeDirectory(associates, persons, recipients);
        var ownerZone = associates.GetValueOrDefault(ordered[0].OwnerId)?.TimeZone ?? rule.TimeZone;
        var byId = ordered.ToDictionary(m => m.Id);
        foreach (var first in byPerson)
        {
            var personId = first.Recipient.Row.InvitedPersonId;
            var recipient = recipients[personId];
            if (!Deliverable(invitation, recipient, now))
            {
                continue;
            }

            var theirs = live[personId];
            var calendar = new VCalendar { Method = theirs.Count > 0 ? CalendarMethod.Request : CalendarMethod.Cancel };
            MailText text;
            if (theirs.Count > 0)
            {
                // The recurring event as this person takes part in it: dates without them become EXDATEs, dates that
                // differ from the rule (moved, another attendee list or answer) RECURRENCE-ID overrides (RFC 5545 §3.8.4.4).
                var rows = theirs.Select(m => ToRow(m, PersonRow(m, personId)!)).ToList();
                var events = SeriesCalendar.Build(rule, rows, row => ItipMapper.ToEvent(byId[row.MotherId], invitation, byId[row.MotherId].Participants, attendees, false),
                    invitation.Uid, invitation.Stamp, keepDeclined: true);
                foreach (var ev in events)
                {
                    ev.Sequence = invitation.Sequence;
                }

                calendar.Events.AddRange(events);
                var (fromYear, toYear) = SeriesCalendar.Years(rule, rows);
                calendar.EnsureTimeZones(fromYear, toYear);
                var head = theirs[0].Reference;
                var when = ItipMapper.DescribeTime(head.Start, head.End, ownerZone)
                    + (theirs.Count == 1 ? "" : $", repeating: {theirs.Count} dates until {theirs[^1].Reference.Start.InZone(zone).Date.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
                // The RSVP link answers the person's coming dates of the series (ReplyService); it names the identity's row.
                var token = AuthService.NewToken();
                store.Add(new RsvpToken { TokenHash = AuthService.HashToken(token), MotherId = invitation.MotherId, PersonId = personId, CreatedAt = now });
                text = InvitationMail.Compose(ItipMethod.Request, revised && invitation.Sequence > 0, first.Recipient.Name, invitation.OrganizerName, head.Title, when, head.Location,
                    theirs[0].Text.Body, new Uri(settings.PublicBaseUrl, "rsvp/" + token));
            }
            else
            {
                // RFC 5546 §3.2.5: the whole recurring event is cancelled for them — the UID without a RECURRENCE-ID.
                var reference = ordered[0];
                var ev = ItipMapper.ToEvent(reference, invitation, first.Attendees, attendees, cancelled: true);
                var start = zone.AtLeniently(rule.LocalStart);
                ev.Sequence = invitation.Sequence;
                ev.Start = CalDateTime.InZone(start);
                ev.End = CalDateTime.InZone((start.ToInstant() + rule.Duration).InZone(zone));
                calendar.Events.Add(ev);
                calendar.EnsureTimeZones();
                text = InvitationMail.Compose(ItipMethod.Cancel, true, first.Recipient.Name, invitation.OrganizerName, reference.Reference.Title,
                    "every date (" + zone.Id + ")", reference.Reference.Location, reference.Text.Body, null);
            }

            Enqueue(invitation, recipient, first.Recipient.Name, calendar, text, now);
        }
    }

    // One date of a series changed on its own (scope this, or an operation without a scope): the persons concerned get
    // that date as a VEVENT with RECURRENCE-ID — a REQUEST for a changed or added date (RFC 5546 §3.2.2), a CANCEL for a
    // cancelled one or a person removed from it (§3.2.5). Its SEQUENCE is the date's own (InvitationOccurrence).
    private async Task PublishOccurrenceAsync(Meeting meeting, MeetingChanges changes, EmailPreferences? preferences, CancellationToken ct)
    {
        if ((changes.Itip.Count == 0 && !changes.OrganizerChanged) || await series!.FindRuleAsync(meeting.Reference.RecurrenceRuleId, ct) is not { } rule)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        var zone = DateTimeZoneProviders.Tzdb[rule.TimeZone];
        var invitation = await SeriesInvitationAsync(rule, [meeting], preferences, now, ct);
        if (changes.OrganizerChanged && await directory.FindAssociateAsync(meeting.OwnerId, ct) is { } organizer)
        {
            // A new owner (issue 9) is the series' ORGANIZER from now on (RFC 5546 §2.1.4).
            invitation.OrganizerEmail = organizer.Email;
            invitation.OrganizerName = organizer.Name;
        }

        if (changes.Itip.Count == 0)
        {
            return;
        }

        if (invitation.Id == 0)
        {
            await series.SaveAsync(ct); // the per-date SEQUENCE below refers to the identity's id
        }

        var reference = meeting.Reference;
        var recurrenceId = OriginalStart(meeting);
        var occurrence = (await store.GetOccurrencesAsync(invitation.Id, ct)).FirstOrDefault(o => o.RecurrenceId == recurrenceId);
        if (occurrence is null)
        {
            occurrence = new InvitationOccurrence { InvitationId = invitation.Id, RecurrenceId = recurrenceId, Sequence = invitation.Sequence };
            store.Add(occurrence);
        }

        if (changes.Revised)
        {
            occurrence.Sequence++;
        }

        invitation.Stamp = now;
        var participants = changes.Itip.SelectMany(i => i.Attendees).Distinct().ToList();
        var associates = await directory.FindAssociatesAsync(participants.Where(p => p.Kind != ParticipantKind.Person).Select(p => p.Row.AssociateId).Append(meeting.OwnerId).Distinct().ToList(), ct);
        var persons = await directory.FindPersonsAsync(participants.Where(p => p.Kind == ParticipantKind.Person).Select(p => p.Row.InvitedPersonId).Distinct().ToList(), ct);
        var recipients = await RecipientsAsync(invitation.MotherId, changes.Itip.Select(i => (i.Method, i.Recipient)), persons, preferences, ct);
        var attendees = new AttendeeDirectory(associates, persons, recipients);
        var ownerZone = associates.GetValueOrDefault(meeting.OwnerId)?.TimeZone ?? rule.TimeZone;
        foreach (var pending in changes.Itip)
        {
            var recipient = recipients[pending.Recipient.Row.InvitedPersonId];
            if (!Deliverable(invitation, recipient, now))
            {
                continue;
            }

            var cancel = pending.Method == ItipMethod.Cancel;
            var ev = ItipMapper.ToEvent(meeting, invitation, pending.Attendees, attendees, cancel);
            ev.Sequence = occurrence.Sequence;
            // RECURRENCE-ID in the zone of the series' DTSTART, as the master event names its dates (RFC 5545 §3.8.4.4).
            ev.RecurrenceId = CalDateTime.InZone(recurrenceId.InZone(zone));
            ev.Start = CalDateTime.InZone(reference.Start.InZone(zone));
            ev.End = CalDateTime.InZone(reference.End.InZone(zone));
            var calendar = new VCalendar { Method = cancel ? CalendarMethod.Cancel : CalendarMethod.Request };
            calendar.Events.Add(ev);
            calendar.EnsureTimeZones();
            var text = InvitationMail.Compose(pending.Method, changes.Revised && !cancel, pending.Recipient.Name, invitation.OrganizerName,
                reference.Title, ItipMapper.DescribeTime(reference.Start, reference.End, ownerZone), reference.Location, meeting.Text.Body, null);
            Enqueue(invitation, recipient, pending.Recipient.Name, calendar, text, now);
        }
    }

    // The series' identity, made on first use: UID series-<rule>@host (the feed's), on the master row of a date that
    // has no identity of its own (the first, normally). A date mailed on its own before series were mailed (before
    // migration 0008) hands its identity over to the series.
    private async Task<InvitationRecord> SeriesInvitationAsync(SeriesRule rule, List<Meeting> dates, EmailPreferences? preferences, Instant now, CancellationToken ct)
    {
        if (await store.FindSeriesInvitationAsync(rule.Id, ct) is { } existing)
        {
            return existing;
        }

        var candidates = dates.Select(d => d.Id).Concat(await series!.FindOccurrenceIdsAsync(rule.Id, ct)).Distinct().ToList();
        foreach (var id in candidates)
        {
            var own = await store.FindInvitationAsync(id, ct);
            if (own is { RecurrenceRuleId: 0 })
            {
                own.RecurrenceRuleId = rule.Id;
                return own;
            }

            if (own is null)
            {
                var owner = await directory.FindAssociateAsync(dates[0].OwnerId, ct);
                var invitation = new InvitationRecord
                {
                    MotherId = id,
                    RecurrenceRuleId = rule.Id,
                    Uid = ItipMapper.SeriesUid(rule.Id, settings.PublicBaseUrl),
                    Sequence = 0,
                    Stamp = now,
                    OrganizerEmail = owner?.Email,
                    OrganizerName = owner?.Name ?? "",
                    SendEmail = preferences?.SendEmail ?? true,
                };
                store.Add(invitation);
                return invitation;
            }
        }

        throw new InvalidOperationException($"Series {rule.Id} has no date to hold its iCalendar identity.");
    }

    private static Instant OriginalStart(Meeting meeting) => meeting.Reference.OriginalStart ?? meeting.Reference.Start;

    private static Appointment? PersonRow(Meeting meeting, int personId) =>
        meeting.Participants.FirstOrDefault(p => p.Kind == ParticipantKind.Person && p.Row.InvitedPersonId == personId && p.Row.Status != AppointmentStatus.BookingDeleted)?.Row;

    // A person's row of one date as SeriesCalendar reads rows (MotherId = the date's meeting).
    private static DiaryRow ToRow(Meeting meeting, Appointment row) =>
        new(row.Id, meeting.Id, row.AssociateId, meeting.OwnerId, meeting.Reference.Title, meeting.Reference.Location, meeting.Reference.Start, meeting.Reference.End,
            row.Type, row.Status, meeting.Reference.Private, meeting.Reference.Free, row.RejectReason, meeting.Reference.RecurrenceRuleId, OriginalStart(meeting));
}
