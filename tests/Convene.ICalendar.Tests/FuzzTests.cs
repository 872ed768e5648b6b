using System.Globalization;
using System.Text;

namespace Convene.ICalendar.Tests;

/// <summary>
/// Seeded mutation fuzzing of the parser: whatever the bytes, it returns a result (never throws, never reports an
/// internal error), and whatever it accepts can be written and read back unchanged. The iteration count is bounded
/// (3,000 by default, CONVENE_FUZZ_ITERATIONS to override) and the seed fixed (CONVENE_FUZZ_SEED to vary it), and every
/// mutation keeps inputs within the parser's limits, so it cannot hang. Longer on demand (docs/reliability.md):
/// <c>CONVENE_FUZZ_ITERATIONS=200000 CONVENE_FUZZ_SEED=$RANDOM dotnet test tests/Convene.ICalendar.Tests --filter FuzzTests</c>.
/// The fixed hostile shapes (nesting, floods, huge lines) are <see cref="HostileInputTests"/>.
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

    private static readonly byte[][] BadUtf8 =
    [
        [0x80], [0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE6, 0x97], [0xF0, 0x9F], [0xC3],
    ];

    private static int Iterations() =>
        int.TryParse(Environment.GetEnvironmentVariable("CONVENE_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3000;

    /// <summary>The fixed seed of each test, or CONVENE_FUZZ_SEED mixed into it; printed on failure to replay it.</summary>
    private static int Seed(int fixedSeed) =>
        int.TryParse(Environment.GetEnvironmentVariable("CONVENE_FUZZ_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? fixedSeed ^ s : fixedSeed;

    [Fact]
    public void Parser_MutatedFixtures_NeverThrowsAndRoundTripsWhatItAccepts()
    {
        var seed = Seed(20251121);
        var random = new Random(seed);
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

            if (Check(input, "seed " + seed + ", iteration " + i))
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
        var seed = Seed(5545);
        var random = new Random(seed);
        for (var i = 0; i < Math.Max(100, Iterations() / 10); i++)
        {
            var bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);
            Check(bytes, "seed " + seed + ", iteration " + i);
        }
    }

    private static bool Check(byte[] input, string iteration)
    {
        var context = iteration + ", input:\n" + Encoding.UTF8.GetString(input[..Math.Min(input.Length, 3000)]);
        var document = CalendarParser.ParseDocument(input);
        Assert.True(document.Errors.All(e => e.Code != DiagnosticCode.InternalError), context + "\n" + string.Join("; ", document.Errors));
        var typedFromString = CalendarParser.Parse(Encoding.UTF8.GetString(input));
        Assert.DoesNotContain(typedFromString.Errors, e => e.Code == DiagnosticCode.InternalError);
        var typed = CalendarParser.Parse(input);
        Assert.True(typed.Errors.All(e => e.Code != DiagnosticCode.InternalError), context + "\n" + string.Join("; ", typed.Errors));
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
        switch (random.Next(13))
        {
            case 9:
                {
                    // Invalid UTF-8 (overlong, surrogate, truncated, beyond U+10FFFF) somewhere, often mid-character.
                    var where = random.Next(input.Length + 1);
                    return [.. input[..where], .. BadUtf8[random.Next(BadUtf8.Length)], .. input[where..]];
                }

            case 10:
                {
                    // A flood: one component (or any run of lines) repeated hundreds of times.
                    var text = Encoding.UTF8.GetString(input);
                    var begin = text.IndexOf("BEGIN:V", Math.Min(text.Length, 1 + random.Next((text.Length / 2) + 1)), StringComparison.Ordinal);
                    var end = begin < 0 ? -1 : text.IndexOf("END:V", begin, StringComparison.Ordinal);
                    var stop = end < 0 ? -1 : text.IndexOf('\n', end);
                    if (stop < 0)
                    {
                        return input;
                    }

                    var block = text[begin..(stop + 1)];
                    var times = random.Next(2, 3 + (30_000 / Math.Max(1, block.Length)));
                    return Encoding.UTF8.GetBytes(text[..begin] + string.Concat(Enumerable.Repeat(block, Math.Min(times, 1_000))) + text[begin..]);
                }

            case 11:
                {
                    // Nesting: a run of BEGINs (balanced or not) of real or unknown component names.
                    var text = Encoding.UTF8.GetString(input);
                    var where = text.IndexOf('\n', random.Next(text.Length + 1));
                    where = where < 0 ? text.Length : where + 1;
                    var name = random.Next(3) switch { 0 => "VEVENT", 1 => "VALARM", _ => "X-NEST" };
                    var depth = random.Next(1, 20);
                    var nested = string.Concat(Enumerable.Repeat("BEGIN:" + name + "\r\n", depth));
                    if (random.Next(2) == 0)
                    {
                        nested += string.Concat(Enumerable.Repeat("END:" + name + "\r\n", depth));
                    }

                    return Encoding.UTF8.GetBytes(text[..where] + nested + text[where..]);
                }

            case 12:
                {
                    // Deep folding: a line refolded after every one to three characters, with CRLF, LF or a tab.
                    var text = Encoding.UTF8.GetString(input);
                    var parts = text.Split('\n');
                    var where = random.Next(parts.Length);
                    var folded = new StringBuilder();
                    var line = parts[where].TrimEnd('\r');
                    for (var k = 0; k < line.Length; k++)
                    {
                        folded.Append(line[k]);
                        if (k + 1 < line.Length && !char.IsHighSurrogate(line[k]) && random.Next(2) == 0)
                        {
                            folded.Append(random.Next(3) switch { 0 => "\r\n ", 1 => "\n ", _ => "\r\n\t" });
                        }
                    }

                    parts[where] = folded + "\r";
                    return Encoding.UTF8.GetBytes(string.Join('\n', parts));
                }

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
