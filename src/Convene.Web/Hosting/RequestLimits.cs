using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Convene.Web.Hosting;

/// <summary>
/// Kestrel's limits against oversized requests and slow clients (issue 8, item 4), stated here rather than left to the
/// defaults so they are reviewed: the 1 MB body limit (Program.cs) covers JSON and iCalendar bodies alike and answers
/// 413 problem+json before anything is read into a use case; a client must send its headers within 10 s and its body
/// at 240 bytes/s after a 5 s grace, or Kestrel closes the connection; idle kept-alive connections close after 60 s.
/// Kestrel reads connections asynchronously, so connections that trickle headers (slowloris) hold no thread and cannot
/// starve other clients (Security/SlowClientTests).
/// </summary>
public static class RequestLimits
{
    public static IWebHostBuilder ConfigureConveneRequestLimits(this IWebHostBuilder builder) =>
        builder.ConfigureKestrel(options =>
        {
            var limits = options.Limits;
            limits.MaxRequestHeadersTotalSize = 32 * 1024;
            limits.MaxRequestHeaderCount = 100;
            limits.MaxRequestLineSize = 8 * 1024;
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
            limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        });

    /// <summary>
    /// An answer given without reading a body that is over the limit (415 for a wrong content type, 401, 404 …) says
    /// <c>Connection: close</c>. Kestrel cannot drain such a body after the answer and drops the connection; without
    /// the header the client keeps it for its next request, which then gets no answer at all (found by the iTIP fuzz:
    /// a 1.1 MB text/plain POST /itip, then the next request on that connection failed). RFC 9112 §9.6.
    /// </summary>
    public static IApplicationBuilder UseConveneOversizedBodyClose(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                if (http.Request.ContentLength is { } length && http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } max && length > max)
                {
                    http.Response.Headers.Connection = "close";
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}
