using System.Numerics;
using NodaTime;

namespace Convene.Persistence.Stores;

/// <summary>
/// The text form EF Core's SQLite provider stores a UTC <see cref="DateTime"/> in: <c>yyyy-MM-dd HH:mm:ss</c>, then
/// <c>.</c> and one to seven digits of the fraction when it is not zero. Read from characters or, straight from
/// SQLite's column, from UTF-8 bytes (the text is ASCII).
/// </summary>
internal static class SqliteTimestamp
{
    public static bool TryParse(ReadOnlySpan<char> text, out Instant instant) => TryParse<char>(text, out instant);

    public static bool TryParse<T>(ReadOnlySpan<T> text, out Instant instant)
        where T : unmanaged, IBinaryInteger<T>
    {
        instant = default;
        if (text.Length < 19 || !Is(text[4], '-') || !Is(text[7], '-') || !Is(text[10], ' ') || !Is(text[13], ':') || !Is(text[16], ':')
            || !Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        var ticks = 0L;
        if (text.Length > 19)
        {
            var digits = text.Length - 20;
            if (!Is(text[19], '.') || digits is < 1 or > 7 || !Digits(text, 20, digits, out var fraction))
            {
                return false;
            }

            ticks = fraction;
            for (var i = digits; i < 7; i++)
            {
                ticks *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        instant = Instant.FromUtc(year, month, day, hour, minute, second) + Duration.FromTicks(ticks);
        return true;
    }

    private static bool Is<T>(T unit, char expected)
        where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(unit) == expected;

    private static bool Digits<T>(ReadOnlySpan<T> text, int start, int count, out int value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = int.CreateTruncating(text[i]) - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
