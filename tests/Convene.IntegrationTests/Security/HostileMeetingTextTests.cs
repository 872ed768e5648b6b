using System.Net;
using System.Text.Json;
using Convene.IntegrationTests.Calendar;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Security;

/// <summary>
/// Meeting text with markup, script and line breaks is shown as text everywhere it leaves the server (issue 8, "meeting
/// text that contains HTML or script is shown as text everywhere"): the iMIP e-mail (subject, text and HTML parts, the
/// calendar part), the RSVP page, the calendar feed and the single-meeting .ics (RFC 5545 §3.3.11 TEXT escaping: no
/// property can be injected by a line break), and the API's JSON and notification texts. The UI's own test is
/// Convene.UiTests.DiaryUiTests.A_title_with_markup_is_shown_as_text_*.
/// </summary>
public abstract class HostileMeetingTextTests(ConveneApp app) : ImipTestBase(app)
{
    private const string Script = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    // A title that tries to add a mail header and an iCalendar property, with every character TEXT must escape.
    private const string Title = Script + " \"q\" & 'a'; b, c\\d\r\nBcc: victim@evil.example\r\nATTENDEE:mailto:mallory@evil.example";

    private const string Description = "Agenda " + Script + "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:injected\r\nSUMMARY:injected\r\n\\n; ,\nline two";

    private const string Location = "<b>Room</b>;\\, \"x\"\nLOCATION:evil";

    private async Task<int> CreateHostileMeetingAsync(HttpClient owner)
    {
        var slot = App.NextSlot();
        var created = await (await owner.PostJsonAsync("/api/v1/appointments", new
        {
            title = Title,
            description = Description,
            location = Location,
            start = slot.Start.Iso(),
            end = slot.End.Iso(),
            participants = new object[]
            {
                new { associateId = await App.IdAsync("ingrid") },
                new { personId = await App.IdAsync("Frantz Olsen") },
            },
        })).JsonAsync(HttpStatusCode.Created);
        // Stored and returned exactly as given (trimmed): text, not markup to clean.
        Assert.Equal(Title, created.GetProperty("title").GetString());
        return created.GetProperty("id").GetInt32();
    }

    /// <summary>The one VEVENT of <paramref name="ics"/> with <paramref name="uid"/>, checked by both parsers.</summary>
    private static void AssertCalendarKeepsTheTextAsText(string ics, string uid)
    {
        // python3-icalendar: one event with that UID, nothing injected, the summary exactly the title.
        var python = PythonCalendar.ReadCalendar(ics);
        Assert.Empty(python.GetProperty("errors").EnumerateArray());
        var events = python.GetProperty("events").EnumerateArray().ToList();
        Assert.DoesNotContain(events, e => e.GetProperty("uid").GetString() == "injected" || e.GetProperty("summary").GetString() == "injected");
        var ev = Assert.Single(events, e => e.GetProperty("uid").GetString() == uid);
        Assert.Equal(Title, ev.GetProperty("summary").GetString()!.ReplaceLineEndings("\r\n"));
        Assert.DoesNotContain(ev.GetProperty("attendees").EnumerateArray(), a => a.GetProperty("address").GetString()!.Contains("mallory", StringComparison.Ordinal));

        // Our own parser: description and location come back whole; no physical line starts a property from the text.
        var ours = ICalendar.CalendarParser.Parse(ics);
        Assert.True(ours.Success, string.Join("; ", ours.Errors));
        var mine = Assert.Single(ours.Value.Events, e => e.Uid == uid);
        Assert.Equal(Location.ReplaceLineEndings("\n"), mine.Location?.ReplaceLineEndings("\n"));
        if (mine.Description is { } description)
        {
            // The feed leaves descriptions out; the e-mail and the single .ics carry it.
            Assert.Equal(Description.ReplaceLineEndings("\n"), description.ReplaceLineEndings("\n"));
        }
        var lines = ics.Split("\r\n");
        Assert.DoesNotContain(lines, l => l.StartsWith("ATTENDEE:mailto:mallory", StringComparison.Ordinal)
            || l.StartsWith("LOCATION:evil", StringComparison.Ordinal) || l.StartsWith("SUMMARY:injected", StringComparison.Ordinal)
            || l.StartsWith("UID:injected", StringComparison.Ordinal) || l.StartsWith("Bcc:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains('\r', StringComparison.Ordinal) || l.Contains('\n', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Email_SubjectCannotAddHeaders_AndTheHtmlPartShowsMarkupAsText()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var id = await CreateHostileMeetingAsync(frode);
        var mail = await SendAndReadAsync("frantz.olsen@nordicfisk.example");

        // Header injection: the line breaks of the title do not end the Subject header (RFC 5322 §2.2: a header field
        // ends at CRLF); the subject is one line, and no Bcc or other header appears.
        var raw = Smtp.Received.Last(m => m.To.Contains("frantz.olsen@nordicfisk.example")).Raw;
        var headers = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        Assert.DoesNotContain(headers, h => h.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase) || h.StartsWith("ATTENDEE", StringComparison.OrdinalIgnoreCase));
        Assert.Single(headers, h => h.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase));
        var subject = mail.Message.GetProperty("subject").GetString()!;
        Assert.DoesNotContain('\r', subject);
        Assert.DoesNotContain('\n', subject);
        Assert.Contains(Script, subject, StringComparison.Ordinal);
        Assert.Contains("Bcc: victim@evil.example", subject, StringComparison.Ordinal); // still there, as text of the subject

        // The HTML part has no element from the text, only its escaped form.
        var html = mail.Part("text/html").GetProperty("text").GetString()!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Room&lt;/b&gt;", html, StringComparison.Ordinal);

        // The plain-text part is text: the title as written.
        Assert.Contains(Script, mail.Part("text/plain").GetProperty("text").GetString()!, StringComparison.Ordinal);

        // The calendar part: one event, the title its SUMMARY, no injected attendee or event.
        var ics = mail.Part("text/calendar").GetProperty("text").GetString()!;
        AssertCalendarKeepsTheTextAsText(ics.ReplaceLineEndings("\r\n"), mail.Event.GetProperty("uid").GetString()!);

        // The RSVP page the mail links to escapes it too.
        using var browser = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, RsvpLink(mail));
        request.Headers.Accept.ParseAdd("text/html");
        var page = await (await browser.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        Assert.True(id > 0);
    }

    [Fact]
    public async Task FeedAndMeetingIcs_EscapeTheTextPerRfc5545_SoNoPropertyOrEventIsInjected()
    {
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var id = await CreateHostileMeetingAsync(frode);

        var single = await frode.GetAsync($"/api/v1/appointments/{id}/ics", Ct);
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        var singleIcs = await single.Content.ReadAsStringAsync(Ct);
        var uid = ICalendar.CalendarParser.Parse(singleIcs).Value!.Events[0].Uid!;
        AssertCalendarKeepsTheTextAsText(singleIcs, uid);

        // The invitee's feed (the meeting is pending there) and the owner's.
        foreach (var client in new[] { ingrid, frode })
        {
            var url = (await (await client.GetAsync("/api/v1/me/calendar-feed", Ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString()!;
            using var subscriber = App.CreateClient();
            var feed = await subscriber.GetAsync(new Uri(url).PathAndQuery, Ct);
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
            AssertCalendarKeepsTheTextAsText(await feed.Content.ReadAsStringAsync(Ct), uid);
        }
    }

    [Fact]
    public async Task ApiJsonAndNotificationTexts_CarryTheTextExactly_AsJsonStringsNeverSniffedAsHtml()
    {
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var id = await CreateHostileMeetingAsync(frode);

        foreach (var (client, path) in new[] { (ingrid, "/api/v1/notifications"), (frode, $"/api/v1/appointments/{id}"), (ingrid, "/api/v1/invitations") })
        {
            var response = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            // JSON carries the text as a string value (ASP.NET Core writes '<' unescaped inside it): never sniffed as
            // HTML (nosniff, application/json), and the browser app puts it into the page as text (the UI test).
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var body = await response.Content.ReadAsStringAsync(Ct);
            var strings = Strings(JsonDocument.Parse(body).RootElement).ToList();
            Assert.Contains(strings, v => v.Contains(Script, StringComparison.Ordinal));
            if (!path.EndsWith("notifications", StringComparison.Ordinal))
            {
                Assert.Contains(Title, strings);
            }
        }

        var notification = (await (await ingrid.GetAsync("/api/v1/notifications", Ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Single(n => n.GetProperty("appointmentId").GetInt32() == id && n.GetProperty("kind").GetString() == "NewMeeting");
        Assert.Contains(Script, notification.GetProperty("text").GetString()!, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };
}

public sealed class HostileMeetingTextTests_Sqlite(ConveneApp app) : HostileMeetingTextTests(app), IClassFixture<ConveneApp>;

public sealed class HostileMeetingTextTests_Postgres(PostgresConveneApp app) : HostileMeetingTextTests(app), IClassFixture<PostgresConveneApp>;
