using System.Globalization;

namespace Convene.ICalendar.Tests;

public class CultureTests
{
    public static TheoryData<string> Cultures() => ["tr-TR", "de-DE", "ar-SA", "th-TH", "fa-IR"];

    private static List<string> Run()
    {
        var outputs = new List<string>
        {
            CalendarWriter.Write(RoundTripTests.SampleRequest()),
            CalendarWriter.Write(RoundTripTests.SampleFreeBusy()),
        };
        foreach (var name in FixtureFiles.All)
        {
            var parsed = CalendarParser.Parse(FixtureFiles.Bytes(name));
            Assert.True(parsed.Success, name + ": " + string.Join("; ", parsed.Errors));
            var e = parsed.Value.Events.FirstOrDefault();
            outputs.Add(CalendarWriter.Write(parsed.Value)
                + string.Join("|", parsed.Value.Events.Select(x => x.Start?.ToInstant()?.ToString() + "/" + x.Sequence + "/" + x.EffectiveEnd))
                + string.Join("|", parsed.Errors.Concat(parsed.Warnings)));
        }

        return outputs;
    }

    private static List<string> RunIn(CultureInfo culture)
    {
        var (oldCulture, oldUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return Run();
        }
        finally
        {
            CultureInfo.CurrentCulture = oldCulture;
            CultureInfo.CurrentUICulture = oldUi;
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void WriterAndParser_ProduceIdenticalOutputUnderAnyCulture(string name)
    {
        var invariant = RunIn(CultureInfo.InvariantCulture);
        var local = RunIn(CultureInfo.GetCultureInfo(name));
        Assert.Equal(invariant, local);
    }

    [Fact]
    public void LowercaseNamesWithLetterI_ParseUnderTurkishCulture()
    {
        const string text = "begin:vcalendar\r\nversion:2.0\r\nprodid:x\r\nmethod:request\r\nbegin:vevent\r\nuid:i-1\r\ndtstart;tzid=Europe/Istanbul:20250101T100000\r\nattendee;partstat=accepted;rsvp=true:mailto:i@example.com\r\nend:vevent\r\nend:vcalendar\r\n";
        var (old, oldUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("tr-TR");
            var result = CalendarParser.Parse(text);
            Assert.True(result.Success, string.Join("; ", result.Errors));
            var e = Assert.Single(result.Value.Events);
            Assert.Equal("i-1", e.Uid);
            Assert.Equal("Europe/Istanbul", e.Start!.Zone!.Id);
            Assert.True(e.Attendees[0].Rsvp);
            Assert.Contains("DTSTART;TZID=Europe/Istanbul:20250101T100000\r\n", CalendarWriter.Write(result.Value), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = old;
            CultureInfo.CurrentUICulture = oldUi;
        }
    }
}
