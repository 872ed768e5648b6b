using System.Globalization;
using System.Net;
using Convene.IntegrationTests.Infrastructure;
using static Convene.IntegrationTests.Infrastructure.SseReader;

namespace Convene.IntegrationTests.Api;

/// <summary>GET /api/v1/events: notifications and diary changes over server-sent events.</summary>
public abstract class EventStreamTests(ConveneApp app) : ApiTestBase(app)
{
    private async Task<int> CreateAsync(HttpClient owner, string title, params string[] invitees)
    {
        var slot = App.NextSlot();
        var participants = new List<object>();
        foreach (var invitee in invitees)
        {
            participants.Add(new { associateId = await App.IdAsync(invitee) });
        }

        var meeting = await (await owner.PostJsonAsync("/api/v1/appointments", new { title, start = slot.Start.Iso(), end = slot.End.Iso(), participants })).JsonAsync(HttpStatusCode.Created);
        return meeting.GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task AnInviteeAccepting_IsADiaryEventForTheOwner_ThoughNoNotification()
    {
        using var deadline = Deadline();
        var ct = deadline.Token;
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var id = await CreateAsync(frode, "Accepted live", "ingrid");
        await using var stream = await ListenAsync(frode, ct);

        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/accept")).JsonAsync(HttpStatusCode.OK);

        // The next event of any kind (pings aside) is the diary change: accepting raises no notification for frode.
        SseEvent next;
        do
        {
            next = await stream.NextAsync(ct);
        }
        while (next.Type == "ping");
        Assert.Equal("diary", next.Type);
        Assert.Equal(id, next.Json.GetProperty("appointmentId").GetInt32());
        Assert.False(next.Json.GetProperty("resync").GetBoolean());
        Assert.Null(next.Id); // diary events leave Last-Event-ID at the last notification
    }

    [Fact]
    public async Task ADecline_IsANotificationAndADiaryEvent_AndOthersHearNothingOfIt()
    {
        using var deadline = Deadline();
        var ct = deadline.Token;
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        using var kari = await App.ClientForAsync("kari");
        var id = await CreateAsync(frode, "Declined live", "ingrid");
        await using var frodes = await ListenAsync(frode, ct);
        await using var karis = await ListenAsync(kari, ct);

        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/decline", new { reason = "On leave" })).JsonAsync(HttpStatusCode.OK);
        var notification = await frodes.NextAsync("notification", ct);
        Assert.Equal(("InvitationDeclined", id), (notification.Json.GetProperty("kind").GetString(), notification.Json.GetProperty("appointmentId").GetInt32()));
        Assert.Equal(notification.Json.GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture), notification.Id);
        Assert.Equal(id, (await frodes.NextAsync("diary", ct)).Json.GetProperty("appointmentId").GetInt32());

        // kari is in neither meeting: the first diary event she hears is of the meeting frode then invites her to.
        var hers = await CreateAsync(frode, "Kari's turn", "kari");
        Assert.Equal(hers, (await karis.NextAsync("diary", ct)).Json.GetProperty("appointmentId").GetInt32());
    }

    [Fact]
    public async Task MovingAndRemovingAParticipant_ReachTheirDiaries()
    {
        using var deadline = Deadline();
        var ct = deadline.Token;
        using var frode = await App.ClientForAsync("frode");
        using var kari = await App.ClientForAsync("kari");
        var id = await CreateAsync(frode, "Moved then removed", "kari");
        await using var karis = await ListenAsync(kari, ct);
        var slot = App.NextSlot();

        await (await frode.PatchJsonAsync($"/api/v1/appointments/{id}", new { start = slot.Start.Iso(), end = slot.End.Iso() })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, (await karis.NextAsync("diary", ct)).Json.GetProperty("appointmentId").GetInt32());

        var meeting = await (await frode.GetAsync($"/api/v1/appointments/{id}", ct)).JsonAsync(HttpStatusCode.OK);
        var karisRow = meeting.Participant(await App.IdAsync("kari")).GetProperty("rowId").GetInt32();
        var removed = await frode.DeleteAsync($"/api/v1/appointments/{id}/participants/{karisRow}", ct);
        Assert.True(removed.IsSuccessStatusCode, $"removing kari answered {removed.StatusCode}");
        Assert.Equal(id, (await karis.NextAsync("diary", ct)).Json.GetProperty("appointmentId").GetInt32());
    }

    [Fact]
    public async Task AReconnectWithLastEventId_SendsTheMissedNotifications_AndTellsTheClientToResync()
    {
        using var deadline = Deadline();
        var ct = deadline.Token;
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var existing = await (await ingrid.GetAsync("/api/v1/notifications", ct)).JsonAsync(HttpStatusCode.OK);
        var lastSeen = existing.EnumerateArray().Select(n => n.GetProperty("id").GetInt32()).DefaultIfEmpty(0).Max();
        await CreateAsync(frode, "While away", "ingrid");

        ingrid.DefaultRequestHeaders.Add("Last-Event-ID", lastSeen.ToString(CultureInfo.InvariantCulture));
        await using var stream = await SseReader.OpenAsync(ingrid, "/api/v1/events", ct);

        var resync = await stream.NextAsync("diary", ct);
        Assert.True(resync.Json.GetProperty("resync").GetBoolean());
        var missed = await stream.NextAsync("notification", ct);
        Assert.Equal("NewMeeting", missed.Json.GetProperty("kind").GetString());
        Assert.Contains("While away", missed.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_WithoutToken_Is401()
    {
        using var anonymous = App.CreateClient();

        await (await anonymous.GetAsync("/api/v1/events", TestContext.Current.CancellationToken)).ProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
    }
}

public sealed class EventStreamTests_Sqlite(ConveneApp app) : EventStreamTests(app), IClassFixture<ConveneApp>;

public sealed class EventStreamTests_Postgres(PostgresConveneApp app) : EventStreamTests(app), IClassFixture<PostgresConveneApp>;
