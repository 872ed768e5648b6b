using System.Text;

namespace Convene.ICalendar.Text;

/// <summary>
/// Parameter value encoding: quoting (RFC 5545 §3.1, §3.2) and caret escapes (RFC 6868) for characters that
/// a quoted-string cannot hold (DQUOTE, newline).
/// </summary>
public static class ParameterEncoding
{
    /// <summary>
    /// Encodes one parameter value for output: RFC 6868 escapes <c>^</c>, newline and <c>"</c>, drops other
    /// control characters, and wraps the value in DQUOTEs when it contains <c>: ; ,</c>.
    /// </summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2);
        var needsQuotes = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '^':
                    sb.Append("^^");
                    break;
                case '"':
                    sb.Append("^'");
                    break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    sb.Append("^n");
                    break;
                case '\n':
                    sb.Append("^n");
                    break;
                case ':' or ';' or ',':
                    needsQuotes = true;
                    sb.Append(c);
                    break;
                default:
                    if (!TextEscaping.IsForbiddenControl(c))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return needsQuotes ? "\"" + sb + "\"" : sb.ToString();
    }

    /// <summary>
    /// Decodes RFC 6868 caret escapes (<c>^n</c>, <c>^^</c>, <c>^'</c>) in an unquoted parameter value.
    /// Any other caret sequence is left as is (RFC 6868 §3).
    /// </summary>
    public static string DecodeCaret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('^', StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '^' && i + 1 < value.Length)
            {
                var next = value[i + 1];
                switch (next)
                {
                    case 'n':
                    case 'N':
                        sb.Append('\n');
                        i++;
                        continue;
                    case '^':
                        sb.Append('^');
                        i++;
                        continue;
                    case '\'':
                        sb.Append('"');
                        i++;
                        continue;
                    default:
                        break;
                }
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
