using System.Net;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Concurrency;

/// <summary>A resource with the RejectConflicts policy refuses overlapping bookings — also under concurrent requests.</summary>
public abstract class RejectConflictsTests(ConveneApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task OverlappingBooking_OfAnExclusiveRoom_IsRefusedWithTheConflictingTimes()
    {
        var room = await CreateExclusiveRoomAsync("Board room A");
        var slot = App.NextSlot(2);
        using var frode = await App.ClientForAsync("frode");
        using var kari = await App.ClientForAsync("kari");
        await (await BookAsync(frode, room, slot.Start, slot.Start.AddHours(1), "Board meeting")).JsonAsync(HttpStatusCode.Created);
        var before = await App.FingerprintAsync();

        var refused = await (await BookAsync(kari, room, slot.Start.AddMinutes(30), slot.Start.AddMinutes(90), "Overlap")).ProblemAsync(HttpStatusCode.Conflict, "resource.double_booked");

        var conflict = Assert.Single(refused.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(room, conflict.GetProperty("resourceId").GetInt32());
        Assert.Equal(slot.Start.UtcDateTime, conflict.GetProperty("start").GetDateTime().ToUniversalTime());
        Assert.Equal(slot.Start.AddHours(1).UtcDateTime, conflict.GetProperty("end").GetDateTime().ToUniversalTime());
        Assert.DoesNotContain("Board meeting", refused.GetRawText(), StringComparison.Ordinal); // kari may not learn frode's title
        Assert.Equal(before, await App.FingerprintAsync());
        await (await BookAsync(kari, room, slot.Start.AddHours(1), slot.Start.AddHours(2), "Back to back")).JsonAsync(HttpStatusCode.Created);
        await (await BookAsync(kari, room, slot.Start, slot.Start.AddHours(1), "Free", free: true)).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task MovingOntoATakenSlot_OfAnExclusiveRoom_IsRefusedAndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var room = await CreateExclusiveRoomAsync("Board room B");
        var slot = App.NextSlot(3);
        using var frode = await App.ClientForAsync("frode");
        await (await BookAsync(frode, room, slot.Start, slot.Start.AddHours(1), "First")).JsonAsync(HttpStatusCode.Created);
        var second = await (await BookAsync(frode, room, slot.Start.AddHours(2), slot.Start.AddHours(3), "Second")).JsonAsync(HttpStatusCode.Created);
        var id = second.GetProperty("id").GetInt32();
        var before = await App.FingerprintAsync();

        await (await frode.PatchJsonAsync($"/api/v1/appointments/{id}", new { start = slot.Start.AddMinutes(30).Iso(), end = slot.Start.AddMinutes(90).Iso() }))
            .ProblemAsync(HttpStatusCode.Conflict, "resource.double_booked");

        Assert.Equal(before, await App.FingerprintAsync());
        var unchanged = await (await frode.GetAsync($"/api/v1/appointments/{id}", ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(slot.Start.AddHours(2).UtcDateTime, unchanged.GetProperty("start").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task FiftySimultaneousBookings_OfTheSameSlot_ExactlyOneSucceeds()
    {
        var room = await CreateExclusiveRoomAsync("Board room C");
        var slot = App.NextSlot();
        var users = new[] { "frode", "ingrid", "kari", "admin" };
        var clients = new List<HttpClient>();
        foreach (var user in users)
        {
            clients.Add(await App.ClientForAsync(user));
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => BookAsync(clients[i % clients.Count], room, slot.Start, slot.End, $"Attempt {i}")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await refused.ProblemAsync(HttpStatusCode.Conflict, "resource.double_booked");
        }

        var rows = await CountRoomRowsAsync(room);
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task RejectConflicts_IsForResourcesOnly()
    {
        using var admin = await App.ClientForAsync("admin");

        await (await admin.PatchJsonAsync($"/api/v1/associates/{await App.IdAsync("kari")}", new { rejectConflicts = true }))
            .ProblemAsync(HttpStatusCode.BadRequest, "associate.employee_cannot_reject_conflicts");
    }

    private async Task<int> CreateExclusiveRoomAsync(string name)
    {
        using var admin = await App.ClientForAsync("admin");
        var room = await (await admin.PostJsonAsync("/api/v1/associates", new { name, kind = "Resource", isLocation = true, rejectConflicts = true })).JsonAsync(HttpStatusCode.Created);
        Assert.True(room.GetProperty("rejectConflicts").GetBoolean());
        return room.GetProperty("id").GetInt32();
    }

    private static Task<HttpResponseMessage> BookAsync(HttpClient client, int room, DateTimeOffset start, DateTimeOffset end, string title, bool free = false) =>
        client.PostJsonAsync("/api/v1/appointments", new { title, start = start.Iso(), end = end.Iso(), free, participants = new[] { new { associateId = room } } });

    private async Task<long> CountRoomRowsAsync(int room)
    {
        await using var connection = await App.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM appointment WHERE associate_id = {room}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class RejectConflictsTests_Sqlite(ConveneApp app) : RejectConflictsTests(app), IClassFixture<ConveneApp>;

public sealed class RejectConflictsTests_Postgres(PostgresConveneApp app) : RejectConflictsTests(app), IClassFixture<PostgresConveneApp>;
