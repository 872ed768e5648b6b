using System.Globalization;
using System.Text;
using Convene.Core.Common;
using NodaTime;

namespace Convene.Core.Recurrence;

/// <summary>FREQ (RFC 5545 §3.3.10). SECONDLY, MINUTELY and HOURLY are rejected: a meeting repeats at most daily.</summary>
public enum Frequency
{
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// <summary>One BYDAY entry (RFC 5545 §3.3.10 <c>weekdaynum</c>): a weekday with an optional ordinal (<c>2TU</c>, <c>-1FR</c>).</summary>
/// <param name="Day">The weekday.</param>
/// <param name="Ordinal">0 for every such weekday in the period; 1..53 or -53..-1 for the Nth (from the end when negative).</param>
public readonly record struct WeekdayNum(int Ordinal, IsoDayOfWeek Day)
{
    /// <summary>Every <paramref name="day"/> of the period.</summary>
    public static WeekdayNum Every(IsoDayOfWeek day) => new(0, day);

    /// <inheritdoc />
    public override string ToString() =>
        (Ordinal == 0 ? string.Empty : Ordinal.ToString(CultureInfo.InvariantCulture)) + RecurrenceRule.DayCode(Day);
}

/// <summary>Which form UNTIL was written in (RFC 5545 §3.3.10).</summary>
public enum UntilKind
{
    /// <summary>A UTC DATE-TIME (<c>…Z</c>): required by RFC 5545 when DTSTART has a TZID.</summary>
    Utc,

    /// <summary>A floating DATE-TIME, read as wall time in the series' zone.</summary>
    Local,

    /// <summary>A DATE: the whole day is included (how Google and Outlook read <c>UNTIL=20301231</c>).</summary>
    Date,
}

/// <summary>UNTIL (RFC 5545 §3.3.10): the last moment an occurrence may start; inclusive.</summary>
/// <param name="Kind">The form UNTIL was written in.</param>
/// <param name="Value">UTC wall time for <see cref="UntilKind.Utc"/>, local wall time for Local, midnight for Date.</param>
public readonly record struct RecurrenceUntil(UntilKind Kind, LocalDateTime Value)
{
    public static RecurrenceUntil Utc(Instant instant) => new(UntilKind.Utc, instant.InUtc().LocalDateTime);

    public static RecurrenceUntil Local(LocalDateTime value) => new(UntilKind.Local, value);

    public static RecurrenceUntil Date(LocalDate date) => new(UntilKind.Date, date.AtMidnight());

    /// <summary>True when an occurrence starting at <paramref name="localStart"/> (wall time in the series' zone; instant <paramref name="start"/>) is not after UNTIL.</summary>
    public bool Includes(LocalDateTime localStart, Instant start) => Kind switch
    {
        UntilKind.Utc => start <= Value.InUtc().ToInstant(),
        UntilKind.Local => localStart <= Value,
        UntilKind.Date => localStart.Date <= Value.Date,
    };

    /// <summary>The same limit as a UTC value, the form RFC 5545 §3.3.10 requires next to a DTSTART with TZID.</summary>
    public RecurrenceUntil ToUtc(DateTimeZone zone) => Kind switch
    {
        UntilKind.Utc => this,
        UntilKind.Local => Utc(Value.InZoneLeniently(zone).ToInstant()),

        // The last second of the day, so a 23:00 occurrence on that date stays included.
        UntilKind.Date => Utc(Value.Date.PlusDays(1).AtMidnight().InZoneLeniently(zone).ToInstant() - NodaTime.Duration.FromSeconds(1)),
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        UntilKind.Utc => FormatDateTime(Value) + "Z",
        UntilKind.Local => FormatDateTime(Value),
        UntilKind.Date => Value.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
    };

    private static string FormatDateTime(LocalDateTime v) => v.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
}

/// <summary>
/// An RRULE (RFC 5545 §3.3.10) restricted to what meetings need: FREQ DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT or
/// UNTIL, BYDAY (with ordinals for MONTHLY/YEARLY), BYMONTHDAY, BYMONTH, BYSETPOS and WKST. Parse with
/// <see cref="Parse"/>; <see cref="ToString"/> writes the canonical form back.
/// </summary>
public sealed record RecurrenceRule
{
    private static readonly string[] DayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    public required Frequency Frequency { get; init; }

    /// <summary>INTERVAL, at least 1.</summary>
    public int Interval { get; init; } = 1;

    /// <summary>COUNT: the number of occurrences including DTSTART; null when not given.</summary>
    public int? Count { get; init; }

    /// <summary>UNTIL; null when not given.</summary>
    public RecurrenceUntil? Until { get; init; }

    public IReadOnlyList<WeekdayNum> ByDay { get; init; } = [];

    /// <summary>BYMONTHDAY: 1..31 or -31..-1 (from the end of the month).</summary>
    public IReadOnlyList<int> ByMonthDay { get; init; } = [];

    /// <summary>BYMONTH: 1..12.</summary>
    public IReadOnlyList<int> ByMonth { get; init; } = [];

    /// <summary>BYSETPOS: 1..366 or -366..-1, selecting within each period's set.</summary>
    public IReadOnlyList<int> BySetPosition { get; init; } = [];

    /// <summary>WKST, the first day of the week (Monday unless given).</summary>
    public IsoDayOfWeek WeekStart { get; init; } = IsoDayOfWeek.Monday;

    /// <summary>True when the rule ends by itself (COUNT or UNTIL).</summary>
    public bool IsBounded => Count is not null || Until is not null;

    /// <summary>Parses an RRULE value (without the <c>RRULE:</c> prefix). Part names are case-insensitive.</summary>
    public static Result<RecurrenceRule> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return RecurrenceErrors.Malformed("the RRULE is empty.");
        }

        Frequency? frequency = null;
        int interval = 1;
        int? count = null;
        RecurrenceUntil? until = null;
        var byDay = new List<WeekdayNum>();
        var byMonthDay = new List<int>();
        var byMonth = new List<int>();
        var bySetPos = new List<int>();
        var weekStart = IsoDayOfWeek.Monday;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rawPart in value.Trim().Split(';'))
        {
            if (rawPart.Length == 0)
            {
                continue; // A trailing ';' is common (Outlook) and harmless.
            }

            var eq = rawPart.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return RecurrenceErrors.Malformed("'" + Short(rawPart) + "' is not NAME=VALUE.");
            }

            var name = rawPart[..eq].Trim().ToUpperInvariant();
            var text = rawPart[(eq + 1)..].Trim();
            if (!seen.Add(name))
            {
                // §3.3.10: each rule part MUST NOT occur more than once.
                return RecurrenceErrors.Malformed(name + " occurs more than once.");
            }

            if (text.Length == 0)
            {
                return RecurrenceErrors.Malformed(name + " has no value.");
            }

            Error? error = null;
            switch (name)
            {
                case "FREQ":
                    switch (text.ToUpperInvariant())
                    {
                        case "DAILY": frequency = Frequency.Daily; break;
                        case "WEEKLY": frequency = Frequency.Weekly; break;
                        case "MONTHLY": frequency = Frequency.Monthly; break;
                        case "YEARLY": frequency = Frequency.Yearly; break;
                        case "SECONDLY" or "MINUTELY" or "HOURLY":
                            return RecurrenceErrors.Unsupported("FREQ=" + text.ToUpperInvariant() + " (a meeting repeats at most daily).");
                        default:
                            return RecurrenceErrors.Malformed("FREQ '" + Short(text) + "' is not a frequency.");
                    }

                    break;
                case "INTERVAL":
                    error = ParseInt(name, text, 1, 10_000, out interval);
                    break;
                case "COUNT":
                    error = ParseInt(name, text, 1, int.MaxValue, out var c);
                    count = c;
                    break;
                case "UNTIL":
                    error = ParseUntil(text, out var u);
                    until = u;
                    break;
                case "BYDAY":
                    foreach (var item in text.Split(','))
                    {
                        var dayError = ParseWeekdayNum(item.Trim(), out var day);
                        error ??= dayError;
                        byDay.Add(day);
                    }

                    break;
                case "BYMONTHDAY":
                    error = ParseList(name, text, 31, byMonthDay);
                    break;
                case "BYMONTH":
                    error = ParseList(name, text, 12, byMonth, allowNegative: false);
                    break;
                case "BYSETPOS":
                    error = ParseList(name, text, 366, bySetPos);
                    break;
                case "WKST":
                    error = ParseDay(text, out weekStart) ? null : RecurrenceErrors.Malformed("WKST '" + Short(text) + "' is not a weekday.");
                    break;
                case "BYHOUR" or "BYMINUTE" or "BYSECOND":
                    return RecurrenceErrors.Unsupported(name + " (a series keeps the start time of its first meeting).");
                case "BYWEEKNO" or "BYYEARDAY":
                    return RecurrenceErrors.Unsupported(name + ".");
                default:
                    // §3.3.10 allows x-name parts; we cannot honour what we do not understand, so refuse rather than guess.
                    return RecurrenceErrors.Unsupported("rule part " + Short(name) + ".");
            }

            if (error is not null)
            {
                return error;
            }
        }

        if (frequency is not { } freq)
        {
            return RecurrenceErrors.Malformed("FREQ is required (RFC 5545 §3.3.10).");
        }

        if (count is not null && until is not null)
        {
            return RecurrenceErrors.CountAndUntil;
        }

        // §3.3.10: ordinals in BYDAY only with MONTHLY or YEARLY; BYMONTHDAY not with WEEKLY; BYSETPOS only with another BYxxx.
        if (freq is Frequency.Daily or Frequency.Weekly && byDay.Exists(d => d.Ordinal != 0))
        {
            return RecurrenceErrors.Malformed("BYDAY with an ordinal (e.g. 2TU) needs FREQ=MONTHLY or YEARLY.");
        }

        if (freq == Frequency.Weekly && byMonthDay.Count > 0)
        {
            return RecurrenceErrors.Malformed("BYMONTHDAY must not be used with FREQ=WEEKLY.");
        }

        if (bySetPos.Count > 0 && byDay.Count == 0 && byMonthDay.Count == 0 && byMonth.Count == 0)
        {
            return RecurrenceErrors.Malformed("BYSETPOS needs BYDAY, BYMONTHDAY or BYMONTH.");
        }

        return new RecurrenceRule
        {
            Frequency = freq,
            Interval = interval,
            Count = count,
            Until = until,
            ByDay = byDay,
            ByMonthDay = byMonthDay,
            ByMonth = byMonth,
            BySetPosition = bySetPos,
            WeekStart = weekStart,
        };
    }

    /// <summary>The canonical RRULE value: FREQ, INTERVAL (when not 1), COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS, WKST (when not MO).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("FREQ=").Append(Frequency switch
        {
            Frequency.Daily => "DAILY",
            Frequency.Weekly => "WEEKLY",
            Frequency.Monthly => "MONTHLY",
            Frequency.Yearly => "YEARLY",
        });
        if (Interval != 1)
        {
            sb.Append(";INTERVAL=").Append(Interval.ToString(CultureInfo.InvariantCulture));
        }

        if (Count is { } count)
        {
            sb.Append(";COUNT=").Append(count.ToString(CultureInfo.InvariantCulture));
        }

        if (Until is { } until)
        {
            sb.Append(";UNTIL=").Append(until.ToString());
        }

        AppendList(sb, "BYMONTH", ByMonth);
        AppendList(sb, "BYMONTHDAY", ByMonthDay);
        if (ByDay.Count > 0)
        {
            sb.Append(";BYDAY=").Append(string.Join(',', ByDay));
        }

        AppendList(sb, "BYSETPOS", BySetPosition);
        if (WeekStart != IsoDayOfWeek.Monday)
        {
            sb.Append(";WKST=").Append(DayCode(WeekStart));
        }

        return sb.ToString();
    }

    /// <summary>The two-letter code of a weekday (MO..SU).</summary>
    public static string DayCode(IsoDayOfWeek day) =>
        day is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Sunday ? DayCodes[(int)day - 1] : throw new ArgumentOutOfRangeException(nameof(day));

    /// <inheritdoc />
    public bool Equals(RecurrenceRule? other) =>
        other is not null && Frequency == other.Frequency && Interval == other.Interval && Count == other.Count
        && Until == other.Until && WeekStart == other.WeekStart && ByDay.SequenceEqual(other.ByDay)
        && ByMonthDay.SequenceEqual(other.ByMonthDay) && ByMonth.SequenceEqual(other.ByMonth)
        && BySetPosition.SequenceEqual(other.BySetPosition);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Frequency, Interval, Count, Until, WeekStart, ByDay.Count, ByMonthDay.Count, ByMonth.Count);

    private static void AppendList(StringBuilder sb, string name, IReadOnlyList<int> values)
    {
        if (values.Count > 0)
        {
            sb.Append(';').Append(name).Append('=').Append(string.Join(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture))));
        }
    }

    private static Error? ParseInt(string name, string text, int min, int max, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return null;
        }

        return RecurrenceErrors.Malformed(name + " '" + Short(text) + "' must be a whole number from " + min.ToString(CultureInfo.InvariantCulture) + ".");
    }

    private static Error? ParseList(string name, string text, int max, List<int> output, bool allowNegative = true)
    {
        foreach (var item in text.Split(','))
        {
            var s = item.Trim();
            var style = allowNegative ? NumberStyles.AllowLeadingSign : NumberStyles.None;
            if (!int.TryParse(s, style, CultureInfo.InvariantCulture, out var v) || v == 0 || Math.Abs(v) > max || (s.StartsWith('+') && !allowNegative))
            {
                return RecurrenceErrors.Malformed(name + " value '" + Short(s) + "' is out of range (RFC 5545 §3.3.10).");
            }

            output.Add(v);
        }

        return null;
    }

    private static Error? ParseWeekdayNum(string text, out WeekdayNum value)
    {
        value = default;
        if (text.Length < 2 || !ParseDay(text[^2..], out var day))
        {
            return RecurrenceErrors.Malformed("BYDAY value '" + Short(text) + "' is not a weekday such as MO, 2TU or -1FR.");
        }

        var ordinalText = text[..^2];
        var ordinal = 0;
        if (ordinalText.Length > 0
            && (!int.TryParse(ordinalText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ordinal) || ordinal == 0 || Math.Abs(ordinal) > 53))
        {
            return RecurrenceErrors.Malformed("BYDAY ordinal in '" + Short(text) + "' must be 1..53 or -53..-1.");
        }

        value = new WeekdayNum(ordinal, day);
        return null;
    }

    private static bool ParseDay(string text, out IsoDayOfWeek day)
    {
        var index = Array.IndexOf(DayCodes, text.ToUpperInvariant());
        day = index < 0 ? IsoDayOfWeek.None : (IsoDayOfWeek)(index + 1);
        return index >= 0;
    }

    private static Error? ParseUntil(string text, out RecurrenceUntil? until)
    {
        until = null;
        var pattern = text.Length switch
        {
            8 => "yyyyMMdd",
            15 => "yyyyMMdd'T'HHmmss",
            16 when text[^1] is 'Z' or 'z' => "yyyyMMdd'T'HHmmss",
            _ => null,
        };
        if (pattern is null)
        {
            return RecurrenceErrors.Malformed("UNTIL '" + Short(text) + "' is not a DATE or DATE-TIME.");
        }

        if (text.Length == 8)
        {
            var date = NodaTime.Text.LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd").Parse(text);
            if (!date.Success || date.Value.Year is < 1 or > 9998)
            {
                return RecurrenceErrors.Malformed("UNTIL '" + Short(text) + "' is not a valid date.");
            }

            until = RecurrenceUntil.Date(date.Value);
            return null;
        }

        var parsed = NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture(pattern).Parse(text[..15]);
        if (!parsed.Success || parsed.Value.Year is < 1 or > 9998)
        {
            return RecurrenceErrors.Malformed("UNTIL '" + Short(text) + "' is not a valid date-time.");
        }

        until = text.Length == 16 ? RecurrenceUntil.Utc(parsed.Value.InUtc().ToInstant()) : RecurrenceUntil.Local(parsed.Value);
        return null;
    }

    internal static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
