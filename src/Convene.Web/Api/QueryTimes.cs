using Convene.Core.Common;
using Convene.Web.Hosting;
using NodaTime;

namespace Convene.Web.Api;

/// <summary>Parses <c>from</c>/<c>to</c> query parameters into instants with clear errors.</summary>
internal static class QueryTimes
{
    public static Result<(Instant From, Instant To)> ParseRequired(string? from, string? to)
    {
        if (!TimeParsing.TryParse(from, out var f))
        {
            return Invalid("from");
        }

        if (!TimeParsing.TryParse(to, out var t))
        {
            return Invalid("to");
        }

        return (f, t);
    }

    public static Result<(Instant? From, Instant? To)> ParseOptional(string? from, string? to)
    {
        Instant? f = null, t = null;
        if (from is not null)
        {
            if (!TimeParsing.TryParse(from, out var parsed))
            {
                return Invalid("from");
            }

            f = parsed;
        }

        if (to is not null)
        {
            if (!TimeParsing.TryParse(to, out var parsed))
            {
                return Invalid("to");
            }

            t = parsed;
        }

        return (f, t);
    }

    private static Error Invalid(string name) =>
        Error.Validation($"query.invalid_{name}", $"'{name}' must be an ISO 8601 time with an offset, e.g. 2030-06-03T08:00:00Z.", name);
}
