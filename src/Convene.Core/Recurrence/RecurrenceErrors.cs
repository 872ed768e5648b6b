using Convene.Core.Common;

namespace Convene.Core.Recurrence;

/// <summary>The errors of recurrence parsing and expansion, with their stable codes (field <c>recurrence</c>).</summary>
public static class RecurrenceErrors
{
    public const string Field = "recurrence";

    /// <summary>A line or rule part is not valid RFC 5545 syntax.</summary>
    public static Error Malformed(string detail) => Error.Validation("recurrence.malformed", "The recurrence is malformed: " + detail, Field);

    /// <summary>Valid RFC 5545, but a part Convene does not support (BYHOUR, BYWEEKNO, HOURLY, …).</summary>
    public static Error Unsupported(string detail) => Error.Validation("recurrence.unsupported", "This recurrence is not supported: " + detail, Field);

    /// <summary>COUNT and UNTIL together (RFC 5545 §3.3.10: they MUST NOT occur in the same rule).</summary>
    public static readonly Error CountAndUntil = Error.Validation(
        "recurrence.count_and_until", "A rule may end after a count or on a date, not both (RFC 5545 §3.3.10).", Field);

    /// <summary>More than one RRULE (RFC 5545 §3.8.5.3 says it SHOULD NOT occur more than once).</summary>
    public static readonly Error MultipleRules = Error.Validation(
        "recurrence.multiple_rules", "Only one RRULE line is allowed.", Field);

    /// <summary>A TZID that tzdb (or the Windows mapping) does not know.</summary>
    public static Error UnknownTimeZone(string tzId) => Error.Validation(
        "recurrence.time_zone_unknown", "Unknown time zone '" + tzId + "'.", Field);

    /// <summary>A rule without COUNT or UNTIL cannot be stored as a series of dates.</summary>
    public static readonly Error Unbounded = Error.Validation(
        "recurrence.unbounded",
        "The rule never ends: add COUNT (\"ends after N times\") or UNTIL (\"ends on a date\"); at most "
            + RecurrenceLimits.MaxOccurrences.ToString(System.Globalization.CultureInfo.InvariantCulture) + " occurrences are allowed.",
        Field);

    /// <summary>The series has more occurrences than <see cref="RecurrenceLimits.MaxOccurrences"/>.</summary>
    public static readonly Error TooManyOccurrences = Error.Validation(
        "recurrence.too_many_occurrences",
        "The series has more than " + RecurrenceLimits.MaxOccurrences.ToString(System.Globalization.CultureInfo.InvariantCulture) + " occurrences.",
        Field);

    /// <summary>Every occurrence is excluded (EXDATE) or the rule matches no date at all.</summary>
    public static readonly Error NoOccurrences = Error.Validation(
        "recurrence.no_occurrences", "The series has no occurrences.", Field);
}
