using Convene.Core.Directory;
using Convene.Core.Ports;
using Convene.Core.Scheduling;
using Convene.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.Persistence.Stores;

internal sealed class SchedulingStore(ConveneDbContext db) : ISchedulingStore
{
    public async Task<IReadOnlyList<SchedulingSubject>> FindSubjectsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return await LoadAsync(db.Associates.Where(a => ids.Contains(a.Id)), cancellationToken);
    }

    public async Task<IReadOnlyList<SchedulingSubject>> FindRoomsAsync(int minCapacity, CancellationToken cancellationToken) =>
        (await LoadAsync(db.Associates.Where(a => a.Kind == AssociateKind.Resource && a.IsLocation && a.IsActive && a.Capacity >= minCapacity), cancellationToken))
            .OrderBy(r => r.Capacity).ThenBy(r => r.Id).ToList();

    public async Task<IReadOnlyList<BusyRow>> GetBusyRowsAsync(IReadOnlyCollection<int> associateIds, TimeRange window, int? excludeMotherId, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return await BusyRowReader.ReadAsync(db, associateIds, window, excludeMotherId ?? 0, cancellationToken);
    }

    /// <summary>
    /// Opens the context's connection for the rest of the request: a scheduling call runs two or three queries, and
    /// taking the connection from the pool once (instead of per query) saves the pool round trip and, on PostgreSQL,
    /// the session reset that comes with each reuse. The context closes it when the request's scope ends.
    /// </summary>
    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (!_opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            _opened = true;
        }
    }

    private bool _opened;

    public async Task ReplaceWorkingHoursAsync(int associateId, WorkingHoursMode mode, IReadOnlyList<WorkingPeriod> periods, CancellationToken cancellationToken)
    {
        await db.Set<WorkingPeriodRow>().Where(p => p.AssociateId == associateId).ExecuteDeleteAsync(cancellationToken);
        await db.Associates.Where(a => a.Id == associateId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => EF.Property<int>(a, SchedulingColumns.WorkingHoursMode), (int)mode), cancellationToken);
        db.Set<WorkingPeriodRow>().AddRange(periods.Select(p => new WorkingPeriodRow
        {
            AssociateId = associateId,
            DayOfWeek = (int)p.Day,
            StartMinute = p.Start.Hour * 60 + p.Start.Minute,
            EndMinute = p.EndsAtMidnight ? 1440 : p.End.Hour * 60 + p.End.Minute,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<SchedulingSubject>> LoadAsync(IQueryable<Associate> associates, CancellationToken ct)
    {
        // Only the columns scheduling needs (never the password hash or the rest of the row): this runs on every
        // free/busy, first-available and find-a-time request.
        var found = await associates.AsNoTracking()
            .Select(a => new { a.Id, a.Name, a.Kind, a.IsActive, a.IsLocation, a.TimeZone, a.Capacity, a.Tags, Mode = EF.Property<int>(a, SchedulingColumns.WorkingHoursMode) })
            .ToListAsync(ct);
        var custom = found.Where(f => f.Mode == (int)WorkingHoursMode.Custom).Select(f => f.Id).ToList();
        var periods = custom.Count == 0
            ? []
            : await db.Set<WorkingPeriodRow>().AsNoTracking().Where(p => custom.Contains(p.AssociateId)).ToListAsync(ct);
        var byAssociate = periods.ToLookup(p => p.AssociateId);
        return found.ConvertAll(f => new SchedulingSubject(
            f.Id,
            f.Name,
            f.Kind,
            f.IsActive,
            f.IsLocation,
            f.TimeZone,
            (WorkingHoursMode)f.Mode,
            byAssociate[f.Id].Select(ToPeriod).ToList(),
            f.Capacity,
            f.Tags));
    }

    private static WorkingPeriod ToPeriod(WorkingPeriodRow p) => new(
        (IsoDayOfWeek)p.DayOfWeek,
        LocalTime.FromMinutesSinceMidnight(p.StartMinute),
        p.EndMinute >= 1440 ? LocalTime.Midnight : LocalTime.FromMinutesSinceMidnight(p.EndMinute));
}
