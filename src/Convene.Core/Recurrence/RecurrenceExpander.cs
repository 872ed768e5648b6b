using Convene.Core.Common;
using Convene.ICalendar;
using NodaTime;

namespace Convene.Core.Recurrence;

/// <summary>
/// Expands a <see cref="RecurringSchedule"/> into occurrences (RFC 5545 §3.3.10, §3.8.5). Pure and deterministic.
/// <list type="bullet">
/// <item>Occurrences keep their wall-clock time in the schedule's zone; instants follow the zone's offsets.</item>
/// <item>A local time in a DST gap is shifted forward by the gap (02:30 → 03:30 on the spring-forward day); an
/// ambiguous one (fall back) takes the earlier offset — both RFC 5545 §3.3.5 (NodaTime's lenient resolver).</item>
/// <item>Dates that do not exist (30 February, BYMONTHDAY=31 in April) are skipped, not moved (§3.3.10).</item>
/// <item>DTSTART is always the first occurrence and counts towards COUNT (§3.8.5.3); EXDATE is applied after COUNT.</item>
/// </list>
/// </summary>
public static class RecurrenceExpander
{
    /// <summary>
    /// All occurrences of a finite series, in order. Errors: <c>recurrence.unbounded</c> (RRULE without COUNT or
    /// UNTIL), <c>recurrence.too_many_occurrences</c> (more than <see cref="RecurrenceLimits.MaxOccurrences"/>),
    /// <c>recurrence.no_occurrences</c>.
    /// </summary>
    public static Result<IReadOnlyList<Occurrence>> ExpandAll(RecurringSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (!schedule.Recurrence.IsBounded)
        {
            return RecurrenceErrors.Unbounded;
        }

        var list = Generate(schedule, null).Take(RecurrenceLimits.MaxOccurrences + 1).ToList();
        if (list.Count > RecurrenceLimits.MaxOccurrences)
        {
            return RecurrenceErrors.TooManyOccurrences;
        }

        if (list.Count == 0)
        {
            return RecurrenceErrors.NoOccurrences;
        }

        return list;
    }

    /// <summary>The number of occurrences of a finite series, with the same errors as <see cref="ExpandAll"/>.</summary>
    public static Result<int> Count(RecurringSchedule schedule) => ExpandAll(schedule).Map(list => list.Count);

    /// <summary>
    /// The occurrences that overlap the half-open window [<paramref name="from"/>, <paramref name="to"/>) (an
    /// occurrence of zero length counts when its start is in the window), in order. Unbounded rules are fine here:
    /// the window bounds them. Error <c>recurrence.too_many_occurrences</c> when more than
    /// <see cref="RecurrenceLimits.MaxOccurrences"/> fall in the window.
    /// </summary>
    public static Result<IReadOnlyList<Occurrence>> Expand(RecurringSchedule schedule, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (to <= from)
        {
            return Array.Empty<Occurrence>();
        }

        var list = new List<Occurrence>();
        foreach (var o in Generate(schedule, to))
        {
            if (o.Start >= to)
            {
                break;
            }

            if (o.End > from || (o.Start >= from && o.End == o.Start))
            {
                if (list.Count == RecurrenceLimits.MaxOccurrences)
                {
                    return RecurrenceErrors.TooManyOccurrences;
                }

                list.Add(o);
            }
        }

        return list;
    }

    /// <summary>
    /// The recurrence set in order: (DTSTART + RRULE + RDATE) − EXDATE, compared as instants (§3.8.5). Stops
    /// after <paramref name="stopAt"/> when given.
    /// </summary>
    private static IEnumerable<Occurrence> Generate(RecurringSchedule s, Instant? stopAt)
    {
        var zone = s.Zone;
        var excluded = s.Recurrence.ExceptionDates.Select(d => d.ToInstant(zone)).ToHashSet();

        // RDATEs are few (bounded by RecurrenceLimits.MaxDates): sort them once and merge them into the rule's stream.
        var extra = s.Recurrence.RecurrenceDates
            .Select(d => (Instant: d.ToInstant(zone), Local: d.Kind == CalDateTimeKind.Floating ? d.Value : d.ToInstant(zone).InZone(zone).LocalDateTime))
            .OrderBy(d => d.Instant)
            .ToList();
        var next = 0;
        Instant? last = null;
        foreach (var local in RuleStarts(s, stopAt))
        {
            var instant = Resolve(local, zone);
            while (next < extra.Count && extra[next].Instant <= instant)
            {
                var (i, l) = extra[next++];
                if (Emit(i, l, ref last, excluded, s.Duration) is { } o)
                {
                    yield return o;
                }
            }

            if (Emit(instant, local, ref last, excluded, s.Duration) is { } r)
            {
                yield return r;
            }
        }

        while (next < extra.Count)
        {
            var (i, l) = extra[next++];
            if (Emit(i, l, ref last, excluded, s.Duration) is { } o)
            {
                yield return o;
            }
        }
    }

    private static Occurrence? Emit(Instant instant, LocalDateTime local, ref Instant? last, HashSet<Instant> excluded, Duration duration)
    {
        // An RDATE equal to a rule occurrence is one occurrence (§3.8.5.2: the set has no duplicates).
        if (last == instant)
        {
            return null;
        }

        last = instant;
        return excluded.Contains(instant) ? null : new Occurrence(instant, instant, instant + duration, local);
    }

    /// <summary>RFC 5545 §3.3.5: gap → shifted forward by the gap's length; overlap → the earlier offset.</summary>
    internal static Instant Resolve(LocalDateTime local, DateTimeZone zone) => local.InZoneLeniently(zone).ToInstant();

    /// <summary>DTSTART, then the rule's starts (local wall time), honouring COUNT and UNTIL.</summary>
    private static IEnumerable<LocalDateTime> RuleStarts(RecurringSchedule s, Instant? stopAt)
    {
        var start = s.Start;
        var rule = s.Recurrence.Rule;
        yield return start;
        if (rule is null)
        {
            yield break;
        }

        var emitted = 1;
        var stopDate = stopAt is { } stop ? stop.InZone(s.Zone).Date.PlusDays(1) : (LocalDate?)null;
        foreach (var date in RuleDates(rule, start.Date))
        {
            if (date <= start.Date)
            {
                continue; // DTSTART was already produced; earlier dates of its period are not occurrences (§3.3.10).
            }

            if (rule.Count is { } count && emitted >= count)
            {
                yield break;
            }

            var local = date + start.TimeOfDay;
            if (rule.Until is { } until && !until.Includes(local, Resolve(local, s.Zone)))
            {
                yield break;
            }

            if (stopDate is { } sd && date > sd)
            {
                yield break;
            }

            emitted++;
            yield return local;
        }
    }

    /// <summary>The dates the rule produces (all periods from DTSTART's, in order), without COUNT/UNTIL.</summary>
    internal static IEnumerable<LocalDate> RuleDates(RecurrenceRule rule, LocalDate dtStart)
    {
        var candidates = new List<LocalDate>(31);
        for (var k = 0L; ; k++)
        {
            var step = checked((int)Math.Min(k * rule.Interval, int.MaxValue / 2));
            LocalDate periodStart;
            LocalDate periodEnd; // exclusive
            switch (rule.Frequency)
            {
                case Frequency.Daily:
                    if (dtStart.Year + (step / 366) > RecurrenceLimits.MaxYear)
                    {
                        yield break;
                    }

                    periodStart = dtStart.PlusDays(step);
                    periodEnd = periodStart.PlusDays(1);
                    break;
                case Frequency.Weekly:
                    if (dtStart.Year + (step / 53) > RecurrenceLimits.MaxYear)
                    {
                        yield break;
                    }

                    var back = ((int)dtStart.DayOfWeek - (int)rule.WeekStart + 7) % 7;
                    periodStart = dtStart.PlusDays(-back).PlusWeeks(step);
                    periodEnd = periodStart.PlusDays(7);
                    break;
                case Frequency.Monthly:
                    if (dtStart.Year + (step / 12) > RecurrenceLimits.MaxYear)
                    {
                        yield break;
                    }

                    periodStart = new LocalDate(dtStart.Year, dtStart.Month, 1).PlusMonths(step);
                    periodEnd = periodStart.PlusMonths(1);
                    break;
                case Frequency.Yearly:
                    if (dtStart.Year + step > RecurrenceLimits.MaxYear)
                    {
                        yield break;
                    }

                    periodStart = new LocalDate(dtStart.Year + step, 1, 1);
                    periodEnd = periodStart.PlusYears(1);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(rule), rule.Frequency, "Unknown frequency.");
            }

            candidates.Clear();
            for (var d = periodStart; d < periodEnd; d = d.PlusDays(1))
            {
                if (Matches(rule, d, dtStart))
                {
                    candidates.Add(d);
                }
            }

            if (rule.BySetPosition.Count > 0)
            {
                // §3.3.10: BYSETPOS picks the Nth (from the end when negative) of the period's set.
                var picked = new SortedSet<LocalDate>();
                foreach (var pos in rule.BySetPosition)
                {
                    var index = pos > 0 ? pos - 1 : candidates.Count + pos;
                    if (index >= 0 && index < candidates.Count)
                    {
                        picked.Add(candidates[index]);
                    }
                }

                foreach (var d in picked)
                {
                    yield return d;
                }
            }
            else
            {
                foreach (var d in candidates)
                {
                    yield return d;
                }
            }
        }
    }

    /// <summary>Whether <paramref name="d"/> belongs to the rule's set in its period (the BYxxx table of §3.3.10).</summary>
    private static bool Matches(RecurrenceRule rule, LocalDate d, LocalDate dtStart)
    {
        if (rule.ByMonth.Count > 0 && !rule.ByMonth.Contains(d.Month))
        {
            return false;
        }

        var hasMonthDay = rule.ByMonthDay.Count > 0;
        var hasDay = rule.ByDay.Count > 0;

        // Without BYMONTHDAY/BYDAY the missing parts come from DTSTART (§3.3.10: "information … not specified …
        // is taken from DTSTART"). A month without that day (the 31st) simply has no occurrence.
        if (!hasMonthDay && !hasDay)
        {
            return rule.Frequency switch
            {
                Frequency.Daily => true,
                Frequency.Weekly => d.DayOfWeek == dtStart.DayOfWeek,
                Frequency.Monthly => d.Day == dtStart.Day,
                Frequency.Yearly => d.Day == dtStart.Day && (rule.ByMonth.Count > 0 || d.Month == dtStart.Month),
            };
        }

        if (hasMonthDay)
        {
            var daysInMonth = d.Calendar.GetDaysInMonth(d.Year, d.Month);
            var any = false;
            foreach (var md in rule.ByMonthDay)
            {
                if (md > 0 ? d.Day == md : d.Day == daysInMonth + md + 1)
                {
                    any = true;
                    break;
                }
            }

            if (!any)
            {
                return false;
            }
        }

        if (hasDay)
        {
            // Ordinals count within the month for MONTHLY and for YEARLY with BYMONTH, else within the year (§3.3.10).
            var withinMonth = rule.Frequency == Frequency.Monthly || rule.ByMonth.Count > 0;
            var any = false;
            foreach (var wd in rule.ByDay)
            {
                if (wd.Day != d.DayOfWeek)
                {
                    continue;
                }

                if (wd.Ordinal == 0)
                {
                    any = true;
                    break;
                }

                int index, length;
                if (withinMonth)
                {
                    index = d.Day - 1;
                    length = d.Calendar.GetDaysInMonth(d.Year, d.Month);
                }
                else
                {
                    index = d.DayOfYear - 1;
                    length = d.Calendar.GetDaysInYear(d.Year);
                }

                var nth = wd.Ordinal > 0 ? (index / 7) + 1 : -(((length - 1 - index) / 7) + 1);
                if (nth == wd.Ordinal)
                {
                    any = true;
                    break;
                }
            }

            if (!any)
            {
                return false;
            }
        }

        return true;
    }
}
