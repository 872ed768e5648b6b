using Convene.Core.Appointments;
using Convene.Core.Directory;
using Convene.Core.Ports;
using Convene.Core.Scheduling;
using Convene.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.Persistence.Stores;

internal sealed class SchedulingStore(ConveneDbContext db) : ISchedulingStore
{
    private static readonly AppointmentType[] TimedTypes =
        [AppointmentType.InDiary, AppointmentType.InChecklist, AppointmentType.BookingForDiary, AppointmentType.BookingForChecklist];

    public Task<IReadOnlyList<SchedulingSubject>> FindSubjectsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        LoadAsync(db.Associates.Where(a => ids.Contains(a.Id)), cancellationToken);

    public async Task<IReadOnlyList<SchedulingSubject>> FindRoomsAsync(int minCapacity, CancellationToken cancellationToken) =>
        (await LoadAsync(db.Associates.Where(a => a.Kind == AssociateKind.Resource && a.IsLocation && a.IsActive && a.Capacity >= minCapacity), cancellationToken))
            .OrderBy(r => r.Capacity).ThenBy(r => r.Id).ToList();

    public async Task<IReadOnlyList<BusyRow>> GetBusyRowsAsync(IReadOnlyCollection<int> associateIds, TimeRange window, int? excludeMotherId, CancellationToken cancellationToken)
    {
        // Travel time widens a row by at most MaxBuffer on each side: fetch that much more, and let Core clip exactly.
        var from = window.Start - BusyRules.MaxBuffer;
        var to = window.End + BusyRules.MaxBuffer;
        var exclude = excludeMotherId ?? -1;
        var rows = await db.Appointments.AsNoTracking()
            .Where(a => associateIds.Contains(a.AssociateId) && a.Start < to && from < a.End
                && !a.Free && a.Status != AppointmentStatus.BookingDeclined && a.Status != AppointmentStatus.BookingDeleted
                && a.Status != AppointmentStatus.AssignmentDeclined && TimedTypes.Contains(a.Type)
                && a.MotherId != exclude && a.Id != exclude)
            .Select(a => new
            {
                a.AssociateId,
                a.MotherId,
                a.Start,
                a.End,
                a.LeadTime,
                a.LagTime,
                a.Type,
                a.Status,
            })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new BusyRow(r.AssociateId, r.MotherId, r.Start, r.End, r.LeadTime, r.LagTime, r.Type, r.Status, false));
    }

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
        var found = await associates.AsNoTracking()
            .Select(a => new { Associate = a, Mode = EF.Property<int>(a, SchedulingColumns.WorkingHoursMode) })
            .ToListAsync(ct);
        var custom = found.Where(f => f.Mode == (int)WorkingHoursMode.Custom).Select(f => f.Associate.Id).ToList();
        var periods = custom.Count == 0
            ? []
            : await db.Set<WorkingPeriodRow>().AsNoTracking().Where(p => custom.Contains(p.AssociateId)).ToListAsync(ct);
        var byAssociate = periods.ToLookup(p => p.AssociateId);
        return found.ConvertAll(f => new SchedulingSubject(
            f.Associate.Id,
            f.Associate.Name,
            f.Associate.Kind,
            f.Associate.IsActive,
            f.Associate.IsLocation,
            f.Associate.TimeZone,
            (WorkingHoursMode)f.Mode,
            byAssociate[f.Associate.Id].Select(ToPeriod).ToList(),
            f.Associate.Capacity,
            f.Associate.Tags));
    }

    private static WorkingPeriod ToPeriod(WorkingPeriodRow p) => new(
        (IsoDayOfWeek)p.DayOfWeek,
        LocalTime.FromMinutesSinceMidnight(p.StartMinute),
        p.EndMinute >= 1440 ? LocalTime.Midnight : LocalTime.FromMinutesSinceMidnight(p.EndMinute));
}
