using System.Globalization;
using System.Text;

namespace Convene.ICalendar.Tests;

/// <summary>
/// Seeded mutation fuzzing of the parser: whatever the bytes, it returns a result (never throws, never reports an
/// internal error), and whatever it accepts can be written and read back unchanged. The iteration count is bounded
/// (3,000 by default, CONVENE_FUZZ_ITERATIONS to override), and every mutation keeps inputs small, so it cannot hang.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Soup =
    [
        ";", ":", ",", "\"", "=", "\\", "^", "^n", "^'", "\r\n", "\n", "\r", " ", "\t", "\r\n ", "Z", "T", "-", "+", "P", "W",
        "BEGIN:VEVENT", "END:VEVENT", "END:VCALENDAR", "BEGIN:VTIMEZONE", "TZID=", ";TZID=W. Europe Standard Time",
        ";VALUE=DATE", ";VALUE=PERIOD", ";PARTSTAT=", ";CUTYPE=X-", "mailto:", "\u00e9", "\u65e5", "\ud83d\uddd3", "\ufeff", "\0",
        "99991231T235959Z", "00000000", "20250230", "P99999999W", "-PT1H", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    ];

    private static int Iterations() =>
        int.TryParse(Environment.GetEnvironmentVariable("CONVENE_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3000;

    [Fact]
    public void Parser_MutatedFixtures_NeverThrowsAndRoundTripsWhatItAccepts()
    {
        var random = new Random(20251121);
        var seeds = FixtureFiles.All.Select(FixtureFiles.Bytes).ToArray();
        var iterations = Iterations();
        var accepted = 0;
        for (var i = 0; i < iterations; i++)
        {
            var input = seeds[random.Next(seeds.Length)];
            var rounds = 1 + random.Next(3);
            for (var r = 0; r < rounds; r++)
            {
                input = Mutate(input, random);
            }

            if (Check(input, i))
            {
                accepted++;
            }
        }

        // Mutations must leave enough valid input to exercise the typed layer and writer too.
        Assert.True(accepted > iterations / 20, "Only " + accepted + " of " + iterations + " mutated inputs parsed.");
    }

    [Fact]
    public void Parser_RandomBytes_NeverThrows()
    {
        var random = new Random(5545);
        for (var i = 0; i < Math.Max(100, Iterations() / 10); i++)
        {
            var bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);
            Check(bytes, i);
        }
    }

    private static bool Check(byte[] input, int iteration)
    {
        var context = "iteration " + iteration + ", input:\n" + Encoding.UTF8.GetString(input[..Math.Min(input.Length, 3000)]);
        var document = CalendarParser.ParseDocument(input);
        Assert.DoesNotContain(document.Errors, e => e.Code == DiagnosticCode.InternalError);
        var typedFromString = CalendarParser.Parse(Encoding.UTF8.GetString(input));
        Assert.DoesNotContain(typedFromString.Errors, e => e.Code == DiagnosticCode.InternalError);
        var typed = CalendarParser.Parse(input);
        Assert.DoesNotContain(typed.Errors, e => e.Code == DiagnosticCode.InternalError);
        Assert.Equal(typed.Success, typed.Errors.Count == 0);

        if (document.Success)
        {
            var written = CalendarWriter.Write(document.Value);
            var reread = CalendarParser.ParseDocument(written);
            Assert.True(reread.Success, context + "\nwritten document did not re-parse: " + string.Join("; ", reread.Errors));
            Assert.Equal(written, CalendarWriter.Write(reread.Value));
        }

        if (!typed.Success)
        {
            return false;
        }

        // Exercise the derived values an integrator will use: none may throw on accepted input.
        foreach (var e in typed.Value.Events)
        {
            _ = e.Start?.ToInstant();
            _ = e.End?.ToInstant();
            _ = e.EffectiveEnd?.ToInstant();
            _ = e.RecurrenceId?.ToInstant();
        }

        foreach (var fb in typed.Value.FreeBusy)
        {
            foreach (var p in fb.Periods)
            {
                _ = p.Period.EffectiveEnd.ToInstant();
            }
        }

        var text = CalendarWriter.Write(typed.Value);
        var again = CalendarParser.Parse(text);
        Assert.True(again.Success, context + "\nwritten calendar did not re-parse: " + string.Join("; ", again.Errors) + "\n" + text);
        Assert.Equal(text, CalendarWriter.Write(again.Value));
        return true;
    }

    private static byte[] Mutate(byte[] input, Random random)
    {
        switch (random.Next(9))
        {
            case 0:
                {
                    // Byte flips.
                    var copy = (byte[])input.Clone();
                    for (var n = random.Next(1, 8); n > 0 && copy.Length > 0; n--)
                    {
                        copy[random.Next(copy.Length)] = (byte)random.Next(256);
                    }

                    return copy;
                }

            case 1:
                return input[..random.Next(input.Length + 1)];
            default:
                break;
        }

        var lines = Encoding.UTF8.GetString(input).Split('\n').ToList();
        if (lines.Count == 0)
        {
            return input;
        }

        var at = random.Next(lines.Count);
        switch (random.Next(7))
        {
            case 0:
                // Duplicate a run of lines.
                var count = Math.Min(random.Next(1, 6), lines.Count - at);
                lines.InsertRange(at, lines.GetRange(at, count));
                break;
            case 1:
                // Huge line, sometimes folded.
                var length = random.Next(1_000, 200_000);
                var huge = random.Next(2) == 0
                    ? "X-HUGE:" + new string('A', length)
                    : "DESCRIPTION:" + string.Join("\r\n ", Enumerable.Repeat("é日🗓 ", length / 20));
                lines.Insert(at, huge);
                break;
            case 2:
                // Random parameter soup after the property name.
                var line = lines[at];
                var cut = Math.Max(0, line.IndexOfAny([';', ':']));
                var soup = new StringBuilder();
                for (var n = random.Next(1, 12); n > 0; n--)
                {
                    soup.Append(Soup[random.Next(Soup.Length)]);
                }

                lines[at] = line[..cut] + ";X-P" + random.Next(100) + "=" + soup + line[cut..];
                break;
            case 3:
                lines.RemoveAt(at);
                break;
            case 4:
                var other = random.Next(lines.Count);
                (lines[at], lines[other]) = (lines[other], lines[at]);
                break;
            case 5:
                // Scramble digits (dates, offsets, sequences).
                var chars = lines[at].ToCharArray();
                for (var k = 0; k < chars.Length; k++)
                {
                    if (char.IsAsciiDigit(chars[k]) && random.Next(3) == 0)
                    {
                        chars[k] = (char)('0' + random.Next(10));
                    }
                }

                lines[at] = new string(chars);
                break;
            default:
                var position = random.Next(lines[at].Length + 1);
                lines[at] = lines[at].Insert(position, Soup[random.Next(Soup.Length)]);
                break;
        }

        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }
}
