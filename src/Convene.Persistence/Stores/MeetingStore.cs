using System.Globalization;
using Convene.Core.Appointments;
using Convene.Core.Directory;
using Convene.Core.Ports;
using Convene.Core.Scheduling;
using Convene.Persistence.Signals;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.Persistence.Stores;

internal sealed class MeetingStore(ConveneDbContext db, PendingSignals pendingSignals) : IMeetingStore
{
    // A meeting read ahead of the write transaction that will change it (SQLite only; ReadAheadAsync), with the
    // tracked entities it was built from.
    private (int AppointmentId, Meeting Meeting, List<Appointment> Rows, TextRecord Text)? _readAhead;

    /// <summary>
    /// On SQLite, reads the meeting now, outside the single writer, for the write transaction that follows; inside it,
    /// <see cref="FindAsync"/> returns this meeting if its revision is still the stored one (one indexed read instead of
    /// three queries while every other writer waits), and reads it again otherwise. Every change of a meeting raises
    /// its master's version (Meeting.Revise), so an equal revision means nothing of it changed (ADR 0028, issue 8).
    /// PostgreSQL locks the master before reading its rows, and writers of other meetings do not wait: nothing to gain.
    /// </summary>
    public async Task ReadAheadAsync(int appointmentId, CancellationToken cancellationToken)
    {
        if (db.IsPostgres || db.Database.CurrentTransaction is not null)
        {
            return;
        }

        Forget();
        if (await LoadAsync(appointmentId, cancellationToken) is { } loaded)
        {
            _readAhead = (appointmentId, loaded.Meeting, loaded.Rows, loaded.Text);
        }
    }

    public async Task<Meeting?> FindAsync(int appointmentId, CancellationToken cancellationToken)
    {
        if (_readAhead is { } ahead && ahead.AppointmentId == appointmentId && db.Database.CurrentTransaction is not null)
        {
            // A master to check (a cancelled meeting has none), still tracked as read (a rolled-back attempt clears the
            // tracker) and still the stored revision.
            if (ahead.Meeting.Owner is not null
                && ahead.Rows.TrueForAll(r => db.Entry(r).State == EntityState.Unchanged)
                && db.Entry(ahead.Text).State == EntityState.Unchanged
                && await StoredRevisionAsync(ahead.Meeting.Id, cancellationToken) == ahead.Meeting.Revision)
            {
                _readAhead = null;
                return ahead.Meeting;
            }

            Forget();
        }

        return (await LoadAsync(appointmentId, cancellationToken))?.Meeting;
    }

    // The read-ahead is not used: its entities leave the change tracker, so that reading again gets the stored values
    // (a tracking query would hand back the instances already tracked, with what they held when read ahead).
    private void Forget()
    {
        if (_readAhead is { } ahead)
        {
            _readAhead = null;
            foreach (var row in ahead.Rows)
            {
                db.Entry(row).State = EntityState.Detached;
            }

            db.Entry(ahead.Text).State = EntityState.Detached;
        }
    }

    private async Task<int?> StoredRevisionAsync(int masterId, CancellationToken cancellationToken) =>
        (await AdoQuery.ListAsync(db, "SELECT version FROM appointment WHERE appointment_id = @id", [("@id", masterId)], reader => reader.GetInt32(0), cancellationToken))
            .Cast<int?>().FirstOrDefault();

    // Which meeting, in the same query: an ordinary appointment (mother 0) is a meeting of one; a row of a meeting names
    // its master; a cancelled meeting has lost its master, and its invitees' cancelled rows still point to the id
    // (COALESCE). One query instead of two for every read and answer (issue 8). Compiled once: EF Core otherwise walks
    // the expression tree for its parameters on every call (~4 % of an answer's CPU in the load benchmark's profile).
    // A compiled query keeps the SQL of the first provider it runs on, so there is one per provider (the tests run
    // both in one process).
    private static readonly PerProvider<Func<ConveneDbContext, int, IAsyncEnumerable<Appointment>>> MeetingRows = new(() => EF.CompileAsyncQuery(
        (ConveneDbContext db, int appointmentId) => db.Appointments
            .Where(a => (a.Id == appointmentId && a.MotherId == 0)
                || (a.MotherId != 0 && a.MotherId == (db.Appointments.Where(b => b.Id == appointmentId).Select(b => (int?)b.MotherId).FirstOrDefault() ?? appointmentId)))));

    private static readonly PerProvider<Func<ConveneDbContext, int, CancellationToken, Task<TextRecord>>> TextById = new(() => EF.CompileAsyncQuery(
        (ConveneDbContext db, int textId, CancellationToken _) => db.Texts.First(t => t.Id == textId)));

    private async Task<(Meeting Meeting, List<Appointment> Rows, TextRecord Text)?> LoadAsync(int appointmentId, CancellationToken cancellationToken)
    {
        var rows = MustLock
            ? await LockAndReadRowsAsync(appointmentId, cancellationToken)
            : await MeetingRows.For(db)(db, appointmentId).ToListAsync(cancellationToken);

        if (rows.Count == 0)
        {
            return null;
        }

        var text = await TextById.For(db)(db, rows[0].TextId, cancellationToken);
        // The participants' names and states; the assigner's with them (one query), persons only when there are any.
        var assignerId = rows.Find(r => r.MotherId == r.Id)?.AssignedBy;
        var associateIds = rows.Where(r => r.AssociateId != 0).Select(r => r.AssociateId).Append(assignerId ?? 0).Where(id => id != 0).Distinct().ToList();
        var associates = await NamesAsync("associate", "associate_id, name, is_active, type", associateIds, cancellationToken);
        var assignerName = assignerId is { } aid ? associates.GetValueOrDefault(aid)?.Name : null;
        var personIds = rows.Where(r => r.AssociateId == 0).Select(r => r.InvitedPersonId).Distinct().ToList();
        var persons = await NamesAsync("person", "person_id, name, is_active, 0", personIds, cancellationToken); // 0: persons have no kind

        var meeting = Meeting.Load(text, rows.Select(r =>
        {
            if (r.MotherId == r.Id || r.MotherId == 0)
            {
                var owner = associates.GetValueOrDefault(r.AssociateId);
                return (r, ParticipantKind.Owner, owner?.Name ?? $"#{r.AssociateId}", owner?.IsActive ?? false);
            }

            if (r.AssociateId == 0)
            {
                var person = persons.GetValueOrDefault(r.InvitedPersonId);
                return (r, ParticipantKind.Person, person?.Name ?? $"person #{r.InvitedPersonId}", person?.IsActive ?? false);
            }

            var associate = associates.GetValueOrDefault(r.AssociateId);
            var kind = associate?.Kind == AssociateKind.Resource ? ParticipantKind.Resource : ParticipantKind.Associate;
            return (r, kind, associate?.Name ?? $"#{r.AssociateId}", associate?.IsActive ?? false);
        }), assignerName);
        return (meeting, rows, text);
    }

    // The participants' names and states: read on every meeting load (each read, answer and move), so by hand (AdoQuery).
    private async Task<Dictionary<int, Participant>> NamesAsync(string table, string columns, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var parameters = new List<(string, object)>();
        var list = AdoQuery.AddList(parameters, "id", ids);
        var found = await AdoQuery.ListAsync(
            db,
            $"SELECT {columns} FROM {table} WHERE {table}_id IN ({list})",
            parameters,
            reader => new Participant(reader.GetInt32(0), reader.GetString(1), reader.GetBoolean(2), (AssociateKind)reader.GetInt32(3)),
            cancellationToken);
        return found.ToDictionary(p => p.Id);
    }

    private sealed record Participant(int Id, string Name, bool IsActive, AssociateKind Kind);

    private bool MustLock => db.Database.CurrentTransaction is not null && db.IsPostgres;

    // In a PostgreSQL write transaction the master is locked before its rows are read (LockAsync), so the id comes first.
    private async Task<List<Appointment>> LockAndReadRowsAsync(int appointmentId, CancellationToken cancellationToken)
    {
        var row = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId).Select(a => new { a.Id, a.MotherId }).FirstOrDefaultAsync(cancellationToken);
        var motherId = row is null ? appointmentId : row.MotherId;
        await LockAsync(row is not null && row.MotherId == 0 ? appointmentId : motherId, cancellationToken);
        return row is not null && row.MotherId == 0
            ? await db.Appointments.Where(a => a.Id == appointmentId).ToListAsync(cancellationToken) // an ordinary appointment: a meeting of one
            : await db.Appointments.Where(a => a.MotherId == motherId).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Inside a write transaction on PostgreSQL, locks the meeting's master row (SELECT ... FOR UPDATE) before its rows
    /// are read, so the changes of one meeting are serialised: an answer and a move at the same moment both succeed,
    /// one after the other. Every change raises the master's revision, so every writer takes this lock. The rows are
    /// read by the next statement, which under READ COMMITTED sees everything the previous holder committed — rows it
    /// added included. SQLite needs no lock: its write transactions begin IMMEDIATE and so run one at a time.
    /// </summary>
    private async Task LockAsync(int masterId, CancellationToken cancellationToken)
    {
        // A cancelled meeting has no master any more: lock what is left of it instead.
        await db.Database.ExecuteSqlAsync(
            $"SELECT 1 FROM appointment WHERE appointment_id = {masterId} OR (mother_id = {masterId} AND NOT EXISTS (SELECT 1 FROM appointment WHERE appointment_id = {masterId})) FOR UPDATE",
            cancellationToken);
    }

    /// <summary>
    /// Writes the meeting's changes. New rows — the text, appointment rows, notifications and history — go in as
    /// prepared INSERTs (BulkInsert: one statement per table, re-executed per row on SQLite, multi-row on PostgreSQL)
    /// with ids reserved first, so a new master's own mother_id, its children's, the notifications and the history can
    /// point at them before anything is written. Changed and removed stored rows go through SaveChanges, which checks
    /// their version (optimistic concurrency). EF Core's SaveChanges spent most of a create's time inside SQLite's
    /// single writer building and preparing one command per row (issue 8, docs/benchmarks.md).
    /// </summary>
    public async Task SaveAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        var changes = meeting.TakeChanges();
        var added = changes.AddedRows;
        // Notifications resolved by this change belong to rows already stored (decided before new rows get their ids).
        var resolved = changes.ResolvedNotifications.Where(r => r.Row.Id != 0).ToList();
        var newText = meeting.Text.Id == 0;
        // Every id this change needs, in one round trip on PostgreSQL: the text's, the new rows' and the notifications'
        // (their ids travel in the change signals). Effects below makes exactly NotificationCount notifications.
        var reserved = await BulkInsert.ReserveIdsAsync(
            db,
            [(typeof(TextRecord), newText ? 1 : 0), (typeof(Appointment), added.Count), (typeof(Notification), NotificationCount(changes))],
            cancellationToken);
        if (newText)
        {
            BulkInsert.SetKey(db, meeting.Text, reserved[0][0]);
        }

        for (var i = 0; i < added.Count; i++)
        {
            BulkInsert.SetKey(db, added[i], reserved[1][i]);
        }

        // A new master is its own mother; every new child points to the meeting's master.
        var newMaster = added.Find(r => meeting.Owner?.Row == r);
        var motherId = newMaster?.Id ?? (meeting.Owner?.Row.MotherId is > 0 and var m ? m : meeting.Id);
        foreach (var row in added)
        {
            row.LinkStored(meeting.Text.Id, motherId);
        }

        foreach (var row in changes.RemovedRows.Where(r => r.Id != 0))
        {
            db.Appointments.Remove(row); // notifications of the row go with it (ON DELETE CASCADE)
        }

        foreach (var (recipientId, row) in resolved)
        {
            var rowId = row.Id;
            await db.Notifications
                .Where(n => n.RecipientId == recipientId && n.AppointmentId == rowId
                    && (n.Kind == NotificationKind.NewMeeting || n.Kind == NotificationKind.MeetingChanged || n.Kind == NotificationKind.Assigned))
                .ExecuteDeleteAsync(cancellationToken);
        }

        var (notifications, history) = Effects(changes, motherId);
        for (var i = 0; i < notifications.Count; i++)
        {
            BulkInsert.SetKey(db, notifications[i], reserved[2][i]);
        }

        // In foreign-key order: the text before the rows that use it, the rows before their notifications; on
        // PostgreSQL with the notifications' NOTIFY, all in one round trip.
        await BulkInsert.InsertAllAsync(
            db,
            [BulkInsert.Rows.Of(newText ? [meeting.Text] : Array.Empty<TextRecord>(), withKey: true), BulkInsert.Rows.Of(added, withKey: true),
                BulkInsert.Rows.Of(notifications, withKey: true), BulkInsert.Rows.Of(history, withKey: false)],
            PostgresNotify(notifications),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        SignalDiaries(meeting, motherId, changes.RemovedRows);
        SignalInProcess(notifications);
    }

    private static int NotificationCount(MeetingChanges changes) => Written(changes).Count();

    // The notifications a change writes: none about a row the same change removes.
    private static IEnumerable<PendingNotification> Written(MeetingChanges changes)
    {
        var removed = changes.RemovedRows.ToHashSet();
        return changes.Notifications.Where(n => !removed.Contains(n.Row));
    }

    /// <summary>The notifications and history entries <paramref name="changes"/> of meeting <paramref name="motherId"/> decided.</summary>
    internal static (List<Notification> Notifications, List<HistoryEntry> History) Effects(MeetingChanges changes, int motherId)
    {
        var notifications = Written(changes)
            .Select(n => Notification.Create(n.RecipientId, n.Kind, n.Row.Id, motherId, n.Row.Updated, n.Text))
            .ToList();
        var history = changes.History.Select(h => HistoryEntry.Create(
            motherId,
            h.Subject?.Row.Id,
            h.ActorId,
            h.At,
            h.Action,
            h.SubjectAssociateId ?? h.Subject?.AssociateId,
            h.Subject?.PersonId,
            h.FromStatus,
            h.ToStatus,
            h.Reason,
            h.Details)).ToList();
        return (notifications, history);
    }

    /// <summary>Tells listeners about saved notifications (in the transaction on PostgreSQL, after the commit on SQLite).</summary>
    internal async Task SignalAsync(IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        if (PostgresNotify(notifications) is { } notify)
        {
            await BulkInsert.InsertAllAsync(db, [], notify, cancellationToken);
        }

        SignalInProcess(notifications);
    }

    // NOTIFY is transactional: listeners on every instance hear it when (and only if) this commits. One statement for
    // all of them (a round trip per notification used to hold the meeting's lock that long).
    private (string Sql, IReadOnlyList<(string Name, object Value)> Parameters)? PostgresNotify(IReadOnlyList<Notification> notifications) =>
        db.IsPostgres && notifications.Count > 0
            ? ("SELECT pg_notify(@channel, p) FROM unnest(@payloads) AS p",
                [("@channel", PostgresNotificationListener.Channel), ("@payloads", notifications.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.RecipientId}:{n.Id}")).ToArray())])
            : null;

    // One instance (SQLite): published in-process after the commit.
    private void SignalInProcess(IReadOnlyList<Notification> notifications)
    {
        if (db.IsPostgres)
        {
            return;
        }

        foreach (var notification in notifications)
        {
            pendingSignals.Add(new NotificationSignal(notification.RecipientId, notification.Id));
        }
    }

    /// <summary>
    /// Every diary the meeting is (or just was) in hears that it changed — also when nobody is notified, such as the
    /// owner when an invitee accepts. Released by the unit of work once the transaction has committed (ADR 0016).
    /// </summary>
    internal void SignalDiaries(Meeting meeting, int motherId, IEnumerable<Appointment> removedRows)
    {
        var diaries = meeting.Participants.Select(p => p.AssociateId ?? 0)
            .Concat(meeting.Participants.Select(p => p.Row.AssignedBy ?? 0))
            .Concat(removedRows.Where(r => r.InvitedPersonId == 0).Select(r => r.AssociateId))
            .Append(meeting.OwnerId)
            .Where(id => id > 0)
            .Distinct();
        if (motherId == 0)
        {
            return;
        }

        foreach (var diary in diaries)
        {
            pendingSignals.Add(new DiarySignal(diary, motherId));
        }
    }

    public async Task<IReadOnlySet<int>> FindDiariesWithOverlapAsync(IReadOnlyCollection<int> diaryIds, Instant start, Instant end, int excludeMotherId, CancellationToken cancellationToken) =>
        (await OverlappingAsync(diaryIds, start, end, excludeMotherId, cancellationToken)).Select(o => o.DiaryId).ToHashSet();

    public async Task<IReadOnlyList<(int DiaryId, Instant Start, Instant End)>> FindOverlapsAsync(IReadOnlyCollection<int> diaryIds, Instant start, Instant end, int excludeMotherId, CancellationToken cancellationToken) =>
        (await OverlappingAsync(diaryIds, start, end, excludeMotherId, cancellationToken)).Take(50).ToList();

    public async Task LockResourcesAsync(IReadOnlyList<int> resourceIds, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres || db.Database.CurrentTransaction is null)
        {
            return;
        }

        foreach (var id in resourceIds.Order())
        {
            // Two-key form: class 4242 = "resource booking", so these locks never collide with other advisory locks.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(4242, {id})", cancellationToken);
        }
    }

    // Half-open intervals: a row blocks [start - lead, end + lag) (its travel time included) and overlaps [start, end)
    // iff blockedStart < end && start < blockedEnd. The rows are the ones scheduling reads (BusyRowReader), so the
    // conflict flag and "first available" agree on what blocks.
    internal async Task<List<(int DiaryId, Instant Start, Instant End)>> OverlappingAsync(
        IReadOnlyCollection<int> diaryIds, Instant start, Instant end, int excludeMotherId, CancellationToken cancellationToken) =>
        (await BusyRowReader.ReadAsync(db, diaryIds, new TimeRange(start, end), excludeMotherId, cancellationToken))
            .Where(r => r.Blocked.Start < end && start < r.Blocked.End)
            .OrderBy(r => r.Start).ThenBy(r => r.MotherId)
            .Select(r => (r.AssociateId, r.Start, r.End))
            .ToList();

    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(int motherId, CancellationToken cancellationToken) =>
        await db.History.AsNoTracking().Where(h => h.MotherId == motherId).OrderBy(h => h.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<int>> FindOwnedMeetingIdsAsync(int associateId, Instant after, CancellationToken cancellationToken) =>
        await db.Appointments.AsNoTracking()
            .Where(a => a.MotherId == a.Id && a.End > after
                && ((a.Status == AppointmentStatus.Assignment || a.Status == AppointmentStatus.AssignmentSeen)
                    ? a.AssignedBy == associateId
                    : a.AssociateId == associateId))
            .OrderBy(a => a.Start).ThenBy(a => a.Id)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
}
