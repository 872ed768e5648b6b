using System.Text;

namespace Convene.ICalendar.Tests;

public class WriterTests
{
    [Fact]
    public void Write_UsesCrlfOnlyAndFoldsEveryLineTo75Octets()
    {
        var text = CalendarWriter.Write(RoundTripTests.SampleRequest());
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var line in text[..^2].Split("\r\n"))
        {
            Assert.InRange(Encoding.UTF8.GetByteCount(line), 1, 75);
        }
    }

    [Fact]
    public void WriteUtf8_HasNoBomAndIsValidUtf8()
    {
        var bytes = CalendarWriter.WriteUtf8(RoundTripTests.SampleRequest());
        Assert.Equal((byte)'B', bytes[0]);
        Assert.True(System.Text.Unicode.Utf8.IsValid(bytes));
        Assert.Equal(CalendarWriter.Write(RoundTripTests.SampleRequest()), Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Write_IsDeterministic()
    {
        Assert.Equal(CalendarWriter.Write(RoundTripTests.SampleRequest()), CalendarWriter.Write(RoundTripTests.SampleRequest()));
        Assert.Equal(CalendarWriter.Write(RoundTripTests.SampleFreeBusy()), CalendarWriter.Write(RoundTripTests.SampleFreeBusy()));
    }

    [Fact]
    public void Write_PropertyOrderIsStableRegardlessOfInputOrder()
    {
        const string a = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nVERSION:2.0\r\nPRODID:p\r\nBEGIN:VEVENT\r\nSUMMARY:s\r\nDTSTART:20250101T100000Z\r\nUID:u\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        const string b = "BEGIN:VCALENDAR\r\nPRODID:p\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20250101T100000Z\r\nSUMMARY:s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var written = CalendarWriter.Write(CalendarParser.Parse(a).Value!);
        Assert.Equal(written, CalendarWriter.Write(CalendarParser.Parse(b).Value!));
        Assert.Equal("BEGIN:VCALENDAR\r\nPRODID:p\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:u\r\nSEQUENCE:0\r\nDTSTART:20250101T100000Z\r\nSUMMARY:s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", written);
    }

    [Fact]
    public void Write_AttendeeParameters_InFixedOrderWithDefaultsOmitted()
    {
        var e = new VEvent { Uid = "u" };
        e.Attendees.Add(new Attendee("mailto:a@example.com", "Ann") { Rsvp = true });
        e.Attendees.Add(new Attendee("mailto:r@example.com") { CalendarUserType = CalendarUserType.Room, ParticipationStatus = ParticipationStatus.Accepted });
        var lines = e.ToComponent().Properties.Where(p => p.Name == "ATTENDEE").Select(p => p.ToString()).ToList();
        Assert.Equal("ATTENDEE;CN=Ann;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:a@example.com", lines[0]);
        Assert.Equal("ATTENDEE;CUTYPE=ROOM;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:r@example.com", lines[1]);
    }

    [Fact]
    public void Write_VTimezonesComeBeforeEvents()
    {
        var text = CalendarWriter.Write(RoundTripTests.SampleRequest());
        Assert.True(text.IndexOf("BEGIN:VTIMEZONE", StringComparison.Ordinal) < text.IndexOf("BEGIN:VEVENT", StringComparison.Ordinal));
        Assert.Contains("TZID:Europe/Oslo\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FreeBusy_OnePropertyPerPeriodWithFbtype()
    {
        var text = CalendarWriter.Write(RoundTripTests.SampleFreeBusy());
        Assert.Contains("FREEBUSY;FBTYPE=BUSY:20250407T080000Z/20250407T090000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("FREEBUSY;FBTYPE=BUSY-TENTATIVE:20250408T120000Z/PT2H\r\n", text, StringComparison.Ordinal);
        Assert.Contains("FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:", text, StringComparison.Ordinal);
        Assert.Contains("FREEBUSY;FBTYPE=FREE:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DocumentWithPropertyNamedBegin_IsRefused()
    {
        var c = new Component("VCALENDAR");
        c.Properties.Add(new Property("BEGIN", "VEVENT"));
        Assert.Throws<ArgumentException>(() => CalendarWriter.Write(c));
    }
}
