using System.Text;

namespace Convene.ICalendar.Text;

/// <summary>
/// Splits text into unfolded content lines and parses each into a <see cref="Property"/> (RFC 5545 §3.1).
/// Tolerant of bare LF / CR line breaks, blank lines and lowercase names; strict about structure that
/// would make values ambiguous (missing colon, unterminated quotes, invalid names).
/// </summary>
public static class ContentLineReader
{
    /// <summary>Reads all content lines of <paramref name="text"/>. Never throws for bad input.</summary>
    public static ParseResult<IReadOnlyList<Property>> Read(string text, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bag = new DiagnosticBag();
        var lines = Read(text, options ?? ParserOptions.Default, bag);
        return bag.ToResult<IReadOnlyList<Property>>(lines);
    }

    /// <summary>True for a valid property or parameter name: ALPHA, DIGIT and '-' (§3.1), plus '_' seen from real clients.</summary>
    public static bool IsValidName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    internal static List<Property> Read(string text, ParserOptions options, DiagnosticBag bag)
    {
        var result = new List<Property>();
        var pos = 0;
        var physical = 0;
        StringBuilder? logical = null;
        var logicalStart = 0;
        var stopped = false;

        void Flush()
        {
            if (logical is null || stopped)
            {
                logical = null;
                return;
            }

            if (result.Count >= options.MaxProperties)
            {
                bag.Error(DiagnosticCode.LimitExceeded, logicalStart, "More than " + Invariant(options.MaxProperties) + " content lines.");
                stopped = true;
                logical = null;
                return;
            }

            var property = ParseLine(logical.ToString(), logicalStart, options, bag);
            if (property is not null)
            {
                result.Add(property);
            }

            logical = null;
        }

        while (pos < text.Length && !stopped)
        {
            var end = text.AsSpan(pos).IndexOfAny('\r', '\n');
            var lineEnd = end < 0 ? text.Length : pos + end;
            var next = lineEnd;
            if (next < text.Length)
            {
                next += text[next] == '\r' && next + 1 < text.Length && text[next + 1] == '\n' ? 2 : 1;
            }

            physical++;
            var length = lineEnd - pos;
            if (length == 0)
            {
                // Blank lines are not allowed by §3.1 but are harmless; skip them.
                pos = next;
                continue;
            }

            if (text[pos] is ' ' or '\t')
            {
                if (logical is not null)
                {
                    // §3.1 unfolding: drop the line break and exactly one leading whitespace character.
                    logical.Append(text, pos + 1, length - 1);
                }
                else
                {
                    var trimmed = text.AsSpan(pos, length).TrimStart(" \t");
                    if (!trimmed.IsEmpty)
                    {
                        bag.Warn(DiagnosticCode.OrphanContinuation, physical, "Leading whitespace on a line with nothing to continue; treated as a new line.");
                        logical = new StringBuilder().Append(trimmed);
                        logicalStart = physical;
                    }
                }
            }
            else
            {
                Flush();
                logical = new StringBuilder(length + 16).Append(text, pos, length);
                logicalStart = physical;
            }

            pos = next;
        }

        Flush();
        return result;
    }

    private static Property? ParseLine(string s, int line, ParserOptions options, DiagnosticBag bag)
    {
        var i = 0;
        while (i < s.Length && s[i] != ';' && s[i] != ':')
        {
            i++;
        }

        var name = s[..i].Trim();
        if (i == s.Length)
        {
            bag.Error(DiagnosticCode.MalformedLine, line, "Content line has no ':' separating name and value.");
            return null;
        }

        if (!IsValidName(name))
        {
            bag.Error(DiagnosticCode.MalformedLine, line, "Invalid property name '" + Truncate(name) + "'.");
            return null;
        }

        var parameters = new List<Parameter>();
        while (s[i] == ';')
        {
            i++;
            var start = i;
            while (i < s.Length && s[i] != '=' && s[i] != ';' && s[i] != ':')
            {
                i++;
            }

            if (i == s.Length)
            {
                bag.Error(DiagnosticCode.MalformedLine, line, "Content line has no ':' after its parameters.");
                return null;
            }

            var parameterName = s[start..i].Trim();
            if (!IsValidName(parameterName))
            {
                bag.Error(DiagnosticCode.MalformedLine, line, "Invalid parameter name '" + Truncate(parameterName) + "' on " + name + ".");
                return null;
            }

            if (parameters.Count >= options.MaxParametersPerProperty)
            {
                bag.Error(DiagnosticCode.LimitExceeded, line, "More than " + Invariant(options.MaxParametersPerProperty) + " parameters on " + name + ".");
                return null;
            }

            if (s[i] != '=')
            {
                // vCard 2.1 style bare parameter (e.g. ";RSVP:"): keep it with an empty value.
                bag.Warn(DiagnosticCode.Tolerated, line, "Parameter " + parameterName + " has no '='; kept with an empty value.");
                parameters.Add(new Parameter(parameterName, string.Empty));
                continue;
            }

            i++;
            var values = new List<string>();
            while (true)
            {
                if (i < s.Length && s[i] == '"')
                {
                    var close = s.IndexOf('"', i + 1);
                    if (close < 0)
                    {
                        bag.Error(DiagnosticCode.MalformedLine, line, "Unterminated quoted value for parameter " + parameterName + ".");
                        return null;
                    }

                    values.Add(ParameterEncoding.DecodeCaret(s[(i + 1)..close]));
                    i = close + 1;
                    if (i < s.Length && s[i] != ',' && s[i] != ';' && s[i] != ':')
                    {
                        bag.Error(DiagnosticCode.MalformedLine, line, "Unexpected text after quoted value of parameter " + parameterName + ".");
                        return null;
                    }
                }
                else
                {
                    var valueStart = i;
                    var sawQuote = false;
                    while (i < s.Length && s[i] != ',' && s[i] != ';' && s[i] != ':')
                    {
                        sawQuote |= s[i] == '"';
                        i++;
                    }

                    if (sawQuote)
                    {
                        bag.Warn(DiagnosticCode.Tolerated, line, "Stray '\"' inside unquoted value of parameter " + parameterName + "; kept literally.");
                    }

                    values.Add(ParameterEncoding.DecodeCaret(s[valueStart..i]));
                }

                if (i >= s.Length)
                {
                    bag.Error(DiagnosticCode.MalformedLine, line, "Content line has no ':' after its parameters.");
                    return null;
                }

                if (s[i] == ',')
                {
                    i++;
                    continue;
                }

                break;
            }

            parameters.Add(new Parameter(parameterName, values));
        }

        return new Property(name, s[(i + 1)..], parameters) { LineNumber = line };
    }

    internal static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
