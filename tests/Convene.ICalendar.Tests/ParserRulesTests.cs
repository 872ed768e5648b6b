using System.Text;
using NodaTime;

namespace Convene.ICalendar.Tests;

public class ParserRulesTests
{
    private static string Event(string method, params string[] lines) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        + (method.Length > 0 ? "METHOD:" + method + "\r\n" : string.Empty)
        + "BEGIN:VEVENT\r\n"
        + string.Concat(lines.Select(l => l + "\r\n"))
        + "END:VEVENT\r\nEND:VCALENDAR\r\n";

    private static ParseDiagnostic SingleError(string text, DiagnosticCode code)
    {
        var result = CalendarParser.Parse(text);
        Assert.False(result.Success);
        Assert.Null(result.Value);
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        return error;
    }

    [Fact]
    public void Reject_MissingEnd()
    {
        var error = SingleError("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR\r\n", DiagnosticCode.UnbalancedComponent);
        Assert.Equal(5, error.LineNumber);
    }

    [Fact]
    public void Reject_MissingEndAtEndOfInput()
    {
        var error = SingleError("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", DiagnosticCode.UnbalancedComponent);
        Assert.Equal(1, error.LineNumber);
    }

    [Fact]
    public void Reject_EndWithoutBegin() =>
        SingleError("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VEVENT\r\n", DiagnosticCode.UnbalancedComponent);

    [Fact]
    public void Reject_PropertyOutsideComponent() =>
        SingleError("UID:x\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", DiagnosticCode.PropertyOutsideComponent);

    [Fact]
    public void Reject_NoCalendar() => SingleError("BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n", DiagnosticCode.MissingCalendar);

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("just some text")]
    public void Reject_EmptyOrNonCalendarInput(string text) => Assert.False(CalendarParser.Parse(text).Success);

    [Theory]
    [InlineData("REQUEST")]
    [InlineData("REPLY")]
    [InlineData("CANCEL")]
    [InlineData("X-CUSTOM")]
    public void Reject_VEventWithoutUid_WhenMethodRequiresIt(string method)
    {
        var error = SingleError(Event(method, "DTSTAMP:20250101T000000Z", "DTSTART:20250101T100000Z"), DiagnosticCode.MissingRequiredProperty);
        Assert.Equal(5, error.LineNumber);
    }

    [Fact]
    public void Tolerate_VEventWithoutUid_WithoutMethod()
    {
        var result = CalendarParser.Parse(Event(string.Empty, "DTSTART:20250101T100000Z"));
        Assert.True(result.Success);
        Assert.Contains(result.Warnings, w => w.Code == DiagnosticCode.MissingRequiredProperty);
    }

    [Fact]
    public void Reject_RequestWithoutDtstart() =>
        SingleError(Event("REQUEST", "UID:x", "DTSTAMP:20250101T000000Z"), DiagnosticCode.MissingRequiredProperty);

    [Theory]
    [InlineData("DTSTART:20250101T100000Z", "DTEND:20250101T090000Z")]
    [InlineData("DTSTART;TZID=Europe/Oslo:20250101T100000", "DTEND:20250101T085959Z")]
    [InlineData("DTSTART;VALUE=DATE:20250102", "DTEND;VALUE=DATE:20250101")]
    [InlineData("DTSTART:20250101T100000", "DTEND:20250101T095959")]
    [InlineData("DTSTART:20250101T100000Z", "DURATION:-PT1H")]
    public void Reject_EndBeforeStart(string start, string end)
    {
        var error = SingleError(Event("REQUEST", "UID:x", "DTSTAMP:20250101T000000Z", start, end), DiagnosticCode.InvalidDateRange);
        Assert.Equal(5, error.LineNumber);
    }

    [Fact]
    public void Accept_EndEqualToStart() =>
        Assert.True(CalendarParser.Parse(Event("REQUEST", "UID:x", "DTSTART:20250101T100000Z", "DTEND:20250101T100000Z")).Success);

    [Fact]
    public void Reject_DtendAndDuration() =>
        SingleError(Event("REQUEST", "UID:x", "DTSTART:20250101T100000Z", "DTEND:20250101T110000Z", "DURATION:PT1H"), DiagnosticCode.InvalidValue);

    [Fact]
    public void Reject_MixedDateAndDateTime() =>
        SingleError(Event("REQUEST", "UID:x", "DTSTART;VALUE=DATE:20250101", "DTEND:20250102T100000Z"), DiagnosticCode.InvalidValue);

    [Theory]
    [InlineData("DTSTART:2025-01-01T10:00:00Z")]
    [InlineData("DTSTART:20250230T100000Z")]
    [InlineData("DTSTART:20251301")]
    [InlineData("DTSTART:20250101T250000Z")]
    [InlineData("DTSTART:20250101T1000")]
    [InlineData("DTSTART:tomorrow")]
    [InlineData("DTSTART:٢٠٢٥٠١٠١")]
    [InlineData("DTSTART;VALUE=PERIOD:20250101T100000Z/PT1H")]
    public void Reject_UnparseableDate_WithLineNumber(string line)
    {
        var error = SingleError(Event("REQUEST", "UID:x", line), DiagnosticCode.InvalidValue);
        Assert.Equal(7, error.LineNumber);
    }

    [Theory]
    [InlineData("SEQUENCE:one")]
    [InlineData("SEQUENCE:-1")]
    [InlineData("DURATION:1 hour")]
    public void Reject_InvalidIntegerOrDuration(string line) =>
        SingleError(Event("REQUEST", "UID:x", "DTSTART:20250101T100000Z", line), DiagnosticCode.InvalidValue);

    [Fact]
    public void Reject_DuplicateUid() =>
        SingleError(Event("REQUEST", "UID:x", "UID:y", "DTSTART:20250101T100000Z"), DiagnosticCode.DuplicateProperty);

    [Fact]
    public void Reject_NonUtcFreeBusyPeriod()
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VFREEBUSY\r\nUID:f\r\nFREEBUSY:20250101T100000/PT1H\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n";
        Assert.Equal(6, SingleError(text, DiagnosticCode.InvalidValue).LineNumber);
    }

    [Fact]
    public void Tolerate_DuplicateSummary_KeepsExtraVerbatim()
    {
        var result = CalendarParser.Parse(Event("REQUEST", "UID:x", "DTSTART:20250101T100000Z", "SUMMARY:one", "SUMMARY;LANGUAGE=de:eins"));
        Assert.True(result.Success);
        Assert.Equal("one", result.Value.Events[0].Summary);
        Assert.Equal("eins", result.Value.Events[0].ExtraProperties.Single(p => p.Name == "SUMMARY").Value);
    }

    [Fact]
    public void Tolerate_UtcValueWithTzid_IgnoresTzid()
    {
        var result = CalendarParser.Parse(Event("REQUEST", "UID:x", "DTSTART;TZID=Europe/Oslo:20250101T100000Z"));
        Assert.True(result.Success);
        Assert.Equal(CalDateTimeKind.Utc, result.Value.Events[0].Start!.Kind);
        Assert.NotEmpty(result.Warnings);
    }

    [Fact]
    public void Tolerate_InvalidUtf8_ReplacesBytesAndWarns()
    {
        var bytes = Encoding.UTF8.GetBytes(Event("REQUEST", "UID:x", "DTSTART:20250101T100000Z", "SUMMARY:caf\u00e9"));
        var index = Array.IndexOf(bytes, (byte)0xC3);
        bytes[index] = 0xE9; // Latin-1 é from a misconfigured client
        bytes[index + 1] = (byte)' ';
        var result = CalendarParser.Parse(bytes);
        Assert.True(result.Success);
        Assert.Contains(result.Warnings, w => w.Code == DiagnosticCode.InvalidEncoding);
        Assert.StartsWith("caf\uFFFD", result.Value.Events[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Tolerate_XPropertiesFromMajorClients()
    {
        var result = CalendarParser.Parse(Event(
            "REQUEST",
            "UID:x",
            "DTSTART:20250101T100000Z",
            "X-MS-OLK-SENDER;CN=Someone:mailto:s@example.com",
            "X-GOOGLE-CONFERENCE:https://meet.google.com/aaa-bbbb-ccc",
            "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
            "x-lowercase-prop;x-param=\"a:b\":value"));
        Assert.True(result.Success);
        Assert.Equal(4, result.Value.Events[0].ExtraProperties.Count);
        Assert.Equal("X-LOWERCASE-PROP", result.Value.Events[0].ExtraProperties[3].Name);
    }

    [Fact]
    public void Tolerate_MultipleCalendars_ReadsFirstAndWarns()
    {
        var text = Event("REQUEST", "UID:x", "DTSTART:20250101T100000Z") + Event("CANCEL", "UID:y");
        var result = CalendarParser.Parse(text);
        Assert.True(result.Success);
        Assert.Equal("x", result.Value.Events[0].Uid);
        Assert.Contains(result.Warnings, w => w.Code == DiagnosticCode.Tolerated);
        Assert.Equal(2, CalendarParser.ParseDocument(text).Value!.Components.Count);
    }

    [Fact]
    public async Task Limit_InputSize_IsEnforcedForStringsBytesAndStreamsAsync()
    {
        var options = new ParserOptions { MaxInputBytes = 1000 };
        var text = Event("REQUEST", "UID:x", "DTSTART:20250101T100000Z", "DESCRIPTION:" + new string('x', 1000));
        Assert.Equal(DiagnosticCode.InputTooLarge, Assert.Single(CalendarParser.Parse(text, options).Errors).Code);
        Assert.Equal(DiagnosticCode.InputTooLarge, Assert.Single(CalendarParser.Parse(Encoding.UTF8.GetBytes(text), options).Errors).Code);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var fromStream = await CalendarParser.ParseAsync(stream, options, TestContext.Current.CancellationToken);
        Assert.Equal(DiagnosticCode.InputTooLarge, Assert.Single(fromStream.Errors).Code);
    }

    [Fact]
    public async Task ParseAsync_ReadsStreamAsync()
    {
        using var stream = new MemoryStream(FixtureFiles.Bytes("google-request.ics"));
        var result = await CalendarParser.ParseAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Success);
    }

    [Fact]
    public void Limit_ComponentCount_IsEnforced()
    {
        var sb = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        for (var i = 0; i < 20; i++)
        {
            sb.Append("BEGIN:VEVENT\r\nUID:").Append(i).Append("\r\nEND:VEVENT\r\n");
        }

        sb.Append("END:VCALENDAR\r\n");
        var result = CalendarParser.Parse(sb.ToString(), new ParserOptions { MaxComponents = 10 });
        Assert.Equal(DiagnosticCode.LimitExceeded, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Limit_PropertyCount_IsEnforced()
    {
        var text = Event("REQUEST", [.. Enumerable.Range(0, 50).Select(i => "X-P:" + i)]);
        var result = CalendarParser.Parse(text, new ParserOptions { MaxProperties = 20 });
        Assert.Equal(DiagnosticCode.LimitExceeded, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Limit_NestingDepth_IsEnforced()
    {
        var text = string.Concat(Enumerable.Range(0, 50).Select(_ => "BEGIN:X-DEEP\r\n")) + string.Concat(Enumerable.Range(0, 50).Select(_ => "END:X-DEEP\r\n"));
        var result = CalendarParser.ParseDocument(text);
        Assert.Equal(DiagnosticCode.LimitExceeded, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Errors_ReportPhysicalLineNumbersEvenAfterFoldedLines()
    {
        var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x\r\nDESCRIPTION:folded\r\n  over\r\n  three lines\r\nDTSTART:bad\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var error = SingleError(text, DiagnosticCode.InvalidValue);
        Assert.Equal(10, error.LineNumber);
        Assert.Contains("line 10", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentModel_KeepsUnknownComponentsAndProperties()
    {
        var text = "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Team\r\nBEGIN:VTODO\r\nUID:t\r\nBEGIN:X-THING\r\nX-A;X-B=1:2\r\nEND:X-THING\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
        var result = CalendarParser.Parse(text);
        Assert.True(result.Success);
        var todo = Assert.Single(result.Value.OtherComponents);
        Assert.Equal("VTODO", todo.Name);
        Assert.Equal("X-THING", todo.Components[0].Name);
        Assert.Equal("Team", result.Value.ExtraProperties[0].Value);
        Assert.Equal("BEGIN:VCALENDAR\r\nPRODID:\r\nVERSION:2.0\r\nX-WR-CALNAME:Team\r\nBEGIN:VTODO\r\nUID:t\r\nBEGIN:X-THING\r\nX-A;X-B=1:2\r\nEND:X-THING\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", CalendarWriter.Write(result.Value));
    }

    [Fact]
    public void ZonedDtstampIsConvertedToUtc()
    {
        var result = CalendarParser.Parse(Event("REQUEST", "UID:x", "DTSTART:20250101T100000Z", "DTSTAMP;TZID=Europe/Oslo:20250101T100000"));
        Assert.True(result.Success);
        Assert.Equal(Instant.FromUtc(2025, 1, 1, 9, 0), result.Value.Events[0].Stamp);
    }
}
