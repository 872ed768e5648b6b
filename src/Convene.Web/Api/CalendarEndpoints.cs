using Convene.Core.Common;
using Convene.Core.Itip;
using Convene.ICalendar;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Convene.Web.Api;

/// <summary>iCalendar out (feeds, one meeting, free/busy) and iTIP replies in (issue 6).</summary>
public static class CalendarEndpoints
{
    /// <summary>The largest iTIP body accepted (issue 6: more than 1 MB is refused).</summary>
    public const int MaxItipBytes = 1024 * 1024;

    private const string CalendarType = "text/calendar; charset=utf-8";

    public static void MapCalendarEndpoints(this WebApplication app, RouteGroupBuilder api)
    {
        app.MapGet("/ical/{token}.ics", FeedAsync).AllowAnonymous().InTurn().WithTags("Calendar").WithName("GetCalendarFeed")
            .WithSummary("An associate's diary as an iCalendar subscription (secret URL; no login).")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar");

        api.MapGet("/me/calendar-feed", GetFeedUrlAsync).WithTags("Calendar").WithName("GetMyCalendarFeed")
            .WithSummary("The caller's secret calendar subscription URL (created on first use).");
        api.MapPost("/me/calendar-feed/rotate", RotateFeedAsync).WithTags("Calendar").WithName("RotateMyCalendarFeed")
            .WithSummary("Replaces the caller's feed URL; the old one stops working.");
        api.MapGet("/appointments/{id:int}/ics", MeetingIcsAsync).WithTags("Calendar").WithName("GetAppointmentIcs")
            .WithSummary("One meeting as an .ics file (text/calendar).").Produces(StatusCodes.Status200OK, contentType: "text/calendar");
        api.MapGet("/freebusy.ics", FreeBusyAsync).WithTags("Calendar").WithName("GetFreeBusyIcs")
            .WithSummary("Busy time of one or more diaries in [from, to) as VFREEBUSY (text/calendar).").Produces(StatusCodes.Status200OK, contentType: "text/calendar");
        api.MapPost("/itip", ImportItipAsync).WithTags("Calendar").WithName("ImportItipReply")
            .WithSummary("An external person's iTIP REPLY (text/calendar), e.g. from a mail gateway; for the meeting's owner or an administrator.")
            .Accepts<string>("text/calendar"); // anything else: 415 request.unsupported_media_type
        api.MapGet("/appointments/{id:int}/email", GetEmailAsync).WithTags("Calendar").WithName("GetAppointmentEmail")
            .WithSummary("Owner: the meeting's UID and SEQUENCE and each external person's e-mail delivery state.");
        api.MapPut("/appointments/{id:int}/email", SetEmailAsync).WithTags("Calendar").WithName("SetAppointmentEmail")
            .WithSummary("Owner: turns e-mail invitations on or off for the meeting or single persons.");
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> FeedAsync(string token, HttpContext context, CalendarService calendars, CancellationToken ct)
    {
        var feed = await calendars.GetFeedAsync(token, ct);
        context.Response.Headers.CacheControl = "private, no-cache";
        return feed.IsSuccess ? Calendar(feed.Value) : feed.Error!.ToProblem();
    }

    public static async Task<Results<Ok<CalendarFeedResponse>, ProblemHttpResult>> GetFeedUrlAsync(HttpContext context, CalendarService calendars, CancellationToken ct)
    {
        var url = await calendars.GetFeedUrlAsync(context.User.ToViewer(), ct);
        return url.IsSuccess ? TypedResults.Ok(new CalendarFeedResponse(url.Value)) : url.Error!.ToProblem();
    }

    public static async Task<Results<Ok<CalendarFeedResponse>, ProblemHttpResult>> RotateFeedAsync(HttpContext context, CalendarService calendars, CancellationToken ct)
    {
        var url = await calendars.RotateFeedAsync(context.User.ToViewer(), ct);
        return url.IsSuccess ? TypedResults.Ok(new CalendarFeedResponse(url.Value)) : url.Error!.ToProblem();
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> MeetingIcsAsync(int id, HttpContext context, CalendarService calendars, CancellationToken ct)
    {
        var calendar = await calendars.GetMeetingAsync(context.User.ToViewer(), id, ct);
        if (!calendar.IsSuccess)
        {
            return calendar.Error!.ToProblem();
        }

        context.Response.Headers.ContentDisposition = $"attachment; filename=\"appointment-{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}.ics\"";
        return Calendar(calendar.Value);
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> FreeBusyAsync(string? from, string? to, int[]? associateId, HttpContext context, CalendarService calendars, CancellationToken ct)
    {
        var range = QueryTimes.ParseRequired(from, to);
        if (!range.IsSuccess)
        {
            return range.Error!.ToProblem();
        }

        var calendar = await calendars.GetFreeBusyAsync(context.User.ToViewer(), associateId ?? [], range.Value.From, range.Value.To, ct);
        return calendar.IsSuccess ? Calendar(calendar.Value) : calendar.Error!.ToProblem();
    }

    [TakesOwnTurn]
    public static async Task<Results<Ok<ItipReplyResponse>, ProblemHttpResult>> ImportItipAsync(HttpContext context, ReplyService replies, RequestConcurrency concurrency, CancellationToken ct)
    {
        // Above the server-wide 1 MB so that this endpoint, not Kestrel, says what was too large.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxItipBytes + (64 * 1024);
        }

        var body = await ReadLimitedAsync(context.Request.Body, MaxItipBytes, ct);
        if (body is null)
        {
            return TypedResults.Problem(
                detail: ItipErrors.TooLarge.Message,
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: ErrorMapping.TitleFor(413),
                type: ErrorMapping.TypeFor(413),
                extensions: new Dictionary<string, object?> { ["code"] = ItipErrors.TooLarge.Code });
        }

        var parsed = CalendarParser.Parse(body, new ParserOptions { MaxInputBytes = MaxItipBytes });
        if (!parsed.Success)
        {
            return ItipErrors.Malformed(parsed.Errors.Count > 0 ? parsed.Errors[0].ToString() : "no calendar").ToProblem();
        }

        // Its turn only now that the body is read: a client sending it slowly holds no slot (RequestConcurrency).
        using var turn = await concurrency.EnterAsync(ct);
        if (!turn.IsAcquired)
        {
            return RequestConcurrency.Busy(context);
        }

        var outcome = await replies.ImportReplyAsync(context.User.ToViewer(), parsed.Value, ct);
        return outcome.IsSuccess ? TypedResults.Ok(ItipReplyResponse.From(outcome.Value)) : outcome.Error!.ToProblem();
    }

    public static async Task<Results<Ok<EmailResponse>, ProblemHttpResult>> GetEmailAsync(int id, HttpContext context, DeliveryService deliveries, CancellationToken ct)
    {
        var view = await deliveries.GetAsync(context.User.ToViewer(), id, ct);
        return view.IsSuccess ? TypedResults.Ok(EmailResponse.From(view.Value)) : view.Error!.ToProblem();
    }

    public static async Task<Results<Ok<EmailResponse>, ProblemHttpResult>> SetEmailAsync(int id, EditEmailRequest request, HttpContext context, DeliveryService deliveries, CancellationToken ct)
    {
        var persons = new Dictionary<int, bool>();
        foreach (var p in request.Persons ?? [])
        {
            if (p is not { PersonId: { } personId, SendEmail: { } send })
            {
                return Error.Validation("email.invalid_person", "Each entry of persons names personId and sendEmail.", "persons").ToProblem();
            }

            persons[personId] = send;
        }

        var view = await deliveries.SetAsync(context.User.ToViewer(), id, request.SendEmail, persons, ct);
        return view.IsSuccess ? TypedResults.Ok(EmailResponse.From(view.Value)) : view.Error!.ToProblem();
    }

    internal static ContentHttpResult Calendar(VCalendar calendar) => TypedResults.Text(CalendarWriter.Write(calendar), CalendarType);

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes (read no further than that).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
