using System.Net;
using System.Text.Json;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Api;

/// <summary>Double-booking is allowed and flagged (half-open intervals: back-to-back is no conflict).</summary>
public abstract class ConflictTests(ConveneApp app) : ApiTestBase(app)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task OverlappingMeetingsInTheSameRoom_AreBothSavedAndBothFlagged()
    {
        var slot = App.NextSlot(2);
        var roomId = await App.IdAsync("Room Fjord");
        var first = await BookRoomAsync("frode", slot.Start, slot.Start.AddHours(1));
        var second = await BookRoomAsync("kari", slot.Start.AddMinutes(30), slot.Start.AddMinutes(90));
        using var frode = await App.ClientForAsync("frode");

        var firstNow = await (await frode.GetAsync($"/api/v1/appointments/{first.GetProperty("id").GetInt32()}", _ct)).JsonAsync(HttpStatusCode.OK);

        Assert.True(second.Participant(roomId).GetProperty("conflict").GetBoolean());
        Assert.True(second.GetProperty("hasConflict").GetBoolean());
        Assert.True(firstNow.Participant(roomId).GetProperty("conflict").GetBoolean());
        Assert.False(firstNow.Participant(await App.IdAsync("frode")).GetProperty("conflict").GetBoolean()); // frode is not double-booked
    }

    [Fact]
    public async Task BackToBackMeetingsInTheSameRoom_DoNotConflict()
    {
        var slot = App.NextSlot(2);
        var roomId = await App.IdAsync("Room Fjord");
        var first = await BookRoomAsync("frode", slot.Start, slot.Start.AddHours(1));
        var second = await BookRoomAsync("kari", slot.Start.AddHours(1), slot.Start.AddHours(2));
        using var frode = await App.ClientForAsync("frode");

        var firstNow = await (await frode.GetAsync($"/api/v1/appointments/{first.GetProperty("id").GetInt32()}", _ct)).JsonAsync(HttpStatusCode.OK);

        Assert.False(second.Participant(roomId).GetProperty("conflict").GetBoolean());
        Assert.False(firstNow.Participant(roomId).GetProperty("conflict").GetBoolean());
    }

    [Fact]
    public async Task FreeMeetings_AndCancelledOnes_NeverConflict()
    {
        var slot = App.NextSlot();
        var roomId = await App.IdAsync("Room Fjord");
        await BookRoomAsync("frode", slot.Start, slot.End, free: true);
        var cancelled = await BookRoomAsync("ingrid", slot.Start, slot.End);
        using var ingrid = await App.ClientForAsync("ingrid");
        (await ingrid.PostJsonAsync($"/api/v1/appointments/{cancelled.GetProperty("id").GetInt32()}/cancel")).EnsureSuccessStatusCode();

        var third = await BookRoomAsync("kari", slot.Start, slot.End);

        Assert.False(third.Participant(roomId).GetProperty("conflict").GetBoolean());
    }

    [Fact]
    public async Task DeclinedInvitation_FreesTheInviteesTime()
    {
        var slot = App.NextSlot();
        var kariId = await App.IdAsync("kari");
        using var frode = await App.ClientForAsync("frode");
        using var kari = await App.ClientForAsync("kari");
        var invitation = await (await frode.PostJsonAsync("/api/v1/appointments", new { title = "Sync", start = slot.Start.Iso(), end = slot.End.Iso(), participants = new[] { new { associateId = kariId } } })).JsonAsync(HttpStatusCode.Created);
        var own = await (await kari.PostJsonAsync("/api/v1/appointments", new { title = "Focus time", start = slot.Start.Iso(), end = slot.End.Iso(), participants = Array.Empty<object>() })).JsonAsync(HttpStatusCode.Created);
        Assert.True(own.Participant(kariId).GetProperty("conflict").GetBoolean()); // a pending invitation blocks time

        await kari.PostJsonAsync($"/api/v1/appointments/{invitation.GetProperty("id").GetInt32()}/decline", new { reason = "Focus" });
        var after = await (await kari.GetAsync($"/api/v1/appointments/{own.GetProperty("id").GetInt32()}", _ct)).JsonAsync(HttpStatusCode.OK);

        Assert.False(after.Participant(kariId).GetProperty("conflict").GetBoolean());
    }

    private async Task<JsonElement> BookRoomAsync(string user, DateTimeOffset start, DateTimeOffset end, bool free = false)
    {
        using var client = await App.ClientForAsync(user);
        var response = await client.PostJsonAsync("/api/v1/appointments", new
        {
            title = $"{user}'s meeting",
            start = start.Iso(),
            end = end.Iso(),
            free,
            participants = new[] { new { associateId = await App.IdAsync("Room Fjord") } },
        });
        return await response.JsonAsync(HttpStatusCode.Created);
    }
}

public sealed class ConflictTests_Sqlite(ConveneApp app) : ConflictTests(app), IClassFixture<ConveneApp>;

public sealed class ConflictTests_Postgres(PostgresConveneApp app) : ConflictTests(app), IClassFixture<PostgresConveneApp>;
