using System.Net;
using System.Text;
using Convene.Core.Common;
using Convene.Core.Itip;
using Convene.ICalendar;
using Convene.Web.Hosting;

namespace Convene.Web.Api;

/// <summary>
/// The answer page of the e-mails' links: no login, the secret token is the credential. Errors are problem+json, or a
/// small HTML page with the same status when a browser asks for HTML.
/// </summary>
public static class RsvpEndpoints
{
    public static void MapRsvpEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/rsvp").AllowAnonymous().WithTags("RSVP").InTurn();
        group.MapGet("/{token}", ShowAsync).WithName("ShowRsvp").WithSummary("The invitation and its Accept/Decline forms (HTML).")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapPost("/{token}/accept", AcceptAsync).WithName("AcceptRsvp").WithSummary("The external person accepts.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapPost("/{token}/decline", DeclineAsync).WithName("DeclineRsvp").WithSummary("The external person declines; form field 'reason' (optional).")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
    }

    public static async Task<IResult> ShowAsync(string token, HttpContext context, ReplyService replies, CancellationToken ct) =>
        Respond(context, await replies.GetRsvpAsync(token, ct), token, null);

    public static async Task<IResult> AcceptAsync(string token, HttpContext context, ReplyService replies, CancellationToken ct) =>
        Respond(context, await replies.AnswerRsvpAsync(token, accept: true, null, ct), token, "Thank you: you accepted.");

    [TakesOwnTurn]
    public static async Task<IResult> DeclineAsync(string token, HttpContext context, ReplyService replies, RequestConcurrency concurrency, CancellationToken ct)
    {
        string? reason = null;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(ct);
            reason = form["reason"].ToString();
        }

        // Its turn only now that the form is read: a client sending it slowly holds no slot (RequestConcurrency).
        using var turn = await concurrency.EnterAsync(ct);
        if (!turn.IsAcquired)
        {
            return RequestConcurrency.Busy(context);
        }

        return Respond(context, await replies.AnswerRsvpAsync(token, accept: false, reason, ct), token, "Thank you: you declined.");
    }

    private static IResult Respond(HttpContext context, Result<RsvpView> result, string token, string? done)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer"; // the token is in the URL
        if (result.IsSuccess)
        {
            return Results.Content(Page(result.Value, token, done), "text/html; charset=utf-8");
        }

        var error = result.Error!;
        var wantsHtml = context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        return wantsHtml
            ? Results.Content(Shell("Convene", $"<p>{Encode(error.Message)}</p>"), "text/html; charset=utf-8", Encoding.UTF8, ErrorMapping.StatusFor(error.Kind))
            : error.ToProblem();
    }

    private static string Page(RsvpView view, string token, string? done)
    {
        var answer = view.PartStat switch
        {
            ParticipationStatus.Accepted => "You have accepted.",
            ParticipationStatus.Declined => "You have declined.",
            _ => "Please let the organizer know whether you come.",
        };
        var body = new StringBuilder();
        if (done is not null)
        {
            body.Append("<p role=\"status\"><strong>").Append(Encode(done)).Append("</strong></p>");
        }

        body.Append("<h1>").Append(Encode(view.Title)).Append("</h1>");
        body.Append("<p>Dear ").Append(Encode(view.PersonName)).Append(", ").Append(Encode(view.OrganizerName)).Append(" invites you.</p>");
        body.Append("<dl><dt>When</dt><dd>").Append(Encode(view.When)).Append("</dd>");
        if (view.Location is not null)
        {
            body.Append("<dt>Where</dt><dd>").Append(Encode(view.Location)).Append("</dd>");
        }

        body.Append("</dl>");
        if (view.Description is not null)
        {
            body.Append("<p>").Append(Encode(view.Description).ReplaceLineEndings("<br>")).Append("</p>");
        }

        var path = "/rsvp/" + Uri.EscapeDataString(token);
        body.Append("<p id=\"answer\">").Append(Encode(answer)).Append("</p>");
        body.Append("<form method=\"post\" action=\"").Append(path).Append("/accept\"><button type=\"submit\">Accept</button></form>");
        body.Append("<form method=\"post\" action=\"").Append(path).Append("/decline\"><label>Reason (optional) <input name=\"reason\" maxlength=\"254\"></label> ")
            .Append("<button type=\"submit\">Decline</button></form>");
        return Shell(view.Title, body.ToString());
    }

    private static string Shell(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{Encode(title)}</title></head><body>{body}</body></html>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
