using System.Net;
using System.Text.Json;
using Convene.ICalendar;
using Convene.IntegrationTests.Infrastructure;
using Convene.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Convene.IntegrationTests.Calendar;

/// <summary>
/// Issue 7 points 5 and 6 by e-mail (ADR 0021): a series reaches an external person as ONE recurring event (REQUEST with
/// RRULE/EXDATE and VTIMEZONE), a change of one date as that date's RECURRENCE-ID, a split as the old UID shortened plus
/// a new UID, a cancel of everything as a CANCEL of the UID; iTIP REPLYs answer one date or the series. Mail goes
/// through a real SMTP conversation; python3-icalendar and recurring_ical_events read what arrives. Every test uses
/// its own year and title.
/// </summary>
public abstract class SeriesImipTests(ConveneApp app) : ImipTestBase(app)
{
    private const string Frantz = "frantz.olsen@nordicfisk.example";
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    // The attendee's calendar after the REQUEST and then the CANCEL (stdin: the two objects split by a line "----"): the
    // CANCEL's instance joins the event as its override (what a client does with a CANCEL with RECURRENCE-ID, RFC 5546
    // §3.2.5), and the expansion prints one "start-in-UTC STATUS" line per instance.
    private const string Expand = """
        import sys, datetime, icalendar, recurring_ical_events
        request, cancel = sys.stdin.read().split('----\n')
        cal = icalendar.Calendar.from_ical(request)
        for c in icalendar.Calendar.from_ical(cancel).walk('VEVENT'):
            assert 'RECURRENCE-ID' in c
            cal.add_component(c)
        for e in recurring_ical_events.of(cal).between(datetime.datetime(2035, 1, 1), datetime.datetime(2037, 1, 1)):
            start = e.decoded('DTSTART').astimezone(datetime.timezone.utc)
            print(start.strftime('%Y-%m-%dT%H:%M:%SZ'), str(e.get('STATUS')))
        """;

    [Fact]
    public async Task NewSeries_OneRequestWithTheRule_ThenOneDateCancelled_ExpandsToTheDatesTheApiShows()
    {
        PythonOracle.Require("recurring_ical_events", "python3-recurring-ical-events");
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var series = await CreateAsync(frode, "Weekly with Nordic Fisk", "2035-10-08T09:00:00+02:00", 6);
        var ruleId = series.GetProperty("recurrenceRuleId").GetInt32();

        // One REQUEST for the six dates: the series' UID, DTSTART in Europe/Oslo with its VTIMEZONE, the rule.
        var request = await SendAndReadAsync(Frantz);
        Assert.Single(Smtp.Received, m => m.To.Contains(Frantz));
        var requestIcs = CalendarText(request);
        var master = Assert.Single(request.Calendar.GetProperty("events").EnumerateArray());
        Assert.Equal((Uid(frode, ruleId), 0), (master.GetProperty("uid").GetString(), master.GetProperty("sequence").GetInt32()));
        Assert.Contains("DTSTART;TZID=Europe/Oslo:20351008T090000", requestIcs, StringComparison.Ordinal);
        Assert.Contains("RRULE:FREQ=WEEKLY;COUNT=6", requestIcs, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", requestIcs, StringComparison.Ordinal);
        Assert.Equal("NEEDS-ACTION", Attendee(master, "mailto:" + Frantz).GetProperty("partstat").GetString());
        Assert.Contains("6 dates", request.Message.GetProperty("subject").GetString(), StringComparison.Ordinal);
        // Any date's e-mail state is the series' (one identity, one delivery per person).
        var email = await EmailStateAsync(frode, Occurrence(series, 3));
        Assert.Equal(Uid(frode, ruleId), email.GetProperty("uid").GetString());
        Assert.Equal(("Sent", "1.1"), State(email));

        // The third date is cancelled: a CANCEL for that RECURRENCE-ID only, with a SEQUENCE above the date's.
        await (await frode.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 2)}/cancel?scope=this")).JsonAsync(HttpStatusCode.OK);
        var cancel = await SendAndReadAsync(Frantz);
        var cancelIcs = CalendarText(cancel);
        Assert.Equal("CANCEL", cancel.Calendar.GetProperty("method").GetString());
        Assert.Equal((Uid(frode, ruleId), 1, "CANCELLED"), (cancel.Event.GetProperty("uid").GetString(), cancel.Event.GetProperty("sequence").GetInt32(), cancel.Event.GetProperty("status").GetString()));
        Assert.Contains("RECURRENCE-ID;TZID=Europe/Oslo:20351022T090000", cancelIcs, StringComparison.Ordinal);
        Assert.DoesNotContain("RRULE", cancelIcs, StringComparison.Ordinal);

        // The independent implementation, given what Frantz received, arrives at the dates the API shows — across the
        // end of summer time on 28 October 2035 (07:00 UTC before, 08:00 UTC after). (Before 2038: Debian's
        // python3-icalendar resolves a known TZID with pytz, whose tables end in 2037.)
        var (exit, stdout, stderr) = PythonOracle.Run(requestIcs + "----\n" + cancelIcs, "-W", "error", "-c", Expand);
        Assert.True(exit == 0, stderr);
        var expanded = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        var shown = expanded.Where(p => p[1] != "CANCELLED").Select(p => p[0]).ToList();
        Assert.Equal(await ShownDatesAsync(frode, series), shown);
        Assert.Equal(["2035-10-08T07:00:00Z", "2035-10-15T07:00:00Z", "2035-10-29T08:00:00Z", "2035-11-05T08:00:00Z", "2035-11-12T08:00:00Z"], shown);
        Assert.Equal(["2035-10-22T07:00:00Z"], expanded.Where(p => p[1] == "CANCELLED").Select(p => p[0]));
    }

    [Fact]
    public async Task Replies_WithRecurrenceIdAnswerOneDate_WithoutItTheSeries_AndAMovedDateWantsItsOwnAnswer()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var frantzId = await App.IdAsync("Frantz Olsen");
        var series = await CreateAsync(frode, "Replies per date", "2040-02-06T09:00:00+01:00", 4);
        var requestIcs = CalendarText(await SendAndReadAsync(Frantz));
        var stamp = App.Clock.GetCurrentInstant();

        // The series declined, then the second date accepted: 9 1 9 9.
        await Imported(await PostItipAsync(frode, SeriesReply(requestIcs, "DECLINED", stamp + Duration.FromSeconds(1))));
        Assert.Equal([9, 9, 9, 9], await StatusesAsync(frode, series, frantzId));
        var second = await Imported(await PostItipAsync(frode, SeriesReply(requestIcs, "ACCEPTED", stamp + Duration.FromSeconds(2), new LocalDateTime(2040, 2, 13, 9, 0))));
        Assert.Equal(Occurrence(series, 1), second.GetProperty("appointmentId").GetInt32());
        Assert.Equal([9, 1, 9, 9], await StatusesAsync(frode, series, frantzId));

        // The owner moves the third date: a REQUEST for its RECURRENCE-ID, SEQUENCE 1, at the new time.
        await (await frode.PatchJsonAsync($"/api/v1/appointments/{Occurrence(series, 2)}?scope=this",
            new { start = "2040-02-20T13:00:00+01:00", end = "2040-02-20T14:00:00+01:00" })).JsonAsync(HttpStatusCode.OK);
        var moved = await SendAndReadAsync(Frantz);
        var movedIcs = CalendarText(moved);
        Assert.Equal(("REQUEST", 1), (moved.Calendar.GetProperty("method").GetString(), moved.Event.GetProperty("sequence").GetInt32()));
        Assert.Contains("RECURRENCE-ID;TZID=Europe/Oslo:20400220T090000", movedIcs, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/Oslo:20400220T130000", movedIcs, StringComparison.Ordinal);
        Assert.StartsWith("Updated invitation", moved.Message.GetProperty("subject").GetString(), StringComparison.Ordinal);

        // An answer to the date's old version is stale; the series (SEQUENCE 0) no longer reaches the moved date.
        var third = new LocalDateTime(2040, 2, 20, 9, 0);
        await (await PostItipAsync(frode, SeriesReply(requestIcs, "ACCEPTED", stamp + Duration.FromSeconds(3), third)))
            .ProblemAsync(HttpStatusCode.Conflict, "itip.stale_sequence");
        await Imported(await PostItipAsync(frode, SeriesReply(requestIcs, "ACCEPTED", stamp + Duration.FromSeconds(4))));
        Assert.Equal([1, 1, 9, 1], await StatusesAsync(frode, series, frantzId));
        await Imported(await PostItipAsync(frode, SeriesReply(movedIcs, "ACCEPTED", stamp + Duration.FromSeconds(5), third)));
        Assert.Equal([1, 1, 1, 1], await StatusesAsync(frode, series, frantzId));

        // RANGE=THISANDFUTURE is refused with a stable code; a RECURRENCE-ID the series never had is unknown. Nothing changes.
        var before = await App.FingerprintAsync();
        var range = SeriesReply(requestIcs, "DECLINED", stamp + Duration.FromSeconds(6), new LocalDateTime(2040, 2, 13, 9, 0))
            .Replace("RECURRENCE-ID;TZID=", "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=", StringComparison.Ordinal);
        await (await PostItipAsync(frode, range)).ProblemAsync(HttpStatusCode.BadRequest, "itip.range_unsupported");
        await (await PostItipAsync(frode, SeriesReply(requestIcs, "DECLINED", stamp + Duration.FromSeconds(7), new LocalDateTime(2040, 2, 14, 9, 0))))
            .ProblemAsync(HttpStatusCode.NotFound, "itip.unknown_occurrence");
        Assert.Equal(before, await App.FingerprintAsync());
    }

    [Fact]
    public async Task RsvpLink_OfTheSeriesRequest_AnswersEveryDate()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var frantzId = await App.IdAsync("Frantz Olsen");
        var series = await CreateAsync(frode, "Rsvp series", "2040-10-01T09:00:00+02:00", 3);
        var link = RsvpLink(await SendAndReadAsync(Frantz));
        using var browser = App.CreateClient();
        var page = await browser.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("repeating: 3 dates", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var declined = await browser.PostAsync(link + "/decline", new FormUrlEncodedContent([new("reason", "Not this autumn")]), Ct);
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal([9, 9, 9], await StatusesAsync(frode, series, frantzId));
        var accepted = await browser.PostAsync(link + "/accept", null, Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal([1, 1, 1], await StatusesAsync(frode, series, frantzId));
        Assert.Equal("ACCEPTED", (await EmailStateAsync(frode, Occurrence(series, 1))).GetProperty("recipients")[0].GetProperty("partStat").GetString());
    }

    [Fact]
    public async Task ThisAndFollowingMove_ShortensTheOldUid_AndSendsANewOne_ThenCancellingTheSeriesCancelsTheUid()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var series = await CreateAsync(frode, "Split by mail", "2040-04-02T09:00:00+02:00", 4);
        var oldUid = Uid(frode, series.GetProperty("recurrenceRuleId").GetInt32());
        await SendAndReadAsync(Frantz);

        // From the third date on, 10:00: the old UID ends before it (REQUEST, SEQUENCE 1, UNTIL), the rest is a new
        // event (REQUEST, new UID, SEQUENCE 0, COUNT=2).
        var split = await (await frode.PatchJsonAsync($"/api/v1/appointments/{Occurrence(series, 2)}?scope=following",
            new { start = "2040-04-16T10:00:00+02:00", end = "2040-04-16T11:00:00+02:00" })).JsonAsync(HttpStatusCode.OK);
        var newUid = Uid(frode, split.GetProperty("recurrenceRuleId").GetInt32());
        await App.Services.GetRequiredService<Convene.Web.Hosting.ImipSender>().ProcessDueAsync(Ct);
        var mails = Smtp.Received.Where(m => m.To.Contains(Frantz)).Skip(1).Select(m => PythonCalendar.ReadMail(m.Raw)).ToList();
        Assert.Equal(2, mails.Count);
        var calendars = mails.Select(m => m.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("type").GetString() == "text/calendar")).ToList();
        var old = calendars.Single(c => c.GetProperty("text").GetString()!.Contains(oldUid, StringComparison.Ordinal));
        var successor = calendars.Single(c => c.GetProperty("text").GetString()!.Contains(newUid, StringComparison.Ordinal));
        Assert.Equal(("REQUEST", 1), (old.GetProperty("method").GetString(), old.GetProperty("calendar").GetProperty("events")[0].GetProperty("sequence").GetInt32()));
        Assert.Contains("UNTIL=20400416T065959Z", old.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(("REQUEST", 0), (successor.GetProperty("method").GetString(), successor.GetProperty("calendar").GetProperty("events")[0].GetProperty("sequence").GetInt32()));
        Assert.Contains("DTSTART;TZID=Europe/Oslo:20400416T100000", successor.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("COUNT=2", successor.GetProperty("text").GetString(), StringComparison.Ordinal);

        // The whole (earlier) series is cancelled: a CANCEL of the old UID without RECURRENCE-ID (RFC 5546 §3.2.5).
        await (await frode.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 0)}/cancel?scope=series")).JsonAsync(HttpStatusCode.OK);
        var cancel = await SendAndReadAsync(Frantz);
        var cancelIcs = CalendarText(cancel);
        Assert.Equal(("CANCEL", oldUid, "CANCELLED"), (cancel.Calendar.GetProperty("method").GetString(), cancel.Event.GetProperty("uid").GetString(), cancel.Event.GetProperty("status").GetString()));
        Assert.Equal(2, cancel.Event.GetProperty("sequence").GetInt32());
        Assert.DoesNotContain("RECURRENCE-ID", cancelIcs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopRecurrence_SendsTheRuleEndingBeforeThatDate_NotOneCancelPerDate()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var series = await CreateAsync(frode, "Stop by mail", "2040-09-03T09:00:00+02:00", 5);
        await SendAndReadAsync(Frantz);
        await (await frode.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 2)}/cancel?scope=following")).JsonAsync(HttpStatusCode.OK);
        var stopped = await SendAndReadAsync(Frantz);
        Assert.Equal(2, Smtp.Received.Count(m => m.To.Contains(Frantz)));
        Assert.Equal(("REQUEST", 1), (stopped.Calendar.GetProperty("method").GetString(), stopped.Calendar.GetProperty("events")[0].GetProperty("sequence").GetInt32()));
        Assert.Contains("UNTIL=20400917T065959Z", CalendarText(stopped), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonAddedToOneDate_GetsThatDate_AndRemovedFromIt_GetsItsCancel()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var series = await CreateAsync(frode, "Liv joins once", "2040-06-04T09:00:00+02:00", 3);
        var livId = await App.IdAsync("Liv Berg");
        var ruleId = series.GetProperty("recurrenceRuleId").GetInt32();
        var added = await (await frode.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 1)}/participants", new { personId = livId })).JsonAsync(HttpStatusCode.OK);
        var invite = await SendAndReadAsync("liv.berg@nordicfisk.example");
        var inviteIcs = CalendarText(invite);
        Assert.Equal(("REQUEST", Uid(frode, ruleId)), (invite.Calendar.GetProperty("method").GetString(), invite.Event.GetProperty("uid").GetString()));
        Assert.Contains("RECURRENCE-ID;TZID=Europe/Oslo:20400611T090000", inviteIcs, StringComparison.Ordinal);

        var row = added.Participant(personId: livId).GetProperty("rowId").GetInt32();
        await (await frode.DeleteAsync($"/api/v1/appointments/{Occurrence(series, 1)}/participants/{row}", Ct)).JsonAsync(HttpStatusCode.OK);
        var removed = await SendAndReadAsync("liv.berg@nordicfisk.example");
        Assert.Equal("CANCEL", removed.Calendar.GetProperty("method").GetString());
        Assert.Contains("RECURRENCE-ID;TZID=Europe/Oslo:20400611T090000", CalendarText(removed), StringComparison.Ordinal);
        Assert.Equal(2, Smtp.Received.Count(m => m.To.Contains("liv.berg@nordicfisk.example")));
    }

    [Fact]
    public async Task PersonAddedToTheSeries_GetsTheWholeEvent_ThenLeavesFollowingDates_ThenTheSeries()
    {
        Smtp.Start();
        const string liv = "liv.berg@nordicfisk.example";
        using var frode = await App.ClientForAsync("frode");
        var livId = await App.IdAsync("Liv Berg");
        var series = await CreateAsync(frode, "Liv joins all", "2040-08-06T09:00:00+02:00", 4);
        var ruleId = series.GetProperty("recurrenceRuleId").GetInt32();
        await SendAndReadAsync(Frantz);

        // Added to the series: ONE REQUEST with the rule, to Liv only (the others' copies do not change).
        await (await frode.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 0)}/participants?scope=series", new { personId = livId })).JsonAsync(HttpStatusCode.OK);
        var invite = await SendAndReadAsync(liv);
        Assert.Equal((Uid(frode, ruleId), 0), (invite.Event.GetProperty("uid").GetString(), invite.Event.GetProperty("sequence").GetInt32()));
        Assert.Contains("RRULE:FREQ=WEEKLY;COUNT=4", CalendarText(invite), StringComparison.Ordinal);
        Assert.Single(Smtp.Received, m => m.To.Contains(Frantz));
        Assert.Equal([1, 1, 1, 1], await StatusesAsync(frode, series, livId));

        // Removed from the third date on: her copy loses those dates (EXDATE), at a new SEQUENCE.
        var third = await (await frode.GetAsync($"/api/v1/appointments/{Occurrence(series, 2)}", Ct)).JsonAsync(HttpStatusCode.OK);
        var row = third.Participant(personId: livId).GetProperty("rowId").GetInt32();
        await (await frode.DeleteAsync($"/api/v1/appointments/{Occurrence(series, 2)}/participants/{row}?scope=following", Ct)).JsonAsync(HttpStatusCode.OK);
        var shorter = await SendAndReadAsync(liv);
        var shorterIcs = CalendarText(shorter);
        Assert.Equal(("REQUEST", 1), (shorter.Calendar.GetProperty("method").GetString(), shorter.Calendar.GetProperty("events")[0].GetProperty("sequence").GetInt32()));
        Assert.Contains("EXDATE;TZID=Europe/Oslo:20400820T090000,20400827T090000", shorterIcs, StringComparison.Ordinal);

        // Removed from the series: a CANCEL of the UID.
        var first = await (await frode.GetAsync($"/api/v1/appointments/{Occurrence(series, 0)}", Ct)).JsonAsync(HttpStatusCode.OK);
        row = first.Participant(personId: livId).GetProperty("rowId").GetInt32();
        await (await frode.DeleteAsync($"/api/v1/appointments/{Occurrence(series, 0)}/participants/{row}?scope=series", Ct)).JsonAsync(HttpStatusCode.OK);
        var cancel = await SendAndReadAsync(liv);
        Assert.Equal(("CANCEL", Uid(frode, ruleId), 2), (cancel.Calendar.GetProperty("method").GetString(), cancel.Event.GetProperty("uid").GetString(), cancel.Event.GetProperty("sequence").GetInt32()));
        Assert.DoesNotContain("RECURRENCE-ID", CalendarText(cancel), StringComparison.Ordinal);
        Assert.Equal(3, Smtp.Received.Count(m => m.To.Contains(liv)));
        Assert.Single(Smtp.Received, m => m.To.Contains(Frantz));
    }

    private async Task<JsonElement> CreateAsync(HttpClient owner, string title, string start, int count)
    {
        var from = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        return await (await owner.PostJsonAsync("/api/v1/appointments", new
        {
            title,
            start = from.Iso(),
            end = from.AddHours(1).Iso(),
            timeZone = "Europe/Oslo",
            recurrence = new[] { $"RRULE:FREQ=WEEKLY;COUNT={count}" },
            participants = new object[]
            {
                new { associateId = await App.IdAsync("ingrid") },
                new { personId = await App.IdAsync("Frantz Olsen") },
            },
        })).JsonAsync(HttpStatusCode.Created);
    }

    private static async Task<JsonElement> Imported(HttpResponseMessage response) => await response.JsonAsync(HttpStatusCode.OK);

    // Frantz's answer to a series REQUEST (the master), or to one date of it (RECURRENCE-ID in the series' zone and no
    // rule, as a client writes it, RFC 5546 §3.2.3).
    private static string SeriesReply(string requestIcs, string partStat, Instant stamp, LocalDateTime? date = null)
    {
        var reply = Reply(requestIcs, partStat, stamp);
        if (date is not { } local)
        {
            return reply;
        }

        var calendar = CalendarParser.Parse(reply).Value!;
        var ev = calendar.Events[0];
        ev.RecurrenceRules.Clear();
        ev.ExceptionDates.Clear();
        ev.RecurrenceDates.Clear();
        ev.RecurrenceId = CalDateTime.InZone(local, Oslo);
        return CalendarWriter.Write(calendar);
    }

    // The series' UID (ItipMapper.SeriesUid): the feed's, on the server's host.
    private static string Uid(HttpClient client, int ruleId) => $"series-{ruleId}@{client.BaseAddress!.Host}";

    private static string CalendarText(MailView mail) => mail.Part("text/calendar").GetProperty("text").GetString()!;

    private async Task<List<int>> StatusesAsync(HttpClient owner, JsonElement series, int personId)
    {
        var statuses = new List<int>();
        foreach (var occurrence in series.GetProperty("occurrences").EnumerateArray())
        {
            var meeting = await (await owner.GetAsync($"/api/v1/appointments/{occurrence.GetProperty("appointmentId").GetInt32()}", Ct)).JsonAsync(HttpStatusCode.OK);
            statuses.Add(meeting.Participant(personId: personId).GetProperty("statusCode").GetInt32());
        }

        return statuses;
    }

    private async Task<List<string>> ShownDatesAsync(HttpClient owner, JsonElement series)
    {
        var shown = new List<string>();
        foreach (var occurrence in series.GetProperty("occurrences").EnumerateArray())
        {
            var response = await owner.GetAsync($"/api/v1/appointments/{occurrence.GetProperty("appointmentId").GetInt32()}", Ct);
            if (response.StatusCode == HttpStatusCode.OK && await response.JsonAsync(HttpStatusCode.OK) is var meeting && !meeting.GetProperty("cancelled").GetBoolean())
            {
                shown.Add(meeting.GetProperty("start").GetDateTime().ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return shown;
    }

    private static int Occurrence(JsonElement series, int index) =>
        series.GetProperty("occurrences")[index].GetProperty("appointmentId").GetInt32();
}

public sealed class SeriesImipTests_Sqlite(ConveneApp app) : SeriesImipTests(app), IClassFixture<ConveneApp>;

public sealed class SeriesImipTests_Postgres(PostgresConveneApp app) : SeriesImipTests(app), IClassFixture<PostgresConveneApp>;
