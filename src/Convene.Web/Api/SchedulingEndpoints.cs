using System.Globalization;
using Convene.Core.Common;
using Convene.Core.GroupViews;
using Convene.Core.Scheduling;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace Convene.Web.Api;

/// <summary>Free/busy, first available, find a time, working hours and group views (issue 4).</summary>
public static class SchedulingEndpoints
{
    public static void MapSchedulingEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/freebusy", FreeBusyAsync).WithTags("Scheduling").WithName("GetFreeBusy")
            .WithSummary("Merged busy and tentative time and working hours of associates and resources; never titles. Accept: text/calendar gives a VFREEBUSY.")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar");
        api.MapGet("/availability/first", FirstAvailableAsync).WithTags("Scheduling").WithName("GetFirstAvailable")
            .WithSummary("The first slots where every listed associate and resource is free inside working hours.");
        api.MapPost("/availability/search", SearchAsync).WithTags("Scheduling").WithName("FindATime")
            .WithSummary("Ranked, explained suggestions for required and optional attendees, resources and rooms.");
        api.MapGet("/associates/{id:int}/working-hours", GetWorkingHoursAsync).WithTags("Scheduling").WithName("GetWorkingHours");
        api.MapPut("/associates/{id:int}/working-hours", PutWorkingHoursAsync).WithTags("Scheduling").WithName("SetWorkingHours")
            .WithSummary("The associate or an administrator sets the weekly working hours.");

        var views = api.MapGroup("/group-views").WithTags("Group views");
        views.MapGet("/", ListGroupViewsAsync).WithName("ListGroupViews").WithSummary("The caller's saved group views.");
        views.MapPost("/", CreateGroupViewAsync).WithName("CreateGroupView");
        views.MapGet("/{id:int}", GetGroupViewAsync).WithName("GetGroupView");
        views.MapPut("/{id:int}", ReplaceGroupViewAsync).WithName("ReplaceGroupView");
        views.MapDelete("/{id:int}", DeleteGroupViewAsync).WithName("DeleteGroupView");
        views.MapGet("/{id:int}/diary", GroupViewDiaryAsync).WithName("GetGroupViewDiary")
            .WithSummary("Every member's diary rows in [from, to); others' private meetings are busy time only.");
    }

    public static async Task<Results<Ok<FreeBusyResponse>, ContentHttpResult, ProblemHttpResult>> FreeBusyAsync(
        string[]? associateIds, string? from, string? to, HttpContext context, SchedulingService scheduling, Convene.Core.Itip.CalendarService calendars, CancellationToken ct)
    {
        var ids = ParseIds(associateIds);
        var range = ids.IsSuccess ? QueryTimes.ParseRequired(from, to) : ids.Error!;
        if (!range.IsSuccess)
        {
            return range.Error!.ToProblem();
        }

        // Content negotiation (RFC 9110 §12.5.1): calendar clients ask for text/calendar and get a VFREEBUSY.
        if (context.Request.Headers.Accept.ToString().Contains("text/calendar", StringComparison.OrdinalIgnoreCase))
        {
            var calendar = await calendars.GetFreeBusyAsync(context.User.ToViewer(), [.. ids.Value], range.Value.From, range.Value.To, ct);
            return calendar.IsSuccess ? CalendarEndpoints.Calendar(calendar.Value) : calendar.Error!.ToProblem();
        }

        var result = await scheduling.GetFreeBusyAsync(ids.Value, range.Value.From, range.Value.To, ct);
        return result.IsSuccess
            ? TypedResults.Ok(new FreeBusyResponse(range.Value.From.ToDateTimeUtc(), range.Value.To.ToDateTimeUtc(), result.Value.Select(f => new FreeBusyEntityResponse(
                f.AssociateId, f.Name, f.Kind.ToString(), f.TimeZone, RangeResponse.From(f.Busy), RangeResponse.From(f.Tentative), RangeResponse.From(f.WorkingHours))).ToList()))
            : result.Error!.ToProblem();
    }

    public static async Task<Results<Ok<SlotsResponse>, ProblemHttpResult>> FirstAvailableAsync(
        string[]? associateIds, string? duration, string? from, string? to, int? count, string? granularity, SchedulingService scheduling, CancellationToken ct)
    {
        var ids = ParseIds(associateIds);
        var range = ids.IsSuccess ? QueryTimes.ParseOptional(from, to) : ids.Error!;
        var length = range.IsSuccess ? ParseDuration(duration, "duration", required: true) : range.Error!;
        var grid = length.IsSuccess ? ParseDuration(granularity, "granularity", required: false) : length.Error!;
        if (!grid.IsSuccess)
        {
            return grid.Error!.ToProblem();
        }

        var slots = await scheduling.FirstAvailableAsync(ids.Value, range.Value.From, range.Value.To, length.Value!.Value, grid.Value, count ?? 1, ct);
        return slots.IsSuccess ? TypedResults.Ok(new SlotsResponse(RangeResponse.From(slots.Value))) : slots.Error!.ToProblem();
    }

    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync(SearchRequest request, HttpContext context, SchedulingService scheduling, CancellationToken ct)
    {
        var length = ParseDuration(request.Duration, "duration", required: true);
        var grid = length.IsSuccess ? ParseDuration(request.Granularity, "granularity", required: false) : length.Error!;
        var earliest = grid.IsSuccess ? ParseTimeOfDay(request.Earliest, "earliest") : grid.Error!;
        var latest = earliest.IsSuccess ? ParseTimeOfDay(request.Latest, "latest") : earliest.Error!;
        var error = latest.Error
            ?? (request.From is null ? Error.Validation("scheduling.from_required", "from is required.", "from") : null)
            ?? (request.To is null ? Error.Validation("scheduling.to_required", "to is required.", "to") : null);
        if (error is not null)
        {
            return error.ToProblem();
        }

        var answer = await scheduling.SearchAsync(
            context.User.ToViewer(),
            new FindTimeRequest(
                request.Required ?? [],
                request.Optional ?? [],
                request.Resources ?? [],
                request.Persons ?? [],
                request.Room is { } room ? new RoomQuery(room.MinCapacity ?? 0, room.Tags ?? []) : null,
                Instant.FromDateTimeOffset(request.From!.Value),
                Instant.FromDateTimeOffset(request.To!.Value),
                length.Value!.Value,
                grid.Value,
                request.WorkingHoursOnly ?? true,
                earliest.Value,
                latest.Value,
                request.MinimumOptionalShare ?? 0,
                request.MaxSuggestions ?? 10,
                request.IncludeCaller ?? true),
            ct);
        return answer.IsSuccess ? TypedResults.Ok(SearchResponse.From(answer.Value)) : answer.Error!.ToProblem();
    }

    public static async Task<Results<Ok<WorkingHoursResponse>, ProblemHttpResult>> GetWorkingHoursAsync(int id, SchedulingService scheduling, CancellationToken ct)
    {
        var hours = await scheduling.GetWorkingHoursAsync(id, ct);
        return hours.IsSuccess ? TypedResults.Ok(WorkingHoursResponse.From(hours.Value)) : hours.Error!.ToProblem();
    }

    public static async Task<Results<Ok<WorkingHoursResponse>, ProblemHttpResult>> PutWorkingHoursAsync(int id, WorkingHoursRequest request, HttpContext context, SchedulingService scheduling, CancellationToken ct)
    {
        WorkingHoursMode mode;
        if (request.Mode is null)
        {
            mode = request.Periods is null ? WorkingHoursMode.Default : WorkingHoursMode.Custom;
        }
        else if (!Enum.TryParse(request.Mode, ignoreCase: true, out mode) || !Enum.IsDefined(mode) || int.TryParse(request.Mode, out _))
        {
            return Error.Validation("working_hours.mode_invalid", "mode is Default, Custom or Always.", "mode").ToProblem();
        }

        var periods = new List<WorkingPeriod>();
        foreach (var p in request.Periods ?? [])
        {
            var day = p?.Day is { } d && Enum.TryParse<IsoDayOfWeek>(d, ignoreCase: true, out var parsedDay) && parsedDay != IsoDayOfWeek.None && !int.TryParse(d, out _)
                ? parsedDay
                : (IsoDayOfWeek?)null;
            var start = ParseTimeOfDay(p?.Start, "periods");
            var end = ParseTimeOfDay(p?.End, "periods");
            if (day is null || !start.IsSuccess || start.Value is null || !end.IsSuccess || end.Value is null)
            {
                return Error.Validation("working_hours.period_invalid", "A period is {\"day\": \"Monday\", \"start\": \"08:00\", \"end\": \"16:00\"} (\"24:00\" ends the day).", "periods").ToProblem();
            }

            periods.Add(new WorkingPeriod(day.Value, start.Value.Value, end.Value.Value));
        }

        var set = await scheduling.SetWorkingHoursAsync(context.User.ToViewer(), id, mode, periods, ct);
        return set.IsSuccess ? TypedResults.Ok(WorkingHoursResponse.From(set.Value)) : set.Error!.ToProblem();
    }

    public static async Task<Ok<List<GroupViewResponse>>> ListGroupViewsAsync(HttpContext context, GroupViewService views, CancellationToken ct) =>
        TypedResults.Ok((await views.ListAsync(context.User.ToViewer(), ct)).Select(GroupViewResponse.From).ToList());

    public static async Task<Results<Created<GroupViewResponse>, ProblemHttpResult>> CreateGroupViewAsync(GroupViewRequest request, HttpContext context, GroupViewService views, CancellationToken ct)
    {
        var created = await views.CreateAsync(context.User.ToViewer(), request.Name, request.MemberIds, ct);
        return created.IsSuccess
            ? TypedResults.Created($"/api/v1/group-views/{created.Value.Id}", GroupViewResponse.From(created.Value))
            : created.Error!.ToProblem();
    }

    public static async Task<Results<Ok<GroupViewResponse>, ProblemHttpResult>> GetGroupViewAsync(int id, HttpContext context, GroupViewService views, CancellationToken ct)
    {
        var view = await views.GetAsync(context.User.ToViewer(), id, ct);
        return view.IsSuccess ? TypedResults.Ok(GroupViewResponse.From(view.Value)) : view.Error!.ToProblem();
    }

    public static async Task<Results<Ok<GroupViewResponse>, ProblemHttpResult>> ReplaceGroupViewAsync(int id, GroupViewRequest request, HttpContext context, GroupViewService views, CancellationToken ct)
    {
        var view = await views.ReplaceAsync(context.User.ToViewer(), id, request.Name, request.MemberIds, ct);
        return view.IsSuccess ? TypedResults.Ok(GroupViewResponse.From(view.Value)) : view.Error!.ToProblem();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteGroupViewAsync(int id, HttpContext context, GroupViewService views, CancellationToken ct)
    {
        var deleted = await views.DeleteAsync(context.User.ToViewer(), id, ct);
        return deleted.IsSuccess ? TypedResults.NoContent() : deleted.Error!.ToProblem();
    }

    public static async Task<Results<Ok<GroupViewDiaryResponse>, ProblemHttpResult>> GroupViewDiaryAsync(
        int id, string? from, string? to, bool? includePending, HttpContext context, GroupViewService views, CancellationToken ct)
    {
        var range = QueryTimes.ParseRequired(from, to);
        if (!range.IsSuccess)
        {
            return range.Error!.ToProblem();
        }

        var diary = await views.GetDiaryAsync(context.User.ToViewer(), id, range.Value.From, range.Value.To, includePending ?? false, ct);
        if (!diary.IsSuccess)
        {
            return diary.Error!.ToProblem();
        }

        var (view, members) = diary.Value;
        return TypedResults.Ok(new GroupViewDiaryResponse(
            view.Id,
            view.Name,
            range.Value.From.ToDateTimeUtc(),
            range.Value.To.ToDateTimeUtc(),
            members.Select(m => new GroupViewMemberResponse(m.AssociateId, m.Name, m.IsResource ? "Resource" : "Employee", m.Entries.Select(DiaryEntryResponse.From).ToList())).ToList()));
    }

    /// <summary>Ids as a comma-separated list, repeated parameters, or both: <c>associateIds=1,2&amp;associateIds=3</c>.</summary>
    private static Result<IReadOnlyList<int>> ParseIds(string[]? values)
    {
        var ids = new List<int>();
        foreach (var part in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return Error.Validation("scheduling.invalid_associate_ids", $"associateIds is a comma-separated list of ids; '{part}' is not one.", "associateIds");
            }

            ids.Add(id);
        }

        return ids;
    }

    private static Result<Duration?> ParseDuration(string? text, string field, bool required) => IsoDuration.Parse(text, "scheduling", field, required);

    private static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private static Result<LocalTime?> ParseTimeOfDay(string? text, string field)
    {
        if (text is null)
        {
            return (LocalTime?)null;
        }

        if (text.Trim() == "24:00")
        {
            return LocalTime.Midnight;
        }

        var parsed = HourMinute.Parse(text.Trim());
        return parsed.Success ? parsed.Value : Error.Validation("scheduling.time_of_day_invalid", $"{field} is a local time \"HH:mm\", e.g. \"09:00\".", field);
    }
}
