using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Convene.Web.Hosting;

/// <summary>
/// Caps the open live event streams (<c>GET /api/v1/events</c>, <c>/notifications/stream</c>): at most
/// <c>Convene:EventStreams:PerUser</c> (8) per associate and <c>Convene:EventStreams:Total</c> (2,000) per process.
/// Each open stream holds a connection, two signal subscriptions and a timer, and costs a database read per change, so
/// one user opening streams in a loop could otherwise exhaust the server. Over the cap the new stream is refused:
/// 429 <c>events.too_many_streams</c> (per user) or 503 <c>events.capacity</c> (the process), both problem+json with
/// <c>Retry-After</c>; open streams are never cut. See docs/adr/0022-event-stream-caps.md.
/// </summary>
public sealed class EventStreamGate(IConfiguration configuration)
{
    /// <summary>How long a refused client is asked to wait (RFC 9110 §10.2.3), in seconds.</summary>
    public const int RetryAfterSeconds = 60;

    private readonly Dictionary<int, int> _perUser = [];
    private readonly Lock _lock = new();
    private int _total;

    public int PerUser => Math.Max(1, configuration.GetValue("Convene:EventStreams:PerUser", 8));

    public int Total => Math.Max(1, configuration.GetValue("Convene:EventStreams:Total", 2000));

    /// <summary>Open streams of one associate (for tests and diagnostics).</summary>
    public int OpenFor(int associateId)
    {
        lock (_lock)
        {
            return _perUser.GetValueOrDefault(associateId);
        }
    }

    /// <summary>A lease for one more stream of <paramref name="associateId"/>, or the problem that refuses it.</summary>
    public (IDisposable? Lease, ProblemHttpResult? Refusal) TryOpen(int associateId)
    {
        var perUser = PerUser;
        var total = Total;
        lock (_lock)
        {
            var mine = _perUser.GetValueOrDefault(associateId);
            if (mine >= perUser)
            {
                return (null, Refuse(StatusCodes.Status429TooManyRequests, "events.too_many_streams",
                    $"You have {perUser} live event streams open, the most allowed; close one (another tab or device) or poll GET /api/v1/notifications."));
            }

            if (_total >= total)
            {
                return (null, Refuse(StatusCodes.Status503ServiceUnavailable, "events.capacity",
                    "The server has as many live event streams open as it allows; retry later or poll GET /api/v1/notifications."));
            }

            _perUser[associateId] = mine + 1;
            _total++;
        }

        return (new Lease(this, associateId), null);
    }

    private void Close(int associateId)
    {
        lock (_lock)
        {
            var mine = _perUser.GetValueOrDefault(associateId) - 1;
            if (mine <= 0)
            {
                _perUser.Remove(associateId);
            }
            else
            {
                _perUser[associateId] = mine;
            }

            _total--;
        }
    }

    private static ProblemHttpResult Refuse(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: status == 429 ? "Too many live event streams." : ErrorMapping.TitleFor(status),
            type: status == 429 ? "https://tools.ietf.org/html/rfc6585#section-4" : ErrorMapping.TypeFor(status),
            extensions: new Dictionary<string, object?> { ["code"] = code, ["retryAfter"] = RetryAfterSeconds });

    private sealed class Lease(EventStreamGate gate, int associateId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Close(associateId);
            }
        }
    }
}

public static class EventStreamLimitsExtensions
{
    public static IServiceCollection AddConveneEventStreamLimits(this IServiceCollection services) =>
        services.AddSingleton<EventStreamGate>();

    /// <summary>
    /// Takes a stream slot for the caller, released when the response is over (the HttpContext is disposed, whether
    /// the client closed the stream or the server stopped); or answers the refusal with <c>Retry-After</c>.
    /// </summary>
    public static ProblemHttpResult? OpenEventStream(this HttpContext context, int associateId)
    {
        var (lease, refusal) = context.RequestServices.GetRequiredService<EventStreamGate>().TryOpen(associateId);
        if (lease is not null)
        {
            context.Response.RegisterForDispose(lease);
            return null;
        }

        context.Response.Headers.RetryAfter = EventStreamGate.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return refusal;
    }
}
