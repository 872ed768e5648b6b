using NodaTime;

namespace Convene.Core.Scheduling;

/// <summary>A half-open UTC interval [<see cref="Start"/>, <see cref="End"/>): back-to-back ranges do not overlap (PRODUCT.md §3).</summary>
public readonly record struct TimeRange(Instant Start, Instant End)
{
    public Duration Length => End - Start;

    public bool IsEmpty => End <= Start;

    public bool Overlaps(TimeRange other) => Start < other.End && other.Start < End;

    public bool Contains(TimeRange other) => Start <= other.Start && other.End <= End;

    public bool Contains(Instant instant) => Start <= instant && instant < End;
}

/// <summary>Operations on sorted, disjoint lists of <see cref="TimeRange"/> (the "normal form" every algorithm here keeps).</summary>
public static class TimeRanges
{
    /// <summary>Sorts and merges overlapping or touching ranges; empty ranges vanish.</summary>
    public static IReadOnlyList<TimeRange> Merge(IEnumerable<TimeRange> ranges)
    {
        var sorted = ranges.Where(r => !r.IsEmpty).OrderBy(r => r.Start).ToList();
        var merged = new List<TimeRange>(sorted.Count);
        foreach (var r in sorted)
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End)
            {
                if (r.End > merged[^1].End)
                {
                    merged[^1] = merged[^1] with { End = r.End };
                }
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    /// <summary>The parts of <paramref name="ranges"/> inside <paramref name="window"/>.</summary>
    public static IReadOnlyList<TimeRange> Clip(IReadOnlyList<TimeRange> ranges, TimeRange window)
    {
        var result = new List<TimeRange>();
        foreach (var r in ranges)
        {
            var clipped = new TimeRange(Max(r.Start, window.Start), Min(r.End, window.End));
            if (!clipped.IsEmpty)
            {
                result.Add(clipped);
            }
        }

        return result;
    }

    /// <summary>Intersection of two normal-form lists (a linear sweep).</summary>
    public static IReadOnlyList<TimeRange> Intersect(IReadOnlyList<TimeRange> a, IReadOnlyList<TimeRange> b)
    {
        var result = new List<TimeRange>();
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var start = Max(a[i].Start, b[j].Start);
            var end = Min(a[i].End, b[j].End);
            if (start < end)
            {
                result.Add(new TimeRange(start, end));
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return result;
    }

    /// <summary><paramref name="from"/> minus <paramref name="remove"/>, both in normal form.</summary>
    public static IReadOnlyList<TimeRange> Subtract(IReadOnlyList<TimeRange> from, IReadOnlyList<TimeRange> remove)
    {
        var result = new List<TimeRange>();
        var j = 0;
        foreach (var r in from)
        {
            var cursor = r.Start;
            while (j < remove.Count && remove[j].End <= cursor)
            {
                j++;
            }

            var k = j;
            while (k < remove.Count && remove[k].Start < r.End)
            {
                if (remove[k].Start > cursor)
                {
                    result.Add(new TimeRange(cursor, remove[k].Start));
                }

                cursor = Max(cursor, remove[k].End);
                k++;
            }

            if (cursor < r.End)
            {
                result.Add(new TimeRange(cursor, r.End));
            }
        }

        return result;
    }

    /// <summary>True when some range of the normal-form list overlaps <paramref name="range"/> (binary search).</summary>
    public static bool AnyOverlap(IReadOnlyList<TimeRange> ranges, TimeRange range)
    {
        var i = FirstEndingAfter(ranges, range.Start);
        return i < ranges.Count && ranges[i].Start < range.End;
    }

    /// <summary>True when one range of the normal-form list covers all of <paramref name="range"/>.</summary>
    public static bool Covers(IReadOnlyList<TimeRange> ranges, TimeRange range)
    {
        var i = FirstEndingAfter(ranges, range.Start);
        return i < ranges.Count && ranges[i].Contains(range);
    }

    // The index of the first range whose end is after the instant (ranges are sorted by end too).
    private static int FirstEndingAfter(IReadOnlyList<TimeRange> ranges, Instant instant)
    {
        int lo = 0, hi = ranges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ranges[mid].End <= instant)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    internal static Instant Max(Instant a, Instant b) => a > b ? a : b;

    internal static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
