using System.Net;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Security;

/// <summary>
/// The security headers (issue 8, item 5) on the browser app's page, on authenticated API answers and on a refused
/// anonymous request: no MIME sniffing, no referrer, no framing, no powerful browser features, and API answers that
/// no cache keeps. The test server speaks plain HTTP, so there is no HSTS (RFC 6797 §7.2).
/// </summary>
public abstract class SecurityHeadersTests(ConveneApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task ThePage_TheApiAndARefusal_CarryTheSecurityHeaders()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = new HttpClient { BaseAddress = App.BaseAddress };
        using var frode = await App.ClientForAsync("frode");

        using var page = await anonymous.GetAsync("/", ct);
        using var api = await frode.GetAsync("/api/v1/auth/me", ct);
        using var refused = await anonymous.GetAsync("/api/v1/invitations", ct);

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        foreach (var response in new[] { page, api, refused })
        {
            var where = response.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.True(response.Headers.Contains("X-Content-Type-Options"), where);
            Assert.Equal("nosniff", string.Join(',', response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", string.Join(',', response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", string.Join(',', response.Headers.GetValues("X-Frame-Options")));
            Assert.Contains("frame-ancestors 'none'", string.Join(',', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.Contains("camera=()", string.Join(',', response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), where);
        }

        Assert.True(api.Headers.CacheControl?.NoStore, "an authenticated API answer must not be stored");
        Assert.True(refused.Headers.CacheControl?.NoStore, "an API refusal must not be stored");
    }
}

public sealed class SecurityHeadersTests_Sqlite(ConveneApp app) : SecurityHeadersTests(app), IClassFixture<ConveneApp>;

public sealed class SecurityHeadersTests_Postgres(PostgresConveneApp app) : SecurityHeadersTests(app), IClassFixture<PostgresConveneApp>;
