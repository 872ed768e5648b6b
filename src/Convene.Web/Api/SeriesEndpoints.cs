using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.Core.Series;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Convene.Web.Api;

/// <summary>Recurring meetings (issue 7): the dates and conflicts of a series before it is saved.</summary>
public static class SeriesEndpoints
{
    public static void MapSeriesEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/appointments/validate", ValidateAsync).WithTags("Appointments").WithName("ValidateAppointment")
            .WithSummary("The dates a new (recurring) meeting would have, each with who is already busy — nothing is saved (the seeds' ValidateDays).");

    /// <summary>A time zone given but not an IANA id is refused with the same code a series uses.</summary>
    public static Error? InvalidZone(string? zone) =>
        zone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Trim()) is null ? SeriesErrors.InvalidTimeZone(zone) : null;

    public static async Task<Results<Ok<SeriesValidationResponse>, ProblemHttpResult>> ValidateAsync(CreateAppointmentRequest request, HttpContext context, SeriesService series, CancellationToken ct)
    {
        if (request.Start is not { } start)
        {
            return Error.Validation("appointment.start_required", "start is required.", "start").ToProblem();
        }

        if (request.End is not { } end)
        {
            return Error.Validation("appointment.end_required", "end is required.", "end").ToProblem();
        }

        if (InvalidZone(request.TimeZone) is { } badZone)
        {
            return badZone.ToProblem();
        }

        // Travel time is part of what a date blocks, as at create (ParseTravel's 400s are the same too).
        var travel = AppointmentEndpoints.ParseTravel(request.LeadTime, request.LagTime);
        if (!travel.IsSuccess)
        {
            return travel.Error!.ToProblem();
        }

        var participants = (request.Participants ?? [])
            .Select(p => new ParticipantRef(p?.AssociateId, p?.PersonId, null, p?.SendEmail ?? true))
            .ToList();
        var input = new NewMeeting(request.Title, request.Description, request.Location, Instant.FromDateTimeOffset(start), Instant.FromDateTimeOffset(end),
            request.Private ?? false, request.Free ?? false, request.ContactId, request.PersonId, participants, request.SendEmail ?? true,
            travel.Value.Lead ?? Duration.Zero, travel.Value.Lag ?? Duration.Zero);
        var lines = request.Recurrence is { Count: > 0 } given ? given : [];
        var validated = await series.ValidateAsync(context.User.ToViewer(), new NewSeries(input, request.TimeZone, lines), ct);
        if (!validated.IsSuccess)
        {
            return validated.Error!.ToProblem();
        }

        var dates = validated.Value.Occurrences;
        return TypedResults.Ok(new SeriesValidationResponse(validated.Value.TimeZone, dates.Count, dates.Any(d => d.Conflict), dates.Select(OccurrenceResponse.From).ToList()));
    }
}
