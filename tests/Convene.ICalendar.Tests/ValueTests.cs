using NodaTime;

namespace Convene.ICalendar.Tests;

public class ValueTests
{
    [Theory]
    [InlineData("PT1H", false, 0, 0, 1, 0, 0, "PT1H")]
    [InlineData("PT1H30M", false, 0, 0, 1, 30, 0, "PT1H30M")]
    [InlineData("-P1W", true, 1, 0, 0, 0, 0, "-P1W")]
    [InlineData("+P1DT12H", false, 0, 1, 12, 0, 0, "P1DT12H")]
    [InlineData("P15DT5H0M20S", false, 0, 15, 5, 0, 20, "P15DT5H0M20S")]
    [InlineData("-P0DT0H10M0S", true, 0, 0, 0, 10, 0, "-PT10M")]
    [InlineData("PT0S", false, 0, 0, 0, 0, 0, "PT0S")]
    [InlineData("pt45m", false, 0, 0, 0, 45, 0, "PT45M")]
    [InlineData("PT1H30S", false, 0, 0, 1, 0, 30, "PT1H0M30S")]
    public void Duration_ParsesAndFormatsCanonically(string text, bool negative, int w, int d, int h, int m, int s, string canonical)
    {
        Assert.True(CalDuration.TryParse(text, out var duration));
        Assert.Equal(negative, duration.IsNegative);
        Assert.Equal((w, d, h, m, s), (duration.Weeks, duration.Days, duration.Hours, duration.Minutes, duration.Seconds));
        Assert.Equal(canonical, duration.ToString());
        Assert.True(CalDuration.TryParse(duration.ToString(), out var again));
        Assert.Equal(duration, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("1H")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("P1DT")]
    [InlineData("P1D1D")]
    [InlineData("PT9999999999H")]
    [InlineData("P١D")]
    public void Duration_InvalidText_IsRejected(string text) => Assert.False(CalDuration.TryParse(text, out _));

    [Fact]
    public void Duration_AddTo_ZonedStartAcrossDst_KeepsExactHoursAndNominalDays()
    {
        var oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
        var start = CalDateTime.InZone(new LocalDateTime(2025, 3, 29, 12, 0), oslo);
        Assert.True(CalDuration.TryParse("P1D", out var day));
        Assert.Equal(new LocalDateTime(2025, 3, 30, 12, 0), day.AddTo(start).Value);
        Assert.True(CalDuration.TryParse("PT24H", out var hours));
        Assert.Equal(new LocalDateTime(2025, 3, 30, 13, 0), hours.AddTo(start).Value);
    }

    [Fact]
    public void Duration_FromDuration_UsesExactTimeUnits() =>
        Assert.Equal("PT25H30M", CalDuration.FromDuration(Duration.FromMinutes(25 * 60 + 30)).ToString());

    [Fact]
    public void DateTimeForms_RoundTripThroughTheWriterAndParser()
    {
        var oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
        var e = new VEvent
        {
            Uid = "forms",
            Start = CalDateTime.InZone(new LocalDateTime(2025, 6, 1, 9, 30, 15), oslo),
            End = CalDateTime.InZone(new LocalDateTime(2025, 6, 1, 10, 0), oslo),
            RecurrenceId = CalDateTime.FromInstant(Instant.FromUtc(2025, 6, 1, 7, 30)),
        };
        var floating = new VEvent { Uid = "floating", Start = CalDateTime.Floating(new LocalDateTime(2025, 1, 1, 8, 0)) };
        var allDay = new VEvent { Uid = "date", Start = CalDateTime.FromDate(new LocalDate(2025, 12, 24)), End = CalDateTime.FromDate(new LocalDate(2025, 12, 27)) };
        var calendar = new VCalendar();
        calendar.Events.AddRange([e, floating, allDay]);
        var text = CalendarWriter.Write(calendar);
        Assert.Contains("DTSTART;TZID=Europe/Oslo:20250601T093015\r\n", text, StringComparison.Ordinal);
        Assert.Contains("RECURRENCE-ID:20250601T073000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20250101T080000\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20251224\r\n", text, StringComparison.Ordinal);

        var parsed = CalendarParser.Parse(text);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        Assert.Equal(e.Start, parsed.Value.Events[0].Start);
        Assert.Equal(CalDateTimeKind.Zoned, parsed.Value.Events[0].Start!.Kind);
        Assert.Equal(Instant.FromUtc(2025, 6, 1, 7, 30, 15), parsed.Value.Events[0].Start!.ToInstant());
        Assert.Equal(e.RecurrenceId, parsed.Value.Events[0].RecurrenceId);
        Assert.Equal(CalDateTimeKind.Floating, parsed.Value.Events[1].Start!.Kind);
        Assert.Null(parsed.Value.Events[1].Start!.ToInstant());
        Assert.True(parsed.Value.Events[2].Start!.IsDate);
        Assert.Equal(new LocalDate(2025, 12, 27), parsed.Value.Events[2].End!.Date);
    }

    [Fact]
    public void ZonedValue_InSkippedDstHour_MapsForward()
    {
        var oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
        var value = CalDateTime.InZone(new LocalDateTime(2025, 3, 30, 2, 30), oslo);
        Assert.Equal(Instant.FromUtc(2025, 3, 30, 1, 30), value.ToInstant());
    }

    [Fact]
    public void Period_WithDurationAndWithEnd_FormatPerSection3_3_9()
    {
        var start = CalDateTime.FromInstant(Instant.FromUtc(1997, 1, 1, 18, 0));
        Assert.True(CalDuration.TryParse("PT5H30M", out var d));
        Assert.Equal("19970101T180000Z/PT5H30M", new CalPeriod(start, d).ToString());
        Assert.Equal("19970101T180000Z/19970102T070000Z", CalPeriod.FromInstants(Instant.FromUtc(1997, 1, 1, 18, 0), Instant.FromUtc(1997, 1, 2, 7, 0)).ToString());
        Assert.Equal(new LocalDateTime(1997, 1, 1, 23, 30), new CalPeriod(start, d).EffectiveEnd.Value);
    }

    [Fact]
    public void Extensible_KnownTokenIsCaseInsensitive_UnknownTokenIsPreserved()
    {
        var accepted = new Extensible<ParticipationStatus>("accepted");
        Assert.Equal(ParticipationStatus.Accepted, accepted.Known);
        Assert.Equal("ACCEPTED", accepted.Token);
        Assert.True(accepted == ParticipationStatus.Accepted);

        var custom = new Extensible<ParticipationStatus>("x-maybe");
        Assert.Null(custom.Known);
        Assert.False(custom.IsKnown);
        Assert.Equal("X-MAYBE", custom.Token);

        Assert.Equal("REQ-PARTICIPANT", new Extensible<ParticipationRole>(ParticipationRole.RequiredParticipant).Token);
        Assert.Equal("BUSY-TENTATIVE", new Extensible<FreeBusyType>(FreeBusyType.BusyTentative).Token);
        Assert.Equal("DECLINECOUNTER", new Extensible<CalendarMethod>(CalendarMethod.DeclineCounter).Token);
        Assert.Equal("NEEDS-ACTION", new Extensible<ParticipationStatus>(ParticipationStatus.NeedsAction).Token);
    }

    [Theory]
    [InlineData("PUBLISH", CalendarMethod.Publish)]
    [InlineData("REQUEST", CalendarMethod.Request)]
    [InlineData("REPLY", CalendarMethod.Reply)]
    [InlineData("ADD", CalendarMethod.Add)]
    [InlineData("CANCEL", CalendarMethod.Cancel)]
    [InlineData("REFRESH", CalendarMethod.Refresh)]
    [InlineData("COUNTER", CalendarMethod.Counter)]
    [InlineData("DECLINECOUNTER", CalendarMethod.DeclineCounter)]
    public void Method_EveryItipMethod_RoundTrips(string token, CalendarMethod method)
    {
        var calendar = new VCalendar { Method = method };
        var text = CalendarWriter.Write(calendar);
        Assert.Contains("METHOD:" + token + "\r\n", text, StringComparison.Ordinal);
        var parsed = CalendarParser.Parse(text);
        Assert.True(parsed.Success);
        Assert.Equal(method, parsed.Value.Method!.Value.Known);
    }

    [Fact]
    public void UnknownMethodToken_IsPreservedWithoutFailing()
    {
        var parsed = CalendarParser.Parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nMETHOD:X-PROPOSE\r\nEND:VCALENDAR\r\n");
        Assert.True(parsed.Success);
        Assert.Null(parsed.Value.Method!.Value.Known);
        Assert.Contains("METHOD:X-PROPOSE\r\n", CalendarWriter.Write(parsed.Value), StringComparison.Ordinal);
    }
}

public class EventEndTests
{
    private static VEvent ParseEvent(params string[] lines)
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u\r\n" + string.Concat(lines.Select(l => l + "\r\n")) + "END:VEVENT\r\nEND:VCALENDAR\r\n";
        var result = CalendarParser.Parse(text);
        Assert.True(result.Success, string.Join("; ", result.Errors));
        return Assert.Single(result.Value.Events);
    }

    [Fact]
    public void EffectiveEnd_FromDuration_OnZonedStart()
    {
        var e = ParseEvent("DTSTART;TZID=Europe/Oslo:20250330T013000", "DURATION:PT1H");
        Assert.Equal(new LocalDateTime(2025, 3, 30, 3, 30), e.EffectiveEnd!.Value);
        Assert.Equal(Duration.FromHours(1), e.EffectiveEnd.ToInstant()!.Value - e.Start!.ToInstant()!.Value);
        Assert.Contains("DURATION:PT1H\r\n", CalendarWriter.Write(new VCalendar { Events = { e } }), StringComparison.Ordinal);
    }

    [Fact]
    public void EffectiveEnd_AllDayWithoutEnd_IsNextDay()
    {
        var e = ParseEvent("DTSTART;VALUE=DATE:20251231");
        Assert.Equal(CalDateTime.FromDate(new LocalDate(2026, 1, 1)), e.EffectiveEnd);
    }

    [Fact]
    public void EffectiveEnd_DateTimeWithoutEnd_IsStart()
    {
        var e = ParseEvent("DTSTART:20250101T100000Z");
        Assert.Equal(e.Start, e.EffectiveEnd);
    }

    [Fact]
    public void Duration_EndingBeyondSupportedRange_IsRejected()
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:99980101T000000Z\r\nDURATION:P999W\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var result = CalendarParser.Parse(text);
        Assert.Equal(DiagnosticCode.InvalidValue, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void FromComponent_MapsAHandBuiltComponentTree()
    {
        var calendar = new Component("VCALENDAR");
        calendar.Properties.Add(new Property("METHOD", "PUBLISH"));
        var ev = new Component("VEVENT");
        ev.Properties.Add(new Property("UID", "u"));
        ev.Properties.Add(new Property("DTSTART", "20250101", new Parameter("VALUE", "DATE")));
        calendar.Components.Add(ev);
        var result = VCalendar.FromComponent(calendar);
        Assert.True(result.Success, string.Join("; ", result.Errors));
        Assert.True(result.Value.Events[0].Start!.IsDate);
    }
}
