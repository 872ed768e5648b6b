using System.Net;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Api;

/// <summary>Live notifications over server-sent events.</summary>
public abstract class NotificationStreamTests(ConveneApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Stream_DeliversTheOwnersInvitationDeclined_AndNothingOfOthers()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30)); // a missing event fails the test instead of hanging the run
        var ct = deadline.Token;
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var slot = App.NextSlot();
        var meeting = await (await frode.PostJsonAsync("/api/v1/appointments", new { title = "Live", start = slot.Start.Iso(), end = slot.End.Iso(), participants = new[] { new { associateId = await App.IdAsync("ingrid") } } })).JsonAsync(HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetInt32();
        await using var stream = await SseReader.OpenAsync(frode, "/api/v1/notifications/stream", ct);
        await stream.NextAsync("ready", ct);

        await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/seen"); // ingrid's own business: nothing for frode
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/decline", new { reason = "On leave" })).JsonAsync(HttpStatusCode.OK);

        var received = await stream.NextAsync("notification", ct);
        var notification = received.Json;
        Assert.Equal(("InvitationDeclined", id), (notification.GetProperty("kind").GetString(), notification.GetProperty("appointmentId").GetInt32()));
        Assert.Contains("On leave", notification.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(notification.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), received.Id);
    }

    [Fact]
    public async Task Stream_AfterReconnect_SendsWhatWasMissed()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var ct = deadline.Token;
        using var frode = await App.ClientForAsync("frode");
        using var kari = await App.ClientForAsync("kari");
        var existing = await (await kari.GetAsync("/api/v1/notifications", ct)).JsonAsync(HttpStatusCode.OK);
        var lastSeen = existing.EnumerateArray().Select(n => n.GetProperty("id").GetInt32()).DefaultIfEmpty(0).Max();
        var slot = App.NextSlot();

        await (await frode.PostJsonAsync("/api/v1/appointments", new { title = "While offline", start = slot.Start.Iso(), end = slot.End.Iso(), participants = new[] { new { associateId = await App.IdAsync("kari") } } })).JsonAsync(HttpStatusCode.Created);
        kari.DefaultRequestHeaders.Add("Last-Event-ID", lastSeen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var stream = await SseReader.OpenAsync(kari, "/api/v1/notifications/stream", ct);

        var missed = (await stream.NextAsync("notification", ct)).Json;
        Assert.Equal("NewMeeting", missed.GetProperty("kind").GetString());
        Assert.Contains("While offline", missed.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_WithoutToken_Is401()
    {
        using var anonymous = App.CreateClient();

        await (await anonymous.GetAsync("/api/v1/notifications/stream", TestContext.Current.CancellationToken)).ProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
    }

    [Fact]
    public async Task Health_LiveAndReady_AreUp()
    {
        using var anonymous = App.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        var ready = await anonymous.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class NotificationStreamTests_Sqlite(ConveneApp app) : NotificationStreamTests(app), IClassFixture<ConveneApp>;

public sealed class NotificationStreamTests_Postgres(PostgresConveneApp app) : NotificationStreamTests(app), IClassFixture<PostgresConveneApp>;
