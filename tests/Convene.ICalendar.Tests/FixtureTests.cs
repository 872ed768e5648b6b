using NodaTime;

namespace Convene.ICalendar.Tests;

public class FixtureTests
{
    [Theory]
    [MemberData(nameof(FixtureFiles.Names), MemberType = typeof(FixtureFiles))]
    public void Fixture_ParsesWithoutErrors(string name)
    {
        var result = CalendarParser.Parse(FixtureFiles.Bytes(name));
        Assert.True(result.Success, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Outlook_Request_WithWindowsTzidAndVTimezone()
    {
        var c = FixtureFiles.Parse("outlook-request.ics");
        Assert.Equal(CalendarMethod.Request, c.Method!.Value.Known);
        Assert.Equal("Microsoft Exchange Server 2010", c.ProductId);
        var e = Assert.Single(c.Events);
        Assert.StartsWith("040000008200E00074C5B7101A82E008", e.Uid, StringComparison.Ordinal);
        Assert.Equal("Q3 roadmap review", e.Summary);
        Assert.Equal("Hi all,\n\nLet's go through the Q3 roadmap and the open contract questions before the board meeting.\n\nBest regards\nAnna\n", e.Description);
        Assert.Equal("W. Europe Standard Time", e.Start!.TzId);
        Assert.Equal("Europe/Berlin", e.Start.Zone!.Id);
        Assert.Equal(Instant.FromUtc(2025, 9, 15, 11, 0), e.Start.ToInstant());
        Assert.Equal(Instant.FromUtc(2025, 9, 15, 12, 30), e.End!.ToInstant());
        Assert.Equal(Instant.FromUtc(2025, 9, 1, 7, 45, 12), e.Stamp);
        Assert.Equal(EventStatus.Confirmed, e.Status!.Value.Known);
        Assert.Equal(Classification.Public, e.Classification!.Value.Known);
        Assert.Equal(Transparency.Opaque, e.Transparency!.Value.Known);
        Assert.Equal("Anna Svensson", e.Organizer!.CommonName);
        Assert.Equal("anna.svensson@contoso.example", e.Organizer.Email);

        Assert.Equal(3, e.Attendees.Count);
        Assert.Equal("Bjørn Hansen", e.Attendees[0].CommonName);
        Assert.True(e.Attendees[0].Rsvp);
        Assert.Equal(ParticipationStatus.NeedsAction, e.Attendees[0].ParticipationStatus.Known);
        Assert.Equal("Lindqvist, Erik", e.Attendees[1].CommonName);
        Assert.Equal(ParticipationRole.OptionalParticipant, e.Attendees[1].Role.Known);
        Assert.Equal(CalendarUserType.Resource, e.Attendees[2].CalendarUserType.Known);
        Assert.Equal(ParticipationRole.NonParticipant, e.Attendees[2].Role.Known);

        Assert.Contains(e.ExtraProperties, p => p.Name == "X-MS-OLK-CONFTYPE" && p.Value == "0");
        Assert.Contains(e.ExtraProperties, p => p.Name == "X-MICROSOFT-CDO-BUSYSTATUS" && p.Value == "TENTATIVE");
        var altDesc = Assert.Single(e.ExtraProperties, p => p.Name == "X-ALT-DESC");
        Assert.Equal("text/html", altDesc.GetParameterValue("FMTTYPE"));
        Assert.EndsWith("</html>", altDesc.Value, StringComparison.Ordinal);
        Assert.Equal("VALARM", Assert.Single(e.Components).Name);

        var tz = Assert.Single(c.TimeZones);
        Assert.Equal("W. Europe Standard Time", tz.TzId);
        Assert.Equal("FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", tz.Observances[0].RecurrenceRule);
    }

    [Fact]
    public void Outlook_DisplayNameTzid_TabFoldedLines()
    {
        var c = FixtureFiles.Parse("outlook-display-tzid.ics");
        var e = Assert.Single(c.Events);
        Assert.Equal("Léa Martin", e.Organizer!.CommonName);
        Assert.Equal("claire.dubois@example.fr", Assert.Single(e.Attendees).Email);
        Assert.Equal(Instant.FromUtc(2025, 11, 4, 9, 0), e.End!.ToInstant());
        Assert.EndsWith("AABBCCDDEEFF00112233445566778899", e.Uid, StringComparison.Ordinal);
        Assert.Contains(c.ExtraProperties, p => p.Name == "X-MS-OLK-FORCEINSPECTOROPEN");
    }

    [Fact]
    public void Google_Request_UtcTimesConferenceAndResource()
    {
        var c = FixtureFiles.Parse("google-request.ics");
        Assert.Equal(CalendarMethod.Request, c.Method!.Value.Known);
        Assert.Contains(c.ExtraProperties, p => p.Name == "CALSCALE" && p.Value == "GREGORIAN");
        var e = Assert.Single(c.Events);
        Assert.Equal("4r8k2m9q1s7t3v5x6z0b2d4f6h@google.com", e.Uid);
        Assert.Equal(CalDateTimeKind.Utc, e.Start!.Kind);
        Assert.Equal(Instant.FromUtc(2025, 3, 12, 14, 0), e.Start.ToInstant());
        Assert.Equal(Instant.FromUtc(2025, 3, 12, 15, 0), e.End!.ToInstant());
        Assert.Equal("Q2 planning", e.Summary);
        Assert.Equal("Oslo-5-Fjord (8)", e.Location);
        Assert.Contains("To stop receiving future updates for this event, decline this event.", e.Description, StringComparison.Ordinal);
        Assert.Equal("https://meet.google.com/abc-defg-hij", Assert.Single(e.ExtraProperties, p => p.Name == "X-GOOGLE-CONFERENCE").Value);
        Assert.Equal(3, e.Attendees.Count);
        Assert.Equal("0", e.Attendees[0].ExtraParameters.Single(p => p.Name == "X-NUM-GUESTS").Value);
        Assert.Equal(ParticipationStatus.Accepted, e.FindAttendee("mailto:INGRID.BERG@example.com")!.ParticipationStatus.Known);
        var room = e.Attendees[2];
        Assert.Equal(CalendarUserType.Resource, room.CalendarUserType.Known);
        Assert.False(room.Rsvp);
        var alarm = Assert.Single(e.Components);
        Assert.Equal("-P0DT0H10M0S", alarm.GetProperty("TRIGGER")!.Value);
    }

    [Fact]
    public void Google_Reply_DeclinedWithComment()
    {
        var c = FixtureFiles.Parse("google-reply.ics");
        Assert.Equal(CalendarMethod.Reply, c.Method!.Value.Known);
        var e = Assert.Single(c.Events);
        Assert.Equal("conv-7f3e2a10-5b1c-4f0e-9d2a-8c6b4e1f0a77@convene.example", e.Uid);
        Assert.Equal(2, e.Sequence);
        var a = Assert.Single(e.Attendees);
        Assert.Equal("mette.dahl@gmail.example", a.Email);
        Assert.Equal(ParticipationStatus.Declined, a.ParticipationStatus.Known);
        Assert.Equal("Sorry, I am travelling that day. Could we do Friday?", e.ExtraProperties.Single(p => p.Name == "COMMENT").GetText());
        Assert.Equal(string.Empty, e.Location);
    }

    [Fact]
    public void Apple_Reply_TentativeInEuropeOsloWithAppleProperties()
    {
        var c = FixtureFiles.Parse("apple-reply.ics");
        Assert.Equal(CalendarMethod.Reply, c.Method!.Value.Known);
        Assert.Equal("-//Apple Inc.//macOS 14.6.1//EN", c.ProductId);
        var e = Assert.Single(c.Events);
        Assert.Equal("Styremøte – budsjett 2025", e.Summary);
        Assert.Equal("Kontoret, Akersgata 1", e.Location);
        Assert.Equal("Europe/Oslo", e.Start!.TzId);
        Assert.Equal(Instant.FromUtc(2025, 4, 2, 8, 30), e.Start.ToInstant());
        Assert.Equal(1, e.Sequence);
        var a = Assert.Single(e.Attendees);
        Assert.Equal("Kari Nordmann", a.CommonName);
        Assert.Equal(ParticipationStatus.Tentative, a.ParticipationStatus.Known);
        Assert.Equal("kari@icloud.example", a.ExtraParameters.Single(p => p.Name == "EMAIL").Value);
        Assert.Equal("Convene Scheduler", e.Organizer!.CommonName);
        var location = e.ExtraProperties.Single(p => p.Name == "X-APPLE-STRUCTURED-LOCATION");
        Assert.Equal("Akersgata 1\n0158 Oslo\nNorway", location.GetParameterValue("X-ADDRESS"));
        Assert.Equal("Kontoret, Akersgata 1", location.GetParameterValue("X-TITLE"));
        Assert.Equal("geo:59.911491,10.745875", location.Value);
        Assert.Contains(e.ExtraProperties, p => p.Name == "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR" && p.Value == "AUTOMATIC");
        Assert.Equal(2, c.TimeZones[0].Observances.Count);
    }

    [Fact]
    public void Thunderbird_Request_BareLfRecurringWithExdateAndMultibyteFolding()
    {
        var c = FixtureFiles.Parse("thunderbird-request.ics");
        var e = Assert.Single(c.Events);
        Assert.Equal("Weekly sync: Über-Team & Ärger mit Zeitzonen 🗓️ – bitte pünktlich, wir haben viel vor", e.Summary);
        Assert.Equal("Agenda:\n– Status\n– Risiken; Blocker\n– Verschiedenes", e.Description);
        Assert.Equal("FREQ=WEEKLY;BYDAY=TU", Assert.Single(e.RecurrenceRules).Value);
        var exdate = Assert.Single(e.ExceptionDates);
        Assert.Equal("Europe/Berlin", exdate.GetParameterValue("TZID"));
        Assert.Equal(Instant.FromUtc(2025, 1, 14, 9, 0), e.Start!.ToInstant());
        Assert.Equal(Duration.FromMinutes(30), e.End!.ToInstant()!.Value - e.Start.ToInstant()!.Value);
        Assert.Equal(ParticipationRole.Chair, e.Attendees[0].Role.Known);
        Assert.Equal(CalendarUserType.Room, e.Attendees[2].CalendarUserType.Known);
        Assert.Equal("Raum Spree", e.Attendees[2].CommonName);
        Assert.Contains(e.ExtraProperties, p => p.Name == "X-MOZ-GENERATION" && p.Value == "1");
        Assert.Contains(c.TimeZones[0].ExtraProperties, p => p.Name == "X-TZINFO");
    }

    [Fact]
    public void SloppyClient_BomLowercaseBareLfTrailingWhitespaceAndUnknownTokensAreTolerated()
    {
        var result = CalendarParser.Parse(FixtureFiles.Bytes("sloppy-client.ics"));
        Assert.True(result.Success, string.Join("; ", result.Errors));
        var c = result.Value;
        Assert.Equal(CalendarMethod.Request, c.Method!.Value.Known);
        Assert.Contains(result.Warnings, w => w.Message.Contains("VERSION", StringComparison.Ordinal));
        var e = Assert.Single(c.Events);
        Assert.Equal("sloppy-1@mailer.example", e.Uid);
        Assert.Equal(Instant.FromUtc(2025, 1, 2, 3, 4, 5), e.Stamp);
        Assert.True(e.Start!.IsDate);
        Assert.Equal(new LocalDate(2025, 2, 10), e.Start.Date);
        Assert.Equal("Offsite\nDay two", e.Summary);
        Assert.Equal("per@example.no", e.Attendees[0].Email);
        Assert.Equal(ParticipationStatus.Accepted, e.Attendees[0].ParticipationStatus.Known);
        var bot = e.Attendees[1];
        Assert.Equal("X-MAYBE", bot.ParticipationStatus.Token);
        Assert.Null(bot.ParticipationStatus.Known);
        Assert.Equal("X-BOT", bot.CalendarUserType.Token);
        Assert.Equal("X-OBSERVER", bot.Role.Token);
        Assert.Equal("1", e.ExtraProperties.Single(p => p.Name == "X-CUSTOM-FLAG").GetParameterValue("X-PARAM"));
    }

    [Fact]
    public void Rfc5546_Request()
    {
        var c = FixtureFiles.Parse("rfc5546-request.ics");
        var e = Assert.Single(c.Events);
        Assert.Equal("calsrv.example.com-873970198738777@example.com", e.Uid);
        Assert.Equal("Conference", e.Summary);
        Assert.Equal(4, e.Attendees.Count);
        Assert.Equal(ParticipationRole.Chair, e.Attendees[0].Role.Known);
        Assert.Equal(ParticipationStatus.Accepted, e.Attendees[0].ParticipationStatus.Known);
        Assert.All(e.Attendees.Skip(1), a => Assert.True(a.Rsvp));
        Assert.All(e.Attendees.Skip(1), a => Assert.Equal("INDIVIDUAL", a.ExtraParameters.Single(p => p.Name == "TYPE").Value));
        Assert.Equal(Instant.FromUtc(1997, 7, 1, 20, 0), e.Start!.ToInstant());
    }

    [Fact]
    public void Rfc5546_Reply()
    {
        var c = FixtureFiles.Parse("rfc5546-reply.ics");
        Assert.Equal(CalendarMethod.Reply, c.Method!.Value.Known);
        var e = Assert.Single(c.Events);
        Assert.Null(e.Start);
        Assert.Equal(ParticipationStatus.Accepted, Assert.Single(e.Attendees).ParticipationStatus.Known);
        Assert.Equal("2.0;Success", e.ExtraProperties.Single(p => p.Name == "REQUEST-STATUS").Value);
    }

    [Fact]
    public void Rfc5546_Counter()
    {
        var c = FixtureFiles.Parse("rfc5546-counter.ics");
        Assert.Equal(CalendarMethod.Counter, c.Method!.Value.Known);
        var e = Assert.Single(c.Events);
        Assert.Equal(Instant.FromUtc(1997, 7, 1, 19, 0), e.Start!.ToInstant());
        Assert.Equal("Green Conference Room", e.Location);
    }

    [Fact]
    public void Rfc5546_Cancel()
    {
        var c = FixtureFiles.Parse("rfc5546-cancel.ics");
        Assert.Equal(CalendarMethod.Cancel, c.Method!.Value.Known);
        var e = Assert.Single(c.Events);
        Assert.Equal(EventStatus.Cancelled, e.Status!.Value.Known);
        Assert.Equal(1, e.Sequence);
        Assert.Equal(4, e.Attendees.Count);
    }

    [Fact]
    public void Rfc5546_FreeBusyReply_PeriodListsAndTypes()
    {
        var c = FixtureFiles.Parse("rfc5546-freebusy-reply.ics");
        var fb = Assert.Single(c.FreeBusy);
        Assert.Equal("b@example.com", Assert.Single(fb.Attendees).Email);
        Assert.Equal("a@example.com", fb.Organizer!.Email);
        Assert.Equal(Instant.FromUtc(1997, 7, 1, 8, 0), fb.Start!.ToInstant());
        Assert.Equal(3, fb.Periods.Count);
        Assert.Equal(FreeBusyType.Busy, fb.Periods[0].Type.Known);
        Assert.Equal(new LocalDateTime(1997, 7, 1, 10, 0), fb.Periods[0].Period.EffectiveEnd.Value);
        Assert.Equal(new LocalDateTime(1997, 7, 1, 14, 30), fb.Periods[1].Period.EffectiveEnd.Value);
        Assert.Equal(FreeBusyType.BusyTentative, fb.Periods[2].Type.Known);
        Assert.Equal(new LocalDateTime(1997, 7, 1, 16, 30), fb.Periods[2].Period.End!.Value);
    }
}
