using Convene.Core.Appointments;
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
public sealed class ItipPublisher(IItipStore store, IDirectoryStore directory, IItipSettings settings, IClock clock)
{
    public async Task PublishAsync(Meeting meeting, MeetingChanges changes, EmailPreferences? preferences, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var invitation = await store.FindInvitationAsync(meeting.Id, ct);
        if (invitation is null)
        {
            if (meeting.IsCancelled && changes.Itip.Count == 0)
            {
                return;
            }

            var owner = await directory.FindAssociateAsync(meeting.OwnerId, ct);
            invitation = new InvitationRecord
            {
                MotherId = meeting.Id,
                Uid = ItipMapper.NewUid(settings.PublicBaseUrl),
                Sequence = 0,
                Stamp = now,
                OrganizerEmail = owner?.Email,
                OrganizerName = owner?.Name ?? meeting.Owner?.Name ?? "",
                SendEmail = preferences?.SendEmail ?? true,
            };
            store.Add(invitation);
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

        var recipients = (await store.GetRecipientsAsync(meeting.Id, ct)).ToDictionary(r => r.PersonId);
        var participants = changes.Itip.SelectMany(i => i.Attendees).Distinct().ToList();
        var associates = await directory.FindAssociatesAsync(participants.Where(p => p.Kind != ParticipantKind.Person).Select(p => p.Row.AssociateId).Distinct().ToList(), ct);
        var persons = await directory.FindPersonsAsync(participants.Where(p => p.Kind == ParticipantKind.Person).Select(p => p.Row.InvitedPersonId).Distinct().ToList(), ct);
        foreach (var pending in changes.Itip)
        {
            var personId = pending.Recipient.Row.InvitedPersonId;
            if (!recipients.TryGetValue(personId, out var recipient))
            {
                recipient = new InvitationRecipient
                {
                    MotherId = meeting.Id,
                    PersonId = personId,
                    SendEmail = preferences?.OptedOutPersons.Contains(personId) != true,
                };
                store.Add(recipient);
                recipients[personId] = recipient;
            }

            if (pending.Method == ItipMethod.Request && persons.GetValueOrDefault(personId)?.Email is { } current)
            {
                recipient.Email = current; // invitations go to the person's address of today
            }
        }

        var attendeeDirectory = new AttendeeDirectory(associates, persons, recipients);
        var ownerZone = associates.GetValueOrDefault(meeting.OwnerId)?.TimeZone;
        foreach (var pending in changes.Itip)
        {
            var recipient = recipients[pending.Recipient.Row.InvitedPersonId];
            recipient.DeliveryUpdated = now;
            recipient.DeliveryError = null;
            if (!invitation.SendEmail || !recipient.SendEmail)
            {
                recipient.DeliveryState = DeliveryState.OptedOut;
                recipient.DeliveryError = invitation.SendEmail ? "The owner turned e-mail off for this person." : "The owner turned e-mail off for this meeting.";
                continue;
            }

            if (recipient.Email is null)
            {
                recipient.DeliveryState = DeliveryState.NoAddress;
                recipient.DeliveryError = "The person has no e-mail address.";
                continue;
            }

            if (settings.EmailOffReason is { } off)
            {
                recipient.DeliveryState = DeliveryState.Off;
                recipient.DeliveryError = off;
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
            store.Add(new OutboxMessage
            {
                MotherId = meeting.Id,
                PersonId = recipient.PersonId,
                Method = calendar.Method.Value.Token,
                RecipientEmail = recipient.Email,
                RecipientName = pending.Recipient.Name,
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
    }
}
