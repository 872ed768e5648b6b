using Convene.Core.Common;
using NodaTime;

namespace Convene.Core.Scheduling;

/// <summary>One weekly working period: on <see cref="Day"/>, from <see cref="Start"/> up to <see cref="End"/> local time.</summary>
/// <remarks><see cref="End"/> of <see cref="LocalTime.Midnight"/> means the end of the day (24:00).</remarks>
public sealed record WorkingPeriod(IsoDayOfWeek Day, LocalTime Start, LocalTime End)
{
    public bool EndsAtMidnight => End == LocalTime.Midnight;
}

/// <summary>
/// A weekly working-hours pattern in an IANA time zone (the idea of RFC 7953 VAVAILABILITY, kept to one week), or
/// "always available" (the default for resources).
/// </summary>
/// <remarks>
/// An instant is inside working hours iff its wall-clock time in <see cref="TimeZone"/> lies in a period of its local
/// weekday. So on a spring-forward day a period 02:30–10:00 starts when the clocks jump (03:00); on a fall-back day the
/// repeated hour counts twice if it is inside a period. <see cref="Expand"/> computes exactly that set.
/// </remarks>
public sealed class WorkingHours
{
    public const int MaxPeriods = 70;

    private WorkingHours(string timeZone, IReadOnlyList<WorkingPeriod>? periods)
    {
        TimeZone = timeZone;
        Periods = periods ?? [];
        IsAlwaysAvailable = periods is null;
    }

    public string TimeZone { get; }

    /// <summary>Sorted by day and start; empty when <see cref="IsAlwaysAvailable"/>.</summary>
    public IReadOnlyList<WorkingPeriod> Periods { get; }

    public bool IsAlwaysAvailable { get; }

    /// <summary>Monday to Friday 08:00–16:00 (PRODUCT.md §5).</summary>
    public static WorkingHours Default(string timeZone) => new(timeZone, DefaultPeriods);

    public static WorkingHours Always(string timeZone) => new(timeZone, null);

    public static readonly IReadOnlyList<WorkingPeriod> DefaultPeriods =
    [
        .. new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
            .Select(d => new WorkingPeriod(d, new LocalTime(8, 0), new LocalTime(16, 0))),
    ];

    /// <summary>Validates and normalises a pattern: known zone, end after start, no overlapping periods on a day.</summary>
    public static Result<WorkingHours> Create(string timeZone, IReadOnlyList<WorkingPeriod> periods)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is null)
        {
            return Error.Validation("working_hours.time_zone_unknown", $"'{timeZone}' is not an IANA time zone.", "timeZone");
        }

        if (periods.Count > MaxPeriods)
        {
            return Error.Validation("working_hours.too_many_periods", $"At most {MaxPeriods} periods a week.", "periods");
        }

        foreach (var p in periods)
        {
            if (p.Day == IsoDayOfWeek.None)
            {
                return Error.Validation("working_hours.day_invalid", "day is Monday to Sunday.", "periods");
            }

            if (!p.EndsAtMidnight && p.End <= p.Start)
            {
                return Error.Validation("working_hours.end_not_after_start", $"On {p.Day} the period {p.Start:HH:mm}–{p.End:HH:mm} ends before it starts.", "periods");
            }
        }

        var sorted = periods.OrderBy(p => p.Day).ThenBy(p => p.Start).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            var previous = sorted[i - 1];
            if (previous.Day == sorted[i].Day && (previous.EndsAtMidnight || previous.End > sorted[i].Start))
            {
                return Error.Validation("working_hours.overlap", $"On {sorted[i].Day} two periods overlap.", "periods");
            }
        }

        return new WorkingHours(timeZone, sorted);
    }

    /// <summary>Periods as stored (raw SQL may have written overlaps, which simply merge); an unknown zone reads as UTC.</summary>
    public static WorkingHours FromStored(string timeZone, IReadOnlyList<WorkingPeriod> periods) =>
        new(DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is null ? "UTC" : timeZone, periods.OrderBy(p => p.Day).ThenBy(p => p.Start).ToList());

    /// <summary>The working time inside <paramref name="window"/>, in normal form.</summary>
    public IReadOnlyList<TimeRange> Expand(TimeRange window)
    {
        if (window.IsEmpty)
        {
            return [];
        }

        if (IsAlwaysAvailable)
        {
            return [window];
        }

        var zone = DateTimeZoneProviders.Tzdb[TimeZone];
        var byDay = Periods.ToLookup(p => p.Day);
        var result = new List<TimeRange>();

        // Walk the zone's offset intervals: inside one, local = instant + offset exactly, so mapping each local period
        // back with that offset and clipping to the zone interval gives the precise set across DST gaps and overlaps.
        foreach (var zoneInterval in zone.GetZoneIntervals(new Interval(window.Start, window.End)))
        {
            var zStart = zoneInterval.HasStart ? TimeRanges.Max(zoneInterval.Start, window.Start) : window.Start;
            var zEnd = zoneInterval.HasEnd ? TimeRanges.Min(zoneInterval.End, window.End) : window.End;
            var offset = zoneInterval.WallOffset;
            var firstDate = zStart.WithOffset(offset).Date;
            var lastDate = zEnd.WithOffset(offset).Date;
            for (var date = firstDate; date <= lastDate; date = date.PlusDays(1))
            {
                foreach (var p in byDay[date.DayOfWeek])
                {
                    var start = (date + p.Start).WithOffset(offset).ToInstant();
                    var end = (p.EndsAtMidnight ? date.PlusDays(1).AtMidnight() : date + p.End).WithOffset(offset).ToInstant();
                    var clipped = new TimeRange(TimeRanges.Max(start, zStart), TimeRanges.Min(end, zEnd));
                    if (!clipped.IsEmpty)
                    {
                        result.Add(clipped);
                    }
                }
            }
        }

        return TimeRanges.Merge(result);
    }

    /// <summary>Whether <paramref name="instant"/> is inside working hours (the definition, used by tests as an oracle).</summary>
    public bool IsWorking(Instant instant)
    {
        if (IsAlwaysAvailable)
        {
            return true;
        }

        var local = instant.InZone(DateTimeZoneProviders.Tzdb[TimeZone]).LocalDateTime;
        return Periods.Any(p => p.Day == local.DayOfWeek && local.TimeOfDay >= p.Start && (p.EndsAtMidnight || local.TimeOfDay < p.End));
    }
}

/// <summary>Where an associate's working hours come from (<c>associate.working_hours_mode</c>).</summary>
public enum WorkingHoursMode
{
    /// <summary>The kind's default: employees Monday–Friday 08:00–16:00, resources always available.</summary>
    Default = 0,

    /// <summary>The stored weekly periods.</summary>
    Custom = 1,

    /// <summary>Always available.</summary>
    Always = 2,
}
