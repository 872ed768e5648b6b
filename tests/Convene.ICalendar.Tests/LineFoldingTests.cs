using System.Text;
using Convene.ICalendar.Text;

namespace Convene.ICalendar.Tests;

public class LineFoldingTests
{
    private static string[] PhysicalLines(string folded)
    {
        Assert.EndsWith("\r\n", folded, StringComparison.Ordinal);
        return folded[..^2].Split("\r\n");
    }

    private static void AssertAllLinesWithinLimit(string folded)
    {
        foreach (var line in PhysicalLines(folded))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, "Line of " + Encoding.UTF8.GetByteCount(line) + " octets: " + line);
        }
    }

    [Fact]
    public void Fold_LineOfExactly75Octets_IsNotFolded()
    {
        var line = "SUMMARY:" + new string('x', 75 - 8);
        var folded = LineFolding.Fold(line);
        Assert.Equal(line + "\r\n", folded);
    }

    [Fact]
    public void Fold_LineOf76Octets_FoldsLastOctetOntoContinuationLine()
    {
        var line = "SUMMARY:" + new string('x', 76 - 8);
        var lines = PhysicalLines(LineFolding.Fold(line));
        Assert.Equal(2, lines.Length);
        Assert.Equal(75, lines[0].Length);
        Assert.Equal(" x", lines[1]);
    }

    [Fact]
    public void Fold_ContinuationLines_Count_LeadingSpaceAgainstTheLimit()
    {
        var line = "DESCRIPTION:" + new string('y', 400);
        var folded = LineFolding.Fold(line);
        AssertAllLinesWithinLimit(folded);
        var lines = PhysicalLines(folded);
        Assert.All(lines.Skip(1).SkipLast(1), l => Assert.Equal(75, l.Length));
        Assert.Equal(line, LineFolding.Unfold(folded).TrimEnd('\r', '\n'));
    }

    [Theory]
    [InlineData("é")] // 2 octets
    [InlineData("€")] // 3 octets
    [InlineData("🗓")] // 4 octets, surrogate pair
    public void Fold_LongLineWithMultibyteChar_NeverSplitsUtf8Sequence(string multibyte)
    {
        // Put the multi-byte character across the 75-octet boundary at every possible offset.
        for (var prefix = 70; prefix <= 76; prefix++)
        {
            var line = "SUMMARY:" + new string('a', prefix - 8) + multibyte + multibyte + "tail";
            var folded = LineFolding.Fold(line);
            AssertAllLinesWithinLimit(folded);
            var bytes = Encoding.UTF8.GetBytes(folded);
            Assert.True(System.Text.Unicode.Utf8.IsValid(bytes));
            foreach (var physical in PhysicalLines(folded))
            {
                // Each physical line on its own must be valid UTF-8: no sequence is cut.
                Assert.True(System.Text.Unicode.Utf8.IsValid(Encoding.UTF8.GetBytes(physical)));
                Assert.False(physical.Length > 0 && char.IsLowSurrogate(physical[physical.Length > 1 && physical[0] == ' ' ? 1 : 0]));
                Assert.False(physical.Length > 0 && char.IsHighSurrogate(physical[^1]));
            }

            Assert.Equal(line, LineFolding.Unfold(folded).TrimEnd('\r', '\n'));
        }
    }

    [Fact]
    public void Fold_AllMultibyteLine_StaysWithinLimitAndRoundTrips()
    {
        var line = "SUMMARY:" + string.Concat(Enumerable.Repeat("日本語🗓️Ø", 40));
        var folded = LineFolding.Fold(line);
        AssertAllLinesWithinLimit(folded);
        Assert.Equal(line, LineFolding.Unfold(folded).TrimEnd('\r', '\n'));
    }

    [Theory]
    [InlineData("A:abc\r\n def\r\n", "A:abcdef\r\n")]
    [InlineData("A:abc\n def\n", "A:abcdef\r\n")]
    [InlineData("A:abc\r\n\tdef\r\n", "A:abcdef\r\n")]
    [InlineData("A:abc \r\n  def\r\n", "A:abc  def\r\n")]
    [InlineData("A:abc\r\nB:def\r\n", "A:abc\r\nB:def\r\n")]
    public void Unfold_RemovesBreakAndExactlyOneWhitespace(string text, string expected) =>
        Assert.Equal(expected, LineFolding.Unfold(text));

    [Fact]
    public void Reader_UnfoldsBareLfAndTabContinuations()
    {
        var result = ContentLineReader.Read("DESCRIPTION:first\n second\n\tthird\nSUMMARY:x\n");
        Assert.True(result.Success);
        Assert.Equal("firstsecondthird", result.Value[0].Value);
        Assert.Equal("x", result.Value[1].Value);
        Assert.Equal(4, result.Value[1].LineNumber);
    }
}
