using NodaTime;

namespace Convene.ICalendar;

/// <summary>
/// A VEVENT (RFC 5545 §3.6.1) with the properties a meeting invitation needs. Everything else (X- properties,
/// CATEGORIES, VALARM, …) is kept verbatim in <see cref="ExtraProperties"/> and <see cref="Components"/>.
/// Recurrence (RRULE, RDATE, EXDATE) is kept as raw properties: this library does not expand recurrences.
/// </summary>
public sealed class VEvent
{
    /// <summary>UID (§3.8.4.7): required by RFC 5545 and every iTIP method.</summary>
    public string? Uid { get; set; }

    /// <summary>SEQUENCE (§3.8.7.4): revision number, incremented on significant changes (RFC 5546 §2.1.4).</summary>
    public int Sequence { get; set; }

    /// <summary>DTSTAMP (§3.8.7.2), always UTC.</summary>
    public Instant? Stamp { get; set; }

    /// <summary>DTSTART (§3.8.2.4).</summary>
    public CalDateTime? Start { get; set; }

    /// <summary>DTEND (§3.8.2.2); mutually exclusive with <see cref="Duration"/>.</summary>
    public CalDateTime? End { get; set; }

    /// <summary>DURATION (§3.8.2.5); mutually exclusive with <see cref="End"/>.</summary>
    public CalDuration? Duration { get; set; }

    /// <summary>SUMMARY (unescaped text).</summary>
    public string? Summary { get; set; }

    /// <summary>DESCRIPTION (unescaped text, may contain newlines).</summary>
    public string? Description { get; set; }

    /// <summary>LOCATION (unescaped text).</summary>
    public string? Location { get; set; }

    /// <summary>STATUS.</summary>
    public Extensible<EventStatus>? Status { get; set; }

    /// <summary>CLASS.</summary>
    public Extensible<Classification>? Classification { get; set; }

    /// <summary>TRANSP.</summary>
    public Extensible<Transparency>? Transparency { get; set; }

    /// <summary>ORGANIZER.</summary>
    public Organizer? Organizer { get; set; }

    /// <summary>ATTENDEEs in document order.</summary>
    public List<Attendee> Attendees { get; } = [];

    /// <summary>RECURRENCE-ID (§3.8.4.4): identifies one instance of a recurring event.</summary>
    public CalDateTime? RecurrenceId { get; set; }

    /// <summary>RECURRENCE-ID;RANGE=THISANDFUTURE (§3.2.13).</summary>
    public bool RecurrenceIdThisAndFuture { get; set; }

    /// <summary>RRULE properties, raw.</summary>
    public List<Property> RecurrenceRules { get; } = [];

    /// <summary>RDATE properties, raw.</summary>
    public List<Property> RecurrenceDates { get; } = [];

    /// <summary>EXDATE properties, raw.</summary>
    public List<Property> ExceptionDates { get; } = [];

    /// <summary>All other properties (X-MS-OLK-*, X-GOOGLE-*, X-APPLE-*, CREATED, LAST-MODIFIED, …) verbatim and in order.</summary>
    public List<Property> ExtraProperties { get; } = [];

    /// <summary>Sub-components (VALARM, …) verbatim.</summary>
    public List<Component> Components { get; } = [];

    /// <summary>
    /// The end: DTEND, or DTSTART + DURATION, or for a DATE start one day later, else DTSTART itself (§3.6.1).
    /// Null without a start.
    /// </summary>
    public CalDateTime? EffectiveEnd => End
        ?? (Start is null ? null
            : Duration is { } d ? d.AddTo(Start)
            : Start.IsDate ? CalDuration.FromDays(1).AddTo(Start)
            : Start);

    /// <summary>Finds the attendee with the given address (compared case-insensitively, with or without <c>mailto:</c>).</summary>
    public Attendee? FindAttendee(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var email = Participant.StripMailto(address.Trim());
        return Attendees.Find(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The component form, with properties in a fixed order so output is deterministic.</summary>
    public Component ToComponent()
    {
        var c = new Component("VEVENT");
        var props = c.Properties;
        if (Uid is not null)
        {
            props.Add(Property.FromText("UID", Uid));
        }

        props.Add(new Property("SEQUENCE", Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
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

        if (Duration is { } duration)
        {
            props.Add(new Property("DURATION", duration.ToString()));
        }

        if (RecurrenceId is not null)
        {
            var rid = ReadContext.DateTimeProperty("RECURRENCE-ID", RecurrenceId);
            if (RecurrenceIdThisAndFuture)
            {
                rid.Parameters.Add(new Parameter("RANGE", "THISANDFUTURE"));
            }

            props.Add(rid);
        }

        props.AddRange(RecurrenceRules.Select(p => p.Clone()));
        props.AddRange(RecurrenceDates.Select(p => p.Clone()));
        props.AddRange(ExceptionDates.Select(p => p.Clone()));
        AddText(props, "SUMMARY", Summary);
        AddText(props, "DESCRIPTION", Description);
        AddText(props, "LOCATION", Location);
        if (Status is { } status)
        {
            props.Add(ReadContext.Token("STATUS", status));
        }

        if (Classification is { } classification)
        {
            props.Add(ReadContext.Token("CLASS", classification));
        }

        if (Transparency is { } transparency)
        {
            props.Add(ReadContext.Token("TRANSP", transparency));
        }

        if (Organizer is not null)
        {
            props.Add(Participant.ToProperty(Organizer));
        }

        props.AddRange(Attendees.Select(Participant.ToProperty));
        props.AddRange(ExtraProperties.Select(p => p.Clone()));
        c.Components.AddRange(Components.Select(x => x.Clone()));
        return c;
    }

    internal static void AddText(List<Property> props, string name, string? text)
    {
        if (text is not null)
        {
            props.Add(Property.FromText(name, text));
        }
    }
}
