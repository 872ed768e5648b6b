using System.Security.Cryptography;
using System.Text;
using Convene.Core.Appointments;
using Convene.Core.Directory;
using Convene.ICalendar;
using NodaTime;

namespace Convene.Core.Itip;

/// <summary>Who the participants are, as the iCalendar attendees need them (addresses, names, rooms).</summary>
public sealed record AttendeeDirectory(
    IReadOnlyDictionary<int, Associate> Associates,
    IReadOnlyDictionary<int, Person> Persons,
    IReadOnlyDictionary<int, InvitationRecipient> Recipients);

/// <summary>A meeting as a VEVENT (RFC 5545 §3.6.1), and the seeds' statuses as PARTSTAT (§3.2.12).</summary>
public static class ItipMapper
{
    /// <summary>
    /// The VEVENT of <paramref name="meeting"/> at revision <paramref name="invitation"/> with the given attendees.
    /// Times are written in UTC (RFC 5545 §3.3.5 form #2), which every client reads without a VTIMEZONE.
    /// </summary>
    public static VEvent ToEvent(Meeting meeting, InvitationRecord invitation, IEnumerable<Participant> attendees, AttendeeDirectory directory, bool cancelled)
    {
        var reference = meeting.Reference;
        var ev = new VEvent
        {
            Uid = invitation.Uid,
            Sequence = invitation.Sequence,
            Stamp = invitation.Stamp,
            Start = CalDateTime.FromInstant(reference.Start),
            End = CalDateTime.FromInstant(reference.End),
            Summary = reference.Title,
            Description = meeting.Text.Body.Length == 0 ? null : meeting.Text.Body,
            Location = reference.Location,
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Classification = reference.IsPrivate ? Classification.Private : Classification.Public,
            Transparency = reference.Free ? Transparency.Transparent : Transparency.Opaque,
            Organizer = new Organizer(invitation.OrganizerEmail is { } email ? "mailto:" + email : AssociateUri(meeting.OwnerId), invitation.OrganizerName),
        };
        foreach (var participant in attendees)
        {
            ev.Attendees.Add(ToAttendee(participant, invitation, directory));
        }

        return ev;
    }

    public static Attendee ToAttendee(Participant participant, InvitationRecord invitation, AttendeeDirectory directory)
    {
        switch (participant.Kind)
        {
            case ParticipantKind.Owner:
            case ParticipantKind.Associate:
                {
                    var associate = directory.Associates.GetValueOrDefault(participant.Row.AssociateId);
                    return new Attendee(associate?.Email is { } email ? "mailto:" + email : AssociateUri(participant.Row.AssociateId), participant.Name)
                    {
                        Role = participant.Kind == ParticipantKind.Owner ? ParticipationRole.Chair : ParticipationRole.RequiredParticipant,
                        ParticipationStatus = participant.Kind == ParticipantKind.Owner ? ParticipationStatus.Accepted : PartStat(participant.Row.Status),
                    };
                }

            case ParticipantKind.Resource:
                {
                    var associate = directory.Associates.GetValueOrDefault(participant.Row.AssociateId);
                    return new Attendee(associate?.Email is { } email ? "mailto:" + email : AssociateUri(participant.Row.AssociateId), participant.Name)
                    {
                        CalendarUserType = associate?.IsLocation == true ? CalendarUserType.Room : CalendarUserType.Resource,
                        Role = ParticipationRole.NonParticipant,
                        ParticipationStatus = PartStat(participant.Row.Status),
                    };
                }

            case ParticipantKind.Person:
                {
                    var personId = participant.Row.InvitedPersonId;
                    var recipient = directory.Recipients.GetValueOrDefault(personId);
                    var email = recipient?.Email ?? directory.Persons.GetValueOrDefault(personId)?.Email;
                    return new Attendee(email is not null ? "mailto:" + email : PersonUri(personId), participant.Name)
                    {
                        Role = ParticipationRole.RequiredParticipant,
                        ParticipationStatus = PersonPartStat(participant.Row.Status, recipient, invitation.Sequence),
                        Rsvp = true,
                    };
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(participant), participant.Kind, "Unknown participant kind.");
        }
    }

    /// <summary>The seeds' status as PARTSTAT: 1 → ACCEPTED, 5/6/7/8 → NEEDS-ACTION, 9 → DECLINED (issue 6).</summary>
    public static ParticipationStatus PartStat(AppointmentStatus status) => status switch
    {
        AppointmentStatus.NotStarted or AppointmentStatus.Started or AppointmentStatus.Completed => ParticipationStatus.Accepted,
        AppointmentStatus.Booking or AppointmentStatus.BookingMoved or AppointmentStatus.BookingSeen or AppointmentStatus.BookingMovedSeen
            or AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen => ParticipationStatus.NeedsAction,
        AppointmentStatus.BookingDeclined or AppointmentStatus.AssignmentDeclined or AppointmentStatus.BookingDeleted => ParticipationStatus.Declined,
        AppointmentStatus.Unknown or AppointmentStatus.Hidden => ParticipationStatus.NeedsAction,
    };

    /// <summary>
    /// An external person's PARTSTAT. Their row is booked (1) at once, as in the seeds, but that is not their answer:
    /// until they reply to the current SEQUENCE they are NEEDS-ACTION, and a move (a new SEQUENCE) asks again
    /// (RFC 6638 §3.2.8). After a reply the row's status maps as for everyone.
    /// </summary>
    public static ParticipationStatus PersonPartStat(AppointmentStatus status, InvitationRecipient? recipient, int sequence) =>
        recipient?.ReplySequence is { } answered && answered >= sequence ? PartStat(status) : ParticipationStatus.NeedsAction;

    /// <summary>A stable cal-address for an associate without an e-mail address: a name-based urn:uuid (RFC 9562 §5.5).</summary>
    public static string AssociateUri(int associateId) => NameUuid("associate:" + associateId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string PersonUri(int personId) => NameUuid("person:" + personId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string NameUuid(string name)
    {
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 §5.5 prescribes for name-based UUIDs; no security depends on it
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("convene:" + name));
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return "urn:uuid:" + new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    /// <summary>The UID of a meeting that has no invitation row yet (e.g. inserted by SQL): stable and server-scoped.</summary>
    public static string FallbackUid(int motherId, Uri baseUrl) =>
        $"appointment-{motherId.ToString(System.Globalization.CultureInfo.InvariantCulture)}@{baseUrl.Host}";

    /// <summary>
    /// The UID of a series: one per rule, so a split series is two events (RFC 5545 §3.8.4.7). The feed and the e-mails
    /// of a series use the same one, so a person who has both sees one event.
    /// </summary>
    public static string SeriesUid(int ruleId, Uri baseUrl) =>
        $"series-{ruleId.ToString(System.Globalization.CultureInfo.InvariantCulture)}@{baseUrl.Host}";

    /// <summary>A new meeting's UID: globally unique (RFC 5545 §3.8.4.7 recommends a domain on the right).</summary>
    public static string NewUid(Uri baseUrl) => $"{Guid.NewGuid():N}@{baseUrl.Host}";

    /// <summary>Writes a UTC instant for people: "Tue 3 Jun 2030 10:00–11:00 (Europe/Oslo)".</summary>
    public static string DescribeTime(Instant start, Instant end, string? timeZone)
    {
        var zone = (timeZone is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone)) ?? DateTimeZone.Utc;
        var s = start.InZone(zone);
        var e = end.InZone(zone);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var first = s.ToString("ddd d MMM yyyy HH:mm", culture);
        var last = e.Date == s.Date ? e.ToString("HH:mm", culture) : e.ToString("ddd d MMM yyyy HH:mm", culture);
        return $"{first}–{last} ({zone.Id})";
    }
}
