using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Instances;

/// <summary>
/// Two Convene.Web processes on one PostgreSQL database: what one writes the other reads at once, and a notification
/// raised on one reaches a listener on the other (LISTEN/NOTIFY), without any other broker.
/// </summary>
public sealed class SeveralInstancesTests(PostgresConveneApp app) : ApiTestBase(app), IClassFixture<PostgresConveneApp>
{
    /// <summary>A client of another instance with a bearer token it issued.</summary>
    private static async Task<HttpClient> SignedInAsync(ServerProcess instance, string userName, CancellationToken ct)
    {
        var client = new HttpClient { BaseAddress = instance.BaseAddress };
        var login = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = "demo" }, ct)).JsonAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("token").GetString());
        return client;
    }

    [Fact]
    public async Task AnswerOnInstanceB_IsReadOnInstanceA_AndItsNotificationReachesAListenerOnA()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var instanceB = await ServerProcess.StartAsync("Postgres", App.ConnectionString, ct);
        using var frodeOnA = await App.ClientForAsync("frode");
        using var ingridOnB = await SignedInAsync(instanceB, "ingrid", ct);
        var ingridId = await App.IdAsync("ingrid");
        var slot = App.NextSlot();
        var meeting = await (await frodeOnA.PostJsonAsync("/api/v1/appointments", new { title = "Two servers", start = slot.Start.Iso(), end = slot.End.Iso(), participants = new[] { new { associateId = ingridId } } })).JsonAsync(HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetInt32();

        // ingrid accepts on B; frode reads the new status on A at once.
        await (await ingridOnB.PostAsync($"/api/v1/appointments/{id}/accept", null, ct)).JsonAsync(HttpStatusCode.OK);
        var onA = await (await frodeOnA.GetAsync($"/api/v1/appointments/{id}", ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Accepted", onA.Participant(ingridId).GetProperty("status").GetString());

        // frode listens on A; ingrid declines on B; the notification raised on B arrives on A within a second.
        await using var stream = await SseReader.OpenAsync(frodeOnA, "/api/v1/notifications/stream", ct);
        await stream.NextAsync("ready", ct);
        var clock = Stopwatch.StartNew();
        using var decline = JsonContent.Create(new { reason = "Double-booked" });
        await (await ingridOnB.PostAsync($"/api/v1/appointments/{id}/decline", decline, ct)).JsonAsync(HttpStatusCode.OK);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(5));
        var received = await stream.NextAsync("notification", deadline.Token);
        clock.Stop();

        var notification = received.Json;
        Assert.Equal(("InvitationDeclined", id), (notification.GetProperty("kind").GetString(), notification.GetProperty("appointmentId").GetInt32()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the notification took {clock.Elapsed.TotalMilliseconds:0} ms to cross instances");
        Assert.Contains("Listening for notifications", instanceB.Output, StringComparison.Ordinal);
        _ = JsonSerializer.Serialize(notification);
    }

    [Fact]
    public async Task AnAcceptOnInstanceB_IsADiaryEventOnAnEventsStreamOnA_AndTheOldRouteStillWorks()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var instanceB = await ServerProcess.StartAsync("Postgres", App.ConnectionString, ct);
        using var frodeOnA = await App.ClientForAsync("frode");
        using var ingridOnB = await SignedInAsync(instanceB, "ingrid", ct);
        var slot = App.NextSlot();
        var meeting = await (await frodeOnA.PostJsonAsync("/api/v1/appointments", new { title = "Diary across servers", start = slot.Start.Iso(), end = slot.End.Iso(), participants = new[] { new { associateId = await App.IdAsync("ingrid") } } })).JsonAsync(HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetInt32();

        // frode has two tabs on A, one on each route; ingrid accepts on B (no notification for frode, a diary change)
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        await using var events = await SseReader.OpenAsync(frodeOnA, "/api/v1/events", deadline.Token);
        await using var legacy = await SseReader.OpenAsync(frodeOnA, "/api/v1/notifications/stream", deadline.Token);
        await events.NextAsync("ready", deadline.Token);
        await legacy.NextAsync("ready", deadline.Token);

        // NOTIFYs arrive in commit order: once a later meeting's event is in, the first meeting's creation is behind us.
        var markerSlot = App.NextSlot();
        var marker = (await (await frodeOnA.PostJsonAsync("/api/v1/appointments", new { title = "Marker", start = markerSlot.Start.Iso(), end = markerSlot.End.Iso() })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        while ((await events.NextAsync("diary", deadline.Token)).Json.GetProperty("appointmentId").GetInt32() != marker)
        {
        }

        while ((await legacy.NextAsync("diary", deadline.Token)).Json.GetProperty("appointmentId").GetInt32() != marker)
        {
        }

        await (await ingridOnB.PostAsync($"/api/v1/appointments/{id}/accept", null, ct)).JsonAsync(HttpStatusCode.OK);

        var onA = await events.NextAsync("diary", deadline.Token);
        Assert.Equal(id, onA.Json.GetProperty("appointmentId").GetInt32());
        Assert.Equal(id, (await legacy.NextAsync("diary", deadline.Token)).Json.GetProperty("appointmentId").GetInt32());
    }
}
