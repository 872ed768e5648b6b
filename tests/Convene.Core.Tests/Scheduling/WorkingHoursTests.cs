using Convene.Core.Appointments;
using Convene.Core.Scheduling;
using NodaTime;

namespace Convene.Core.Tests.Scheduling;

/// <summary>Worked examples of the rules the property tests check at random.</summary>
public sealed class WorkingHoursTests
{
    [Fact]
    public void Default_IsMondayToFriday_EightToFour_InTheZone()
    {
        // Monday 3 June 2030 in Oslo is UTC+2.
        var week = new TimeRange(Instant.FromUtc(2030, 6, 2, 22, 0), Instant.FromUtc(2030, 6, 9, 22, 0));

        var ranges = WorkingHours.Default("Europe/Oslo").Expand(week);

        Assert.Equal(5, ranges.Count);
        Assert.Equal(new TimeRange(Instant.FromUtc(2030, 6, 3, 6, 0), Instant.FromUtc(2030, 6, 3, 14, 0)), ranges[0]);
    }

    [Fact]
    public void SpringForward_APeriodStartingInTheGap_StartsWhenTheClocksJump()
    {
        // Sunday 31 March 2030, Oslo: 02:00 CET becomes 03:00 CEST (01:00 UTC).
        var hours = WorkingHours.Create("Europe/Oslo", [new WorkingPeriod(IsoDayOfWeek.Sunday, new LocalTime(2, 30), new LocalTime(10, 0))]).Value;
        var day = new TimeRange(Instant.FromUtc(2030, 3, 30, 12, 0), Instant.FromUtc(2030, 3, 31, 12, 0));

        Assert.Equal([new TimeRange(Instant.FromUtc(2030, 3, 31, 1, 0), Instant.FromUtc(2030, 3, 31, 8, 0))], hours.Expand(day));
    }

    [Fact]
    public void FallBack_TheRepeatedHourCountsTwice()
    {
        // Sunday 3 November 2030, New York: 02:00 EDT becomes 01:00 EST (06:00 UTC); 01:00–02:00 happens twice.
        var hours = WorkingHours.Create("America/New_York", [new WorkingPeriod(IsoDayOfWeek.Sunday, new LocalTime(1, 30), new LocalTime(3, 0))]).Value;
        var day = new TimeRange(Instant.FromUtc(2030, 11, 3, 0, 0), Instant.FromUtc(2030, 11, 4, 0, 0));

        Assert.Equal(
            [
                new TimeRange(Instant.FromUtc(2030, 11, 3, 5, 30), Instant.FromUtc(2030, 11, 3, 6, 0)),
                new TimeRange(Instant.FromUtc(2030, 11, 3, 6, 30), Instant.FromUtc(2030, 11, 3, 8, 0)),
            ],
            hours.Expand(day));
    }

    [Fact]
    public void Create_RefusesOverlapsBackwardsPeriodsAndUnknownZones()
    {
        Assert.Equal("working_hours.overlap", WorkingHours.Create("Europe/Oslo", [
            new WorkingPeriod(IsoDayOfWeek.Monday, new LocalTime(8, 0), new LocalTime(12, 0)),
            new WorkingPeriod(IsoDayOfWeek.Monday, new LocalTime(11, 0), new LocalTime(13, 0))]).Error!.Code);
        Assert.Equal("working_hours.end_not_after_start", WorkingHours.Create("Europe/Oslo", [
            new WorkingPeriod(IsoDayOfWeek.Monday, new LocalTime(12, 0), new LocalTime(8, 0))]).Error!.Code);
        Assert.Equal("working_hours.time_zone_unknown", WorkingHours.Create("Mars/Olympus", []).Error!.Code);
    }

    [Fact]
    public void BackToBackMeetings_LeaveNoGap_AndLagTimeBlocksAfter()
    {
        var window = new TimeRange(Instant.FromUtc(2030, 6, 3, 0, 0), Instant.FromUtc(2030, 6, 4, 0, 0));
        BusyRow Row(int h1, int h2, int lagMinutes = 0) => new(
            1, h1, Instant.FromUtc(2030, 6, 3, h1, 0), Instant.FromUtc(2030, 6, 3, h2, 0), Duration.Zero, Duration.FromMinutes(lagMinutes),
            AppointmentType.InDiary, AppointmentStatus.NotStarted, false);

        var schedule = EntitySchedule.Build(1, [Row(8, 9), Row(9, 10, lagMinutes: 30)], WorkingHours.Always("UTC"), window);

        Assert.Equal([new TimeRange(Instant.FromUtc(2030, 6, 3, 8, 0), Instant.FromUtc(2030, 6, 3, 10, 30))], schedule.Busy);
        Assert.Equal(
            [new TimeRange(Instant.FromUtc(2030, 6, 3, 10, 30), Instant.FromUtc(2030, 6, 3, 11, 30))],
            SlotSearch.FirstAvailable([schedule], new TimeRange(Instant.FromUtc(2030, 6, 3, 8, 0), window.End), Duration.FromHours(1), SlotSearch.DefaultGranularity, 1, true));
    }
}
