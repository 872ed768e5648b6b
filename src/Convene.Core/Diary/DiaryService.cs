using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.Core.Ports;
using NodaTime;

namespace Convene.Core.Diary;

/// <summary>An entry of a diary as the viewer may see it.</summary>
/// <remarks>When <see cref="BusyOnly"/> is true the viewer may only know that the time is taken: no title, place or id of the meeting.</remarks>
public sealed record DiaryEntry(
    int RowId,
    int? AppointmentId,
    int AssociateId,
    int? OwnerId,
    string? Title,
    string? Location,
    Instant Start,
    Instant End,
    bool Private,
    bool Free,
    bool BusyOnly,
    bool Pending,
    string Status,
    int StatusCode);

/// <summary>An invitation of the viewer's, with the meeting it belongs to.</summary>
public sealed record InvitationEntry(
    int RowId,
    int AppointmentId,
    int OwnerId,
    string OwnerName,
    string Title,
    string? Location,
    Instant Start,
    Instant End,
    bool Private,
    string Status,
    int StatusCode,
    string? RejectReason)
{
    /// <summary>For a series (issue 7): its rule id; the entry stands for the whole series.</summary>
    public int? RecurrenceRuleId { get; init; }

    /// <summary>For a series: each date with its own status (the seeds' "Show repetitions"), by date.</summary>
    public IReadOnlyList<InvitationDate>? Dates { get; init; }
}

/// <summary>One date of an invitation to a series: answer it alone with <c>occurrence</c> = <see cref="OriginalStart"/>.</summary>
public sealed record InvitationDate(int RowId, int AppointmentId, Instant OriginalStart, Instant Start, Instant End, string Status, int StatusCode, string? RejectReason);

/// <summary>A meeting in a contact's activities (how external persons' meetings show).</summary>
public sealed record ActivityEntry(
    int AppointmentId,
    int OwnerId,
    string OwnerName,
    string? Title,
    string? Location,
    Instant Start,
    Instant End,
    bool BusyOnly,
    IReadOnlyList<ActivityPerson> Persons);

public sealed record ActivityPerson(int PersonId, string Name);

/// <summary>Reading diaries, invitations and contact activities with the privacy rules applied.</summary>
public sealed class DiaryService(IDiaryReader reader, IDirectoryStore directory)
{
    /// <summary>The longest range one diary query may span.</summary>
    public static readonly Duration MaxRange = Duration.FromDays(366);

    private static readonly AppointmentStatus[] OpenInvitation =
        [AppointmentStatus.Booking, AppointmentStatus.BookingMoved, AppointmentStatus.BookingSeen, AppointmentStatus.BookingMovedSeen,
            AppointmentStatus.Assignment, AppointmentStatus.AssignmentSeen];

    /// <summary>
    /// The diary of <paramref name="associateId"/> (default: the viewer) in [from, to): owned and accepted meetings, plus
    /// pending invitations when asked. Others' private meetings come back as busy time only.
    /// </summary>
    public async Task<Result<IReadOnlyList<DiaryEntry>>> GetDiaryAsync(Viewer viewer, int? associateId, Instant from, Instant to, bool includePending, CancellationToken ct)
    {
        if (ValidateRange(from, to) is { } invalid)
        {
            return invalid;
        }

        var target = associateId ?? viewer.AssociateId;
        if (target != viewer.AssociateId && await directory.FindAssociateAsync(target, ct) is null) // the viewer exists: authenticated
        {
            return Error.NotFound("associate.not_found", "There is no such associate.");
        }

        return Result<IReadOnlyList<DiaryEntry>>.Success(await ProjectAsync(viewer, await reader.GetDiaryRowsAsync(target, from, to, ct), includePending, ct));
    }

    /// <summary>Several diaries at once (one indexed query), for group views; privacy as in <see cref="GetDiaryAsync"/>.</summary>
    public async Task<Result<IReadOnlyList<DiaryEntry>>> GetDiariesAsync(Viewer viewer, IReadOnlyCollection<int> associateIds, Instant from, Instant to, bool includePending, CancellationToken ct)
    {
        if (ValidateRange(from, to) is { } invalid)
        {
            return invalid;
        }

        return Result<IReadOnlyList<DiaryEntry>>.Success(await ProjectAsync(viewer, await reader.GetDiaryRowsAsync(associateIds, from, to, ct), includePending, ct));
    }

    private static Error? ValidateRange(Instant from, Instant to) =>
        to <= from ? Error.Validation("diary.invalid_range", "'to' must be after 'from'.", "to")
        : to - from > MaxRange ? Error.Validation("diary.range_too_long", $"A diary query spans at most {MaxRange.Days} days.", "to")
        : null;

    private async Task<IReadOnlyList<DiaryEntry>> ProjectAsync(Viewer viewer, IReadOnlyList<DiaryRow> diaryRows, bool includePending, CancellationToken ct)
    {
        var rows = diaryRows
            .Where(r => r.Status != AppointmentStatus.BookingDeleted && r.Status != AppointmentStatus.BookingDeclined)
            .Where(r => includePending || r.Type is AppointmentType.InDiary or AppointmentType.InChecklist)
            .ToList();
        var privateMeetings = rows.Where(r => r.Private != PrivacyLevel.Public && r.AssociateId != viewer.AssociateId).Select(r => r.MotherId).Distinct().ToList();
        var involved = privateMeetings.Count == 0 ? new HashSet<int>() : await reader.GetInvolvedMeetingIdsAsync(viewer.AssociateId, privateMeetings, ct);
        return rows.Select(r =>
        {
            var busyOnly = r.Private != PrivacyLevel.Public && r.AssociateId != viewer.AssociateId && !involved.Contains(r.MotherId);
            // An assignment waiting for its answer (11, 12) is pending in the assignee's diary like an invitation.
            var assignment = r.Status is AppointmentStatus.Assignment or AppointmentStatus.AssignmentSeen;
            var pending = r.Type is AppointmentType.BookingForDiary or AppointmentType.BookingForChecklist || assignment;
            var status = (r.RowId == r.MotherId || r.MotherId == 0) && !assignment ? "Owner" : StatusNames.For(r.Status);
            return busyOnly
                ? new DiaryEntry(r.RowId, null, r.AssociateId, null, null, null, r.Start, r.End, true, r.Free, true, pending, pending ? "Pending" : "Busy", pending ? 5 : 1)
                : new DiaryEntry(r.RowId, MeetingId(r), r.AssociateId, r.OwnerId, r.Title, r.Location, r.Start, r.End, r.Private != PrivacyLevel.Public, r.Free, false, pending, status, (int)r.Status);
        }).ToList();
    }

    /// <summary>The viewer's invitations that need an answer (5–8), optionally with declined (9) and cancelled (10) ones.</summary>
    public async Task<IReadOnlyList<InvitationEntry>> GetInvitationsAsync(Viewer viewer, bool includeDeclined, bool includeCancelled, CancellationToken ct)
    {
        var statuses = OpenInvitation.ToList();
        if (includeDeclined)
        {
            statuses.Add(AppointmentStatus.BookingDeclined);
        }

        if (includeCancelled)
        {
            statuses.Add(AppointmentStatus.BookingDeleted);
        }

        var rows = await reader.GetInvitationRowsAsync(viewer.AssociateId, statuses, ct);
        // One invitation per series (issue 7): its first open date stands for it, and lists every open date.
        var series = rows.Where(r => r.RecurrenceRuleId != 0).GroupBy(r => r.RecurrenceRuleId).ToDictionary(g => g.Key, g => g.ToList());
        rows = rows.Where(r => r.RecurrenceRuleId == 0 || series[r.RecurrenceRuleId][0] == r).ToList();
        return rows.Select(r => new InvitationEntry(
            r.RowId,
            MeetingId(r),
            r.OwnerId,
            r.OwnerName ?? "",
            r.Title,
            r.Location,
            r.Start,
            r.End,
            r.Private != PrivacyLevel.Public,
            StatusNames.For(r.Status),
            (int)r.Status,
            r.RejectReason)
        {
            RecurrenceRuleId = r.RecurrenceRuleId == 0 ? null : r.RecurrenceRuleId,
            Dates = r.RecurrenceRuleId == 0 ? null : series[r.RecurrenceRuleId].ConvertAll(d => new InvitationDate(
                d.RowId, MeetingId(d), d.OriginalStart ?? d.Start, d.Start, d.End, StatusNames.For(d.Status), (int)d.Status, d.RejectReason)),
        }).ToList();
    }

    /// <summary>Meetings with a contact or its persons; private ones the viewer is not part of show as busy only.</summary>
    public async Task<Result<IReadOnlyList<ActivityEntry>>> GetContactActivitiesAsync(Viewer viewer, int contactId, Instant? from, Instant? to, CancellationToken ct)
    {
        if (await directory.FindContactAsync(contactId, ct) is null)
        {
            return Error.NotFound("contact.not_found", "There is no such contact.");
        }

        if (from is { } f && to is { } t && t <= f)
        {
            return Error.Validation("activities.invalid_range", "'to' must be after 'from'.", "to");
        }

        var rows = await reader.GetContactActivitiesAsync(contactId, from, to, ct);
        var privateMeetings = rows.Where(r => r.Master.Private != PrivacyLevel.Public).Select(r => r.Master.MotherId).ToList();
        var involved = privateMeetings.Count == 0 ? new HashSet<int>() : await reader.GetInvolvedMeetingIdsAsync(viewer.AssociateId, privateMeetings, ct);
        var persons = await directory.FindPersonsAsync(rows.SelectMany(r => r.PersonIds).Distinct().ToList(), ct);
        return rows.Select(r =>
        {
            var busyOnly = r.Master.Private != PrivacyLevel.Public && !involved.Contains(r.Master.MotherId);
            return new ActivityEntry(
                MeetingId(r.Master),
                r.Master.OwnerId,
                r.Master.OwnerName ?? "",
                busyOnly ? null : r.Master.Title,
                busyOnly ? null : r.Master.Location,
                r.Master.Start,
                r.Master.End,
                busyOnly,
                busyOnly ? [] : r.PersonIds.Where(persons.ContainsKey).Select(p => new ActivityPerson(p, persons[p].Name)).ToList());
        }).ToList();
    }

    // Ordinary appointments inserted by raw SQL have mother_id 0: the row is its own meeting.
    private static int MeetingId(DiaryRow row) => row.MotherId == 0 ? row.RowId : row.MotherId;
}
