using Convene.Core.Common;
using NodaTime;

namespace Convene.Core.Series;

/// <summary>Which occurrences of a series an operation applies to (the seeds' RecurrenceUpdateMode, §6).</summary>
public enum SeriesScope
{
    /// <summary>Only the named occurrence (OnlyThis, 1): it becomes an exception; the rule stays.</summary>
    This,

    /// <summary>The named occurrence and every later one (ThisAndForward, 2): a change splits the series there.</summary>
    Following,

    /// <summary>Every occurrence of the series.</summary>
    Series,
}

/// <summary>The series an occurrence belongs to, as the API shows it.</summary>
/// <param name="RuleId">The <c>recurrence_rule</c> id shared by every row of the series.</param>
/// <param name="TimeZone">The IANA zone the series keeps its wall-clock time in.</param>
/// <param name="Recurrence">The RFC 5545 lines (RRULE, RDATE, EXDATE) of the rule as it stands.</param>
/// <param name="OriginalStart">This occurrence's start as generated (its RECURRENCE-ID), kept when it is moved.</param>
public sealed record SeriesInfo(int RuleId, string TimeZone, IReadOnlyList<string> Recurrence, Instant OriginalStart);

/// <summary>One date of a series with its conflicts (the seeds' RecurrenceDate{Date, IsConflict, Description}).</summary>
/// <param name="AppointmentId">The occurrence's meeting id; 0 before it is saved (validation).</param>
/// <param name="OriginalStart">The start the rule generated (RECURRENCE-ID).</param>
/// <param name="Start">The start now (differs when the date was moved).</param>
/// <param name="End">The end now.</param>
/// <param name="Cancelled">The date is cancelled for everyone.</param>
/// <param name="Conflict">Someone taking part is already busy then.</param>
/// <param name="Conflicts">Names of the participants (colleagues, resources) already busy then.</param>
public sealed record OccurrenceView(int AppointmentId, Instant OriginalStart, Instant Start, Instant End, bool Cancelled, bool Conflict, IReadOnlyList<string> Conflicts);

/// <summary>The stable errors of series (issue 7).</summary>
public static class SeriesErrors
{
    public static Error InvalidTimeZone(string zone) =>
        Error.Validation("recurrence.invalid_time_zone", $"'{zone}' is not an IANA time zone (e.g. Europe/Oslo).", "timeZone");

    public static readonly Error InvalidScope =
        Error.Validation("recurrence.invalid_scope", "scope is one of this, following, series.", "scope");

    public static readonly Error InvalidOccurrence =
        Error.Validation("recurrence.invalid_occurrence", "occurrence is the original start of a date of the series, in ISO 8601 (e.g. 2030-01-07T08:00:00Z).", "occurrence");

    public static readonly Error OccurrenceNotFound =
        Error.NotFound("recurrence.occurrence_not_found", "The series has no occurrence that originally started then.");

    public static readonly Error FollowingDayShift =
        Error.Validation("recurrence.following_day_shift", "A change of this and following occurrences may change their time of day, not their date; move single occurrences instead.", "start");
}
