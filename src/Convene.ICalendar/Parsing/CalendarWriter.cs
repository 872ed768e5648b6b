using System.Text;
using Convene.ICalendar.Text;

namespace Convene.ICalendar;

/// <summary>
/// Writes iCalendar text (RFC 5545 §3.1): CRLF line breaks, lines folded at 75 octets, UTF-8 without BOM.
/// Output depends only on the model, so it is deterministic.
/// </summary>
public static class CalendarWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes a typed calendar.</summary>
    public static string Write(VCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Write(calendar.ToComponent());
    }

    /// <summary>Writes a typed calendar as UTF-8 bytes without BOM (e.g. for a <c>text/calendar; charset=utf-8</c> body).</summary>
    public static byte[] WriteUtf8(VCalendar calendar) => Utf8NoBom.GetBytes(Write(calendar));

    /// <summary>Writes every top-level component of a document.</summary>
    public static string Write(ICalendarDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        foreach (var component in document.Components)
        {
            Append(sb, component);
        }

        return sb.ToString();
    }

    /// <summary>Writes a document as UTF-8 bytes without BOM.</summary>
    public static byte[] WriteUtf8(ICalendarDocument document) => Utf8NoBom.GetBytes(Write(document));

    /// <summary>Writes one component and its sub-components.</summary>
    public static string Write(Component component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var sb = new StringBuilder();
        Append(sb, component);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, Component component)
    {
        ContentLineWriter.WriteFolded(sb, new Property("BEGIN", component.Name));
        foreach (var property in component.Properties)
        {
            if (property.Name is "BEGIN" or "END")
            {
                throw new ArgumentException("A property may not be named BEGIN or END.", nameof(component));
            }

            ContentLineWriter.WriteFolded(sb, property);
        }

        foreach (var child in component.Components)
        {
            Append(sb, child);
        }

        ContentLineWriter.WriteFolded(sb, new Property("END", component.Name));
    }
}
