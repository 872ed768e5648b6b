namespace Convene.ICalendar;

/// <summary>
/// A parsed iCalendar stream (RFC 5545 §3.4: <c>icalstream = 1*icalobject</c>): its top-level components,
/// normally a single VCALENDAR.
/// </summary>
public sealed class ICalendarDocument
{
    /// <summary>Top-level components in document order.</summary>
    public List<Component> Components { get; } = [];

    /// <summary>Structural equality of all top-level components.</summary>
    public bool StructurallyEquals(ICalendarDocument? other)
    {
        if (other is null || Components.Count != other.Components.Count)
        {
            return false;
        }

        for (var i = 0; i < Components.Count; i++)
        {
            if (!Components[i].StructurallyEquals(other.Components[i]))
            {
                return false;
            }
        }

        return true;
    }
}
