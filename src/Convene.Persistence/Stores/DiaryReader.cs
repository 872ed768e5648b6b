using System.Data.Common;
using Convene.Core.Appointments;
using Convene.Core.Ports;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.Persistence.Stores;

internal sealed class DiaryReader(ConveneDbContext db) : IDiaryReader
{
    private static readonly string AssignmentCodes = AdoQuery.Codes(AppointmentStatus.Assignment, AppointmentStatus.AssignmentSeen);

    // The owner of a row is the master's associate; a cancelled row whose master is gone remembers it. While an
    // assignment is pending (11, 12) the assigner still owns the meeting (issue 9).
    private static readonly string RowsSql = $"""
        SELECT a.appointment_id, a.mother_id, a.associate_id,
          CASE WHEN a.mother_id = 0 THEN a.associate_id
               WHEN m.appointment_id IS NOT NULL THEN
                 CASE WHEN m.status IN ({AssignmentCodes}) AND m.assigned_by IS NOT NULL THEN m.assigned_by ELSE m.associate_id END
               ELSE a.mother_associate_id END AS owner_id,
          a.title, a.location, a.do_by, a.end_date, a.type, a.status, a.private, a.free_busy, a.reject_reason,
          a.recurrence_rule_id, a.original_start_date
        FROM appointment a LEFT JOIN appointment m ON m.appointment_id = a.mother_id
        """;

    // Diary reads and invitations are the hottest queries (issue 8): hand-written SQL on a data reader (AdoQuery).
    public async Task<IReadOnlyList<DiaryRow>> GetDiaryRowsAsync(int associateId, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var parameters = new List<(string, object)> { ("@associate", associateId) };
        OverlapSql.AddWindow(parameters, db.IsPostgres, from, to);
        return await AdoQuery.ListAsync(
            db,
            $"{RowsSql} WHERE {OverlapSql.Condition(db.IsPostgres, "a", "= @associate")} ORDER BY a.do_by, a.appointment_id",
            parameters,
            reader => ReadRow(reader, ownerName: null),
            cancellationToken);
    }

    public async Task<IReadOnlyList<DiaryRow>> GetDiaryRowsAsync(IReadOnlyCollection<int> associateIds, Instant from, Instant to, CancellationToken cancellationToken)
    {
        if (associateIds.Count == 0)
        {
            return [];
        }

        var parameters = new List<(string, object)>();
        OverlapSql.AddWindow(parameters, db.IsPostgres, from, to);
        var ids = AdoQuery.AddList(parameters, "a", associateIds.Distinct());
        return await AdoQuery.ListAsync(
            db,
            $"{RowsSql} WHERE {OverlapSql.Condition(db.IsPostgres, "a", $"IN ({ids})")} ORDER BY a.do_by, a.appointment_id",
            parameters,
            reader => ReadRow(reader, ownerName: null),
            cancellationToken);
    }

    // Rows of meetings (not single appointments, mother_id 0) in the given statuses; a master row only while it is an
    // assignment waiting for its new owner. The owner's name is read in the same query (a key lookup per row).
    public async Task<IReadOnlyList<DiaryRow>> GetInvitationRowsAsync(int associateId, IReadOnlyCollection<AppointmentStatus> statuses, CancellationToken cancellationToken)
    {
        if (statuses.Count == 0)
        {
            return [];
        }

        return await AdoQuery.ListAsync(
            db,
            InvitationsSql(statuses),
            [("@associate", associateId)],
            ReadRowWithOwnerName,
            cancellationToken);
    }

    /// <summary>
    /// The invitations query for <see cref="GetInvitationRowsAsync"/> (parameter <c>@associate</c>). "status &gt;= 5"
    /// repeats the condition of the partial index ix_appointment_invitations (migration 0010) word for word, so the
    /// planner can read the diary's invitations alone, in date order, instead of every row of the diary; every status
    /// an invitation can have is a booking or an assignment (5 and up).
    /// </summary>
    internal static string InvitationsSql(IReadOnlyCollection<AppointmentStatus> statuses)
    {
        var bookings = statuses.All(s => s >= AppointmentStatus.Booking) ? "a.status >= 5 AND " : "";
        return WithOwnerNames(
            $"a.associate_id = @associate AND {bookings}a.mother_id <> 0 AND a.status IN ({AdoQuery.Codes(statuses)}) AND (a.mother_id <> a.appointment_id OR a.status IN ({AssignmentCodes}))",
            "r.do_by, r.appointment_id");
    }

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
        // Masters (and single appointments) linked to the contact, or with one of its persons invited.
        var where = """
            (a.mother_id = a.appointment_id OR a.mother_id = 0)
            AND (a.contact_id = @contact OR a.appointment_id IN (
              SELECT v.mother_id FROM appointment v
              WHERE v.associate_id = 0 AND v.invited_person_id IN (SELECT p.person_id FROM person p WHERE p.contact_id = @contact)))
            """;
        var parameters = new List<(string, object)> { ("@contact", contactId) };
        if (from is { } f)
        {
            where += " AND @from < a.end_date";
            parameters.Add(("@from", f.ToDateTimeUtc()));
        }

        if (to is { } t)
        {
            where += " AND a.do_by < @to";
            parameters.Add(("@to", t.ToDateTimeUtc()));
        }

        var rows = await AdoQuery.ListAsync(db, WithOwnerNames(where, "r.do_by DESC, r.appointment_id DESC LIMIT 1000"), parameters, ReadRowWithOwnerName, cancellationToken);
        var ids = rows.Select(r => r.RowId).ToList();
        var personIds = db.Persons.Where(p => p.ContactId == contactId).Select(p => p.Id);
        var invited = await db.Appointments.AsNoTracking()
            .Where(a => a.AssociateId == 0 && ids.Contains(a.MotherId) && personIds.Contains(a.InvitedPersonId))
            .Select(a => new { a.MotherId, a.InvitedPersonId })
            .ToListAsync(cancellationToken);
        var byMeeting = invited.ToLookup(i => i.MotherId, i => i.InvitedPersonId);
        return rows.Select(r => (r, (IReadOnlyList<int>)byMeeting[r.RowId].ToList())).ToList();
    }

    // Where the owner's name is shown (invitations, contact activities): one key lookup per row in the same query. A
    // subquery rather than a LEFT JOIN: PostgreSQL planned the join as a hash of the whole associate table, built for
    // every invitation list (a fifth of the query's time with ~180 invitations; issue 8).
    private static string WithOwnerNames(string where, string orderBy) => $"""
        SELECT r.*, (SELECT o.name FROM associate o WHERE o.associate_id = r.owner_id) FROM ({RowsSql} WHERE {where}) r
        ORDER BY {orderBy}
        """;

    private static DiaryRow ReadRowWithOwnerName(DbDataReader reader) => ReadRow(reader, reader.GetNullableString(15));

    private static DiaryRow ReadRow(DbDataReader reader, string? ownerName) => new(
        reader.GetInt32(0),
        reader.GetInt32(1),
        reader.GetInt32(2),
        reader.GetInt32(3),
        reader.GetString(4),
        reader.GetNullableString(5),
        reader.GetInstant(6),
        reader.GetInstant(7),
        (AppointmentType)reader.GetInt32(8),
        (AppointmentStatus)reader.GetInt32(9),
        (PrivacyLevel)reader.GetInt32(10),
        reader.GetInt32(11) != 0,
        reader.GetNullableString(12),
        reader.GetInt32(13),
        reader.GetNullableInstant(14),
        ownerName);
}
