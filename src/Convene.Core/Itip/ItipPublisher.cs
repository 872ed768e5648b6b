using Convene.Core.Appointments;
using Convene.Core.Directory;
using Convene.Core.Identity;
using Convene.Core.Ports;
using Convene.ICalendar;
using NodaTime;

namespace Convene.Core.Itip;

/// <summary>The owner's e-mail choices when creating a meeting (the seeds' <c>SendEmail</c>).</summary>
/// <param name="SendEmail">False: no e-mail for this meeting at all.</param>
/// <param name="OptedOutPersons">Persons who get no e-mail.</param>
public sealed record EmailPreferences(bool SendEmail, IReadOnlySet<int> OptedOutPersons)
{
    public static readonly EmailPreferences Default = new(true, new HashSet<int>());
}

/// <summary>
/// Turns what a meeting change decided (<see cref="MeetingChanges.Itip"/>, <see cref="MeetingChanges.Revised"/>) into the
/// meeting's iCalendar revision and outbox e-mails, in the caller's transaction: a change and its messages are
/// committed together or not at all (ADR "iMIP outbox in the meeting's transaction").
/// </summary>
/// <remarks>A date of a series is published as part of the series (ADR 0021, <c>ItipPublisher.Series.cs</c>).</remarks>
public sealed partial class ItipPublisher(IItipStore store, IDirectoryStore directory, IItipSettings settings, IClock clock, ISeriesStore? series = null)
{
    // knownOwner: the owner's directory entry when the caller has just read it (a create), so that it is not read again
    // inside the transaction (on SQLite, inside the single writer).
    public async Task PublishAsync(Meeting meeting, MeetingChanges changes, EmailPreferences? preferences, CancellationToken ct, Associate? knownOwner = null)
    {
        if (meeting.Reference.RecurrenceRuleId != 0 && series is not null)
        {
            // One date of a series: the series' UID and the date's RECURRENCE-ID, not an identity of its own.
            await PublishOccurrenceAsync(meeting, changes, preferences, ct);
            return;
        }

        // A change iTIP does not carry — an internal invitee's answer, "seen" — to a meeting that is not new changes
        // nothing of its iCalendar identity (no SEQUENCE, no DTSTAMP, no message; RFC 5546 §2.1.4), so its row is not
        // even read: answers are a fifth of the load benchmark's requests (issue 8).
        var isNew = meeting.Owner is { } master && changes.AddedRows.Contains(master.Row);
        if (!isNew && !changes.Revised && !changes.OrganizerChanged && changes.Itip.Count == 0)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        // A meeting created in this transaction has no row yet (ids are never reused), so it is not looked for.
        var invitation = isNew ? null : await store.FindInvitationAsync(meeting.Id, ct);
        if (invitation is null)
        {
            if (meeting.IsCancelled && changes.Itip.Count == 0)
            {
                return;
            }

            invitation = await AddInvitationAsync(meeting, isNew, preferences, ct, knownOwner);
        }
        else if (changes.Revised)
        {
            invitation.Sequence++;
        }

        if (changes.OrganizerChanged && await directory.FindAssociateAsync(meeting.OwnerId, ct) is { } organizer)
        {
            // An organiser change (issue 9): the same UID, a new ORGANIZER and SEQUENCE + 1 (above), so attendees'
            // clients replace their copy and REPLYs go to the new organiser (RFC 5546 §2.1.4, §3.2.2).
            invitation.OrganizerEmail = organizer.Email;
            invitation.OrganizerName = organizer.Name;
        }

        if (changes.Revised || changes.Itip.Count > 0)
        {
            invitation.Stamp = now;
        }

        if (changes.Itip.Count == 0)
        {
            return;
        }

        var participants = changes.Itip.SelectMany(i => i.Attendees).Distinct().ToList();
        var associates = await directory.FindAssociatesAsync(participants.Where(p => p.Kind != ParticipantKind.Person).Select(p => p.Row.AssociateId).Distinct().ToList(), ct);
        var persons = await directory.FindPersonsAsync(participants.Where(p => p.Kind == ParticipantKind.Person).Select(p => p.Row.InvitedPersonId).Distinct().ToList(), ct);
        var recipients = await RecipientsAsync(meeting.Id, changes.Itip.Select(i => (i.Method, i.Recipient)), persons, preferences, ct);
        var attendeeDirectory = new AttendeeDirectory(associates, persons, recipients);
        var ownerZone = associates.GetValueOrDefault(meeting.OwnerId)?.TimeZone;
        foreach (var pending in changes.Itip)
        {
            var recipient = recipients[pending.Recipient.Row.InvitedPersonId];
            if (!Deliverable(invitation, recipient, now))
            {
                continue;
            }

            Uri? link = null;
            if (pending.Method == ItipMethod.Request)
            {
                var token = AuthService.NewToken();
                store.Add(new RsvpToken { TokenHash = AuthService.HashToken(token), MotherId = meeting.Id, PersonId = recipient.PersonId, CreatedAt = now });
                link = new Uri(settings.PublicBaseUrl, "rsvp/" + token);
            }

            var calendar = new VCalendar { Method = pending.Method == ItipMethod.Request ? CalendarMethod.Request : CalendarMethod.Cancel };
            calendar.Events.Add(ItipMapper.ToEvent(meeting, invitation, pending.Attendees, attendeeDirectory, pending.Method == ItipMethod.Cancel));
            var reference = meeting.Reference;
            var text = InvitationMail.Compose(
                pending.Method,
                changes.Revised && pending.Method == ItipMethod.Request && invitation.Sequence > 0,
                pending.Recipient.Name,
                invitation.OrganizerName,
                reference.Title,
                ItipMapper.DescribeTime(reference.Start, reference.End, ownerZone),
                reference.Location,
                meeting.Text.Body,
                link);
            Enqueue(invitation, recipient, pending.Recipient.Name, calendar, text, now);
        }
    }

    // The invitation_recipient rows of the persons the messages go to (made on first use), with the person's address of
    // today for a REQUEST.
    private async Task<Dictionary<int, InvitationRecipient>> RecipientsAsync(
        int motherId, IEnumerable<(ItipMethod Method, Participant Person)> messages, IReadOnlyDictionary<int, Directory.Person> persons, EmailPreferences? preferences, CancellationToken ct)
    {
        var recipients = (await store.GetRecipientsAsync(motherId, ct)).ToDictionary(r => r.PersonId);
        foreach (var (method, person) in messages)
        {
            var personId = person.Row.InvitedPersonId;
            if (!recipients.TryGetValue(personId, out var recipient))
            {
                recipient = new InvitationRecipient
                {
                    MotherId = motherId,
                    PersonId = personId,
                    SendEmail = preferences?.OptedOutPersons.Contains(personId) != true,
                };
                store.Add(recipient);
                recipients[personId] = recipient;
            }

            if (method == ItipMethod.Request && persons.GetValueOrDefault(personId)?.Email is { } current)
            {
                recipient.Email = current; // invitations go to the person's address of today
            }
        }

        return recipients;
    }

    // Whether a message to the recipient goes out at all; if not, the recipient's delivery state says why.
    private bool Deliverable(InvitationRecord invitation, InvitationRecipient recipient, Instant now)
    {
        recipient.DeliveryUpdated = now;
        recipient.DeliveryError = null;
        if (!invitation.SendEmail || !recipient.SendEmail)
        {
            recipient.DeliveryState = DeliveryState.OptedOut;
            recipient.DeliveryError = invitation.SendEmail ? "The owner turned e-mail off for this person." : "The owner turned e-mail off for this meeting.";
            return false;
        }

        if (recipient.Email is null)
        {
            recipient.DeliveryState = DeliveryState.NoAddress;
            recipient.DeliveryError = "The person has no e-mail address.";
            return false;
        }

        if (settings.EmailOffReason is { } off)
        {
            recipient.DeliveryState = DeliveryState.Off;
            recipient.DeliveryError = off;
            return false;
        }

        return true;
    }

    // One complete message in the outbox (ADR 0007: a later change cannot alter what it says).
    private void Enqueue(InvitationRecord invitation, InvitationRecipient recipient, string name, VCalendar calendar, MailText text, Instant now)
    {
        store.Add(new OutboxMessage
        {
            MotherId = invitation.MotherId,
            PersonId = recipient.PersonId,
            Method = calendar.Method!.Value.Token,
            RecipientEmail = recipient.Email!,
            RecipientName = name,
            SenderName = invitation.OrganizerName,
            ReplyTo = invitation.OrganizerEmail,
            Subject = text.Subject,
            TextBody = text.Text,
            HtmlBody = text.Html,
            Calendar = CalendarWriter.Write(calendar),
            CreatedAt = now,
            NextAttemptAt = now,
            State = OutboxState.Queued,
        });
        recipient.DeliveryState = DeliveryState.Queued;
    }

    /// <summary>
    /// The meeting's iCalendar identity, created when the meeting has none yet (stored by SQL, or older than the
    /// table). The owner's e-mail switches (DeliveryService) need a row to hold them.
    /// </summary>
    internal async Task<InvitationRecord> FindOrAddInvitationAsync(Meeting meeting, CancellationToken ct) =>
        await store.FindInvitationAsync(meeting.Id, ct) ?? await AddInvitationAsync(meeting, isNew: false, null, ct);

    private async Task<InvitationRecord> AddInvitationAsync(Meeting meeting, bool isNew, EmailPreferences? preferences, CancellationToken ct, Associate? knownOwner = null)
    {
        var owner = knownOwner is not null && knownOwner.Id == meeting.OwnerId ? knownOwner : await directory.FindAssociateAsync(meeting.OwnerId, ct);
        // A meeting stored before it had an invitation row has been published with its fallback UID (feeds, .ics): it
        // keeps that identity, or subscribers' calendars would show it twice (RFC 5545 §3.8.4.7: the UID is the event's
        // persistent identity). A new meeting gets a new one.
        var invitation = new InvitationRecord
        {
            MotherId = meeting.Id,
            Uid = isNew ? ItipMapper.NewUid(settings.PublicBaseUrl) : ItipMapper.FallbackUid(meeting.Id, settings.PublicBaseUrl),
            Sequence = 0,
            Stamp = clock.GetCurrentInstant(),
            OrganizerEmail = owner?.Email,
            OrganizerName = owner?.Name ?? meeting.Owner?.Name ?? "",
            SendEmail = preferences?.SendEmail ?? true,
        };
        store.Add(invitation);
        return invitation;
    }
}
