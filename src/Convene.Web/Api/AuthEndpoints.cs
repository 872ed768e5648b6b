using Convene.Core.Directory;
using Convene.Core.Identity;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Convene.Web.Api;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/token", IssueTokenAsync).AllowAnonymous().WithName("IssueToken")
            .WithSummary("Signs in with user name and password and returns a bearer token.")
            .AddEndpointFilter<LoginThrottleFilter>().ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/revoke", RevokeTokenAsync).WithName("RevokeToken").WithSummary("Revokes the token of this request (sign out).");
        group.MapGet("/me", GetMeAsync).WithName("GetMe").WithSummary("The signed-in associate.");
        return group;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(TokenRequest? request, AuthService auth, CancellationToken ct)
    {
        var issued = await auth.IssueAsync(request?.UserName, request?.Password, ct);
        return issued.IsSuccess
            ? TypedResults.Ok(new TokenResponse(issued.Value.Token, issued.Value.AssociateId, issued.Value.ExpiresAt.ToDateTimeUtc()))
            : issued.Error!.ToProblem();
    }

    public static async Task<NoContent> RevokeTokenAsync(HttpContext context, AuthService auth, CancellationToken ct)
    {
        var header = context.Request.Headers.Authorization.ToString();
        await auth.RevokeAsync(header[7..].Trim(), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<AssociateResponse>, ProblemHttpResult>> GetMeAsync(HttpContext context, DirectoryService directory, CancellationToken ct)
    {
        var me = await directory.GetAssociateAsync(context.User.ToViewer().AssociateId, ct);
        return me.IsSuccess ? TypedResults.Ok(AssociateResponse.From(me.Value)) : me.Error!.ToProblem();
    }
}
