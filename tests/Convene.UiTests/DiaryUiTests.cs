using System.Globalization;
using System.Text.Json;
using Convene.IntegrationTests.Infrastructure;
using Convene.UiTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Convene.UiTests;

/// <summary>
/// The issue's browser scenarios against the real server in headless Chromium: two and three signed-in users in
/// separate browser contexts, updates arriving without reloads.
/// </summary>
public sealed class DiaryUiTests(BrowserApp app, ITestOutputHelper output) : BrowserTestBase(app), IClassFixture<BrowserApp>
{
    private static ILocator Event(IPage page, string title) => page.Locator(".fc-timegrid-event", new() { HasText = title }).First;

    private static ILocator Attendee(IPage page, string name) => page.Locator($"#follow-up tr[data-name=\"{name}\"]");

    private static ILocator Note(IPage page, string kind) => page.Locator($"#notification-list li[data-kind=\"{kind}\"]");

    private static async Task AddParticipantAsync(IPage page, string search, string name)
    {
        await page.Locator("#fu-search").FillAsync(search);
        await page.Locator("#fu-results li[role=option]", new() { HasText = name }).ClickAsync();
        await Expect(Attendee(page, name)).ToBeVisibleAsync();
    }

    private static async Task FillNewFollowUpAsync(IPage page, string title, string start, string end)
    {
        await page.Locator("#new-follow-up").ClickAsync();
        await Expect(page.Locator("#follow-up")).ToBeVisibleAsync();
        await Expect(page.Locator("#fu-title")).ToBeFocusedAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.Locator("#fu-start").FillAsync(start);
        await page.Locator("#fu-end").FillAsync(end);
    }

    [Fact]
    public async Task Frode_invites_ingrid_who_opens_accepts_and_declines_live_while_frode_moves_the_meeting()
    {
        await App.ClearNotificationsAsync("ingrid", "frode", "kari");
        var ingrid = await App.SignInAsync("ingrid");
        var frode = await App.SignInAsync("frode");
        await Expect(ingrid.Locator("#bell")).ToHaveAttributeAsync("data-count", "0");

        // frode books from the week view: ingrid, kari, Frantz Olsen (external) and Room Fjord
        await FillNewFollowUpAsync(frode, "Budget review", "2030-01-08T10:00", "2030-01-08T11:00");
        await frode.GetByLabel("Location").FillAsync("Fjord");
        await AddParticipantAsync(frode, "ingr", "Ingrid Solberg");
        await AddParticipantAsync(frode, "kari", "Kari Lunde");
        await AddParticipantAsync(frode, "nordic", "Frantz Olsen");
        await AddParticipantAsync(frode, "fjord", "Room Fjord");
        await frode.Locator("#fu-save").ClickAsync();
        await Expect(frode.Locator("#follow-up")).ToBeHiddenAsync();
        await Expect(Event(frode, "Budget review")).ToBeVisibleAsync();
        var id = int.Parse(await Event(frode, "Budget review").GetAttributeAsync("data-appointment-id") ?? "0", CultureInfo.InvariantCulture);
        Assert.True(id > 0);

        // ingrid: the bell counts it without a reload; the invitation is in her week, hatched until accepted
        await Expect(ingrid.Locator("#bell")).ToHaveAttributeAsync("data-count", "1");
        await Expect(ingrid.Locator("#bell-count")).ToHaveTextAsync("1");
        await ingrid.Locator("#bell").ClickAsync();
        await Expect(Note(ingrid, "NewMeeting")).ToContainTextAsync("Budget review");
        await Expect(ingrid.Locator(".fc-timegrid-event.ev-pending", new() { HasText = "Budget review" })).ToBeVisibleAsync();
        await ingrid.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("notification-panel.png") });

        // frode opens the meeting: nobody has seen it yet
        await Event(frode, "Budget review").ClickAsync();
        await Expect(Attendee(frode, "Ingrid Solberg").Locator("td.status")).ToHaveAttributeAsync("data-status", "NotSeen");

        // ingrid opens the invitation (it is marked seen): frode's open dialog shows the eye
        await Note(ingrid, "NewMeeting").Locator(".note-title").ClickAsync();
        await Expect(ingrid.Locator("#follow-up")).ToBeVisibleAsync();
        await Expect(ingrid.Locator("#fu-title")).ToHaveAttributeAsync("readonly", "");
        await Expect(ingrid.Locator("#fu-accept")).ToBeVisibleAsync();
        await Expect(Attendee(frode, "Ingrid Solberg").Locator("td.status")).ToHaveAttributeAsync("data-status", "Seen");
        await Expect(Attendee(frode, "Ingrid Solberg").Locator(".symbol svg.icon-eye")).ToBeVisibleAsync();
        await ingrid.Keyboard.PressAsync("Escape");
        await Expect(ingrid.Locator("#follow-up")).ToBeHiddenAsync();

        // ingrid accepts from the panel: frode sees ✓ live, and the meeting is solid in her diary
        await ingrid.Locator("#bell").ClickAsync();
        await Note(ingrid, "NewMeeting").Locator("button[data-action=accept]").ClickAsync();
        await Expect(Note(ingrid, "NewMeeting")).ToHaveCountAsync(0);
        await Expect(Attendee(frode, "Ingrid Solberg").Locator("td.status")).ToHaveAttributeAsync("data-status", "Accepted");
        await Expect(Attendee(frode, "Ingrid Solberg").Locator(".symbol")).ToHaveAttributeAsync("data-symbol", "✓");
        await Expect(Attendee(frode, "Room Fjord").Locator(".status-text")).ToHaveTextAsync("Booked");
        await Expect(Attendee(frode, "Kari Lunde").Locator(".symbol")).ToHaveAttributeAsync("data-symbol", "");
        await Expect(ingrid.Locator(".fc-timegrid-event:not(.ev-pending)", new() { HasText = "Budget review" })).ToBeVisibleAsync();
        await frode.Keyboard.PressAsync("Escape");
        await frode.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("week-view.png") });

        // frode drags it from 10:00 to 13:00: a move, so ingrid is asked again (Meeting has changed)
        await BrowserApp.DragAsync(frode, Event(frode, "Budget review"), "10:00:00", "13:00:00");
        await Expect(frode.Locator(".toast")).ToContainTextAsync("Moved");
        var moved = await App.AppointmentAsync("frode", id);
        // dropped in the 13:00 row (Oslo): a quarter-hour snap inside it, the hour's length kept
        var movedStart = moved.GetProperty("start").GetDateTime();
        Assert.Equal(new DateTime(2030, 1, 8, 12, 0, 0, DateTimeKind.Utc), movedStart.AddMinutes(-movedStart.Minute));
        Assert.Equal(TimeSpan.FromHours(1), moved.GetProperty("end").GetDateTime() - movedStart);
        await Expect(Note(ingrid, "MeetingChanged")).ToHaveCountAsync(1);

        // ingrid declines with a reason from the panel; frode gets Invitation declined and clicks Got it
        await Note(ingrid, "MeetingChanged").Locator("button[data-action=decline]").ClickAsync();
        await ingrid.GetByLabel("Reason (optional)").FillAsync("Customer visit in Bodø");
        await Note(ingrid, "MeetingChanged").Locator("button[data-action=confirm-decline]").ClickAsync();
        await Expect(Note(ingrid, "MeetingChanged")).ToHaveCountAsync(0);
        await Expect(frode.Locator("#bell")).ToHaveAttributeAsync("data-count", "1");
        await frode.Locator("#bell").ClickAsync();
        await Expect(Note(frode, "InvitationDeclined")).ToContainTextAsync("Budget review");

        // the dialog with mixed statuses: ✗ with the reason, unseen, booked room, external person
        await Note(frode, "InvitationDeclined").Locator(".note-title").ClickAsync();
        await Expect(Attendee(frode, "Ingrid Solberg").Locator(".symbol")).ToHaveAttributeAsync("data-symbol", "✗");
        await Expect(Attendee(frode, "Ingrid Solberg")).ToContainTextAsync("Customer visit in Bodø");
        await frode.Locator("#follow-up").ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("follow-up-dialog.png") });
        await frode.Keyboard.PressAsync("Escape");
        await Expect(frode.Locator("#bell")).ToBeFocusedAsync();

        await frode.Locator("#bell").ClickAsync();
        await Note(frode, "InvitationDeclined").Locator("button[data-action=gotit]").ClickAsync();
        await Expect(Note(frode, "InvitationDeclined")).ToHaveCountAsync(0);
        await Expect(frode.Locator("#bell")).ToHaveAttributeAsync("data-count", "0");

        await ingrid.Context.CloseAsync();
        await frode.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_meetings_in_Room_Fjord_show_Conflict_with_the_exclamation_mark_and_First_available_applies_in_one_click()
    {
        var room = await App.Server.IdAsync("Room Fjord");
        await App.CreateAsync("kari", new
        {
            title = "Board meeting",
            start = "2030-01-09T09:00:00+01:00",
            end = "2030-01-09T10:00:00+01:00",
            participants = new[] { new { associateId = room } },
        });
        var frode = await App.SignInAsync("frode");
        await FillNewFollowUpAsync(frode, "Sales sync", "2030-01-09T09:30", "2030-01-09T10:30");
        await AddParticipantAsync(frode, "fjord", "Room Fjord");

        // the preview flags it before saving
        await Expect(Attendee(frode, "Room Fjord").Locator(".conflict-badge")).ToContainTextAsync("Conflict");
        await Expect(frode.Locator("#fu-conflict .bang")).ToHaveTextAsync("!");
        await Expect(frode.Locator("#fu-first-available")).ToBeVisibleAsync();

        // double-booking is allowed: saved, the server flags the conflict and the dialog stays open on it
        await frode.Locator("#fu-save").ClickAsync();
        await Expect(frode.Locator("#follow-up")).ToHaveAttributeAsync("data-mode", "owner");
        await Expect(Attendee(frode, "Room Fjord").Locator(".conflict-badge")).ToContainTextAsync("Conflict");
        await Expect(Attendee(frode, "Room Fjord").Locator(".conflict-badge .bang")).ToHaveTextAsync("!");
        await Expect(frode.Locator("#fu-first-available")).ToBeVisibleAsync();

        await frode.Locator("#fu-apply-first").ClickAsync();
        await Expect(frode.Locator("#fu-start")).ToHaveValueAsync("2030-01-09T10:00");
        await Expect(frode.Locator("#fu-end")).ToHaveValueAsync("2030-01-09T11:00");
        await frode.Locator("#fu-save").ClickAsync();
        await Expect(frode.Locator("#follow-up")).ToBeHiddenAsync();
        await Expect(Event(frode, "Sales sync")).ToBeVisibleAsync();
        await frode.Context.CloseAsync();
    }

    [Fact]
    public async Task Kari_sees_frodes_private_meeting_only_as_busy()
    {
        await App.CreateAsync("frode", new { title = "Doctor appointment", location = "Clinic", start = "2030-01-10T13:00:00+01:00", end = "2030-01-10T14:00:00+01:00", @private = true });
        var kari = await App.SignInAsync("kari");
        await kari.GetByLabel("Diary of").SelectOptionAsync(new SelectOptionValue { Label = "Frode Nilsen" });
        var busy = kari.Locator(".fc-timegrid-event.ev-busy");
        await Expect(busy).ToHaveCountAsync(1);
        await Expect(busy).ToContainTextAsync("Busy");
        await Expect(kari.Locator("body")).Not.ToContainTextAsync("Doctor");
        await Expect(kari.Locator("body")).Not.ToContainTextAsync("Clinic");
        await busy.ClickAsync();
        await Expect(kari.Locator("#follow-up")).ToBeHiddenAsync();
        await kari.Context.CloseAsync();
    }

    [Fact]
    public async Task Frode_assigns_his_meeting_to_kari_marked_with_her_conflict_and_she_accepts_from_the_panel()
    {
        var id = await App.CreateAsync("frode", new
        {
            title = "Handover review",
            start = "2030-01-11T15:00:00+01:00",
            end = "2030-01-11T16:00:00+01:00",
            participants = new object[] { new { associateId = await App.Server.IdAsync("ingrid") } },
        });
        await App.CreateAsync("kari", new { title = "Kari is busy", start = "2030-01-11T15:30:00+01:00", end = "2030-01-11T16:30:00+01:00" });
        var kariId = (await App.Server.IdAsync("kari")).ToString(CultureInfo.InvariantCulture);
        var frode = await App.SignInAsync("frode");
        var kari = await App.SignInAsync("kari");

        // frode: "Assign to…" lists his colleagues with the conflict mark of the seeds' assign dialog
        await Event(frode, "Handover review").ClickAsync();
        await frode.Locator("#fu-assign").ClickAsync();
        await Expect(frode.Locator($"#fu-assign-to option[value=\"{kariId}\"]")).ToHaveAttributeAsync("data-conflict", "true");
        await Expect(frode.Locator($"#fu-assign-to option[value=\"{kariId}\"]")).ToContainTextAsync("conflict");
        await frode.Locator("#fu-assign-to").SelectOptionAsync(new SelectOptionValue { Value = kariId });
        await frode.Locator("#fu-assign-note").FillAsync("You know Nordic Fisk");
        await frode.Locator("#fu-confirm-assign").ClickAsync();
        await Expect(frode.Locator("#fu-assignment")).ToContainTextAsync("Kari Lunde");
        await Expect(frode.Locator("#fu-take-back")).ToBeVisibleAsync();

        // kari: "Assigned to you" arrives live; she accepts in the panel and is the organiser now
        await kari.Locator("#bell").ClickAsync();
        await Expect(Note(kari, "Assigned")).ToContainTextAsync("You know Nordic Fisk");
        await Note(kari, "Assigned").Locator("button[data-action=accept]").ClickAsync();
        await Expect(Note(kari, "Assigned")).ToHaveCountAsync(0);
        var meeting = await App.AppointmentAsync("kari", id);
        Assert.Equal(await App.Server.IdAsync("kari"), meeting.GetProperty("ownerId").GetInt32());

        // frode's open dialog follows: he may no longer edit it, and he is told who the new organiser is
        await Expect(frode.Locator("#fu-save")).ToHaveCountAsync(0);
        await frode.Keyboard.PressAsync("Escape");
        await frode.Locator("#bell").ClickAsync();
        await Expect(Note(frode, "OrganizerChanged")).ToContainTextAsync("Kari Lunde");
        await frode.Context.CloseAsync();
        await kari.Context.CloseAsync();
    }

    [Fact]
    public async Task A_title_with_markup_is_shown_as_text_in_the_diary_the_dialog_and_the_notification()
    {
        const string Title = "<img src=x onerror=alert(1)>";
        await App.ClearNotificationsAsync("ingrid", "frode");
        var ingrid = await App.SignInAsync("ingrid", "date=2030-01-14&view=timeGridWeek");
        var frode = await App.SignInAsync("frode", "date=2030-01-14&view=timeGridWeek");
        var alerts = 0;
        frode.Dialog += (_, _) => alerts++;
        ingrid.Dialog += (_, _) => alerts++;
        await FillNewFollowUpAsync(frode, Title, "2030-01-15T09:00", "2030-01-15T10:00");
        await AddParticipantAsync(frode, "ingrid", "Ingrid Solberg");
        await frode.Locator("#fu-save").ClickAsync();
        await Expect(Event(frode, Title)).ToBeVisibleAsync();
        await Event(frode, Title).ClickAsync();
        await Expect(frode.Locator("#fu-heading")).ToHaveTextAsync(Title);
        await Expect(ingrid.Locator("#bell")).ToHaveAttributeAsync("data-count", "1");
        await ingrid.Locator("#bell").ClickAsync();
        await Expect(Note(ingrid, "NewMeeting")).ToContainTextAsync(Title);
        Assert.Equal(0, await frode.Locator("img").CountAsync());
        Assert.Equal(0, await ingrid.Locator("img").CountAsync());
        Assert.Equal(0, alerts);
        await ingrid.Context.CloseAsync();
        await frode.Context.CloseAsync();
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_and_SameSite_Strict_and_a_cookie_POST_without_the_CSRF_token_is_refused()
    {
        var page = await App.SignInAsync("kari");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "convene_session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.cookie.split(';').filter(c => c.includes('convene_session')).length"));

        // the context's request API sends the browser's cookies, as a forged cross-site form post would
        var refused = await page.Context.APIRequest.PostAsync("/api/v1/notifications/dismiss-all");
        Assert.Equal(403, refused.Status);
        Assert.Equal("auth.csrf_token_invalid", (await refused.JsonAsync())!.Value.GetProperty("code").GetString());
        var forged = await page.Context.APIRequest.PostAsync("/api/v1/notifications/dismiss-all", new() { Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = "forged" } });
        Assert.Equal(403, forged.Status);

        // with the token from the session endpoint it goes through; reading works without one
        var session = await (await page.Context.APIRequest.GetAsync("/api/v1/auth/session")).JsonAsync();
        var token = session!.Value.GetProperty("csrfToken").GetString()!;
        Assert.Equal("kari", session.Value.GetProperty("associate").GetProperty("userName").GetString());
        var allowed = await page.Context.APIRequest.PostAsync("/api/v1/notifications/dismiss-all", new() { Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = token } });
        Assert.Equal(200, allowed.Status);

        // the page: scripts only from this origin, no inline script, styles only with the response's nonce
        var response = await page.Context.APIRequest.GetAsync("/");
        var csp = response.Headers["content-security-policy"];
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);

        // sign-out revokes the session: the cookie no longer authenticates
        await page.Locator("button[title='Sign out']").ClickAsync();
        await Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
        var after = await page.Context.APIRequest.GetAsync("/api/v1/notifications");
        Assert.Equal(401, after.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_month_with_1000_meetings_loads_and_the_timings_are_reported()
    {
        // admin's own diary in March 2031: 1,000 meetings, 32 or 33 a day at quarter-hour offsets. Seeded with the raw
        // SQL of docs/sql.md in one transaction (through the API it takes a minute; the page load is what is measured).
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using (var connection = await App.Server.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new System.Text.StringBuilder();
            for (var i = 0; i < 1000; i++)
            {
                var start = new DateTime(2031, 3, 1, 6, 0, 0, DateTimeKind.Utc).AddDays(i % 31).AddMinutes(15 * (i / 31));
                var from = start.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                var to = start.AddMinutes(30).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                sql.Append(CultureInfo.InvariantCulture, $"""
                    INSERT INTO text (text) VALUES ('');
                    INSERT INTO appointment (associate_id, mother_id, mother_associate_id, text_id, invited_person_id, contact_id, person_id,
                        do_by, end_date, type, status, private, free_busy, title, location, registered, registered_associate_id, updated, updated_associate_id, version)
                    SELECT a.associate_id, 0, a.associate_id, last_insert_rowid(), 0, NULL, NULL, datetime('{from}'), datetime('{to}'), 1, 1, 0, 0,
                        'Meeting {i}', NULL, CURRENT_TIMESTAMP, a.associate_id, CURRENT_TIMESTAMP, a.associate_id, 0
                    FROM associate a WHERE a.user_name = 'admin';

                    """);
            }

            sql.Append("UPDATE appointment SET mother_id = appointment_id WHERE mother_id = 0 AND title LIKE 'Meeting %';");
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        output.WriteLine($"seeded 1,000 meetings with SQL in {watch.ElapsedMilliseconds} ms");
        var page = await App.SignInAsync("admin", "date=2031-03-01&view=dayGridMonth");
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.fc-daygrid-event').length > 0");
        var timings = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const nav = performance.getEntriesByType('navigation')[0];
              return { domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, eventsRendered: performance.now() };
            }
            """);
        output.WriteLine($"1,000-meeting month on loopback: DOMContentLoaded {timings.GetProperty("domContentLoaded").GetDouble():F0} ms, load {timings.GetProperty("load").GetDouble():F0} ms, events rendered {timings.GetProperty("eventsRendered").GetDouble():F0} ms");
        await Expect(page.Locator(".fc-more-link").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_375_px_phone_the_diary_opens_in_day_view_and_the_dialog_fits()
    {
        var page = await App.SignInAsync("kari", "date=2030-01-07", width: 375);
        await Expect(page.Locator(".fc-timeGridDay-view")).ToBeVisibleAsync();
        await page.Locator("#new-follow-up").ClickAsync();
        var box = await page.Locator("#follow-up").BoundingBoxAsync();
        Assert.True(box!.Width <= 375, $"dialog is {box.Width}px wide");
        await Expect(page.Locator("#fu-title")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#new-follow-up")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }
}
