using Convene.Core.Appointments;
using Convene.Core.Ports;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.Persistence.Stores;

internal sealed class DiaryReader(ConveneDbContext db) : IDiaryReader
{
    public async Task<IReadOnlyList<DiaryRow>> GetDiaryRowsAsync(int associateId, Instant from, Instant to, CancellationToken cancellationToken) =>
        ToRows(await Project(db.Appointments.AsNoTracking().Where(a => a.AssociateId == associateId && a.Start < to && from < a.End))
            .OrderBy(r => r.Start).ThenBy(r => r.RowId)
            .ToListAsync(cancellationToken));

    public async Task<IReadOnlyList<DiaryRow>> GetDiaryRowsAsync(IReadOnlyCollection<int> associateIds, Instant from, Instant to, CancellationToken cancellationToken) =>
        ToRows(await Project(db.Appointments.AsNoTracking().Where(a => associateIds.Contains(a.AssociateId) && a.Start < to && from < a.End))
            .OrderBy(r => r.Start).ThenBy(r => r.RowId)
            .ToListAsync(cancellationToken));

    public async Task<IReadOnlyList<DiaryRow>> GetInvitationRowsAsync(int associateId, IReadOnlyCollection<AppointmentStatus> statuses, CancellationToken cancellationToken) =>
        ToRows(await Project(db.Appointments.AsNoTracking().Where(a => a.AssociateId == associateId && a.MotherId != 0 && statuses.Contains(a.Status)
            && (a.MotherId != a.Id || a.Status == AppointmentStatus.Assignment || a.Status == AppointmentStatus.AssignmentSeen)), withOwnerName: true)
            .OrderBy(r => r.Start).ThenBy(r => r.RowId)
            .ToListAsync(cancellationToken));

    public async Task<IReadOnlySet<int>> GetInvolvedMeetingIdsAsync(int associateId, IReadOnlyCollection<int> motherIds, CancellationToken cancellationToken)
    {
        var ids = await db.Appointments.AsNoTracking()
            .Where(a => a.AssociateId == associateId && motherIds.Contains(a.MotherId))
            .Select(a => a.MotherId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return ids.ToHashSet();
    }

    public async Task<IReadOnlyList<(DiaryRow Master, IReadOnlyList<int> PersonIds)>> GetContactActivitiesAsync(int contactId, Instant? from, Instant? to, CancellationToken cancellationToken)
    {
        var personIds = db.Persons.Where(p => p.ContactId == contactId).Select(p => p.Id);
        var viaPersons = db.Appointments.Where(a => a.AssociateId == 0 && personIds.Contains(a.InvitedPersonId)).Select(a => a.MotherId);
        var masters = db.Appointments.AsNoTracking()
            .Where(a => (a.MotherId == a.Id || a.MotherId == 0) && (a.ContactId == contactId || viaPersons.Contains(a.Id)));
        if (from is { } f)
        {
            masters = masters.Where(a => f < a.End);
        }

        if (to is { } t)
        {
            masters = masters.Where(a => a.Start < t);
        }

        var rows = ToRows(await Project(masters, withOwnerName: true).OrderByDescending(r => r.Start).ThenByDescending(r => r.RowId).Take(1000).ToListAsync(cancellationToken));
        var ids = rows.Select(r => r.RowId).ToList();
        var invited = await db.Appointments.AsNoTracking()
            .Where(a => a.AssociateId == 0 && ids.Contains(a.MotherId) && personIds.Contains(a.InvitedPersonId))
            .Select(a => new { a.MotherId, a.InvitedPersonId })
            .ToListAsync(cancellationToken);
        var byMeeting = invited.ToLookup(i => i.MotherId, i => i.InvitedPersonId);
        return rows.Select(r => (r, (IReadOnlyList<int>)byMeeting[r.RowId].ToList())).ToList();
    }

    // The owner of a row is the master's associate; a cancelled row whose master is gone remembers it. While an
    // assignment is pending (11, 12) the assigner still owns the meeting (issue 9).
    private IQueryable<RowData> Project(IQueryable<Appointment> rows, bool withOwnerName = false) =>
        from a in rows
        join m in db.Appointments on a.MotherId equals m.Id into masters
        from m in masters.DefaultIfEmpty()
        let ownerId = a.MotherId == 0 ? a.AssociateId
            : m != null ? ((m.Status == AppointmentStatus.Assignment || m.Status == AppointmentStatus.AssignmentSeen) && m.AssignedBy != null ? m.AssignedBy.Value : m.AssociateId)
            : a.MotherAssociateId
        select new RowData
        {
            RowId = a.Id,
            MotherId = a.MotherId,
            AssociateId = a.AssociateId,
            OwnerId = ownerId,
            // The owner's name in the same query (a key lookup per row) where it is shown — invitations and contact
            // activities; they used to read every owner's directory entry with a second query of up to hundreds of
            // parameters (issue 8). Diary reads, the hottest query, don't ask for it (the test is evaluated by EF Core
            // when the query is compiled, so their SQL has no subquery).
            OwnerName = withOwnerName ? db.Associates.Where(o => o.Id == ownerId).Select(o => o.Name).FirstOrDefault() : null,
            Title = a.Title,
            Location = a.Location,
            Start = a.Start,
            End = a.End,
            Type = a.Type,
            Status = a.Status,
            Private = a.Private,
            Free = a.Free,
            RejectReason = a.RejectReason,
            RecurrenceRuleId = a.RecurrenceRuleId,
            OriginalStart = a.OriginalStart,
        };

    private static List<DiaryRow> ToRows(List<RowData> rows) =>
        rows.ConvertAll(r => new DiaryRow(r.RowId, r.MotherId, r.AssociateId, r.OwnerId, r.Title, r.Location, r.Start, r.End, r.Type, r.Status, r.Private, r.Free, r.RejectReason, r.RecurrenceRuleId, r.OriginalStart, r.OwnerName));

    private sealed class RowData
    {
        public int RowId { get; init; }

        public int MotherId { get; init; }

        public int AssociateId { get; init; }

        public int OwnerId { get; init; }

        public string? OwnerName { get; init; }

        public string Title { get; init; } = "";

        public string? Location { get; init; }

        public Instant Start { get; init; }

        public Instant End { get; init; }

        public AppointmentType Type { get; init; }

        public AppointmentStatus Status { get; init; }

        public PrivacyLevel Private { get; init; }

        public bool Free { get; init; }

        public string? RejectReason { get; init; }

        public int RecurrenceRuleId { get; init; }

        public Instant? OriginalStart { get; init; }
    }
}
