using Convene.Core.Appointments;
using Convene.Core.Ports;
using Convene.Core.Scheduling;
using Convene.Core.Series;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.Persistence.Stores;

internal sealed class SeriesStore(ConveneDbContext db, MeetingStore meetings) : ISeriesStore
{
    public async Task AddRuleAsync(SeriesRule rule, CancellationToken cancellationToken)
    {
        db.Set<SeriesRule>().Add(rule);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<SeriesRule?> FindRuleAsync(int ruleId, CancellationToken cancellationToken) =>
        await db.Set<SeriesRule>().FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken);

    /// <summary>
    /// Writes every occurrence with a handful of multi-row INSERTs (<see cref="BulkInsert"/>): the ids of the texts and
    /// rows are reserved first, so masters, children and texts are linked before anything is written. EF Core's one
    /// statement per row made a 500-date series with 12 participants take seconds (docs/benchmarks.md).
    /// </summary>
    public async Task AddOccurrencesAsync(IReadOnlyList<Meeting> occurrences, CancellationToken cancellationToken)
    {
        var changes = occurrences.Select(o => o.TakeChanges()).ToList();
        var textIds = await BulkInsert.ReserveIdsAsync(db, typeof(TextRecord), occurrences.Count, cancellationToken);
        for (var i = 0; i < occurrences.Count; i++)
        {
            BulkInsert.SetKey(db, occurrences[i].Text, textIds[i]);
        }

        await BulkInsert.InsertAsync(db, occurrences.Select(o => o.Text).ToList(), withKey: true, cancellationToken);
        var rows = new List<Appointment>();
        var rowIds = await BulkInsert.ReserveIdsAsync(db, typeof(Appointment), changes.Sum(c => c.AddedRows.Count), cancellationToken);
        var next = 0;
        for (var i = 0; i < occurrences.Count; i++)
        {
            var master = occurrences[i].Owner!.Row;
            var added = changes[i].AddedRows;
            foreach (var row in added)
            {
                BulkInsert.SetKey(db, row, rowIds[next++]);
            }

            foreach (var row in added)
            {
                row.LinkStored(textIds[i], master.Id);
                rows.Add(row);
            }
        }

        await BulkInsert.InsertAsync(db, rows, withKey: true, cancellationToken);
        var notifications = new List<Core.Appointments.Notification>();
        var history = new List<HistoryEntry>();
        for (var i = 0; i < occurrences.Count; i++)
        {
            var (n, h) = MeetingStore.Effects(changes[i], occurrences[i].Owner!.Row.Id);
            notifications.AddRange(n);
            history.AddRange(h);
        }

        await BulkInsert.InsertAsync(db, history, withKey: false, cancellationToken);
        db.Notifications.AddRange(notifications);
        await db.SaveChangesAsync(cancellationToken);
        // One "diary changed" per diary for the whole series (its first date), not one per date and diary.
        meetings.SignalDiaries(occurrences[0], occurrences[0].Owner!.Row.Id, []);
        await meetings.SignalAsync(notifications, cancellationToken);
    }

    public async Task<IReadOnlyList<int>> FindOccurrenceIdsAsync(int ruleId, CancellationToken cancellationToken) =>
        await db.Appointments.AsNoTracking()
            .Where(a => a.RecurrenceRuleId == ruleId && a.MotherId != 0)
            .GroupBy(a => a.MotherId)
            .Select(g => new { MotherId = g.Key, Start = g.Min(a => a.OriginalStart ?? a.Start) })
            .OrderBy(g => g.Start).ThenBy(g => g.MotherId)
            .Select(g => g.MotherId)
            .ToListAsync(cancellationToken);

    // The same busy rows a single meeting's conflict check reads (travel time included), over the series' whole span.
    // The rows scheduling and the single-meeting conflict flag read (BusyRowReader), with their travel time.
    public async Task<IReadOnlyList<(int DiaryId, Instant Start, Instant End, TimeRange Blocked)>> FindBusyAsync(IReadOnlyCollection<int> diaryIds, Instant from, Instant to, CancellationToken cancellationToken) =>
        (await BusyRowReader.ReadAsync(db, diaryIds, new TimeRange(from, to), 0, cancellationToken))
            .Where(r => r.Blocked.Start < to && from < r.Blocked.End)
            .OrderBy(r => r.Start).ThenBy(r => r.MotherId)
            .Select(r => (r.AssociateId, r.Start, r.End, r.Blocked))
            .ToList();

    public async Task<IReadOnlyList<DiaryRow>> FindDiaryRowsAsync(int associateId, int ruleId, CancellationToken cancellationToken)
    {
        // The series' rows in this diary; the owner is the master's associate (or the one the row remembers).
        var rows = await (
            from a in db.Appointments.AsNoTracking()
            where a.AssociateId == associateId && a.RecurrenceRuleId == ruleId
            join m in db.Appointments on a.MotherId equals m.Id into masters
            from m in masters.DefaultIfEmpty()
            select new { Row = a, OwnerId = m != null ? m.AssociateId : a.MotherAssociateId }).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new DiaryRow(r.Row.Id, r.Row.MotherId, r.Row.AssociateId, r.OwnerId, r.Row.Title, r.Row.Location, r.Row.Start, r.Row.End,
            r.Row.Type, r.Row.Status, r.Row.Private, r.Row.Free, r.Row.RejectReason, r.Row.RecurrenceRuleId, r.Row.OriginalStart));
    }

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
