using Convene.Core.Series;
using NodaTime;

namespace Convene.Core.Tests.Series;

/// <summary>Moving a series to another weekday rewrites its lines (ADR 0021): what rotates, what moves, what is refused.</summary>
public sealed class RuleLinesShiftTests
{
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    [Fact]
    public void PlainWeekdays_Rotate_UntilAndDatesMoveWithThem()
    {
        var shifted = RuleLines.Shift(
            ["RRULE:FREQ=WEEKLY;BYDAY=MO,FR,SU;UNTIL=20300128T235959Z", "EXDATE;TZID=Europe/Oslo:20300107T090000", "RDATE:20300201T080000Z"],
            1,
            new LocalTime(10, 0),
            Oslo);
        Assert.Equal(
            ["RRULE:FREQ=WEEKLY;BYDAY=TU,SA,MO;UNTIL=20300129T235959Z", "EXDATE;TZID=Europe/Oslo:20300108T100000", "RDATE;TZID=Europe/Oslo:20300202T100000"],
            shifted);
    }

    [Fact]
    public void BackwardsAcrossTheWeek_Wraps()
    {
        Assert.Equal(["RRULE:FREQ=DAILY;BYDAY=SU,TH"], RuleLines.Shift(["RRULE:FREQ=DAILY;BYDAY=MO,FR"], -1, new LocalTime(9, 0), Oslo));
    }

    [Theory]
    [InlineData("RRULE:FREQ=MONTHLY;BYDAY=-1FR")]
    [InlineData("RRULE:FREQ=WEEKLY;BYDAY=1MO")]
    [InlineData("RRULE:FREQ=DAILY;BYMONTHDAY=1,15")]
    [InlineData("RRULE:FREQ=YEARLY")]
    [InlineData("RRULE:FREQ=WEEKLY;BYDAY=MO;BYSETPOS=1")]
    public void DaysOfTheMonthOrYear_AreRefused(string rule)
    {
        Assert.Null(RuleLines.Shift([rule], 2, new LocalTime(9, 0), Oslo));
    }

    [Fact]
    public void NoShift_OnlyTheTimesMove()
    {
        Assert.Equal(
            ["RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", "EXDATE;TZID=Europe/Oslo:20300125T140000"],
            RuleLines.Shift(["RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", "EXDATE;TZID=Europe/Oslo:20300125T090000"], 0, new LocalTime(14, 0), Oslo));
    }
}
