using Convene.Core.Appointments;
using Convene.Core.Common;
using Convene.Core.Series;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Convene.Web.Api;

/// <summary>Meetings, their participants and the invitees' answers.</summary>
public static class AppointmentEndpoints
{
    public static void MapAppointmentEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/appointments").WithTags("Appointments");
        group.MapPost("/", CreateAsync).WithName("CreateAppointment")
            .WithSummary("Creates a meeting with colleagues, resources and external persons.");
        group.MapGet("/{id:int}", GetAsync).WithName("GetAppointment").WithSummary("A meeting, by its id or any participant row id.");
        group.MapPatch("/{id:int}", EditAsync).WithName("EditAppointment").WithSummary("Owner: edits the meeting; a new start or end is a move.");
        group.MapDelete("/{id:int}", DeleteAsync).WithName("DeleteAppointment")
            .WithSummary("Owner: cancels the meeting. Invitee: removes it from their diary (a decline).");
        group.MapPost("/{id:int}/cancel", CancelAsync).WithName("CancelAppointment").WithSummary("Owner: cancels the meeting.");
        group.MapPost("/{id:int}/participants", AddParticipantAsync).WithName("AddParticipant").WithSummary("Owner: adds a participant.");
        group.MapDelete("/{id:int}/participants/{rowId:int}", RemoveParticipantAsync).WithName("RemoveParticipant")
            .WithSummary("Owner: removes a participant (by their row id).");
        group.MapPost("/{id:int}/seen", SeenAsync).WithName("MarkInvitationSeen").WithSummary("Invitee: marks the invitation as seen.");
        group.MapPost("/{id:int}/accept", AcceptAsync).WithName("AcceptInvitation").WithSummary("Invitee: accepts.");
        group.MapPost("/{id:int}/decline", DeclineAsync).WithName("DeclineInvitation").WithSummary("Invitee: declines, optionally with a reason.");
        group.MapGet("/{id:int}/history", HistoryAsync).WithName("GetAppointmentHistory")
            .WithSummary("Participants: every change and answer, with who, when and why.");
    }

    public static async Task<Results<Created<AppointmentResponse>, ProblemHttpResult>> CreateAsync(CreateAppointmentRequest request, HttpContext context, MeetingService meetings, SeriesService series, CancellationToken ct)
    {
        if (request.Start is not { } start)
        {
            return Error.Validation("appointment.start_required", "start is required.", "start").ToProblem();
        }

        if (request.End is not { } end)
        {
            return Error.Validation("appointment.end_required", "end is required.", "end").ToProblem();
        }

        var travel = ParseTravel(request.LeadTime, request.LagTime);
        if (!travel.IsSuccess)
        {
            return travel.Error!.ToProblem();
        }

        var participants = new List<ParticipantRef>();
        foreach (var p in request.Participants ?? [])
        {
            var parsed = ParseParticipant(p);
            if (!parsed.IsSuccess)
            {
                return parsed.Error!.ToProblem();
            }

            participants.Add(parsed.Value);
        }

        var input = new NewMeeting(request.Title, request.Description, request.Location, Instant.FromDateTimeOffset(start), Instant.FromDateTimeOffset(end),
            request.Private ?? false, request.Free ?? false, request.ContactId, request.PersonId, participants, request.SendEmail ?? true,
            travel.Value.Lead ?? Duration.Zero, travel.Value.Lag ?? Duration.Zero);
        if (SeriesEndpoints.InvalidZone(request.TimeZone) is { } badZone)
        {
            return badZone.ToProblem();
        }

        // With recurrence lines the meeting repeats (issue 7): every date is created in this one request.
        var created = request.Recurrence is { Count: > 0 } lines
            ? await series.CreateAsync(context.User.ToViewer(), new NewSeries(input, request.TimeZone, lines), ct)
            : await meetings.CreateAsync(context.User.ToViewer(), input, ct);
        if (!created.IsSuccess)
        {
            return created.Error!.ToProblem();
        }

        SetETag(context, created.Value);
        return TypedResults.Created($"/api/v1/appointments/{created.Value.Id}", AppointmentResponse.From(created.Value));
    }

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> GetAsync(int id, HttpContext context, MeetingService meetings, CancellationToken ct) =>
        Respond(context, await meetings.GetAsync(context.User.ToViewer(), id, ct));

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> EditAsync(
        int id, EditAppointmentRequest request, HttpContext context, MeetingService meetings, SeriesService series, [FromQuery] string? scope, [FromQuery] string? occurrence, CancellationToken ct)
    {
        var travel = ParseTravel(request.LeadTime, request.LagTime);
        if (!travel.IsSuccess)
        {
            return travel.Error!.ToProblem();
        }

        var edit = new MeetingEdit(
            request.Title,
            request.Description,
            request.Location,
            request.Start is { } s ? Instant.FromDateTimeOffset(s) : null,
            request.End is { } e ? Instant.FromDateTimeOffset(e) : null,
            request.Private,
            request.Free,
            travel.Value.Lead,
            travel.Value.Lag);
        if (scope is null && occurrence is null)
        {
            return Respond(context, await meetings.EditAsync(context.User.ToViewer(), id, edit, IfMatch(context), ct));
        }

        var query = SeriesQuery.Parse(scope, occurrence);
        return query.IsSuccess
            ? Respond(context, await series.EditAsync(context.User.ToViewer(), id, query.Value.Scope ?? SeriesScope.This, query.Value.Occurrence, edit, ct))
            : query.Error!.ToProblem();
    }

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> DeleteAsync(int id, HttpContext context, MeetingService meetings, CancellationToken ct) =>
        Respond(context, await meetings.DeleteAsync(context.User.ToViewer(), id, IfMatch(context), ct));

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> CancelAsync(
        int id, HttpContext context, MeetingService meetings, SeriesService series, [FromQuery] string? scope, [FromQuery] string? occurrence, CancellationToken ct)
    {
        if (scope is null && occurrence is null)
        {
            return Respond(context, await meetings.CancelAsync(context.User.ToViewer(), id, IfMatch(context), ct));
        }

        var query = SeriesQuery.Parse(scope, occurrence);
        return query.IsSuccess
            ? Respond(context, await series.CancelAsync(context.User.ToViewer(), id, query.Value.Scope ?? SeriesScope.This, query.Value.Occurrence, ct))
            : query.Error!.ToProblem();
    }

    // With scope/occurrence (issue 7): the participant joins or leaves one date, this and following, or the series.
    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> AddParticipantAsync(
        int id, ParticipantRequest request, HttpContext context, MeetingService meetings, SeriesService series, [FromQuery] string? scope, [FromQuery] string? occurrence, CancellationToken ct)
    {
        var parsed = ParseParticipant(request);
        if (!parsed.IsSuccess)
        {
            return parsed.Error!.ToProblem();
        }

        if (scope is null && occurrence is null)
        {
            return Respond(context, await meetings.AddParticipantAsync(context.User.ToViewer(), id, parsed.Value, ct));
        }

        var query = SeriesQuery.Parse(scope, occurrence);
        return query.IsSuccess
            ? Respond(context, await series.AddParticipantAsync(context.User.ToViewer(), id, query.Value.Scope ?? SeriesScope.This, query.Value.Occurrence, parsed.Value, ct))
            : query.Error!.ToProblem();
    }

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> RemoveParticipantAsync(
        int id, int rowId, HttpContext context, MeetingService meetings, SeriesService series, [FromQuery] string? scope, [FromQuery] string? occurrence, CancellationToken ct)
    {
        if (scope is null && occurrence is null)
        {
            return Respond(context, await meetings.RemoveParticipantAsync(context.User.ToViewer(), id, rowId, ct));
        }

        var query = SeriesQuery.Parse(scope, occurrence);
        return query.IsSuccess
            ? Respond(context, await series.RemoveParticipantAsync(context.User.ToViewer(), id, query.Value.Scope ?? SeriesScope.This, query.Value.Occurrence, rowId, ct))
            : query.Error!.ToProblem();
    }

    // Seen applies to the whole series unless a scope says otherwise (issue 7); accept and decline to one meeting.
    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> SeenAsync(
        int id, HttpContext context, SeriesService series, [FromQuery] string? scope, [FromQuery] string? occurrence, CancellationToken ct) =>
        await AnswerAsync(context, id, InvitationAction.MarkSeen, null, null, series, scope ?? "series", occurrence, ct);

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> AcceptAsync(
        int id, HttpContext context, MeetingService meetings, SeriesService series, [FromQuery] string? scope, [FromQuery] string? occurrence, CancellationToken ct) =>
        await AnswerAsync(context, id, InvitationAction.Accept, null, meetings, series, scope, occurrence, ct);

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> DeclineAsync(
        int id, [FromBody] DeclineRequest? request, HttpContext context, MeetingService meetings, SeriesService series, [FromQuery] string? scope, [FromQuery] string? occurrence, CancellationToken ct) =>
        await AnswerAsync(context, id, InvitationAction.Decline, request?.Reason, meetings, series, scope, occurrence, ct);

    private static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> AnswerAsync(
        HttpContext context, int id, InvitationAction action, string? reason, MeetingService? meetings, SeriesService series, string? scope, string? occurrence, CancellationToken ct)
    {
        if (meetings is not null && scope is null && occurrence is null)
        {
            return Respond(context, await meetings.AnswerAsync(context.User.ToViewer(), id, action, reason, ct));
        }

        var query = SeriesQuery.Parse(scope, occurrence);
        return query.IsSuccess
            ? Respond(context, await series.AnswerAsync(context.User.ToViewer(), id, query.Value.Scope ?? SeriesScope.This, query.Value.Occurrence, action, reason, ct))
            : query.Error!.ToProblem();
    }

    public static async Task<Results<Ok<List<HistoryResponse>>, ProblemHttpResult>> HistoryAsync(int id, HttpContext context, MeetingService meetings, CancellationToken ct)
    {
        var history = await meetings.GetHistoryAsync(context.User.ToViewer(), id, ct);
        return history.IsSuccess ? TypedResults.Ok(history.Value.Select(HistoryResponse.From).ToList()) : history.Error!.ToProblem();
    }

    private static Result<ParticipantRef> ParseParticipant(ParticipantRequest? request)
    {
        if (request is null)
        {
            return Error.Validation("participant.invalid", "A participant is an object with associateId or personId.", "participants");
        }

        ParticipantKind? kind = null;
        if (request.Kind is { } text)
        {
            if (text.Equals("Associate", StringComparison.OrdinalIgnoreCase) || text.Equals("Employee", StringComparison.OrdinalIgnoreCase))
            {
                kind = ParticipantKind.Associate;
            }
            else if (text.Equals("Resource", StringComparison.OrdinalIgnoreCase))
            {
                kind = ParticipantKind.Resource;
            }
            else if (text.Equals("Person", StringComparison.OrdinalIgnoreCase))
            {
                kind = ParticipantKind.Person;
            }
            else
            {
                return Error.Validation("participant.unknown_kind", $"'{text}' is not a participant kind; use Associate, Resource or Person.", "participants");
            }
        }

        return new ParticipantRef(request.AssociateId, request.PersonId, kind, request.SendEmail ?? true);
    }

    internal static Results<Ok<AppointmentResponse>, ProblemHttpResult> Respond(HttpContext context, Result<MeetingView> result)
    {
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem();
        }

        SetETag(context, result.Value);
        return TypedResults.Ok(AppointmentResponse.From(result.Value));
    }

    private static void SetETag(HttpContext context, MeetingView view) =>
        context.Response.Headers.ETag = $"\"{view.ConcurrencyStamp}\"";

    // RFC 9110 §13.1.1: If-Match holds one or more entity tags; '*' matches any current representation.
    private static string? IfMatch(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        if (header.StartsWith("W/", StringComparison.Ordinal))
        {
            header = header[2..];
        }

        return header.Trim('"');
    }

    /// <summary>Travel time before and after (the seeds' leadtime/lagtime) as ISO 8601 durations; null keeps it.</summary>
    internal static Result<(Duration? Lead, Duration? Lag)> ParseTravel(string? leadTime, string? lagTime)
    {
        var lead = IsoDuration.Parse(leadTime, "appointment", "leadTime", required: false, "lead_time");
        if (!lead.IsSuccess)
        {
            return lead.Error!;
        }

        var lag = IsoDuration.Parse(lagTime, "appointment", "lagTime", required: false, "lag_time");
        return lag.IsSuccess ? (lead.Value, lag.Value) : lag.Error!;
    }
}
