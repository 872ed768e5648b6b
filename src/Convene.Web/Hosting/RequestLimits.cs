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
}
