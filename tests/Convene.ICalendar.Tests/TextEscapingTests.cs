using Convene.ICalendar.Text;

namespace Convene.ICalendar.Tests;

public class TextEscapingTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("a;b,c", @"a\;b\,c")]
    [InlineData("line1\nline2", @"line1\nline2")]
    [InlineData("line1\r\nline2", @"line1\nline2")]
    [InlineData("colon: stays", "colon: stays")]
    [InlineData("tab\tstays", "tab\tstays")]
    public void Escape_SpecialCharacters_AreEscapedPerRfc5545Section3_3_11(string text, string expected) =>
        Assert.Equal(expected, TextEscaping.Escape(text));

    [Fact]
    public void Escape_ControlCharacters_AreDropped() =>
        Assert.Equal("ab", TextEscaping.Escape("a\u0000\u0007b"));

    [Theory]
    [InlineData(@"a\nb", "a\nb")]
    [InlineData(@"a\Nb", "a\nb")]
    [InlineData(@"a\;b\,c\\d", @"a;b,c\d")]
    [InlineData(@"C:\Users\x", @"C:\Users\x")]
    [InlineData(@"trailing\", @"trailing\")]
    public void Unescape_AcceptsKnownEscapesAndKeepsUnknownOnesVerbatim(string value, string expected) =>
        Assert.Equal(expected, TextEscaping.Unescape(value));

    [Theory]
    [InlineData("")]
    [InlineData("Meeting; agenda, notes \\ backslash\nsecond line")]
    [InlineData(@"\n is not a newline here")]
    [InlineData("Ünïcødé, 日本語; 🗓️")]
    [InlineData(@"\\;\,\n")]
    public void EscapeThenUnescape_RoundTripsText(string text) =>
        Assert.Equal(text, TextEscaping.Unescape(TextEscaping.Escape(text)));

    [Fact]
    public void SplitList_SplitsOnUnescapedCommasOnly() =>
        Assert.Equal(["a,b", "c;d", "e"], TextEscaping.SplitList(@"a\,b,c\;d,e"));

    [Theory]
    [InlineData("John Doe", "John Doe")]
    [InlineData("Doe, John", "\"Doe, John\"")]
    [InlineData("a:b", "\"a:b\"")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("say \"hi\"", "say ^'hi^'")]
    [InlineData("caret^", "caret^^")]
    [InlineData("two\nlines", "two^nlines")]
    public void ParameterEncoding_QuotesWhenNeededAndCaretEscapes(string value, string expected) =>
        Assert.Equal(expected, ParameterEncoding.Encode(value));

    [Theory]
    [InlineData("Doe, John")]
    [InlineData("a:b;c")]
    [InlineData("say \"hi\"\nbye ^")]
    [InlineData("Ærlig Ødegård")]
    public void ParameterValue_WrittenThenRead_RoundTrips(string value)
    {
        var line = ContentLineWriter.Format(new Property("ATTENDEE", "mailto:x@example.com", new Parameter("CN", value)));
        var read = ContentLineReader.Read(line);
        Assert.True(read.Success);
        Assert.Equal(value, Assert.Single(read.Value).GetParameterValue("CN"));
        Assert.Equal("mailto:x@example.com", read.Value[0].Value);
    }
}
