using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Convene.Core.Series;

/// <summary>
/// Edits of a rule's RFC 5545 lines when a series is split, stopped or loses a date. Expanding the lines is the
/// recurrence engine's job (<see cref="Occurrences"/>); this only rewrites COUNT/UNTIL and date lists.
/// </summary>
internal static class RuleLines
{
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss");
    private static readonly InstantPattern Utc = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");
    private static readonly LocalDatePattern Date = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    /// <summary>An EXDATE for one original start, in the series' zone (RFC 5545 §3.8.5.1).</summary>
    public static string ExDate(Instant originalStart, DateTimeZone zone) =>
        $"EXDATE;TZID={zone.Id}:{Local.Format(originalStart.InZone(zone).LocalDateTime)}";

    /// <summary>
    /// The lines of a rule that ends before <paramref name="split"/>: RRULE gets UNTIL one second earlier, in UTC as
    /// RFC 5545 §3.3.10 requires with a zoned DTSTART (COUNT and UNTIL are exclusive); dates at or after it go.
    /// </summary>
    public static IReadOnlyList<string> Until(IReadOnlyList<string> lines, Instant split, DateTimeZone zone) =>
        lines.Select(line => Kind(line) switch
        {
            "RRULE" => WithEnd(line, $"UNTIL={Utc.Format(split - Duration.FromSeconds(1))}"),
            "RDATE" or "EXDATE" => FilterDates(line, zone, d => d < split, null),
            _ => line,
        }).Where(l => l is not null).Select(l => l!).ToList();

    /// <summary>
    /// The lines of the rule that takes over from <paramref name="split"/> at <paramref name="time"/>: COUNT becomes the
    /// number the old rule had left, UNTIL stays, and RDATE/EXDATE keep the later dates, moved to the new time.
    /// </summary>
    public static IReadOnlyList<string> From(IReadOnlyList<string> lines, Instant split, int remaining, LocalTime time, DateTimeZone zone) =>
        lines.Select(line => Kind(line) switch
        {
            "RRULE" => line.Contains("COUNT=", StringComparison.OrdinalIgnoreCase)
                ? WithEnd(line, string.Create(CultureInfo.InvariantCulture, $"COUNT={Math.Max(1, remaining)}"))
                : line,
            "RDATE" or "EXDATE" => FilterDates(line, zone, d => d >= split, time),
            _ => line,
        }).Where(l => l is not null).Select(l => l!).ToList();

    /// <summary>
    /// The lines of a rule whose dates all move by <paramref name="days"/> (to another weekday) and to
    /// <paramref name="time"/>: plain BYDAY weekdays rotate with the dates, UNTIL moves by as many days, and
    /// RDATE/EXDATE values move with their dates. Null when the RRULE picks its days in a way a shift cannot carry
    /// over (BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYSETPOS, an ordinal BYDAY such as -1FR, or FREQ above WEEKLY): the
    /// caller refuses such a move (<c>recurrence.following_day_shift</c>). With <paramref name="days"/> 0 only the times move.
    /// </summary>
    public static IReadOnlyList<string>? Shift(IReadOnlyList<string> lines, int days, LocalTime time, DateTimeZone zone)
    {
        var shifted = new List<string>();
        foreach (var line in lines)
        {
            switch (Kind(line))
            {
                case "RRULE":
                    if (ShiftRule(line, days) is not { } rule)
                    {
                        return null;
                    }

                    shifted.Add(rule);
                    break;
                case "RDATE":
                case "EXDATE":
                    shifted.Add(MoveDates(line, zone, days, time));
                    break;
                default:
                    shifted.Add(line);
                    break;
            }
        }

        return shifted;
    }

    private static readonly string[] Weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    // RFC 5545 §3.3.10: in DAILY and WEEKLY rules BYDAY names plain weekdays, which rotate with the dates; the other
    // day-selecting parts name days of a month or year, which a shift by days does not map onto.
    private static string? ShiftRule(string rrule, int days)
    {
        if (days == 0)
        {
            return rrule;
        }

        var colon = rrule.IndexOf(':', StringComparison.Ordinal);
        var parts = rrule[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = (eq < 0 ? part : part[..eq]).ToUpperInvariant();
            var value = eq < 0 ? "" : part[(eq + 1)..];
            switch (name)
            {
                case "FREQ" when value.ToUpperInvariant() is not ("DAILY" or "WEEKLY"):
                case "BYMONTHDAY" or "BYYEARDAY" or "BYWEEKNO" or "BYSETPOS":
                    return null;
                case "BYDAY":
                    var rotated = new List<string>();
                    foreach (var day in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var index = Array.IndexOf(Weekdays, day.ToUpperInvariant());
                        if (index < 0)
                        {
                            return null; // an ordinal (1MO, -1FR) or an unknown day
                        }

                        rotated.Add(Weekdays[(((index + days) % 7) + 7) % 7]);
                    }

                    result.Add("BYDAY=" + string.Join(',', rotated));
                    break;
                case "UNTIL":
                    result.Add("UNTIL=" + ShiftUntil(value, days));
                    break;
                default:
                    result.Add(part);
                    break;
            }
        }

        return rrule[..(colon + 1)] + string.Join(';', result);
    }

    private static string ShiftUntil(string value, int days) =>
        Utc.Parse(value) is { Success: true } u ? Utc.Format(u.Value + Duration.FromDays(days))
        : Local.Parse(value) is { Success: true } l ? Local.Format(l.Value.PlusDays(days))
        : Date.Parse(value) is { Success: true } d ? Date.Format(d.Value.PlusDays(days))
        : value;

    // RDATE/EXDATE values of a moved series: each date moves by the days and to the new time, in the line's zone.
    private static string MoveDates(string line, DateTimeZone zone, int days, LocalTime time)
    {
        if (DateLine.Split(line, zone) is not (var head, _, var valueZone, var values))
        {
            return line;
        }

        var moved = values
            .Select(value => Utc.Parse(value) is { Success: true } u ? Local.Format(u.Value.InZone(valueZone).Date.PlusDays(days) + time)
                : Local.Parse(value) is { Success: true } l ? Local.Format(l.Value.Date.PlusDays(days) + time)
                : Date.Parse(value) is { Success: true } d ? Date.Format(d.Value.PlusDays(days))
                : value)
            .ToList();
        var name = head.Split(';')[0];
        var dateOnly = moved.TrueForAll(v => v.Length == 8);
        return dateOnly ? $"{head}:{string.Join(',', moved)}" : $"{name};TZID={valueZone.Id}:{string.Join(',', moved)}";
    }

    private static string Kind(string line)
    {
        var end = line.IndexOfAny([':', ';']);
        return (end < 0 ? line : line[..end]).Trim().ToUpperInvariant();
    }

    private static string WithEnd(string rrule, string end)
    {
        var colon = rrule.IndexOf(':', StringComparison.Ordinal);
        var parts = rrule[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("COUNT=", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("UNTIL=", StringComparison.OrdinalIgnoreCase))
            .Append(end);
        return rrule[..(colon + 1)] + string.Join(';', parts);
    }

    // RDATE/EXDATE: "NAME[;TZID=zone][;VALUE=DATE]:v1,v2" — values in UTC (Z), in TZID (or the series' zone), or dates.
    private static string? FilterDates(string line, DateTimeZone zone, Func<Instant, bool> keep, LocalTime? moveTo)
    {
        if (DateLine.Split(line, zone) is not (var head, var tzid, var valueZone, var values))
        {
            return line;
        }

        var kept = new List<string>();
        foreach (var value in values)
        {
            Instant? at = Utc.Parse(value) is { Success: true } u ? u.Value
                : Local.Parse(value) is { Success: true } l ? valueZone.AtLeniently(l.Value).ToInstant()
                : Date.Parse(value) is { Success: true } d ? valueZone.AtStartOfDay(d.Value).ToInstant()
                : null;
            if (at is null)
            {
                kept.Add(value); // not a form this understands: keep it rather than drop a date
            }
            else if (keep(at.Value))
            {
                kept.Add(moveTo is { } time && value.Length > 8
                    ? Local.Format(at.Value.InZone(valueZone).Date + time)
                    : value);
            }
        }

        if (kept.Count == 0)
        {
            return null;
        }

        // Values moved to a new time are local times in the zone, so the line names the zone (RFC 5545 §3.2.19).
        return moveTo is not null && tzid is null && kept.Exists(v => v.Length > 8 && !v.EndsWith('Z'))
            ? $"{head.Split(';')[0]};TZID={valueZone.Id}:{string.Join(',', kept)}"
            : $"{head}:{string.Join(',', kept)}";
    }
}

/// <summary>An RDATE/EXDATE line taken apart: "NAME[;TZID=zone][;VALUE=DATE]:v1,v2".</summary>
/// <param name="Head">Everything before the colon.</param>
/// <param name="TzId">The TZID parameter, if any.</param>
/// <param name="Zone">The zone its local values are in: the TZID's, else the series'.</param>
/// <param name="Values">The comma-separated values.</param>
internal sealed record DateLine(string Head, string? TzId, DateTimeZone Zone, string[] Values)
{
    public static DateLine? Split(string line, DateTimeZone zone)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var head = line[..colon];
        var tzid = head.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("TZID=", StringComparison.OrdinalIgnoreCase))?[5..];
        var valueZone = tzid is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(tzid) is { } z ? z : zone;
        return new DateLine(head, tzid, valueZone, line[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
