using System.Net;
using Convene.IntegrationTests.Infrastructure;
using NodaTime;

namespace Convene.IntegrationTests.Calendar;

/// <summary>
/// Issue 9 "Meetings keep their answers": an accepted assignment sends external persons a REQUEST with the new
/// ORGANIZER, the same UID and SEQUENCE + 1 (RFC 5546 §2.1.4, §3.2.2); the assignment itself sends nothing; their
/// REPLY to the new version is matched as before.
/// </summary>
public abstract class AssignmentImipTests(ConveneApp app) : ImipTestBase(app)
{
    [Fact]
    public async Task AcceptedAssignment_SendsARequestWithTheNewOrganizer_SameUid_NextSequence()
    {
        Smtp.Start();
        using var frode = await App.ClientForAsync("frode");
        using var kari = await App.ClientForAsync("kari");
        var (id, _) = await CreateWithFrantzAsync(frode);
        var first = await SendAndReadAsync("frantz.olsen@nordicfisk.example");
        var uid = first.Event.GetProperty("uid").GetString();

        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = await App.IdAsync("kari") })).JsonAsync(HttpStatusCode.OK);
        await (await kari.PostJsonAsync($"/api/v1/appointments/{id}/accept")).JsonAsync(HttpStatusCode.OK);
        var update = await SendAndReadAsync("frantz.olsen@nordicfisk.example");

        Assert.Equal(2, Smtp.Received.Count(m => m.To.Contains("frantz.olsen@nordicfisk.example"))); // the assignment alone sent nothing
        Assert.Equal("REQUEST", update.Part("text/calendar").GetProperty("method").GetString());
        Assert.Equal((uid, 1), (update.Event.GetProperty("uid").GetString(), update.Event.GetProperty("sequence").GetInt32()));
        var organizer = update.Event.GetProperty("organizer")[0];
        Assert.Equal(("mailto:kari@convene.example", "Kari Lunde"), (organizer.GetProperty("address").GetString(), organizer.GetProperty("cn").GetString()));
        Assert.Contains("kari@convene.example", update.Message.GetProperty("reply_to").GetString(), StringComparison.Ordinal);
        Assert.Equal("NEEDS-ACTION", Attendee(update.Event, "mailto:frantz.olsen@nordicfisk.example").GetProperty("partstat").GetString());

        var ics = update.Part("text/calendar").GetProperty("text").GetString()!;
        var accepted = await PostItipAsync(kari, Reply(ics, "ACCEPTED", App.Clock.GetCurrentInstant() + Duration.FromSeconds(5)));
        Assert.Equal(1, (await accepted.JsonAsync(HttpStatusCode.OK)).GetProperty("statusCode").GetInt32());
        Assert.Equal("ACCEPTED", (await EmailStateAsync(kari, id)).GetProperty("recipients")[0].GetProperty("partStat").GetString());
    }
}

public sealed class AssignmentImipTests_Sqlite(ConveneApp app) : AssignmentImipTests(app), IClassFixture<ConveneApp>;

public sealed class AssignmentImipTests_Postgres(PostgresConveneApp app) : AssignmentImipTests(app), IClassFixture<PostgresConveneApp>;
