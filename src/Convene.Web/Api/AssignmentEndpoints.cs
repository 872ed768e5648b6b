using Convene.Core.Appointments;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Convene.Web.Api;

/// <summary>
/// Assignments (issue 9): the owner hands a meeting to another employee, who answers with the invitation routes
/// (<c>/seen</c>, <c>/accept</c>, <c>/decline</c>); administrators hand a leaving associate's meetings over.
/// </summary>
public static class AssignmentEndpoints
{
    public static void MapAssignmentEndpoints(this RouteGroupBuilder api)
    {
        var appointments = api.MapGroup("/appointments").WithTags("Appointments");
        appointments.MapPost("/{id:int}/assign", AssignAsync).WithName("AssignAppointment")
            .WithSummary("Owner: assigns the meeting to another employee, who accepts (and becomes the owner) or declines.");
        appointments.MapPost("/{id:int}/take-back", TakeBackAsync).WithName("TakeBackAssignment")
            .WithSummary("Assigner: takes a pending assignment back.");

        var associates = api.MapGroup("/associates").WithTags("Associates");
        associates.MapGet("/{id:int}/owned-meetings", OwnedMeetingsAsync).WithName("ListOwnedMeetings")
            .WithSummary("Administrator: the future meetings the associate owns (to hand over when they leave).");
        associates.MapPost("/{id:int}/reassign-meetings", ReassignMeetingsAsync).WithName("ReassignMeetings")
            .WithSummary("Administrator: hands every future meeting of the associate to another employee, in one transaction.");
    }

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> AssignAsync(int id, [FromBody] AssignRequest? request, HttpContext context, MeetingService meetings, CancellationToken ct) =>
        AppointmentEndpoints.Respond(context, await meetings.AssignAsync(context.User.ToViewer(), id, request?.AssociateId, request?.Note, ct));

    public static async Task<Results<Ok<AppointmentResponse>, ProblemHttpResult>> TakeBackAsync(int id, HttpContext context, MeetingService meetings, CancellationToken ct) =>
        AppointmentEndpoints.Respond(context, await meetings.TakeBackAssignmentAsync(context.User.ToViewer(), id, ct));

    public static async Task<Results<Ok<List<AppointmentResponse>>, ProblemHttpResult>> OwnedMeetingsAsync(int id, HttpContext context, MeetingService meetings, CancellationToken ct)
    {
        var owned = await meetings.ListOwnedFutureMeetingsAsync(context.User.ToViewer(), id, ct);
        return owned.IsSuccess ? TypedResults.Ok(owned.Value.Select(AppointmentResponse.From).ToList()) : owned.Error!.ToProblem();
    }

    public static async Task<Results<Ok<ReassignMeetingsResponse>, ProblemHttpResult>> ReassignMeetingsAsync(int id, [FromBody] ReassignMeetingsRequest? request, HttpContext context, MeetingService meetings, CancellationToken ct)
    {
        var handed = await meetings.ReassignMeetingsAsync(context.User.ToViewer(), id, request?.ToAssociateId, ct);
        return handed.IsSuccess ? TypedResults.Ok(new ReassignMeetingsResponse(handed.Value.ToList())) : handed.Error!.ToProblem();
    }
}

/// <summary>Body of <c>POST /appointments/{id}/assign</c>.</summary>
public sealed record AssignRequest(int? AssociateId, string? Note);

/// <summary>Body of <c>POST /associates/{id}/reassign-meetings</c>.</summary>
public sealed record ReassignMeetingsRequest(int? ToAssociateId);

/// <summary>The meetings (master ids) that were handed over.</summary>
public sealed record ReassignMeetingsResponse(IReadOnlyList<int> MeetingIds);
