using Convene.Core.Common;
using Convene.ICalendar;
using NodaTime;

namespace Convene.Core.Recurrence;

/// <summary>
/// Between a series and its iCalendar form (RFC 5545 §3.8.5, §3.8.4.4): one VEVENT with DTSTART;TZID, RRULE, RDATE
/// and EXDATE, plus one VEVENT per changed occurrence, identified by RECURRENCE-ID.
/// </summary>
public static class RecurrenceCalendar
{
    /// <summary>
    /// Writes the schedule onto <paramref name="e"/>: DTSTART/DTEND with the zone's TZID and RRULE/RDATE/EXDATE in
    /// the form §3.3.10 requires next to a zoned DTSTART (UNTIL in UTC, floating dates given the TZID). Afterwards
    /// call <see cref="VCalendar.EnsureTimeZones(int, int)"/> with the series' first year − 1 and last year + 1.
    /// </summary>
    public static void WriteTo(VEvent e, RecurringSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(schedule);
        var start = RecurrenceExpander.Resolve(schedule.Start, schedule.Zone);
        e.Start = CalDateTime.InZone(schedule.Start, schedule.Zone);
        e.End = CalDateTime.InZone((start + schedule.Duration).InZone(schedule.Zone));
        e.Duration = null;
        var properties = schedule.Recurrence.ForZone(schedule.Zone).ToProperties();
        e.RecurrenceRules.Clear();
        e.RecurrenceDates.Clear();
        e.ExceptionDates.Clear();
        foreach (var p in properties)
        {
            (p.Name switch
            {
                "RRULE" => e.RecurrenceRules,
                "RDATE" => e.RecurrenceDates,
                _ => e.ExceptionDates,
            }).Add(p);
        }
    }

    /// <summary>The RECURRENCE-ID of an occurrence: its nominal local start with the series' TZID (§3.8.4.4).</summary>
    public static CalDateTime RecurrenceIdOf(Occurrence occurrence, DateTimeZone zone) => CalDateTime.InZone(occurrence.LocalStart, zone);

    /// <summary>
    /// The original start an incoming RECURRENCE-ID names, as an instant (UTC, zoned or — read in the series' zone —
    /// floating); null for a DATE value. Compare it with <see cref="Occurrence.OriginalStart"/>.
    /// </summary>
    public static Instant? OriginalStartOf(CalDateTime recurrenceId, DateTimeZone seriesZone)
    {
        ArgumentNullException.ThrowIfNull(recurrenceId);
        return recurrenceId.IsDate ? null : recurrenceId.ToInstant(seriesZone);
    }

    /// <summary>
    /// Reads the recurrence of a VEVENT (TZIDs through <paramref name="resolver"/>, e.g.
    /// <c>new TimeZoneResolver(calendar.TimeZones)</c>); null when it has no RRULE and no RDATE.
    /// </summary>
    public static Result<RecurrenceSet?> ReadSet(VEvent e, TimeZoneResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.RecurrenceRules.Count == 0 && e.RecurrenceDates.Count == 0)
        {
            return Result<RecurrenceSet?>.Success(null);
        }

        if (e.RecurrenceRules.Count > 1)
        {
            return RecurrenceErrors.MultipleRules;
        }

        RecurrenceRule? rule = null;
        if (e.RecurrenceRules.Count == 1)
        {
            var parsed = RecurrenceRule.Parse(e.RecurrenceRules[0].Value);
            if (!parsed.IsSuccess)
            {
                return parsed.Error!;
            }

            rule = parsed.Value;
        }

        var rdates = new List<CalDateTime>();
        var exdates = new List<CalDateTime>();
        foreach (var (properties, output) in new[] { (e.RecurrenceDates, rdates), (e.ExceptionDates, exdates) })
        {
            foreach (var p in properties)
            {
                var values = RecurrenceSet.ReadDates(p, resolver);
                if (!values.IsSuccess)
                {
                    return values.Error!;
                }

                output.AddRange(values.Value);
            }
        }

        return new RecurrenceSet { Rule = rule, RecurrenceDates = rdates, ExceptionDates = exdates };
    }

    /// <summary>
    /// The schedule of a recurring VEVENT: DTSTART (zoned or UTC; floating is read in <paramref name="floatingZone"/>),
    /// the exact duration from DTEND or DURATION, and the set. Null when the event does not recur.
    /// </summary>
    public static Result<RecurringSchedule?> ReadSchedule(VEvent e, DateTimeZone floatingZone, TimeZoneResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(floatingZone);
        var set = ReadSet(e, resolver);
        if (!set.IsSuccess || set.Value is null)
        {
            return set.Error is { } error ? error : Result<RecurringSchedule?>.Success(null);
        }

        if (e.Start is not { IsDate: false } start)
        {
            return RecurrenceErrors.Unsupported("a recurring event needs a DTSTART date-time.");
        }

        var zone = start.Kind switch
        {
            CalDateTimeKind.Zoned => start.Zone!,
            CalDateTimeKind.Utc => DateTimeZone.Utc,
            CalDateTimeKind.Floating => floatingZone,
            CalDateTimeKind.Date => floatingZone,
        };
        var startInstant = start.ToInstant(zone);
        var end = e.EffectiveEnd?.ToInstant(zone) ?? startInstant;
        return new RecurringSchedule(start.Value, zone, end - startInstant, set.Value);
    }
}
