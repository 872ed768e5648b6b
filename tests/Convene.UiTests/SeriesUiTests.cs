using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Convene.UiTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Convene.UiTests;

/// <summary>
/// Repeating meetings in the browser (issue 7): the Repeat control with its conflict review, "this date" moves and
/// cancels, and a series invitation answered date by date in the panel. Every scenario has its own month of 2032 and
/// its own title, so the order xUnit picks does not matter; the API is the independent check.
/// </summary>
public sealed class SeriesUiTests(BrowserApp app) : BrowserTestBase(app), IClassFixture<BrowserApp>
{
    private static ILocator Event(IPage page, string title) => page.Locator(".fc-timegrid-event", new() { HasText = title }).First;

    private static ILocator Attendee(IPage page, string name) => page.Locator($"#follow-up tr[data-name=\"{name}\"]");

    /// <summary>A weekly series through the API: <paramref name="count"/> Mondays at 09:00 Oslo time, with ingrid.</summary>
    private async Task<JsonElement> CreateSeriesAsync(string title, string start, int count)
    {
        var from = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture);
        using var frode = await App.Server.ClientForAsync("frode");
        var response = await frode.PostAsJsonAsync("/api/v1/appointments", new
        {
            title,
            start = from.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            end = from.AddHours(1).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            timeZone = "Europe/Oslo",
            recurrence = new[] { $"RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT={count}" },
            participants = new[] { new { associateId = await App.Server.IdAsync("ingrid") } },
        });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<int> Ids(JsonElement series) =>
        series.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("appointmentId").GetInt32()).ToList();

    /// <summary>frode's dates of a title in a range, by start (UTC), as the API lists them.</summary>
    private async Task<List<JsonElement>> DatesAsync(string title, string from, string to)
    {
        using var frode = await App.Server.ClientForAsync("frode");
        var diary = await frode.GetFromJsonAsync<JsonElement>($"/api/v1/diary?from={from}&to={to}");
        return diary.EnumerateArray().Where(e => e.GetProperty("title").GetString() == title).OrderBy(e => e.GetProperty("start").GetDateTime()).ToList();
    }

    /// <summary>ingrid's status code on each date, read as ingrid (a cancelled date is no longer the owner's).</summary>
    private async Task<List<int>> IngridStatusesAsync(IEnumerable<int> ids)
    {
        var ingridId = await App.Server.IdAsync("ingrid");
        var statuses = new List<int>();
        foreach (var id in ids)
        {
            var meeting = await App.AppointmentAsync("ingrid", id);
            statuses.Add(meeting.GetProperty("participants").EnumerateArray()
                .Single(p => p.GetProperty("associateId").ValueKind == JsonValueKind.Number && p.GetProperty("associateId").GetInt32() == ingridId)
                .GetProperty("statusCode").GetInt32());
        }

        return statuses;
    }

    private async Task IngridAcceptsAllAsync(int id)
    {
        using var ingrid = await App.Server.ClientForAsync("ingrid");
        (await ingrid.PostAsync($"/api/v1/appointments/{id}/accept?scope=series", content: null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    /// <summary>kari books Room Fjord for an hour from <paramref name="start"/>: a conflict for the series on that date.</summary>
    private async Task RoomFjordTakenAsync(string start) =>
        await App.CreateAsync("kari", new
        {
            title = "Fjord taken",
            start,
            end = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture).AddHours(1).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            participants = new[] { new { associateId = await App.Server.IdAsync("Room Fjord") } },
        });

    private static async Task AddRoomFjordAsync(IPage page)
    {
        await page.Locator("#fu-search").FillAsync("fjord");
        await page.Locator("#fu-results li[role=option]", new() { HasText = "Room Fjord" }).ClickAsync();
        await Expect(Attendee(page, "Room Fjord")).ToBeVisibleAsync();
    }

    private static DateTime Utc(JsonElement e, string name) => e.GetProperty(name).GetDateTime().ToUniversalTime();

    [Fact]
    public async Task Frode_books_a_weekly_series_with_the_Repeat_control_after_reviewing_a_conflicting_date()
    {
        // Room Fjord is taken on the third Monday (19 January 2032, 09:30–10:30)
        await RoomFjordTakenAsync("2032-01-19T09:30:00+01:00");
        var frode = await App.SignInAsync("frode", "date=2032-01-05&view=timeGridWeek");
        await NewFollowUpAsync(frode, "Weekly planning", "2032-01-05T09:00", "2032-01-05T10:00");
        await AddRoomFjordAsync(frode);

        // Repeat: weekly on the start's weekday (Monday), ending after 4 times
        await frode.Locator("#fu-repeat").SelectOptionAsync("weekly");
        await Expect(frode.Locator("#fu-repeat-day-1")).ToBeCheckedAsync();
        await frode.Locator("#fu-repeat-count").FillAsync("4");
        await Expect(frode.Locator("#fu-repeat-summary")).ToHaveTextAsync("Weekly on Monday, 4 times");

        // before saving, the dates with conflicts (the seeds' ValidateDays): one of four, the room
        await frode.Locator("#fu-save").ClickAsync();
        await Expect(frode.Locator("#fu-review")).ToContainTextAsync("1 of 4 dates have conflicts");
        await Expect(frode.Locator("#fu-review-dates li")).ToHaveCountAsync(1);
        await Expect(frode.Locator("#fu-review-dates li").First).ToContainTextAsync("Room Fjord");
        await Expect(frode.Locator("#fu-review-dates li").First).ToHaveAttributeAsync("data-start", "2032-01-19T08:00:00Z");
        await frode.Locator("#follow-up").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("repeat-control.png") });
        await frode.Locator("#fu-book-anyway").ClickAsync();
        await Expect(frode.Locator("#follow-up")).ToBeHiddenAsync();
        await Expect(frode.Locator(".toast")).ToContainTextAsync("4 dates, 1 with a conflict");

        // the API: four Mondays at 09:00 Oslo (08:00Z), one rule, kept in Europe/Oslo
        var dates = await DatesAsync("Weekly planning", "2032-01-01T00:00:00Z", "2032-03-01T00:00:00Z");
        Assert.Equal(
            [new DateTime(2032, 1, 5, 8, 0, 0, DateTimeKind.Utc), new DateTime(2032, 1, 12, 8, 0, 0, DateTimeKind.Utc), new DateTime(2032, 1, 19, 8, 0, 0, DateTimeKind.Utc), new DateTime(2032, 1, 26, 8, 0, 0, DateTimeKind.Utc)],
            dates.Select(d => Utc(d, "start")).ToList());
        var first = await App.AppointmentAsync("frode", dates[0].GetProperty("appointmentId").GetInt32());
        Assert.Equal("Europe/Oslo", first.GetProperty("timeZone").GetString());
        Assert.Equal(["RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4"], first.GetProperty("recurrence").EnumerateArray().Select(l => l.GetString()));
        await frode.Context.CloseAsync();
    }

    [Fact]
    public async Task Frode_drags_one_date_and_chooses_This_date_so_only_that_date_moves()
    {
        var series = await CreateSeriesAsync("Drag one date", "2032-02-02T09:00:00+01:00", 3);
        var ids = Ids(series);
        var frode = await App.SignInAsync("frode", "date=2032-02-09&view=timeGridWeek");
        await BrowserApp.DragAsync(frode, Event(frode, "Drag one date"), "09:00:00", "13:00:00");
        await Expect(frode.Locator("#scope-dialog")).ToBeVisibleAsync();
        await Expect(frode.Locator("#scope-dialog h2")).ToHaveTextAsync("Move which dates?");
        await frode.Locator("#scope-this").ClickAsync();
        await Expect(frode.Locator(".toast")).ToContainTextAsync("Moved");

        // only the second date moved (to the 13:00 row, its hour kept); it keeps its original start
        var moved = await App.AppointmentAsync("frode", ids[1]);
        var start = Utc(moved, "start");
        Assert.Equal(new DateTime(2032, 2, 9, 12, 0, 0, DateTimeKind.Utc), start.AddMinutes(-start.Minute));
        Assert.Equal(new DateTime(2032, 2, 9, 8, 0, 0, DateTimeKind.Utc), Utc(moved, "originalStart"));
        Assert.Equal(new DateTime(2032, 2, 2, 8, 0, 0, DateTimeKind.Utc), Utc(await App.AppointmentAsync("frode", ids[0]), "start"));
        Assert.Equal(new DateTime(2032, 2, 16, 8, 0, 0, DateTimeKind.Utc), Utc(await App.AppointmentAsync("frode", ids[2]), "start"));

        // opened, the date says it belongs to a series and was moved
        await Event(frode, "Drag one date").ClickAsync();
        await Expect(frode.Locator("#fu-series-summary")).ToHaveTextAsync("Weekly on Monday, 3 times");
        await Expect(frode.Locator("#fu-series")).ToContainTextAsync("moved from");
        await frode.Context.CloseAsync();
    }

    [Fact]
    public async Task Ingrid_declines_one_date_and_accepts_the_others_in_the_invitation_panel()
    {
        var series = await CreateSeriesAsync("Answer by date", "2032-03-01T09:00:00+01:00", 4);
        var ruleId = series.GetProperty("recurrenceRuleId").GetInt32();
        var ingrid = await App.SignInAsync("ingrid", "date=2032-03-01&view=timeGridWeek");
        await ingrid.Locator("#bell").ClickAsync();
        var invitation = ingrid.Locator($"#invitation-list li[data-rule-id=\"{ruleId}\"]");
        await Expect(invitation).ToContainTextAsync("4 of 4 dates to answer");

        // Show repetitions: every date, each answerable alone; decline the third
        await invitation.Locator("button[data-action=show-dates]").ClickAsync();
        await Expect(invitation.Locator("li.inv-date")).ToHaveCountAsync(4);
        await invitation.Locator("li.inv-date[data-start=\"2032-03-15T08:00:00Z\"] button[data-action=decline-date]").ClickAsync();
        await Expect(invitation.Locator("li.inv-date[data-start=\"2032-03-15T08:00:00Z\"]")).ToHaveAttributeAsync("data-status", "Declined");
        await invitation.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("series-invitation.png") });

        // "Accept all" now accepts the open dates only, not the one declined on purpose
        await Expect(invitation.Locator("button[data-action=accept-all]")).ToContainTextAsync("Accept the 3 open dates");
        await invitation.Locator("button[data-action=accept-all]").ClickAsync();
        await Expect(invitation).ToHaveCountAsync(0);
        Assert.Equal([1, 1, 9, 1], await IngridStatusesAsync(Ids(series)));
        await ingrid.Context.CloseAsync();
    }

    [Fact]
    public async Task Frode_cancels_one_date_of_a_series_from_its_dialog()
    {
        var series = await CreateSeriesAsync("Cancel one date", "2032-04-05T09:00:00+02:00", 3);
        var ids = Ids(series);
        await IngridAcceptsAllAsync(ids[0]);

        var frode = await App.SignInAsync("frode", "date=2032-04-12&view=timeGridWeek");
        await Event(frode, "Cancel one date").ClickAsync();
        await Expect(frode.Locator("#fu-series-summary")).ToHaveTextAsync("Weekly on Monday, 3 times");
        await frode.Locator("#fu-cancel-meeting").ClickAsync();
        await Expect(frode.Locator("#scope-dialog h2")).ToHaveTextAsync("Cancel which dates?");
        await frode.Locator("#scope-this").ClickAsync();
        await Expect(frode.Locator("#follow-up")).ToBeHiddenAsync();
        await Expect(Event(frode, "Cancel one date")).ToHaveCountAsync(0);

        // only that date is cancelled (10) for ingrid; the others stay accepted
        Assert.Equal([1, 10, 1], await IngridStatusesAsync(ids));
        await frode.Context.CloseAsync();
    }

    [Fact]
    public async Task Ingrid_accepts_all_dates_in_the_dialog_then_declines_one_date()
    {
        var series = await CreateSeriesAsync("Accept then decline", "2032-05-03T09:00:00+02:00", 3);
        var ids = Ids(series);
        var ingrid = await App.SignInAsync("ingrid", "date=2032-05-03&view=timeGridWeek");
        await Event(ingrid, "Accept then decline").ClickAsync();
        await Expect(ingrid.Locator("#fu-series-summary")).ToHaveTextAsync("Weekly on Monday, 3 times");
        await ingrid.Locator("#fu-accept").ClickAsync();
        await Expect(ingrid.Locator("#scope-dialog h2")).ToHaveTextAsync("Accept which dates?");
        await Expect(ingrid.Locator("#scope-following")).ToHaveCountAsync(0);
        await ingrid.Locator("#scope-series").ClickAsync();
        await Expect(ingrid.Locator(".your-answer")).ToContainTextAsync("Accepted");
        Assert.Equal([1, 1, 1], await IngridStatusesAsync(ids));
        await ingrid.Keyboard.PressAsync("Escape");
        await Expect(ingrid.Locator("#follow-up")).ToBeHiddenAsync();

        // the second date: declined alone, with a reason
        await ingrid.Locator(".fc-next-button").ClickAsync();
        await Event(ingrid, "Accept then decline").ClickAsync();
        await ingrid.Locator("#fu-decline").ClickAsync();
        await ingrid.Locator("#fu-reason").FillAsync("Trade fair");
        await ingrid.Locator("#fu-confirm-decline").ClickAsync();
        await ingrid.Locator("#scope-this").ClickAsync();
        await Expect(ingrid.Locator(".your-answer")).ToContainTextAsync("Declined");
        Assert.Equal([1, 9, 1], await IngridStatusesAsync(ids));
        await ingrid.Context.CloseAsync();
    }

    [Fact]
    public async Task Frode_moves_this_and_following_dates_to_10_in_the_dialog_and_the_earlier_dates_keep_their_answers()
    {
        var series = await CreateSeriesAsync("Later from June", "2032-06-07T09:00:00+02:00", 4);
        var ids = Ids(series);
        await IngridAcceptsAllAsync(ids[0]);

        var frode = await App.SignInAsync("frode", "date=2032-06-21&view=timeGridWeek");
        await Event(frode, "Later from June").ClickAsync();
        await frode.Locator("#fu-start").FillAsync("2032-06-21T10:00");
        await frode.Locator("#fu-end").FillAsync("2032-06-21T11:00");
        await frode.Locator("#fu-save").ClickAsync();
        await Expect(frode.Locator("#scope-dialog h2")).ToHaveTextAsync("Move which dates?");
        await frode.Locator("#scope-following").ClickAsync();
        await Expect(frode.Locator("#follow-up")).ToBeHiddenAsync();

        // 21 and 28 June at 10:00 (08:00Z) and asked again (6); 7 and 14 June untouched and still accepted
        var starts = new List<DateTime>();
        foreach (var id in ids)
        {
            starts.Add(Utc(await App.AppointmentAsync("frode", id), "start"));
        }

        Assert.Equal(
            [new DateTime(2032, 6, 7, 7, 0, 0, DateTimeKind.Utc), new DateTime(2032, 6, 14, 7, 0, 0, DateTimeKind.Utc), new DateTime(2032, 6, 21, 8, 0, 0, DateTimeKind.Utc), new DateTime(2032, 6, 28, 8, 0, 0, DateTimeKind.Utc)],
            starts);
        Assert.Equal([1, 1, 6, 6], await IngridStatusesAsync(ids));

        // a weekly series may move to another weekday from a date on (ADR 0021): all three are offered; Back changes nothing
        await Event(frode, "Later from June").ClickAsync();
        await frode.Locator("#fu-start").FillAsync("2032-06-22T10:00");
        await frode.Locator("#fu-end").FillAsync("2032-06-22T11:00");
        await frode.Locator("#fu-save").ClickAsync();
        await Expect(frode.Locator("#scope-following")).ToBeVisibleAsync();
        await frode.Locator("#scope-back").ClickAsync();
        await Expect(frode.Locator("#scope-dialog")).ToHaveCountAsync(0);
        await Expect(frode.Locator("#follow-up")).ToBeVisibleAsync();
        Assert.Equal(new DateTime(2032, 6, 21, 8, 0, 0, DateTimeKind.Utc), Utc(await App.AppointmentAsync("frode", ids[2]), "start"));
        await frode.Context.CloseAsync();
    }

    /// <summary>Opens a new follow-up with a title and times (Oslo wall-clock, as the inputs show them).</summary>
    private static async Task NewFollowUpAsync(IPage page, string title, string start, string end)
    {
        await page.Locator("#new-follow-up").ClickAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.Locator("#fu-start").FillAsync(start);
        await page.Locator("#fu-end").FillAsync(end);
    }

    [Fact]
    public async Task Frode_books_a_monthly_last_Friday_series_ending_on_a_date_and_leaves_out_the_date_with_a_conflict()
    {
        await RoomFjordTakenAsync("2032-08-27T10:00:00+02:00");
        var frode = await App.SignInAsync("frode", "date=2032-07-26&view=timeGridWeek");
        await NewFollowUpAsync(frode, "Last Friday review", "2032-07-30T10:00", "2032-07-30T11:00");
        await AddRoomFjordAsync(frode);
        await frode.Locator("#fu-repeat").SelectOptionAsync("monthly");
        await frode.Locator("#fu-repeat-monthly").SelectOptionAsync("last");
        await frode.Locator("#fu-repeat-until").FillAsync("2032-10-31");
        await Expect(frode.Locator("#fu-repeat-end-until")).ToBeCheckedAsync();
        await Expect(frode.Locator("#fu-repeat-summary")).ToHaveTextAsync("Monthly on the last Friday, until 31 Oct 2032");

        await frode.Locator("#fu-save").ClickAsync();
        await Expect(frode.Locator("#fu-review")).ToContainTextAsync("1 of 4 dates have conflicts");
        await frode.Locator("#fu-review-dates li[data-start=\"2032-08-27T08:00:00Z\"] input.skip").CheckAsync();
        await Expect(frode.Locator("#fu-book-anyway")).ToHaveTextAsync("Book 3 dates");
        await frode.Locator("#fu-book-anyway").ClickAsync();
        await Expect(frode.Locator("#follow-up")).ToBeHiddenAsync();
        await Expect(frode.Locator(".toast")).ToContainTextAsync("3 dates");

        // the last Friday of July, September and October at 10:00 Oslo; August left out with an EXDATE
        var dates = await DatesAsync("Last Friday review", "2032-07-01T00:00:00Z", "2032-12-01T00:00:00Z");
        Assert.Equal(
            [new DateTime(2032, 7, 30, 8, 0, 0, DateTimeKind.Utc), new DateTime(2032, 9, 24, 8, 0, 0, DateTimeKind.Utc), new DateTime(2032, 10, 29, 8, 0, 0, DateTimeKind.Utc)],
            dates.Select(d => Utc(d, "start")).ToList());
        var first = await App.AppointmentAsync("frode", dates[0].GetProperty("appointmentId").GetInt32());
        Assert.Equal(
            ["RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20321031T225959Z", "EXDATE;TZID=Europe/Oslo:20320827T100000"],
            first.GetProperty("recurrence").EnumerateArray().Select(l => l.GetString()));

        // the last Friday of each month cannot move to another weekday together: only this date is offered
        await frode.GotoAsync("/#date=2032-09-20&view=timeGridWeek");
        await frode.ReloadAsync();
        await Event(frode, "Last Friday review").ClickAsync();
        await Expect(frode.Locator("#fu-series-summary")).ToHaveTextAsync("Monthly on the last Friday, until 31 Oct 2032, except 1 date");
        await frode.Locator("#fu-start").FillAsync("2032-09-23T10:00");
        await frode.Locator("#fu-end").FillAsync("2032-09-23T11:00");
        await frode.Locator("#fu-save").ClickAsync();
        await Expect(frode.Locator("#scope-this")).ToBeVisibleAsync();
        await Expect(frode.Locator("#scope-following")).ToHaveCountAsync(0);
        await frode.Locator("#scope-back").ClickAsync();
        await frode.Context.CloseAsync();
    }

    [Fact]
    public async Task Frode_books_a_meeting_on_chosen_dates()
    {
        var frode = await App.SignInAsync("frode", "date=2032-08-02&view=timeGridWeek");
        await NewFollowUpAsync(frode, "Chosen dates", "2032-08-02T14:00", "2032-08-02T15:00");
        await frode.Locator("#fu-repeat").SelectOptionAsync("custom");
        foreach (var date in new[] { "2032-08-20", "2032-08-05" })
        {
            await frode.Locator("#fu-repeat-date").FillAsync(date);
            await frode.Locator("#fu-repeat-add").ClickAsync();
        }

        await Expect(frode.Locator("#fu-repeat-dates li")).ToHaveCountAsync(2);
        await Expect(frode.Locator("#fu-repeat-summary")).ToHaveTextAsync("On 3 dates: 2 Aug 2032, 5 Aug 2032 and 20 Aug 2032");
        await frode.Locator("#fu-save").ClickAsync();
        await Expect(frode.Locator("#follow-up")).ToBeHiddenAsync();

        var dates = await DatesAsync("Chosen dates", "2032-08-01T00:00:00Z", "2032-09-01T00:00:00Z");
        Assert.Equal(
            [new DateTime(2032, 8, 2, 12, 0, 0, DateTimeKind.Utc), new DateTime(2032, 8, 5, 12, 0, 0, DateTimeKind.Utc), new DateTime(2032, 8, 20, 12, 0, 0, DateTimeKind.Utc)],
            dates.Select(d => Utc(d, "start")).ToList());
        await frode.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_375_px_phone_the_Repeat_control_fits_without_scrolling_sideways()
    {
        var page = await App.SignInAsync("kari", "date=2032-09-06", width: 375);
        await page.Locator("#new-follow-up").ClickAsync();
        foreach (var frequency in new[] { "weekly", "monthly", "custom" })
        {
            await page.Locator("#fu-repeat").SelectOptionAsync(frequency);
            await Expect(page.Locator("#fu-repeat-summary")).Not.ToBeEmptyAsync();
            var box = await page.Locator("#fu-repeat-box").BoundingBoxAsync();
            Assert.True(box!.X >= 0 && box.X + box.Width <= 375, $"{frequency}: the Repeat control spans {box.X}–{box.X + box.Width} px");
            Assert.True(await page.EvaluateAsync<bool>("() => { const b = document.querySelector('#follow-up .fu-body'); return b.scrollWidth <= b.clientWidth; }"), $"{frequency}: the dialog scrolls sideways");
        }

        await page.Context.CloseAsync();
    }
}
