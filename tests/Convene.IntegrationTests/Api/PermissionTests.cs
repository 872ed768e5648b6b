using System.Net;
using System.Text.Json;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Api;

/// <summary>Nobody sees or changes what is not theirs.</summary>
public abstract class PermissionTests(ConveneApp app) : ApiTestBase(app)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kari_CannotAnswerIngridsInvitation()
    {
        var id = await CreateAsync(isPrivate: false);
        using var kari = await App.ClientForAsync("kari");
        var before = await App.FingerprintAsync();

        await (await kari.PostJsonAsync($"/api/v1/appointments/{id}/accept")).ProblemAsync(HttpStatusCode.Forbidden, "invitation.not_invited");
        await (await kari.PostJsonAsync($"/api/v1/appointments/{id}/decline", new { reason = "x" })).ProblemAsync(HttpStatusCode.Forbidden, "invitation.not_invited");

        Assert.Equal(before, await App.FingerprintAsync());
    }

    [Fact]
    public async Task Kari_CannotMoveEditCancelOrChangeParticipantsOfFrodesMeeting()
    {
        var id = await CreateAsync(isPrivate: false);
        using var kari = await App.ClientForAsync("kari");
        var slot = App.NextSlot();
        var before = await App.FingerprintAsync();

        await (await kari.PatchJsonAsync($"/api/v1/appointments/{id}", new { start = slot.Start.Iso(), end = slot.End.Iso() })).ProblemAsync(HttpStatusCode.Forbidden, "appointment.not_owner");
        await (await kari.PostJsonAsync($"/api/v1/appointments/{id}/cancel")).ProblemAsync(HttpStatusCode.Forbidden, "appointment.not_owner");
        await (await kari.PostJsonAsync($"/api/v1/appointments/{id}/participants", new { associateId = await App.IdAsync("kari") })).ProblemAsync(HttpStatusCode.Forbidden, "appointment.not_owner");
        await (await kari.DeleteAsync($"/api/v1/appointments/{id}", _ct)).ProblemAsync(HttpStatusCode.Forbidden, "invitation.not_invited");

        Assert.Equal(before, await App.FingerprintAsync());
    }

    [Fact]
    public async Task PrivateMeeting_IsInvisibleToOthers_AndBusyOnlyInDiaries()
    {
        var slot = App.NextSlot();
        var id = await CreateAsync(isPrivate: true, slot);
        using var kari = await App.ClientForAsync("kari");
        using var ingrid = await App.ClientForAsync("ingrid");
        var frodeId = await App.IdAsync("frode");
        var range = $"from={Uri.EscapeDataString(slot.Start.AddHours(-1).Iso())}&to={Uri.EscapeDataString(slot.End.AddHours(1).Iso())}";

        var problem = await (await kari.GetAsync($"/api/v1/appointments/{id}", _ct)).ProblemAsync(HttpStatusCode.NotFound, "appointment.not_found");
        Assert.DoesNotContain("Salary", problem.GetRawText(), StringComparison.Ordinal);
        await (await kari.GetAsync($"/api/v1/appointments/{id}/history", _ct)).ProblemAsync(HttpStatusCode.NotFound, "appointment.not_found");

        var kariView = await (await kari.GetAsync($"/api/v1/diary?associateId={frodeId}&{range}", _ct)).JsonAsync(HttpStatusCode.OK);
        var busy = Assert.Single(kariView.EnumerateArray());
        Assert.True(busy.GetProperty("busyOnly").GetBoolean());
        Assert.Equal(JsonValueKind.Null, busy.GetProperty("title").ValueKind);
        Assert.Equal(JsonValueKind.Null, busy.GetProperty("location").ValueKind);
        Assert.Equal(JsonValueKind.Null, busy.GetProperty("appointmentId").ValueKind);
        Assert.DoesNotContain("Salary", kariView.GetRawText(), StringComparison.Ordinal);

        // The invitee may see it.
        var ingridView = await (await ingrid.GetAsync($"/api/v1/appointments/{id}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Salary talk", ingridView.GetProperty("title").GetString());
        var ingridDiary = await (await ingrid.GetAsync($"/api/v1/diary?associateId={frodeId}&{range}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Salary talk", Assert.Single(ingridDiary.EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task PublicMeeting_IsReadableByColleagues_ButHistoryIsForParticipants()
    {
        var id = await CreateAsync(isPrivate: false);
        using var kari = await App.ClientForAsync("kari");

        Assert.Equal("Planning", (await (await kari.GetAsync($"/api/v1/appointments/{id}", _ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("title").GetString());
        await (await kari.GetAsync($"/api/v1/appointments/{id}/history", _ct)).ProblemAsync(HttpStatusCode.Forbidden, "appointment.history_participants_only");
    }

    [Fact]
    public async Task NoToken_Is401WithProblem()
    {
        using var anonymous = App.CreateClient();

        var response = await anonymous.GetAsync("/api/v1/invitations", _ct);

        await response.ProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task UnknownToken_Is401()
    {
        using var client = App.ClientWithToken("not-a-real-token");

        await (await client.GetAsync("/api/v1/diary?from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z", _ct)).ProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Fact]
    public async Task WrongPassword_Is401()
    {
        using var anonymous = App.CreateClient();

        await (await anonymous.PostJsonAsync("/api/v1/auth/token", new { userName = "frode", password = "wrong" })).ProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        await (await anonymous.PostJsonAsync("/api/v1/auth/token", new { userName = "nobody", password = "demo" })).ProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Fact]
    public async Task RevokedToken_NoLongerWorks()
    {
        var token = await App.LoginAsync("kari", "demo");
        using var client = App.ClientWithToken(token);
        (await client.GetAsync("/api/v1/auth/me", _ct)).EnsureSuccessStatusCode();

        (await client.PostJsonAsync("/api/v1/auth/revoke")).EnsureSuccessStatusCode();

        await (await client.GetAsync("/api/v1/auth/me", _ct)).ProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    [Fact]
    public async Task ExpiredToken_NoLongerWorks()
    {
        await using var isolated = App.Provider == Convene.Persistence.DatabaseProvider.Postgres ? new PostgresConveneApp() : new ConveneApp();
        await isolated.InitializeAsync();
        var token = await isolated.LoginAsync("kari", "demo");
        using var client = isolated.ClientWithToken(token);

        isolated.Clock.Advance(NodaTime.Duration.FromDays(31));

        await (await client.GetAsync("/api/v1/auth/me", _ct)).ProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
    }

    private async Task<int> CreateAsync(bool isPrivate, (DateTimeOffset Start, DateTimeOffset End)? slot = null)
    {
        var s = slot ?? App.NextSlot();
        using var frode = await App.ClientForAsync("frode");
        var created = await (await frode.PostJsonAsync("/api/v1/appointments", new
        {
            title = isPrivate ? "Salary talk" : "Planning",
            location = isPrivate ? "Salary corner" : null,
            start = s.Start.Iso(),
            end = s.End.Iso(),
            @private = isPrivate,
            participants = new[] { new { associateId = await App.IdAsync("ingrid") } },
        })).JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetInt32();
    }
}

public sealed class PermissionTests_Sqlite(ConveneApp app) : PermissionTests(app), IClassFixture<ConveneApp>;

public sealed class PermissionTests_Postgres(PostgresConveneApp app) : PermissionTests(app), IClassFixture<PostgresConveneApp>;
