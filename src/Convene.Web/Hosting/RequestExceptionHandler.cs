using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Convene.Web.Hosting;

/// <summary>Turns a request the framework could not read (malformed JSON, wrong types, unknown fields) into a 400 problem.</summary>
internal sealed class RequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
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

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
