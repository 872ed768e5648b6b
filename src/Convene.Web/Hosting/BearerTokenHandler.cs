using System.Security.Claims;
using System.Text.Encodings.Web;
using Convene.Core.Common;
using Convene.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Convene.Web.Hosting;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the stored (hashed) tokens.</summary>
internal sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string AssociateIdClaim = "convene:associate_id";
    public const string AdministratorClaim = "convene:administrator";
    public const string FailureCodeItem = "convene:auth_failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            Context.Items[FailureCodeItem] = "auth.invalid_token";
            return AuthenticateResult.Fail("The Authorization header is not a bearer token.");
        }

        var auth = Context.RequestServices.GetRequiredService<AuthService>();
        var viewer = await auth.AuthenticateAsync(header[7..].Trim(), Context.RequestAborted);
        if (!viewer.IsSuccess)
        {
            Context.Items[FailureCodeItem] = viewer.Error!.Code;
            return AuthenticateResult.Fail(viewer.Error.Message);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(BrowserSessions.PrincipalFor(viewer.Value, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

internal static class ViewerExtensions
{
    /// <summary>The signed-in associate; only called behind RequireAuthorization.</summary>
    public static Viewer ToViewer(this ClaimsPrincipal user) => new(
        int.Parse(user.FindFirstValue(BearerTokenHandler.AssociateIdClaim)!, System.Globalization.CultureInfo.InvariantCulture),
        user.FindFirstValue(BearerTokenHandler.AdministratorClaim) == "true");
}
