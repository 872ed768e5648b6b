using System.Net;
using System.Net.Sockets;
using System.Text;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Security;

/// <summary>
/// Oversized bodies and slow clients (issue 8, item 4) against the real Kestrel server: a body over the 1 MB limit is
/// refused with 413 problem+json and writes nothing; a crowd of connections that trickle their headers (slowloris)
/// does not keep a normal client from being served.
/// </summary>
public abstract class SlowClientTests(ConveneApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task AnOversizedMeeting_Is413ProblemJson_AndWritesNothing()
    {
        using var frode = await App.ClientForAsync("frode");
        var slot = App.NextSlot();
        var before = await App.FingerprintAsync();

        var response = await frode.PostJsonAsync("/api/v1/appointments", new { title = "Huge", description = new string('x', 2 * 1024 * 1024), start = slot.Start.Iso(), end = slot.End.Iso() });

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await App.FingerprintAsync());
    }

    [Fact]
    public async Task ConnectionsThatTrickleTheirHeaders_DoNotStopANormalClient()
    {
        var ct = TestContext.Current.CancellationToken;
        var slow = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 300; i++)
            {
                var client = new TcpClient();
                slow.Add(client);
                await client.ConnectAsync(IPAddress.Loopback, App.BaseAddress.Port, ct);
                // A request line and part of a header, never finished.
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET /api/v1/auth/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-{i}: "), ct);
            }

            // One more byte each, as a slowloris client does to look alive.
            foreach (var client in slow)
            {
                await client.GetStream().WriteAsync("a"u8.ToArray(), ct);
            }

            using var frode = await App.ClientForAsync("frode");
            var me = await (await frode.GetAsync("/api/v1/auth/me", ct)).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(await App.IdAsync("frode"), me.GetProperty("id").GetInt32());
        }
        finally
        {
            foreach (var client in slow)
            {
                client.Dispose();
            }
        }
    }
}

public sealed class SlowClientTests_Sqlite(ConveneApp app) : SlowClientTests(app), IClassFixture<ConveneApp>;

public sealed class SlowClientTests_Postgres(PostgresConveneApp app) : SlowClientTests(app), IClassFixture<PostgresConveneApp>;
