using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Convene.Web.Api;

namespace Convene.Web.Hosting;

/// <summary>How many sign-in attempts are allowed (<c>Convene:LoginThrottling</c>).</summary>
public sealed class LoginThrottlingOptions
{
    /// <summary>Attempts per user name and window, whoever makes them (guessing one user's password).</summary>
    public int PerUserName { get; set; } = 10;

    /// <summary>Attempts per client address and window, for any user names (spraying many users).</summary>
    public int PerAddress { get; set; } = 100;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Throttles password sign-in (<c>POST /api/v1/auth/token</c> and the browser's <c>POST /api/v1/auth/session</c>):
/// fixed windows per user name and per client address, from the framework's System.Threading.RateLimiting. A refused
/// attempt is 429 with <c>Retry-After</c> (RFC 9110 §10.2.3, RFC 6585 §4) and the problem code
/// <c>auth.throttled</c>; the password is never looked at, let alone logged.
/// </summary>
/// <remarks>
/// An endpoint filter rather than the rate-limiting middleware: it runs after the body is bound, so the user name is
/// known without reading the body twice. Every attempt counts, successful or not, so that a correct guess is not
/// revealed by being the only one let through. The client address is the connection's: behind a proxy, configure
/// forwarded headers first, or every client shares the proxy's budget.
/// </remarks>
public sealed class LoginThrottle : IDisposable
{
    public const string Code = "auth.throttled";
    private const int MaxUserNameKey = 200;

    private readonly PartitionedRateLimiter<string> _byUser;
    private readonly PartitionedRateLimiter<string> _byAddress;

    public LoginThrottle(Microsoft.Extensions.Options.IOptions<LoginThrottlingOptions> options)
    {
        var o = options.Value;
        _byUser = Create(o.PerUserName, o.WindowSeconds);
        _byAddress = Create(o.PerAddress, o.WindowSeconds);
    }

    /// <summary>Takes one attempt for the address and the user name; when refused, how long to wait.</summary>
    public TimeSpan? TryAttempt(string? userName, IPAddress? address)
    {
        using var byAddress = _byAddress.AttemptAcquire(address?.ToString() ?? "unknown");
        if (!byAddress.IsAcquired)
        {
            return RetryAfter(byAddress);
        }

        // User names are case-insensitive (COLLATE NOCASE): "Frode" and "frode" share one budget.
        var key = (userName ?? "").Trim().ToUpperInvariant();
        using var byUser = _byUser.AttemptAcquire(key.Length > MaxUserNameKey ? key[..MaxUserNameKey] : key);
        return byUser.IsAcquired ? null : RetryAfter(byUser);
    }

    public void Dispose()
    {
        _byUser.Dispose();
        _byAddress.Dispose();
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1);

    private static PartitionedRateLimiter<string> Create(int permits, int windowSeconds) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromSeconds(Math.Max(1, windowSeconds)),
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);
}

/// <summary>Applies <see cref="LoginThrottle"/> to a sign-in endpoint whose body is a <see cref="TokenRequest"/>.</summary>
public sealed class LoginThrottleFilter(LoginThrottle throttle, ILogger<LoginThrottleFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<TokenRequest>().FirstOrDefault();
        var address = context.HttpContext.Connection.RemoteIpAddress;
        if (throttle.TryAttempt(request?.UserName, address) is not { } wait)
        {
            return await next(context);
        }

        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        // The user name and address only: enough to see an attack, nothing that could sign anybody in.
        logger.LogWarning("Sign-in throttled for user name {UserName} from {Address}; retry after {Seconds} s", Truncate(request?.UserName), address, seconds);
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many sign-in attempts",
            detail: $"Too many sign-in attempts for this user name or from this address; try again in {seconds.ToString(CultureInfo.InvariantCulture)} s.",
            extensions: new Dictionary<string, object?> { ["code"] = LoginThrottle.Code });
    }

    private static string? Truncate(string? value) => value is { Length: > 100 } ? value[..100] + "…" : value;
}

public static class LoginThrottlingExtensions
{
    public static IServiceCollection AddConveneLoginThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LoginThrottlingOptions>(configuration.GetSection("Convene:LoginThrottling"));
        services.AddSingleton<LoginThrottle>();
        return services;
    }
}
