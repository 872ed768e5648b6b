using System.Globalization;
using Convene.Core.Common;
using Convene.Core.Series;
using NodaTime;

namespace Convene.Web.Api;

/// <summary>One date of a series with its conflicts (issue 7; the seeds' RecurrenceDate of ValidateDays).</summary>
public sealed record OccurrenceResponse(int AppointmentId, DateTime OriginalStart, DateTime Start, DateTime End, bool Cancelled, bool Conflict, IReadOnlyList<string> Conflicts)
{
    public static OccurrenceResponse From(OccurrenceView o) =>
        new(o.AppointmentId, o.OriginalStart.ToDateTimeUtc(), o.Start.ToDateTimeUtc(), o.End.ToDateTimeUtc(), o.Cancelled, o.Conflict, o.Conflicts);
}

/// <summary>One date of an invitation to a series; answer it alone with <c>?scope=this&amp;occurrence=</c> its original start.</summary>
public sealed record InvitationDateResponse(int RowId, int AppointmentId, DateTime OriginalStart, DateTime Start, DateTime End, string Status, int StatusCode, string? RejectReason)
{
    public static InvitationDateResponse From(Core.Diary.InvitationDate d) =>
        new(d.RowId, d.AppointmentId, d.OriginalStart.ToDateTimeUtc(), d.Start.ToDateTimeUtc(), d.End.ToDateTimeUtc(), d.Status, d.StatusCode, d.RejectReason);
}

/// <summary>What a new series would look like: every date, and who is busy on which.</summary>
public sealed record SeriesValidationResponse(string TimeZone, int Count, bool HasConflict, IReadOnlyList<OccurrenceResponse> Occurrences);

/// <summary>The <c>scope</c> and <c>occurrence</c> query parameters of changes and answers (issue 7).</summary>
public static class SeriesQuery
{
    /// <summary>null scope: the endpoint's default (one meeting; for seen, the whole series).</summary>
    public static Result<(SeriesScope? Scope, Instant? Occurrence)> Parse(string? scope, string? occurrence)
    {
        SeriesScope? parsedScope = scope?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "this" => SeriesScope.This,
            "following" => SeriesScope.Following,
            "series" => SeriesScope.Series,
            _ => (SeriesScope)(-1),
        };
        if (parsedScope is { } s && !Enum.IsDefined(s))
        {
            return SeriesErrors.InvalidScope;
        }

        Instant? parsedOccurrence = null;
        if (!string.IsNullOrWhiteSpace(occurrence))
        {
            // ISO 8601 with an offset or Z; the original start of the date (its RECURRENCE-ID).
            if (!DateTimeOffset.TryParse(occurrence.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return SeriesErrors.InvalidOccurrence;
            }

            parsedOccurrence = Instant.FromDateTimeOffset(at);
        }

        return (parsedScope, parsedOccurrence);
    }
}
