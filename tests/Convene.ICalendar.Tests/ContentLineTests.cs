using Convene.ICalendar.Text;

namespace Convene.ICalendar.Tests;

public class ContentLineTests
{
    [Fact]
    public void Read_NamesAndParameterNames_AreCaseInsensitiveAndNormalisedToUpper()
    {
        var result = ContentLineReader.Read("attendee;partStat=accepted;cn=Ann:mailto:ann@example.com");
        Assert.True(result.Success);
        var p = Assert.Single(result.Value);
        Assert.Equal("ATTENDEE", p.Name);
        Assert.Equal("accepted", p.GetParameterValue("PARTSTAT"));
        Assert.Equal("Ann", p.GetParameterValue("cn"));
    }

    [Fact]
    public void Read_QuotedParameterValues_MayContainColonSemicolonAndComma()
    {
        var result = ContentLineReader.Read("ATTENDEE;CN=\"Doe; John: Jr, III\";DELEGATED-TO=\"mailto:a@x.com\",\"mailto:b@x.com\":mailto:j@x.com");
        Assert.True(result.Success);
        var p = Assert.Single(result.Value);
        Assert.Equal("Doe; John: Jr, III", p.GetParameterValue("CN"));
        Assert.Equal(["mailto:a@x.com", "mailto:b@x.com"], p.GetParameter("DELEGATED-TO")!.Values);
        Assert.Equal("mailto:j@x.com", p.Value);
    }

    [Fact]
    public void Read_ValueKeepsColonsAfterTheFirstSeparator()
    {
        var p = Assert.Single(ContentLineReader.Read("URL:https://example.com:8443/a;b").Value!);
        Assert.Equal("https://example.com:8443/a;b", p.Value);
        Assert.Empty(p.Parameters);
    }

    [Fact]
    public void Read_Rfc6868CaretEscapes_AreDecoded()
    {
        var p = Assert.Single(ContentLineReader.Read("X-A;X-ADDRESS=Street 1^nCity;X-Q=^'q^' ^^:v").Value!);
        Assert.Equal("Street 1\nCity", p.GetParameterValue("X-ADDRESS"));
        Assert.Equal("\"q\" ^", p.GetParameterValue("X-Q"));
    }

    [Theory]
    [InlineData("NO COLON HERE")]
    [InlineData("BAD NAME:value")]
    [InlineData("X;CN=\"unterminated:value")]
    [InlineData("X;CN=\"quoted\"junk:value")]
    [InlineData("X;=v:value")]
    [InlineData("X;CN=a")]
    public void Read_MalformedLine_IsAnErrorWithLineNumber(string line)
    {
        var result = ContentLineReader.Read("A:ok\r\n" + line + "\r\n");
        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCode.MalformedLine, error.Code);
        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public void Read_ValuelessParameter_IsToleratedWithWarning()
    {
        var result = ContentLineReader.Read("ATTENDEE;RSVP:mailto:a@example.com");
        Assert.True(result.Success);
        Assert.Equal(string.Empty, result.Value[0].GetParameterValue("RSVP"));
        Assert.Contains(result.Warnings, w => w.Code == DiagnosticCode.Tolerated);
    }

    [Fact]
    public void Read_TooManyParameters_IsRejected()
    {
        var line = "X-A" + string.Concat(Enumerable.Range(0, 5).Select(i => ";X-P" + i + "=1")) + ":v";
        var result = ContentLineReader.Read(line, new ParserOptions { MaxParametersPerProperty = 4 });
        Assert.Equal(DiagnosticCode.LimitExceeded, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Format_ParameterOrderAndQuoting_AreStable()
    {
        var p = new Property("ATTENDEE", "mailto:j@x.com", new Parameter("CN", "Doe, John"), new Parameter("ROLE", "CHAIR"), new Parameter("MEMBER", "mailto:g1@x.com", "mailto:g2@x.com"));
        Assert.Equal("ATTENDEE;CN=\"Doe, John\";ROLE=CHAIR;MEMBER=\"mailto:g1@x.com\",\"mailto:g2@x.com\":mailto:j@x.com", ContentLineWriter.Format(p));
    }

    [Fact]
    public void Format_RawValueWithLineBreak_IsRefusedToPreventLineInjection()
    {
        var p = new Property("SUMMARY", "evil\r\nATTENDEE:mailto:x@y.com");
        Assert.Throws<ArgumentException>(() => ContentLineWriter.Format(p));
    }

    [Fact]
    public void FromText_UserTextWithLineBreaks_CannotInjectContentLines()
    {
        var calendar = new VCalendar { Method = CalendarMethod.Request };
        calendar.Events.Add(new VEvent { Uid = "u1", Summary = "evil\r\nATTENDEE:mailto:x@y.com\r\nEND:VEVENT", Start = CalDateTime.FromDate(new NodaTime.LocalDate(2025, 1, 1)) });
        var text = CalendarWriter.Write(calendar);
        var parsed = CalendarParser.Parse(text);
        Assert.True(parsed.Success);
        var e = Assert.Single(parsed.Value.Events);
        Assert.Empty(e.Attendees);
        Assert.Equal("evil\nATTENDEE:mailto:x@y.com\nEND:VEVENT", e.Summary);
    }

    [Fact]
    public void Format_InvalidPropertyName_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ContentLineWriter.Format(new Property("BAD:NAME", "v")));
}
