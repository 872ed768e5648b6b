using System.Net;
using System.Text.Json;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Api;

/// <summary>
/// Entries longer than a day (a room booked for a conference, an all-day event) are found through their own index
/// (OverlapSql, migration 0009), rows of a day or less from a bounded range: neither kind may fall between the two,
/// in the diary, the conflict flag or first available. Each class has its own database, so these bookings block nobody else.
/// </summary>
public abstract class LongEntryTests(ConveneApp app) : ApiTestBase(app)
{
    // Monday 1 March 2032, 09:00 in Oslo (CET): far from every other test's slots.
    private static readonly DateTimeOffset Monday = new(2032, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task MeetingOnTheLastDayOfAThreeDayRoomBooking_ConflictsAndIsOfferedTheTimeAfterIt()
    {
        var roomId = await App.IdAsync("Room Fjord");
        await CreateAsync("kari", "Conference", Monday, Monday.AddDays(3), roomId);

        var meeting = await CreateAsync("frode", "Sync", Monday.AddDays(2).AddHours(5), Monday.AddDays(2).AddHours(6), roomId);

        Assert.True(meeting.Participant(roomId).GetProperty("conflict").GetBoolean());
        var first = meeting.GetProperty("firstAvailable");
        Assert.Equal(Monday.AddDays(3), first.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(Monday.AddDays(3).AddHours(1), first.GetProperty("end").GetDateTimeOffset());
    }

    [Fact]
    public async Task Diary_ShowsAMultiDayEntry_OnADayInsideIt()
    {
        using var ingrid = await App.ClientForAsync("ingrid");
        var week = await CreateAsync("ingrid", "Trade fair", Monday.AddDays(7), Monday.AddDays(12));

        var wednesday = await DiaryAsync(ingrid, Monday.AddDays(9).AddHours(-9), Monday.AddDays(10).AddHours(-9));

        Assert.Contains(week.GetProperty("id").GetInt32(), wednesday);
    }

    [Fact]
    public async Task Diary_FindsEntriesOfADayAndOfADayAndAMinute_OnBothSidesOfTheirEnd()
    {
        using var ingrid = await App.ClientForAsync("ingrid");
        var start = Monday.AddDays(14);
        var day = (await CreateAsync("ingrid", "One day", start, start.AddDays(1))).GetProperty("id").GetInt32();
        var dayAndMinute = (await CreateAsync("ingrid", "One day and a minute", start, start.AddDays(1).AddMinutes(1))).GetProperty("id").GetInt32();

        var aroundTheEnd = await DiaryAsync(ingrid, start.AddDays(1).AddMinutes(-1), start.AddDays(1).AddMinutes(2));
        var justAfterTheDay = await DiaryAsync(ingrid, start.AddDays(1), start.AddDays(1).AddHours(1));

        Assert.Equal([day, dayAndMinute], aroundTheEnd.Order());
        Assert.Equal([dayAndMinute], justAfterTheDay); // half-open: the one-day entry ends where the window begins
    }

    [Fact]
    public async Task ShortEntriesEndingBeforeTheWindow_StayOutOfIt()
    {
        using var ingrid = await App.ClientForAsync("ingrid");
        var start = Monday.AddDays(21);
        await CreateAsync("ingrid", "Morning", start, start.AddHours(2));
        var later = (await CreateAsync("ingrid", "Evening", start.AddHours(8), start.AddHours(9))).GetProperty("id").GetInt32();

        var evening = await DiaryAsync(ingrid, start.AddHours(7), start.AddDays(1));

        Assert.Equal([later], evening);
    }

    private async Task<JsonElement> CreateAsync(string user, string title, DateTimeOffset start, DateTimeOffset end, params int[] participants)
    {
        using var client = await App.ClientForAsync(user);
        var response = await client.PostJsonAsync("/api/v1/appointments", new
        {
            title,
            start = start.Iso(),
            end = end.Iso(),
            participants = participants.Select(id => new { associateId = id }).ToArray(),
        });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    private async Task<List<int>> DiaryAsync(HttpClient client, DateTimeOffset from, DateTimeOffset to)
    {
        var diary = await (await client.GetAsync($"/api/v1/diary?from={Uri.EscapeDataString(from.Iso())}&to={Uri.EscapeDataString(to.Iso())}", _ct)).JsonAsync(HttpStatusCode.OK);
        return diary.EnumerateArray().Select(e => e.GetProperty("appointmentId").GetInt32()).ToList();
    }
}

public sealed class LongEntryTests_Sqlite(ConveneApp app) : LongEntryTests(app), IClassFixture<ConveneApp>;

public sealed class LongEntryTests_Postgres(PostgresConveneApp app) : LongEntryTests(app), IClassFixture<PostgresConveneApp>;
