using System.Globalization;
using System.Text;

namespace Convene.ICalendar.Tests;

/// <summary>
/// Hostile shapes of iCalendar input (issue 8, "a fuzz test of the iCalendar parser"): oversized, deeply nested,
/// thousands of components, huge and deeply folded lines, invalid UTF-8, endless parameter and value lists. Each is
/// either parsed or refused with the parser's own typed diagnostic (<see cref="DiagnosticCode"/>): never an exception,
/// never <see cref="DiagnosticCode.InternalError"/>. Sizes stay near the limits of <see cref="ParserOptions"/>, so the
/// whole class runs in seconds; a hang would time the test run out, nothing here asserts on the clock.
/// </summary>
public class HostileInputTests
{
    private const string Header = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//EN\r\n";
    private const string Footer = "END:VCALENDAR\r\n";

    private static string Event(int n, string extra = "") =>
        "BEGIN:VEVENT\r\nUID:e" + n.ToString(CultureInfo.InvariantCulture) + "@hostile.example\r\nDTSTAMP:20300101T000000Z\r\n"
        + "DTSTART:20300101T090000Z\r\nDTEND:20300101T100000Z\r\n" + extra + "END:VEVENT\r\n";

    /// <summary>Parses as bytes and as text; both must agree on success and report only typed diagnostics.</summary>
    private static ParseResult<VCalendar> ParseBoth(string text)
    {
        var fromText = CalendarParser.Parse(text);
        var fromBytes = CalendarParser.Parse(Encoding.UTF8.GetBytes(text));
        Assert.DoesNotContain(fromText.Errors, e => e.Code == DiagnosticCode.InternalError);
        Assert.DoesNotContain(fromBytes.Errors, e => e.Code == DiagnosticCode.InternalError);
        Assert.Equal(fromText.Success, fromBytes.Success);
        return fromBytes;
    }

    private static void AssertRefused(ParseResult<VCalendar> result, DiagnosticCode code)
    {
        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Code == code);
    }

    [Fact]
    public void NestingOneHundredThousandDeep_IsRefusedAsLimitExceeded_WithoutRecursion()
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < 100_000; i++)
        {
            text.Append("BEGIN:X-N\r\n");
        }

        AssertRefused(ParseBoth(text.ToString()), DiagnosticCode.LimitExceeded);
    }

    [Fact]
    public void NestingAtTheLimit_IsParsed_OneDeeperIsRefused()
    {
        static string Nested(int depth)
        {
            var text = new StringBuilder(Header);
            for (var i = 1; i < depth; i++)
            {
                text.Append("BEGIN:X-N\r\n");
            }

            for (var i = 1; i < depth; i++)
            {
                text.Append("END:X-N\r\n");
            }

            return text.Append(Footer).ToString();
        }

        Assert.True(ParseBoth(Nested(ParserOptions.Default.MaxNestingDepth)).Success);
        AssertRefused(ParseBoth(Nested(ParserOptions.Default.MaxNestingDepth + 1)), DiagnosticCode.LimitExceeded);
    }

    [Fact]
    public void ThousandsOfEvents_AreParsed_AndMoreThanTheComponentLimitIsRefused()
    {
        var many = new StringBuilder(Header);
        for (var i = 0; i < 5_000; i++)
        {
            many.Append(Event(i));
        }

        var parsed = ParseBoth(many.Append(Footer).ToString());
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        Assert.Equal(5_000, parsed.Value.Events.Count);

        var tooMany = new StringBuilder(Header);
        for (var i = 0; i < ParserOptions.Default.MaxComponents; i++)
        {
            tooMany.Append("BEGIN:X-C\r\nEND:X-C\r\n");
        }

        AssertRefused(ParseBoth(tooMany.Append(Footer).ToString()), DiagnosticCode.LimitExceeded);
    }

    [Fact]
    public void MoreContentLinesThanTheLimit_IsRefusedAsLimitExceeded()
    {
        var text = new StringBuilder(Header).Append("BEGIN:VEVENT\r\n");
        for (var i = 0; i <= ParserOptions.Default.MaxProperties; i++)
        {
            text.Append("X-A:1\r\n");
        }

        AssertRefused(ParseBoth(text.Append("END:VEVENT\r\n").Append(Footer).ToString()), DiagnosticCode.LimitExceeded);
    }

    [Fact]
    public async Task InputOverTheSizeLimit_IsRefusedAsInputTooLarge_AsBytesTextAndStream()
    {
        var text = Header + Event(1, "X-HUGE:" + new string('A', ParserOptions.Default.MaxInputBytes) + "\r\n") + Footer;
        AssertRefused(ParseBoth(text), DiagnosticCode.InputTooLarge);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        AssertRefused(await CalendarParser.ParseAsync(stream, cancellationToken: TestContext.Current.CancellationToken), DiagnosticCode.InputTooLarge);

        // Multi-byte characters count as their UTF-8 octets, not as UTF-16 units.
        var wide = Header + Event(1, "X-HUGE:" + new string('日', (ParserOptions.Default.MaxInputBytes / 3) + 1) + "\r\n") + Footer;
        AssertRefused(ParseBoth(wide), DiagnosticCode.InputTooLarge);
    }

    [Fact]
    public void AThreeMegabyteLine_JustUnderTheLimit_IsParsedWhole()
    {
        var value = new string('x', 3 * 1024 * 1024);
        var parsed = ParseBoth(Header + Event(1, "DESCRIPTION:" + value + "\r\n") + Footer);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        Assert.Equal(value, parsed.Value.Events[0].Description);
    }

    [Fact]
    public void AValueFoldedIntoHalfAMillionContinuationLines_IsUnfoldedExactly()
    {
        // RFC 5545 §3.1: every CRLF + one space is removed; folding after each character is legal if absurd.
        var value = new string('y', 500_000);
        var folded = new StringBuilder("DESCRIPTION:");
        foreach (var c in value)
        {
            folded.Append(c).Append("\r\n ");
        }

        var parsed = ParseBoth(Header + Event(1, folded.ToString().TrimEnd(' ', '\n', '\r') + "\r\n") + Footer);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        Assert.Equal(value, parsed.Value.Events[0].Description);
    }

    public static TheoryData<string, byte[]> InvalidUtf8() => new()
    {
        { "lone continuation byte", [0x80] },
        { "0xFF", [0xFF, 0xFE] },
        { "overlong slash", [0xC0, 0xAF] },
        { "overlong NUL", [0xE0, 0x80, 0x80] },
        { "UTF-16 surrogate encoded", [0xED, 0xA0, 0x80] },
        { "beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80] },
        { "truncated sequence", [0xE6, 0x97] },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void InvalidUtf8InAValue_IsReplacedAndWarned_AndTheRestIsKept(string what, byte[] bad)
    {
        var before = Encoding.UTF8.GetBytes(Header + "BEGIN:VEVENT\r\nUID:u@x\r\nDTSTAMP:20300101T000000Z\r\nDTSTART:20300101T090000Z\r\nSUMMARY:a");
        var after = Encoding.UTF8.GetBytes("b\r\nEND:VEVENT\r\n" + Footer);
        var bytes = before.Concat(bad).Concat(after).ToArray();
        var parsed = CalendarParser.Parse(bytes);
        Assert.True(parsed.Success, what + ": " + string.Join("; ", parsed.Errors));
        Assert.Contains(parsed.Warnings, w => w.Code == DiagnosticCode.InvalidEncoding);
        var summary = parsed.Value.Events[0].Summary!;
        Assert.StartsWith("a", summary, StringComparison.Ordinal);
        Assert.EndsWith("b", summary, StringComparison.Ordinal);
        Assert.Contains('\uFFFD', summary);

        // Invalid bytes at the very end (a truncated last character) too.
        var cut = CalendarParser.Parse(Encoding.UTF8.GetBytes(Header + Event(1) + Footer).Concat(bad).ToArray());
        Assert.DoesNotContain(cut.Errors, e => e.Code == DiagnosticCode.InternalError);
    }

    [Fact]
    public void InvalidUtf8InStructure_IsRefusedAsMalformed_NotThrown()
    {
        var bytes = Encoding.UTF8.GetBytes("BEGIN:VCAL").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("ENDAR\r\n" + Footer)).ToArray();
        var parsed = CalendarParser.Parse(bytes);
        Assert.False(parsed.Success);
        Assert.DoesNotContain(parsed.Errors, e => e.Code == DiagnosticCode.InternalError);
    }

    [Fact]
    public void AParameterWithAHundredThousandValues_AndAHundredParameters_AreBounded()
    {
        var members = string.Join(',', Enumerable.Range(0, 100_000).Select(i => "\"mailto:m" + i.ToString(CultureInfo.InvariantCulture) + "@x.example\""));
        var parsed = ParseBoth(Header + Event(1, "ATTENDEE;MEMBER=" + members + ":mailto:a@x.example\r\n") + Footer);
        Assert.DoesNotContain(parsed.Errors, e => e.Code == DiagnosticCode.InternalError);

        var parameters = string.Concat(Enumerable.Range(0, ParserOptions.Default.MaxParametersPerProperty + 1).Select(i => ";X-P" + i.ToString(CultureInfo.InvariantCulture) + "=v"));
        AssertRefused(ParseBoth(Header + Event(1, "ATTENDEE" + parameters + ":mailto:a@x.example\r\n") + Footer), DiagnosticCode.LimitExceeded);
    }

    [Fact]
    public void TensOfThousandsOfDatesAndAttendees_AreParsedOrRefusedWithATypedError()
    {
        var dates = string.Join(',', Enumerable.Range(0, 100_000).Select(i => new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)));
        var attendees = string.Concat(Enumerable.Range(0, 20_000).Select(i => "ATTENDEE;CN=A " + i.ToString(CultureInfo.InvariantCulture) + ":mailto:a" + i.ToString(CultureInfo.InvariantCulture) + "@x.example\r\n"));
        var parsed = ParseBoth(Header + Event(1, "RDATE:" + dates + "\r\nEXDATE:" + dates + "\r\n" + attendees) + Footer);
        Assert.DoesNotContain(parsed.Errors, e => e.Code == DiagnosticCode.InternalError);
    }

    private static string Zones(int count, string firstYear)
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < count; i++)
        {
            var id = "Z" + i.ToString(CultureInfo.InvariantCulture);
            text.Append("BEGIN:VTIMEZONE\r\nTZID:").Append(id).Append("\r\n")
                .Append("BEGIN:STANDARD\r\nDTSTART:").Append(firstYear).Append("0101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n")
                .Append("BEGIN:DAYLIGHT\r\nDTSTART:").Append(firstYear).Append("0101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n")
                .Append("END:VTIMEZONE\r\n")
                .Append("BEGIN:VEVENT\r\nUID:tz").Append(id).Append("\r\nDTSTAMP:20300101T000000Z\r\nDTSTART;TZID=").Append(id)
                .Append(":20300601T090000\r\nDTEND;TZID=").Append(id).Append(":20300601T100000\r\nEND:VEVENT\r\n");
        }

        return text.Append(Footer).ToString();
    }

    [Fact]
    public void HundredsOfTimeZonesWithRulesFromYearOne_AreRefusedOverTheCalendarsWorkBudget()
    {
        // Found by this class: 300 such zones (a 200 KB upload) cost ~2 s of CPU per parse, ~3,000 (1 MB) ~20 s;
        // each zone was bounded, all of them together were not. Now one budget covers a calendar's zones.
        var parsed = ParseBoth(Zones(100, "0001"));
        AssertRefused(parsed, DiagnosticCode.UnknownTimeZone);
        Assert.Contains(parsed.Errors, e => e.Message.Contains("too large to evaluate", StringComparison.Ordinal));
    }

    [Fact]
    public void TwentyOutlookStyleTimeZonesInOneCalendar_AreStillEvaluated()
    {
        var parsed = ParseBoth(Zones(20, "1601"));
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        Assert.All(parsed.Value.Events, e => Assert.Equal(Instant(2030, 6, 1, 7), e.Start!.ToInstant()));
    }

    [Fact]
    public void NumbersBeyondEveryIntegerType_AreInvalidValues_NotOverflows()
    {
        string[] hostile =
        [
            "DURATION:P99999999999999999999W", "DURATION:PT9223372036854775808S", "DURATION:P2147483648DT2147483648H",
            "SEQUENCE:99999999999999999999", "SEQUENCE:-2147483649", "PRIORITY:2147483648",
            "DTSTART:99999999T999999Z", "DTSTART:-0010101T000000Z", "RDATE;VALUE=PERIOD:20300101T000000Z/P99999999999999W",
            "TRIGGER:-P99999999999999D", "TZOFFSETTO:+99999",
        ];
        foreach (var line in hostile)
        {
            var text = Header + "BEGIN:VEVENT\r\nUID:n@x\r\nDTSTAMP:20300101T000000Z\r\nDTSTART:20300101T090000Z\r\n" + line + "\r\nEND:VEVENT\r\n" + Footer;
            var parsed = ParseBoth(text);
            if (parsed.Success)
            {
                foreach (var e in parsed.Value.Events)
                {
                    _ = e.Start?.ToInstant();
                    _ = e.EffectiveEnd?.ToInstant();
                }

                _ = CalendarWriter.Write(parsed.Value);
            }
        }
    }

    [Fact]
    public void EscapesAndQuotesInBulk_AreParsedWithoutBacktracking()
    {
        var backslashes = "SUMMARY:" + string.Concat(Enumerable.Repeat("\\\\\\,\\;\\n", 200_000)) + "\r\n";
        var parsed = ParseBoth(Header + Event(1, backslashes) + Footer);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        Assert.Equal(string.Concat(Enumerable.Repeat("\\,;\n", 200_000)), parsed.Value.Events[0].Summary);

        // An opening quote that never closes, after 100,000 unquoted commas.
        var unterminated = "ATTENDEE;CN=" + new string(',', 100_000) + "\"" + new string('x', 100_000) + ":mailto:a@x.example\r\n";
        Assert.False(ParseBoth(Header + Event(1, unterminated) + Footer).Success);
    }

    private static NodaTime.Instant Instant(int y, int m, int d, int h) => NodaTime.Instant.FromUtc(y, m, d, h, 0);
}
