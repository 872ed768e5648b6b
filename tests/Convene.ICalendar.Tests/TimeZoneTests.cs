using NodaTime;

namespace Convene.ICalendar.Tests;

public class TimeZoneTests
{
    [Theory]
    [InlineData("Europe/Oslo", "Europe/Oslo")]
    [InlineData("europe/oslo", "Europe/Oslo")]
    [InlineData("W. Europe Standard Time", "Europe/Berlin")]
    [InlineData("Romance Standard Time", "Europe/Paris")]
    [InlineData("Pacific Standard Time", "America/Los_Angeles")]
    [InlineData("/mozilla.org/20070129_1/Europe/Berlin", "Europe/Berlin")]
    [InlineData("/citadel.org/20190914_1/America/New_York", "America/New_York")]
    public void ResolveWellKnown_AcceptsIanaWindowsAndPrefixedIds(string tzId, string expected) =>
        Assert.Equal(expected, TimeZoneResolver.ResolveWellKnown(tzId)?.Id);

    [Theory]
    [InlineData("Atlantis/Lost_City")]
    [InlineData("(UTC+01:00) Amsterdam, Berlin")]
    [InlineData("")]
    public void ResolveWellKnown_UnknownId_ReturnsNull(string tzId) => Assert.Null(TimeZoneResolver.ResolveWellKnown(tzId));

    [Fact]
    public void Parse_WindowsZoneNameWithoutVTimezone_ResolvesViaWindowsMapping()
    {
        var text = Calendar("DTSTART;TZID=Pacific Standard Time:20250704T090000", "DTEND;TZID=\"Pacific Standard Time\":20250704T100000");
        var parsed = CalendarParser.Parse(text);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        var start = parsed.Value.Events[0].Start!;
        Assert.Equal("Pacific Standard Time", start.TzId);
        Assert.Equal("America/Los_Angeles", start.Zone!.Id);
        Assert.Equal(Instant.FromUtc(2025, 7, 4, 16, 0), start.ToInstant());
    }

    [Fact]
    public void Parse_UnknownTzidWithoutVTimezone_IsAnErrorForThatValue()
    {
        var parsed = CalendarParser.Parse(Calendar("DTSTART;TZID=Atlantis/Lost_City:20250704T090000"));
        Assert.False(parsed.Success);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(DiagnosticCode.UnknownTimeZone, error.Code);
        Assert.Equal(7, error.LineNumber);
    }

    [Fact]
    public void Parse_UnknownTzidWithUnsupportedVTimezoneRule_IsAnError()
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTIMEZONE\r\nTZID:Custom\r\nBEGIN:STANDARD\r\nDTSTART:20000101T000000\r\n"
            + "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=MONTHLY;BYDAY=1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
            + "BEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=Custom:20250101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var parsed = CalendarParser.Parse(text);
        Assert.Equal(DiagnosticCode.UnknownTimeZone, Assert.Single(parsed.Errors).Code);
    }

    [Fact]
    public void Parse_UnknownTzidWithSimpleVTimezone_EvaluatesTheVTimezone()
    {
        var calendar = FixtureFiles.Parse("outlook-display-tzid.ics");
        var start = calendar.Events[0].Start!;
        Assert.Equal("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", start.TzId);
        // 4 Nov 2025 is after the last Sunday of October: standard time, UTC+1.
        Assert.Equal(Instant.FromUtc(2025, 11, 4, 8, 30), start.ToInstant());
    }

    [Theory]
    [InlineData("Europe/Oslo")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Sydney")]
    [InlineData("Asia/Kolkata")]
    [InlineData("America/Sao_Paulo")]
    [InlineData("UTC")]
    public void GeneratedVTimezone_EvaluatesToSameOffsetsAsTzdbOverCoveredYears(string id)
    {
        var zone = DateTimeZoneProviders.Tzdb[id];
        var vtz = VTimeZone.FromDateTimeZone(zone, 2018, 2030);

        // Through text, so the writer and parser are part of the check.
        var calendar = new VCalendar();
        calendar.TimeZones.Add(vtz);
        var reparsed = CalendarParser.Parse(CalendarWriter.Write(calendar));
        Assert.True(reparsed.Success, string.Join("; ", reparsed.Errors));
        Assert.True(reparsed.Value.TimeZones[0].TryCreateDateTimeZone(out var evaluated, out var error), error);

        for (var t = Instant.FromUtc(2018, 1, 1, 0, 0); t < Instant.FromUtc(2031, 1, 1, 0, 0); t += Duration.FromHours(7))
        {
            Assert.Equal(zone.GetUtcOffset(t), evaluated!.GetUtcOffset(t));
        }
    }

    [Fact]
    public void GeneratedVTimezone_ForOslo_HasExplicitObservancesPerTransition()
    {
        var vtz = VTimeZone.FromDateTimeZone(DateTimeZoneProviders.Tzdb["Europe/Oslo"], 2025, 2026);
        Assert.Equal("Europe/Oslo", vtz.TzId);
        var daylight = vtz.Observances.Where(o => o.Kind == ObservanceKind.Daylight).ToList();
        Assert.Equal(2, daylight.Count);
        Assert.Equal(new LocalDateTime(2025, 3, 30, 2, 0), daylight[0].Start);
        Assert.Equal(Offset.FromHours(1), daylight[0].OffsetFrom);
        Assert.Equal(Offset.FromHours(2), daylight[0].OffsetTo);
        Assert.Equal("CEST", daylight[0].Name);
        var standard = vtz.Observances.Where(o => o.Kind == ObservanceKind.Standard).ToList();
        Assert.Contains(standard, o => o.Start == new LocalDateTime(2025, 10, 26, 3, 0) && o.OffsetTo == Offset.FromHours(1));
    }

    [Fact]
    public void OutlookStyleRecurringVTimezone_MatchesTzdbForModernYears()
    {
        var calendar = FixtureFiles.Parse("outlook-request.ics");
        var vtz = Assert.Single(calendar.TimeZones);
        Assert.True(vtz.TryCreateDateTimeZone(out var zone, out var error), error);
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        for (var t = Instant.FromUtc(2000, 1, 1, 0, 0); t < Instant.FromUtc(2040, 1, 1, 0, 0); t += Duration.FromHours(11))
        {
            Assert.Equal(berlin.GetUtcOffset(t), zone!.GetUtcOffset(t));
        }
    }

    [Fact]
    public void EnsureTimeZones_AddsOneVTimezonePerZonedTzid()
    {
        var oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
        var calendar = new VCalendar { Method = CalendarMethod.Request };
        calendar.Events.Add(new VEvent
        {
            Uid = "a",
            Start = CalDateTime.InZone(new LocalDateTime(2025, 5, 5, 9, 0), oslo),
            End = CalDateTime.InZone(new LocalDateTime(2025, 5, 5, 10, 0), oslo),
        });
        calendar.EnsureTimeZones();
        calendar.EnsureTimeZones();
        var vtz = Assert.Single(calendar.TimeZones);
        Assert.Equal("Europe/Oslo", vtz.TzId);
    }

    private static string Calendar(params string[] eventLines) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:tz-test\r\n"
        + string.Concat(eventLines.Select(l => l + "\r\n"))
        + "DTSTAMP:20250101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}
