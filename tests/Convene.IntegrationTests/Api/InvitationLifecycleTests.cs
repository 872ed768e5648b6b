using System.Net;
using System.Text.Json;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Api;

/// <summary>The seeds' scenario through the HTTP API, checked against the stored rows.</summary>
public abstract class InvitationLifecycleTests(ConveneApp app) : ApiTestBase(app)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_WithColleaguePersonAndRoom_StoresFourRowsSharingMotherAndText()
    {
        var (meeting, _) = await CreateSeedMeetingAsync();
        var id = meeting.GetProperty("id").GetInt32();

        var rows = await App.RowsOfMeetingAsync(id);
        var (frodeId, ingridId, frantzId, roomId) = (await App.IdAsync("frode"), await App.IdAsync("ingrid"), await App.IdAsync("Frantz Olsen"), await App.IdAsync("Room Fjord"));

        Assert.Equal(4, rows.Count);
        Assert.Single(rows.Select(r => r.TextId).Distinct());
        Assert.All(rows, r => Assert.Equal(id, r.MotherId));
        var master = Assert.Single(rows, r => r.AppointmentId == id);
        Assert.Equal((frodeId, 1L, 1L), (master.AssociateId, master.Type, master.Status));
        var ingrid = Assert.Single(rows, r => r.AssociateId == ingridId);
        Assert.Equal((6L, 5L), (ingrid.Type, ingrid.Status));
        var frantz = Assert.Single(rows, r => r.AssociateId == 0);
        Assert.Equal((frantzId, 1L, 1L), (frantz.InvitedPersonId, frantz.Type, frantz.Status));
        var room = Assert.Single(rows, r => r.AssociateId == roomId);
        Assert.Equal((1L, 1L), (room.Type, room.Status));
    }

    [Fact]
    public async Task Invitation_SeenThenAccepted_MovesIntoTheInviteesDiary()
    {
        var (meeting, slot) = await CreateSeedMeetingAsync();
        var id = meeting.GetProperty("id").GetInt32();
        var ingridId = await App.IdAsync("ingrid");
        using var ingrid = await App.ClientForAsync("ingrid");
        var diaryUrl = $"/api/v1/diary?from={Uri.EscapeDataString(slot.Start.AddDays(-1).Iso())}&to={Uri.EscapeDataString(slot.End.AddDays(1).Iso())}";

        var invitations = await (await ingrid.GetAsync("/api/v1/invitations", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(invitations.EnumerateArray(), i => i.GetProperty("appointmentId").GetInt32() == id && i.GetProperty("statusCode").GetInt32() == 5);
        Assert.DoesNotContain((await (await ingrid.GetAsync(diaryUrl, _ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray(), e => e.GetProperty("appointmentId").GetInt32() == id);

        var seen = await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/seen")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("Seen", 7), Status(seen.Participant(ingridId)));

        var accepted = await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/accept")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("Accepted", 1), Status(accepted.Participant(ingridId)));
        var row = Assert.Single(await App.RowsOfMeetingAsync(id), r => r.AssociateId == ingridId);
        Assert.Equal((1L, 1L), (row.Type, row.Status));
        var diary = await (await ingrid.GetAsync(diaryUrl, _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(diary.EnumerateArray(), e => e.GetProperty("appointmentId").GetInt32() == id && e.GetProperty("title").GetString() == "Budget review");
        invitations = await (await ingrid.GetAsync("/api/v1/invitations", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(invitations.EnumerateArray(), i => i.GetProperty("appointmentId").GetInt32() == id);
    }

    [Fact]
    public async Task ExternalPerson_SeesTheMeetingInTheirCompanysActivities()
    {
        var (meeting, _) = await CreateSeedMeetingAsync();
        var id = meeting.GetProperty("id").GetInt32();
        using var kari = await App.ClientForAsync("kari");

        var activities = await (await kari.GetAsync($"/api/v1/contacts/{await App.IdAsync("Nordic Fisk AS")}/activities", _ct)).JsonAsync(HttpStatusCode.OK);

        var activity = Assert.Single(activities.EnumerateArray(), a => a.GetProperty("appointmentId").GetInt32() == id);
        Assert.Equal("Budget review", activity.GetProperty("title").GetString());
        Assert.Contains(activity.GetProperty("persons").EnumerateArray(), p => p.GetProperty("name").GetString() == "Frantz Olsen");
    }

    [Fact]
    public async Task FullLifecycle_MoveSeenDeclineDismissCancel_FollowsTheRules()
    {
        var (meeting, slot) = await CreateSeedMeetingAsync();
        var id = meeting.GetProperty("id").GetInt32();
        var (frodeId, ingridId) = (await App.IdAsync("frode"), await App.IdAsync("ingrid"));
        var roomId = await App.IdAsync("Room Fjord");
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/accept");

        // Move after accept → 6 and "Meeting has changed"
        var moved = await (await frode.PatchJsonAsync($"/api/v1/appointments/{id}", new { start = slot.Start.AddHours(2).Iso(), end = slot.End.AddHours(2).Iso() })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("Moved", 6), Status(moved.Participant(ingridId)));
        Assert.Equal(("Accepted", 1), Status(moved.Participant(roomId)));
        Assert.Equal((6L, 6L), Row(await App.RowsOfMeetingAsync(id), ingridId));
        var ingridNotes = await (await ingrid.GetAsync("/api/v1/notifications", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(ingridNotes.EnumerateArray(), n => n.GetProperty("kind").GetString() == "MeetingChanged" && n.GetProperty("appointmentId").GetInt32() == id);
        Assert.DoesNotContain(ingridNotes.EnumerateArray(), n => n.GetProperty("kind").GetString() == "NewMeeting" && n.GetProperty("appointmentId").GetInt32() == id);

        // Seen again → 8
        Assert.Equal(8, (await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/seen")).JsonAsync(HttpStatusCode.OK)).Participant(ingridId).GetProperty("statusCode").GetInt32());

        // Decline with a reason → 9, reject_counter 1, frode told
        var declined = await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/decline", new { reason = "Customer visit" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("Declined", 9), Status(declined.Participant(ingridId)));
        Assert.Equal("Customer visit", declined.Participant(ingridId).GetProperty("rejectReason").GetString());
        Assert.Equal(1, declined.GetProperty("rejectCounter").GetInt32());
        var stored = await App.RowsOfMeetingAsync(id);
        Assert.Equal(1, stored.Single(r => r.AppointmentId == id).RejectCounter);
        Assert.Equal((6L, 9L, "Customer visit"), (stored.Single(r => r.AssociateId == ingridId).Type, stored.Single(r => r.AssociateId == ingridId).Status, stored.Single(r => r.AssociateId == ingridId).RejectReason));
        var frodeNotes = await (await frode.GetAsync("/api/v1/notifications", _ct)).JsonAsync(HttpStatusCode.OK);
        var declineNote = Assert.Single(frodeNotes.EnumerateArray(), n => n.GetProperty("kind").GetString() == "InvitationDeclined" && n.GetProperty("appointmentId").GetInt32() == id);
        Assert.Contains("Customer visit", declineNote.GetProperty("text").GetString(), StringComparison.Ordinal);

        // Got it → gone
        (await frode.PostJsonAsync($"/api/v1/notifications/{declineNote.GetProperty("id").GetInt32()}/dismiss")).EnsureSuccessStatusCode();
        frodeNotes = await (await frode.GetAsync("/api/v1/notifications", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(frodeNotes.EnumerateArray(), n => n.GetProperty("id").GetInt32() == declineNote.GetProperty("id").GetInt32());

        // Cancel → ingrid's row 10 with "Meeting cancelled"; the room's row and the master are gone
        (await frode.PostJsonAsync($"/api/v1/appointments/{id}/cancel")).EnsureSuccessStatusCode();
        stored = await App.RowsOfMeetingAsync(id);
        var remaining = Assert.Single(stored);
        Assert.Equal((ingridId, 10L), (remaining.AssociateId, remaining.Status));
        ingridNotes = await (await ingrid.GetAsync("/api/v1/notifications", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(ingridNotes.EnumerateArray(), n => n.GetProperty("kind").GetString() == "MeetingCancelled" && n.GetProperty("appointmentId").GetInt32() == id);
        var cancelledView = await (await ingrid.GetAsync($"/api/v1/appointments/{id}", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.True(cancelledView.GetProperty("cancelled").GetBoolean());
        var withCancelled = await (await ingrid.GetAsync("/api/v1/invitations?include=cancelled", _ct)).JsonAsync(HttpStatusCode.OK);
        var cancelledInvitation = Assert.Single(withCancelled.EnumerateArray(), i => i.GetProperty("appointmentId").GetInt32() == id);
        Assert.Equal("Cancelled", cancelledInvitation.GetProperty("status").GetString());
        // The master is gone: the row's remembered owner (mother_associate_id) and that owner's name are still shown.
        Assert.Equal(frodeId, cancelledInvitation.GetProperty("ownerId").GetInt32());
        Assert.False(string.IsNullOrEmpty(cancelledInvitation.GetProperty("ownerName").GetString()));
        Assert.Equal(cancelledView.GetProperty("ownerName").GetString(), cancelledInvitation.GetProperty("ownerName").GetString());

        // A decline on a cancelled meeting is an invalid transition
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/decline", new { reason = "late" })).ProblemAsync(HttpStatusCode.Conflict, "invitation.cancelled");
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/accept")).ProblemAsync(HttpStatusCode.Conflict, "invitation.cancelled");

        // History keeps everything, with who and why
        var history = await (await ingrid.GetAsync($"/api/v1/appointments/{id}/history", _ct)).JsonAsync(HttpStatusCode.OK);
        var actions = history.EnumerateArray().Select(h => h.GetProperty("action").GetString()).ToList();
        Assert.Equal("Created", actions[0]);
        Assert.Contains("Accepted", actions);
        Assert.Contains("Moved", actions);
        Assert.Contains("Cancelled", actions);
        var decline = Assert.Single(history.EnumerateArray(), h => h.GetProperty("action").GetString() == "Declined");
        Assert.Equal((ingridId, 8, 9, "Customer visit"), (decline.GetProperty("actorId").GetInt32(), decline.GetProperty("fromStatus").GetInt32(), decline.GetProperty("toStatus").GetInt32(), decline.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task InviteeDelete_OfAcceptedMeeting_CountsAsDecline()
    {
        var (meeting, _) = await CreateSeedMeetingAsync();
        var id = meeting.GetProperty("id").GetInt32();
        var ingridId = await App.IdAsync("ingrid");
        using var ingrid = await App.ClientForAsync("ingrid");
        await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/accept");

        var result = await (await ingrid.DeleteAsync($"/api/v1/appointments/{id}", _ct)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("Declined", 9), Status(result.Participant(ingridId)));
        Assert.Equal(1, result.GetProperty("rejectCounter").GetInt32());
        var declined = await (await ingrid.GetAsync("/api/v1/invitations?include=declined", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(declined.EnumerateArray(), i => i.GetProperty("appointmentId").GetInt32() == id && i.GetProperty("statusCode").GetInt32() == 9);
    }

    [Fact]
    public async Task InviteeDelete_OfTheLastCancelledRow_ClearsIt()
    {
        var (meeting, _) = await CreateSeedMeetingAsync();
        var id = meeting.GetProperty("id").GetInt32();
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/seen");
        (await frode.PostJsonAsync($"/api/v1/appointments/{id}/cancel")).EnsureSuccessStatusCode();
        Assert.Single(await App.RowsOfMeetingAsync(id)); // only ingrid's cancelled row is left

        var cleared = await (await ingrid.DeleteAsync($"/api/v1/appointments/{id}", _ct)).JsonAsync(HttpStatusCode.OK);

        Assert.True(cleared.GetProperty("cancelled").GetBoolean());
        Assert.Empty(await App.RowsOfMeetingAsync(id));
        await (await ingrid.GetAsync($"/api/v1/appointments/{id}", _ct)).ProblemAsync(HttpStatusCode.NotFound, "appointment.not_found");
    }

    [Fact]
    public async Task OwnerDelete_CancelsTheMeeting()
    {
        var (meeting, _) = await CreateSeedMeetingAsync();
        var id = meeting.GetProperty("id").GetInt32();
        using var frode = await App.ClientForAsync("frode");

        (await frode.DeleteAsync($"/api/v1/appointments/{id}", _ct)).EnsureSuccessStatusCode();

        Assert.Empty(await App.RowsOfMeetingAsync(id)); // nobody had seen it: every row goes
        await (await frode.GetAsync($"/api/v1/appointments/{id}", _ct)).ProblemAsync(HttpStatusCode.NotFound, "appointment.not_found");
    }

    [Fact]
    public async Task AddAndRemoveParticipant_FollowTheSeenRule()
    {
        var (meeting, _) = await CreateSeedMeetingAsync();
        var id = meeting.GetProperty("id").GetInt32();
        var kariId = await App.IdAsync("kari");
        using var frode = await App.ClientForAsync("frode");
        using var kari = await App.ClientForAsync("kari");

        var added = await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/participants", new { associateId = kariId })).JsonAsync(HttpStatusCode.OK);
        var kariRow = added.Participant(kariId);
        Assert.Equal(("NotSeen", 5), Status(kariRow));
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/participants", new { associateId = kariId })).ProblemAsync(HttpStatusCode.Conflict, "participant.already_invited");

        await kari.PostJsonAsync($"/api/v1/appointments/{id}/seen");
        var removed = await (await frode.DeleteAsync($"/api/v1/appointments/{id}/participants/{kariRow.GetProperty("rowId").GetInt32()}", _ct)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("Cancelled", 10), Status(removed.Participant(kariId)));
        var notes = await (await kari.GetAsync("/api/v1/notifications", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(notes.EnumerateArray(), n => n.GetProperty("kind").GetString() == "MeetingCancelled" && n.GetProperty("appointmentId").GetInt32() == id);
    }

    [Fact]
    public async Task Get_ByAnyRowId_ReturnsTheMeeting()
    {
        var (meeting, _) = await CreateSeedMeetingAsync();
        var id = meeting.GetProperty("id").GetInt32();
        var ingridRow = meeting.Participant(await App.IdAsync("ingrid")).GetProperty("rowId").GetInt32();
        using var ingrid = await App.ClientForAsync("ingrid");

        var view = await (await ingrid.GetAsync($"/api/v1/appointments/{ingridRow}", _ct)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(id, view.GetProperty("id").GetInt32());
        Assert.Equal(4, view.GetProperty("participants").GetArrayLength());
    }

    [Fact]
    public async Task DismissAll_ClearsTheCallersNotificationsOnly()
    {
        await CreateSeedMeetingAsync();
        using var ingrid = await App.ClientForAsync("ingrid");
        using var frode = await App.ClientForAsync("frode");
        var frodeBefore = (await (await frode.GetAsync("/api/v1/notifications", _ct)).JsonAsync(HttpStatusCode.OK)).GetArrayLength();

        var cleared = await (await ingrid.PostJsonAsync("/api/v1/notifications/dismiss-all")).JsonAsync(HttpStatusCode.OK);

        Assert.True(cleared.GetProperty("dismissed").GetInt32() >= 1);
        Assert.Equal(0, (await (await ingrid.GetAsync("/api/v1/notifications", _ct)).JsonAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(frodeBefore, (await (await frode.GetAsync("/api/v1/notifications", _ct)).JsonAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Dismiss_SomeoneElsesNotification_IsNotFound()
    {
        await CreateSeedMeetingAsync();
        using var ingrid = await App.ClientForAsync("ingrid");
        using var kari = await App.ClientForAsync("kari");
        var note = (await (await ingrid.GetAsync("/api/v1/notifications", _ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray().First();

        await (await kari.PostJsonAsync($"/api/v1/notifications/{note.GetProperty("id").GetInt32()}/dismiss")).ProblemAsync(HttpStatusCode.NotFound, "notification.not_found");
    }

    [Fact]
    public async Task ETag_StaleIfMatch_IsRefusedWith412()
    {
        var (meeting, _) = await CreateSeedMeetingAsync();
        var id = meeting.GetProperty("id").GetInt32();
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var first = await frode.GetAsync($"/api/v1/appointments/{id}", _ct);
        var etag = first.Headers.ETag!.Tag;
        await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/seen"); // the meeting changes under frode

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/appointments/{id}") { Content = JsonContent(new { title = "Renamed" }) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        await (await frode.SendAsync(request, _ct)).ProblemAsync(HttpStatusCode.PreconditionFailed, "appointment.precondition_failed");

        var fresh = await frode.GetAsync($"/api/v1/appointments/{id}", _ct);
        using var retry = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/appointments/{id}") { Content = JsonContent(new { title = "Renamed" }) };
        retry.Headers.IfMatch.Add(fresh.Headers.ETag!);
        Assert.Equal("Renamed", (await (await frode.SendAsync(retry, _ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("title").GetString());
    }

    private async Task<(JsonElement Meeting, (DateTimeOffset Start, DateTimeOffset End) Slot)> CreateSeedMeetingAsync()
    {
        using var frode = await App.ClientForAsync("frode");
        var slot = App.NextSlot();
        var response = await frode.PostJsonAsync("/api/v1/appointments", new
        {
            title = "Budget review",
            description = "Q3 numbers",
            start = slot.Start.Iso(),
            end = slot.End.Iso(),
            participants = new object[]
            {
                new { associateId = await App.IdAsync("ingrid") },
                new { personId = await App.IdAsync("Frantz Olsen") },
                new { associateId = await App.IdAsync("Room Fjord") },
            },
        });
        var meeting = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/appointments/{meeting.GetProperty("id").GetInt32()}", response.Headers.Location?.OriginalString);
        return (meeting, slot);
    }

    private static (string?, int) Status(JsonElement participant) =>
        (participant.GetProperty("status").GetString(), participant.GetProperty("statusCode").GetInt32());

    private static (long, long) Row(List<StoredRow> rows, int associateId) =>
        rows.Where(r => r.AssociateId == associateId).Select(r => (r.Type, r.Status)).Single();

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, ConveneApp.Json), System.Text.Encoding.UTF8, "application/json");
}

public sealed class InvitationLifecycleTests_Sqlite(ConveneApp app) : InvitationLifecycleTests(app), IClassFixture<ConveneApp>;

public sealed class InvitationLifecycleTests_Postgres(PostgresConveneApp app) : InvitationLifecycleTests(app), IClassFixture<PostgresConveneApp>;
