using System.Globalization;
using System.Threading.RateLimiting;
using Convene.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Convene.Web.Hosting;

/// <summary>How many requests run their use case at once (<c>Convene:Concurrency</c>).</summary>
public sealed class RequestConcurrencyOptions
{
    /// <summary>
    /// Use cases running at once; 0 (the default) chooses by database: one per core and one more on SQLite (its work is
    /// CPU in this process; the one more keeps the cores busy while a writer waits for the write lock), 4 per core on
    /// PostgreSQL (a request also waits for the database server's round trips).
    /// </summary>
    public int MaxConcurrentRequests { get; set; }

    /// <summary>Requests waiting for their turn, oldest first; one more is refused with 503 and <c>Retry-After</c>.</summary>
    public int QueueLimit { get; set; } = 2000;
}

/// <summary>
/// Admits the use cases of requests a few at a time, the others waiting in arrival order (docs/adr/0030). On two cores
/// with 50 busy clients every request used to run at once: the SQLite writer was preempted by readers while every
/// other writer queued behind it (gate held 1.6 ms for 0.8 ms of CPU, writes waited 90 ms, p99 126 ms), and each
/// request's latency depended on what ran beside it. First come, first served, a request waits about as long as any
/// other (p99 48 ms at the same throughput, docs/benchmarks.md). Applied as an endpoint filter: the slot is held from
/// the bound request to the returned result, so a client that sends its body or reads its answer slowly never holds
/// one, and a live event stream (a result that runs for hours) holds none.
/// </summary>
public sealed class RequestConcurrency : IDisposable
{
    public const string Code = "server.busy";

    /// <summary>How long a refused client is asked to wait (RFC 9110 §10.2.3), in seconds.</summary>
    public const int RetryAfterSeconds = 1;

    private readonly ConcurrencyLimiter _limiter;

    public RequestConcurrency(Microsoft.Extensions.Options.IOptions<RequestConcurrencyOptions> options, DatabaseProvider provider)
    {
        var o = options.Value;
        PermitLimit = o.MaxConcurrentRequests > 0
            ? o.MaxConcurrentRequests
            : provider == DatabaseProvider.Postgres ? 4 * Environment.ProcessorCount : Environment.ProcessorCount + 1;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = PermitLimit,
            QueueLimit = Math.Max(0, o.QueueLimit),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Use cases allowed to run at once.</summary>
    public int PermitLimit { get; }

    /// <summary>Running and waiting requests (for tests and diagnostics).</summary>
    public RateLimiterStatistics Statistics => _limiter.GetStatistics()!;

    /// <summary>Waits for a turn; a lease that is not acquired means the queue is full (answer with <see cref="Busy"/>).</summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    /// <summary>The answer when the queue is full: 503 problem+json with <c>Retry-After</c>; nothing was done.</summary>
    public static ProblemHttpResult Busy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Server busy",
            detail: "The server has more requests waiting than it queues; nothing was done. Retry shortly.",
            extensions: new Dictionary<string, object?> { ["code"] = Code });
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// On a handler that reads its own body: it takes its turn itself, after reading it (<see cref="RequestConcurrency.EnterAsync"/>),
/// so a client sending the body slowly holds no turn. Decided once, when the endpoint is built.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TakesOwnTurnAttribute : Attribute;

/// <summary>Runs an endpoint's handler in its turn (<see cref="RequestConcurrency"/>).</summary>
public sealed class RequestConcurrencyFilter(RequestConcurrency concurrency) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var lease = await concurrency.EnterAsync(context.HttpContext.RequestAborted);
        return lease.IsAcquired ? await next(context) : RequestConcurrency.Busy(context.HttpContext);
    }
}

public static class RequestConcurrencyExtensions
{
    public static IServiceCollection AddConveneRequestConcurrency(this IServiceCollection services, IConfiguration configuration, DatabaseProvider provider)
    {
        services.Configure<RequestConcurrencyOptions>(configuration.GetSection("Convene:Concurrency"));
        services.AddSingleton(sp => new RequestConcurrency(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RequestConcurrencyOptions>>(), provider));
        return services;
    }

    /// <summary>
    /// Every endpoint of <paramref name="group"/> runs its handler in turn (and says in the OpenAPI document that it may
    /// answer 503), except handlers marked <see cref="TakesOwnTurnAttribute"/>.
    /// </summary>
    public static TBuilder InTurn<TBuilder>(this TBuilder group)
        where TBuilder : IEndpointConventionBuilder =>
        group.AddEndpointFilterFactory((endpoint, next) =>
            {
                if (endpoint.MethodInfo.IsDefined(typeof(TakesOwnTurnAttribute), inherit: false))
                {
                    return next;
                }

                var filter = new RequestConcurrencyFilter(endpoint.ApplicationServices.GetRequiredService<RequestConcurrency>());
                return invocation => filter.InvokeAsync(invocation, next);
            })
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
}
