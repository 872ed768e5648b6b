using System.Text;

namespace Convene.ICalendar.Text;

/// <summary>TEXT value escaping and unescaping (RFC 5545 §3.3.11).</summary>
public static class TextEscaping
{
    /// <summary>
    /// Escapes <c>\ ; ,</c> and newlines. CRLF and lone CR become a single <c>\n</c>; other ASCII control
    /// characters are dropped because §3.3.11 TSAFE-CHAR excludes them (only HTAB is allowed).
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\':
                    sb.Append("\\\\");
                    break;
                case ';':
                    sb.Append("\\;");
                    break;
                case ',':
                    sb.Append("\\,");
                    break;
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    sb.Append("\\n");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                default:
                    if (!IsForbiddenControl(c))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Unescapes a TEXT value. Accepts <c>\n</c> and <c>\N</c> as newline (§3.3.11). An unknown escape such as
    /// <c>\x</c> is kept verbatim rather than guessed at, so sloppy input (e.g. Windows paths) is not altered.
    /// </summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '\\' || i + 1 >= value.Length)
            {
                sb.Append(c);
                continue;
            }

            var next = value[i + 1];
            switch (next)
            {
                case '\\':
                case ';':
                case ',':
                    sb.Append(next);
                    i++;
                    break;
                case 'n':
                case 'N':
                    sb.Append('\n');
                    i++;
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Splits a multi-valued TEXT value (e.g. CATEGORIES) on unescaped commas and unescapes each part.
    /// </summary>
    public static IReadOnlyList<string> SplitList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                i++;
                continue;
            }

            if (value[i] == ',')
            {
                parts.Add(Unescape(value[start..i]));
                start = i + 1;
            }
        }

        parts.Add(Unescape(value[start..]));
        return parts;
    }

    /// <summary>RFC 5545 §3.1 CONTROL: %x00-08 / %x0A-1F / %x7F (HTAB is allowed).</summary>
    internal static bool IsForbiddenControl(char c) => (c < 0x20 && c != '\t') || c == '\x7F';
}
