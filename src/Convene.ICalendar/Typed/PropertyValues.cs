using NodaTime;

namespace Convene.ICalendar;

/// <summary>Shared conversions between typed values and properties, with diagnostics on read.</summary>
internal sealed class ReadContext(DiagnosticBag bag, TimeZoneResolver resolver, Extensible<CalendarMethod>? method)
{
    public DiagnosticBag Bag { get; } = bag;

    public TimeZoneResolver Resolver { get; } = resolver;

    public Extensible<CalendarMethod>? Method { get; } = method;

    /// <summary>Reads a DATE or DATE-TIME property (§3.3.4, §3.3.5), resolving TZID. Reports an error and returns null when unusable.</summary>
    public CalDateTime? ReadDateTime(Property p) =>
        TryReadValueType(p, out var valueType) ? ParseDateTimeText(p, p.Value, p.GetParameterValue("TZID"), valueType) : null;

    /// <summary>VALUE= on a date property: absent, DATE or DATE-TIME; anything else is reported.</summary>
    private bool TryReadValueType(Property p, out string? valueType)
    {
        valueType = p.GetParameterValue("VALUE")?.Trim();
        if (valueType is not null
            && !valueType.Equals("DATE", StringComparison.OrdinalIgnoreCase)
            && !valueType.Equals("DATE-TIME", StringComparison.OrdinalIgnoreCase))
        {
            Bag.Error(DiagnosticCode.InvalidValue, p.LineNumber, p.Name + " with VALUE=" + Text.ContentLineReader.Truncate(valueType) + " is not supported.");
            return false;
        }

        return true;
    }

    public CalDateTime? ParseDateTimeText(Property p, string text, string? tzId, string? valueType = null)
    {
        if (!ValueParse.TryParseDateTimeText(text, out var local, out var isDate, out var isUtc))
        {
            Bag.Error(DiagnosticCode.InvalidValue, p.LineNumber, "Unparseable " + p.Name + " value '" + Text.ContentLineReader.Truncate(text.Trim()) + "'.");
            return null;
        }

        if (valueType is not null && isDate != valueType.Equals("DATE", StringComparison.OrdinalIgnoreCase))
        {
            Bag.Warn(DiagnosticCode.Tolerated, p.LineNumber, p.Name + " has VALUE=" + valueType + " but its text is a " + (isDate ? "DATE" : "DATE-TIME") + "; the text wins.");
        }

        if (isDate)
        {
            return CalDateTime.FromDate(local.Date);
        }

        if (isUtc)
        {
            if (!string.IsNullOrWhiteSpace(tzId))
            {
                Bag.Warn(DiagnosticCode.Tolerated, p.LineNumber, p.Name + " is UTC but also has TZID; TZID ignored (§3.2.19).");
            }

            return CalDateTime.FromInstant(local.InUtc().ToInstant());
        }

        if (string.IsNullOrWhiteSpace(tzId))
        {
            return CalDateTime.Floating(local);
        }

        if (!Resolver.TryResolve(tzId, out var zone, out var error))
        {
            Bag.Error(DiagnosticCode.UnknownTimeZone, p.LineNumber, p.Name + ": " + error);
            return null;
        }

        return CalDateTime.InZone(local, zone!, tzId);
    }

    /// <summary>
    /// Reads the comma-separated DATE / DATE-TIME list of RDATE or EXDATE (§3.8.5.1, §3.8.5.2), resolving TZID.
    /// Reports an error and returns null when unusable; VALUE=PERIOD is not supported.
    /// </summary>
    public List<CalDateTime>? ReadDateTimeList(Property p)
    {
        if (!TryReadValueType(p, out var valueType))
        {
            return null;
        }

        var values = new List<CalDateTime>();
        foreach (var part in p.Value.Split(',', StringSplitOptions.TrimEntries))
        {
            var value = ParseDateTimeText(p, part, p.GetParameterValue("TZID"), valueType);
            if (value is null)
            {
                return null;
            }

            values.Add(value);
        }

        return values;
    }

    /// <summary>Reads a value that RFC 5545 requires in UTC (DTSTAMP, CREATED, …), tolerating zoned and floating values.</summary>
    public Instant? ReadUtc(Property p)
    {
        var value = ReadDateTime(p);
        if (value is null)
        {
            return null;
        }

        if (value.Kind != CalDateTimeKind.Utc)
        {
            Bag.Warn(DiagnosticCode.Tolerated, p.LineNumber, p.Name + " should be UTC; " + (value.Kind == CalDateTimeKind.Zoned ? "converted." : "read as UTC."));
        }

        return value.ToInstant(DateTimeZone.Utc);
    }

    public CalPeriod? ReadPeriod(Property p, string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            Bag.Error(DiagnosticCode.InvalidValue, p.LineNumber, "PERIOD value '" + Text.ContentLineReader.Truncate(text.Trim()) + "' has no '/' (§3.3.9).");
            return null;
        }

        var start = ParseDateTimeText(p, text[..slash], null);
        if (start is null)
        {
            return null;
        }

        var rest = text[(slash + 1)..].Trim();
        if (rest.Length > 0 && rest[0] is 'P' or 'p' or '+' or '-')
        {
            if (!ValueParse.TryParseDuration(rest, out var duration) || duration.IsNegative || !duration.TryAddTo(start, out _))
            {
                Bag.Error(DiagnosticCode.InvalidValue, p.LineNumber, "Invalid PERIOD duration '" + Text.ContentLineReader.Truncate(rest) + "'.");
                return null;
            }

            return new CalPeriod(start, duration);
        }

        var end = ParseDateTimeText(p, rest, null);
        if (end is null)
        {
            return null;
        }

        if (start.IsDate || end.IsDate)
        {
            Bag.Error(DiagnosticCode.InvalidValue, p.LineNumber, "PERIOD values must be DATE-TIME (§3.3.9).");
            return null;
        }

        if (end.ToInstant(DateTimeZone.Utc) < start.ToInstant(DateTimeZone.Utc))
        {
            Bag.Error(DiagnosticCode.InvalidDateRange, p.LineNumber, "PERIOD ends before it starts.");
            return null;
        }

        return new CalPeriod(start, end);
    }

    public static Property DateTimeProperty(string name, CalDateTime value)
    {
        var p = new Property(name, ValueFormat.DateTime(value));
        if (value.Kind == CalDateTimeKind.Date)
        {
            p.Parameters.Add(new Parameter("VALUE", "DATE"));
        }
        else if (value.Kind == CalDateTimeKind.Zoned)
        {
            p.Parameters.Add(new Parameter("TZID", value.TzId!));
        }

        return p;
    }

    public static Property UtcProperty(string name, Instant value) => new(name, ValueFormat.UtcInstant(value));

    public static Property Token<TEnum>(string name, Extensible<TEnum> value)
        where TEnum : struct, Enum => new(name, value.Token);

    public Extensible<TEnum>? ReadToken<TEnum>(Property p)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(p.Value))
        {
            Bag.Warn(DiagnosticCode.Tolerated, p.LineNumber, p.Name + " is empty; ignored.");
            return null;
        }

        return new Extensible<TEnum>(p.Value);
    }
}
