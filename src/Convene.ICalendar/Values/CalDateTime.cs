using NodaTime;

namespace Convene.ICalendar;

/// <summary>
/// A DATE or DATE-TIME value (RFC 5545 §3.3.4, §3.3.5) in one of its forms: all-day date, floating local time,
/// UTC, or local time in a named zone (TZID). Equality compares kind, local value and TZID text; the resolved
/// <see cref="Zone"/> object is not compared.
/// </summary>
public sealed class CalDateTime : IEquatable<CalDateTime>
{
    private CalDateTime(CalDateTimeKind kind, LocalDateTime value, string? tzId, DateTimeZone? zone)
    {
        Kind = kind;
        Value = value;
        TzId = tzId;
        Zone = zone;
    }

    /// <summary>Which of the §3.3.5 forms (or DATE) this value is.</summary>
    public CalDateTimeKind Kind { get; }

    /// <summary>The local value; midnight for DATE values; UTC wall time for <see cref="CalDateTimeKind.Utc"/>.</summary>
    public LocalDateTime Value { get; }

    /// <summary>The calendar date part.</summary>
    public LocalDate Date => Value.Date;

    /// <summary>The TZID as written (zoned values only).</summary>
    public string? TzId { get; }

    /// <summary>The resolved zone (zoned values only).</summary>
    public DateTimeZone? Zone { get; }

    /// <summary>True for a DATE (all-day) value.</summary>
    public bool IsDate => Kind == CalDateTimeKind.Date;

    /// <summary>A DATE value (all-day).</summary>
    public static CalDateTime FromDate(LocalDate date) => new(CalDateTimeKind.Date, date.AtMidnight(), null, null);

    /// <summary>A UTC DATE-TIME. Sub-second precision is dropped (iCalendar has whole seconds).</summary>
    public static CalDateTime FromInstant(Instant instant) =>
        new(CalDateTimeKind.Utc, TruncateToSecond(instant.InUtc().LocalDateTime), null, null);

    /// <summary>A floating DATE-TIME (same wall time in every zone).</summary>
    public static CalDateTime Floating(LocalDateTime value) => new(CalDateTimeKind.Floating, TruncateToSecond(value), null, null);

    /// <summary>A DATE-TIME with a TZID. The TZID defaults to the zone's id (an IANA name for tzdb zones).</summary>
    public static CalDateTime InZone(LocalDateTime value, DateTimeZone zone, string? tzId = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new(CalDateTimeKind.Zoned, TruncateToSecond(value), string.IsNullOrEmpty(tzId) ? zone.Id : tzId, zone);
    }

    /// <summary>A DATE-TIME with a TZID for the given zoned time.</summary>
    public static CalDateTime InZone(ZonedDateTime value, string? tzId = null) => InZone(value.LocalDateTime, value.Zone, tzId);

    /// <summary>
    /// The instant for UTC and zoned values (skipped local times map forward, ambiguous ones to the earlier
    /// instant, as RFC 5545 §3.3.5 prescribes); null for floating and DATE values.
    /// </summary>
    public Instant? ToInstant() => Kind switch
    {
        CalDateTimeKind.Utc => Value.InUtc().ToInstant(),
        CalDateTimeKind.Zoned => Value.InZoneLeniently(Zone!).ToInstant(),
        CalDateTimeKind.Floating => null,
        CalDateTimeKind.Date => null,
    };

    /// <summary>The instant, interpreting floating and DATE values in <paramref name="floatingZone"/>.</summary>
    public Instant ToInstant(DateTimeZone floatingZone)
    {
        ArgumentNullException.ThrowIfNull(floatingZone);
        return ToInstant() ?? Value.InZoneLeniently(floatingZone).ToInstant();
    }

    /// <summary>Same form and zone, different local value (used for durations).</summary>
    internal CalDateTime WithValue(LocalDateTime value) => new(Kind, Kind == CalDateTimeKind.Date ? value.Date.AtMidnight() : value, TzId, Zone);

    /// <inheritdoc />
    public bool Equals(CalDateTime? other) =>
        other is not null && Kind == other.Kind && Value == other.Value && string.Equals(TzId, other.TzId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CalDateTime);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Value, TzId is null ? 0 : StringComparer.Ordinal.GetHashCode(TzId));

    /// <summary>The value in iCalendar form, e.g. <c>20240301T090000Z</c>, <c>20240301</c>, or <c>TZID=Europe/Oslo:20240301T090000</c>.</summary>
    public override string ToString() => Kind == CalDateTimeKind.Zoned ? "TZID=" + TzId + ":" + ValueFormat.DateTime(this) : ValueFormat.DateTime(this);

    private static LocalDateTime TruncateToSecond(LocalDateTime value) =>
        value.Date + new LocalTime(value.Hour, value.Minute, value.Second);
}
