using System.Net.Http.Json;
using Convene.IntegrationTests.Infrastructure;
using Convene.UiTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Convene.UiTests;

/// <summary>
/// Live diary events, the group view, the contact card, time zones and error states in headless Chromium. Every
/// scenario uses its own week of February 2030 and its own titles, so the order xUnit picks does not matter.
/// </summary>
public sealed class ScreensUiTests(BrowserApp app) : BrowserTestBase(app), IClassFixture<BrowserApp>
{
    private static ILocator Event(IPage page, string title) => page.Locator(".fc-timegrid-event", new() { HasText = title }).First;

    private static ILocator Attendee(IPage page, string name) => page.Locator($"#follow-up tr[data-name=\"{name}\"]");

    private static ILocator Note(IPage page, string kind) => page.Locator($"#notification-list li[data-kind=\"{kind}\"]");

    private async Task<HttpResponseMessage> ApiAsync(string userName, HttpMethod method, string path, object? body = null)
    {
        using var client = await App.Server.ClientForAsync(userName);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response;
    }

    /// <summary>Signs in through the form on a page that records every API answer it receives (from the first request on).</summary>
    private async Task<(IPage Page, List<string> Bodies)> SignInRecordingAsync(string userName, string hash)
    {
        var page = await App.NewPageAsync();
        var bodies = RecordApiBodies(page);
        await page.GotoAsync($"/#{hash}");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#bell")).ToBeVisibleAsync();
        return (page, bodies);
    }

    /// <summary>Every API answer the page received, to prove a private title never reached the browser at all.</summary>
    private static List<string> RecordApiBodies(IPage page)
    {
        var bodies = new List<string>();
        page.Response += async (_, response) =>
        {
            if (response.Url.Contains("/api/v1/", StringComparison.Ordinal) && !response.Url.Contains("/events", StringComparison.Ordinal))
            {
                try
                {
                    var text = await response.TextAsync();
                    lock (bodies)
                    {
                        bodies.Add(text);
                    }
                }
                catch (PlaywrightException)
                {
                    // the page navigated away before the body was read
                }
            }
        };
        return bodies;
    }

    [Fact]
    public async Task Changes_made_elsewhere_reach_the_diary_and_the_open_dialog_over_the_events_stream_without_a_reload()
    {
        var frode = await App.SignInAsync("frode", "date=2030-02-04&view=timeGridWeek");
        await Expect(frode.Locator("body")).ToHaveAttributeAsync("data-live", "true");
        await frode.EvaluateAsync("() => { window.__sameDocument = true; }");
        var ingrid = await App.Server.IdAsync("ingrid");

        // created through the API (another device): it appears in the open week
        var id = await App.CreateAsync("frode", new { title = "Stream review", start = "2030-02-05T10:00:00+01:00", end = "2030-02-05T11:00:00+01:00", participants = new[] { new { associateId = ingrid } } });
        await Expect(Event(frode, "Stream review")).ToBeVisibleAsync();

        // the dialog is open while ingrid accepts elsewhere: no notification for frode, yet the ✓ appears (the dialog
        // does not poll while the stream is live: this is the 'diary' event)
        await Event(frode, "Stream review").ClickAsync();
        await Expect(Attendee(frode, "Ingrid Solberg").Locator("td.status")).ToHaveAttributeAsync("data-status", "NotSeen");
        using (await ApiAsync("ingrid", HttpMethod.Post, $"/api/v1/appointments/{id}/accept"))
        {
        }

        await Expect(Attendee(frode, "Ingrid Solberg").Locator(".symbol")).ToHaveAttributeAsync("data-symbol", "✓");
        await frode.Keyboard.PressAsync("Escape");

        // moved elsewhere: the block follows to 14:00
        using (await ApiAsync("frode", HttpMethod.Patch, $"/api/v1/appointments/{id}", new { start = "2030-02-05T14:00:00+01:00", end = "2030-02-05T15:00:00+01:00" }))
        {
        }

        await Expect(Event(frode, "Stream review").Locator(".fc-event-time")).ToHaveTextAsync("14:00 - 15:00");
        Assert.True(await frode.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await frode.Context.CloseAsync();
    }

    [Fact]
    public async Task The_group_view_shows_members_busy_blocks_without_private_titles_saves_a_view_and_books_with_its_members()
    {
        const string Secret = "Dentist Xyzzy";
        await App.CreateAsync("frode", new { title = Secret, location = "Clinic Plugh", start = "2030-02-12T09:00:00+01:00", end = "2030-02-12T10:00:00+01:00", @private = true });
        await App.CreateAsync("frode", new { title = "Team standup", start = "2030-02-12T11:00:00+01:00", end = "2030-02-12T11:30:00+01:00" });
        await App.CreateAsync("ingrid", new { title = "Fjord workshop", start = "2030-02-12T13:00:00+01:00", end = "2030-02-12T15:00:00+01:00", participants = new[] { new { associateId = await App.Server.IdAsync("Room Fjord") } } });

        var (kari, bodies) = await SignInRecordingAsync("kari", "tab=group&date=2030-02-12");
        await Expect(kari.Locator("#tab-group")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(kari.Locator("#gv-title")).ToContainTextAsync("12");

        var frodeRow = kari.Locator(".gv-row[data-name=\"Frode Nilsen\"]");
        var roomRow = kari.Locator(".gv-row[data-name=\"Room Fjord\"]");
        await Expect(frodeRow.Locator(".gv-block.gv-busy")).ToHaveCountAsync(1);
        await Expect(frodeRow.Locator(".gv-block", new() { HasText = "Team standup" })).ToBeVisibleAsync();
        await Expect(roomRow.Locator(".gv-block", new() { HasText = "Fjord workshop" })).ToBeVisibleAsync();
        await Expect(kari.Locator("body")).Not.ToContainTextAsync("Xyzzy");
        await Expect(kari.Locator("body")).Not.ToContainTextAsync("Plugh");
        Assert.DoesNotContain("Xyzzy", await kari.ContentAsync(), StringComparison.Ordinal);
        lock (bodies)
        {
            Assert.NotEmpty(bodies);
            Assert.DoesNotContain(bodies, b => b.Contains("Xyzzy", StringComparison.Ordinal) || b.Contains("Plugh", StringComparison.Ordinal));
        }

        // the 10:00 standup of 30 minutes sits a third of the way into 07:00-19:00... (11-7)/12 of the track
        var track = await frodeRow.Locator(".gv-track").BoundingBoxAsync();
        var standup = await frodeRow.Locator(".gv-block", new() { HasText = "Team standup" }).BoundingBoxAsync();
        Assert.InRange((standup!.X - track!.X) / track.Width, (4.0 / 12) - 0.01, (4.0 / 12) + 0.01);
        await kari.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("group-view.png") });

        // a week: seven day columns
        await kari.Locator("#gv-week").ClickAsync();
        await Expect(kari.Locator(".gv-head .gv-col-label")).ToHaveCountAsync(7);
        await Expect(frodeRow.Locator(".gv-block", new() { HasText = "Team standup" })).ToBeVisibleAsync();
        await kari.Locator("#gv-day").ClickAsync();

        // pick only frode and the room, save that as a group view; it comes back from the server after a reload
        await kari.Locator("#gv-members summary").ClickAsync();
        foreach (var name in new[] { "Kari Lunde (you)", "Ingrid Solberg", "Administrator", "Projector" })
        {
            var box = kari.Locator(".gv-member-list .check", new() { HasText = name }).Locator("input");
            if (await box.CountAsync() == 1 && await box.IsCheckedAsync())
            {
                await box.UncheckAsync();
            }
        }

        await kari.Locator("#gv-members summary").ClickAsync();
        await Expect(kari.Locator(".gv-grid .gv-row:not(.gv-head)")).ToHaveCountAsync(2);
        await kari.Locator("#gv-save").ClickAsync();
        await kari.GetByLabel("Name of the group view").FillAsync("Frode and the fjord room");
        await kari.Locator("#gv-save-confirm").ClickAsync();
        await Expect(kari.Locator("#gv-view option:checked")).ToHaveTextAsync("Frode and the fjord room");
        await kari.ReloadAsync();
        await kari.Locator("#gv-view").SelectOptionAsync(new SelectOptionValue { Label = "Frode and the fjord room" });
        await Expect(kari.Locator(".gv-grid .gv-row:not(.gv-head)")).ToHaveCountAsync(2);
        await Expect(roomRow).ToBeVisibleAsync();

        // New follow-up with these participants: the dialog opens with both, kari organising
        await kari.Locator("#gv-new-follow-up").ClickAsync();
        await Expect(kari.Locator("#follow-up")).ToBeVisibleAsync();
        await Expect(Attendee(kari, "Frode Nilsen")).ToBeVisibleAsync();
        await Expect(Attendee(kari, "Room Fjord")).ToBeVisibleAsync();
        await Expect(kari.Locator("#fu-start")).ToHaveValueAsync("2030-02-12T09:00");
        await kari.Keyboard.PressAsync("Escape");
        await kari.Context.CloseAsync();
    }

    [Fact]
    public async Task The_contact_card_lists_persons_and_activities_with_private_ones_as_busy_and_books_with_a_person()
    {
        var frantz = await App.Server.IdAsync("Frantz Olsen");
        var liv = await App.Server.IdAsync("Liv Berg");
        await App.CreateAsync("frode", new { title = "Herring contract", location = "Bergen", start = "2030-02-19T10:00:00+01:00", end = "2030-02-19T11:00:00+01:00", participants = new[] { new { personId = frantz } } });
        await App.CreateAsync("ingrid", new { title = "Merger Quux", start = "2030-02-20T10:00:00+01:00", end = "2030-02-20T11:00:00+01:00", @private = true, participants = new[] { new { personId = liv } } });

        var (frode, bodies) = await SignInRecordingAsync("frode", "");
        await frode.Locator("#tab-contacts").ClickAsync();
        await frode.GetByLabel("Find a company").FillAsync("nordic");
        await frode.Locator("#contact-list button", new() { HasText = "Nordic Fisk AS" }).ClickAsync();
        await Expect(frode.Locator("#contact-name")).ToHaveTextAsync("Nordic Fisk AS");
        await Expect(frode.Locator("#contact-persons")).ToContainTextAsync("Frantz Olsen");
        await Expect(frode.Locator("#contact-persons")).ToContainTextAsync("Liv Berg");

        var herring = frode.Locator("#contact-activities tr", new() { HasText = "Herring contract" });
        await Expect(herring).ToContainTextAsync("Frantz Olsen");
        await Expect(herring).ToContainTextAsync("Frode Nilsen");
        // ingrid's private meeting with Liv Berg: frode is not in it, so it is busy time with neither title nor persons
        var busy = frode.Locator("#contact-activities tr[data-busy-only=true]");
        await Expect(busy).ToHaveCountAsync(1);
        await Expect(busy).ToContainTextAsync("Busy (private)");
        await Expect(busy).ToContainTextAsync("Ingrid Solberg");
        await Expect(frode.Locator("body")).Not.ToContainTextAsync("Quux");
        lock (bodies)
        {
            Assert.DoesNotContain(bodies, b => b.Contains("Quux", StringComparison.Ordinal));
        }

        await frode.ScreenshotAsync(new() { Path = BrowserApp.ScreenshotPath("contact-card.png") });

        // the activity opens the meeting; a person's button opens a new follow-up with them
        await herring.Locator("button.note-title").ClickAsync();
        await Expect(frode.Locator("#fu-heading")).ToHaveTextAsync("Herring contract");
        await frode.Keyboard.PressAsync("Escape");
        await frode.Locator($"#contact-persons button[data-person-id=\"{liv}\"]").ClickAsync();
        await Expect(Attendee(frode, "Liv Berg")).ToBeVisibleAsync();
        await frode.Keyboard.PressAsync("Escape");

        // the card is an address: a reload comes back to it
        await frode.ReloadAsync();
        await Expect(frode.Locator("#contact-name")).ToHaveTextAsync("Nordic Fisk AS");
        await frode.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_device_in_New_York_frodes_diary_and_dialog_show_Oslo_time()
    {
        await App.CreateAsync("frode", new { title = "Oslo clock", start = "2030-02-26T10:00:00+01:00", end = "2030-02-26T11:00:00+01:00" });
        var frode = await App.SignInAsync("frode", "date=2030-02-25&view=timeGridWeek", timeZone: "America/New_York");
        await Expect(frode.Locator("#zone-note")).ToHaveTextAsync("Times in Europe/Oslo");
        await Expect(Event(frode, "Oslo clock").Locator(".fc-event-time")).ToHaveTextAsync("10:00 - 11:00");
        await Event(frode, "Oslo clock").ClickAsync();
        await Expect(frode.Locator("#fu-start")).ToHaveValueAsync("2030-02-26T10:00");

        // an edit typed in Oslo time is saved as Oslo time (09:00Z = 10:00 Oslo, not 15:00 New York)
        await frode.Locator("#fu-end").FillAsync("2030-02-26T11:30");
        await frode.Locator("#fu-end").DispatchEventAsync("change");
        await frode.Locator("#fu-save").ClickAsync();
        await Expect(frode.Locator("#follow-up")).ToBeHiddenAsync();
        var id = int.Parse(await Event(frode, "Oslo clock").GetAttributeAsync("data-appointment-id") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var saved = await App.AppointmentAsync("frode", id);
        Assert.Equal(new DateTime(2030, 2, 26, 10, 30, 0, DateTimeKind.Utc), saved.GetProperty("end").GetDateTime());
        await frode.Context.CloseAsync();
    }

    [Fact]
    public async Task Errors_say_what_went_wrong_server_unreachable_and_a_stale_edit()
    {
        var id = await App.CreateAsync("frode", new { title = "Stale edit", start = "2030-03-05T10:00:00+01:00", end = "2030-03-05T11:00:00+01:00" });
        var frode = await App.SignInAsync("frode", "date=2030-03-04&view=timeGridWeek");
        await Expect(Event(frode, "Stale edit")).ToBeVisibleAsync();

        // the owner types in the dialog while the meeting is changed elsewhere: saving is refused (412) and explained
        await Event(frode, "Stale edit").ClickAsync();
        await frode.GetByLabel("Title").FillAsync("Stale edit, my version");
        using (await ApiAsync("frode", HttpMethod.Patch, $"/api/v1/appointments/{id}", new { location = "Changed elsewhere" }))
        {
        }

        await frode.Locator("#fu-save").ClickAsync();
        await Expect(frode.Locator("#follow-up .form-error")).ToContainTextAsync("Someone changed this meeting meanwhile");
        await Expect(frode.GetByLabel("Location")).ToHaveValueAsync("Changed elsewhere");
        await frode.Keyboard.PressAsync("Escape");

        // the server cannot be reached: the diary says so instead of showing an empty week
        await frode.RouteAsync("**/api/v1/diary?**", route => route.AbortAsync());
        await frode.Locator(".fc-next-button").ClickAsync();
        await Expect(frode.Locator(".diary-status")).ToContainTextAsync("The server cannot be reached");
        await frode.UnrouteAsync("**/api/v1/diary?**");
        await frode.Context.CloseAsync();
    }

    [Fact]
    public async Task Cancelling_tells_the_invitee_who_clicks_Got_it_and_removing_a_participant_takes_it_out_of_their_diary()
    {
        await App.ClearNotificationsAsync("kari");
        var kariId = await App.Server.IdAsync("kari");
        var ingridId = await App.Server.IdAsync("ingrid");
        var cancelled = await App.CreateAsync("frode", new { title = "Cancelled soon", start = "2030-03-12T10:00:00+01:00", end = "2030-03-12T11:00:00+01:00", participants = new[] { new { associateId = kariId } } });
        var kept = await App.CreateAsync("frode", new { title = "Kari removed", start = "2030-03-13T10:00:00+01:00", end = "2030-03-13T11:00:00+01:00", participants = new[] { new { associateId = kariId }, new { associateId = ingridId } } });
        foreach (var id in new[] { cancelled, kept })
        {
            using (await ApiAsync("kari", HttpMethod.Post, $"/api/v1/appointments/{id}/accept"))
            {
            }
        }

        var kari = await App.SignInAsync("kari", "date=2030-03-11&view=timeGridWeek");
        var frode = await App.SignInAsync("frode", "date=2030-03-11&view=timeGridWeek");
        await Expect(Event(kari, "Cancelled soon")).ToBeVisibleAsync();
        await Expect(Event(kari, "Kari removed")).ToBeVisibleAsync();
        await Expect(kari.Locator("#bell")).ToHaveAttributeAsync("data-count", "0");

        // frode cancels in his dialog: kari is told, clicks Got it, and the meeting leaves her week
        await Event(frode, "Cancelled soon").ClickAsync();
        await frode.Locator("#fu-cancel-meeting").ClickAsync();
        await frode.Locator("#fu-confirm-cancel").ClickAsync();
        await Expect(frode.Locator("#follow-up")).ToBeHiddenAsync();
        await Expect(kari.Locator("#bell")).ToHaveAttributeAsync("data-count", "1");
        await kari.Locator("#bell").ClickAsync();
        await Expect(Note(kari, "MeetingCancelled")).ToContainTextAsync("Cancelled soon");
        await Note(kari, "MeetingCancelled").Locator("button[data-action=gotit]").ClickAsync();
        await Expect(kari.Locator("#bell")).ToHaveAttributeAsync("data-count", "0");
        await Expect(Event(kari, "Cancelled soon")).ToHaveCountAsync(0);
        await kari.Keyboard.PressAsync("Escape");

        // frode removes kari from the other meeting: her row says Removed, the meeting leaves her diary live, ingrid stays
        await Event(frode, "Kari removed").ClickAsync();
        await frode.GetByRole(AriaRole.Button, new() { Name = "Remove Kari Lunde" }).ClickAsync();
        await Expect(Attendee(frode, "Kari Lunde").Locator("td.status")).ToHaveAttributeAsync("data-status", "Cancelled");
        await Expect(Attendee(frode, "Ingrid Solberg")).ToBeVisibleAsync();
        await Expect(Event(kari, "Kari removed")).ToHaveCountAsync(0);
        var meeting = await App.AppointmentAsync("frode", kept);
        Assert.Equal("Cancelled", meeting.Participant(kariId).GetProperty("status").GetString());
        await frode.Context.CloseAsync();
        await kari.Context.CloseAsync();
    }
}
