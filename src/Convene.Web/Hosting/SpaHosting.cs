using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace Convene.Web.Hosting;

/// <summary>
/// Serves the browser app (ClientApp, built by Vite into wwwroot) with a strict Content-Security-Policy: scripts only
/// from this origin, no inline script at all; inline style only for the one &lt;style&gt; element FullCalendar injects,
/// which carries the per-response nonce the page publishes in &lt;meta name="csp-nonce"&gt; (CSP Level 3 §6.7.2.3).
/// </summary>
public static class SpaHosting
{
    private const string NoncePlaceholder = "__CSP_NONCE__";

    public static WebApplication UseConveneSpa(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            // Responses that are not the page (JSON, assets) may load nothing and be framed by nobody.
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            return next(context);
        });

        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                // Vite puts a content hash in every asset name under /assets: cache them for good (RFC 9111 §5.2.2).
                if (file.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal))
                {
                    file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                }
            },
        });

        app.MapGet("/", ServeIndexAsync).ExcludeFromDescription();
        app.MapGet("/index.html", ServeIndexAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task ServeIndexAsync(HttpContext context, IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo("index.html");
        if (!file.Exists || file is NotFoundFileInfo)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("The browser app is not built: run `dotnet build src/Convene.Web` (it runs npm ci and the Vite build).", context.RequestAborted);
            return;
        }

        string html;
        await using (var stream = file.CreateReadStream())
        using (var reader = new StreamReader(stream))
        {
            html = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            $"style-src 'self' 'nonce-{nonce}'",
            "img-src 'self'",
            // FullCalendar's injected stylesheet embeds its arrow icon font as a data: URL; fonts cannot run script.
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
        headers.CacheControl = "no-store";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html.Replace(NoncePlaceholder, nonce, StringComparison.Ordinal), context.RequestAborted);
    }
}
