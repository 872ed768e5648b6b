using System.CommandLine;
using System.Globalization;
using NodaTime.Text;

namespace Convene.Cli;

/// <summary>Options whose values are checked while parsing, so that a bad value is a usage error (exit code 2).</summary>
internal static class Inputs
{
    private static readonly OffsetDateTimePattern[] TimePatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    /// <summary>An ISO 8601 time with an offset or Z (a time without one is ambiguous, as on the server).</summary>
    public static Option<DateTimeOffset?> Time(string name, string description, bool required = false) => new(name)
    {
        Description = description + " ISO 8601 with an offset, e.g. 2030-06-03T10:00:00+02:00 or 2030-06-03T08:00Z.",
        Required = required,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value.Trim().Replace('z', 'Z');
            foreach (var pattern in TimePatterns)
            {
                if (pattern.Parse(text) is { Success: true } parsed)
                {
                    return parsed.Value.ToDateTimeOffset();
                }
            }

            result.AddError($"{name} '{result.Tokens.Single().Value}' is not an ISO 8601 time with an offset, e.g. 2030-06-03T10:00:00+02:00.");
            return null;
        },
    };

    /// <summary>The value of a name-or-id option as an id, when it is a number.</summary>
    public static int? AsId(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>UTC ISO 8601 for a query string (no '+' to encode).</summary>
    public static string Query(DateTimeOffset time) => Uri.EscapeDataString(Output.Time(time));
}
