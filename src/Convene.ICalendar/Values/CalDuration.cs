using System.Text;
using NodaTime;

namespace Convene.ICalendar;

/// <summary>
/// A DURATION value (RFC 5545 §3.3.6). Weeks and days are nominal (calendar days, which can be 23 or 25 hours
/// across a DST change); hours, minutes and seconds are exact.
/// </summary>
public readonly record struct CalDuration
{
    /// <summary>Creates a duration; all components must be non-negative, the sign is separate.</summary>
    public CalDuration(bool isNegative, int weeks, int days, int hours, int minutes, int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weeks);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        IsNegative = isNegative && (weeks | days | hours | minutes | seconds) != 0;
        Weeks = weeks;
        Days = days;
        Hours = hours;
        Minutes = minutes;
        Seconds = seconds;
    }

    /// <summary>True for a negative duration (e.g. an alarm trigger before the start).</summary>
    public bool IsNegative { get; }

    /// <summary>Weeks (nominal).</summary>
    public int Weeks { get; }

    /// <summary>Days (nominal).</summary>
    public int Days { get; }

    /// <summary>Hours (exact).</summary>
    public int Hours { get; }

    /// <summary>Minutes (exact).</summary>
    public int Minutes { get; }

    /// <summary>Seconds (exact).</summary>
    public int Seconds { get; }

    /// <summary>True for a zero-length duration.</summary>
    public bool IsZero => (Weeks | Days | Hours | Minutes | Seconds) == 0;

    /// <summary>An exact duration expressed in hours, minutes and seconds (never as nominal days).</summary>
    public static CalDuration FromDuration(Duration duration)
    {
        var negative = duration < Duration.Zero;
        var total = (long)Math.Abs(Math.Floor(duration.TotalSeconds));
        if (total / 3600 > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), "Duration too large.");
        }

        return new CalDuration(negative, 0, 0, (int)(total / 3600), (int)(total / 60 % 60), (int)(total % 60));
    }

    /// <summary>Nominal days and weeks.</summary>
    public static CalDuration FromDays(int days) => days % 7 == 0 && days != 0
        ? new CalDuration(days < 0, Math.Abs(days / 7), 0, 0, 0, 0)
        : new CalDuration(days < 0, 0, Math.Abs(days), 0, 0, 0);

    /// <summary>Parses §3.3.6 text such as <c>PT1H30M</c>, <c>-P1W</c>, <c>P1DT12H</c>.</summary>
    public static bool TryParse(string? text, out CalDuration value) => ValueParse.TryParseDuration(text, out value);

    /// <summary>The exact part (hours, minutes, seconds) as a signed NodaTime duration.</summary>
    public Duration ExactPart
    {
        get
        {
            var d = Duration.FromHours(Hours) + Duration.FromMinutes(Minutes) + Duration.FromSeconds(Seconds);
            return IsNegative ? -d : d;
        }
    }

    /// <summary>The nominal part (weeks and days) as a signed number of days.</summary>
    public long NominalDays => (IsNegative ? -1L : 1L) * (Weeks * 7L + Days);

    /// <summary>
    /// Adds this duration to a start value following §3.3.6: nominal days on the local calendar first, then the
    /// exact time on the time line (for zoned values, so a 1-hour meeting stays 1 hour across a DST change).
    /// </summary>
    public CalDateTime AddTo(CalDateTime start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var local = start.Value.PlusDays(checked((int)NominalDays));
        if (start.IsDate)
        {
            return start.WithValue(local);
        }

        if (start.Kind == CalDateTimeKind.Zoned)
        {
            var instant = local.InZoneLeniently(start.Zone!).ToInstant() + ExactPart;
            return start.WithValue(instant.InZone(start.Zone!).LocalDateTime);
        }

        return start.WithValue(local.PlusSeconds((long)ExactPart.TotalSeconds));
    }

    /// <summary>Like <see cref="AddTo"/>, but returns false instead of throwing when the result is outside the supported range.</summary>
    public bool TryAddTo(CalDateTime start, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CalDateTime? end)
    {
        ArgumentNullException.ThrowIfNull(start);
        end = null;

        // ~10,000 years either way: anything larger cannot land inside LocalDateTime's range.
        if (Math.Abs(NominalDays) > 3_660_000 || (long)Hours + (Minutes / 60) + (Seconds / 3600) > 87_840_000)
        {
            return false;
        }

        try
        {
            end = AddTo(start);
            return end.Kind == CalDateTimeKind.Zoned ? end.ToInstant() is not null : true;
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException)
        {
            end = null;
            return false;
        }
    }

    /// <summary>Canonical §3.3.6 text, e.g. <c>PT1H</c>, <c>P2W</c>, <c>-P1DT2H</c>, <c>PT0S</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(16);
        if (IsNegative)
        {
            sb.Append('-');
        }

        sb.Append('P');
        if (IsZero)
        {
            return sb.Append("T0S").ToString();
        }

        if (Weeks > 0 && (Days | Hours | Minutes | Seconds) == 0)
        {
            return ValueFormat.AppendInt(sb, Weeks).Append('W').ToString();
        }

        // dur-week cannot be combined with other units (§3.3.6), so mixed weeks are written as days.
        var days = (long)Weeks * 7 + Days;
        if (days > 0)
        {
            sb.Append(days.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('D');
        }

        if ((Hours | Minutes | Seconds) != 0)
        {
            sb.Append('T');
            if (Hours > 0)
            {
                ValueFormat.AppendInt(sb, Hours).Append('H');
            }

            // §3.3.6 grammar: dur-hour requires a following dur-minute before dur-second.
            if (Minutes > 0 || (Hours > 0 && Seconds > 0))
            {
                ValueFormat.AppendInt(sb, Minutes).Append('M');
            }

            if (Seconds > 0)
            {
                ValueFormat.AppendInt(sb, Seconds).Append('S');
            }
        }

        return sb.ToString();
    }
}

/// <summary>
/// A PERIOD value (RFC 5545 §3.3.9): a start and either an explicit end or a duration.
/// </summary>
public sealed record CalPeriod
{
    /// <summary>Period with explicit end.</summary>
    public CalPeriod(CalDateTime start, CalDateTime end)
    {
        Start = start ?? throw new ArgumentNullException(nameof(start));
        End = end ?? throw new ArgumentNullException(nameof(end));
    }

    /// <summary>Period with start and duration.</summary>
    public CalPeriod(CalDateTime start, CalDuration duration)
    {
        Start = start ?? throw new ArgumentNullException(nameof(start));
        Duration = duration;
    }

    /// <summary>UTC period between two instants (as FREEBUSY requires).</summary>
    public static CalPeriod FromInstants(Instant start, Instant end) => new(CalDateTime.FromInstant(start), CalDateTime.FromInstant(end));

    /// <summary>Start.</summary>
    public CalDateTime Start { get; }

    /// <summary>Explicit end, if given.</summary>
    public CalDateTime? End { get; }

    /// <summary>Duration, if given instead of an end.</summary>
    public CalDuration? Duration { get; }

    /// <summary>The end, computed from the duration when needed.</summary>
    public CalDateTime EffectiveEnd => End ?? Duration!.Value.AddTo(Start);

    /// <summary>§3.3.9 text, e.g. <c>19970101T180000Z/PT5H30M</c>.</summary>
    public override string ToString() =>
        ValueFormat.DateTime(Start) + "/" + (End is not null ? ValueFormat.DateTime(End) : Duration!.Value.ToString());
}
