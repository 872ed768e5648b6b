using Convene.Core.Common;
using NodaTime;

namespace Convene.Core.Series;

/// <summary>
/// The one place the series code asks the recurrence engine (<c>Convene.Core.Recurrence</c>, RFC 5545 §3.8.5) for the
/// dates of a rule: the start instants of every occurrence, in order.
/// </summary>
internal static class Occurrences
{
    /// <summary>The starts of the occurrences of <paramref name="lines"/> from DTSTART <paramref name="localStart"/> in <paramref name="zone"/>.</summary>
    public static Result<IReadOnlyList<Instant>> Expand(IReadOnlyList<string> lines, DateTimeZone zone, LocalDateTime localStart, int limit) =>
        throw new NotImplementedException("waiting for the recurrence engine");

    /// <summary>How many instances the RRULE alone generates at or after <paramref name="from"/> (what COUNT counts, RFC 5545 §3.3.10).</summary>
    public static int CountGenerated(IReadOnlyList<string> lines, DateTimeZone zone, LocalDateTime localStart, Instant from) =>
        throw new NotImplementedException("waiting for the recurrence engine");
}
