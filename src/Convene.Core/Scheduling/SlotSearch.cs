using NodaTime;

namespace Convene.Core.Scheduling;

/// <summary>"First available" (SuperOffice GetNextAvailableTime): the soonest slots where every diary is free.</summary>
public static class SlotSearch
{
    /// <summary>The default grid on which slots start (whole quarter hours in every zone whose offset is a multiple of 15 minutes).</summary>
    public static readonly Duration DefaultGranularity = Duration.FromMinutes(15);

    /// <summary>
    /// Up to <paramref name="count"/> slots of <paramref name="duration"/> inside <paramref name="window"/>, starting on the
    /// <paramref name="granularity"/> grid, where every schedule is free (and in working hours when asked). Successive
    /// slots do not overlap: the next one starts at or after the end of the previous one.
    /// </summary>
    public static IReadOnlyList<TimeRange> FirstAvailable(
        IReadOnlyList<EntitySchedule> schedules, TimeRange window, Duration duration, Duration granularity, int count, bool respectWorkingHours)
    {
        IReadOnlyList<TimeRange> common = [window];
        foreach (var schedule in schedules)
        {
            common = TimeRanges.Intersect(common, schedule.Free(window, respectWorkingHours));
            if (common.Count == 0)
            {
                return [];
            }
        }

        var slots = new List<TimeRange>();
        foreach (var range in common)
        {
            foreach (var slot in SlotsIn(range, duration, granularity))
            {
                if (slots.Count == count)
                {
                    return slots;
                }

                slots.Add(slot);
            }
        }

        return slots;
    }

    /// <summary>Non-overlapping slots on the grid inside one free range, earliest first.</summary>
    internal static IEnumerable<TimeRange> SlotsIn(TimeRange range, Duration duration, Duration granularity)
    {
        var start = AlignUp(range.Start, granularity);
        while (start + duration <= range.End)
        {
            yield return new TimeRange(start, start + duration);
            start = AlignUp(start + duration, granularity);
        }
    }

    /// <summary>Every grid start inside one range (overlapping candidates, for ranking).</summary>
    internal static IEnumerable<TimeRange> CandidatesIn(TimeRange range, Duration duration, Duration granularity)
    {
        for (var start = AlignUp(range.Start, granularity); start + duration <= range.End; start += granularity)
        {
            yield return new TimeRange(start, start + duration);
        }
    }

    /// <summary>The first grid point at or after <paramref name="instant"/>; the grid is anchored at the Unix epoch.</summary>
    public static Instant AlignUp(Instant instant, Duration granularity)
    {
        var ticks = instant.ToUnixTimeTicks();
        var step = granularity.BclCompatibleTicks;
        var remainder = ((ticks % step) + step) % step;
        return remainder == 0 ? instant : Instant.FromUnixTimeTicks(ticks - remainder + step);
    }
}
