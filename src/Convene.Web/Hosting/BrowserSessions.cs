using System.Security.Claims;
using System.Text.Encodings.Web;
using Convene.Core.Common;
using Convene.Core.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Convene.Web.Hosting;

/// <summary>
/// The browser's sign-in: a session cookie beside the API's bearer tokens. The cookie carries a token issued and
/// revoked by the same <see cref="AuthService"/>, so a browser session can be ended on the server (sign-out) like any token.
/// </summary>
public static class BrowserSessions
{
    public const string SessionScheme = "Session";
    public const string PolicyScheme = "BearerOrSession";
    public const string CookieName = "convene_session";
    public const string CsrfHeaderName = "X-CSRF-TOKEN";
    public const string SignInPath = "/api/v1/auth/session";

    /// <summary>A second authentication scheme and the CSRF token service; the API accepts a bearer token or the cookie.</summary>
    public static IServiceCollection AddConveneBrowserSessions(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, SessionCookieHandler>(SessionScheme, null)
            .AddPolicyScheme(PolicyScheme, "Bearer token or session cookie", options =>
                // An Authorization header always wins: a cross-site page cannot set one, so such requests need no CSRF token.
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies.ContainsKey(CookieName)
                        ? SessionScheme
                        : BearerTokenHandler.SchemeName);
        services.Configure<AuthenticationOptions>(options =>
        {
            options.DefaultScheme = PolicyScheme;
            options.DefaultAuthenticateScheme = PolicyScheme;
            options.DefaultChallengeScheme = PolicyScheme;
        });
        services.AddAntiforgery(options =>
        {
            options.HeaderName = CsrfHeaderName;
            options.Cookie.Name = "convene_csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The API answers JSON only; the SPA's own headers forbid framing (see SpaHosting).
            options.SuppressXFrameOptionsHeader = true;
        });
        return services;
    }

    /// <summary>
    /// Refuses every state-changing request authenticated by the cookie (and the cookie sign-in itself) that lacks a
    /// valid antiforgery header token: the synchronizer-token defence of OWASP's CSRF cheat sheet, on top of SameSite=Strict.
    /// </summary>
    public static IApplicationBuilder UseCsrfProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NeedsCsrfCheck(context))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            bool valid;
            try
            {
                valid = await antiforgery.IsRequestValidAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                valid = false; // an unreadable form (over the form limits, found by the API fuzz test) carries no token
            }

            if (!valid)
            {
                await Error.Forbidden("auth.csrf_token_invalid", $"A request made with the session cookie needs the {CsrfHeaderName} header from GET {SignInPath}.")
                    .ToProblem().ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });

    private static bool NeedsCsrfCheck(HttpContext context)
    {
        var method = context.Request.Method;
        // RFC 9110 §9.2.1: only safe methods may skip the check.
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return false;
        }

        return context.User.Identity?.AuthenticationType == SessionScheme
            || context.Request.Path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The principal both schemes build for a viewer.</summary>
    internal static ClaimsPrincipal PrincipalFor(Viewer viewer, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(BearerTokenHandler.AssociateIdClaim, viewer.AssociateId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(BearerTokenHandler.AdministratorClaim, viewer.IsAdministrator ? "true" : "false"),
    ], scheme));

    internal static CookieOptions SessionCookie(HttpContext context) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}

/// <summary>Authenticates the session cookie: its value is a token of <see cref="AuthService"/>.</summary>
internal sealed class SessionCookieHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(BrowserSessions.CookieName, out var token) || string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        var viewer = await Context.RequestServices.GetRequiredService<AuthService>().AuthenticateAsync(token, Context.RequestAborted);
        if (!viewer.IsSuccess)
        {
            Context.Items[BearerTokenHandler.FailureCodeItem] = viewer.Error!.Code;
            return AuthenticateResult.Fail(viewer.Error.Message);
        }

        var principal = BrowserSessions.PrincipalFor(viewer.Value, BrowserSessions.SessionScheme);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, BrowserSessions.SessionScheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}
