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
        if (ids.Count == 0)
        {
            return [];
        }

        await OpenAsync(cancellationToken);
        var parameters = new List<(string, object)>();
        var list = AdoQuery.AddList(parameters, "id", ids.Distinct());
        return await LoadAsync($"associate_id IN ({list})", parameters, cancellationToken);
    }

    public async Task<IReadOnlyList<SchedulingSubject>> FindRoomsAsync(int minCapacity, CancellationToken cancellationToken) =>
        (await LoadAsync(
            $"type = {(int)AssociateKind.Resource} AND is_location = @yes AND is_active = @yes AND capacity >= @min",
            [("@yes", true), ("@min", minCapacity)],
            cancellationToken))
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

    // Only the columns scheduling needs (never the password hash or the rest of the row): this runs on every
    // free/busy, first-available and find-a-time request, and for the owner's view of every create and move with a
    // conflict — by hand (AdoQuery): EF Core's per-query work for the list of ids was ~2 % of a create's CPU (issue 8).
    private async Task<IReadOnlyList<SchedulingSubject>> LoadAsync(string where, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken ct)
    {
        var found = await AdoQuery.ListAsync(
            db,
            $"SELECT associate_id, name, type, is_active, is_location, time_zone, capacity, tags, working_hours_mode FROM associate WHERE {where}",
            parameters,
            r => (Id: r.GetInt32(0), Name: r.GetString(1), Kind: (AssociateKind)r.GetInt32(2), IsActive: r.GetBoolean(3), IsLocation: r.GetBoolean(4),
                TimeZone: r.GetString(5), Capacity: r.IsDBNull(6) ? (int?)null : r.GetInt32(6),
                Tags: StoredTags.Parse(r.GetString(7)), Mode: (WorkingHoursMode)r.GetInt32(8)),
            ct);
        var custom = found.Where(f => f.Mode == WorkingHoursMode.Custom).Select(f => f.Id).ToList();
        var byAssociate = (custom.Count == 0 ? [] : await PeriodsAsync(custom, ct)).ToLookup(p => p.AssociateId);
        return found.ConvertAll(f => new SchedulingSubject(
            f.Id,
            f.Name,
            f.Kind,
            f.IsActive,
            f.IsLocation,
            f.TimeZone,
            f.Mode,
            byAssociate[f.Id].Select(ToPeriod).ToList(),
            f.Capacity,
            f.Tags));
    }

    private async Task<List<WorkingPeriodRow>> PeriodsAsync(List<int> associateIds, CancellationToken ct)
    {
        var parameters = new List<(string, object)>();
        var list = AdoQuery.AddList(parameters, "a", associateIds);
        return await AdoQuery.ListAsync(
            db,
            $"SELECT associate_id, day_of_week, start_minute, end_minute FROM working_period WHERE associate_id IN ({list})",
            parameters,
            r => new WorkingPeriodRow { AssociateId = r.GetInt32(0), DayOfWeek = r.GetInt32(1), StartMinute = r.GetInt32(2), EndMinute = r.GetInt32(3) },
            ct);
    }

    private static WorkingPeriod ToPeriod(WorkingPeriodRow p) => new(
        (IsoDayOfWeek)p.DayOfWeek,
        LocalTime.FromMinutesSinceMidnight(p.StartMinute),
        p.EndMinute >= 1440 ? LocalTime.Midnight : LocalTime.FromMinutesSinceMidnight(p.EndMinute));
}
