using Convene.Core.Common;
using Convene.ICalendar;
using NodaTime;

namespace Convene.Core.Recurrence;

/// <summary>
/// A recurrence set as Google Calendar's API and RFC 5545 §3.8.5 express it: at most one RRULE, plus RDATE
/// (extra dates) and EXDATE (removed dates). Parsed from and formatted to lines such as
/// <c>RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10</c>, <c>EXDATE;TZID=Europe/Oslo:20300107T090000</c>.
/// Values without TZID and without <c>Z</c> (floating) are read in the series' zone.
/// </summary>
public sealed record RecurrenceSet
{
    /// <summary>The RRULE, or null for a custom list of dates (RDATEs only).</summary>
    public RecurrenceRule? Rule { get; init; }

    /// <summary>RDATE values (DATE-TIME: UTC, floating or zoned).</summary>
    public IReadOnlyList<CalDateTime> RecurrenceDates { get; init; } = [];

    /// <summary>EXDATE values (DATE-TIME: UTC, floating or zoned).</summary>
    public IReadOnlyList<CalDateTime> ExceptionDates { get; init; } = [];

    /// <summary>True when the set has a finite number of occurrences (no RRULE, or an RRULE with COUNT or UNTIL).</summary>
    public bool IsBounded => Rule?.IsBounded ?? true;

    /// <summary>A set with only a rule.</summary>
    public static RecurrenceSet FromRule(RecurrenceRule rule) => new() { Rule = rule };

    /// <summary>
    /// Parses RFC 5545 content lines (RRULE, RDATE, EXDATE; names case-insensitive; several comma-separated values
    /// per RDATE/EXDATE; TZID resolved against tzdb and Windows names). An empty list is an error.
    /// </summary>
    public static Result<RecurrenceSet> Parse(IEnumerable<string>? lines)
    {
        if (lines is null)
        {
            return RecurrenceErrors.Malformed("no lines.");
        }

        RecurrenceRule? rule = null;
        var rdates = new List<CalDateTime>();
        var exdates = new List<CalDateTime>();
        var any = false;
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            any = true;
            if (line.Contains('\r', StringComparison.Ordinal) || line.Contains('\n', StringComparison.Ordinal))
            {
                return RecurrenceErrors.Malformed("a line must not contain a line break.");
            }

            var read = Convene.ICalendar.Text.ContentLineReader.Read(line.Trim());
            if (!read.Success || read.Value!.Count != 1)
            {
                return RecurrenceErrors.Malformed("'" + RecurrenceRule.Short(line) + "' is not a content line such as RRULE:FREQ=WEEKLY.");
            }

            var property = read.Value[0];
            switch (property.Name)
            {
                case "RRULE":
                    if (rule is not null)
                    {
                        return RecurrenceErrors.MultipleRules;
                    }

                    var parsed = RecurrenceRule.Parse(property.Value);
                    if (!parsed.IsSuccess)
                    {
                        return parsed.Error!;
                    }

                    rule = parsed.Value;
                    break;
                case "RDATE" or "EXDATE":
                    var values = ReadDates(property, null);
                    if (!values.IsSuccess)
                    {
                        return values.Error!;
                    }

                    (property.Name == "RDATE" ? rdates : exdates).AddRange(values.Value);
                    break;
                case "EXRULE":
                    // RFC 5545 removed EXRULE (Appendix A.3); Google's API does not take it either.
                    return RecurrenceErrors.Unsupported("EXRULE (deprecated by RFC 5545).");
                default:
                    return RecurrenceErrors.Malformed("'" + RecurrenceRule.Short(property.Name) + "' is not RRULE, RDATE or EXDATE.");
            }
        }

        if (!any)
        {
            return RecurrenceErrors.Malformed("no lines.");
        }

        if (rdates.Count + exdates.Count > RecurrenceLimits.MaxDates)
        {
            return RecurrenceErrors.TooManyOccurrences;
        }

        return new RecurrenceSet { Rule = rule, RecurrenceDates = rdates, ExceptionDates = exdates };
    }

    /// <summary>
    /// Reads the values of one RDATE or EXDATE property. Only DATE-TIME values: an all-day date next to a timed
    /// DTSTART has no defined meaning (RFC 5545 §3.8.5.1 requires the same value type as DTSTART).
    /// </summary>
    public static Result<IReadOnlyList<CalDateTime>> ReadDates(Property property, TimeZoneResolver? resolver)
    {
        ArgumentNullException.ThrowIfNull(property);
        var read = DateTimeList.Read(property, resolver);
        if (!read.Success)
        {
            var first = read.Errors[0];
            return first.Code == DiagnosticCode.UnknownTimeZone
                ? RecurrenceErrors.UnknownTimeZone(RecurrenceRule.Short(property.GetParameterValue("TZID") ?? string.Empty))
                : RecurrenceErrors.Malformed(property.Name + ": " + first.Message);
        }

        if (read.Value!.Any(v => v.IsDate))
        {
            return RecurrenceErrors.Unsupported(property.Name + " with all-day (DATE) values; give date-times.");
        }

        return Result<IReadOnlyList<CalDateTime>>.Success(read.Value!);
    }

    /// <summary>
    /// The lines again: RRULE first, then one RDATE and one EXDATE line per group of values with the same form, in
    /// their original order. <c>Parse(ToLines())</c> equals the original set.
    /// </summary>
    public IReadOnlyList<string> ToLines() => ToProperties().Select(p => p.ToString()).ToList();

    /// <summary>The set as RRULE, RDATE and EXDATE properties (for a VEVENT).</summary>
    public IReadOnlyList<Property> ToProperties()
    {
        var result = new List<Property>();
        if (Rule is not null)
        {
            result.Add(new Property("RRULE", Rule.ToString()));
        }

        result.AddRange(Group("RDATE", RecurrenceDates));
        result.AddRange(Group("EXDATE", ExceptionDates));
        return result;
    }

    /// <summary>
    /// The same set in the form RFC 5545 requires next to a DTSTART with TZID (§3.3.10: UNTIL in UTC; §3.8.5.1:
    /// EXDATE/RDATE as zoned values): UNTIL converted to UTC and floating dates given <paramref name="zone"/>'s TZID.
    /// </summary>
    public RecurrenceSet ForZone(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return this with
        {
            Rule = Rule is { Until: { } until } r ? r with { Until = until.ToUtc(zone) } : Rule,
            RecurrenceDates = RecurrenceDates.Select(d => Anchor(d, zone)).ToList(),
            ExceptionDates = ExceptionDates.Select(d => Anchor(d, zone)).ToList(),
        };
    }

    /// <inheritdoc />
    public bool Equals(RecurrenceSet? other) =>
        other is not null && Equals(Rule, other.Rule)
        && RecurrenceDates.SequenceEqual(other.RecurrenceDates) && ExceptionDates.SequenceEqual(other.ExceptionDates);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rule, RecurrenceDates.Count, ExceptionDates.Count);

    private static CalDateTime Anchor(CalDateTime value, DateTimeZone zone) =>
        value.Kind == CalDateTimeKind.Floating ? CalDateTime.InZone(value.Value, zone) : value;

    private static IEnumerable<Property> Group(string name, IReadOnlyList<CalDateTime> values)
    {
        // Consecutive values of the same form share one line, which keeps the original order on a round trip.
        var i = 0;
        while (i < values.Count)
        {
            var j = i;
            while (j < values.Count && values[j].Kind == values[i].Kind && string.Equals(values[j].TzId, values[i].TzId, StringComparison.Ordinal))
            {
                j++;
            }

            yield return DateTimeList.ToProperty(name, values.Skip(i).Take(j - i).ToList());
            i = j;
        }
    }
}
