using System.Net;
using System.Text.Json;
using Convene.IntegrationTests.Infrastructure;
using NodaTime;

namespace Convene.IntegrationTests.Series;

/// <summary>
/// Issue 7 through the HTTP API: recurring meetings as the seeds' matrix of dates × participants, in an IANA zone,
/// with the update modes this / following / series. Every test uses its own year and title, so the order of the
/// tests sharing the server does not matter.
/// </summary>
public abstract class SeriesTests(ConveneApp app) : ApiTestBase(app)
{
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Weekly0900Oslo_KeepsLocalTimeAcrossBothDstChanges_AndUtcShiftsByAnHour()
    {
        using var frode = await App.ClientForAsync("frode");
        var series = await CreateAsync(frode, "Weekly Oslo DST", "2031-03-03T09:00:00+01:00", "2031-03-03T10:00:00+01:00",
            ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=40"], timeZone: "Europe/Oslo", participants: [new { associateId = await App.IdAsync("ingrid") }]);

        Assert.Equal("Europe/Oslo", series.GetProperty("timeZone").GetString());
        Assert.Equal("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=40", Assert.Single(series.GetProperty("recurrence").EnumerateArray()).GetString());
        var starts = Starts(series);
        Assert.Equal(40, starts.Count);
        Assert.All(starts, s => Assert.Equal(new LocalTime(9, 0), s.InZone(Oslo).TimeOfDay));
        Assert.All(starts, s => Assert.Equal(IsoDayOfWeek.Monday, s.InZone(Oslo).DayOfWeek));
        // CET (UTC+1) before 30 March 2031, CEST (UTC+2) until 26 October 2031, CET again after.
        Assert.Equal(Instant.FromUtc(2031, 3, 24, 8, 0), starts[3]);
        Assert.Equal(Instant.FromUtc(2031, 3, 31, 7, 0), starts[4]);
        Assert.Equal(Instant.FromUtc(2031, 10, 20, 7, 0), starts[33]);
        Assert.Equal(Instant.FromUtc(2031, 10, 27, 8, 0), starts[34]);
        // Every date is its own booking with a row for ingrid, named by its original start.
        var occurrence = await GetAsync(frode, Occurrence(series, 34));
        Assert.Equal(new DateTime(2031, 10, 27, 8, 0, 0, DateTimeKind.Utc), occurrence.GetProperty("start").GetDateTime());
        Assert.Equal(new DateTime(2031, 10, 27, 8, 0, 0, DateTimeKind.Utc), occurrence.GetProperty("originalStart").GetDateTime());
        Assert.Equal(series.GetProperty("recurrenceRuleId").GetInt32(), occurrence.GetProperty("recurrenceRuleId").GetInt32());
    }

    [Fact]
    public async Task NewYorkOrganiser_OsloInvitee_SeesTheRightLocalTimesWhenOnlyOneZoneHasChanged()
    {
        using var admin = await App.ClientForAsync("admin");
        await (await admin.PostJsonAsync("/api/v1/associates", new { name = "Nora York", kind = "Employee", userName = "nora.ny", password = "demo", timeZone = "America/New_York" }))
            .JsonAsync(HttpStatusCode.Created);
        using var nora = await App.ClientForAsync("nora.ny");
        var ingridId = await App.IdAsync("ingrid");
        // No timeZone: the owner's zone (America/New_York). 09:00 in New York every Monday.
        var series = await CreateAsync(nora, "NY weekly", "2032-03-01T09:00:00-05:00", "2032-03-01T09:30:00-05:00",
            ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6"], participants: [new { associateId = ingridId }]);
        Assert.Equal("America/New_York", series.GetProperty("timeZone").GetString());

        using var ingrid = await App.ClientForAsync("ingrid");
        var diary = await (await ingrid.GetAsync("/api/v1/diary?from=2032-02-28T00:00:00Z&to=2032-04-12T00:00:00Z&includePending=true", _ct)).JsonAsync(HttpStatusCode.OK);
        var seen = diary.EnumerateArray().Where(e => e.GetProperty("title").GetString() == "NY weekly")
            .Select(e => Instant.FromDateTimeUtc(e.GetProperty("start").GetDateTime().ToUniversalTime())).Order().ToList();
        Assert.Equal(6, seen.Count);
        Assert.All(seen, s => Assert.Equal(new LocalTime(9, 0), s.InZone(NewYork).TimeOfDay));
        // The US changes on 14 March 2032, Europe on 28 March: for two weeks Oslo is only five hours ahead.
        Assert.Equal(
            [new LocalTime(15, 0), new LocalTime(15, 0), new LocalTime(14, 0), new LocalTime(14, 0), new LocalTime(15, 0), new LocalTime(15, 0)],
            seen.Select(s => s.InZone(Oslo).TimeOfDay).ToList());
    }

    [Fact]
    public async Task MonthlyLastFriday_OverThreeYears()
    {
        using var frode = await App.ClientForAsync("frode");
        var series = await CreateAsync(frode, "Customer review", "2033-01-28T10:00:00+01:00", "2033-01-28T11:00:00+01:00",
            ["RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=36"], timeZone: "Europe/Oslo");
        var starts = Starts(series).Select(s => s.InZone(Oslo).LocalDateTime).ToList();
        Assert.Equal(36, starts.Count);
        Assert.All(starts, s =>
        {
            Assert.Equal(IsoDayOfWeek.Friday, s.DayOfWeek);
            Assert.NotEqual(s.Month, s.Date.PlusWeeks(1).Month); // the last Friday of its month
            Assert.Equal(new LocalTime(10, 0), s.TimeOfDay);
        });
        Assert.Equal(new LocalDate(2035, 12, 28), starts[^1].Date);
    }

    [Fact]
    public async Task CountAndUntil_EndTheSeries()
    {
        using var frode = await App.ClientForAsync("frode");
        var counted = await CreateAsync(frode, "Counted", "2034-02-06T12:00:00+01:00", "2034-02-06T12:30:00+01:00", ["RRULE:FREQ=DAILY;COUNT=5"]);
        Assert.Equal(5, Starts(counted).Count);
        var until = await CreateAsync(frode, "Until", "2034-03-01T12:00:00+01:00", "2034-03-01T12:30:00+01:00",
            ["RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20340412T235959Z"]);
        Assert.Equal(
            [new LocalDate(2034, 3, 1), new LocalDate(2034, 3, 15), new LocalDate(2034, 3, 29), new LocalDate(2034, 4, 12)],
            Starts(until).Select(s => s.InZone(Oslo).Date).ToList());
    }

    [Fact]
    public async Task DstGap_0230OnTheSpringForwardDay_MovesForwardByTheGap()
    {
        using var frode = await App.ClientForAsync("frode");
        // 02:30 does not exist in Oslo on 26 March 2034: RFC 5545 §3.3.5 — the time moves forward by the gap, 03:30 CEST.
        var series = await CreateAsync(frode, "Night job", "2034-03-25T02:30:00+01:00", "2034-03-25T03:00:00+01:00", ["RRULE:FREQ=DAILY;COUNT=3"], timeZone: "Europe/Oslo");
        Assert.Equal(
            [Instant.FromUtc(2034, 3, 25, 1, 30), Instant.FromUtc(2034, 3, 26, 1, 30), Instant.FromUtc(2034, 3, 27, 0, 30)],
            Starts(series));
        Assert.Equal(new LocalTime(3, 30), Starts(series)[1].InZone(Oslo).TimeOfDay);
    }

    [Fact]
    public async Task InvalidZone_AndOverTheLimit_Are400_AndWriteNothing()
    {
        using var frode = await App.ClientForAsync("frode");
        var before = (await App.FingerprintAsync(), await App.RecurrenceRuleCountAsync());
        var body = Body("Refused", "2035-01-01T09:00:00+01:00", "2035-01-01T10:00:00+01:00", ["RRULE:FREQ=DAILY;COUNT=3"], "Mars/Olympus_Mons", [new { associateId = await App.IdAsync("ingrid") }]);
        await (await frode.PostJsonAsync("/api/v1/appointments", body)).ProblemAsync(HttpStatusCode.BadRequest, "recurrence.invalid_time_zone");
        await (await frode.PostJsonAsync("/api/v1/appointments/validate", body)).ProblemAsync(HttpStatusCode.BadRequest, "recurrence.invalid_time_zone");
        var tooMany = Body("Refused", "2035-01-01T09:00:00+01:00", "2035-01-01T10:00:00+01:00", ["RRULE:FREQ=DAILY;COUNT=3001"], null, [new { associateId = await App.IdAsync("ingrid") }]);
        await (await frode.PostJsonAsync("/api/v1/appointments", tooMany)).ProblemAsync(HttpStatusCode.BadRequest, "recurrence.too_many_occurrences");
        var unbounded = Body("Refused", "2035-01-01T09:00:00+01:00", "2035-01-01T10:00:00+01:00", ["RRULE:FREQ=DAILY"], null, []);
        await (await frode.PostJsonAsync("/api/v1/appointments", unbounded)).ProblemAsync(HttpStatusCode.BadRequest, "recurrence.unbounded");
        Assert.Equal(before, (await App.FingerprintAsync(), await App.RecurrenceRuleCountAsync()));
    }

    [Fact]
    public async Task AcceptAll_ThenDeclineOneDate_ThatDateIs9_TheOthers1()
    {
        var (series, ingridId) = await CreateWithIngridAsync("Accept then decline one", "2036-01-07T09:00:00+01:00", 4);
        using var ingrid = await App.ClientForAsync("ingrid");
        var first = Occurrence(series, 0);
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{first}/accept?scope=series")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([1, 1, 1, 1], await StatusesAsync(series, ingridId));

        var third = OriginalStart(series, 2);
        var declined = await (await ingrid.PostJsonAsync($"/api/v1/appointments/{first}/decline?scope=this&occurrence={Uri.EscapeDataString(third)}", new { reason = "Dentist" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(Occurrence(series, 2), declined.GetProperty("id").GetInt32());
        Assert.Equal([1, 1, 9, 1], await StatusesAsync(series, ingridId));
    }

    [Fact]
    public async Task OwnerMovesOneDate_OnlyThatDateGoesTo6()
    {
        var (series, ingridId) = await CreateWithIngridAsync("Move one date", "2036-02-04T09:00:00+01:00", 4);
        using var ingrid = await App.ClientForAsync("ingrid");
        using var frode = await App.ClientForAsync("frode");
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 0)}/accept?scope=series")).JsonAsync(HttpStatusCode.OK);

        var moved = await (await frode.PatchJsonAsync($"/api/v1/appointments/{Occurrence(series, 1)}?scope=this",
            new { start = "2036-02-11T13:00:00+01:00", end = "2036-02-11T14:00:00+01:00" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(new DateTime(2036, 2, 11, 12, 0, 0, DateTimeKind.Utc), moved.GetProperty("start").GetDateTime());
        Assert.Equal(new DateTime(2036, 2, 11, 8, 0, 0, DateTimeKind.Utc), moved.GetProperty("originalStart").GetDateTime());
        Assert.Equal([1, 6, 1, 1], await StatusesAsync(series, ingridId));
    }

    [Fact]
    public async Task ThisAndFollowingMove_SplitsTheSeries_EarlierDatesKeepTheirAnswers()
    {
        var (series, ingridId) = await CreateWithIngridAsync("Split", "2036-03-03T09:00:00+01:00", 5);
        using var ingrid = await App.ClientForAsync("ingrid");
        using var frode = await App.ClientForAsync("frode");
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 0)}/accept?scope=series")).JsonAsync(HttpStatusCode.OK);

        // From the third date (17 March) on, 10:00 instead of 09:00.
        var moved = await (await frode.PatchJsonAsync($"/api/v1/appointments/{Occurrence(series, 2)}?scope=following",
            new { start = "2036-03-17T10:00:00+01:00", end = "2036-03-17T11:00:00+01:00" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([1, 1, 6, 6, 6], await StatusesAsync(series, ingridId));
        var newRule = moved.GetProperty("recurrenceRuleId").GetInt32();
        Assert.NotEqual(series.GetProperty("recurrenceRuleId").GetInt32(), newRule);
        Assert.Contains("COUNT=3", moved.GetProperty("recurrence")[0].GetString(), StringComparison.Ordinal);
        var early = await GetAsync(frode, Occurrence(series, 0));
        Assert.Contains("UNTIL=20360317T075959Z", early.GetProperty("recurrence")[0].GetString(), StringComparison.Ordinal);
        var later = await GetAsync(frode, Occurrence(series, 4));
        Assert.Equal(newRule, later.GetProperty("recurrenceRuleId").GetInt32());
        Assert.Equal(new LocalTime(10, 0), Instant.FromDateTimeUtc(later.GetProperty("start").GetDateTime().ToUniversalTime()).InZone(Oslo).TimeOfDay);
    }

    [Fact]
    public async Task CancelOneDate_OnlyThatDateIs10_ForEveryone()
    {
        var (series, ingridId) = await CreateWithIngridAsync("Cancel one date", "2036-04-07T09:00:00+02:00", 3);
        using var ingrid = await App.ClientForAsync("ingrid");
        using var frode = await App.ClientForAsync("frode");
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 0)}/accept?scope=series")).JsonAsync(HttpStatusCode.OK);

        var cancelled = await (await frode.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 0)}/cancel?scope=this&occurrence={Uri.EscapeDataString(OriginalStart(series, 1))}"))
            .JsonAsync(HttpStatusCode.OK);
        Assert.True(cancelled.GetProperty("cancelled").GetBoolean());
        // A cancelled date is the invitees' from then on (the owner's master row is gone): read as ingrid.
        Assert.Equal([1, 10, 1], await StatusesAsync(series, ingridId, ingrid));
        var rest = await GetAsync(frode, Occurrence(series, 2));
        Assert.False(rest.GetProperty("cancelled").GetBoolean());
        Assert.Contains(rest.GetProperty("recurrence").EnumerateArray(), l => l.GetString() == "EXDATE;TZID=Europe/Oslo:20360414T090000");
    }

    [Fact]
    public async Task StopRecurrence_FromADate_CancelsThatAndLaterDates()
    {
        var (series, ingridId) = await CreateWithIngridAsync("Stop", "2036-05-05T09:00:00+02:00", 4);
        using var frode = await App.ClientForAsync("frode");
        await (await frode.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 2)}/cancel?scope=following")).JsonAsync(HttpStatusCode.OK);
        var first = await GetAsync(frode, Occurrence(series, 0));
        Assert.False(first.GetProperty("cancelled").GetBoolean());
        Assert.Contains("UNTIL=20360519T065959Z", first.GetProperty("recurrence")[0].GetString(), StringComparison.Ordinal);
        // ingrid had not seen the later dates: her rows there are gone with the rest (the seeds' delete of unseen rows).
        var statuses = await StatusesAsync(series, ingridId, frode);
        Assert.Equal([5, 5], statuses.Take(2));
    }

    [Fact]
    public async Task Invitations_OnePerSeries_WithItsDates_AndOneNotification()
    {
        var (series, _) = await CreateWithIngridAsync("One invitation", "2036-06-02T09:00:00+02:00", 5);
        using var ingrid = await App.ClientForAsync("ingrid");
        var ruleId = series.GetProperty("recurrenceRuleId").GetInt32();
        var invitations = await (await ingrid.GetAsync("/api/v1/invitations", _ct)).JsonAsync(HttpStatusCode.OK);
        var entry = Assert.Single(invitations.EnumerateArray(), i => i.GetProperty("recurrenceRuleId").ValueKind == JsonValueKind.Number && i.GetProperty("recurrenceRuleId").GetInt32() == ruleId);
        Assert.Equal(5, entry.GetProperty("dates").GetArrayLength());
        var notifications = await (await ingrid.GetAsync("/api/v1/notifications", _ct)).JsonAsync(HttpStatusCode.OK);
        var seriesIds = Enumerable.Range(0, 5).Select(i => Occurrence(series, i)).ToHashSet();
        Assert.Single(notifications.EnumerateArray(), n => seriesIds.Contains(n.GetProperty("appointmentId").GetInt32()));

        // Seen applies to the series; then accepting one date leaves the other four open.
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 0)}/seen")).JsonAsync(HttpStatusCode.OK);
        var date = entry.GetProperty("dates")[3].GetProperty("originalStart").GetDateTime();
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 0)}/accept?scope=this&occurrence={date:yyyy-MM-ddTHH:mm:ssZ}")).JsonAsync(HttpStatusCode.OK);
        invitations = await (await ingrid.GetAsync("/api/v1/invitations", _ct)).JsonAsync(HttpStatusCode.OK);
        entry = Assert.Single(invitations.EnumerateArray(), i => i.GetProperty("recurrenceRuleId").ValueKind == JsonValueKind.Number && i.GetProperty("recurrenceRuleId").GetInt32() == ruleId);
        Assert.Equal([7, 7, 7, 7], entry.GetProperty("dates").EnumerateArray().Select(d => d.GetProperty("statusCode").GetInt32()));
    }

    [Fact]
    public async Task Validate_ListsEveryDateWithItsConflicts_WithoutSaving()
    {
        using var frode = await App.ClientForAsync("frode");
        var roomId = await App.IdAsync("Room Fjord");
        await CreateAsync(frode, "Room taken", "2036-07-15T09:00:00+02:00", "2036-07-15T10:00:00+02:00", [], participants: [new { associateId = roomId }]);
        var before = await App.FingerprintAsync();
        var body = Body("Weekly in the room", "2036-07-01T09:30:00+02:00", "2036-07-01T10:30:00+02:00", ["RRULE:FREQ=WEEKLY;COUNT=4"], null, [new { associateId = roomId }]);
        var validated = await (await frode.PostJsonAsync("/api/v1/appointments/validate", body)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(before, await App.FingerprintAsync());
        Assert.Equal(4, validated.GetProperty("count").GetInt32());
        Assert.Equal([false, false, true, false], validated.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("conflict").GetBoolean()));
        // frode owns the other booking too, so both he and the room are busy then.
        Assert.Equal(["Frode Nilsen", "Room Fjord"], validated.GetProperty("occurrences")[2].GetProperty("conflicts").EnumerateArray().Select(c => c.GetString()).Order());

        var created = await (await frode.PostJsonAsync("/api/v1/appointments", body)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal([false, false, true, false], created.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("conflict").GetBoolean()));
    }

    [Fact]
    public async Task PrivateSeries_ShowsAsBusyOnly_ToOthers()
    {
        using var frode = await App.ClientForAsync("frode");
        var body = Body("Secret weekly", "2036-08-04T09:00:00+02:00", "2036-08-04T10:00:00+02:00", ["RRULE:FREQ=WEEKLY;COUNT=3"], null, []);
        var created = await (await frode.PostJsonAsync("/api/v1/appointments", new Dictionary<string, object?>(body) { ["private"] = true })).JsonAsync(HttpStatusCode.Created);
        using var kari = await App.ClientForAsync("kari");
        var frodeId = await App.IdAsync("frode");
        var diary = await (await kari.GetAsync($"/api/v1/diary?from=2036-08-01T00:00:00Z&to=2036-08-30T00:00:00Z&associateId={frodeId}", _ct)).JsonAsync(HttpStatusCode.OK);
        var entries = diary.EnumerateArray().Where(e => e.GetProperty("start").GetDateTime().Hour == 7).ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.True(e.GetProperty("busyOnly").GetBoolean());
            Assert.Equal(JsonValueKind.Null, e.GetProperty("title").ValueKind);
        });
        await (await kari.GetAsync($"/api/v1/appointments/{Occurrence(created, 1)}", _ct)).ProblemAsync(HttpStatusCode.NotFound, "appointment.not_found");
    }

    [Fact]
    public async Task ThisAndFollowing_MovedToAnotherWeekday_OnlyMovedDatesLoseTheirAnswers()
    {
        var (series, ingridId) = await CreateWithIngridAsync("Weekday shift", "2037-03-02T09:00:00+01:00", 6);
        using var ingrid = await App.ClientForAsync("ingrid");
        using var frode = await App.ClientForAsync("frode");
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{Occurrence(series, 0)}/accept?scope=series")).JsonAsync(HttpStatusCode.OK);

        // From the fourth date (Monday 23 March) on: Tuesdays at 10:00, across the change to summer time on 29 March.
        var moved = await (await frode.PatchJsonAsync($"/api/v1/appointments/{Occurrence(series, 3)}?scope=following",
            new { start = "2037-03-24T10:00:00+01:00", end = "2037-03-24T11:00:00+01:00" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([1, 1, 1, 6, 6, 6], await StatusesAsync(series, ingridId));
        Assert.Equal("RRULE:FREQ=WEEKLY;COUNT=3", moved.GetProperty("recurrence")[0].GetString()); // the weekday comes from DTSTART
        var later = new List<LocalDateTime>();
        for (var i = 3; i < 6; i++)
        {
            var occurrence = await GetAsync(frode, Occurrence(series, i));
            later.Add(Instant.FromDateTimeUtc(occurrence.GetProperty("start").GetDateTime().ToUniversalTime()).InZone(Oslo).LocalDateTime);
            // The new rule generates the date: its RECURRENCE-ID is the new start.
            Assert.Equal(occurrence.GetProperty("start").GetDateTime(), occurrence.GetProperty("originalStart").GetDateTime());
        }

        Assert.Equal([new LocalDateTime(2037, 3, 24, 10, 0), new LocalDateTime(2037, 3, 31, 10, 0), new LocalDateTime(2037, 4, 7, 10, 0)], later);
        var early = await GetAsync(frode, Occurrence(series, 2));
        Assert.Equal(new LocalDateTime(2037, 3, 16, 9, 0), Instant.FromDateTimeUtc(early.GetProperty("start").GetDateTime().ToUniversalTime()).InZone(Oslo).LocalDateTime);
    }

    [Fact]
    public async Task WholeSeries_MovedToAnotherWeekday_KeepsOneRule_AndEveryDateMoves()
    {
        using var frode = await App.ClientForAsync("frode");
        var series = await CreateAsync(frode, "Weekday shift all", "2037-05-04T09:00:00+02:00", "2037-05-04T09:30:00+02:00",
            ["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4", "EXDATE;TZID=Europe/Oslo:20370511T090000"], timeZone: "Europe/Oslo");
        Assert.Equal(3, Starts(series).Count);
        var moved = await (await frode.PatchJsonAsync($"/api/v1/appointments/{Occurrence(series, 0)}?scope=series",
            new { start = "2037-05-06T14:00:00+02:00", end = "2037-05-06T14:30:00+02:00" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(series.GetProperty("recurrenceRuleId").GetInt32(), moved.GetProperty("recurrenceRuleId").GetInt32());
        var lines = moved.GetProperty("recurrence").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Contains("RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=4", lines);
        Assert.Contains("EXDATE;TZID=Europe/Oslo:20370513T140000", lines);
        var starts = new List<LocalDateTime>();
        for (var i = 0; i < 3; i++)
        {
            starts.Add(Instant.FromDateTimeUtc((await GetAsync(frode, Occurrence(series, i))).GetProperty("start").GetDateTime().ToUniversalTime()).InZone(Oslo).LocalDateTime);
        }

        Assert.Equal([new LocalDateTime(2037, 5, 6, 14, 0), new LocalDateTime(2037, 5, 20, 14, 0), new LocalDateTime(2037, 5, 27, 14, 0)], starts);
    }

    [Fact]
    public async Task DayShift_OfARuleThatPicksDaysOfTheMonth_IsRefused_AndChangesNothing()
    {
        using var frode = await App.ClientForAsync("frode");
        var series = await CreateAsync(frode, "Monthly shift", "2037-06-26T10:00:00+02:00", "2037-06-26T11:00:00+02:00",
            ["RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3"], timeZone: "Europe/Oslo");
        var before = await App.FingerprintAsync();
        await (await frode.PatchJsonAsync($"/api/v1/appointments/{Occurrence(series, 0)}?scope=series",
            new { start = "2037-06-25T10:00:00+02:00", end = "2037-06-25T11:00:00+02:00" })).ProblemAsync(HttpStatusCode.BadRequest, "recurrence.following_day_shift");
        Assert.Equal(before, await App.FingerprintAsync());
    }

    [Fact]
    public async Task SeriesConflicts_CountTravelTime_TheSeriesOwnAndTheOtherBookings()
    {
        using var frode = await App.ClientForAsync("frode");
        // Other bookings of frode: 10:00–11:00 on 12 January (no travel), 10:30–11:00 on 19 January with an hour of
        // travel before it (it blocks from 09:30).
        await CreateAsync(frode, "Travel other 1", "2038-01-12T10:00:00+01:00", "2038-01-12T11:00:00+01:00", []);
        await (await frode.PostJsonAsync("/api/v1/appointments", new Dictionary<string, object?>(Body("Travel other 2", "2038-01-19T10:30:00+01:00", "2038-01-19T11:00:00+01:00", [], null, []))
        {
            ["leadTime"] = "PT1H",
        })).JsonAsync(HttpStatusCode.Created);

        // Weekly 09:00–09:45 with 30 minutes of travel after: 12 January blocks until 10:15 (own travel), 19 January
        // meets the other booking's travel, 5 and 26 January are free.
        var body = new Dictionary<string, object?>(Body("Travel weekly", "2038-01-05T09:00:00+01:00", "2038-01-05T09:45:00+01:00", ["RRULE:FREQ=WEEKLY;COUNT=4"], "Europe/Oslo", []))
        {
            ["lagTime"] = "PT30M",
        };

        // Without travel of its own only the other booking's travel counts.
        var plain = Body("Travel weekly plain", "2038-01-05T09:00:00+01:00", "2038-01-05T09:45:00+01:00", ["RRULE:FREQ=WEEKLY;COUNT=4"], "Europe/Oslo", []);
        var without = await (await frode.PostJsonAsync("/api/v1/appointments/validate", plain)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([false, false, true, false], without.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("conflict").GetBoolean()));

        var validated = await (await frode.PostJsonAsync("/api/v1/appointments/validate", body)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([false, true, true, false], validated.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("conflict").GetBoolean()));
        var created = await (await frode.PostJsonAsync("/api/v1/appointments", body)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal([false, true, true, false], created.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("conflict").GetBoolean()));
    }

    private async Task<(JsonElement Series, int IngridId)> CreateWithIngridAsync(string title, string start, int count)
    {
        using var frode = await App.ClientForAsync("frode");
        var ingridId = await App.IdAsync("ingrid");
        var from = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        var series = await CreateAsync(frode, title, from.Iso(), from.AddHours(1).Iso(),
            [$"RRULE:FREQ=WEEKLY;COUNT={count}"], timeZone: "Europe/Oslo", participants: [new { associateId = ingridId }]);
        return (series, ingridId);
    }

    private async Task<List<int>> StatusesAsync(JsonElement series, int associateId, HttpClient? viewer = null)
    {
        using var frode = viewer is null ? await App.ClientForAsync("frode") : null;
        var client = viewer ?? frode!;
        var statuses = new List<int>();
        foreach (var occurrence in series.GetProperty("occurrences").EnumerateArray())
        {
            var response = await client.GetAsync($"/api/v1/appointments/{occurrence.GetProperty("appointmentId").GetInt32()}", _ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                continue; // a cancelled date nobody had seen is gone entirely
            }

            var meeting = await response.JsonAsync(HttpStatusCode.OK);
            var row = meeting.GetProperty("participants").EnumerateArray()
                .Where(p => p.GetProperty("associateId").ValueKind == JsonValueKind.Number && p.GetProperty("associateId").GetInt32() == associateId)
                .Select(p => p.GetProperty("statusCode").GetInt32())
                .ToList();
            if (row.Count == 1)
            {
                statuses.Add(row[0]);
            }
        }

        return statuses;
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, string title, string start, string end, string[] recurrence, string? timeZone = null, object[]? participants = null) =>
        await (await client.PostJsonAsync("/api/v1/appointments", Body(title, start, end, recurrence, timeZone, participants ?? []))).JsonAsync(HttpStatusCode.Created);

    private async Task<JsonElement> GetAsync(HttpClient client, int id) =>
        await (await client.GetAsync($"/api/v1/appointments/{id}", _ct)).JsonAsync(HttpStatusCode.OK);

    private static Dictionary<string, object?> Body(string title, string start, string end, string[] recurrence, string? timeZone, object[] participants) => new()
    {
        ["title"] = title,
        ["start"] = start,
        ["end"] = end,
        ["recurrence"] = recurrence,
        ["timeZone"] = timeZone,
        ["participants"] = participants,
    };

    private static List<Instant> Starts(JsonElement series) =>
        series.GetProperty("occurrences").EnumerateArray().Select(o => Instant.FromDateTimeUtc(o.GetProperty("start").GetDateTime().ToUniversalTime())).ToList();

    private static int Occurrence(JsonElement series, int index) =>
        series.GetProperty("occurrences")[index].GetProperty("appointmentId").GetInt32();

    private static string OriginalStart(JsonElement series, int index) =>
        series.GetProperty("occurrences")[index].GetProperty("originalStart").GetString()!;
}

public sealed class SeriesTests_Sqlite(ConveneApp app) : SeriesTests(app), IClassFixture<ConveneApp>;

public sealed class SeriesTests_Postgres(PostgresConveneApp app) : SeriesTests(app), IClassFixture<PostgresConveneApp>;
