using System.Net;
using Convene.IntegrationTests.Infrastructure;
using Convene.Tests.Shared;

namespace Convene.IntegrationTests.Series;

/// <summary>
/// Issue 7: a series in the calendar feed is one VEVENT with RRULE/EXDATE plus RECURRENCE-ID overrides, and an
/// independent implementation (python3-icalendar + python3-recurring-ical-events) expands it to exactly the dates the
/// API shows — with a moved date and a cancelled date, across the end of DST.
/// </summary>
public abstract class SeriesFeedTests(ConveneApp app) : ApiTestBase(app)
{
    // Expands every VEVENT of the feed between the two dates; prints one "UID start-in-UTC summary" line per occurrence.
    private const string Expand = """
        import sys, datetime, icalendar, recurring_ical_events
        cal = icalendar.Calendar.from_ical(sys.stdin.read())
        masters = [c for c in cal.walk('VEVENT') if 'RRULE' in c and 'RECURRENCE-ID' not in c]
        print('MASTERS', ' '.join(sorted(str(c['UID']) for c in masters)))
        for e in recurring_ical_events.of(cal).between(datetime.datetime(2029, 9, 1), datetime.datetime(2030, 3, 1)):
            start = e.decoded('DTSTART').astimezone(datetime.timezone.utc)
            print(str(e['UID']), start.strftime('%Y-%m-%dT%H:%M:%SZ'), str(e.get('SUMMARY')))
        """;

    private static readonly string[] Weekly = ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=8"];
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feed_OfASeriesWithAnExceptionAndACancelledDate_ExpandsToExactlyTheDatesTheApiShows()
    {
        PythonOracle.Require("recurring_ical_events", "python3-recurring-ical-events");
        using var frode = await App.ClientForAsync("frode");
        const string title = "Feed weekly";
        var series = await (await frode.PostJsonAsync("/api/v1/appointments", new
        {
            title,
            start = "2029-10-01T09:00:00+02:00",
            end = "2029-10-01T10:00:00+02:00",
            timeZone = "Europe/Oslo",
            recurrence = Weekly,
            participants = new[] { new { associateId = await App.IdAsync("ingrid") } },
        })).JsonAsync(HttpStatusCode.Created);
        var ids = series.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("appointmentId").GetInt32()).ToList();

        // The third date moves to 13:00 (an exception), the fifth is cancelled for everyone.
        await (await frode.PatchJsonAsync($"/api/v1/appointments/{ids[2]}?scope=this", new { start = "2029-10-15T13:00:00+02:00", end = "2029-10-15T14:00:00+02:00" }))
            .JsonAsync(HttpStatusCode.OK);
        await (await frode.PostJsonAsync($"/api/v1/appointments/{ids[4]}/cancel?scope=this")).JsonAsync(HttpStatusCode.OK);

        var shown = new List<string>();
        foreach (var id in ids)
        {
            var response = await frode.GetAsync($"/api/v1/appointments/{id}", _ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                continue;
            }

            var occurrence = await response.JsonAsync(HttpStatusCode.OK);
            if (!occurrence.GetProperty("cancelled").GetBoolean())
            {
                shown.Add(occurrence.GetProperty("start").GetDateTime().ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal(7, shown.Count);
        var url = (await (await frode.GetAsync("/api/v1/me/calendar-feed", _ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString()!;
        using var anonymous = new HttpClient { BaseAddress = frode.BaseAddress };
        var ics = await anonymous.GetStringAsync(new Uri(url).PathAndQuery, _ct);
        Assert.Contains("RRULE:FREQ=WEEKLY;COUNT=8;BYDAY=MO", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/Oslo:20291001T090000", ics, StringComparison.Ordinal);
        Assert.Contains("RECURRENCE-ID;TZID=Europe/Oslo:20291015T090000", ics, StringComparison.Ordinal);
        Assert.Contains("EXDATE;TZID=Europe/Oslo:20291029T090000", ics, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", ics, StringComparison.Ordinal);

        var (exit, stdout, stderr) = PythonOracle.Run(ics, "-W", "error", "-c", Expand);
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var uid = Assert.Single(lines[0].Split(' ').Skip(1));
        var expanded = lines.Skip(1).Select(l => l.Split(' ', 3)).Where(p => p[2] == title).ToList();
        Assert.All(expanded, p => Assert.Equal(uid, p[0]));
        Assert.Equal(shown.Order(), expanded.Select(p => p[1]).Order());
        // 09:00 in Oslo: 07:00 UTC in summer time, 08:00 UTC after 28 October 2029; the moved date at 11:00 UTC.
        Assert.Contains("2029-10-15T11:00:00Z", shown);
        Assert.Contains("2029-11-05T08:00:00Z", shown);
    }
}

public sealed class SeriesFeedTests_Sqlite(ConveneApp app) : SeriesFeedTests(app), IClassFixture<ConveneApp>;

public sealed class SeriesFeedTests_Postgres(PostgresConveneApp app) : SeriesFeedTests(app), IClassFixture<PostgresConveneApp>;
