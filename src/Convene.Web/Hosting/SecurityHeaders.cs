namespace Convene.Web.Hosting;

/// <summary>
/// Security headers that complete the ones <see cref="SpaHosting"/> sets on every response (nosniff, Referrer-Policy,
/// X-Frame-Options, CSP with frame-ancestors): Permissions-Policy, Strict-Transport-Security when the request came over
/// HTTPS (RFC 6797 §7.2: never over plain HTTP), and Cache-Control: no-store on API answers that do not choose their own
/// caching — they carry one user's diary and tokens, which no shared or browser cache may keep (RFC 9111 §5.2.2.5).
/// </summary>
public static class SecurityHeaders
{
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    public static WebApplication UseConveneSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers["Permissions-Policy"] = PermissionsPolicy;
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.OnStarting(() =>
                {
                    if (!context.Response.Headers.ContainsKey("Cache-Control"))
                    {
                        context.Response.Headers.CacheControl = "no-store";
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }
}
