using Convene.Core.Common;

namespace Convene.Cli;

/// <summary>
/// An expected failure of a command: printed as one line (<c>error: message (code)</c>) and turned into an exit
/// code by <see cref="ExitCodes"/>. Never shown with a stack trace.
/// </summary>
public sealed class CliException : Exception
{
    public CliException()
        : this("cli.failed", "The command failed.", ExitCodes.Unexpected)
    {
    }

    public CliException(string message)
        : this("cli.failed", message, ExitCodes.Unexpected)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "cli.failed";
        ExitCode = ExitCodes.Unexpected;
    }

    /// <summary>A Core error or a server problem of a known kind.</summary>
    public CliException(Error error)
        : this(error.Code, error.Message, ExitCodes.For(error.Kind))
    {
    }

    private CliException(string code, string message, int exitCode)
        : base(message)
    {
        Code = code;
        ExitCode = exitCode;
    }

    /// <summary>The stable error code (the server's problem <c>code</c>, a Core code or a <c>cli.*</c> code).</summary>
    public string Code { get; }

    public int ExitCode { get; }

    /// <summary>The server or database cannot be reached or failed on its side (5xx).</summary>
    public static CliException Unavailable(string code, string message) => new(code, message, ExitCodes.Unavailable);

    public static CliException Usage(string code, string message) => new(Error.Validation(code, message));

    public static CliException NotLoggedIn() =>
        new(Error.Unauthorized("cli.not_logged_in", "Not logged in: run 'convene login' or pass --server and --token."));
}
