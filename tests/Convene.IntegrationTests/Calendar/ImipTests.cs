using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Convene.IntegrationTests.Infrastructure;
using Convene.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Convene.IntegrationTests.Calendar;

/// <summary>
/// The setting of the iMIP tests: the real server sends through System.Net.Mail to a real SMTP conversation on
/// loopback (<see cref="TestSmtpServer"/>, one per test). The outbox is driven by <see cref="ImipSender.ProcessDueAsync"/>,
/// not by waiting; time by the test clock.
/// </summary>
public abstract partial class ImipTestBase(ConveneApp app) : ApiTestBase(app), IAsyncLifetime
{
    protected CancellationToken Ct { get; } = TestContext.Current.CancellationToken;
    protected TestSmtpServer Smtp { get; } = new();

    public ValueTask InitializeAsync()
    {
        // The server reads Smtp:* on every use: each test points it at its own SMTP server.
        var configuration = App.Services.GetRequiredService<IConfiguration>();
        configuration["Smtp:Host"] = "127.0.0.1";
        configuration["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["Smtp:From"] = "convene@convene.example";
        configuration["Smtp:TimeoutSeconds"] = "10";
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected async Task<(int Id, (DateTimeOffset Start, DateTimeOffset End) Slot)> CreateWithFrantzAsync(HttpClient owner)
    {
        var slot = App.NextSlot();
        var created = await (await owner.PostJsonAsync("/api/v1/appointments", new
        {
            title = "Budget with Nordic Fisk",
            description = "Q3 numbers.\nBring the report.",
            start = slot.Start.Iso(),
            end = slot.End.Iso(),
            participants = new object[]
            {
                new { associateId = await App.IdAsync("ingrid") },
                new { associateId = await App.IdAsync("Room Fjord") },
                new { personId = await App.IdAsync("Frantz Olsen") },
            },
        })).JsonAsync(HttpStatusCode.Created);
        return (created.GetProperty("id").GetInt32(), slot);
    }

    protected async Task<JsonElement> EmailStateAsync(HttpClient owner, int id) =>
        await (await owner.GetAsync($"/api/v1/appointments/{id}/email", Ct)).JsonAsync(HttpStatusCode.OK);

    /// <summary>Runs the outbox and returns the newest message to <paramref name="recipient"/>, read by Python.</summary>
    protected async Task<MailView> SendAndReadAsync(string recipient)
    {
        await App.Services.GetRequiredService<ImipSender>().ProcessDueAsync(Ct);
        var raw = Smtp.Received.Last(m => m.To.Contains(recipient));
        var mail = PythonCalendar.ReadMail(raw.Raw);
        Assert.Empty(mail.GetProperty("defects").EnumerateArray());
        var result = new MailView(mail);
        Assert.Empty(result.Calendar.GetProperty("errors").EnumerateArray());
        return result;
    }

    protected Task<HttpResponseMessage> PostItipAsync(HttpClient client, string ics)
    {
        var content = new StringContent(ics, System.Text.Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/calendar") { CharSet = "utf-8" };
        return client.PostAsync("/api/v1/itip", content, Ct);
    }

    /// <summary>What an attendee's calendar sends back: the REQUEST turned into a REPLY for Frantz alone (RFC 5546 §3.2.3).</summary>
    protected static string Reply(string requestIcs, string partStat, Instant stamp, int? sequence = null, string attendee = "mailto:frantz.olsen@nordicfisk.example", string? uid = null, string? comment = null)
    {
        var calendar = ICalendar.CalendarParser.Parse(requestIcs).Value!;
        calendar.Method = ICalendar.CalendarMethod.Reply;
        var ev = calendar.Events[0];
        var me = ev.FindAttendee("mailto:frantz.olsen@nordicfisk.example")!;
        ev.Attendees.Clear();
        me.Address = attendee;
        me.ParticipationStatus = new ICalendar.Extensible<ICalendar.ParticipationStatus>(partStat);
        me.Rsvp = false;
        ev.Attendees.Add(me);
        ev.Stamp = stamp;
        ev.Sequence = sequence ?? ev.Sequence;
        ev.Uid = uid ?? ev.Uid;
        if (comment is not null)
        {
            ev.ExtraProperties.Add(ICalendar.Property.FromText("COMMENT", comment));
        }

        return ICalendar.CalendarWriter.Write(calendar);
    }

    protected static string RsvpLink(MailView mail)
    {
        var text = mail.Part("text/plain").GetProperty("text").GetString()!;
        var match = RsvpPattern().Match(text);
        Assert.True(match.Success, text);
        return new Uri(match.Value).PathAndQuery;
    }

    protected static StringContent JsonBody(object body) =>
        new(JsonSerializer.Serialize(body, ConveneApp.Json), System.Text.Encoding.UTF8, "application/json");

    protected static JsonElement Attendee(JsonElement ev, string address) =>
        ev.GetProperty("attendees").EnumerateArray().Single(a => a.GetProperty("address").GetString() == address);

    protected static (string?, string?) State(JsonElement email)
    {
        var r = email.GetProperty("recipients")[0];
        return (r.GetProperty("state").GetString(), r.GetProperty("scheduleStatus").GetString());
    }

    [GeneratedRegex(@"https?://\S+/rsvp/[A-Za-z0-9_\-]+")]
    private static partial Regex RsvpPattern();

    /// <summary>A received message as Python read it.</summary>
    protected sealed record MailView(JsonElement Message)
    {
        public JsonElement Part(string type) => Message.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("type").GetString() == type);

        public JsonElement Calendar => Part("text/calendar").GetProperty("calendar");

        public JsonElement Event => Assert.Single(Calendar.GetProperty("events").EnumerateArray());
    }
}

/// <summary>iMIP end to end (issue 6 "Must be true"): REQUEST, move, RSVP, CANCEL, SMTP down, e-mail off, opt-outs, iTIP REPLY.</summary>
public abstract class ImipTests(ConveneApp app) : ImipTestBase(app)
{
    [Fact]
    public async Task Lifecycle_RequestMoveRsvpCancel_ArriveByRealSmtp()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var (id, slot) = await CreateWithFrantzAsync(frode);

        // Created: a REQUEST with SEQUENCE 0 to Frantz, from Frode, listing everyone.
        var request = await SendAndReadAsync("frantz.olsen@nordicfisk.example");
        Assert.Equal("REQUEST", request.Part("text/calendar").GetProperty("method").GetString());
        Assert.Equal("multipart/alternative", request.Message.GetProperty("type").GetString());
        Assert.Equal(["text/plain", "text/html", "text/calendar"], request.Message.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("type").GetString()));
        Assert.Contains("Frode Nilsen", request.Message.GetProperty("from").GetString(), StringComparison.Ordinal);
        Assert.Contains("frode@convene.example", request.Message.GetProperty("reply_to").GetString(), StringComparison.Ordinal);
        var email = await EmailStateAsync(frode, id);
        var uid = email.GetProperty("uid").GetString()!;
        var ev = request.Event;
        Assert.Equal((uid, 0, "CONFIRMED"), (ev.GetProperty("uid").GetString(), ev.GetProperty("sequence").GetInt32(), ev.GetProperty("status").GetString()));
        var organizer = ev.GetProperty("organizer")[0];
        Assert.Equal(("mailto:frode@convene.example", "Frode Nilsen"), (organizer.GetProperty("address").GetString(), organizer.GetProperty("cn").GetString()));
        var frantz = Attendee(ev, "mailto:frantz.olsen@nordicfisk.example");
        Assert.Equal(("Frantz Olsen", "NEEDS-ACTION", "TRUE", "REQ-PARTICIPANT"), (frantz.GetProperty("cn").GetString(), frantz.GetProperty("partstat").GetString(), frantz.GetProperty("rsvp").GetString(), frantz.GetProperty("role").GetString()));
        Assert.Equal("NEEDS-ACTION", Attendee(ev, "mailto:ingrid@convene.example").GetProperty("partstat").GetString());
        Assert.Equal("ACCEPTED", Attendee(ev, "mailto:frode@convene.example").GetProperty("partstat").GetString());
        var room = ev.GetProperty("attendees").EnumerateArray().Single(a => a.GetProperty("cn").GetString() == "Room Fjord");
        Assert.Equal(("ROOM", "ACCEPTED"), (room.GetProperty("cutype").GetString(), room.GetProperty("partstat").GetString()));
        Assert.Equal(slot.Start.UtcDateTime, DateTimeOffset.Parse(ev.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
        Assert.Equal(("Sent", "1.1"), State(await EmailStateAsync(frode, id)));

        // Moved: a REQUEST with SEQUENCE 1 and the same UID.
        var moved = slot.Start.AddHours(2);
        await (await frode.PatchJsonAsync($"/api/v1/appointments/{id}", new { start = moved.Iso(), end = moved.AddHours(1).Iso() })).JsonAsync(HttpStatusCode.OK);
        var update = await SendAndReadAsync("frantz.olsen@nordicfisk.example");
        Assert.Equal((uid, 1), (update.Event.GetProperty("uid").GetString(), update.Event.GetProperty("sequence").GetInt32()));
        Assert.StartsWith("Updated invitation", update.Message.GetProperty("subject").GetString(), StringComparison.Ordinal);

        // The person's RSVP link: the page, then Accept → status 1 and PARTSTAT ACCEPTED.
        var link = RsvpLink(update);
        using var browser = App.CreateClient();
        var page = await browser.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Budget with Nordic Fisk", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var accepted = await browser.PostAsync(link + "/accept", null, Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var meeting = await (await frode.GetAsync($"/api/v1/appointments/{id}", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, meeting.Participant(personId: await App.IdAsync("Frantz Olsen")).GetProperty("statusCode").GetInt32());
        Assert.Equal("ACCEPTED", (await EmailStateAsync(frode, id)).GetProperty("recipients")[0].GetProperty("partStat").GetString());
        var history = await (await frode.GetAsync($"/api/v1/appointments/{id}/history", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("action").GetString() == "Accepted" && h.GetProperty("subjectName").GetString() == "Frantz Olsen");

        // Cancelled: a CANCEL for the same UID.
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/cancel")).JsonAsync(HttpStatusCode.OK);
        var cancel = await SendAndReadAsync("frantz.olsen@nordicfisk.example");
        Assert.Equal("CANCEL", cancel.Part("text/calendar").GetProperty("method").GetString());
        Assert.Equal("CANCEL", cancel.Calendar.GetProperty("method").GetString());
        Assert.Equal((uid, 2, "CANCELLED"), (cancel.Event.GetProperty("uid").GetString(), cancel.Event.GetProperty("sequence").GetInt32(), cancel.Event.GetProperty("status").GetString()));
        Assert.Equal(3, Smtp.Received.Count(m => m.To.Contains("frantz.olsen@nordicfisk.example")));
    }

    [Fact]
    public async Task SmtpDown_ApiAnswers_AndTheMessageGoesOutWhenItIsBack()
    {
        // The SMTP server is not started: its port refuses connections.
        using var frode = await App.ClientForAsync("frode");
        var (id, _) = await CreateWithFrantzAsync(frode);

        var sender = App.Services.GetRequiredService<ImipSender>();
        Assert.Equal(0, await sender.ProcessDueAsync(Ct));
        var waiting = (await EmailStateAsync(frode, id)).GetProperty("recipients")[0];
        Assert.Equal("Queued", waiting.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(waiting.GetProperty("error").GetString()));

        Smtp.Start();
        Assert.Equal(0, await sender.ProcessDueAsync(Ct)); // backing off: not due yet
        Assert.Empty(Smtp.Received);

        App.Clock.Advance(Duration.FromMinutes(61));
        await sender.ProcessDueAsync(Ct);
        var mail = Assert.Single(Smtp.Received);
        Assert.Equal(["frantz.olsen@nordicfisk.example"], mail.To);
        var sent = (await EmailStateAsync(frode, id)).GetProperty("recipients")[0];
        Assert.Equal(("Sent", JsonValueKind.Null), (sent.GetProperty("state").GetString(), sent.GetProperty("error").ValueKind));
    }

    [Fact]
    public async Task NoSmtpHost_EmailIsOff_AndTheParticipantSaysSo()
    {
        App.Services.GetRequiredService<IConfiguration>()["Smtp:Host"] = null;
        using var frode = await App.ClientForAsync("frode");
        var (id, _) = await CreateWithFrantzAsync(frode);

        var recipient = (await EmailStateAsync(frode, id)).GetProperty("recipients")[0];
        Assert.Equal("Off", recipient.GetProperty("state").GetString());
        Assert.Contains("Smtp:Host", recipient.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptOut_PerParticipantAndPerMeeting_SendsNothing()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var (frantzId, livId) = (await App.IdAsync("Frantz Olsen"), await App.IdAsync("Liv Berg"));
        var slot = App.NextSlot();
        var created = await (await frode.PostJsonAsync("/api/v1/appointments", new
        {
            title = "Quiet meeting",
            start = slot.Start.Iso(),
            end = slot.End.Iso(),
            participants = new object[] { new { personId = frantzId, sendEmail = false }, new { personId = livId } },
        })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var states = (await EmailStateAsync(frode, id)).GetProperty("recipients").EnumerateArray().ToDictionary(r => r.GetProperty("personId").GetInt32(), r => r.GetProperty("state").GetString());
        Assert.Equal(("OptedOut", "Queued"), (states[frantzId], states[livId]));

        await (await frode.PutAsync($"/api/v1/appointments/{id}/email", JsonBody(new { sendEmail = false }), Ct)).JsonAsync(HttpStatusCode.OK);
        await App.Services.GetRequiredService<ImipSender>().ProcessDueAsync(Ct);
        await (await frode.PatchJsonAsync($"/api/v1/appointments/{id}", new { location = "Elsewhere" })).JsonAsync(HttpStatusCode.OK);
        await App.Services.GetRequiredService<ImipSender>().ProcessDueAsync(Ct);

        // Liv got the invitation queued before the opt-out; nothing after it, and Frantz nothing at all.
        Assert.DoesNotContain(Smtp.Received, m => m.To.Contains("frantz.olsen@nordicfisk.example"));
        Assert.Single(Smtp.Received, m => m.To.Contains("liv.berg@nordicfisk.example"));
        Assert.All((await EmailStateAsync(frode, id)).GetProperty("recipients").EnumerateArray(), r => Assert.Equal("OptedOut", r.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task RsvpDecline_WithReason_StatusNine_OwnerNotified()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var (id, _) = await CreateWithFrantzAsync(frode);
        var link = RsvpLink(await SendAndReadAsync("frantz.olsen@nordicfisk.example"));

        using var browser = App.CreateClient();
        var declined = await browser.PostAsync(link + "/decline", new FormUrlEncodedContent([new("reason", "On holiday")]), Ct);

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var frantz = (await (await frode.GetAsync($"/api/v1/appointments/{id}", Ct)).JsonAsync(HttpStatusCode.OK)).Participant(personId: await App.IdAsync("Frantz Olsen"));
        Assert.Equal((9, "On holiday"), (frantz.GetProperty("statusCode").GetInt32(), frantz.GetProperty("rejectReason").GetString()));
        var notifications = await (await frode.GetAsync("/api/v1/notifications", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("appointmentId").GetInt32() == id && n.GetProperty("kind").GetString() == "InvitationDeclined"
            && n.GetProperty("text").GetString()!.Contains("On holiday", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ItipReply_FromTheRequest_DeclinesThenAccepts()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var (id, _) = await CreateWithFrantzAsync(frode);
        var request = await SendAndReadAsync("frantz.olsen@nordicfisk.example");
        var ics = request.Part("text/calendar").GetProperty("text").GetString()!;

        var declined = await PostItipAsync(frode, Reply(ics, "DECLINED", App.Clock.GetCurrentInstant(), comment: "Sorry"));
        var outcome = await declined.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("DECLINED", 9), (outcome.GetProperty("partStat").GetString(), outcome.GetProperty("statusCode").GetInt32()));
        var notifications = await (await frode.GetAsync("/api/v1/notifications", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("appointmentId").GetInt32() == id && n.GetProperty("kind").GetString() == "InvitationDeclined");

        var accepted = await PostItipAsync(frode, Reply(ics, "ACCEPTED", App.Clock.GetCurrentInstant() + Duration.FromSeconds(5)));
        Assert.Equal(1, (await accepted.JsonAsync(HttpStatusCode.OK)).GetProperty("statusCode").GetInt32());
        Assert.Equal("ACCEPTED", (await EmailStateAsync(frode, id)).GetProperty("recipients")[0].GetProperty("partStat").GetString());
    }
}

public sealed class ImipTests_Sqlite(ConveneApp app) : ImipTests(app), IClassFixture<ConveneApp>;

public sealed class ImipTests_Postgres(PostgresConveneApp app) : ImipTests(app), IClassFixture<PostgresConveneApp>;
