using Convene.Core.Recurrence;
using NodaTime;

namespace Convene.Core.Tests.Recurrence;

/// <summary>Worked examples of the expansion rules (RFC 5545 §3.3.5, §3.3.10, §3.8.5); the oracle test checks them at random.</summary>
public sealed class RecurrenceExpanderTests
{
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    internal static RecurringSchedule Schedule(LocalDateTime start, DateTimeZone zone, params string[] lines) =>
        new(start, zone, Duration.FromHours(1), RecurrenceSet.Parse(lines).Value);

    private static IReadOnlyList<Occurrence> All(RecurringSchedule schedule)
    {
        var result = RecurrenceExpander.ExpandAll(schedule);
        Assert.True(result.IsSuccess, result.Error?.Code);
        return result.Value;
    }

    [Fact]
    public void WeeklyInOslo_KeepsNineOClockLocal_AcrossBothDstChanges_WhileUtcShiftsByAnHour()
    {
        // 2030: EU summer time from Sunday 31 March to Sunday 27 October.
        var series = All(Schedule(new LocalDateTime(2030, 1, 7, 9, 0), Oslo, "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=52"));

        Assert.Equal(52, series.Count);
        Assert.All(series, o => Assert.Equal(new LocalTime(9, 0), o.Start.InZone(Oslo).TimeOfDay));
        Assert.All(series, o => Assert.Equal(IsoDayOfWeek.Monday, o.Start.InZone(Oslo).DayOfWeek));
        Assert.Contains(series, o => o.Start == Instant.FromUtc(2030, 3, 25, 8, 0)); // last winter Monday: UTC+1
        Assert.Contains(series, o => o.Start == Instant.FromUtc(2030, 4, 1, 7, 0)); // first summer Monday: UTC+2
        Assert.Contains(series, o => o.Start == Instant.FromUtc(2030, 10, 21, 7, 0)); // last summer Monday
        Assert.Contains(series, o => o.Start == Instant.FromUtc(2030, 10, 28, 8, 0)); // back to winter
        Assert.All(series, o => Assert.Equal(Duration.FromHours(1), o.End - o.Start));
    }

    [Theory]
    [InlineData(2030, 3, 4, 16)] // both zones on standard time: New York UTC−5, Oslo UTC+1
    [InlineData(2030, 3, 11, 15)] // US changed on 10 March, Europe not yet: the gap is 5 hours
    [InlineData(2030, 3, 25, 15)]
    [InlineData(2030, 4, 1, 16)] // Europe changed on 31 March: 6 hours again
    [InlineData(2030, 10, 21, 16)]
    [InlineData(2030, 10, 28, 15)] // Europe changed back on 27 October, the US not until 3 November
    [InlineData(2030, 11, 4, 16)]
    public void NewYorkOrganiser_SeriesSeenFromOslo_ShowsTheRightLocalTime_WhenOnlyOneZoneHasChanged(int year, int month, int day, int osloHour)
    {
        var series = All(Schedule(new LocalDateTime(2030, 1, 7, 10, 0), NewYork, "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20301231T235959Z"));

        var occurrence = Assert.Single(series, o => o.Start.InZone(NewYork).Date == new LocalDate(year, month, day));
        Assert.Equal(new LocalTime(10, 0), occurrence.Start.InZone(NewYork).TimeOfDay);
        Assert.Equal(new LocalTime(osloHour, 0), occurrence.Start.InZone(Oslo).TimeOfDay);
    }

    [Fact]
    public void MonthlyLastFriday_OverThreeYears_IsTheLastFridayOfEveryMonth()
    {
        var series = All(Schedule(new LocalDateTime(2030, 1, 25, 14, 0), Oslo, "RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20321231T235959Z"));

        Assert.Equal(36, series.Count);
        var dates = series.Select(o => o.Start.InZone(Oslo).Date).ToList();
        Assert.All(dates, d => Assert.Equal(IsoDayOfWeek.Friday, d.DayOfWeek));
        Assert.All(dates, d => Assert.NotEqual(d.Month, d.PlusWeeks(1).Month));
        Assert.Equal(36, dates.Select(d => (d.Year, d.Month)).Distinct().Count());
        Assert.Equal(new LocalDate(2032, 12, 31), dates[^1]);
        Assert.Equal(new LocalDate(2030, 3, 29), dates[2]);
    }

    [Fact]
    public void SecondTuesday_IsTheSecondTuesdayOfEachMonth()
    {
        var dates = All(Schedule(new LocalDateTime(2030, 1, 8, 9, 0), Oslo, "RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=4"))
            .Select(o => o.LocalStart.Date);

        Assert.Equal([new LocalDate(2030, 1, 8), new LocalDate(2030, 2, 12), new LocalDate(2030, 3, 12), new LocalDate(2030, 4, 9)], dates);
    }

    [Fact]
    public void CountEnded_StopsAfterCountOccurrences_IncludingTheFirst()
    {
        var series = All(Schedule(new LocalDateTime(2030, 5, 6, 9, 0), Oslo, "RRULE:FREQ=DAILY;COUNT=5"));

        Assert.Equal(Enumerable.Range(6, 5).Select(d => new LocalDateTime(2030, 5, d, 9, 0)), series.Select(o => o.LocalStart));
    }

    [Fact]
    public void DateEnded_IncludesAnOccurrenceStartingExactlyAtUntil()
    {
        // 2030-06-03 09:00 Oslo is 07:00Z.
        var series = All(Schedule(new LocalDateTime(2030, 5, 6, 9, 0), Oslo, "RRULE:FREQ=WEEKLY;UNTIL=20300603T070000Z"));

        Assert.Equal(5, series.Count);
        Assert.Equal(Instant.FromUtc(2030, 6, 3, 7, 0), series[^1].Start);
    }

    [Fact]
    public void DateEnded_WithADateOnlyUntil_IncludesThatWholeDay()
    {
        var series = All(Schedule(new LocalDateTime(2030, 5, 6, 23, 0), Oslo, "RRULE:FREQ=DAILY;UNTIL=20300508"));

        Assert.Equal(new LocalDateTime(2030, 5, 8, 23, 0), series[^1].LocalStart);
        Assert.Equal(3, series.Count);
    }

    [Fact]
    public void EveryTwoWeeks_OnTuesdayAndThursday()
    {
        var dates = All(Schedule(new LocalDateTime(2030, 1, 1, 9, 0), Oslo, "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6"))
            .Select(o => o.LocalStart.Date.Day);

        Assert.Equal([1, 3, 15, 17, 29, 31], dates);
    }

    [Fact]
    public void BySetPos_LastWorkdayOfTheMonth()
    {
        var dates = All(Schedule(new LocalDateTime(2030, 1, 31, 15, 0), Oslo, "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=4"))
            .Select(o => o.LocalStart.Date);

        // February 2030 ends on a Thursday, March on a Sunday (→ Friday 29th), April on a Tuesday.
        Assert.Equal([new LocalDate(2030, 1, 31), new LocalDate(2030, 2, 28), new LocalDate(2030, 3, 29), new LocalDate(2030, 4, 30)], dates);
    }

    [Fact]
    public void MonthlyOnThe31st_SkipsMonthsWithoutIt()
    {
        var dates = All(Schedule(new LocalDateTime(2030, 1, 31, 9, 0), Oslo, "RRULE:FREQ=MONTHLY;COUNT=4")).Select(o => o.LocalStart.Date);

        // RFC 5545 §3.3.10: invalid dates (30 February, 31 April) are ignored, not moved.
        Assert.Equal([new LocalDate(2030, 1, 31), new LocalDate(2030, 3, 31), new LocalDate(2030, 5, 31), new LocalDate(2030, 7, 31)], dates);
    }

    [Fact]
    public void YearlyOnTheTwentyNinthOfFebruary_OccursOnlyInLeapYears()
    {
        var dates = All(Schedule(new LocalDateTime(2028, 2, 29, 9, 0), Oslo, "RRULE:FREQ=YEARLY;COUNT=3")).Select(o => o.LocalStart.Date.Year);

        Assert.Equal([2028, 2032, 2036], dates);
    }

    [Fact]
    public void DstGap_ANonexistentTime_IsShiftedForwardByTheGap()
    {
        // Oslo springs forward on 31 March 2030 at 02:00 → 03:00; 02:30 does not exist that day.
        var series = All(Schedule(new LocalDateTime(2030, 3, 30, 2, 30), Oslo, "RRULE:FREQ=DAILY;COUNT=3"));

        Assert.Equal(Instant.FromUtc(2030, 3, 30, 1, 30), series[0].Start); // 02:30 CET
        Assert.Equal(Instant.FromUtc(2030, 3, 31, 1, 30), series[1].Start); // 03:30 CEST (RFC 5545 §3.3.5)
        Assert.Equal(new LocalTime(3, 30), series[1].Start.InZone(Oslo).TimeOfDay);
        Assert.Equal(new LocalDateTime(2030, 3, 31, 2, 30), series[1].LocalStart); // the nominal time identifies it
        Assert.Equal(Instant.FromUtc(2030, 4, 1, 0, 30), series[2].Start); // 02:30 CEST again
    }

    [Fact]
    public void DstOverlap_AnAmbiguousTime_TakesTheEarlierOffset()
    {
        // Oslo falls back on 27 October 2030 at 03:00 → 02:00; 02:30 happens twice.
        var series = All(Schedule(new LocalDateTime(2030, 10, 26, 2, 30), Oslo, "RRULE:FREQ=DAILY;COUNT=3"));

        Assert.Equal(Instant.FromUtc(2030, 10, 27, 0, 30), series[1].Start); // the first 02:30 (CEST, UTC+2)
        Assert.Equal(Instant.FromUtc(2030, 10, 28, 1, 30), series[2].Start);
    }

    [Fact]
    public void ExDate_RemovesAnOccurrence_AndRDate_AddsOne()
    {
        var series = All(Schedule(
            new LocalDateTime(2030, 1, 7, 9, 0),
            Oslo,
            "RRULE:FREQ=WEEKLY;COUNT=4",
            "EXDATE;TZID=Europe/Oslo:20300114T090000",
            "EXDATE:20300121T080000Z",
            "RDATE:20300109T130000,20300301T090000"));

        Assert.Equal(
            [new LocalDateTime(2030, 1, 7, 9, 0), new LocalDateTime(2030, 1, 9, 13, 0), new LocalDateTime(2030, 1, 28, 9, 0), new LocalDateTime(2030, 3, 1, 9, 0)],
            series.Select(o => o.LocalStart));
    }

    [Fact]
    public void CustomListOfDates_IsRDatesWithoutARule()
    {
        var series = All(Schedule(new LocalDateTime(2030, 2, 1, 9, 0), Oslo, "RDATE;TZID=Europe/Oslo:20300215T090000,20300404T100000"));

        Assert.Equal([Instant.FromUtc(2030, 2, 1, 8, 0), Instant.FromUtc(2030, 2, 15, 8, 0), Instant.FromUtc(2030, 4, 4, 8, 0)], series.Select(o => o.Start));
    }

    [Fact]
    public void RDateEqualToARuleOccurrence_IsOneOccurrence()
    {
        var series = All(Schedule(new LocalDateTime(2030, 1, 7, 9, 0), Oslo, "RRULE:FREQ=WEEKLY;COUNT=2", "RDATE;TZID=Europe/Oslo:20300114T090000"));

        Assert.Equal(2, series.Count);
    }

    [Fact]
    public void DtStartNotMatchingTheRule_IsStillTheFirstOccurrence_AndCounts()
    {
        // Monday start, rule on Wednesdays: RFC 5545 §3.8.5.3 — DTSTART always counts as the first occurrence.
        var dates = All(Schedule(new LocalDateTime(2030, 1, 7, 9, 0), Oslo, "RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=3")).Select(o => o.LocalStart.Date.Day);

        Assert.Equal([7, 9, 16], dates);
    }

    [Fact]
    public void MoreThanTheLimit_IsAnError()
    {
        var result = RecurrenceExpander.ExpandAll(Schedule(new LocalDateTime(2030, 1, 1, 9, 0), Oslo, "RRULE:FREQ=DAILY;COUNT=3001"));

        Assert.Equal("recurrence.too_many_occurrences", result.Error?.Code);
        Assert.Equal(RecurrenceLimits.MaxOccurrences, RecurrenceExpander.Count(Schedule(new LocalDateTime(2030, 1, 1, 9, 0), Oslo, "RRULE:FREQ=DAILY;COUNT=3000")).Value);
    }

    [Fact]
    public void AnUnboundedRule_CannotBeExpandedWhole_ButWithinAWindow()
    {
        var schedule = Schedule(new LocalDateTime(2030, 1, 7, 9, 0), Oslo, "RRULE:FREQ=WEEKLY");

        Assert.Equal("recurrence.unbounded", RecurrenceExpander.ExpandAll(schedule).Error?.Code);
        var window = RecurrenceExpander.Expand(schedule, Instant.FromUtc(2031, 1, 1, 0, 0), Instant.FromUtc(2031, 2, 1, 0, 0));
        Assert.Equal(4, window.Value.Count); // Mondays 6, 13, 20, 27 January 2031
    }

    [Fact]
    public void Window_IsHalfOpen_AndIncludesAnOccurrenceOverlappingItsStart()
    {
        var schedule = Schedule(new LocalDateTime(2030, 1, 7, 9, 0), DateTimeZone.Utc, "RRULE:FREQ=DAILY;COUNT=10");

        var window = RecurrenceExpander.Expand(schedule, Instant.FromUtc(2030, 1, 8, 9, 30), Instant.FromUtc(2030, 1, 10, 9, 0)).Value;

        Assert.Equal([8, 9], window.Select(o => o.LocalStart.Day));
    }

    [Fact]
    public void AWindowWithMoreThanTheLimit_IsAnError()
    {
        var schedule = Schedule(new LocalDateTime(2030, 1, 7, 9, 0), Oslo, "RRULE:FREQ=DAILY");

        Assert.Equal("recurrence.too_many_occurrences", RecurrenceExpander.Expand(schedule, Instant.FromUtc(2030, 1, 1, 0, 0), Instant.FromUtc(2040, 1, 1, 0, 0)).Error?.Code);
    }

    [Fact]
    public void ARuleThatMatchesNoDate_EndsWithNoOccurrencesBeyondTheFirst()
    {
        // 30 February never exists; the scan stops at RecurrenceLimits.MaxYear instead of running forever.
        var series = All(Schedule(new LocalDateTime(2030, 1, 1, 9, 0), Oslo, "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2"));

        Assert.Single(series);
    }

    [Fact]
    public void EverythingExcluded_IsNoOccurrences()
    {
        var result = RecurrenceExpander.ExpandAll(Schedule(new LocalDateTime(2030, 1, 7, 9, 0), Oslo, "RRULE:FREQ=DAILY;COUNT=1", "EXDATE;TZID=Europe/Oslo:20300107T090000"));

        Assert.Equal("recurrence.no_occurrences", result.Error?.Code);
    }
}
