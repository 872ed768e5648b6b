using System.Text.Json;
using Convene.Core.Recurrence;
using Convene.ICalendar;
using Convene.Tests.Shared;
using NodaTime;
using NodaTime.Text;

namespace Convene.Core.Tests.Recurrence;

/// <summary>
/// A series as iCalendar (RFC 5545 §3.8.5, §3.8.4.4, §3.6.5): one VEVENT with DTSTART;TZID, RRULE and EXDATE, a
/// generated VTIMEZONE and an override VEVENT with RECURRENCE-ID. It must read back the same in our parser and
/// expand, in python3-icalendar + dateutil, to exactly the occurrences our expander yields.
/// </summary>
public sealed class ICalendarSeriesTests
{
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
    private static readonly InstantPattern Utc = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'+00:00'");

    // Expands the master in local wall time with dateutil, maps each local time to an instant through the file's own
    // VTIMEZONE (icalendar's to_tz), removes EXDATEs and applies RECURRENCE-ID overrides.
    private const string Script = """
        import icalendar, sys, json, datetime
        from dateutil.rrule import rrulestr
        utc = datetime.timezone.utc
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        tzs = {str(c['TZID']): c.to_tz() for c in cal.walk('VTIMEZONE')}
        events = cal.walk('VEVENT')
        master = [e for e in events if e.get('RECURRENCE-ID') is None][0]
        overrides = [e for e in events if e.get('RECURRENCE-ID') is not None]
        tz = tzs[str(master['DTSTART'].params['TZID'])]
        start = master.decoded('DTSTART')
        length = master.decoded('DTEND') - start
        local = list(rrulestr('RRULE:' + master['RRULE'].to_ical().decode(), dtstart=start.replace(tzinfo=None)))
        occ = [tz.localize(l).astimezone(utc) for l in local]
        ex = master.get('EXDATE', [])
        ex = ex if isinstance(ex, list) else [ex]
        gone = {d.dt.astimezone(utc) for e in ex for d in e.dts}
        moved = {e.decoded('RECURRENCE-ID').astimezone(utc): (e.decoded('DTSTART').astimezone(utc), e.decoded('DTEND').astimezone(utc)) for e in overrides}
        out = []
        for o in occ:
            if o in gone: continue
            s, e = moved.get(o, (o, o + length))
            out.append([o.isoformat(), s.isoformat(), e.isoformat()])
        sys.stdout.write(json.dumps(out))
        """;

    private static RecurringSchedule Series() => new(
        new LocalDateTime(2030, 1, 7, 9, 0),
        Oslo,
        Duration.FromMinutes(90),
        RecurrenceSet.Parse(["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=45", "EXDATE;TZID=Europe/Oslo:20300204T090000"]).Value);

    /// <summary>The series with the 1 April occurrence moved to Tuesday 2 April 11:00 and the 4 February one cancelled.</summary>
    private static (VCalendar Calendar, List<(Instant Original, Instant Start, Instant End)> Shown) Feed()
    {
        var schedule = Series();
        var occurrences = RecurrenceExpander.ExpandAll(schedule).Value;
        var calendar = new VCalendar { Method = CalendarMethod.Publish };
        var master = new VEvent { Uid = "series-1@convene.test", Stamp = Instant.FromUtc(2029, 12, 1, 12, 0), Summary = "Team meeting" };
        RecurrenceCalendar.WriteTo(master, schedule);
        calendar.Events.Add(master);

        var moved = occurrences.Single(o => o.LocalStart.Date == new LocalDate(2030, 4, 1));
        var newStart = new LocalDateTime(2030, 4, 2, 11, 0);
        calendar.Events.Add(new VEvent
        {
            Uid = master.Uid,
            Stamp = master.Stamp,
            Summary = "Team meeting (moved)",
            RecurrenceId = RecurrenceCalendar.RecurrenceIdOf(moved, Oslo),
            Start = CalDateTime.InZone(newStart, Oslo),
            End = CalDateTime.InZone(newStart.PlusMinutes(90), Oslo),
        });
        calendar.EnsureTimeZones(2029, 2031);

        var shown = occurrences
            .Select(o => o == moved
                ? (o.OriginalStart, newStart.InZoneLeniently(Oslo).ToInstant(), newStart.PlusMinutes(90).InZoneLeniently(Oslo).ToInstant())
                : (o.OriginalStart, o.Start, o.End))
            .ToList();
        return (calendar, shown);
    }

    [Fact]
    public void WrittenSeries_ReadsBackAsTheSameScheduleAndOverride()
    {
        var (calendar, _) = Feed();
        var text = CalendarWriter.Write(calendar);
        Assert.Contains("DTSTART;TZID=Europe/Oslo:20300107T090000", text, StringComparison.Ordinal);
        Assert.Contains("RRULE:FREQ=WEEKLY;COUNT=45;BYDAY=MO", text, StringComparison.Ordinal);
        Assert.Contains("EXDATE;TZID=Europe/Oslo:20300204T090000", text, StringComparison.Ordinal);
        Assert.Contains("RECURRENCE-ID;TZID=Europe/Oslo:20300401T090000", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", text, StringComparison.Ordinal);

        var parsed = CalendarParser.Parse(text);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        var resolver = new TimeZoneResolver(parsed.Value!.TimeZones);
        var schedule = RecurrenceCalendar.ReadSchedule(parsed.Value.Events[0], DateTimeZone.Utc, resolver).Value!;
        Assert.Equal(Series().Start, schedule.Start);
        Assert.Equal(Oslo.Id, schedule.Zone.Id);
        Assert.Equal(Duration.FromMinutes(90), schedule.Duration);
        Assert.Equal(RecurrenceExpander.ExpandAll(Series()).Value, RecurrenceExpander.ExpandAll(schedule).Value);

        var rid = parsed.Value.Events[1].RecurrenceId!;
        Assert.Equal(Instant.FromUtc(2030, 4, 1, 7, 0), RecurrenceCalendar.OriginalStartOf(rid, schedule.Zone));
    }

    [Fact]
    public void WrittenSeries_ExpandsInPythonIcalendarAndDateutil_ToExactlyTheOccurrencesConveneShows()
    {
        PythonOracle.Require("icalendar, dateutil.rrule", "python3-icalendar");
        var (calendar, shown) = Feed();
        var file = Path.Combine(Path.GetTempPath(), "convene-series-" + Guid.NewGuid().ToString("N") + ".ics");
        File.WriteAllBytes(file, CalendarWriter.WriteUtf8(calendar));
        try
        {
            var (exit, stdout, stderr) = PythonOracle.Run(string.Empty, "-c", Script, file);
            Assert.True(exit == 0, stderr);
            var theirs = JsonSerializer.Deserialize<List<List<string>>>(stdout)!;

            Assert.Equal(44, theirs.Count);
            Assert.Equal(shown.Select(o => new List<string> { Utc.Format(o.Original), Utc.Format(o.Start), Utc.Format(o.End) }), theirs);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
