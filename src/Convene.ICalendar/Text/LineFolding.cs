using System.Text;

namespace Convene.ICalendar.Text;

/// <summary>Content-line folding (RFC 5545 §3.1).</summary>
public static class LineFolding
{
    /// <summary>§3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.</summary>
    public const int MaxLineOctets = 75;

    /// <summary>
    /// Appends <paramref name="line"/> to <paramref name="output"/> folded at 75 UTF-8 octets, each physical line
    /// terminated by CRLF and each continuation starting with one space. A fold never falls inside a UTF-8
    /// sequence (a surrogate pair counts as one 4-octet code point).
    /// </summary>
    public static void AppendFolded(StringBuilder output, string line)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(line);
        var octets = 0;
        var i = 0;
        while (i < line.Length)
        {
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]) ? 2 : 1;
            var size = length == 2 ? 4 : Utf8Size(line[i]);
            if (octets + size > MaxLineOctets)
            {
                // The continuation's leading space is one of its 75 octets.
                output.Append("\r\n ");
                octets = 1;
            }

            output.Append(line, i, length);
            octets += size;
            i += length;
        }

        output.Append("\r\n");
    }

    /// <summary>Folds one unfolded line and returns it with CRLF line breaks (the result ends with CRLF).</summary>
    public static string Fold(string line)
    {
        var sb = new StringBuilder(line.Length + 8);
        AppendFolded(sb, line);
        return sb.ToString();
    }

    /// <summary>
    /// Unfolds text (§3.1): a line break followed by one space or tab is removed together with that whitespace.
    /// Tolerates bare LF (and bare CR) line breaks as sent by some clients.
    /// </summary>
    public static string Unfold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                var breakLength = c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                var after = i + breakLength;
                if (after < text.Length && text[after] is ' ' or '\t')
                {
                    i = after;
                    continue;
                }

                sb.Append("\r\n");
                i += breakLength - 1;
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Octets of one UTF-16 code unit in UTF-8; a lone surrogate is written as U+FFFD (3 octets).</summary>
    private static int Utf8Size(char c) => c switch
    {
        < '\u0080' => 1,
        < '\u0800' => 2,
        _ => 3,
    };
}
