using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Convene.Web.Hosting;

/// <summary>
/// Turns a request the framework could not read (malformed JSON, wrong types, unknown fields) into a 400 problem, and
/// an overloaded database (no pooled connection free in time, a command timeout) into 503 with Retry-After: the
/// transaction was rolled back, nothing was written, and the client may retry (docs/adr/0018).
/// </summary>
internal sealed class RequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (IsTimeout(exception))
        {
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = "1";
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = ErrorMapping.TitleFor(StatusCodes.Status503ServiceUnavailable),
                    Type = ErrorMapping.TypeFor(StatusCodes.Status503ServiceUnavailable),
                    Detail = "The database is busy; nothing was changed. Retry in a moment.",
                    Extensions = { ["code"] = ErrorMapping.CodeFor(StatusCodes.Status503ServiceUnavailable) },
                },
                Exception = exception,
            });
        }

        if (exception is not BadHttpRequestException bad)
        {
            return false; // a bug: the default handler answers 500 without details
        }

        var status = bad.StatusCode;
        var detail = bad.InnerException is JsonException json
            ? $"The JSON body is invalid{(json.Path is { Length: > 0 } path ? $" at {path}" : "")}: {FirstSentence(json.Message)}"
            : bad.Message;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = status,
                Title = ErrorMapping.TitleFor(status),
                Type = ErrorMapping.TypeFor(status),
                Detail = detail,
                Extensions = { ["code"] = bad.InnerException is JsonException ? "request.invalid_json" : ErrorMapping.CodeFor(status) },
            },
            Exception = exception,
        });
    }

    /// <summary>
    /// Npgsql reports an exhausted connection pool and a command timeout as an NpgsqlException around a
    /// TimeoutException; a request aborted by the client is not one (its OperationCanceledException is not).
    /// </summary>
    private static bool IsTimeout(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
