using NodaTime;

namespace Convene.Core.Recurrence;

/// <summary>One occurrence of a series.</summary>
/// <param name="OriginalStart">The start the recurrence set gives it (iCalendar's RECURRENCE-ID, RFC 5545 §3.8.4.4): the occurrence's identity.</param>
/// <param name="Start">When it starts (equal to <paramref name="OriginalStart"/> unless a caller moved it).</param>
/// <param name="End">When it ends: <paramref name="Start"/> plus the series' exact duration (RFC 5545 §3.8.5.3).</param>
/// <param name="LocalStart">
/// The nominal wall-clock start in the series' zone. For a time in a DST gap this is the nominal value (02:30), while
/// <paramref name="OriginalStart"/> is the instant it maps to (03:30 local, RFC 5545 §3.3.5).
/// </param>
public readonly record struct Occurrence(Instant OriginalStart, Instant Start, Instant End, LocalDateTime LocalStart);

/// <summary>
/// A series' timing: the first start as wall-clock time in an IANA zone, the exact duration of each occurrence and
/// the recurrence set. Pure data; expand it with <see cref="RecurrenceExpander"/>.
/// </summary>
/// <param name="Start">DTSTART as local time in <paramref name="Zone"/>; always the first occurrence (RFC 5545 §3.8.5.3).</param>
/// <param name="Zone">The zone whose wall-clock time the series keeps across DST changes.</param>
/// <param name="Duration">The exact length of every occurrence (DTEND − DTSTART).</param>
/// <param name="Recurrence">RRULE / RDATE / EXDATE.</param>
public sealed record RecurringSchedule(LocalDateTime Start, DateTimeZone Zone, Duration Duration, RecurrenceSet Recurrence);
