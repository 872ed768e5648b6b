using System.Net;
using System.Net.Sockets;
using System.Text;
using Convene.IntegrationTests.Infrastructure;
using Convene.Persistence;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Convene.IntegrationTests.Infrastructure.SseReader;

namespace Convene.IntegrationTests.Reliability;

/// <summary>The server running one use case at a time with one request waiting, so the tests can fill both.</summary>
public class OneAtATimeApp : ConveneApp
{
    internal static void OneAtATime(IWebHostBuilder builder)
    {
        builder.UseSetting("Convene:Concurrency:MaxConcurrentRequests", "1");
        builder.UseSetting("Convene:Concurrency:QueueLimit", "1");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        OneAtATime(builder);
    }
}

/// <summary><see cref="OneAtATimeApp"/> on PostgreSQL.</summary>
public class PostgresOneAtATimeApp : PostgresConveneApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        OneAtATimeApp.OneAtATime(builder);
    }
}

/// <summary>
/// Requests take turns (RequestConcurrency, docs/adr/0030): over the limit they wait in arrival order; over the queue
/// they are refused with 503 problem+json and Retry-After, having changed nothing; a live event stream or a client
/// that sends its body slowly holds no turn. Each test takes the server's only turn itself, so that what waits is known.
/// </summary>
public abstract class RequestConcurrencyTests(ConveneApp app) : ApiTestBase(app)
{
    private RequestConcurrency Concurrency => App.Services.GetRequiredService<RequestConcurrency>();

    private async Task WaitUntilQueuedAsync(int expected, CancellationToken ct)
    {
        while (Concurrency.Statistics.CurrentQueuedCount != expected)
        {
            await Task.Delay(20, ct);
        }
    }

    [Fact]
    public async Task RequestsOverTheLimit_WaitTheirTurn_AndOverTheQueue_Get503WithRetryAfter_AndChangeNothing()
    {
        using var deadline = Deadline();
        var ct = deadline.Token;
        using var frode = await App.ClientForAsync("frode");
        var slot = App.NextSlot();
        var meeting = new { title = "Taking turns", start = slot.Start.Iso(), end = slot.End.Iso() };
        var before = await App.FingerprintAsync();

        Task<HttpResponseMessage> waiting;
        using (var turn = await Concurrency.EnterAsync(ct))
        {
            Assert.True(turn.IsAcquired);
            waiting = frode.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative), ct);
            await WaitUntilQueuedAsync(1, ct);

            var refused = await frode.PostJsonAsync("/api/v1/appointments", meeting);

            await refused.ProblemAsync(HttpStatusCode.ServiceUnavailable, RequestConcurrency.Code);
            Assert.Equal(TimeSpan.FromSeconds(RequestConcurrency.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
            Assert.False(waiting.IsCompleted);
            Assert.Equal(before, await App.FingerprintAsync());
        }

        // The turn is free: the waiting request runs, and the refused one succeeds when sent again.
        var me = await (await waiting).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(await App.IdAsync("frode"), me.GetProperty("id").GetInt32());
        (await frode.PostJsonAsync("/api/v1/appointments", meeting)).EnsureSuccessStatusCode();
        Assert.Equal(1, Concurrency.Statistics.CurrentAvailablePermits);
    }

    [Fact]
    public async Task AnOpenEventStream_HoldsNoTurn()
    {
        using var deadline = Deadline();
        var ct = deadline.Token;
        using var frode = await App.ClientForAsync("frode");
        await using var stream = await ListenAsync(frode, ct);

        Assert.Equal(1, Concurrency.Statistics.CurrentAvailablePermits);
        (await frode.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative), ct)).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("/api/v1/appointments", "application/json", "{\"title\":\"Slow\",")]
    [InlineData("/api/v1/itip", "text/calendar", "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n")]
    [InlineData("/rsvp/not-a-token/decline", "application/x-www-form-urlencoded", "reason=Slow")]
    public async Task AClientSendingItsBodySlowly_HoldsNoTurn(string path, string contentType, string part)
    {
        using var deadline = Deadline();
        var ct = deadline.Token;
        using var frode = await App.ClientForAsync("frode");
        var token = frode.DefaultRequestHeaders.Authorization!.Parameter;
        using var slow = new TcpClient();
        await slow.ConnectAsync(IPAddress.Loopback, App.BaseAddress.Port, ct);
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nContent-Type: {contentType}\r\nContent-Length: 4000\r\n\r\n";
        await slow.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head + part), ct);

        // The server has the request and is reading its body (Kestrel gives a slow body 5 s of grace before it drops
        // the connection, so this runs well inside it); the turn is free and everybody else is served.
        await Task.Delay(200, ct);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, Concurrency.Statistics.CurrentAvailablePermits);
            (await frode.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative), ct)).EnsureSuccessStatusCode();
        }

        Assert.True(slow.Connected);
    }

    [Fact]
    public async Task TheOpenApiDocument_SaysThatAUseCaseMayAnswer503()
    {
        using var anonymous = App.CreateClient();
        var document = await (await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/appointments").GetProperty("post").GetProperty("responses").TryGetProperty("503", out _));
        Assert.True(paths.GetProperty("/api/v1/diary").GetProperty("get").GetProperty("responses").TryGetProperty("503", out _));
        Assert.True(paths.GetProperty("/rsvp/{token}").GetProperty("get").GetProperty("responses").TryGetProperty("503", out _));
    }

    [Fact]
    public void TheDefault_IsOnePerCorePlusOneOnSqlite_AndFourPerCoreOnPostgres()
    {
        var defaults = Options.Create(new RequestConcurrencyOptions());
        using var sqlite = new RequestConcurrency(defaults, DatabaseProvider.Sqlite);
        using var postgres = new RequestConcurrency(defaults, DatabaseProvider.Postgres);

        Assert.Equal((Environment.ProcessorCount + 1, 4 * Environment.ProcessorCount), (sqlite.PermitLimit, postgres.PermitLimit));
    }
}

public sealed class RequestConcurrencyTests_Sqlite(OneAtATimeApp app) : RequestConcurrencyTests(app), IClassFixture<OneAtATimeApp>;

public sealed class RequestConcurrencyTests_Postgres(PostgresOneAtATimeApp app) : RequestConcurrencyTests(app), IClassFixture<PostgresOneAtATimeApp>;
