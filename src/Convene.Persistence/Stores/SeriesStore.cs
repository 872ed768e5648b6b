using Convene.Core.Appointments;
using Convene.Core.Ports;
using Convene.Core.Series;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.Persistence.Stores;

internal sealed class SeriesStore(ConveneDbContext db, MeetingStore meetings) : ISeriesStore
{
    private static readonly AppointmentType[] TimedTypes =
        [AppointmentType.InDiary, AppointmentType.InChecklist, AppointmentType.BookingForDiary, AppointmentType.BookingForChecklist];

    public async Task AddRuleAsync(SeriesRule rule, CancellationToken cancellationToken)
    {
        db.Set<SeriesRule>().Add(rule);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<SeriesRule?> FindRuleAsync(int ruleId, CancellationToken cancellationToken) =>
        await db.Set<SeriesRule>().FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken);

    /// <summary>
    /// Four batched saves for any number of occurrences — the texts, the masters (their ids become the children's
    /// mother_id), the children, then notifications and history — instead of three saves per occurrence.
    /// </summary>
    public async Task AddOccurrencesAsync(IReadOnlyList<Meeting> occurrences, CancellationToken cancellationToken)
    {
        var changes = occurrences.Select(o => o.TakeChanges()).ToList();
        db.Texts.AddRange(occurrences.Select(o => o.Text));
        await db.SaveChangesAsync(cancellationToken);

        var masters = occurrences.Select(o => o.Owner!.Row).ToList();
        for (var i = 0; i < occurrences.Count; i++)
        {
            masters[i].LinkStored(occurrences[i].Text.Id, 0);
        }

        db.Appointments.AddRange(masters);
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < occurrences.Count; i++)
        {
            var master = masters[i];
            master.LinkStored(occurrences[i].Text.Id, master.Id);
            foreach (var row in changes[i].AddedRows.Where(r => r != master))
            {
                row.LinkStored(occurrences[i].Text.Id, master.Id);
                db.Appointments.Add(row);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var notifications = new List<Core.Appointments.Notification>();
        for (var i = 0; i < occurrences.Count; i++)
        {
            notifications.AddRange(meetings.AddEffects(changes[i], masters[i].Id));
        }

        await db.SaveChangesAsync(cancellationToken);
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

    public async Task<IReadOnlyList<(int DiaryId, Instant Start, Instant End)>> FindBusyAsync(IReadOnlyCollection<int> diaryIds, Instant from, Instant to, CancellationToken cancellationToken)
    {
        var rows = await db.Appointments.AsNoTracking()
            .Where(a => diaryIds.Contains(a.AssociateId) && a.Start < to && from < a.End
                && !a.Free && a.Status != AppointmentStatus.BookingDeclined && a.Status != AppointmentStatus.BookingDeleted
                && TimedTypes.Contains(a.Type))
            .Select(a => new { a.AssociateId, a.Start, a.End })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => (r.AssociateId, r.Start, r.End));
    }

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
