namespace Convene.Core.Common;

/// <summary>The kind of an expected failure; each front end maps a kind once (HTTP status, CLI exit code).</summary>
public enum ErrorKind
{
    /// <summary>The input is malformed or breaks a rule (HTTP 400).</summary>
    Validation,

    /// <summary>The caller is not signed in or the credentials are wrong (HTTP 401).</summary>
    Unauthorized,

    /// <summary>The caller may see the thing but not do this to it (HTTP 403).</summary>
    Forbidden,

    /// <summary>The thing does not exist or is invisible to the caller (HTTP 404).</summary>
    NotFound,

    /// <summary>The operation is not allowed in the current state (HTTP 409).</summary>
    Conflict,

    /// <summary>The caller's copy is stale: the thing changed since they read it (HTTP 412).</summary>
    PreconditionFailed,
}

/// <summary>An expected failure with a stable machine-readable <see cref="Code"/>.</summary>
/// <remarks>Codes are part of the public contract: clients switch on them, so they never change meaning.</remarks>
public sealed record Error(ErrorKind Kind, string Code, string Message)
{
    /// <summary>Optional field the error is about (for validation errors), in the API's camelCase.</summary>
    public string? Field { get; init; }

    /// <summary>Optional structured detail (e.g. the conflicting bookings), added to the problem as extension members.</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; init; }

    public static Error Validation(string code, string message, string? field = null) =>
        new(ErrorKind.Validation, code, message) { Field = field };

    public static Error NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);

    public static Error Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);

    public static Error Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);

    public static Error PreconditionFailed(string code, string message) => new(ErrorKind.PreconditionFailed, code, message);

    public static Error Unauthorized(string code, string message) => new(ErrorKind.Unauthorized, code, message);
}
