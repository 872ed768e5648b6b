using System.Net;
using Convene.IntegrationTests.Infrastructure;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Convene.IntegrationTests.Infrastructure.SseReader;

namespace Convene.IntegrationTests.Security;

/// <summary>The server with small stream caps (3 per user, 5 in all), so the tests reach them with a few streams.</summary>
public class EventStreamCapApp : ConveneApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Convene:EventStreams:PerUser", "3");
        builder.UseSetting("Convene:EventStreams:Total", "5");
    }
}

/// <summary><see cref="EventStreamCapApp"/> on PostgreSQL.</summary>
public class PostgresEventStreamCapApp : PostgresConveneApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Convene:EventStreams:PerUser", "3");
        builder.UseSetting("Convene:EventStreams:Total", "5");
    }
}

/// <summary>
/// A user opening many live event streams (GET /api/v1/events) cannot exhaust the server: a per-user and a global cap
/// refuse new streams with problem+json and Retry-After, open streams go on, and a closed stream frees its slot
/// (docs/adr/0022-event-stream-caps.md). Each test closes its streams and waits until the server has released them,
/// so the tests do not depend on their order.
/// </summary>
public abstract class EventStreamCapTests(ConveneApp app) : ApiTestBase(app)
{
    private EventStreamGate Gate => App.Services.GetRequiredService<EventStreamGate>();

    /// <summary>Waits (bounded by <paramref name="ct"/>) until the server has noticed closed streams and released their slots.</summary>
    private async Task WaitUntilOpenAsync(string user, int expected, CancellationToken ct)
    {
        var id = await App.IdAsync(user);
        while (Gate.OpenFor(id) != expected)
        {
            await Task.Delay(50, ct);
        }
    }

    private static async Task CloseAllAsync(List<SseReader> streams)
    {
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }

        streams.Clear();
    }

    [Fact]
    public async Task AUserOverTheCap_Gets429TooManyStreams_WithRetryAfter_WhileTheirOpenStreamsAndOtherUsersGoOn()
    {
        using var deadline = Deadline();
        var ct = deadline.Token;
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var open = new List<SseReader>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                open.Add(await ListenAsync(frode, ct));
            }

            using var refused = await frode.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, ct);
            var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests, "events.too_many_streams");
            Assert.Equal(TimeSpan.FromSeconds(EventStreamGate.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
            Assert.Equal(EventStreamGate.RetryAfterSeconds, problem.GetProperty("retryAfter").GetInt32());
            // The old route is the same stream and counts against the same cap.
            using var refusedToo = await frode.GetAsync("/api/v1/notifications/stream", HttpCompletionOption.ResponseHeadersRead, ct);
            await refusedToo.ProblemAsync(HttpStatusCode.TooManyRequests, "events.too_many_streams");

            // Another user is not affected, and frode's open streams still deliver.
            open.Add(await ListenAsync(ingrid, ct));
            var slot = App.NextSlot();
            await (await ingrid.PostJsonAsync("/api/v1/appointments", new
            {
                title = "Cap check",
                start = slot.Start.Iso(),
                end = slot.End.Iso(),
                participants = new[] { new { associateId = await App.IdAsync("frode") } },
            })).JsonAsync(HttpStatusCode.Created);
            foreach (var stream in open.Take(3))
            {
                Assert.Equal("NewMeeting", (await stream.NextAsync("notification", ct)).Json.GetProperty("kind").GetString());
            }
        }
        finally
        {
            await CloseAllAsync(open);
        }

        await WaitUntilOpenAsync("frode", 0, ct);
        await WaitUntilOpenAsync("ingrid", 0, ct);
    }

    [Fact]
    public async Task AClosedStream_FreesItsSlot_ForTheNextOne()
    {
        using var deadline = Deadline();
        var ct = deadline.Token;
        using var kari = await App.ClientForAsync("kari");
        var open = new List<SseReader>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                open.Add(await ListenAsync(kari, ct));
            }

            using (var refused = await kari.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, ct))
            {
                await refused.ProblemAsync(HttpStatusCode.TooManyRequests, "events.too_many_streams");
            }

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            await WaitUntilOpenAsync("kari", 2, ct);
            open.Add(await ListenAsync(kari, ct));
        }
        finally
        {
            await CloseAllAsync(open);
        }

        await WaitUntilOpenAsync("kari", 0, ct);
    }

    [Fact]
    public async Task OverTheServersCap_ANewStreamGets503Capacity_WithRetryAfter()
    {
        using var deadline = Deadline();
        var ct = deadline.Token;
        using var admin = await App.ClientForAsync("admin");
        using var ingrid = await App.ClientForAsync("ingrid");
        var open = new List<SseReader>();
        try
        {
            // 5 in all: 3 of admin's and 2 of ingrid's (each under the per-user cap of 3).
            for (var i = 0; i < 3; i++)
            {
                open.Add(await ListenAsync(admin, ct));
            }

            // Other tests of the class may still be releasing streams: wait until exactly these are open.
            await WaitUntilOpenAsync("frode", 0, ct);
            await WaitUntilOpenAsync("kari", 0, ct);
            await WaitUntilOpenAsync("ingrid", 0, ct);
            open.Add(await ListenAsync(ingrid, ct));
            open.Add(await ListenAsync(ingrid, ct));

            using var refused = await ingrid.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, ct);
            await refused.ProblemAsync(HttpStatusCode.ServiceUnavailable, "events.capacity");
            Assert.Equal(TimeSpan.FromSeconds(EventStreamGate.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
        }
        finally
        {
            await CloseAllAsync(open);
        }

        await WaitUntilOpenAsync("admin", 0, ct);
        await WaitUntilOpenAsync("ingrid", 0, ct);
    }

    [Fact]
    public void TheDefaults_AreEightPerUser_AndTwoThousandPerServer()
    {
        var defaults = new EventStreamGate(new ConfigurationBuilder().Build());
        Assert.Equal((8, 2000), (defaults.PerUser, defaults.Total));
    }
}

public sealed class EventStreamCapTests_Sqlite(EventStreamCapApp app) : EventStreamCapTests(app), IClassFixture<EventStreamCapApp>;

public sealed class EventStreamCapTests_Postgres(PostgresEventStreamCapApp app) : EventStreamCapTests(app), IClassFixture<PostgresEventStreamCapApp>;
