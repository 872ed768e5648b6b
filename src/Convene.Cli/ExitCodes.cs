using Convene.Core.Common;

namespace Convene.Cli;

/// <summary>
/// The one table from failure to process exit code. An HTTP status becomes an <see cref="ErrorKind"/> first, so a
/// server answer and a Core error of the same kind always exit alike.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Unexpected = 1;
    public const int Usage = 2;
    public const int Unauthorized = 3;
    public const int Forbidden = 4;
    public const int NotFound = 5;
    public const int Conflict = 6;
    public const int Unavailable = 7;

    /// <summary><c>db check</c> found rows that break the data model's invariants.</summary>
    public const int IntegrityViolated = 8;

    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => Usage,
        ErrorKind.Unauthorized => Unauthorized,
        ErrorKind.Forbidden => Forbidden,
        ErrorKind.NotFound => NotFound,
        ErrorKind.Conflict => Conflict,
        ErrorKind.PreconditionFailed => Conflict,
    };

    /// <summary>The kind behind an HTTP error status; null for 5xx and anything else that is not the caller's fault.</summary>
    public static ErrorKind? KindFor(int httpStatus) => httpStatus switch
    {
        400 => ErrorKind.Validation,
        401 => ErrorKind.Unauthorized,
        403 => ErrorKind.Forbidden,
        404 => ErrorKind.NotFound,
        409 => ErrorKind.Conflict,
        412 => ErrorKind.PreconditionFailed,
        >= 400 and < 500 => ErrorKind.Validation,
        _ => null,
    };
}
