namespace Convene.ICalendar;

/// <summary>
/// Reads and writes the value lists of RDATE (RFC 5545 §3.8.5.2) and EXDATE (§3.8.5.1): comma-separated DATE or
/// DATE-TIME values sharing one TZID. VALUE=PERIOD RDATEs are not supported (reported as an error).
/// </summary>
public static class DateTimeList
{
    /// <summary>
    /// Reads the values of an RDATE or EXDATE property, resolving its TZID with <paramref name="resolver"/> (IANA,
    /// Windows names and the file's VTIMEZONEs; tzdb and Windows names only when null). Never throws for bad data.
    /// </summary>
    public static ParseResult<IReadOnlyList<CalDateTime>> Read(Property property, TimeZoneResolver? resolver = null)
    {
        ArgumentNullException.ThrowIfNull(property);
        var bag = new DiagnosticBag();
        var context = new ReadContext(bag, resolver ?? new TimeZoneResolver(), null);
        var values = context.ReadDateTimeList(property);
        return bag.ToResult<IReadOnlyList<CalDateTime>>(values);
    }

    /// <summary>
    /// One property listing <paramref name="values"/>, which must all have the same form (DATE, UTC, floating, or the
    /// same TZID): <c>EXDATE;TZID=Europe/Oslo:20300107T090000,20300114T090000</c>.
    /// </summary>
    public static Property ToProperty(string name, IReadOnlyList<CalDateTime> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("At least one value is required.", nameof(values));
        }

        var first = values[0];
        if (values.Any(v => v.Kind != first.Kind || !string.Equals(v.TzId, first.TzId, StringComparison.Ordinal)))
        {
            throw new ArgumentException("All values of one property must share their form and TZID (RFC 5545 §3.8.5.1).", nameof(values));
        }

        var property = ReadContext.DateTimeProperty(name, first);
        property.Value = string.Join(',', values.Select(ValueFormat.DateTime));
        return property;
    }
}
