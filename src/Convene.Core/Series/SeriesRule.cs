using NodaTime;

namespace Convene.Core.Series;

/// <summary>
/// One row of <c>recurrence_rule</c>: what a series repeats by (ADR 0014). The occurrences themselves are ordinary
/// bookings whose rows carry <see cref="Id"/> in <c>appointment.recurrence_rule_id</c> (the seeds' matrix, §6).
/// </summary>
/// <remarks>
/// <see cref="Lines"/> are the RFC 5545 lines the owner gave (RRULE, RDATE, EXDATE), as Google Calendar's API takes
/// them; <see cref="LocalStart"/> is DTSTART as wall-clock time in <see cref="TimeZone"/> (RFC 5545 §3.3.5 form 3), so
/// the rule expands to the same local time on both sides of a DST change.
/// </remarks>
public sealed class SeriesRule
{
    internal SeriesRule()
    {
        Lines = "";
        TimeZone = "";
    }

    public int Id { get; internal set; }

    /// <summary>The associate who owns the series (the owner of its occurrences when it was created).</summary>
    public int OwnerId { get; internal set; }

    /// <summary>The RFC 5545 lines, one per line (<c>\n</c>).</summary>
    public string Lines { get; internal set; }

    /// <summary>The IANA zone the series repeats in.</summary>
    public string TimeZone { get; internal set; }

    /// <summary>DTSTART as wall-clock time in <see cref="TimeZone"/>.</summary>
    public LocalDateTime LocalStart { get; internal set; }

    public int DurationSeconds { get; internal set; }

    public Instant Registered { get; internal set; }

    public Instant Updated { get; internal set; }

    public int Version { get; internal set; }

    public IReadOnlyList<string> LineList => Lines.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public Duration Duration => Duration.FromSeconds(DurationSeconds);

    internal static SeriesRule Create(int ownerId, IReadOnlyList<string> lines, string timeZone, LocalDateTime localStart, Duration duration, Instant now) => new()
    {
        OwnerId = ownerId,
        Lines = string.Join('\n', lines),
        TimeZone = timeZone,
        LocalStart = localStart,
        DurationSeconds = (int)duration.TotalSeconds,
        Registered = now,
        Updated = now,
    };

    /// <summary>The whole series moves: new lines (weekdays, dates), a new DTSTART and length.</summary>
    internal void Move(IReadOnlyList<string> lines, LocalDateTime localStart, Duration duration, Instant now)
    {
        Lines = string.Join('\n', lines);
        LocalStart = localStart;
        DurationSeconds = (int)duration.TotalSeconds;
        Updated = now;
        Version++;
    }

    internal void Replace(IReadOnlyList<string> lines, Instant now)
    {
        Lines = string.Join('\n', lines);
        Updated = now;
        Version++;
    }
}
