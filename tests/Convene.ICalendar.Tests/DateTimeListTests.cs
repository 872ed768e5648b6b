using NodaTime;

namespace Convene.ICalendar.Tests;

/// <summary>RDATE / EXDATE value lists (RFC 5545 §3.8.5.1, §3.8.5.2).</summary>
public sealed class DateTimeListTests
{
    private const string Head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\nDTSTAMP:20300101T000000Z\r\nDTSTART;TZID=Europe/Oslo:20300107T090000\r\nRRULE:FREQ=WEEKLY\r\n";
    private const string Tail = "END:VEVENT\r\nEND:VCALENDAR\r\n";

    [Fact]
    public void Read_ListsEveryValue_WithItsZone()
    {
        var values = DateTimeList.Read(new Property("EXDATE", "20300114T090000,20300121T090000", new Parameter("TZID", "Europe/Oslo"))).Value!;

        Assert.Equal(2, values.Count);
        Assert.All(values, v => Assert.Equal("Europe/Oslo", v.Zone!.Id));
        Assert.Equal(Instant.FromUtc(2030, 1, 21, 8, 0), values[1].ToInstant());
    }

    [Fact]
    public void ToProperty_WritesOneLineWithTheSharedTzid()
    {
        var oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
        var property = DateTimeList.ToProperty("EXDATE", [CalDateTime.InZone(new LocalDateTime(2030, 1, 14, 9, 0), oslo), CalDateTime.InZone(new LocalDateTime(2030, 1, 21, 9, 0), oslo)]);

        Assert.Equal("EXDATE;TZID=Europe/Oslo:20300114T090000,20300121T090000", property.ToString());
        Assert.Throws<ArgumentException>(() => DateTimeList.ToProperty("EXDATE", [CalDateTime.FromInstant(Instant.FromUtc(2030, 1, 1, 0, 0)), CalDateTime.InZone(new LocalDateTime(2030, 1, 14, 9, 0), oslo)]));
    }

    [Fact]
    public void Parser_RejectsAnExDateInAnUnknownZone()
    {
        var result = CalendarParser.Parse(Head + "EXDATE;TZID=Mars/Olympus:20300114T090000\r\n" + Tail);

        Assert.Contains(result.Errors, e => e.Code == DiagnosticCode.UnknownTimeZone);
    }

    [Fact]
    public void Parser_ResolvesAnExDateZoneFromTheFilesVTimeZone_AndKeepsPeriodRDates()
    {
        const string zone = "BEGIN:VTIMEZONE\r\nTZID:Office\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
        var text = Head.Replace("BEGIN:VEVENT", zone + "BEGIN:VEVENT", StringComparison.Ordinal)
            + "EXDATE;TZID=Office:20300114T090000\r\nRDATE;VALUE=PERIOD:20300301T090000Z/PT1H\r\n" + Tail;

        var calendar = CalendarParser.Parse(text).Value!;
        var exdate = DateTimeList.Read(calendar.Events[0].ExceptionDates[0], new TimeZoneResolver(calendar.TimeZones)).Value!;

        Assert.Equal(Instant.FromUtc(2030, 1, 14, 8, 0), exdate[0].ToInstant());
        Assert.Single(calendar.Events[0].RecurrenceDates);
    }

    [Fact]
    public void EnsureTimeZones_AlsoCoversTheZoneOfAnExDate()
    {
        var calendar = new VCalendar();
        var e = new VEvent { Uid = "u", Start = CalDateTime.FromInstant(Instant.FromUtc(2030, 1, 7, 8, 0)) };
        e.ExceptionDates.Add(new Property("EXDATE", "20300114T090000", new Parameter("TZID", "America/New_York")));
        calendar.Events.Add(e);

        calendar.EnsureTimeZones();

        Assert.Equal("America/New_York", Assert.Single(calendar.TimeZones).TzId);
    }
}
