using NodaTime;
using NodaTime.TimeZones;

namespace Convene.ICalendar;

/// <summary>
/// A VTIMEZONE component (RFC 5545 §3.6.5): a TZID and its STANDARD/DAYLIGHT observances. Can be generated
/// from a NodaTime zone (<see cref="FromDateTimeZone"/>) and evaluated into one (<see cref="TryCreateDateTimeZone"/>)
/// when its rules are simple enough.
/// </summary>
public sealed class VTimeZone
{
    /// <summary>Creates a VTIMEZONE with the given TZID.</summary>
    public VTimeZone(string tzId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tzId);
        TzId = tzId;
    }

    /// <summary>The TZID that DATE-TIME values refer to.</summary>
    public string TzId { get; }

    /// <summary>STANDARD and DAYLIGHT observances in document order.</summary>
    public List<TimeZoneObservance> Observances { get; } = [];

    /// <summary>Other properties (TZURL, LAST-MODIFIED, X-LIC-LOCATION, …) kept verbatim.</summary>
    public List<Property> ExtraProperties { get; } = [];

    /// <summary>Other sub-components kept verbatim.</summary>
    public List<Component> OtherComponents { get; } = [];

    /// <summary>
    /// Generates a VTIMEZONE for <paramref name="zone"/> covering the years <paramref name="fromYear"/> to
    /// <paramref name="toYear"/> inclusive: one observance for the offset in force at the start of the range and
    /// one explicit observance per transition in the range (no RRULE), which is exact for the covered years.
    /// </summary>
    public static VTimeZone FromDateTimeZone(DateTimeZone zone, int fromYear, int toYear, string? tzId = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (fromYear < 1800 || toYear > 2500 || toYear < fromYear)
        {
            throw new ArgumentOutOfRangeException(nameof(toYear), "Year range must be within 1800..2500 and ordered.");
        }

        var result = new VTimeZone(string.IsNullOrEmpty(tzId) ? zone.Id : tzId);
        var start = Instant.FromUtc(fromYear, 1, 1, 0, 0);
        var end = Instant.FromUtc(toYear + 1, 1, 1, 0, 0);
        ZoneInterval? previous = null;
        foreach (var interval in zone.GetZoneIntervals(start, end))
        {
            Offset from;
            LocalDateTime onset;
            if (previous is not null)
            {
                from = previous.WallOffset;
                onset = interval.Start.WithOffset(from).LocalDateTime;
            }
            else if (interval.HasStart)
            {
                from = zone.GetUtcOffset(interval.Start - Duration.FromSeconds(1));
                onset = interval.Start.WithOffset(from).LocalDateTime;
            }
            else
            {
                // A zone without transitions (e.g. UTC): one observance from 1970 with a constant offset.
                from = interval.WallOffset;
                onset = new LocalDateTime(1970, 1, 1, 0, 0);
            }

            result.Observances.Add(new TimeZoneObservance(
                interval.Savings != Offset.Zero ? ObservanceKind.Daylight : ObservanceKind.Standard,
                onset,
                from,
                interval.WallOffset)
            {
                Name = string.IsNullOrWhiteSpace(interval.Name) ? null : interval.Name,
            });
            previous = interval;
        }

        return result;
    }

    /// <summary>
    /// Evaluates the observances into a NodaTime zone. Supported: DTSTART alone, RDATE lists of DATE-TIME values,
    /// and RRULEs of the form <c>FREQ=YEARLY</c> with at most one BYMONTH, a BYDAY weekday (with or without
    /// ordinal, the latter only with BYMONTHDAY), BYMONTHDAY, UNTIL, COUNT and INTERVAL. Onsets are expanded up to
    /// year 2200. Anything else yields false with a reason.
    /// </summary>
    public bool TryCreateDateTimeZone(out DateTimeZone? zone, out string? error) =>
        VTimeZoneEvaluator.TryCreate(this, out zone, out error);

    /// <summary>The component form.</summary>
    public Component ToComponent()
    {
        var c = new Component("VTIMEZONE");
        c.Properties.Add(new Property("TZID", Text.TextEscaping.Escape(TzId)));
        c.Properties.AddRange(ExtraProperties.Select(p => p.Clone()));
        foreach (var observance in Observances)
        {
            c.Components.Add(observance.ToComponent());
        }

        c.Components.AddRange(OtherComponents.Select(x => x.Clone()));
        return c;
    }
}

/// <summary>A STANDARD or DAYLIGHT sub-component of VTIMEZONE (RFC 5545 §3.6.5).</summary>
public sealed class TimeZoneObservance
{
    /// <summary>Creates an observance.</summary>
    public TimeZoneObservance(ObservanceKind kind, LocalDateTime start, Offset offsetFrom, Offset offsetTo)
    {
        Kind = kind;
        Start = start;
        OffsetFrom = offsetFrom;
        OffsetTo = offsetTo;
    }

    /// <summary>STANDARD or DAYLIGHT.</summary>
    public ObservanceKind Kind { get; set; }

    /// <summary>DTSTART: local time (in <see cref="OffsetFrom"/>) of the first onset.</summary>
    public LocalDateTime Start { get; set; }

    /// <summary>TZOFFSETFROM: offset in use before the onset.</summary>
    public Offset OffsetFrom { get; set; }

    /// <summary>TZOFFSETTO: offset in use from the onset.</summary>
    public Offset OffsetTo { get; set; }

    /// <summary>TZNAME, e.g. <c>CET</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The RRULE value text, kept raw (e.g. <c>FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU</c>).</summary>
    public string? RecurrenceRule { get; set; }

    /// <summary>RDATE properties, kept raw.</summary>
    public List<Property> RecurrenceDates { get; } = [];

    /// <summary>Other properties (COMMENT, extra TZNAMEs, X- properties) kept verbatim.</summary>
    public List<Property> ExtraProperties { get; } = [];

    /// <summary>The component form.</summary>
    public Component ToComponent()
    {
        var c = new Component(Kind == ObservanceKind.Daylight ? "DAYLIGHT" : "STANDARD");
        c.Properties.Add(new Property("DTSTART", ValueFormat.LocalDateTime(Start)));
        c.Properties.Add(new Property("TZOFFSETFROM", ValueFormat.Offset(OffsetFrom)));
        c.Properties.Add(new Property("TZOFFSETTO", ValueFormat.Offset(OffsetTo)));
        if (Name is not null)
        {
            c.Properties.Add(Property.FromText("TZNAME", Name));
        }

        if (RecurrenceRule is not null)
        {
            c.Properties.Add(new Property("RRULE", RecurrenceRule));
        }

        c.Properties.AddRange(RecurrenceDates.Select(p => p.Clone()));
        c.Properties.AddRange(ExtraProperties.Select(p => p.Clone()));
        return c;
    }
}
