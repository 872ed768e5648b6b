namespace Convene.ICalendar;

/// <summary>
/// A VCALENDAR object (RFC 5545 §3.4, §3.7) with its iTIP METHOD (RFC 5546) and typed VEVENT, VFREEBUSY and
/// VTIMEZONE components. Unknown properties and components are kept verbatim.
/// </summary>
public sealed class VCalendar
{
    /// <summary>The PRODID this library writes by default.</summary>
    public const string DefaultProductId = "-//Convene//Convene.ICalendar//EN";

    /// <summary>PRODID (§3.7.3).</summary>
    public string ProductId { get; set; } = DefaultProductId;

    /// <summary>VERSION (§3.7.4); always 2.0 for RFC 5545 data.</summary>
    public string Version { get; set; } = "2.0";

    /// <summary>METHOD (§3.7.2, RFC 5546 §1.4); null for plain calendar data without iTIP semantics.</summary>
    public Extensible<CalendarMethod>? Method { get; set; }

    /// <summary>VTIMEZONE definitions; written before the components that reference them.</summary>
    public List<VTimeZone> TimeZones { get; } = [];

    /// <summary>VEVENTs.</summary>
    public List<VEvent> Events { get; } = [];

    /// <summary>VFREEBUSYs.</summary>
    public List<VFreeBusy> FreeBusy { get; } = [];

    /// <summary>Other components (VTODO, VJOURNAL, X- components) verbatim.</summary>
    public List<Component> OtherComponents { get; } = [];

    /// <summary>Other calendar properties (CALSCALE, X-WR-CALNAME, X-MS-OLK-FORCEINSPECTOROPEN, …) verbatim.</summary>
    public List<Property> ExtraProperties { get; } = [];

    /// <summary>
    /// Adds a generated VTIMEZONE (covering <paramref name="fromYear"/>..<paramref name="toYear"/>) for every TZID
    /// used by an event or free/busy value that has no definition yet. RFC 5545 §3.6.5 requires one per TZID.
    /// </summary>
    public void EnsureTimeZones(int fromYear, int toYear)
    {
        foreach (var value in ValuesInUse())
        {
            if (value is { Kind: CalDateTimeKind.Zoned, TzId: { } tzId, Zone: { } zone }
                && !TimeZones.Exists(t => string.Equals(t.TzId, tzId, StringComparison.Ordinal)))
            {
                TimeZones.Add(VTimeZone.FromDateTimeZone(zone, fromYear, toYear, tzId));
            }
        }
    }

    /// <summary>
    /// Adds VTIMEZONEs covering the years of the zoned values in use, with a margin of one year on each side.
    /// </summary>
    public void EnsureTimeZones()
    {
        var years = ValuesInUse()
            .Where(v => v is { Kind: CalDateTimeKind.Zoned })
            .Select(v => v!.Value.Year)
            .ToList();
        if (years.Count > 0)
        {
            EnsureTimeZones(Math.Max(1800, years.Min() - 1), Math.Min(2500, years.Max() + 1));
        }
    }

    /// <summary>
    /// Every DATE/DATE-TIME value that may carry a TZID: DTSTART, DTEND, RECURRENCE-ID, and the RDATE/EXDATE lists
    /// (§3.8.5.1, §3.8.5.2), which may name a zone of their own. A recurring event's later years are not known here
    /// (RRULE is not expanded): callers writing a series pass its years to <see cref="EnsureTimeZones(int, int)"/>.
    /// </summary>
    private IEnumerable<CalDateTime?> ValuesInUse() => Events
        .SelectMany(e => new[] { e.Start, e.End, e.RecurrenceId }
            .Concat(e.RecurrenceDates.Concat(e.ExceptionDates).SelectMany(p => DateTimeList.Read(p).Value ?? [])))
        .Concat(FreeBusy.SelectMany(f => new[] { f.Start, f.End }));

    /// <summary>The component form: PRODID, VERSION, METHOD, extra properties; then VTIMEZONE, VEVENT, VFREEBUSY, others.</summary>
    public Component ToComponent()
    {
        var c = new Component("VCALENDAR");
        c.Properties.Add(Property.FromText("PRODID", ProductId));
        c.Properties.Add(new Property("VERSION", Version));
        if (Method is { } method)
        {
            c.Properties.Add(ReadContext.Token("METHOD", method));
        }

        c.Properties.AddRange(ExtraProperties.Select(p => p.Clone()));
        c.Components.AddRange(TimeZones.Select(t => t.ToComponent()));
        c.Components.AddRange(Events.Select(e => e.ToComponent()));
        c.Components.AddRange(FreeBusy.Select(f => f.ToComponent()));
        c.Components.AddRange(OtherComponents.Select(o => o.Clone()));
        return c;
    }

    /// <summary>Maps a VCALENDAR component to the typed model. Never throws for bad data; see <see cref="ParseResult{T}"/>.</summary>
    public static ParseResult<VCalendar> FromComponent(Component component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var bag = new DiagnosticBag();
        var calendar = CalendarMapper.Map(component, bag);
        return bag.ToResult(calendar);
    }
}
