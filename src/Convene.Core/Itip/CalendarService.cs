using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.Core.Identity;
using Convene.Core.Ports;
using Convene.ICalendar;
using NodaTime;

namespace Convene.Core.Itip;

/// <summary>Calendar data out: subscription feeds, one meeting as .ics, and free/busy as VFREEBUSY (RFC 5545).</summary>
public sealed class CalendarService(
    IMeetingStore meetings,
    IDiaryReader reader,
    IItipStore store,
    IDirectoryStore directory,
    IItipSettings settings,
    IUnitOfWork unitOfWork,
    IClock clock,
    ISeriesStore? series = null)
{
    /// <summary>A feed covers this much of the past and of the future (clients re-poll; old history is not needed).</summary>
    public static readonly Duration FeedPast = Duration.FromDays(90);

    public static readonly Duration FeedFuture = Duration.FromDays(366);

    public const int MaxFreeBusyAssociates = 50;

    /// <summary>The viewer's feed address; the first call creates the secret.</summary>
    public Task<Result<Uri>> GetFeedUrlAsync(Viewer viewer, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<Uri>(async ct =>
        {
            var feed = await store.FindFeedAsync(viewer.AssociateId, ct);
            if (feed is null)
            {
                feed = new CalendarFeed { AssociateId = viewer.AssociateId, Token = AuthService.NewToken(), CreatedAt = clock.GetCurrentInstant() };
                store.Add(feed);
            }

            return FeedUrl(feed);
        }, cancellationToken);

    /// <summary>Replaces the viewer's feed secret: the old address stops working at once.</summary>
    public Task<Result<Uri>> RotateFeedAsync(Viewer viewer, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<Uri>(async ct =>
        {
            // The secret is replaced in place: two rotations at the same moment both succeed, the later one wins
            // (a delete and re-insert made the second one fail on the row the first had deleted).
            var feed = await store.FindFeedAsync(viewer.AssociateId, ct);
            if (feed is null)
            {
                feed = new CalendarFeed { AssociateId = viewer.AssociateId };
                store.Add(feed);
            }

            feed.Token = AuthService.NewToken();
            feed.CreatedAt = clock.GetCurrentInstant();
            return FeedUrl(feed);
        }, cancellationToken);

    /// <summary>
    /// The subscriber's own diary: owned and accepted meetings, pending invitations (their ATTENDEE is NEEDS-ACTION) and
    /// meetings cancelled for them (STATUS:CANCELLED, so that a subscribed calendar drops them). All rows are the
    /// subscriber's own, so their own private meetings are shown in full, marked CLASS:PRIVATE.
    /// </summary>
    public async Task<Result<VCalendar>> GetFeedAsync(string token, CancellationToken ct)
    {
        var feed = string.IsNullOrWhiteSpace(token) || token.Length > 100 ? null : await store.FindFeedByTokenAsync(token, ct);
        var subscriber = feed is null ? null : await directory.FindAssociateAsync(feed.AssociateId, ct);
        if (feed is null || subscriber is null || !subscriber.IsActive)
        {
            return ItipErrors.FeedNotFound;
        }

        var now = clock.GetCurrentInstant();
        var rows = (await reader.GetDiaryRowsAsync(subscriber.Id, now - FeedPast, now + FeedFuture, ct))
            .Where(r => r.Type is AppointmentType.InDiary or AppointmentType.BookingForDiary && r.Status != AppointmentStatus.BookingDeclined)
            .OrderBy(r => r.Start)
            .ThenBy(r => r.RowId)
            .ToList();
        var meetingIds = rows.Select(MeetingId).Distinct().ToList();
        var invitations = await store.FindInvitationsAsync(meetingIds, ct);
        var owners = await directory.FindAssociatesAsync(rows.Select(r => r.OwnerId).Append(subscriber.Id).Distinct().ToList(), ct);
        var calendar = new VCalendar();
        calendar.ExtraProperties.Add(Property.FromText("X-WR-CALNAME", $"Convene: {subscriber.Name}"));
        VEvent EventFor(DiaryRow row)
        {
            var id = MeetingId(row);
            var invitation = invitations.GetValueOrDefault(id);
            var owner = owners.GetValueOrDefault(row.OwnerId);
            var ev = new VEvent
            {
                Uid = invitation?.Uid ?? ItipMapper.FallbackUid(id, settings.PublicBaseUrl),
                Sequence = invitation?.Sequence ?? 0,
                Stamp = invitation?.Stamp ?? now,
                Start = CalDateTime.FromInstant(row.Start),
                End = CalDateTime.FromInstant(row.End),
                Summary = row.Title,
                Location = row.Location,
                Status = row.Status == AppointmentStatus.BookingDeleted ? EventStatus.Cancelled
                    : row.Type == AppointmentType.BookingForDiary ? EventStatus.Tentative : EventStatus.Confirmed,
                Classification = row.Private == PrivacyLevel.Public ? Classification.Public : Classification.Private,
                Transparency = row.Free || row.Type == AppointmentType.BookingForDiary ? Transparency.Transparent : Transparency.Opaque,
            };
            if (row.OwnerId != subscriber.Id && owner is not null)
            {
                // An invitation: the subscriber's own answer as PARTSTAT; RFC 5545 §3.8.4.3 wants the ORGANIZER with it.
                ev.Organizer = new Organizer(owner.Email is { } oe ? "mailto:" + oe : ItipMapper.AssociateUri(owner.Id), owner.Name);
                ev.Attendees.Add(new Attendee(subscriber.Email is { } se ? "mailto:" + se : ItipMapper.AssociateUri(subscriber.Id), subscriber.Name)
                {
                    ParticipationStatus = ItipMapper.PartStat(row.Status),
                    Rsvp = row.Type == AppointmentType.BookingForDiary,
                });
            }

            return ev;
        }

        foreach (var row in rows.Where(r => r.RecurrenceRuleId == 0 || series is null))
        {
            calendar.Events.Add(EventFor(row));
        }

        // A series is one VEVENT with its rule and overrides (issue 7), built from all of the subscriber's dates of it.
        foreach (var ruleId in series is null ? [] : rows.Where(r => r.RecurrenceRuleId != 0).Select(r => r.RecurrenceRuleId).Distinct().ToList())
        {
            if (await series!.FindRuleAsync(ruleId, ct) is not { } rule)
            {
                continue;
            }

            var dates = await series.FindDiaryRowsAsync(subscriber.Id, ruleId, ct);
            calendar.Events.AddRange(SeriesCalendar.Build(rule, dates, EventFor, SeriesUid(rule.Id), now));
            var (fromYear, toYear) = SeriesCalendar.Years(rule, dates);
            calendar.EnsureTimeZones(fromYear, toYear);
        }

        return calendar;
    }

    /// <summary>One meeting as an iCalendar object, for whoever may see it (private ones only for participants).</summary>
    public async Task<Result<VCalendar>> GetMeetingAsync(Viewer viewer, int id, CancellationToken ct)
    {
        var meeting = await meetings.FindAsync(id, ct);
        if (meeting is null || !meeting.IsVisibleTo(viewer.AssociateId))
        {
            return MeetingErrors.NotFound;
        }

        var invitation = await store.FindInvitationAsync(meeting.Id, ct);
        var associates = await directory.FindAssociatesAsync(meeting.Participants.Where(p => p.Kind != ParticipantKind.Person).Select(p => p.Row.AssociateId).Append(meeting.OwnerId).Distinct().ToList(), ct);
        var persons = await directory.FindPersonsAsync(meeting.Participants.Where(p => p.Kind == ParticipantKind.Person).Select(p => p.Row.InvitedPersonId).ToList(), ct);
        var recipients = (await store.GetRecipientsAsync(meeting.Id, ct)).ToDictionary(r => r.PersonId);
        var owner = associates.GetValueOrDefault(meeting.OwnerId);
        invitation ??= new InvitationRecord
        {
            MotherId = meeting.Id,
            Uid = ItipMapper.FallbackUid(meeting.Id, settings.PublicBaseUrl),
            Stamp = clock.GetCurrentInstant(),
            OrganizerEmail = owner?.Email,
            OrganizerName = owner?.Name ?? "",
        };
        var calendar = new VCalendar();
        calendar.Events.Add(ItipMapper.ToEvent(meeting, invitation, meeting.Participants, new AttendeeDirectory(associates, persons, recipients), meeting.IsCancelled));
        return calendar;
    }

    /// <summary>
    /// Busy time of diaries in [from, to) as one VFREEBUSY per associate (RFC 5545 §3.6.4): accepted and owned
    /// meetings are BUSY, pending invitations BUSY-TENTATIVE; free and declined rows are left out. Free/busy says
    /// nothing but time, so private meetings count like any other.
    /// </summary>
    public async Task<Result<VCalendar>> GetFreeBusyAsync(Viewer viewer, IReadOnlyList<int> associateIds, Instant from, Instant to, CancellationToken ct)
    {
        if (to <= from)
        {
            return Error.Validation("freebusy.invalid_range", "'to' must be after 'from'.", "to");
        }

        if (to - from > Diary.DiaryService.MaxRange)
        {
            return Error.Validation("freebusy.range_too_long", $"A free/busy query spans at most {Diary.DiaryService.MaxRange.Days} days.", "to");
        }

        var ids = associateIds.Count == 0 ? [viewer.AssociateId] : associateIds.Distinct().ToList();
        if (ids.Count > MaxFreeBusyAssociates)
        {
            return Error.Validation("freebusy.too_many", $"At most {MaxFreeBusyAssociates} associates per query.", "associateId");
        }

        var associates = await directory.FindAssociatesAsync(ids, ct);
        if (ids.FirstOrDefault(i => !associates.ContainsKey(i)) is var missing and not 0)
        {
            return Error.NotFound("associate.not_found", $"There is no associate {missing}.");
        }

        var now = clock.GetCurrentInstant();
        var calendar = new VCalendar();
        foreach (var id in ids)
        {
            var associate = associates[id];
            var rows = (await reader.GetDiaryRowsAsync(id, from, to, ct))
                .Where(r => !r.Free && r.Status is not (AppointmentStatus.BookingDeclined or AppointmentStatus.BookingDeleted)
                    && r.Type is AppointmentType.InDiary or AppointmentType.InChecklist or AppointmentType.BookingForDiary or AppointmentType.BookingForChecklist)
                .OrderBy(r => r.Start)
                .ToList();
            var fb = new VFreeBusy
            {
                Uid = $"freebusy-{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{now.ToUnixTimeTicks().ToString(System.Globalization.CultureInfo.InvariantCulture)}@{settings.PublicBaseUrl.Host}",
                Stamp = now,
                Start = CalDateTime.FromInstant(from),
                End = CalDateTime.FromInstant(to),
            };
            fb.Attendees.Add(new Attendee(associate.Email is { } email ? "mailto:" + email : ItipMapper.AssociateUri(id), associate.Name)
            {
                CalendarUserType = associate.IsResource ? (associate.IsLocation ? CalendarUserType.Room : CalendarUserType.Resource) : CalendarUserType.Individual,
            });
            foreach (var row in rows)
            {
                var tentative = row.Type is AppointmentType.BookingForDiary or AppointmentType.BookingForChecklist;
                var start = row.Start < from ? from : row.Start;
                var end = row.End > to ? to : row.End;
                fb.Periods.Add(new FreeBusyPeriod(
                    tentative ? FreeBusyType.BusyTentative : FreeBusyType.Busy,
                    CalPeriod.FromInstants(start, end)));
            }

            calendar.FreeBusy.Add(fb);
        }

        return calendar;
    }

    /// <summary>The UID of a series: one per rule, so a split series is two events (RFC 5545 §3.8.4.7).</summary>
    private string SeriesUid(int ruleId) => ItipMapper.SeriesUid(ruleId, settings.PublicBaseUrl);

    private Uri FeedUrl(CalendarFeed feed) => new(settings.PublicBaseUrl, "ical/" + feed.Token + ".ics");

    private static int MeetingId(DiaryRow row) => row.MotherId == 0 ? row.RowId : row.MotherId;
}
