using Convene.Core.Directory;
using Convene.Core.Scheduling;

namespace Convene.Core.Ports;

/// <summary>What the scheduling algorithms need of an associate or resource: kind, zone, working hours, room facts.</summary>
public sealed record SchedulingSubject(
    int Id,
    string Name,
    AssociateKind Kind,
    bool IsActive,
    bool IsLocation,
    string TimeZone,
    WorkingHoursMode Mode,
    IReadOnlyList<WorkingPeriod> Periods,
    int? Capacity,
    IReadOnlyList<string> Tags)
{
    /// <summary>The effective weekly pattern: the kind's default, the stored periods, or always.</summary>
    public WorkingHours Hours => Mode switch
    {
        WorkingHoursMode.Default => Kind == AssociateKind.Resource ? WorkingHours.Always(TimeZone) : WorkingHours.Default(TimeZone),
        WorkingHoursMode.Custom => WorkingHours.FromStored(TimeZone, Periods),
        WorkingHoursMode.Always => WorkingHours.Always(TimeZone),
    };
}

/// <summary>The read side of scheduling (indexed range queries only; no diary is ever loaded whole) and working hours.</summary>
public interface ISchedulingStore
{
    Task<IReadOnlyList<SchedulingSubject>> FindSubjectsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    /// <summary>Active resources that are places, with at least <paramref name="minCapacity"/> seats, smallest first.</summary>
    Task<IReadOnlyList<SchedulingSubject>> FindRoomsAsync(int minCapacity, CancellationToken cancellationToken);

    /// <summary>
    /// Rows of the diaries that may block time in <paramref name="window"/> (widened by <see cref="BusyRules.MaxBuffer"/>
    /// for travel time): busy, timed, not declined or cancelled; rows of <paramref name="excludeMotherId"/> left out.
    /// </summary>
    Task<IReadOnlyList<BusyRow>> GetBusyRowsAsync(IReadOnlyCollection<int> associateIds, TimeRange window, int? excludeMotherId, CancellationToken cancellationToken);

    /// <summary>Replaces the associate's working hours (inside the caller's transaction).</summary>
    Task ReplaceWorkingHoursAsync(int associateId, WorkingHoursMode mode, IReadOnlyList<WorkingPeriod> periods, CancellationToken cancellationToken);
}
