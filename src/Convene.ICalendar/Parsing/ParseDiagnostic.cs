namespace Convene.ICalendar;

/// <summary>What went wrong (or what was tolerated) while parsing.</summary>
public enum DiagnosticCode
{
    /// <summary>Input exceeds <see cref="ParserOptions.MaxInputBytes"/>.</summary>
    InputTooLarge,

    /// <summary>A count or nesting limit in <see cref="ParserOptions"/> was exceeded.</summary>
    LimitExceeded,

    /// <summary>Input is not valid UTF-8; invalid sequences were replaced by U+FFFD.</summary>
    InvalidEncoding,

    /// <summary>A content line does not follow RFC 5545 §3.1.</summary>
    MalformedLine,

    /// <summary>A continuation line had no line to continue.</summary>
    OrphanContinuation,

    /// <summary>BEGIN/END lines do not balance (§3.4, §3.6).</summary>
    UnbalancedComponent,

    /// <summary>A property appeared outside any component.</summary>
    PropertyOutsideComponent,

    /// <summary>No VCALENDAR object in the input.</summary>
    MissingCalendar,

    /// <summary>A property required by RFC 5545 or RFC 5546 is missing.</summary>
    MissingRequiredProperty,

    /// <summary>A property that may occur once occurs more than once.</summary>
    DuplicateProperty,

    /// <summary>A value cannot be parsed for its type (date, duration, integer, …).</summary>
    InvalidValue,

    /// <summary>DTEND/DURATION puts the end before the start.</summary>
    InvalidDateRange,

    /// <summary>A TZID could not be resolved from tzdb, the Windows mapping or a VTIMEZONE in the file.</summary>
    UnknownTimeZone,

    /// <summary>Something non-conforming was tolerated.</summary>
    Tolerated,

    /// <summary>A bug in the parser was caught; the input was rejected instead of throwing.</summary>
    InternalError,
}

/// <summary>A parse error or warning with the 1-based physical line it refers to (0 when not line-specific).</summary>
public sealed record ParseDiagnostic(DiagnosticCode Code, int LineNumber, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        LineNumber > 0 ? "line " + LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + Code + ": " + Message : Code + ": " + Message;
}

/// <summary>
/// The outcome of a parse: either a value, or errors. Warnings list what was tolerated. Parsers return this
/// instead of throwing for bad input.
/// </summary>
public sealed class ParseResult<T>
    where T : class
{
    internal ParseResult(T? value, IReadOnlyList<ParseDiagnostic> errors, IReadOnlyList<ParseDiagnostic> warnings)
    {
        Errors = errors;
        Warnings = warnings;
        Value = errors.Count == 0 ? value : null;
    }

    /// <summary>The parsed value; null whenever there is at least one error.</summary>
    public T? Value { get; }

    /// <summary>Errors; the input was rejected when this is non-empty.</summary>
    public IReadOnlyList<ParseDiagnostic> Errors { get; }

    /// <summary>Non-conformities that were tolerated.</summary>
    public IReadOnlyList<ParseDiagnostic> Warnings { get; }

    /// <summary>True when a value was produced without errors.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    public bool Success => Value is not null;
}

/// <summary>Parser limits, so hostile input cannot exhaust memory or time.</summary>
public sealed record ParserOptions
{
    /// <summary>Defaults suitable for invitations received by mail or HTTP.</summary>
    public static ParserOptions Default { get; } = new();

    /// <summary>Maximum input size in UTF-8 octets (default 4 MiB).</summary>
    public int MaxInputBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Maximum number of components in the whole input (default 10,000).</summary>
    public int MaxComponents { get; init; } = 10_000;

    /// <summary>Maximum number of content lines (properties, BEGIN and END) in the whole input (default 100,000).</summary>
    public int MaxProperties { get; init; } = 100_000;

    /// <summary>Maximum number of parameters on one property (default 100).</summary>
    public int MaxParametersPerProperty { get; init; } = 100;

    /// <summary>Maximum component nesting depth (default 8; VCALENDAR/VEVENT/VALARM needs 3).</summary>
    public int MaxNestingDepth { get; init; } = 8;
}

internal sealed class DiagnosticBag
{
    public List<ParseDiagnostic> Errors { get; } = [];

    public List<ParseDiagnostic> Warnings { get; } = [];

    public bool HasErrors => Errors.Count > 0;

    public void Error(DiagnosticCode code, int line, string message) => Errors.Add(new ParseDiagnostic(code, line, message));

    public void Warn(DiagnosticCode code, int line, string message) => Warnings.Add(new ParseDiagnostic(code, line, message));

    public ParseResult<T> ToResult<T>(T? value)
        where T : class => new(value, Errors.ToArray(), Warnings.ToArray());
}
