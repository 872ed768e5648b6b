using System.Net;
using System.Text.Json;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Api;

/// <summary>
/// Issue 9: assigning a follow-up to another associate (statuses 11–13) and handing a meeting to a new owner, through
/// the HTTP API and checked against the stored rows.
/// </summary>
public abstract class AssignmentTests(ConveneApp app) : ApiTestBase(app)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Assign_SeenThenDeclined_GoesBackToTheAssignerWithTheReason()
    {
        var (id, _) = await CreateMeetingWithIngridAcceptedAsync();
        var (frodeId, kariId) = (await App.IdAsync("frode"), await App.IdAsync("kari"));
        using var frode = await App.ClientForAsync("frode");
        using var kari = await App.ClientForAsync("kari");

        var assigned = await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = kariId, note = "You know the customer" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(frodeId, assigned.GetProperty("ownerId").GetInt32()); // the assigner keeps the owner's rights until accepted
        Assert.Equal((kariId, 11L, (long?)frodeId), await App.AssignmentOfRowAsync(id));
        var invitation = Assert.Single((await (await kari.GetAsync("/api/v1/invitations", _ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray(),
            i => i.GetProperty("appointmentId").GetInt32() == id);
        Assert.Equal(("Assigned", 11, frodeId), (invitation.GetProperty("status").GetString(), invitation.GetProperty("statusCode").GetInt32(), invitation.GetProperty("ownerId").GetInt32()));
        var assignedNote = Assert.Single(await NotificationsAsync(kari), n => n.GetProperty("appointmentId").GetInt32() == id);
        Assert.Equal("Assigned", assignedNote.GetProperty("kind").GetString());
        Assert.Contains("You know the customer", assignedNote.GetProperty("text").GetString(), StringComparison.Ordinal);

        await (await kari.PostJsonAsync($"/api/v1/appointments/{id}/seen")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((kariId, 12L, (long?)frodeId), await App.AssignmentOfRowAsync(id));

        await (await kari.PostJsonAsync($"/api/v1/appointments/{id}/decline", new { reason = "On holiday that week" })).JsonAsync(HttpStatusCode.OK);
        var (associate, status, _) = await App.AssignmentOfRowAsync(id);
        Assert.Equal((frodeId, 1L), (associate, status));
        var declined = Assert.Single(await NotificationsAsync(frode), n => n.GetProperty("appointmentId").GetInt32() == id && n.GetProperty("kind").GetString() == "InvitationDeclined");
        Assert.Contains("On holiday that week", declined.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await NotificationsAsync(kari), n => n.GetProperty("appointmentId").GetInt32() == id);
        Assert.DoesNotContain((await (await kari.GetAsync("/api/v1/invitations", _ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray(),
            i => i.GetProperty("appointmentId").GetInt32() == id);

        // History: assign, seen, decline (12 → 13) and the return (13 → 1), with who and the note / reason.
        var history = (await (await frode.GetAsync($"/api/v1/appointments/{id}/history", _ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        var assign = Assert.Single(history, h => h.GetProperty("action").GetString() == "Assigned");
        Assert.Equal((frodeId, kariId, "You know the customer", 1, 11), (assign.GetProperty("actorId").GetInt32(), assign.GetProperty("associateId").GetInt32(), assign.GetProperty("reason").GetString(), assign.GetProperty("fromStatus").GetInt32(), assign.GetProperty("toStatus").GetInt32()));
        Assert.Contains(history, h => h.GetProperty("action").GetString() == "Seen" && h.GetProperty("actorId").GetInt32() == kariId && h.GetProperty("toStatus").GetInt32() == 12);
        var decline = Assert.Single(history, h => h.GetProperty("action").GetString() == "AssignmentDeclined");
        Assert.Equal((kariId, "On holiday that week", 12, 13), (decline.GetProperty("actorId").GetInt32(), decline.GetProperty("reason").GetString(), decline.GetProperty("fromStatus").GetInt32(), decline.GetProperty("toStatus").GetInt32()));
        Assert.Contains(history, h => h.GetProperty("fromStatus").ValueKind == JsonValueKind.Number && h.GetProperty("fromStatus").GetInt32() == 13 && h.GetProperty("toStatus").GetInt32() == 1);

        // frode owns it again: he can move it.
        await (await frode.PatchJsonAsync($"/api/v1/appointments/{id}", new { title = "Budget review (frode again)" })).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AssignedAgainAndAccepted_NewOwnerMovesIt_OldOwnerCannot_AnswersAndRowsStay()
    {
        var (id, slot) = await CreateMeetingWithIngridAcceptedAsync();
        var (frodeId, kariId, ingridId, roomId) = (await App.IdAsync("frode"), await App.IdAsync("kari"), await App.IdAsync("ingrid"), await App.IdAsync("Room Fjord"));
        using var frode = await App.ClientForAsync("frode");
        using var kari = await App.ClientForAsync("kari");
        using var ingrid = await App.ClientForAsync("ingrid");
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = kariId })).JsonAsync(HttpStatusCode.OK);
        await (await kari.PostJsonAsync($"/api/v1/appointments/{id}/decline", new { reason = "no" })).JsonAsync(HttpStatusCode.OK);
        var rowsBefore = await App.RowsOfMeetingAsync(id);

        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = kariId })).JsonAsync(HttpStatusCode.OK);
        // Pending: kari cannot act as the owner yet; frode still can.
        await (await kari.PatchJsonAsync($"/api/v1/appointments/{id}", new { title = "kari's" })).ProblemAsync(HttpStatusCode.Forbidden, "appointment.not_owner");
        var accepted = await (await kari.PostJsonAsync($"/api/v1/appointments/{id}/accept")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(kariId, accepted.GetProperty("ownerId").GetInt32());
        Assert.Equal((kariId, 1L, (long?)frodeId), await App.AssignmentOfRowAsync(id));
        var rows = await App.RowsOfMeetingAsync(id);
        Assert.Equal(rowsBefore.Select(r => r.AppointmentId), rows.Select(r => r.AppointmentId)); // nothing added, nothing removed
        var ingridRow = Assert.Single(rows, r => r.AssociateId == ingridId);
        Assert.Equal((1L, 1L), (ingridRow.Type, ingridRow.Status));
        Assert.Single(rows, r => r.AssociateId == roomId && r.Status == 1);
        Assert.Equal("Accepted", accepted.Participant(ingridId).GetProperty("status").GetString());

        var ingridNotes = (await NotificationsAsync(ingrid)).Where(n => n.GetProperty("appointmentId").GetInt32() == id).ToList();
        Assert.Single(ingridNotes, n => n.GetProperty("kind").GetString() == "OrganizerChanged");
        Assert.DoesNotContain(ingridNotes, n => n.GetProperty("kind").GetString() == "MeetingChanged");
        Assert.Contains(await NotificationsAsync(frode), n => n.GetProperty("appointmentId").GetInt32() == id && n.GetProperty("kind").GetString() == "OrganizerChanged");

        var later = new { start = slot.Start.AddHours(2).Iso(), end = slot.End.AddHours(2).Iso() };
        await (await frode.PatchJsonAsync($"/api/v1/appointments/{id}", later)).ProblemAsync(HttpStatusCode.Forbidden, "appointment.not_owner");
        var moved = await (await kari.PatchJsonAsync($"/api/v1/appointments/{id}", later)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Moved", moved.Participant(ingridId).GetProperty("status").GetString());

        var history = (await (await kari.GetAsync($"/api/v1/appointments/{id}/history", _ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Single(history, h => h.GetProperty("action").GetString() == "AssignmentAccepted" && h.GetProperty("actorId").GetInt32() == kariId);
        // frode is no participant any more: the history is not his to read.
        await (await frode.GetAsync($"/api/v1/appointments/{id}/history", _ct)).ProblemAsync(HttpStatusCode.Forbidden, "appointment.history_participants_only");
    }

    [Fact]
    public async Task TakeBack_ReturnsTheRow_AndTheAssigneeCanNoLongerAnswer()
    {
        var (id, _) = await CreateMeetingWithIngridAcceptedAsync();
        var (frodeId, kariId) = (await App.IdAsync("frode"), await App.IdAsync("kari"));
        using var frode = await App.ClientForAsync("frode");
        using var kari = await App.ClientForAsync("kari");
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = kariId })).JsonAsync(HttpStatusCode.OK);
        await (await kari.PostJsonAsync($"/api/v1/appointments/{id}/take-back")).ProblemAsync(HttpStatusCode.Forbidden, "appointment.not_owner");
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = await App.IdAsync("ingrid") })).ProblemAsync(HttpStatusCode.Conflict, "assignment.pending");

        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/take-back")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((frodeId, 1L, (long?)null), await App.AssignmentOfRowAsync(id));
        Assert.DoesNotContain(await NotificationsAsync(kari), n => n.GetProperty("appointmentId").GetInt32() == id);
        await (await kari.PostJsonAsync($"/api/v1/appointments/{id}/accept")).ProblemAsync(HttpStatusCode.Forbidden, "invitation.not_invited");
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/take-back")).ProblemAsync(HttpStatusCode.Conflict, "assignment.none_pending");
        var history = (await (await frode.GetAsync($"/api/v1/appointments/{id}/history", _ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray();
        Assert.Single(history, h => h.GetProperty("action").GetString() == "AssignmentTakenBack" && h.GetProperty("actorId").GetInt32() == frodeId);
    }

    [Fact]
    public async Task Assign_OnlyByTheOwner_ToAnActiveEmployeeOtherThanThemselves()
    {
        var (id, _) = await CreateMeetingWithIngridAcceptedAsync();
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        using var admin = await App.ClientForAsync("admin");
        var kariId = await App.IdAsync("kari");
        var leaver = await (await admin.PostJsonAsync("/api/v1/associates", new { name = "Left Already", userName = "left" + Guid.NewGuid().ToString("N")[..8], password = "s3cret-pass" })).JsonAsync(HttpStatusCode.Created);
        var leaverId = leaver.GetProperty("id").GetInt32();
        await (await admin.PatchJsonAsync($"/api/v1/associates/{leaverId}", new { active = false })).JsonAsync(HttpStatusCode.OK);
        var before = await App.FingerprintAsync();

        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = kariId })).ProblemAsync(HttpStatusCode.Forbidden, "appointment.not_owner");
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = await App.IdAsync("Room Fjord") })).ProblemAsync(HttpStatusCode.BadRequest, "assignment.not_an_employee");
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = 987654 })).ProblemAsync(HttpStatusCode.BadRequest, "assignment.unknown_associate");
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = leaverId })).ProblemAsync(HttpStatusCode.BadRequest, "assignment.inactive");
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = await App.IdAsync("frode") })).ProblemAsync(HttpStatusCode.BadRequest, "assignment.to_self");
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { })).ProblemAsync(HttpStatusCode.BadRequest, "assignment.associate_required");

        Assert.Equal(before, await App.FingerprintAsync()); // a failed request changes nothing
    }

    [Fact]
    public async Task AnsweringSomeoneElsesAssignment_IsRefused()
    {
        var (id, _) = await CreateMeetingWithIngridAcceptedAsync();
        using var frode = await App.ClientForAsync("frode");
        using var other = await App.ClientForAsync("admin");
        using var ingrid = await App.ClientForAsync("ingrid");
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = await App.IdAsync("kari") })).JsonAsync(HttpStatusCode.OK);

        await (await other.PostJsonAsync($"/api/v1/appointments/{id}/accept")).ProblemAsync(HttpStatusCode.Forbidden, "invitation.not_invited");
        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/accept")).ProblemAsync(HttpStatusCode.Conflict, "invitation.owner_cannot_answer");
        // ingrid's answers are about her own invitation, never the assignment.
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/decline", new { reason = "x" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(11L, (await App.AssignmentOfRowAsync(id)).Status);
    }

    [Fact]
    public async Task Administrator_ListsAndReassignsALeaversFutureMeetings_InOneCall()
    {
        using var admin = await App.ClientForAsync("admin");
        var userName = "leaver" + Guid.NewGuid().ToString("N")[..8];
        var leaver = await (await admin.PostJsonAsync("/api/v1/associates", new { name = "Leaving Soon", userName, password = "s3cret-pass" })).JsonAsync(HttpStatusCode.Created);
        var leaverId = leaver.GetProperty("id").GetInt32();
        using var leaving = App.ClientWithToken(await App.LoginAsync(userName, "s3cret-pass"));
        var ingridId = await App.IdAsync("ingrid");
        var kariId = await App.IdAsync("kari");
        var ids = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            var slot = App.NextSlot();
            var created = await (await leaving.PostJsonAsync("/api/v1/appointments", new { title = $"Handover {i}", start = slot.Start.Iso(), end = slot.End.Iso(), participants = new object[] { new { associateId = ingridId } } })).JsonAsync(HttpStatusCode.Created);
            ids.Add(created.GetProperty("id").GetInt32());
        }

        await (await admin.PatchJsonAsync($"/api/v1/associates/{leaverId}", new { active = false })).JsonAsync(HttpStatusCode.OK);
        using var frode = await App.ClientForAsync("frode");
        await (await frode.GetAsync($"/api/v1/associates/{leaverId}/owned-meetings", _ct)).ProblemAsync(HttpStatusCode.Forbidden, "assignment.not_administrator");
        var owned = await (await admin.GetAsync($"/api/v1/associates/{leaverId}/owned-meetings", _ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(ids, owned.EnumerateArray().Select(m => m.GetProperty("id").GetInt32()));

        await (await frode.PostJsonAsync($"/api/v1/associates/{leaverId}/reassign-meetings", new { toAssociateId = kariId })).ProblemAsync(HttpStatusCode.Forbidden, "assignment.not_administrator");
        await (await admin.PostJsonAsync($"/api/v1/associates/{leaverId}/reassign-meetings", new { toAssociateId = await App.IdAsync("Room Fjord") })).ProblemAsync(HttpStatusCode.BadRequest, "assignment.not_an_employee");
        var handed = await (await admin.PostJsonAsync($"/api/v1/associates/{leaverId}/reassign-meetings", new { toAssociateId = kariId })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(ids, handed.GetProperty("meetingIds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Empty((await (await admin.GetAsync($"/api/v1/associates/{leaverId}/owned-meetings", _ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray());
        using var kari = await App.ClientForAsync("kari");
        using var ingrid = await App.ClientForAsync("ingrid");
        foreach (var id in ids)
        {
            Assert.Equal((kariId, 1L, (long?)leaverId), await App.AssignmentOfRowAsync(id));
            await (await kari.PatchJsonAsync($"/api/v1/appointments/{id}", new { title = "Kept alive" })).JsonAsync(HttpStatusCode.OK);
            Assert.Contains(await NotificationsAsync(ingrid), n => n.GetProperty("appointmentId").GetInt32() == id && n.GetProperty("kind").GetString() == "OrganizerChanged");
            Assert.Contains(await NotificationsAsync(kari), n => n.GetProperty("appointmentId").GetInt32() == id && n.GetProperty("kind").GetString() == "OrganizerChanged");
        }
    }

    [Fact]
    public async Task AFollowUpWithoutParticipants_IsAssignedAndAccepted()
    {
        using var frode = await App.ClientForAsync("frode");
        using var kari = await App.ClientForAsync("kari");
        var kariId = await App.IdAsync("kari");
        var slot = App.NextSlot();
        var created = await (await frode.PostJsonAsync("/api/v1/appointments", new { title = "Call Nordic Fisk", start = slot.Start.Iso(), end = slot.End.Iso() })).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        await (await frode.PostJsonAsync($"/api/v1/appointments/{id}/assign", new { associateId = kariId })).JsonAsync(HttpStatusCode.OK);
        Assert.Contains((await (await kari.GetAsync("/api/v1/invitations", _ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray(), i => i.GetProperty("appointmentId").GetInt32() == id);
        var accepted = await (await kari.PostJsonAsync($"/api/v1/appointments/{id}/accept")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(kariId, accepted.GetProperty("ownerId").GetInt32());
        Assert.Equal((kariId, 1L, (long?)await App.IdAsync("frode")), await App.AssignmentOfRowAsync(id));
        Assert.Single(await App.RowsOfMeetingAsync(id));
    }

    // frode's meeting with ingrid (accepted) and Room Fjord.
    private async Task<(int Id, (DateTimeOffset Start, DateTimeOffset End) Slot)> CreateMeetingWithIngridAcceptedAsync()
    {
        using var frode = await App.ClientForAsync("frode");
        using var ingrid = await App.ClientForAsync("ingrid");
        var slot = App.NextSlot();
        var meeting = await (await frode.PostJsonAsync("/api/v1/appointments", new
        {
            title = "Budget review",
            start = slot.Start.Iso(),
            end = slot.End.Iso(),
            participants = new object[] { new { associateId = await App.IdAsync("ingrid") }, new { associateId = await App.IdAsync("Room Fjord") } },
        })).JsonAsync(HttpStatusCode.Created);
        var id = meeting.GetProperty("id").GetInt32();
        await (await ingrid.PostJsonAsync($"/api/v1/appointments/{id}/accept")).JsonAsync(HttpStatusCode.OK);
        return (id, slot);
    }

    private async Task<List<JsonElement>> NotificationsAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/notifications", _ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
}

public sealed class AssignmentTests_Sqlite(ConveneApp app) : AssignmentTests(app), IClassFixture<ConveneApp>;

public sealed class AssignmentTests_Postgres(PostgresConveneApp app) : AssignmentTests(app), IClassFixture<PostgresConveneApp>;
