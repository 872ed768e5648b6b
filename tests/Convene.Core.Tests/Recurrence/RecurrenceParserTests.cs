using Convene.Core.Recurrence;
using NodaTime;

namespace Convene.Core.Tests.Recurrence;

/// <summary>Parsing and formatting RRULE / RDATE / EXDATE lines (RFC 5545 §3.3.10, §3.8.5).</summary>
public sealed class RecurrenceParserTests
{
    [Fact]
    public void Rule_ReadsEveryPartWeSupport()
    {
        var rule = RecurrenceRule.Parse("freq=monthly;interval=2;count=10;bymonth=1,7;byday=-1FR,2tu;bysetpos=1;wkst=SU").Value;

        Assert.Equal(Frequency.Monthly, rule.Frequency);
        Assert.Equal(2, rule.Interval);
        Assert.Equal(10, rule.Count);
        Assert.Equal([1, 7], rule.ByMonth);
        Assert.Equal([new WeekdayNum(-1, IsoDayOfWeek.Friday), new WeekdayNum(2, IsoDayOfWeek.Tuesday)], rule.ByDay);
        Assert.Equal([1], rule.BySetPosition);
        Assert.Equal(IsoDayOfWeek.Sunday, rule.WeekStart);
        Assert.Equal("FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYMONTH=1,7;BYDAY=-1FR,2TU;BYSETPOS=1;WKST=SU", rule.ToString());
    }

    [Theory]
    [InlineData("FREQ=YEARLY;UNTIL=20301231T230000Z", UntilKind.Utc)]
    [InlineData("FREQ=YEARLY;UNTIL=20301231T230000", UntilKind.Local)]
    [InlineData("FREQ=YEARLY;UNTIL=20301231", UntilKind.Date)]
    public void Until_KeepsItsForm(string text, UntilKind kind)
    {
        var rule = RecurrenceRule.Parse(text).Value;

        Assert.Equal(kind, rule.Until!.Value.Kind);
        Assert.Equal(text, rule.ToString());
    }

    [Theory]
    [InlineData("FREQ=DAILY;BYMONTHDAY=-1")]
    [InlineData("FREQ=WEEKLY;INTERVAL=3;UNTIL=20300601T000000Z;BYDAY=MO,WE,FR")]
    [InlineData("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=1,15,-1")]
    public void Rule_RoundTrips(string text) => Assert.Equal(text, RecurrenceRule.Parse(text).Value.ToString());

    [Theory]
    [InlineData("", "recurrence.malformed")]
    [InlineData("COUNT=3", "recurrence.malformed")]
    [InlineData("FREQ=FORTNIGHTLY", "recurrence.malformed")]
    [InlineData("FREQ=DAILY;COUNT=0", "recurrence.malformed")]
    [InlineData("FREQ=DAILY;COUNT=x", "recurrence.malformed")]
    [InlineData("FREQ=DAILY;INTERVAL=-1", "recurrence.malformed")]
    [InlineData("FREQ=DAILY;FREQ=WEEKLY", "recurrence.malformed")]
    [InlineData("FREQ=DAILY;UNTIL=2030-01-01", "recurrence.malformed")]
    [InlineData("FREQ=DAILY;UNTIL=20300230", "recurrence.malformed")]
    [InlineData("FREQ=MONTHLY;BYDAY=XX", "recurrence.malformed")]
    [InlineData("FREQ=MONTHLY;BYDAY=0MO", "recurrence.malformed")]
    [InlineData("FREQ=MONTHLY;BYDAY=54MO", "recurrence.malformed")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=32", "recurrence.malformed")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=0", "recurrence.malformed")]
    [InlineData("FREQ=YEARLY;BYMONTH=13", "recurrence.malformed")]
    [InlineData("FREQ=YEARLY;BYMONTH=-1", "recurrence.malformed")]
    [InlineData("FREQ=WEEKLY;BYDAY=2MO", "recurrence.malformed")]
    [InlineData("FREQ=WEEKLY;BYMONTHDAY=3", "recurrence.malformed")]
    [InlineData("FREQ=MONTHLY;BYSETPOS=1", "recurrence.malformed")]
    [InlineData("FREQ=WEEKLY;WKST=XX", "recurrence.malformed")]
    [InlineData("FREQ=DAILY;COUNT=3;UNTIL=20300101T000000Z", "recurrence.count_and_until")]
    [InlineData("FREQ=HOURLY", "recurrence.unsupported")]
    [InlineData("FREQ=MINUTELY", "recurrence.unsupported")]
    [InlineData("FREQ=SECONDLY", "recurrence.unsupported")]
    [InlineData("FREQ=DAILY;BYHOUR=9,15", "recurrence.unsupported")]
    [InlineData("FREQ=DAILY;BYMINUTE=30", "recurrence.unsupported")]
    [InlineData("FREQ=DAILY;BYSECOND=1", "recurrence.unsupported")]
    [InlineData("FREQ=YEARLY;BYWEEKNO=20", "recurrence.unsupported")]
    [InlineData("FREQ=YEARLY;BYYEARDAY=100", "recurrence.unsupported")]
    [InlineData("FREQ=YEARLY;X-NAME=1", "recurrence.unsupported")]
    public void Rule_RejectsWhatIsMalformedOrUnsupported_WithAStableCode(string text, string code)
    {
        var result = RecurrenceRule.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal("recurrence", result.Error.Field);
    }

    [Fact]
    public void Set_ParsesGoogleStyleLines_AndFormatsThemBack()
    {
        string[] lines =
        [
            "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10",
            "EXDATE;TZID=Europe/Oslo:20300114T090000,20300121T090000",
            "EXDATE:20300128T080000Z",
            "RDATE;VALUE=DATE-TIME:20300301T090000",
        ];

        var set = RecurrenceSet.Parse(lines).Value;

        Assert.Equal(10, set.Rule!.Count);
        Assert.Equal(3, set.ExceptionDates.Count);
        Assert.Single(set.RecurrenceDates);
        Assert.Equal(
            ["RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO", "RDATE:20300301T090000", "EXDATE;TZID=Europe/Oslo:20300114T090000,20300121T090000", "EXDATE:20300128T080000Z"],
            set.ToLines());
        Assert.Equal(set, RecurrenceSet.Parse(set.ToLines()).Value);
    }

    [Fact]
    public void ForZone_GivesUntilInUtc_AndFloatingDatesTheZone()
    {
        var oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
        var set = RecurrenceSet.Parse(["RRULE:FREQ=DAILY;UNTIL=20300110T090000", "EXDATE:20300105T090000"]).Value;

        Assert.Equal(
            ["RRULE:FREQ=DAILY;UNTIL=20300110T080000Z", "EXDATE;TZID=Europe/Oslo:20300105T090000"],
            set.ForZone(oslo).ToLines());
    }

    [Theory]
    [InlineData("recurrence.malformed", "FREQ=WEEKLY")]
    [InlineData("recurrence.malformed", "DTSTART:20300101T090000")]
    [InlineData("recurrence.malformed", "EXDATE:notadate")]
    [InlineData("recurrence.malformed", "RRULE:FREQ=DAILY\r\nRRULE:FREQ=WEEKLY")]
    [InlineData("recurrence.multiple_rules", "RRULE:FREQ=DAILY", "RRULE:FREQ=WEEKLY")]
    [InlineData("recurrence.unsupported", "EXRULE:FREQ=DAILY")]
    [InlineData("recurrence.unsupported", "EXDATE;VALUE=DATE:20300101")]
    [InlineData("recurrence.malformed", "RDATE;VALUE=PERIOD:20300101T090000Z/PT1H")]
    [InlineData("recurrence.time_zone_unknown", "EXDATE;TZID=Mars/Olympus:20300101T090000")]
    [InlineData("recurrence.count_and_until", "RRULE:FREQ=DAILY;COUNT=2;UNTIL=20300101")]
    public void Set_RejectsBadLines_WithAStableCode(string code, params string[] lines) =>
        Assert.Equal(code, RecurrenceSet.Parse(lines).Error?.Code);

    [Fact]
    public void Set_RejectsNoLines() => Assert.Equal("recurrence.malformed", RecurrenceSet.Parse([]).Error?.Code);

    [Fact]
    public void Set_ResolvesWindowsZoneNames() =>
        Assert.Equal("Europe/Berlin", RecurrenceSet.Parse(["EXDATE;TZID=W. Europe Standard Time:20300101T090000"]).Value.ExceptionDates[0].Zone!.Id);
}
