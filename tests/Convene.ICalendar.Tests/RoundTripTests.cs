using NodaTime;

namespace Convene.ICalendar.Tests;

public class RoundTripTests
{
    internal static VCalendar SampleRequest()
    {
        var oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
        var calendar = new VCalendar { Method = CalendarMethod.Request };
        var e = new VEvent
        {
            Uid = "conv-42@convene.example",
            Sequence = 3,
            Stamp = Instant.FromUtc(2025, 4, 1, 8, 0, 0),
            Start = CalDateTime.InZone(new LocalDateTime(2025, 4, 10, 9, 0), oslo),
            End = CalDateTime.InZone(new LocalDateTime(2025, 4, 10, 10, 30), oslo),
            Summary = "Kvartalsmøte; agenda, notes \\ and more",
            Description = "Line one\nLine two with a very long text that will certainly need folding because it is longer than seventy-five octets – æøå 🗓️",
            Location = "Møterom \"Fjord\", 3. etg",
            Status = EventStatus.Confirmed,
            Classification = Classification.Private,
            Transparency = Transparency.Opaque,
            Organizer = new Organizer("mailto:organizer@convene.example", "Convene, Scheduler"),
        };
        e.Attendees.Add(new Attendee("mailto:ann@example.com", "Ann Ås") { Rsvp = true, Role = ParticipationRole.Chair, ParticipationStatus = ParticipationStatus.Accepted });
        e.Attendees.Add(new Attendee("mailto:bo@example.com") { Rsvp = true, Role = ParticipationRole.OptionalParticipant, ParticipationStatus = ParticipationStatus.Tentative });
        e.Attendees.Add(new Attendee("mailto:room@example.com", "Room 1") { CalendarUserType = CalendarUserType.Room, Role = ParticipationRole.NonParticipant });
        e.Attendees.Add(new Attendee("mailto:team@example.com") { CalendarUserType = CalendarUserType.Group, ParticipationStatus = ParticipationStatus.Delegated });
        e.Attendees[3].DelegatedTo.Add("mailto:ann@example.com");
        e.Attendees.Add(new Attendee("mailto:x@example.com") { CalendarUserType = CalendarUserType.Unknown, ParticipationStatus = ParticipationStatus.Declined, Role = new Extensible<ParticipationRole>("X-SPECTATOR") });
        e.RecurrenceRules.Add(new Property("RRULE", "FREQ=WEEKLY;COUNT=4"));
        e.ExceptionDates.Add(new Property("EXDATE", "20250417T090000", new Parameter("TZID", "Europe/Oslo")));
        e.ExtraProperties.Add(new Property("X-CONVENE-MEETING-ID", "42"));
        var alarm = new Component("VALARM");
        alarm.Properties.Add(new Property("ACTION", "DISPLAY"));
        alarm.Properties.Add(new Property("TRIGGER", "-PT10M"));
        e.Components.Add(alarm);
        calendar.Events.Add(e);
        calendar.EnsureTimeZones(2024, 2026);
        return calendar;
    }

    internal static VCalendar SampleFreeBusy()
    {
        var calendar = new VCalendar { Method = CalendarMethod.Reply };
        var fb = new VFreeBusy
        {
            Uid = "fb-1@convene.example",
            Stamp = Instant.FromUtc(2025, 4, 1, 8, 0),
            Start = CalDateTime.FromInstant(Instant.FromUtc(2025, 4, 7, 0, 0)),
            End = CalDateTime.FromInstant(Instant.FromUtc(2025, 4, 12, 0, 0)),
            Organizer = new Organizer("mailto:organizer@convene.example"),
        };
        fb.Attendees.Add(new Attendee("mailto:room@example.com", "Room 1") { CalendarUserType = CalendarUserType.Room });
        fb.Periods.Add(new FreeBusyPeriod(FreeBusyType.Busy, CalPeriod.FromInstants(Instant.FromUtc(2025, 4, 7, 8, 0), Instant.FromUtc(2025, 4, 7, 9, 0))));
        Assert.True(CalDuration.TryParse("PT2H", out var twoHours));
        fb.Periods.Add(new FreeBusyPeriod(FreeBusyType.BusyTentative, new CalPeriod(CalDateTime.FromInstant(Instant.FromUtc(2025, 4, 8, 12, 0)), twoHours)));
        fb.Periods.Add(new FreeBusyPeriod(FreeBusyType.BusyUnavailable, CalPeriod.FromInstants(Instant.FromUtc(2025, 4, 9, 0, 0), Instant.FromUtc(2025, 4, 10, 0, 0))));
        fb.Periods.Add(new FreeBusyPeriod(FreeBusyType.Free, CalPeriod.FromInstants(Instant.FromUtc(2025, 4, 11, 8, 0), Instant.FromUtc(2025, 4, 11, 16, 0))));
        calendar.FreeBusy.Add(fb);
        return calendar;
    }

    [Fact]
    public void TypedEvent_WriteParse_PreservesEveryField()
    {
        var original = SampleRequest();
        var text = CalendarWriter.Write(original);
        var parsed = CalendarParser.Parse(text);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        Assert.Empty(parsed.Warnings);

        var a = original.Events[0];
        var b = Assert.Single(parsed.Value.Events);
        Assert.Equal(a.Uid, b.Uid);
        Assert.Equal(a.Sequence, b.Sequence);
        Assert.Equal(a.Stamp, b.Stamp);
        Assert.Equal(a.Start, b.Start);
        Assert.Equal(a.End, b.End);
        Assert.Equal(a.Start!.ToInstant(), b.Start!.ToInstant());
        Assert.Equal(a.Summary, b.Summary);
        Assert.Equal(a.Description, b.Description);
        Assert.Equal(a.Location, b.Location);
        Assert.Equal(a.Status, b.Status);
        Assert.Equal(a.Classification, b.Classification);
        Assert.Equal(a.Transparency, b.Transparency);
        Assert.Equal(a.Organizer!.Address, b.Organizer!.Address);
        Assert.Equal(a.Organizer.CommonName, b.Organizer.CommonName);
        Assert.Equal(a.Attendees.Count, b.Attendees.Count);
        for (var i = 0; i < a.Attendees.Count; i++)
        {
            Assert.Equal(a.Attendees[i].Address, b.Attendees[i].Address);
            Assert.Equal(a.Attendees[i].CommonName, b.Attendees[i].CommonName);
            Assert.Equal(a.Attendees[i].CalendarUserType, b.Attendees[i].CalendarUserType);
            Assert.Equal(a.Attendees[i].Role, b.Attendees[i].Role);
            Assert.Equal(a.Attendees[i].ParticipationStatus, b.Attendees[i].ParticipationStatus);
            Assert.Equal(a.Attendees[i].Rsvp, b.Attendees[i].Rsvp);
            Assert.Equal(a.Attendees[i].DelegatedTo, b.Attendees[i].DelegatedTo);
        }

        Assert.True(a.ToComponent().StructurallyEquals(b.ToComponent()));
        Assert.Equal(text, CalendarWriter.Write(parsed.Value));
    }

    [Fact]
    public void TypedFreeBusy_WriteParse_PreservesPeriodsAndTypes()
    {
        var original = SampleFreeBusy();
        var text = CalendarWriter.Write(original);
        var parsed = CalendarParser.Parse(text);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        var fb = Assert.Single(parsed.Value.FreeBusy);
        Assert.Equal(original.FreeBusy[0].Periods, fb.Periods);
        Assert.Equal(original.FreeBusy[0].Start, fb.Start);
        Assert.Equal(text, CalendarWriter.Write(parsed.Value));
    }

    [Theory]
    [MemberData(nameof(FixtureFiles.Names), MemberType = typeof(FixtureFiles))]
    public void Fixture_ParseWriteParse_IsStable(string name)
    {
        var first = FixtureFiles.Parse(name);
        var written = CalendarWriter.Write(first);
        var second = CalendarParser.Parse(written);
        Assert.True(second.Success, string.Join("; ", second.Errors));
        Assert.True(first.ToComponent().StructurallyEquals(second.Value.ToComponent()));
        Assert.Equal(written, CalendarWriter.Write(second.Value));
    }

    [Theory]
    [MemberData(nameof(FixtureFiles.Names), MemberType = typeof(FixtureFiles))]
    public void Fixture_DocumentModel_RoundTripsEveryPropertyAndComponent(string name)
    {
        var first = CalendarParser.ParseDocument(FixtureFiles.Bytes(name));
        Assert.True(first.Success, string.Join("; ", first.Errors));
        var written = CalendarWriter.Write(first.Value);
        var second = CalendarParser.ParseDocument(written);
        Assert.True(second.Success, string.Join("; ", second.Errors));
        Assert.True(first.Value.StructurallyEquals(second.Value));
        Assert.Equal(written, CalendarWriter.Write(second.Value));
    }

    [Theory]
    [MemberData(nameof(FixtureFiles.Names), MemberType = typeof(FixtureFiles))]
    public void Fixture_TypedModel_KeepsEveryUnknownProperty(string name)
    {
        var document = CalendarParser.ParseDocument(FixtureFiles.Bytes(name)).Value!;
        var typed = CalendarParser.Parse(FixtureFiles.Bytes(name)).Value!;
        var original = document.Components[0];
        var rewritten = typed.ToComponent();

        // Every X- property of every VEVENT survives the typed layer verbatim.
        var before = original.GetComponents("VEVENT").SelectMany(c => c.Properties).Where(p => p.Name.StartsWith("X-", StringComparison.Ordinal)).ToList();
        var after = rewritten.GetComponents("VEVENT").SelectMany(c => c.Properties).Where(p => p.Name.StartsWith("X-", StringComparison.Ordinal)).ToList();
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.True(before[i].StructurallyEquals(after[i]), before[i] + " != " + after[i]);
        }
    }
}
