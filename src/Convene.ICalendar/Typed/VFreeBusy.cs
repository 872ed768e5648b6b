using NodaTime;

namespace Convene.ICalendar;

/// <summary>A VFREEBUSY (RFC 5545 §3.6.4) as used in iTIP free/busy requests and replies (RFC 5546 §3.3).</summary>
public sealed class VFreeBusy
{
    /// <summary>UID.</summary>
    public string? Uid { get; set; }

    /// <summary>DTSTAMP, UTC.</summary>
    public Instant? Stamp { get; set; }

    /// <summary>DTSTART: start of the queried range (UTC per §3.6.4).</summary>
    public CalDateTime? Start { get; set; }

    /// <summary>DTEND: end of the queried range (UTC per §3.6.4).</summary>
    public CalDateTime? End { get; set; }

    /// <summary>ORGANIZER.</summary>
    public Organizer? Organizer { get; set; }

    /// <summary>ATTENDEEs.</summary>
    public List<Attendee> Attendees { get; } = [];

    /// <summary>
    /// FREEBUSY periods. A property listing several comma-separated periods is read as several entries; the writer
    /// emits one FREEBUSY property per period, which every parser understands.
    /// </summary>
    public List<FreeBusyPeriod> Periods { get; } = [];

    /// <summary>Other properties (COMMENT, URL, X- …) verbatim.</summary>
    public List<Property> ExtraProperties { get; } = [];

    /// <summary>The component form, with a fixed property order.</summary>
    public Component ToComponent()
    {
        var c = new Component("VFREEBUSY");
        var props = c.Properties;
        if (Uid is not null)
        {
            props.Add(Property.FromText("UID", Uid));
        }

        if (Stamp is { } stamp)
        {
            props.Add(ReadContext.UtcProperty("DTSTAMP", stamp));
        }

        if (Start is not null)
        {
            props.Add(ReadContext.DateTimeProperty("DTSTART", Start));
        }

        if (End is not null)
        {
            props.Add(ReadContext.DateTimeProperty("DTEND", End));
        }

        if (Organizer is not null)
        {
            props.Add(Participant.ToProperty(Organizer));
        }

        props.AddRange(Attendees.Select(Participant.ToProperty));
        foreach (var entry in Periods)
        {
            props.Add(new Property("FREEBUSY", entry.Period.ToString(), new Parameter("FBTYPE", entry.Type.Token)));
        }

        props.AddRange(ExtraProperties.Select(p => p.Clone()));
        return c;
    }
}

/// <summary>One busy or free period (RFC 5545 §3.8.2.6) with its FBTYPE (§3.2.9).</summary>
/// <param name="Type">FBTYPE; BUSY when absent.</param>
/// <param name="Period">The period; FREEBUSY values are UTC.</param>
public sealed record FreeBusyPeriod(Extensible<FreeBusyType> Type, CalPeriod Period);
