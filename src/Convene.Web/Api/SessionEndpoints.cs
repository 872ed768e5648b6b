using Convene.Core.Common;
using Convene.Core.Directory;
using Convene.Core.Identity;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Convene.Web.Api;

/// <summary>The browser's session: who is signed in, the CSRF token, cookie sign-in and sign-out.</summary>
public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth/session").WithTags("Auth");
        group.MapGet("/", GetAsync).AllowAnonymous().WithName("GetSession")
            .WithSummary("The signed-in associate (or null) and the CSRF token every state-changing cookie request must send as X-CSRF-TOKEN.");
        group.MapPost("/", SignInAsync).AllowAnonymous().WithName("SignInSession")
            .WithSummary("Signs in with user name and password and sets the HttpOnly, SameSite=Strict session cookie.")
            .AddEndpointFilter<LoginThrottleFilter>().ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapDelete("/", SignOutAsync).AllowAnonymous().WithName("SignOutSession").WithSummary("Ends the session: revokes its token and clears the cookie.");
    }

    public static async Task<Ok<SessionResponse>> GetAsync(HttpContext context, DirectoryService directory, IAntiforgery antiforgery, CancellationToken ct)
    {
        AssociateResponse? me = null;
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var found = await directory.GetAssociateAsync(context.User.ToViewer().AssociateId, ct);
            me = found.IsSuccess ? AssociateResponse.From(found.Value) : null;
        }

        return TypedResults.Ok(new SessionResponse(me, antiforgery.GetAndStoreTokens(context).RequestToken!));
    }

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> SignInAsync(
        TokenRequest? request, HttpContext context, AuthService auth, DirectoryService directory, IAntiforgery antiforgery, CancellationToken ct)
    {
        var issued = await auth.IssueAsync(request?.UserName, request?.Password, ct);
        if (!issued.IsSuccess)
        {
            return issued.Error!.ToProblem();
        }

        context.Response.Cookies.Append(BrowserSessions.CookieName, issued.Value.Token, BrowserSessions.SessionCookie(context));
        var me = await directory.GetAssociateAsync(issued.Value.AssociateId, ct);
        var viewer = await auth.AuthenticateAsync(issued.Value.Token, ct);
        if (!me.IsSuccess || !viewer.IsSuccess)
        {
            return (me.Error ?? viewer.Error ?? Error.Unauthorized("auth.invalid_token", "The session could not be started.")).ToProblem();
        }

        // The CSRF token is bound to the user: issue the signed-in user's token now, saving the client a round trip.
        context.User = BrowserSessions.PrincipalFor(viewer.Value, BrowserSessions.SessionScheme);
        return TypedResults.Ok(new SessionResponse(AssociateResponse.From(me.Value), antiforgery.GetAndStoreTokens(context).RequestToken!));
    }

    public static async Task<NoContent> SignOutAsync(HttpContext context, AuthService auth, CancellationToken ct)
    {
        if (context.Request.Cookies.TryGetValue(BrowserSessions.CookieName, out var token) && !string.IsNullOrEmpty(token))
        {
            await auth.RevokeAsync(token, ct);
        }

        context.Response.Cookies.Delete(BrowserSessions.CookieName, BrowserSessions.SessionCookie(context));
        return TypedResults.NoContent();
    }
}

/// <summary><c>associate</c> is null when nobody is signed in.</summary>
public sealed record SessionResponse(AssociateResponse? Associate, string CsrfToken);
