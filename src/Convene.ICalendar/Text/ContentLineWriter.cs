using System.Text;

namespace Convene.ICalendar.Text;

/// <summary>Formats properties as content lines (RFC 5545 §3.1).</summary>
public static class ContentLineWriter
{
    /// <summary>
    /// Formats a property as one unfolded content line without line break:
    /// <c>NAME;PARAM=value:value</c>. Parameter values are RFC 6868-escaped and quoted when needed.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a valid iana-token/x-name, or the raw value contains CR or LF
    /// (which would inject content lines).</exception>
    public static string Format(Property property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var sb = new StringBuilder(property.Name.Length + property.Value.Length + 16);
        AppendUnfolded(sb, property);
        return sb.ToString();
    }

    /// <summary>Appends the property folded at 75 octets and terminated by CRLF.</summary>
    public static void WriteFolded(StringBuilder output, Property property)
    {
        ArgumentNullException.ThrowIfNull(output);
        LineFolding.AppendFolded(output, Format(property));
    }

    private static void AppendUnfolded(StringBuilder sb, Property property)
    {
        RequireName(property.Name, "property");
        sb.Append(property.Name);
        foreach (var parameter in property.Parameters)
        {
            RequireName(parameter.Name, "parameter");
            sb.Append(';').Append(parameter.Name).Append('=');
            for (var i = 0; i < parameter.Values.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                sb.Append(ParameterEncoding.Encode(parameter.Values[i]));
            }
        }

        sb.Append(':');
        foreach (var c in property.Value)
        {
            if (c is '\r' or '\n')
            {
                throw new ArgumentException(
                    "Property " + property.Name + " has a raw line break in its value; use Property.FromText for TEXT values.",
                    nameof(property));
            }

            // §3.1 VALUE-CHAR excludes controls other than HTAB; dropping them keeps the output parseable.
            if (!TextEscaping.IsForbiddenControl(c))
            {
                sb.Append(c);
            }
        }
    }

    private static void RequireName(string name, string what)
    {
        if (!ContentLineReader.IsValidName(name))
        {
            throw new ArgumentException("Invalid " + what + " name '" + name + "' (RFC 5545 §3.1 allows ALPHA, DIGIT and '-').");
        }
    }
}
