using System.Text.Json;
using Convene.Tests.Shared;
using NodaTime;

namespace Convene.ICalendar.Tests;

/// <summary>
/// Cross-checks the writer against an independent parser: Debian's python3-icalendar. CI installs it
/// (apt-get install -y python3-icalendar); without it the tests fail on CI and are skipped elsewhere.
/// </summary>
public class PythonCrossCheckTests
{
    private const string Script = """
        import icalendar, sys, json, datetime
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        def s(v): return None if v is None else str(v)
        def people(c, name):
            v = c.get(name)
            if v is None: return []
            if not isinstance(v, list): v = [v]
            return [{'address': str(a), 'cn': s(a.params.get('CN')), 'partstat': s(a.params.get('PARTSTAT')),
                     'role': s(a.params.get('ROLE')), 'cutype': s(a.params.get('CUTYPE')), 'rsvp': s(a.params.get('RSVP'))} for a in v]
        out = {'method': s(cal.get('METHOD')), 'version': s(cal.get('VERSION')), 'events': [], 'freebusy': [], 'timezones': []}
        for c in cal.walk():
            if c.name == 'VEVENT':
                out['events'].append({'uid': s(c.get('UID')), 'summary': s(c.get('SUMMARY')), 'description': s(c.get('DESCRIPTION')),
                    'location': s(c.get('LOCATION')), 'sequence': c.decoded('SEQUENCE'), 'start': c.decoded('DTSTART').isoformat(),
                    'start_tzid': s(c['DTSTART'].params.get('TZID')), 'end': c.decoded('DTEND').isoformat(),
                    'organizer': people(c, 'ORGANIZER'), 'attendees': people(c, 'ATTENDEE')})
            elif c.name == 'VFREEBUSY':
                fb = c.get('FREEBUSY') or []
                if not isinstance(fb, list): fb = [fb]
                out['freebusy'].append({'uid': s(c.get('UID')), 'attendees': people(c, 'ATTENDEE'),
                    'periods': [{'type': s(p.params.get('FBTYPE')), 'start': p.start.isoformat(), 'end': p.end.isoformat()} for p in fb]})
            elif c.name == 'VTIMEZONE':
                tz = c.to_tz()
                offsets = {}
                for m in range(1, 13):
                    for d in (1, 10, 20, 28):
                        for h in (1, 12):
                            dt = datetime.datetime(2025, m, d, h, 0)
                            offsets[dt.isoformat()] = int(tz.utcoffset(dt).total_seconds())
                out['timezones'].append({'tzid': s(c.get('TZID')), 'offsets': offsets})
        sys.stdout.write(json.dumps(out))
        """;

    [Fact]
    public void EventWithAttendees_IsReadIdenticallyByPythonIcalendar()
    {
        var calendar = RoundTripTests.SampleRequest();
        var json = RunPython(calendar);
        Assert.Equal("REQUEST", json.GetProperty("method").GetString());
        Assert.Equal("2.0", json.GetProperty("version").GetString());
        var ev = json.GetProperty("events")[0];
        var source = calendar.Events[0];
        Assert.Equal(source.Uid, ev.GetProperty("uid").GetString());
        Assert.Equal(source.Summary, ev.GetProperty("summary").GetString());
        Assert.Equal(source.Description, ev.GetProperty("description").GetString());
        Assert.Equal(source.Location, ev.GetProperty("location").GetString());
        Assert.Equal(3, ev.GetProperty("sequence").GetInt32());
        Assert.Equal("2025-04-10T09:00:00+02:00", ev.GetProperty("start").GetString());
        Assert.Equal("2025-04-10T10:30:00+02:00", ev.GetProperty("end").GetString());
        Assert.Equal("Europe/Oslo", ev.GetProperty("start_tzid").GetString());
        Assert.Equal("Convene, Scheduler", ev.GetProperty("organizer")[0].GetProperty("cn").GetString());

        var attendees = ev.GetProperty("attendees");
        Assert.Equal(source.Attendees.Count, attendees.GetArrayLength());
        for (var i = 0; i < source.Attendees.Count; i++)
        {
            var a = attendees[i];
            var s = source.Attendees[i];
            Assert.Equal(s.Address, a.GetProperty("address").GetString());
            Assert.Equal(s.CommonName, a.GetProperty("cn").GetString());
            Assert.Equal(s.ParticipationStatus.Token, a.GetProperty("partstat").GetString());
            Assert.Equal(s.Role.Token, a.GetProperty("role").GetString());
            Assert.Equal(s.CalendarUserType == CalendarUserType.Individual ? null : s.CalendarUserType.Token, a.GetProperty("cutype").GetString());
            Assert.Equal(s.Rsvp ? "TRUE" : null, a.GetProperty("rsvp").GetString());
        }
    }

    [Fact]
    public void FreeBusy_IsReadIdenticallyByPythonIcalendar()
    {
        var calendar = RoundTripTests.SampleFreeBusy();
        var json = RunPython(calendar);
        var fb = json.GetProperty("freebusy")[0];
        Assert.Equal("fb-1@convene.example", fb.GetProperty("uid").GetString());
        Assert.Equal("mailto:room@example.com", fb.GetProperty("attendees")[0].GetProperty("address").GetString());
        var periods = fb.GetProperty("periods");
        var source = calendar.FreeBusy[0].Periods;
        Assert.Equal(source.Count, periods.GetArrayLength());
        for (var i = 0; i < source.Count; i++)
        {
            Assert.Equal(source[i].Type.Token, periods[i].GetProperty("type").GetString());
            Assert.Equal(Iso(source[i].Period.Start.ToInstant()!.Value), periods[i].GetProperty("start").GetString());
            Assert.Equal(Iso(source[i].Period.EffectiveEnd.ToInstant()!.Value), periods[i].GetProperty("end").GetString());
        }
    }

    [Fact]
    public void VTimezoneForEuropeOslo_EvaluatesToTzdbOffsetsInPythonIcalendar()
    {
        var oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
        var calendar = new VCalendar { Method = CalendarMethod.Publish };
        calendar.Events.Add(new VEvent
        {
            Uid = "tz@convene.example",
            Stamp = Instant.FromUtc(2025, 1, 1, 0, 0),
            Start = CalDateTime.InZone(new LocalDateTime(2025, 7, 1, 9, 0), oslo),
            End = CalDateTime.InZone(new LocalDateTime(2025, 12, 1, 10, 0), oslo),
            Summary = "Sommer og vinter",
        });
        calendar.EnsureTimeZones(2024, 2026);
        var json = RunPython(calendar);
        var ev = json.GetProperty("events")[0];
        Assert.Equal("2025-07-01T09:00:00+02:00", ev.GetProperty("start").GetString());
        Assert.Equal("2025-12-01T10:00:00+01:00", ev.GetProperty("end").GetString());

        var tz = json.GetProperty("timezones")[0];
        Assert.Equal("Europe/Oslo", tz.GetProperty("tzid").GetString());
        var checkedCount = 0;
        foreach (var sample in tz.GetProperty("offsets").EnumerateObject())
        {
            var local = NodaTime.Text.LocalDateTimePattern.ExtendedIso.Parse(sample.Name).Value;
            var expected = oslo.MapLocal(local).First().Offset.Seconds;
            Assert.Equal(expected, sample.Value.GetInt32());
            checkedCount++;
        }

        Assert.Equal(96, checkedCount);
    }

    private static string Iso(Instant instant) =>
        NodaTime.Text.LocalDateTimePattern.ExtendedIso.Format(instant.InUtc().LocalDateTime) + "+00:00";

    private static JsonElement RunPython(VCalendar calendar)
    {
        PythonOracle.Require("icalendar", "python3-icalendar");
        var file = Path.Combine(Path.GetTempPath(), "convene-ical-" + Guid.NewGuid().ToString("N") + ".ics");
        try
        {
            File.WriteAllBytes(file, CalendarWriter.WriteUtf8(calendar));
            var (exit, stdout, stderr) = PythonOracle.Run(string.Empty, "-c", Script, file);
            Assert.True(exit == 0, "python icalendar rejected the output (exit " + exit + "):\n" + stderr + "\n" + CalendarWriter.Write(calendar));
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
