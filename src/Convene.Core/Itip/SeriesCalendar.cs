using Convene.Core.Appointments;
using Convene.Core.Ports;
using Convene.Core.Recurrence;
using Convene.Core.Series;
using Convene.ICalendar;
using NodaTime;

namespace Convene.Core.Itip;

/// <summary>
/// A series as iCalendar (issue 7): ONE VEVENT with DTSTART;TZID, RRULE, RDATE and EXDATE (RFC 5545 §3.8.5), plus one
/// VEVENT with RECURRENCE-ID (§3.8.4.4) for every date that differs from what the rule says — a moved date, or one
/// with another answer — so that a client expanding the rule arrives at exactly the dates Convene shows. Dates that
/// are not shown (cancelled, declined, or the person is not on that date) become EXDATEs.
/// </summary>
internal static class SeriesCalendar
{
    /// <summary>The events of the series <paramref name="rule"/> as seen in one diary.</summary>
    /// <param name="rule">The series' rule.</param>
    /// <param name="rows">That diary's rows of the series (all dates).</param>
    /// <param name="eventFor">How the feed shows one row (summary, status, attendee …); the UID and times are set here.</param>
    /// <param name="uid">The series' UID.</param>
    /// <param name="stamp">DTSTAMP.</param>
    /// <param name="keepDeclined">
    /// Keep declined dates (iTIP: the organizer's copy still lists them, with PARTSTAT=DECLINED, so the attendee can
    /// change their mind); a feed leaves them out.
    /// </param>
    public static IReadOnlyList<VEvent> Build(SeriesRule rule, IReadOnlyList<DiaryRow> rows, Func<DiaryRow, VEvent> eventFor, string uid, Instant stamp, bool keepDeclined = false)
    {
        var zone = DateTimeZoneProviders.Tzdb[rule.TimeZone];
        var parsed = RecurrenceSet.Parse(rule.LineList);
        if (!parsed.IsSuccess)
        {
            return [];
        }

        var expanded = RecurrenceExpander.ExpandAll(new RecurringSchedule(rule.LocalStart, zone, rule.Duration, parsed.Value));
        var shown = rows.Where(r => r.Status != AppointmentStatus.BookingDeleted && (keepDeclined || r.Status != AppointmentStatus.BookingDeclined))
            .GroupBy(r => r.OriginalStart ?? r.Start)
            .ToDictionary(g => g.Key, g => g.First());
        if (!expanded.IsSuccess || shown.Count == 0)
        {
            return [];
        }

        var originals = expanded.Value.Select(o => o.OriginalStart).ToList();
        var inRule = originals.ToHashSet();
        var template = shown.Values.OrderBy(r => r.OriginalStart ?? r.Start).FirstOrDefault(r => r.Start == r.OriginalStart && r.End - r.Start == rule.Duration)
            ?? shown.Values.OrderBy(r => r.Start).First();
        var first = zone.AtLeniently(rule.LocalStart);
        var master = Stamp(eventFor(template), uid, stamp, rule);
        master.Start = CalDateTime.InZone(first);
        master.End = CalDateTime.InZone((first.ToInstant() + rule.Duration).InZone(zone));
        // RFC 5545 §3.3.10 / §3.8.5.1: next to a zoned DTSTART, UNTIL in UTC and dates with the zone.
        master.RecurrenceRules.AddRange(parsed.Value.ForZone(zone).ToProperties().Where(p => p.Name == "RRULE"));
        var zoned = parsed.Value.ForZone(zone);
        // A shown date the rule does not generate (it should not happen) is added as an RDATE rather than lost.
        var rdates = zoned.RecurrenceDates.Concat(shown.Keys.Where(k => !inRule.Contains(k)).Order().Select(d => CalDateTime.InZone(d.InZone(zone)))).ToList();
        if (rdates.Count > 0)
        {
            master.RecurrenceDates.Add(DateTimeList.ToProperty("RDATE", rdates));
        }

        var excluded = originals.Where(o => !shown.ContainsKey(o)).Select(o => CalDateTime.InZone(o.InZone(zone))).ToList();
        var exdates = zoned.ExceptionDates.Concat(excluded).ToList();
        if (exdates.Count > 0)
        {
            master.ExceptionDates.Add(DateTimeList.ToProperty("EXDATE", exdates));
        }

        var events = new List<VEvent> { master };
        var reference = Describe(eventFor(template));
        foreach (var (original, row) in shown.OrderBy(s => s.Key))
        {
            var candidate = eventFor(row);
            if (row.Start == original && row.End - row.Start == rule.Duration && Describe(candidate) == reference)
            {
                continue; // the rule says it all
            }

            var exception = Stamp(candidate, uid, stamp, rule);
            exception.RecurrenceId = CalDateTime.InZone(original.InZone(zone));
            exception.Start = CalDateTime.InZone(row.Start.InZone(zone));
            exception.End = CalDateTime.InZone(row.End.InZone(zone));
            events.Add(exception);
        }

        return events;
    }

    /// <summary>The years a series' VTIMEZONE must cover.</summary>
    public static (int From, int To) Years(SeriesRule rule, IReadOnlyList<DiaryRow> rows)
    {
        var years = rows.Select(r => r.Start.InUtc().Year).Append(rule.LocalStart.Year).ToList();
        return (years.Min() - 1, years.Max() + 1);
    }

    private static VEvent Stamp(VEvent ev, string uid, Instant stamp, SeriesRule rule)
    {
        ev.Uid = uid;
        ev.Sequence = rule.Version;
        ev.Stamp = stamp;
        return ev;
    }

    // What a date shows besides its time: if this equals the template's, the date needs no RECURRENCE-ID override.
    private static string Describe(VEvent ev) =>
        string.Join('|', ev.Summary, ev.Location, ev.Status?.ToString(), ev.Transparency?.ToString(), ev.Classification?.ToString(),
            string.Join(',', ev.Attendees.Select(a => a.ParticipationStatus.Token)));
}
