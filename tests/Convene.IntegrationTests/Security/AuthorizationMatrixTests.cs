using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Security;

/// <summary>Who asks, in the authorization matrix. Resources cannot sign in, so they are no role.</summary>
public enum Role
{
    Owner,
    InviteeAnswered,
    InviteeNotAnswered,
    OtherAssociate,
    Administrator,
    Anonymous,
    RevokedToken,
    ExpiredToken,
}

/// <summary>
/// For every route of the OpenAPI document and every role, the status the server must answer, asserted against the
/// running server; a route without a row fails the test, so a new endpoint cannot ship without deciding who may
/// call it. The meeting is private (nobody but its participants sees it); after every request that changed something the
/// next one gets fresh objects.
/// </summary>
public abstract class AuthorizationMatrixTests(ConveneApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task EveryRouteOfTheOpenApiDocument_HasARow_AndEveryRowIsARoute()
    {
        var routes = (await ApiRoute.FromOpenApiAsync(App)).Select(r => r.Key).ToHashSet();

        Assert.Empty(routes.Except(AuthorizationMatrix.Expected.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(AuthorizationMatrix.Expected.Keys.Except(routes).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryRouteAndRole_AnswersTheExpectedStatus()
    {
        var routes = await ApiRoute.FromOpenApiAsync(App);
        var tokens = await TokensAsync();
        var failures = new StringBuilder();
        var actual = new StringBuilder();
        MatrixScene? scene = null;
        foreach (var route in routes)
        {
            var row = new int[Enum.GetValues<Role>().Length];
            foreach (var role in Enum.GetValues<Role>())
            {
                scene ??= await MatrixScene.CreateAsync(App);
                using var request = scene.Request(route);
                var token = await TokenForAsync(role, route, tokens);
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var client = App.CreateClient();
                // Headers only: the notification stream (text/event-stream) never ends.
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
                var text = (int)response.StatusCode >= 300 ? await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) : "";
                row[(int)role] = (int)response.StatusCode;
                if (route.Method != "GET" && response.IsSuccessStatusCode)
                {
                    scene = null; // it changed something: the next cell gets fresh objects (a refusal changes nothing)
                }

                Assert.True((int)response.StatusCode < 500, $"{route.Key} as {role}: {(int)response.StatusCode} {text}");
                if (AuthorizationMatrix.Expected.TryGetValue(route.Key, out var expected) && expected[(int)role] != (int)response.StatusCode)
                {
                    failures.AppendLine(CultureInfo.InvariantCulture, $"{route.Key} as {role}: expected {expected[(int)role]}, got {(int)response.StatusCode} {text}");
                }
            }

            actual.AppendLine(CultureInfo.InvariantCulture, $"        [\"{route.Key}\"] = [{string.Join(", ", row)}],");
        }

        if (Environment.GetEnvironmentVariable("CONVENE_MATRIX_OUT") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, actual.ToString(), TestContext.Current.CancellationToken);
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    private sealed record Tokens(Dictionary<Role, string> ByRole, string OtherUserName);

    private async Task<Tokens> TokensAsync()
    {
        var byRole = new Dictionary<Role, string>
        {
            [Role.Owner] = await App.LoginAsync("frode", "demo"),
            [Role.InviteeAnswered] = await App.LoginAsync("ingrid", "demo"),
            [Role.InviteeNotAnswered] = await App.LoginAsync("kari", "demo"),
            [Role.Administrator] = await App.LoginAsync("admin", "demo"),
        };

        var other = await OtherAssociateAsync();
        byRole[Role.OtherAssociate] = await App.LoginAsync(other, OtherPassword);

        // Revoked: signed out through the API. Expired: its expiry set in the past, as time would.
        var revoked = await App.LoginAsync("frode", "demo");
        using (var client = App.ClientWithToken(revoked))
        {
            (await client.PostJsonAsync("/api/v1/auth/revoke")).EnsureSuccessStatusCode();
        }

        byRole[Role.RevokedToken] = revoked;
        var expired = await App.LoginAsync("frode", "demo");
        await using (var connection = await App.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE auth_token SET expires_at = '2001-01-01 00:00:00' WHERE auth_token_id = (SELECT MAX(auth_token_id) FROM auth_token)";
            if (App.Provider == Convene.Persistence.DatabaseProvider.Postgres)
            {
                command.CommandText = "UPDATE auth_token SET expires_at = TIMESTAMP '2001-01-01 00:00:00' WHERE auth_token_id = (SELECT MAX(auth_token_id) FROM auth_token)";
            }

            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        byRole[Role.ExpiredToken] = expired;
        return new Tokens(byRole, other);
    }

    private const string OtherPassword = "other-password";

    private async Task<string> OtherAssociateAsync()
    {
        using var admin = await App.ClientForAsync("admin");
        var name = $"other{Guid.NewGuid():N}"[..16];
        (await admin.PostJsonAsync("/api/v1/associates", new { name = "Olav Other", kind = "Employee", userName = name, password = OtherPassword })).EnsureSuccessStatusCode();
        return name;
    }

    // Revoking signs the token out: such cells get a token of their own, so the role's shared token stays valid.
    private async Task<string?> TokenForAsync(Role role, ApiRoute route, Tokens tokens) => role switch
    {
        Role.Anonymous => null,
        Role.OtherAssociate when route.Key is "POST /api/v1/auth/revoke" or "DELETE /api/v1/auth/session" => await App.LoginAsync(tokens.OtherUserName, OtherPassword),
        Role.Owner or Role.InviteeAnswered or Role.InviteeNotAnswered or Role.Administrator when route.Key is "POST /api/v1/auth/revoke" or "DELETE /api/v1/auth/session" =>
            await App.LoginAsync(role switch { Role.Owner => "frode", Role.InviteeAnswered => "ingrid", Role.InviteeNotAnswered => "kari", _ => "admin" }, "demo"),
        Role.OtherAssociate or Role.Owner or Role.InviteeAnswered or Role.InviteeNotAnswered or Role.Administrator or Role.RevokedToken or Role.ExpiredToken =>
            tokens.ByRole[role],
    };
}

public sealed class AuthorizationMatrixTests_Sqlite(ConveneApp app) : AuthorizationMatrixTests(app), IClassFixture<ConveneApp>;

public sealed class AuthorizationMatrixTests_Postgres(PostgresConveneApp app) : AuthorizationMatrixTests(app), IClassFixture<PostgresConveneApp>;
