using System.Net;
using Convene.IntegrationTests.Infrastructure;
using NodaTime;

namespace Convene.IntegrationTests.Calendar;

/// <summary>Replies that must change nothing and get a clear 4xx problem (issue 6, "Must be true").</summary>
public abstract class ItipHostileTests(ConveneApp app) : ImipTestBase(app)
{
    [Fact]
    public async Task StaleSequence_Conflict_NewerAnswerStays()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        var (id, slot) = await CreateWithFrantzAsync(frode);
        var first = (await SendAndReadAsync("frantz.olsen@nordicfisk.example")).Part("text/calendar").GetProperty("text").GetString()!;
        await (await frode.PatchJsonAsync($"/api/v1/appointments/{id}", new { start = slot.Start.AddHours(3).Iso(), end = slot.End.AddHours(3).Iso() })).JsonAsync(HttpStatusCode.OK);
        var second = (await SendAndReadAsync("frantz.olsen@nordicfisk.example")).Part("text/calendar").GetProperty("text").GetString()!;
        await (await PostItipAsync(frode, Reply(second, "ACCEPTED", App.Clock.GetCurrentInstant()))).JsonAsync(HttpStatusCode.OK);
        var before = await App.FingerprintAsync();

        // A decline to SEQUENCE 0 arrives late, even with a newer DTSTAMP: it must not overwrite the answer to SEQUENCE 1.
        await (await PostItipAsync(frode, Reply(first, "DECLINED", App.Clock.GetCurrentInstant() + Duration.FromMinutes(5)))).ProblemAsync(HttpStatusCode.Conflict, "itip.stale_sequence");
        // The same SEQUENCE with an older DTSTAMP is stale too (RFC 5546 §2.1.5).
        await (await PostItipAsync(frode, Reply(second, "DECLINED", App.Clock.GetCurrentInstant() - Duration.FromMinutes(5)))).ProblemAsync(HttpStatusCode.Conflict, "itip.stale_reply");

        Assert.Equal(before, await App.FingerprintAsync());
        var frantz = (await (await frode.GetAsync($"/api/v1/appointments/{id}", Ct)).JsonAsync(HttpStatusCode.OK)).Participant(personId: await App.IdAsync("Frantz Olsen"));
        Assert.Equal(1, frantz.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task UnknownUid_UninvitedAttendee_OtherOwner_Malformed_Huge_AllRefused()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        using var kari = await App.ClientForAsync("kari");
        await CreateWithFrantzAsync(frode);
        var ics = (await SendAndReadAsync("frantz.olsen@nordicfisk.example")).Part("text/calendar").GetProperty("text").GetString()!;
        var now = App.Clock.GetCurrentInstant();
        var before = await App.FingerprintAsync();

        await (await PostItipAsync(frode, Reply(ics, "ACCEPTED", now, uid: "no-such-meeting@example.com"))).ProblemAsync(HttpStatusCode.NotFound, "itip.unknown_uid");
        await (await PostItipAsync(frode, Reply(ics, "ACCEPTED", now, attendee: "mailto:liv.berg@nordicfisk.example"))).ProblemAsync(HttpStatusCode.Forbidden, "itip.not_invited");
        await (await PostItipAsync(frode, Reply(ics, "ACCEPTED", now, attendee: "mailto:mallory@evil.example"))).ProblemAsync(HttpStatusCode.Forbidden, "itip.not_invited");
        await (await PostItipAsync(kari, Reply(ics, "DECLINED", now))).ProblemAsync(HttpStatusCode.NotFound, "itip.unknown_uid");
        await (await PostItipAsync(frode, Reply(ics, "ACCEPTED", now, sequence: 7))).ProblemAsync(HttpStatusCode.BadRequest, "itip.unknown_sequence");
        await (await PostItipAsync(frode, Reply(ics, "TENTATIVE", now))).ProblemAsync(HttpStatusCode.BadRequest, "itip.unsupported_partstat");
        await (await PostItipAsync(frode, ics)).ProblemAsync(HttpStatusCode.BadRequest, "itip.not_reply");
        await (await PostItipAsync(frode, "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x\r\n")).ProblemAsync(HttpStatusCode.BadRequest, "itip.malformed");
        await (await PostItipAsync(frode, "not a calendar at all")).ProblemAsync(HttpStatusCode.BadRequest, "itip.malformed");
        var huge = Reply(ics, "ACCEPTED", now, comment: new string('x', 1024 * 1024));
        await (await PostItipAsync(frode, huge)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "itip.too_large");
        using var json = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        await (await frode.PostAsync("/api/v1/itip", json, Ct)).ProblemAsync(HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");

        Assert.Equal(before, await App.FingerprintAsync());
    }

    [Fact]
    public async Task ForgedOrExpiredRsvpToken_ChangesNothing()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        using var browser = App.CreateClient();
        var before = await App.FingerprintAsync();

        await (await browser.PostAsync("/rsvp/forged-token-that-was-never-issued/accept", null, Ct)).ProblemAsync(HttpStatusCode.NotFound, "rsvp.not_found");
        await (await browser.GetAsync("/rsvp/forged", Ct)).ProblemAsync(HttpStatusCode.NotFound, "rsvp.not_found");
        Assert.Equal(before, await App.FingerprintAsync());

        // A meeting that is already over when the link is used: the link has expired.
        var past = new DateTimeOffset(2029, 5, 2, 9, 0, 0, TimeSpan.Zero);
        var created = await (await frode.PostJsonAsync("/api/v1/appointments", new
        {
            title = "Last month's visit",
            start = past.Iso(),
            end = past.AddHours(1).Iso(),
            participants = new object[] { new { personId = await App.IdAsync("Frantz Olsen") } },
        })).JsonAsync(HttpStatusCode.Created);
        var link = RsvpLink(await SendAndReadAsync("frantz.olsen@nordicfisk.example"));
        before = await App.FingerprintAsync();

        await (await browser.PostAsync(link + "/decline", null, Ct)).ProblemAsync(HttpStatusCode.Forbidden, "rsvp.expired");
        await (await browser.GetAsync(link, Ct)).ProblemAsync(HttpStatusCode.Forbidden, "rsvp.expired");

        Assert.Equal(before, await App.FingerprintAsync());
        Assert.Equal(1, (await (await frode.GetAsync($"/api/v1/appointments/{created.GetProperty("id").GetInt32()}", Ct)).JsonAsync(HttpStatusCode.OK))
            .Participant(personId: await App.IdAsync("Frantz Olsen")).GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task RsvpAfterRemoval_OrCancel_IsRefused()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        using var browser = App.CreateClient();
        var (id, _) = await CreateWithFrantzAsync(frode);
        var link = RsvpLink(await SendAndReadAsync("frantz.olsen@nordicfisk.example"));
        var meeting = await (await frode.GetAsync($"/api/v1/appointments/{id}", Ct)).JsonAsync(HttpStatusCode.OK);
        var row = meeting.Participant(personId: await App.IdAsync("Frantz Olsen")).GetProperty("rowId").GetInt32();

        await (await frode.DeleteAsync($"/api/v1/appointments/{id}/participants/{row}", Ct)).JsonAsync(HttpStatusCode.OK);
        var cancel = await SendAndReadAsync("frantz.olsen@nordicfisk.example");
        Assert.Equal("CANCEL", cancel.Calendar.GetProperty("method").GetString());
        Assert.Equal(["mailto:frantz.olsen@nordicfisk.example"], cancel.Event.GetProperty("attendees").EnumerateArray().Select(a => a.GetProperty("address").GetString()));

        await (await browser.PostAsync(link + "/accept", null, Ct)).ProblemAsync(HttpStatusCode.Forbidden, "rsvp.not_invited");
    }
}

public sealed class ItipHostileTests_Sqlite(ConveneApp app) : ItipHostileTests(app), IClassFixture<ConveneApp>;

public sealed class ItipHostileTests_Postgres(PostgresConveneApp app) : ItipHostileTests(app), IClassFixture<PostgresConveneApp>;
