using Convene.Core.Common;
using Convene.Core.Recurrence;
using NodaTime;

namespace Convene.Core.Series;

/// <summary>
/// The one place the series code asks the recurrence engine (<see cref="RecurrenceExpander"/>, RFC 5545 §3.8.5) for
/// the dates of a rule. The engine keeps the wall-clock time in the zone across DST and moves a time in a DST gap
/// forward by the gap (RFC 5545 §3.3.5); errors carry its stable <c>recurrence.*</c> codes.
/// </summary>
internal static class Occurrences
{
    /// <summary>The original starts of every occurrence, in order (at most <see cref="RecurrenceLimits.MaxOccurrences"/>).</summary>
    public static Result<IReadOnlyList<Instant>> Expand(IReadOnlyList<string> lines, DateTimeZone zone, LocalDateTime localStart, Duration duration)
    {
        var set = RecurrenceSet.Parse(lines);
        if (!set.IsSuccess)
        {
            return set.Error!;
        }

        var all = RecurrenceExpander.ExpandAll(new RecurringSchedule(localStart, zone, duration, set.Value));
        return all.IsSuccess ? all.Value.Select(o => o.OriginalStart).ToList() : all.Error!;
    }

    /// <summary>How many instances the RRULE alone generates at or after <paramref name="from"/> (what COUNT counts, RFC 5545 §3.3.10).</summary>
    public static int CountGenerated(IReadOnlyList<string> lines, DateTimeZone zone, LocalDateTime localStart, Duration duration, Instant from)
    {
        var set = RecurrenceSet.Parse(lines);
        if (!set.IsSuccess || set.Value.Rule is not { } rule)
        {
            return 0;
        }

        var all = RecurrenceExpander.ExpandAll(new RecurringSchedule(localStart, zone, duration, RecurrenceSet.FromRule(rule)));
        return all.IsSuccess ? all.Value.Count(o => o.OriginalStart >= from) : 0;
    }
}
