using Convene.Core.Diary;
using Convene.Core.Notifications;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Convene.Web.Api;

/// <summary>Diaries, the caller's invitations and notifications.</summary>
public static class DiaryEndpoints
{
    public static void MapDiaryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/diary", GetDiaryAsync).WithTags("Diary").WithName("GetDiary")
            .WithSummary("Diary rows in [from, to) for the caller or another associate or resource; others' private rows are busy time only.");
        api.MapGet("/invitations", GetInvitationsAsync).WithTags("Diary").WithName("GetInvitations")
            .WithSummary("The caller's invitations that need an answer; include=declined,cancelled adds those.");

        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/", ListNotificationsAsync).WithName("ListNotifications");
        notifications.MapPost("/{id:int}/dismiss", DismissAsync).WithName("DismissNotification").WithSummary("Got it.");
        notifications.MapPost("/dismiss-all", DismissAllAsync).WithName("DismissAllNotifications").WithSummary("Clear all.");
    }

    public static async Task<Results<Ok<List<DiaryEntryResponse>>, ProblemHttpResult>> GetDiaryAsync(
        string? from, string? to, int? associateId, bool? includePending, HttpContext context, DiaryService diary, CancellationToken ct)
    {
        var range = QueryTimes.ParseRequired(from, to);
        if (!range.IsSuccess)
        {
            return range.Error!.ToProblem();
        }

        var entries = await diary.GetDiaryAsync(context.User.ToViewer(), associateId, range.Value.From, range.Value.To, includePending ?? false, ct);
        return entries.IsSuccess ? TypedResults.Ok(entries.Value.Select(DiaryEntryResponse.From).ToList()) : entries.Error!.ToProblem();
    }

    public static async Task<Results<Ok<List<InvitationResponse>>, ProblemHttpResult>> GetInvitationsAsync(string? include, HttpContext context, DiaryService diary, CancellationToken ct)
    {
        var parts = (include ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = parts.FirstOrDefault(p => !p.Equals("declined", StringComparison.OrdinalIgnoreCase) && !p.Equals("cancelled", StringComparison.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            return Core.Common.Error.Validation("invitations.unknown_include", $"include takes declined and/or cancelled, not '{unknown}'.", "include").ToProblem();
        }

        var entries = await diary.GetInvitationsAsync(
            context.User.ToViewer(),
            parts.Contains("declined", StringComparer.OrdinalIgnoreCase),
            parts.Contains("cancelled", StringComparer.OrdinalIgnoreCase),
            ct);
        return TypedResults.Ok(entries.Select(InvitationResponse.From).ToList());
    }

    public static async Task<Ok<List<NotificationResponse>>> ListNotificationsAsync(HttpContext context, NotificationService notifications, CancellationToken ct) =>
        TypedResults.Ok((await notifications.ListAsync(context.User.ToViewer(), ct)).Select(NotificationResponse.From).ToList());

    public static async Task<Results<NoContent, ProblemHttpResult>> DismissAsync(int id, HttpContext context, NotificationService notifications, CancellationToken ct)
    {
        var dismissed = await notifications.DismissAsync(context.User.ToViewer(), id, ct);
        return dismissed.IsSuccess ? TypedResults.NoContent() : dismissed.Error!.ToProblem();
    }

    public static async Task<Results<Ok<DismissAllResponse>, ProblemHttpResult>> DismissAllAsync(HttpContext context, NotificationService notifications, CancellationToken ct)
    {
        var dismissed = await notifications.DismissAllAsync(context.User.ToViewer(), ct);
        return dismissed.IsSuccess ? TypedResults.Ok(new DismissAllResponse(dismissed.Value)) : dismissed.Error!.ToProblem();
    }
}
