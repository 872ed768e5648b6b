using Convene.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Convene.Web.Hosting;

/// <summary>The one place where a Core <see cref="Error"/> becomes an HTTP problem (RFC 9457).</summary>
public static class ErrorMapping
{
    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
    };

    public static ProblemHttpResult ToProblem(this Error error)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Field is not null)
        {
            extensions["field"] = error.Field;
        }

        foreach (var (key, value) in error.Data ?? new Dictionary<string, object?>())
        {
            extensions[key] = value;
        }

        var status = StatusFor(error.Kind);
        return TypedResults.Problem(detail: error.Message, statusCode: status, title: TitleFor(status), type: TypeFor(status), extensions: extensions);
    }

    public static string TitleFor(int status) => status switch
    {
        400 => "The request is invalid.",
        401 => "Authentication is required.",
        403 => "You are not allowed to do this.",
        404 => "Not found.",
        405 => "Method not allowed.",
        409 => "The request conflicts with the current state.",
        412 => "The resource has changed.",
        413 => "The request is too large.",
        415 => "Unsupported media type.",
        503 => "The server is busy; retry.",
        _ => "An unexpected error occurred.",
    };

    // RFC 9110 §15 sections, as ASP.NET Core's own defaults use them.
    public static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };

    /// <summary>The stable code for a bare status written by the framework (no Core error behind it).</summary>
    public static string CodeFor(int status) => status switch
    {
        400 => "request.malformed",
        401 => "auth.required",
        403 => "auth.forbidden",
        404 => "route.not_found",
        405 => "route.method_not_allowed",
        413 => "request.too_large",
        415 => "request.unsupported_media_type",
        503 => "server.busy",
        _ => "server.error",
    };
}
