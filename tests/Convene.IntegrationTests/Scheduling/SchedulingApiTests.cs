using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Scheduling;

/// <summary>
/// Free/busy, first available, find a time, working hours and group views through the HTTP API, on every database.
/// Each test uses its own week in early 2031 (Oslo is UTC+1 then); the demo employees work Mon–Fri 08:00–16:00 there.
/// </summary>
public abstract class SchedulingApiTests(ConveneApp app) : ApiTestBase(app)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>Monday 08:00 Oslo time of test week <paramref name="week"/>.</summary>
    private static DateTimeOffset Monday(int week) => new DateTimeOffset(2031, 1, 6, 8, 0, 0, TimeSpan.FromHours(1)).AddDays(7 * week);

    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.Iso());

    [Fact]
    public async Task FreeBusy_MergesBusyAndTentative_AndIgnoresDeclinedAndFreeRows()
    {
        var monday = Monday(0);
        using var frode = await App.ClientForAsync("frode");
        var (frodeId, ingridId) = (await App.IdAsync("frode"), await App.IdAsync("ingrid"));
        await CreateAsync(frode, "Planning", monday.AddHours(1), monday.AddHours(2), [ingridId]);
        await CreateAsync(frode, "Review", monday.AddHours(2), monday.AddHours(3), []);
        await CreateAsync(frode, "Lunch (free)", monday.AddHours(4), monday.AddHours(5), [], free: true);
        var declined = await CreateAsync(frode, "Declined by ingrid", monday.AddHours(6), monday.AddHours(7), [ingridId]);
        using var ingrid = await App.ClientForAsync("ingrid");
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{declined}/decline", new { reason = "no" })).JsonAsync(HttpStatusCode.OK);

        var body = await (await ingrid.GetAsync($"/api/v1/freebusy?associateIds={frodeId},{ingridId}&from={Q(monday)}&to={Q(monday.AddDays(1))}", _ct)).JsonAsync(HttpStatusCode.OK);

        var frodeFb = Entity(body, frodeId);
        var ingridFb = Entity(body, ingridId);
        Assert.Equal([(monday.AddHours(1), monday.AddHours(3)), (monday.AddHours(6), monday.AddHours(7))], Ranges(frodeFb.GetProperty("busy")));
        Assert.Empty(Ranges(ingridFb.GetProperty("busy")));
        Assert.Equal([(monday.AddHours(1), monday.AddHours(2))], Ranges(ingridFb.GetProperty("tentative")));
        Assert.Equal([(monday, monday.AddHours(8))], Ranges(frodeFb.GetProperty("workingHours")));
        Assert.Equal("Europe/Oslo", frodeFb.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task FirstAvailable_SkipsBusyTimeAndNonWorkingHours_AndTheAppointmentOffersIt()
    {
        var monday = Monday(1);
        using var frode = await App.ClientForAsync("frode");
        var (frodeId, roomId) = (await App.IdAsync("frode"), await App.IdAsync("Room Fjord"));
        await CreateAsync(frode, "Room taken", monday.AddHours(1), monday.AddHours(3), [roomId]);

        var first = await (await frode.GetAsync($"/api/v1/availability/first?associateIds={frodeId},{roomId}&duration=PT1H&from={Q(monday.AddHours(1))}&count=3", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(
            [(monday.AddHours(3), monday.AddHours(4)), (monday.AddHours(4), monday.AddHours(5)), (monday.AddHours(5), monday.AddHours(6))],
            Ranges(first.GetProperty("slots")));

        // Late on Friday: the next working hour is Monday 08:00.
        var friday = monday.AddDays(4);
        var next = await (await frode.GetAsync($"/api/v1/availability/first?associateIds={frodeId}&duration=PT1H&from={Q(friday.AddHours(7).AddMinutes(30))}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([(monday.AddDays(7), monday.AddDays(7).AddHours(1))], Ranges(next.GetProperty("slots")));

        using var kari = await App.ClientForAsync("kari");
        var clash = await (await kari.PostJsonAsync("/api/v1/appointments", Meeting("Clash", monday.AddHours(2), monday.AddHours(3), [roomId]))).JsonAsync(HttpStatusCode.Created);
        Assert.True(clash.GetProperty("hasConflict").GetBoolean());
        Assert.Equal((monday.AddHours(3), monday.AddHours(4)), Range(clash.GetProperty("firstAvailable")));
        var fine = await (await kari.PostJsonAsync("/api/v1/appointments", Meeting("Fine", monday.AddHours(5), monday.AddHours(6), [roomId]))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, fine.GetProperty("firstAvailable").ValueKind);
    }

    [Fact]
    public async Task FirstAvailable_IsOfferedToTheOwner_InviteesSeeTheConflictWithoutIt()
    {
        // ADR 0023: only whoever may move the meeting gets the search's answer; everyone sees the conflict.
        var monday = Monday(10);
        using var frode = await App.ClientForAsync("frode");
        var (roomId, ingridId) = (await App.IdAsync("Room Fjord"), await App.IdAsync("ingrid"));
        await CreateAsync(frode, "Room taken", monday.AddHours(1), monday.AddHours(3), [roomId]);
        using var kari = await App.ClientForAsync("kari");
        var clash = await (await kari.PostJsonAsync("/api/v1/appointments", Meeting("Clash for ingrid", monday.AddHours(2), monday.AddHours(3), [roomId, ingridId]))).JsonAsync(HttpStatusCode.Created);
        var id = clash.GetProperty("id").GetInt32();
        Assert.Equal((monday.AddHours(3), monday.AddHours(4)), Range(clash.GetProperty("firstAvailable")));

        var ownerRead = await (await kari.GetAsync($"/api/v1/appointments/{id}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((monday.AddHours(3), monday.AddHours(4)), Range(ownerRead.GetProperty("firstAvailable")));

        using var ingrid = await App.ClientForAsync("ingrid");
        // "Seen" goes through the series endpoint (a meeting that does not repeat is a series of one): the same rule.
        var seen = await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/seen", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.True(seen.GetProperty("hasConflict").GetBoolean());
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("firstAvailable").ValueKind);
        var inviteeRead = await (await ingrid.GetAsync($"/api/v1/appointments/{id}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.True(inviteeRead.GetProperty("hasConflict").GetBoolean());
        Assert.Equal(JsonValueKind.Null, inviteeRead.GetProperty("firstAvailable").ValueKind);
        var accepted = await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/accept", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.True(accepted.GetProperty("hasConflict").GetBoolean());
        Assert.Equal(JsonValueKind.Null, accepted.GetProperty("firstAvailable").ValueKind);
    }

    [Fact]
    public async Task WorkingHours_TheAssociateOrAnAdministratorSetsThem_AndFirstAvailableFollows()
    {
        var monday = Monday(2);
        var (userName, id) = await NewEmployeeAsync();
        using var self = await App.ClientForAsync(userName);
        using var kari = await App.ClientForAsync("kari");

        var initial = await (await self.GetAsync($"/api/v1/associates/{id}/working-hours", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Default", initial.GetProperty("mode").GetString());
        Assert.Equal(5, initial.GetProperty("periods").GetArrayLength());

        var hours = new { periods = new[] { new { day = "Tuesday", start = "10:00", end = "12:00" }, new { day = "Tuesday", start = "13:00", end = "24:00" } } };
        await (await kari.PutAsJsonAsync($"/api/v1/associates/{id}/working-hours", hours, _ct)).ProblemAsync(HttpStatusCode.Forbidden, "working_hours.forbidden");
        var set = await (await self.PutAsJsonAsync($"/api/v1/associates/{id}/working-hours", hours, _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Custom", set.GetProperty("mode").GetString());
        Assert.Equal("24:00", set.GetProperty("periods")[1].GetProperty("end").GetString());

        var first = await (await self.GetAsync($"/api/v1/availability/first?associateIds={id}&duration=PT90M&from={Q(monday)}&count=2", _ct)).JsonAsync(HttpStatusCode.OK);
        var tuesday = monday.AddDays(1);
        Assert.Equal([(tuesday.AddHours(2), tuesday.AddHours(3.5)), (tuesday.AddHours(5), tuesday.AddHours(6.5))], Ranges(first.GetProperty("slots")));

        using var admin = await App.ClientForAsync("admin");
        await (await admin.PutAsJsonAsync($"/api/v1/associates/{id}/working-hours", new { mode = "Always" }, _ct)).JsonAsync(HttpStatusCode.OK);
        await (await admin.PutAsJsonAsync($"/api/v1/associates/{id}/working-hours", new { periods = new[] { new { day = "Monday", start = "12:00", end = "08:00" } } }, _ct))
            .ProblemAsync(HttpStatusCode.BadRequest, "working_hours.end_not_after_start");
        await (await admin.PutAsJsonAsync($"/api/v1/associates/{id}/working-hours", new { periods = new[] { new { day = "Funday", start = "08:00", end = "09:00" } } }, _ct))
            .ProblemAsync(HttpStatusCode.BadRequest, "working_hours.period_invalid");
        await (await admin.PutAsJsonAsync("/api/v1/associates/99999/working-hours", new { mode = "Always" }, _ct)).ProblemAsync(HttpStatusCode.NotFound, "associate.not_found");
    }

    [Fact]
    public async Task FindATime_RanksByOptionalAttendance_ExplainsEveryone_AndPicksARoomBySize()
    {
        var monday = Monday(3);
        using var admin = await App.ClientForAsync("admin");
        var small = await NewRoomAsync(admin, 4, ["projector"]);
        var large = await NewRoomAsync(admin, 12, ["projector", "video"]);
        using var frode = await App.ClientForAsync("frode");
        var (ingridId, kariId) = (await App.IdAsync("ingrid"), await App.IdAsync("kari"));
        using var kari = await App.ClientForAsync("kari");
        await CreateAsync(kari, "Kari busy all morning", monday, monday.AddHours(4), []);
        await CreateAsync(kari, "Small room taken", monday, monday.AddHours(1), [small]);

        var body = await (await frode.PostJsonAsync("/api/v1/availability/search", new
        {
            required = new[] { ingridId },
            optional = new[] { kariId },
            persons = new[] { await App.IdAsync("Frantz Olsen") },
            room = new { minCapacity = 3, tags = ProjectorTag },
            duration = "PT1H",
            from = monday.Iso(),
            to = monday.AddHours(8).Iso(),
            maxSuggestions = 6,
        })).JsonAsync(HttpStatusCode.OK);

        var suggestions = body.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.Equal(6, suggestions.Count);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("emptyReason").ValueKind);
        // Kari (optional) is free from 12:00: those four slots rank first, earliest first; then slots without her.
        Assert.Equal(monday.AddHours(4), suggestions[0].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(1.0, suggestions[0].GetProperty("score").GetDouble());
        Assert.Equal(monday.AddHours(5), suggestions[1].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(monday.AddHours(7), suggestions[3].GetProperty("start").GetDateTimeOffset());
        Assert.Equal((monday, 0.0), (suggestions[4].GetProperty("start").GetDateTimeOffset(), suggestions[4].GetProperty("score").GetDouble()));
        Assert.Equal("Busy", Attendee(suggestions[4], kariId).GetProperty("status").GetString());
        Assert.Equal(large, suggestions[4].GetProperty("room").GetProperty("id").GetInt32()); // the small room is taken at 08:00
        Assert.Equal(small, suggestions[0].GetProperty("room").GetProperty("id").GetInt32());
        Assert.Equal([large], suggestions[0].GetProperty("otherRooms").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
        var person = suggestions[0].GetProperty("attendees").EnumerateArray().Single(a => a.GetProperty("role").GetString() == "Person");
        Assert.Equal(("Frantz Olsen", "Unknown"), (person.GetProperty("name").GetString(), person.GetProperty("status").GetString()));
        Assert.Equal("Required", Attendee(suggestions[0], await App.IdAsync("frode")).GetProperty("role").GetString()); // the caller is included
    }

    [Fact]
    public async Task FindATime_WhenNothingFits_SaysWhyAndOffersNearMisses()
    {
        var monday = Monday(4);
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var ingridId = await App.IdAsync("ingrid");
        await CreateAsync(ingrid, "Ingrid's full day", monday, monday.AddHours(8), []);

        var body = await (await frode.PostJsonAsync("/api/v1/availability/search", new
        {
            required = new[] { ingridId },
            duration = "PT1H",
            from = monday.Iso(),
            to = monday.AddHours(8).Iso(),
        })).JsonAsync(HttpStatusCode.OK);

        Assert.Empty(body.GetProperty("suggestions").EnumerateArray());
        Assert.Equal("AttendeesUnavailable", body.GetProperty("emptyReason").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        var miss = body.GetProperty("nearMisses")[0];
        Assert.Equal("Busy", Attendee(miss, ingridId).GetProperty("status").GetString());
        Assert.Equal("Free", Attendee(miss, await App.IdAsync("frode")).GetProperty("status").GetString());

        var noRoom = await (await frode.PostJsonAsync("/api/v1/availability/search", new
        {
            required = new[] { ingridId },
            room = new { minCapacity = 100_000 },
            duration = "PT1H",
            from = monday.Iso(),
            to = monday.AddDays(1).Iso(),
        })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("NoMatchingRoom", noRoom.GetProperty("emptyReason").GetString());
    }

    [Fact]
    public async Task GroupViews_BelongToTheirOwner_AndShowEveryMembersDiaryWithPrivacy()
    {
        var monday = Monday(5);
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var (ingridId, kariId, roomId) = (await App.IdAsync("ingrid"), await App.IdAsync("kari"), await App.IdAsync("Room Fjord"));
        using var kari = await App.ClientForAsync("kari");
        await CreateAsync(kari, "Kari's public one", monday, monday.AddHours(1), [roomId]);

        var created = await (await frode.PostJsonAsync("/api/v1/group-views", new { name = "Team", memberIds = new[] { roomId, kariId, ingridId } })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        await (await frode.PostJsonAsync("/api/v1/group-views", new { name = "Team", memberIds = new[] { kariId } })).ProblemAsync(HttpStatusCode.Conflict, "group_view.name_taken");
        await (await frode.PostJsonAsync("/api/v1/group-views", new { name = "Bad", memberIds = UnknownIds })).ProblemAsync(HttpStatusCode.BadRequest, "group_view.unknown_member");
        await (await ingrid.GetAsync($"/api/v1/group-views/{id}", _ct)).ProblemAsync(HttpStatusCode.NotFound, "group_view.not_found");
        Assert.DoesNotContain((await (await ingrid.GetAsync("/api/v1/group-views", _ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray(), v => v.GetProperty("id").GetInt32() == id);

        var diary = await (await frode.GetAsync($"/api/v1/group-views/{id}/diary?from={Q(monday)}&to={Q(monday.AddDays(7))}", _ct)).JsonAsync(HttpStatusCode.OK);
        var members = diary.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal([roomId, kariId, ingridId], members.Select(m => m.GetProperty("associateId").GetInt32()));
        Assert.Equal("Resource", members[0].GetProperty("kind").GetString());
        Assert.Equal("Kari's public one", members[1].GetProperty("entries")[0].GetProperty("title").GetString());

        var replaced = await (await frode.PutAsJsonAsync($"/api/v1/group-views/{id}", new { name = "Just Kari", memberIds = new[] { kariId } }, _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([kariId], replaced.GetProperty("memberIds").EnumerateArray().Select(m => m.GetInt32()));
        await (await ingrid.DeleteAsync($"/api/v1/group-views/{id}", _ct)).ProblemAsync(HttpStatusCode.NotFound, "group_view.not_found");
        Assert.Equal(HttpStatusCode.NoContent, (await frode.DeleteAsync($"/api/v1/group-views/{id}", _ct)).StatusCode);
        await (await frode.GetAsync($"/api/v1/group-views/{id}", _ct)).ProblemAsync(HttpStatusCode.NotFound, "group_view.not_found");
    }

    [Fact]
    public async Task APrivateMeeting_NeverLeaks_ThroughFreeBusyGroupViewsFirstAvailableOrFindATime()
    {
        var monday = Monday(6);
        const string Secret = "Secret merger talks 7f3a";
        const string Place = "Hidden room 7f3a";
        using var kari = await App.ClientForAsync("kari");
        var (kariId, ingridId, roomId) = (await App.IdAsync("kari"), await App.IdAsync("ingrid"), await App.IdAsync("Room Fjord"));
        var personId = await App.IdAsync("Liv Berg");
        var meeting = new Dictionary<string, object?>
        {
            ["title"] = Secret,
            ["location"] = Place,
            ["private"] = true,
            ["start"] = monday.Iso(),
            ["end"] = monday.AddHours(2).Iso(),
            ["participants"] = new object[] { new { associateId = roomId }, new { personId } },
        };
        await (await kari.PostJsonAsync("/api/v1/appointments", meeting)).JsonAsync(HttpStatusCode.Created);
        using var frode = await App.ClientForAsync("frode");
        var view = await (await frode.PostJsonAsync("/api/v1/group-views", new { name = "Privacy check", memberIds = new[] { kariId, roomId } })).JsonAsync(HttpStatusCode.Created);

        var bodies = new List<string>
        {
            await (await frode.GetAsync($"/api/v1/freebusy?associateIds={kariId},{roomId}&from={Q(monday)}&to={Q(monday.AddDays(1))}", _ct)).Content.ReadAsStringAsync(_ct),
            await (await frode.GetAsync($"/api/v1/group-views/{view.GetProperty("id").GetInt32()}/diary?from={Q(monday)}&to={Q(monday.AddDays(1))}&includePending=true", _ct)).Content.ReadAsStringAsync(_ct),
            await (await frode.GetAsync($"/api/v1/availability/first?associateIds={kariId},{roomId}&duration=PT1H&from={Q(monday)}", _ct)).Content.ReadAsStringAsync(_ct),
            await (await frode.PostJsonAsync("/api/v1/availability/search", new { required = new[] { kariId, ingridId }, resources = new[] { roomId }, duration = "PT1H", from = monday.Iso(), to = monday.AddHours(2).Iso() })).Content.ReadAsStringAsync(_ct),
            await (await frode.PostJsonAsync("/api/v1/appointments", Meeting("Overlaps the secret", monday, monday.AddHours(1), [roomId, kariId]))).Content.ReadAsStringAsync(_ct),
        };

        foreach (var body in bodies)
        {
            Assert.DoesNotContain("7f3a", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Liv Berg", body, StringComparison.Ordinal);
        }

        // The time itself is not secret: it shows as busy, and the group view row is busy only.
        var freeBusy = JsonDocument.Parse(bodies[0]).RootElement;
        Assert.Equal([(monday, monday.AddHours(2))], Ranges(Entity(freeBusy, kariId).GetProperty("busy")));
        var entry = JsonDocument.Parse(bodies[1]).RootElement.GetProperty("members")[0].GetProperty("entries")[0];
        Assert.True(entry.GetProperty("busyOnly").GetBoolean());
        Assert.Equal(monday.AddHours(2), JsonDocument.Parse(bodies[2]).RootElement.GetProperty("slots")[0].GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task BadInput_IsA400ProblemWithAClearCode()
    {
        var monday = Monday(7);
        using var frode = await App.ClientForAsync("frode");
        var frodeId = await App.IdAsync("frode");
        var tooMany = string.Join(',', Enumerable.Range(1, 501));

        await (await frode.GetAsync($"/api/v1/freebusy?associateIds={frodeId}&from={Q(monday)}&to={Q(monday.AddHours(-1))}", _ct)).ProblemAsync(HttpStatusCode.BadRequest, "scheduling.invalid_range");
        await (await frode.GetAsync($"/api/v1/freebusy?associateIds={frodeId}&from={Q(monday)}&to={Q(monday.AddDays(367))}", _ct)).ProblemAsync(HttpStatusCode.BadRequest, "scheduling.range_too_long");
        await (await frode.GetAsync($"/api/v1/freebusy?associateIds={tooMany}&from={Q(monday)}&to={Q(monday.AddDays(1))}", _ct)).ProblemAsync(HttpStatusCode.BadRequest, "scheduling.too_many_entities");
        await (await frode.GetAsync($"/api/v1/freebusy?associateIds={frodeId},99999&from={Q(monday)}&to={Q(monday.AddDays(1))}", _ct)).ProblemAsync(HttpStatusCode.BadRequest, "scheduling.unknown_associate");
        await (await frode.GetAsync($"/api/v1/freebusy?associateIds=abc&from={Q(monday)}&to={Q(monday.AddDays(1))}", _ct)).ProblemAsync(HttpStatusCode.BadRequest, "scheduling.invalid_associate_ids");
        await (await frode.GetAsync($"/api/v1/availability/first?associateIds={frodeId}&duration=PT0S&from={Q(monday)}", _ct)).ProblemAsync(HttpStatusCode.BadRequest, "scheduling.duration_invalid");
        await (await frode.GetAsync($"/api/v1/availability/first?associateIds={frodeId}&duration=PT3H&from={Q(monday)}&to={Q(monday.AddHours(2))}", _ct)).ProblemAsync(HttpStatusCode.BadRequest, "scheduling.duration_longer_than_window");
        await (await frode.GetAsync($"/api/v1/availability/first?associateIds={frodeId}&duration=1h&from={Q(monday)}", _ct)).ProblemAsync(HttpStatusCode.BadRequest, "scheduling.duration_invalid");
        await (await frode.GetAsync($"/api/v1/availability/first?associateIds={frodeId}&from={Q(monday)}", _ct)).ProblemAsync(HttpStatusCode.BadRequest, "scheduling.duration_required");
        await (await frode.GetAsync($"/api/v1/availability/first?associateIds={frodeId}&duration=PT1H&from={Q(monday)}&count=0", _ct)).ProblemAsync(HttpStatusCode.BadRequest, "scheduling.count_invalid");
        await (await frode.PostJsonAsync("/api/v1/availability/search", new { required = Enumerable.Range(1, 501).ToArray(), duration = "PT1H", from = monday.Iso(), to = monday.AddDays(1).Iso() }))
            .ProblemAsync(HttpStatusCode.BadRequest, "scheduling.too_many_entities");
        await (await frode.PostJsonAsync("/api/v1/availability/search", new { required = new[] { frodeId }, duration = "PT1H", from = monday.Iso(), to = monday.AddDays(400).Iso() }))
            .ProblemAsync(HttpStatusCode.BadRequest, "scheduling.range_too_long");
        await (await frode.PostJsonAsync("/api/v1/availability/search", new { required = UnknownIds, duration = "PT1H", from = monday.Iso(), to = monday.AddDays(1).Iso() }))
            .ProblemAsync(HttpStatusCode.BadRequest, "scheduling.unknown_associate");
        await (await frode.PostJsonAsync("/api/v1/availability/search", new { required = new[] { frodeId }, duration = "P2D", from = monday.Iso(), to = monday.AddDays(1).Iso() }))
            .ProblemAsync(HttpStatusCode.BadRequest, "scheduling.duration_longer_than_window");
        await (await frode.PostJsonAsync("/api/v1/availability/search", new { required = new[] { frodeId }, resources = new[] { frodeId }, duration = "PT1H", from = monday.Iso(), to = monday.AddDays(1).Iso() }))
            .ProblemAsync(HttpStatusCode.BadRequest, "scheduling.duplicate_attendee");
    }

    [Fact]
    public async Task TravelTime_SetThroughTheApi_BlocksFreeBusy_FlagsTheConflict_AndFirstAvailableLeavesRoomForIt()
    {
        var monday = Monday(8);
        using var frode = await App.ClientForAsync("frode");
        var (frodeId, ingridId) = (await App.IdAsync("frode"), await App.IdAsync("ingrid"));
        var visit = await (await frode.PostJsonAsync("/api/v1/appointments", new
        {
            title = "Customer visit in Bodø",
            start = monday.AddHours(1).Iso(),
            end = monday.AddHours(2).Iso(),
            leadTime = "PT30M",
            lagTime = "PT45M",
            participants = new[] { new { associateId = ingridId } },
        })).JsonAsync(HttpStatusCode.Created);
        var visitId = visit.GetProperty("id").GetInt32();
        Assert.Equal("PT30M", visit.GetProperty("leadTime").GetString());
        Assert.Equal("PT45M", visit.GetProperty("lagTime").GetString());

        // Free/busy: the travel time is busy too, for the owner and (tentatively) for the invitee
        var fb = await (await frode.GetAsync($"/api/v1/freebusy?associateIds={frodeId},{ingridId}&from={Q(monday)}&to={Q(monday.AddDays(1))}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([(monday.AddMinutes(30), monday.AddMinutes(165))], Ranges(Entity(fb, frodeId).GetProperty("busy")));
        Assert.Equal([(monday.AddMinutes(30), monday.AddMinutes(165))], Ranges(Entity(fb, ingridId).GetProperty("tentative")));
        using var ingrid = await App.ClientForAsync("ingrid");
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{visitId}/accept", new { })).JsonAsync(HttpStatusCode.OK);

        // A meeting starting in the lag time conflicts; first available starts when the travel ends
        var sync = await (await frode.PostJsonAsync("/api/v1/appointments", Meeting("Sync", monday.AddMinutes(150), monday.AddMinutes(210), []))).JsonAsync(HttpStatusCode.Created);
        Assert.True(sync.GetProperty("hasConflict").GetBoolean());
        Assert.Equal((monday.AddMinutes(165), monday.AddMinutes(225)), Range(sync.GetProperty("firstAvailable")));

        // ingrid's own meeting with travel time: its lead time may not overlap the visit's lag time either
        var call = await (await ingrid.PostJsonAsync("/api/v1/appointments", new
        {
            title = "Call with travel",
            start = monday.AddHours(3).Iso(),
            end = monday.AddHours(4).Iso(),
            leadTime = "PT30M",
        })).JsonAsync(HttpStatusCode.Created);
        Assert.True(call.GetProperty("hasConflict").GetBoolean()); // [02:30, 04:00) meets the visit's [00:30, 02:45)

        // Shortening the travel time is an edit, not a move: ingrid's answer stands, and Sync's conflict is gone
        var edited = await (await frode.PatchJsonAsync($"/api/v1/appointments/{visitId}", new { lagTime = "PT0M" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("PT0M", edited.GetProperty("lagTime").GetString());
        Assert.Equal("PT30M", edited.GetProperty("leadTime").GetString());
        Assert.Equal("Accepted", edited.GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("associateId").ValueKind == JsonValueKind.Number && p.GetProperty("associateId").GetInt32() == ingridId).GetProperty("status").GetString());
        var syncAgain = await (await frode.GetAsync($"/api/v1/appointments/{sync.GetProperty("id").GetInt32()}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.False(syncAgain.GetProperty("hasConflict").GetBoolean());
        var callAgain = await (await ingrid.GetAsync($"/api/v1/appointments/{call.GetProperty("id").GetInt32()}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.False(callAgain.GetProperty("hasConflict").GetBoolean());
    }

    [Theory]
    [InlineData("PT25H", "appointment.lead_time_invalid")]
    [InlineData("-PT5M", "appointment.lead_time_invalid")]
    [InlineData("PT90S", "appointment.lead_time_invalid")]
    [InlineData("P1M", "appointment.lead_time_invalid")]
    [InlineData("soon", "appointment.lead_time_invalid")]
    public async Task TravelTime_Invalid_Returns400_AndWritesNothing(string leadTime, string code)
    {
        var monday = Monday(9);
        using var frode = await App.ClientForAsync("frode");
        var title = "Bad travel " + Guid.NewGuid().ToString("N")[..8];
        await (await frode.PostJsonAsync("/api/v1/appointments", new { title, start = monday.Iso(), end = monday.AddHours(1).Iso(), leadTime }))
            .ProblemAsync(HttpStatusCode.BadRequest, code);
        var created = await CreateAsync(frode, title, monday, monday.AddHours(1), []);
        await (await frode.PatchJsonAsync($"/api/v1/appointments/{created}", new { lagTime = leadTime }))
            .ProblemAsync(HttpStatusCode.BadRequest, code.Replace("lead", "lag", StringComparison.Ordinal));
        var unchanged = await (await frode.GetAsync($"/api/v1/appointments/{created}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("PT0M", unchanged.GetProperty("lagTime").GetString());
        var diary = await (await frode.GetAsync($"/api/v1/diary?from={Q(monday)}&to={Q(monday.AddDays(1))}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Single(diary.EnumerateArray(), e => e.GetProperty("title").GetString() == title);
    }

    [Fact]
    public async Task Administrators_SetCapacityAndTagsOnResources_NotOnEmployees()
    {
        using var admin = await App.ClientForAsync("admin");
        var room = await NewRoomAsync(admin, 6, ["Whiteboard", "video"]);

        var read = await (await admin.GetAsync($"/api/v1/associates/{room}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(6, read.GetProperty("capacity").GetInt32());
        Assert.Equal(["whiteboard", "video"], read.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        await (await admin.PatchJsonAsync($"/api/v1/associates/{await App.IdAsync("kari")}", new { capacity = 3 })).ProblemAsync(HttpStatusCode.BadRequest, "associate.employee_has_no_capacity");
        await (await admin.PatchJsonAsync($"/api/v1/associates/{room}", new { capacity = -1 })).ProblemAsync(HttpStatusCode.BadRequest, "associate.capacity_invalid");
    }

    private static readonly string[] ProjectorTag = ["Projector"];
    private static readonly int[] UnknownIds = [99999];

    private static async Task<int> CreateAsync(HttpClient client, string title, DateTimeOffset start, DateTimeOffset end, int[] associates, bool free = false)
    {
        var created = await (await client.PostJsonAsync("/api/v1/appointments", Meeting(title, start, end, associates, free))).JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetInt32();
    }

    private static object Meeting(string title, DateTimeOffset start, DateTimeOffset end, int[] associates, bool free = false) =>
        new { title, start = start.Iso(), end = end.Iso(), free, participants = associates.Select(a => new { associateId = a }).ToArray() };

    private async Task<(string UserName, int Id)> NewEmployeeAsync()
    {
        using var admin = await App.ClientForAsync("admin");
        var userName = "wh" + Guid.NewGuid().ToString("N")[..10];
        var created = await (await admin.PostJsonAsync("/api/v1/associates", new { name = "Working " + userName, kind = "Employee", userName, password = "demo", timeZone = "Europe/Oslo" })).JsonAsync(HttpStatusCode.Created);
        return (userName, created.GetProperty("id").GetInt32());
    }

    private static async Task<int> NewRoomAsync(HttpClient admin, int capacity, string[] tags)
    {
        var created = await (await admin.PostJsonAsync("/api/v1/associates", new { name = "Room " + Guid.NewGuid().ToString("N")[..8], kind = "Resource", isLocation = true })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        await (await admin.PatchJsonAsync($"/api/v1/associates/{id}", new { capacity, tags })).JsonAsync(HttpStatusCode.OK);
        return id;
    }

    private static JsonElement Entity(JsonElement freeBusy, int id) =>
        freeBusy.GetProperty("associates").EnumerateArray().Single(a => a.GetProperty("associateId").GetInt32() == id);

    private static JsonElement Attendee(JsonElement suggestion, int id) =>
        suggestion.GetProperty("attendees").EnumerateArray().Single(a => a.GetProperty("associateId").ValueKind == JsonValueKind.Number && a.GetProperty("associateId").GetInt32() == id);

    private static (DateTimeOffset, DateTimeOffset) Range(JsonElement r) => (r.GetProperty("start").GetDateTimeOffset(), r.GetProperty("end").GetDateTimeOffset());

    private static List<(DateTimeOffset, DateTimeOffset)> Ranges(JsonElement array) => array.EnumerateArray().Select(Range).ToList();
}

public sealed class SchedulingApiTests_Sqlite(ConveneApp app) : SchedulingApiTests(app), IClassFixture<ConveneApp>;

public sealed class SchedulingApiTests_Postgres(PostgresConveneApp app) : SchedulingApiTests(app), IClassFixture<PostgresConveneApp>;
