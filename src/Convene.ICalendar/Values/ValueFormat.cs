using System.Text;
using NodaTime;

namespace Convene.ICalendar;

/// <summary>Invariant formatting of iCalendar value types; digits are written by hand so no culture (Arabic-Indic digits, Hijri calendar) can leak in.</summary>
internal static class ValueFormat
{
    public static StringBuilder AppendInt(StringBuilder sb, int value) =>
        sb.Append(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string DateTime(CalDateTime value)
    {
        var sb = new StringBuilder(16);
        AppendDate(sb, value.Value.Date);
        if (value.IsDate)
        {
            return sb.ToString();
        }

        sb.Append('T');
        AppendTime(sb, value.Value);
        if (value.Kind == CalDateTimeKind.Utc)
        {
            sb.Append('Z');
        }

        return sb.ToString();
    }

    public static string LocalDateTime(LocalDateTime value)
    {
        var sb = new StringBuilder(15);
        AppendDate(sb, value.Date);
        sb.Append('T');
        AppendTime(sb, value);
        return sb.ToString();
    }

    public static string UtcInstant(Instant instant) => DateTime(CalDateTime.FromInstant(instant));

    /// <summary>§3.3.14 UTC-OFFSET: <c>+HHMM</c> or <c>+HHMMSS</c>.</summary>
    public static string Offset(Offset offset)
    {
        var seconds = offset.Seconds;
        var sb = new StringBuilder(7);
        sb.Append(seconds < 0 ? '-' : '+');
        seconds = Math.Abs(seconds);
        Pad(sb, seconds / 3600, 2);
        Pad(sb, seconds / 60 % 60, 2);
        if (seconds % 60 != 0)
        {
            Pad(sb, seconds % 60, 2);
        }

        return sb.ToString();
    }

    private static void AppendDate(StringBuilder sb, LocalDate date)
    {
        Pad(sb, date.Year, 4);
        Pad(sb, date.Month, 2);
        Pad(sb, date.Day, 2);
    }

    private static void AppendTime(StringBuilder sb, LocalDateTime value)
    {
        Pad(sb, value.Hour, 2);
        Pad(sb, value.Minute, 2);
        Pad(sb, value.Second, 2);
    }

    private static void Pad(StringBuilder sb, int value, int width)
    {
        Span<char> buffer = stackalloc char[10];
        var n = 0;
        var v = Math.Abs(value);
        do
        {
            buffer[n++] = (char)('0' + (v % 10));
            v /= 10;
        }
        while (v > 0);

        for (var i = n; i < width; i++)
        {
            sb.Append('0');
        }

        for (var i = n - 1; i >= 0; i--)
        {
            sb.Append(buffer[i]);
        }
    }
}

/// <summary>Parsing of iCalendar value types, accepting only ASCII digits.</summary>
internal static class ValueParse
{
    /// <summary>
    /// Parses <c>YYYYMMDD</c>, <c>YYYYMMDDTHHMMSS</c> or <c>YYYYMMDDTHHMMSSZ</c> (§3.3.4, §3.3.5). Year 9999 is refused so
    /// every accepted local time converts to an instant in every zone.
    /// </summary>
    public static bool TryParseDateTimeText(ReadOnlySpan<char> s, out LocalDateTime value, out bool isDate, out bool isUtc)
    {
        value = default;
        isDate = false;
        isUtc = false;
        s = s.Trim();
        if (s.Length < 8
            || !TryDigits(s[..4], out var year)
            || !TryDigits(s[4..6], out var month)
            || !TryDigits(s[6..8], out var day)
            || year is < 1 or > 9998 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }

        if (s.Length == 8)
        {
            isDate = true;
            value = new LocalDateTime(year, month, day, 0, 0);
            return true;
        }

        if (s.Length is not (15 or 16) || s[8] is not ('T' or 't')
            || !TryDigits(s[9..11], out var hour)
            || !TryDigits(s[11..13], out var minute)
            || !TryDigits(s[13..15], out var second)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        if (s.Length == 16)
        {
            if (s[15] is not ('Z' or 'z'))
            {
                return false;
            }

            isUtc = true;
        }

        // §3.3.5 allows second 60 for a leap second; NodaTime has none, so clamp to 59.
        value = new LocalDateTime(year, month, day, hour, minute, Math.Min(second, 59));
        return true;
    }

    /// <summary>Parses a §3.3.6 duration; tolerant of units out of the grammar's order-combinations (e.g. <c>PT1H30S</c>, <c>P1W2D</c>).</summary>
    public static bool TryParseDuration(string? text, out CalDuration value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.Length < 3 || s[0] is not ('P' or 'p'))
        {
            return false;
        }

        s = s[1..];
        int weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0;
        var inTime = false;
        var any = false;
        var seen = 0;
        while (!s.IsEmpty)
        {
            if (s[0] is 'T' or 't')
            {
                if (inTime)
                {
                    return false;
                }

                inTime = true;
                s = s[1..];
                continue;
            }

            var n = 0;
            while (n < s.Length && s[n] is >= '0' and <= '9')
            {
                n++;
            }

            if (n == 0 || n > 9 || n == s.Length || !TryDigits(s[..n], out var number))
            {
                return false;
            }

            var unit = char.ToUpperInvariant(s[n]);
            var bit = unit switch
            {
                'W' when !inTime => 1,
                'D' when !inTime => 2,
                'H' when inTime => 4,
                'M' when inTime => 8,
                'S' when inTime => 16,
                _ => 0,
            };
            if (bit == 0 || (seen & bit) != 0)
            {
                return false;
            }

            seen |= bit;
            switch (bit)
            {
                case 1:
                    weeks = number;
                    break;
                case 2:
                    days = number;
                    break;
                case 4:
                    hours = number;
                    break;
                case 8:
                    minutes = number;
                    break;
                default:
                    seconds = number;
                    break;
            }

            any = true;
            s = s[(n + 1)..];
        }

        if (!any || (inTime && (seen & (4 | 8 | 16)) == 0))
        {
            return false;
        }

        value = new CalDuration(negative, weeks, days, hours, minutes, seconds);
        return true;
    }

    /// <summary>§3.3.14 UTC-OFFSET, tolerating surrounding whitespace and a missing sign.</summary>
    public static bool TryParseOffset(string? text, out Offset offset)
    {
        offset = default;
        if (text is null)
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        var sign = 1;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            sign = s[0] == '-' ? -1 : 1;
            s = s[1..];
        }

        if (s.Length is not (4 or 6)
            || !TryDigits(s[..2], out var h) || !TryDigits(s[2..4], out var m)
            || h > 18 || m > 59)
        {
            return false;
        }

        var sec = 0;
        if (s.Length == 6 && (!TryDigits(s[4..6], out sec) || sec > 59))
        {
            return false;
        }

        var total = sign * ((h * 3600) + (m * 60) + sec);
        if (Math.Abs(total) > 18 * 3600)
        {
            return false;
        }

        offset = Offset.FromSeconds(total);
        return true;
    }

    public static bool TryParseInteger(string? text, out int value)
    {
        value = 0;
        if (text is null)
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.IsEmpty || s.Length > 9 || !TryDigits(s, out var v))
        {
            return false;
        }

        value = negative ? -v : v;
        return true;
    }

    public static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 9)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
