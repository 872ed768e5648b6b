using System.Net;
using System.Text.Json;
using Convene.Cli;
using Convene.IntegrationTests.Cli;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Calendar;

/// <summary>Feeds, single-meeting .ics, VFREEBUSY and the CLI's iTIP import; every file read by python3-icalendar.</summary>
public abstract class CalendarFeedTests(ConveneApp app) : ImipTestBase(app)
{
    [Fact]
    public async Task Feed_SecretUrl_ShowsOwnedAcceptedAndPending_AndRotationRevokesIt()
    {
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var (id, slot) = await CreateWithFrantzAsync(frode);
        var privateSlot = App.NextSlot();
        var secret = await (await frode.PostJsonAsync("/api/v1/appointments", new { title = "Dentist", start = privateSlot.Start.Iso(), end = privateSlot.End.Iso(), @private = true }))
            .JsonAsync(HttpStatusCode.Created);
        var uid = (await EmailStateAsync(frode, id)).GetProperty("uid").GetString();

        var url = (await (await ingrid.GetAsync("/api/v1/me/calendar-feed", Ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString()!;
        Assert.Equal(url, (await (await ingrid.GetAsync("/api/v1/me/calendar-feed", Ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString());
        Assert.Matches(@"/ical/[A-Za-z0-9_\-]{40,}\.ics$", url);

        using var subscriber = App.CreateClient(); // no login: the URL is the secret
        var feed = await subscriber.GetAsync(new Uri(url).PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var calendar = PythonCalendar.ReadCalendar(await feed.Content.ReadAsStringAsync(Ct));
        Assert.Empty(calendar.GetProperty("errors").EnumerateArray());
        var pending = Assert.Single(calendar.GetProperty("events").EnumerateArray(), e => e.GetProperty("uid").GetString() == uid);
        Assert.Equal(("Budget with Nordic Fisk", "TENTATIVE"), (pending.GetProperty("summary").GetString(), pending.GetProperty("status").GetString()));
        Assert.Equal("NEEDS-ACTION", Attendee(pending, "mailto:ingrid@convene.example").GetProperty("partstat").GetString());
        Assert.DoesNotContain(calendar.GetProperty("events").EnumerateArray(), e => e.GetProperty("summary").GetString() == "Dentist"); // Frode's, not Ingrid's

        // Accepted: confirmed and ACCEPTED. Frode's own feed has his private meeting, marked private.
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/accept")).JsonAsync(HttpStatusCode.OK);
        calendar = PythonCalendar.ReadCalendar(await subscriber.GetStringAsync(new Uri(url).PathAndQuery, Ct));
        var accepted = Assert.Single(calendar.GetProperty("events").EnumerateArray(), e => e.GetProperty("uid").GetString() == uid);
        Assert.Equal(("CONFIRMED", "ACCEPTED"), (accepted.GetProperty("status").GetString(), Attendee(accepted, "mailto:ingrid@convene.example").GetProperty("partstat").GetString()));
        var frodeUrl = (await (await frode.GetAsync("/api/v1/me/calendar-feed", Ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString()!;
        var frodes = PythonCalendar.ReadCalendar(await subscriber.GetStringAsync(new Uri(frodeUrl).PathAndQuery, Ct));
        var dentist = Assert.Single(frodes.GetProperty("events").EnumerateArray(), e => e.GetProperty("summary").GetString() == "Dentist");
        Assert.Equal("PRIVATE", dentist.GetProperty("class").GetString());
        Assert.NotEqual(0, secret.GetProperty("id").GetInt32());

        // Rotated: the old address is gone at once, the new one works.
        var rotated = (await (await ingrid.PostJsonAsync("/api/v1/me/calendar-feed/rotate")).JsonAsync(HttpStatusCode.OK)).GetProperty("url").GetString()!;
        Assert.NotEqual(url, rotated);
        await (await subscriber.GetAsync(new Uri(url).PathAndQuery, Ct)).ProblemAsync(HttpStatusCode.NotFound, "feed.not_found");
        Assert.Equal(HttpStatusCode.OK, (await subscriber.GetAsync(new Uri(rotated).PathAndQuery, Ct)).StatusCode);
        await (await subscriber.GetAsync("/ical/guessed.ics", Ct)).ProblemAsync(HttpStatusCode.NotFound, "feed.not_found");
        Assert.Equal(slot.Start.UtcDateTime, DateTimeOffset.Parse(accepted.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
    }

    [Fact]
    public async Task MeetingWithoutInvitationRow_KeepsItsPublishedUid_WhenItFirstChanges()
    {
        // A meeting stored without an invitation row (inserted by SQL, or older than the table) is published with its
        // fallback UID; the first change creates its row and must keep that UID, not mint a new one.
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var id = await StoredWithoutInvitationRowAsync(frode);
        var before = await UidAsync(frode, id);
        Assert.StartsWith($"appointment-{id}@", before, StringComparison.Ordinal);

        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/accept")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(before, await UidAsync(frode, id));
        Assert.Equal(before, (await EmailStateAsync(frode, id)).GetProperty("uid").GetString());

        var later = App.NextSlot(); // a move revises the event (SEQUENCE + 1): now the row is created
        (await frode.PatchJsonAsync($"/api/v1/appointments/{id}", new { start = later.Start.Iso(), end = later.End.Iso() })).EnsureSuccessStatusCode();
        Assert.Equal(before, await UidAsync(frode, id));
        Assert.Equal(1, await InvitationRowsAsync(id));
    }

    [Fact]
    public async Task EmailSwitch_OfMeetingWithoutInvitationRow_CreatesItWithThePublishedUid()
    {
        // The owner's e-mail view shows the UID the feeds publish, and turning e-mail off works (it answered 404).
        using var frode = await App.ClientForAsync("frode");
        var id = await StoredWithoutInvitationRowAsync(frode);
        var published = await UidAsync(frode, id);
        Assert.Equal(published, (await EmailStateAsync(frode, id)).GetProperty("uid").GetString());

        var switched = await (await frode.PutAsync($"/api/v1/appointments/{id}/email", JsonBody(new { sendEmail = false }), Ct)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((published, false), (switched.GetProperty("uid").GetString(), switched.GetProperty("sendEmail").GetBoolean()));
        Assert.Equal(1, await InvitationRowsAsync(id));
        Assert.Equal(published, await UidAsync(frode, id));
    }

    private async Task<int> StoredWithoutInvitationRowAsync(HttpClient owner)
    {
        var slot = App.NextSlot();
        var created = await (await owner.PostJsonAsync("/api/v1/appointments", new
        {
            title = "Stored before invitations",
            start = slot.Start.Iso(),
            end = slot.End.Iso(),
            participants = new[] { new { associateId = await App.IdAsync("ingrid") } },
        })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        await using var connection = await App.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM invitation WHERE appointment_id = {id}";
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        return id;
    }

    private async Task<long> InvitationRowsAsync(int id)
    {
        await using var connection = await App.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM invitation WHERE appointment_id = {id}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> UidAsync(HttpClient client, int id)
    {
        var calendar = PythonCalendar.ReadCalendar(await (await client.GetAsync($"/api/v1/appointments/{id}/ics", Ct)).Content.ReadAsStringAsync(Ct));
        return Assert.Single(calendar.GetProperty("events").EnumerateArray()).GetProperty("uid").GetString()!;
    }

    [Fact]
    public async Task MeetingIcs_ForThoseWhoMaySeeIt_PrivateHiddenFromOthers()
    {
        using var frode = await App.ClientForAsync("frode");
        using var kari = await App.ClientForAsync("kari");
        var (id, _) = await CreateWithFrantzAsync(frode);

        var response = await kari.GetAsync($"/api/v1/appointments/{id}/ics", Ct); // public: visible to colleagues
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = PythonCalendar.ReadCalendar(await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(calendar.GetProperty("errors").EnumerateArray());
        var ev = Assert.Single(calendar.GetProperty("events").EnumerateArray());
        Assert.Equal(4, ev.GetProperty("attendees").GetArrayLength());
        Assert.Equal("ROOM", ev.GetProperty("attendees").EnumerateArray().Single(a => a.GetProperty("cn").GetString() == "Room Fjord").GetProperty("cutype").GetString());

        var slot = App.NextSlot();
        var hidden = await (await frode.PostJsonAsync("/api/v1/appointments", new { title = "Secret", start = slot.Start.Iso(), end = slot.End.Iso(), @private = true })).JsonAsync(HttpStatusCode.Created);
        await (await kari.GetAsync($"/api/v1/appointments/{hidden.GetProperty("id").GetInt32()}/ics", Ct)).ProblemAsync(HttpStatusCode.NotFound, "appointment.not_found");
    }

    [Fact]
    public async Task FreeBusy_WithAcceptTextCalendar_IsAVFreeBusy_ReadByPython()
    {
        using var frode = await App.ClientForAsync("frode");
        var (_, slot) = await CreateWithFrantzAsync(frode);
        var query = $"from={Uri.EscapeDataString(slot.Start.AddHours(-2).Iso())}&to={Uri.EscapeDataString(slot.End.AddHours(2).Iso())}&associateIds={await App.IdAsync("frode")},{await App.IdAsync("ingrid")}";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/freebusy?" + query);
        request.Headers.Accept.ParseAdd("text/calendar");

        var response = await frode.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = PythonCalendar.ReadCalendar(await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(calendar.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, calendar.GetProperty("freebusy").GetArrayLength());
        var json = await (await frode.GetAsync("/api/v1/freebusy?" + query, Ct)).JsonAsync(HttpStatusCode.OK); // without it: JSON
        Assert.Equal(2, json.GetProperty("associates").GetArrayLength());
    }

    [Fact]
    public async Task FreeBusy_AsVFreeBusy_BusyAndTentative_ReadByPython()
    {
        using var frode = await App.ClientForAsync("frode");
        var (id, slot) = await CreateWithFrantzAsync(frode);
        var ingridId = await App.IdAsync("ingrid");
        var frodeId = await App.IdAsync("frode");
        var query = $"from={Uri.EscapeDataString(slot.Start.AddHours(-2).Iso())}&to={Uri.EscapeDataString(slot.End.AddHours(2).Iso())}&associateId={frodeId}&associateId={ingridId}";

        var response = await frode.GetAsync("/api/v1/freebusy.ics?" + query, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calendar = PythonCalendar.ReadCalendar(await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(calendar.GetProperty("errors").EnumerateArray());
        var busy = calendar.GetProperty("freebusy").EnumerateArray().ToList();
        Assert.Equal(2, busy.Count);
        Assert.Equal(("BUSY", slot.Start.UtcDateTime), Period(busy[0]));
        Assert.Equal(("BUSY-TENTATIVE", slot.Start.UtcDateTime), Period(busy[1])); // Ingrid has not answered
        await (await frode.GetAsync("/api/v1/freebusy.ics?from=yesterday&to=tomorrow", Ct)).ProblemAsync(HttpStatusCode.BadRequest, "query.invalid_from");
        Assert.NotEqual(0, id);
    }

    [Fact]
    public async Task Cli_ItipImport_AppliesAReplyFile()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var (id, _) = await CreateWithFrantzAsync(frode);
        var ics = (await SendAndReadAsync("frantz.olsen@nordicfisk.example")).Part("text/calendar").GetProperty("text").GetString()!;
        using var cli = new CliRunner();
        (await cli.RunAsync("login", "--server", App.BaseAddress.ToString(), "--user", "frode", "--password", "demo")).Succeeded();
        var file = Path.Combine(cli.Folder, "reply.ics");
        await File.WriteAllTextAsync(file, Reply(ics, "DECLINED", App.Clock.GetCurrentInstant()), Ct);

        var result = (await cli.RunAsync("itip", "import", file)).Succeeded();

        Assert.Contains("Frantz Olsen DECLINED meeting", result.Stdout, StringComparison.Ordinal);
        var frantz = (await (await frode.GetAsync($"/api/v1/appointments/{id}", Ct)).JsonAsync(HttpStatusCode.OK)).Participant(personId: await App.IdAsync("Frantz Olsen"));
        Assert.Equal(9, frantz.GetProperty("statusCode").GetInt32());

        // The same file again: stale (same DTSTAMP), exit code 6 (conflict), nothing changes.
        (await cli.RunAsync("itip", "import", file)).Failed(ExitCodes.Conflict, "itip.stale_reply");
        (await cli.RunAsync("itip", "import", Path.Combine(cli.Folder, "missing.ics"))).Failed(ExitCodes.Usage, "cli.file_not_found");
    }

    private static (string?, DateTime) Period(JsonElement freeBusy)
    {
        var period = Assert.Single(freeBusy.GetProperty("periods").EnumerateArray());
        return (period.GetProperty("type").GetString(), DateTimeOffset.Parse(period.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
    }
}

public sealed class CalendarFeedTests_Sqlite(ConveneApp app) : CalendarFeedTests(app), IClassFixture<ConveneApp>;

public sealed class CalendarFeedTests_Postgres(PostgresConveneApp app) : CalendarFeedTests(app), IClassFixture<PostgresConveneApp>;
