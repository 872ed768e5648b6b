using System.Net;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Api;

/// <summary>Administrators maintain associates, resources, contacts and persons; others may only read.</summary>
public abstract class AdministrationTests(ConveneApp app) : ApiTestBase(app)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_AddsAnEmployee_WhoCanThenSignIn()
    {
        using var admin = await App.ClientForAsync("admin");

        var created = await (await admin.PostJsonAsync("/api/v1/associates", new { name = "Ola Nordmann", userName = "Ola", password = "s3cret-pass", email = "ola@convene.example" })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(("ola", "Employee"), (created.GetProperty("userName").GetString(), created.GetProperty("kind").GetString()));
        var token = await App.LoginAsync("OLA", "s3cret-pass"); // user names are case-insensitive
        using var ola = App.ClientWithToken(token);
        var me = await (await ola.GetAsync("/api/v1/auth/me", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(created.GetProperty("id").GetInt32(), me.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Admin_AddsAResourceThatIsALocation()
    {
        using var admin = await App.ClientForAsync("admin");

        var room = await (await admin.PostJsonAsync("/api/v1/associates", new { name = "Room Hav", kind = "Resource", isLocation = true })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(("Resource", true), (room.GetProperty("kind").GetString(), room.GetProperty("isLocation").GetBoolean()));
        await (await admin.PostJsonAsync("/api/v1/associates", new { name = "Room Sky", kind = "Resource", userName = "room", password = "abcd" })).ProblemAsync(HttpStatusCode.BadRequest, "associate.resource_cannot_sign_in");
    }

    [Fact]
    public async Task NonAdmin_CannotChangeTheDirectory()
    {
        using var frode = await App.ClientForAsync("frode");
        var before = await App.FingerprintAsync();

        await (await frode.PostJsonAsync("/api/v1/associates", new { name = "Mallory", userName = "mallory", password = "password" })).ProblemAsync(HttpStatusCode.Forbidden, "directory.not_administrator");
        await (await frode.PatchJsonAsync($"/api/v1/associates/{await App.IdAsync("kari")}", new { active = false })).ProblemAsync(HttpStatusCode.Forbidden, "directory.not_administrator");
        await (await frode.PostJsonAsync("/api/v1/contacts", new { name = "Evil Corp" })).ProblemAsync(HttpStatusCode.Forbidden, "directory.not_administrator");
        await (await frode.PostJsonAsync("/api/v1/persons", new { contactId = await App.IdAsync("Nordic Fisk AS"), name = "Eve" })).ProblemAsync(HttpStatusCode.Forbidden, "directory.not_administrator");

        Assert.Equal(before, await App.FingerprintAsync());
    }

    [Fact]
    public async Task DuplicateUserName_IsAConflict()
    {
        using var admin = await App.ClientForAsync("admin");

        await (await admin.PostJsonAsync("/api/v1/associates", new { name = "Another Frode", userName = "FRODE", password = "password" })).ProblemAsync(HttpStatusCode.Conflict, "associate.user_name_taken");
    }

    [Fact]
    public async Task Deactivated_CannotSignIn_TokensStopWorking_AndTheirInvitationsShowInactive()
    {
        using var admin = await App.ClientForAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/v1/associates", new { name = "Per Hansen", userName = "per", password = "per-password" })).JsonAsync(HttpStatusCode.Created);
        var perId = created.GetProperty("id").GetInt32();
        using var per = App.ClientWithToken(await App.LoginAsync("per", "per-password"));
        using var frode = await App.ClientForAsync("frode");
        var slot = App.NextSlot();
        var meeting = await (await frode.PostJsonAsync("/api/v1/appointments", new { title = "Handover", start = slot.Start.Iso(), end = slot.End.Iso(), participants = new[] { new { associateId = perId } } })).JsonAsync(HttpStatusCode.Created);
        (await per.GetAsync("/api/v1/invitations", _ct)).EnsureSuccessStatusCode(); // the token is in use (and cached, ADR 0029)

        var deactivated = await (await admin.PatchJsonAsync($"/api/v1/associates/{perId}", new { active = false })).JsonAsync(HttpStatusCode.OK);

        Assert.False(deactivated.GetProperty("active").GetBoolean());
        using var anonymous = App.CreateClient();
        await (await anonymous.PostJsonAsync("/api/v1/auth/token", new { userName = "per", password = "per-password" })).ProblemAsync(HttpStatusCode.Unauthorized, "auth.deactivated");
        await (await per.GetAsync("/api/v1/invitations", _ct)).ProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_token");
        var seenByOwner = await (await frode.GetAsync($"/api/v1/appointments/{meeting.GetProperty("id").GetInt32()}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.False(seenByOwner.Participant(perId).GetProperty("active").GetBoolean());
        var list = await (await frode.GetAsync("/api/v1/associates", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(list.EnumerateArray(), a => a.GetProperty("id").GetInt32() == perId);
        await (await frode.PostJsonAsync("/api/v1/appointments", new { title = "x", start = slot.Start.Iso(), end = slot.End.Iso(), participants = new[] { new { associateId = perId } } })).ProblemAsync(HttpStatusCode.BadRequest, "participant.inactive");
    }

    [Fact]
    public async Task Admin_CannotDeactivateThemselves()
    {
        using var admin = await App.ClientForAsync("admin");

        await (await admin.PatchJsonAsync($"/api/v1/associates/{await App.IdAsync("admin")}", new { active = false })).ProblemAsync(HttpStatusCode.Conflict, "associate.cannot_deactivate_self");
    }

    [Fact]
    public async Task Admin_AddsAndEditsContactsAndPersons()
    {
        using var admin = await App.ClientForAsync("admin");
        using var frode = await App.ClientForAsync("frode");

        var contact = await (await admin.PostJsonAsync("/api/v1/contacts", new { name = "Fjord Shipping ASA" })).JsonAsync(HttpStatusCode.Created);
        var contactId = contact.GetProperty("id").GetInt32();
        var person = await (await admin.PostJsonAsync("/api/v1/persons", new { contactId, name = "Nina Dahl", email = "nina@fjord.example" })).JsonAsync(HttpStatusCode.Created);
        var edited = await (await admin.PatchJsonAsync($"/api/v1/persons/{person.GetProperty("id").GetInt32()}", new { email = "nina.dahl@fjord.example" })).JsonAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync("/api/v1/persons", new { contactId, name = "Bad Mail", email = "not-an-email" })).ProblemAsync(HttpStatusCode.BadRequest, "email.invalid");
        await (await admin.PostJsonAsync("/api/v1/persons", new { contactId = 999999, name = "Nobody" })).ProblemAsync(HttpStatusCode.BadRequest, "person.unknown_contact");

        Assert.Equal("nina.dahl@fjord.example", edited.GetProperty("email").GetString());
        var persons = await (await frode.GetAsync($"/api/v1/contacts/{contactId}/persons", _ct)).JsonAsync(HttpStatusCode.OK);
        var listed = Assert.Single(persons.EnumerateArray());
        Assert.Equal(("Nina Dahl", contactId), (listed.GetProperty("name").GetString(), listed.GetProperty("contactId").GetInt32()));
    }

    [Fact]
    public async Task Associates_ListsEmployeesAndResources()
    {
        using var kari = await App.ClientForAsync("kari");

        var list = await (await kari.GetAsync("/api/v1/associates", _ct)).JsonAsync(HttpStatusCode.OK);

        var fjord = Assert.Single(list.EnumerateArray(), a => a.GetProperty("name").GetString() == "Room Fjord");
        Assert.Equal(("Resource", true), (fjord.GetProperty("kind").GetString(), fjord.GetProperty("isLocation").GetBoolean()));
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("userName").GetString() == "ingrid" && a.GetProperty("kind").GetString() == "Employee");
        Assert.DoesNotContain("password", list.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class AdministrationTests_Sqlite(ConveneApp app) : AdministrationTests(app), IClassFixture<ConveneApp>;

public sealed class AdministrationTests_Postgres(PostgresConveneApp app) : AdministrationTests(app), IClassFixture<PostgresConveneApp>;
