using System.Net;
using System.Text;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Api;

/// <summary>Bad input gets a 400 problem with a stable code and writes nothing.</summary>
public abstract class ValidationTests(ConveneApp app) : ApiTestBase(app)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public static TheoryData<string, string> InvalidCreates() => new()
    {
        { """{"title":"x","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T09:00:00+02:00","participants":[]}""", "appointment.end_not_after_start" },
        { """{"title":"x","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T10:00:00+02:00","participants":[]}""", "appointment.end_not_after_start" },
        { """{"start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00","participants":[]}""", "appointment.title_required" },
        { """{"title":"  ","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00","participants":[]}""", "appointment.title_required" },
        { $$"""{"title":"{{new string('t', 256)}}","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00"}""", "appointment.title_too_long" },
        { $$"""{"title":"x","location":"{{new string('l', 255)}}","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00"}""", "appointment.location_too_long" },
        { """{"title":"x","end":"2030-06-03T11:00:00+02:00"}""", "appointment.start_required" },
        { """{"title":"x","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00","participants":[{"associateId":999999}]}""", "participant.unknown_associate" },
        { """{"title":"x","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00","participants":[{"personId":999999}]}""", "participant.unknown_person" },
        { """{"title":"x","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00","participants":[{"kind":"Robot","associateId":1}]}""", "participant.unknown_kind" },
        { """{"title":"x","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00","participants":[{}]}""", "participant.invalid" },
        { """{"title":"x","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00","participants":[{"associateId":1,"personId":1}]}""", "participant.invalid" },
        { """{"title":"x","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00","participants":[null]}""", "participant.invalid" },
        { """{"title":"x","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00","contactId":999999}""", "appointment.unknown_contact" },
        { """{"title":"x","start":"2030-06-03T10:00:00","end":"2030-06-03T11:00:00+02:00"}""", "request.invalid_json" },
        { """{"title":"x","start":"tomorrow","end":"2030-06-03T11:00:00+02:00"}""", "request.invalid_json" },
        { """{"title":"x","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00","colour":"red"}""", "request.invalid_json" },
        { """{"title":42,"start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00"}""", "request.invalid_json" },
        { """{"title":"x","start":""", "request.invalid_json" },
        { """[]""", "request.invalid_json" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task Create_WithBadInput_Is400AndWritesNothing(string body, string code)
    {
        using var frode = await App.ClientForAsync("frode");
        var before = await App.FingerprintAsync();

        var response = await frode.PostAsync("/api/v1/appointments", new StringContent(body, Encoding.UTF8, "application/json"), _ct);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(before, await App.FingerprintAsync());
    }

    [Fact]
    public async Task Create_ResourceNamedAsPerson_IsAKindMismatch()
    {
        using var frode = await App.ClientForAsync("frode");

        var response = await frode.PostJsonAsync("/api/v1/appointments", new
        {
            title = "x",
            start = "2030-06-03T10:00:00+02:00",
            end = "2030-06-03T11:00:00+02:00",
            participants = new[] { new { kind = "Associate", associateId = await App.IdAsync("Room Fjord") } },
        });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "participant.kind_mismatch");
    }

    [Fact]
    public async Task Create_FailingOnTheLastParticipant_WritesNoneOfTheRows()
    {
        using var frode = await App.ClientForAsync("frode");
        var before = await App.FingerprintAsync();

        var response = await frode.PostJsonAsync("/api/v1/appointments", new
        {
            title = "x",
            start = "2030-06-03T10:00:00+02:00",
            end = "2030-06-03T11:00:00+02:00",
            participants = new object[] { new { associateId = await App.IdAsync("ingrid") }, new { associateId = await App.IdAsync("Room Fjord") }, new { personId = 424242 } },
        });

        await response.ProblemAsync(HttpStatusCode.BadRequest, "participant.unknown_person");
        Assert.Equal(before, await App.FingerprintAsync());
    }

    [Fact]
    public async Task Decline_ReasonOverLimit_Is400AndChangesNothing()
    {
        var slot = App.NextSlot();
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var created = await (await frode.PostJsonAsync("/api/v1/appointments", new { title = "x", start = slot.Start.Iso(), end = slot.End.Iso(), participants = new[] { new { associateId = await App.IdAsync("ingrid") } } })).JsonAsync(HttpStatusCode.Created);
        var before = await App.FingerprintAsync();

        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{created.GetProperty("id").GetInt32()}/decline", new { reason = new string('r', 255) })).ProblemAsync(HttpStatusCode.BadRequest, "invitation.reason_too_long");

        Assert.Equal(before, await App.FingerprintAsync());
    }

    [Theory]
    [InlineData("/api/v1/diary?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "diary.invalid_range")]
    [InlineData("/api/v1/diary?from=yesterday&to=2030-01-01T00:00:00Z", "query.invalid_from")]
    [InlineData("/api/v1/diary?from=2030-01-01T00:00:00Z", "query.invalid_to")]
    [InlineData("/api/v1/diary?from=2030-01-01T00:00:00Z&to=2032-01-01T00:00:00Z", "diary.range_too_long")]
    [InlineData("/api/v1/invitations?include=everything", "invitations.unknown_include")]
    public async Task Queries_WithBadParameters_Are400(string url, string code)
    {
        using var frode = await App.ClientForAsync("frode");

        await (await frode.GetAsync(url, _ct)).ProblemAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Diary_OfUnknownAssociate_Is404()
    {
        using var frode = await App.ClientForAsync("frode");

        await (await frode.GetAsync("/api/v1/diary?associateId=999999&from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z", _ct)).ProblemAsync(HttpStatusCode.NotFound, "associate.not_found");
    }

    [Fact]
    public async Task UnknownAppointment_Is404_UnknownRoute_Is404Problem()
    {
        using var frode = await App.ClientForAsync("frode");

        await (await frode.GetAsync("/api/v1/appointments/987654", _ct)).ProblemAsync(HttpStatusCode.NotFound, "appointment.not_found");
        await (await frode.PostJsonAsync("/api/v1/appointments/987654/accept")).ProblemAsync(HttpStatusCode.NotFound, "appointment.not_found");
        await (await frode.GetAsync("/api/v1/no-such-thing", _ct)).ProblemAsync(HttpStatusCode.NotFound, "route.not_found");
    }

    [Fact]
    public async Task OversizedBody_IsRefused()
    {
        using var frode = await App.ClientForAsync("frode");
        var body = $$"""{"title":"x","description":"{{new string('d', 2 * 1024 * 1024)}}","start":"2030-06-03T10:00:00+02:00","end":"2030-06-03T11:00:00+02:00"}""";
        var before = await App.FingerprintAsync();

        var response = await frode.PostAsync("/api/v1/appointments", new StringContent(body, Encoding.UTF8, "application/json"), _ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await App.FingerprintAsync());
    }

    [Fact]
    public async Task QueryTime_WithUnencodedPlus_IsStillUnderstood()
    {
        using var frode = await App.ClientForAsync("frode");

        var response = await frode.GetAsync("/api/v1/diary?from=2030-01-01T00:00:00+01:00&to=2030-01-02T00:00:00+01:00", _ct);

        await response.JsonAsync(HttpStatusCode.OK);
    }
}

public sealed class ValidationTests_Sqlite(ConveneApp app) : ValidationTests(app), IClassFixture<ConveneApp>;

public sealed class ValidationTests_Postgres(PostgresConveneApp app) : ValidationTests(app), IClassFixture<PostgresConveneApp>;
