using Convene.Core.Appointments;
using NodaTime;

namespace Convene.Core.Tests.Appointments;

/// <summary>Assignments on the meeting aggregate without a database (issue 9).</summary>
public sealed class MeetingAssignmentTests
{
    private const int Frode = 7;
    private const int Ingrid = 10;
    private const int Kari = 11;

    private static readonly Instant Now = Instant.FromUtc(2030, 5, 1, 12, 0);
    private static readonly ParticipantCandidate Owner = new(ParticipantKind.Owner, Frode, 15, "Frode", true);
    private static readonly ParticipantCandidate IngridInvite = new(ParticipantKind.Associate, Ingrid, 18, "Ingrid", true);
    private static readonly ParticipantCandidate KariCandidate = new(ParticipantKind.Associate, Kari, null, "Kari", true);
    private static readonly ParticipantCandidate FrantzInvite = new(ParticipantKind.Person, null, 42, "Frantz Olsen", true);

    [Fact]
    public void Assign_MovesTheMasterToTheAssignee_AssignerKeepsTheRights_OneRevision()
    {
        var meeting = Stored();
        var revision = meeting.Revision;

        Assert.True(meeting.Assign(Frode, KariCandidate, "yours", Now).IsSuccess);

        var master = meeting.Owner!.Row;
        Assert.Equal((Kari, AppointmentStatus.Assignment, (int?)Frode), (master.AssociateId, master.Status, master.AssignedBy));
        Assert.Equal(Frode, meeting.OwnerId);
        Assert.True(meeting.Involves(Frode) && meeting.Involves(Kari));
        Assert.Equal(revision + 1, meeting.Revision);
        var note = Assert.Single(meeting.Changes.Notifications);
        Assert.Equal((Kari, NotificationKind.Assigned), (note.RecipientId, note.Kind));
        Assert.Empty(meeting.Changes.Itip); // nothing changes for external persons until it is accepted
        Assert.Equal(AppointmentStatus.Booking, meeting.Participants.Single(p => p.Kind == ParticipantKind.Associate).Row.Status);
    }

    [Fact]
    public void Accept_MakesTheAssigneeTheOwner_NotifiesEveryone_AndRevisesForPersons()
    {
        var meeting = Stored();
        meeting.Assign(Frode, KariCandidate, null, Now);
        meeting.TakeChanges();

        var accepted = meeting.Answer(Kari, InvitationAction.Accept, null, Now);

        Assert.True(accepted.IsSuccess);
        Assert.Equal(Kari, meeting.OwnerId);
        Assert.Equal(AppointmentStatus.NotStarted, meeting.Owner!.Row.Status);
        Assert.All(meeting.Participants, p => Assert.Equal(Kari, p.Row.MotherAssociateId));
        Assert.Equal(
            [(Ingrid, NotificationKind.OrganizerChanged), (Frode, NotificationKind.OrganizerChanged)],
            meeting.Changes.Notifications.Select(n => (n.RecipientId, n.Kind)));
        Assert.True(meeting.Changes.Revised && meeting.Changes.OrganizerChanged);
        Assert.Single(meeting.Changes.Itip, i => i.Method == ItipMethod.Request);
        Assert.False(meeting.Involves(Frode));
    }

    [Fact]
    public void Decline_ReturnsTheRowToTheAssigner_WithTheReason()
    {
        var meeting = Stored();
        meeting.Assign(Frode, KariCandidate, null, Now);
        meeting.TakeChanges();

        Assert.True(meeting.Answer(Kari, InvitationAction.Decline, "busy", Now).IsSuccess);

        var master = meeting.Owner!.Row;
        Assert.Equal((Frode, AppointmentStatus.NotStarted, (int?)null), (master.AssociateId, master.Status, master.AssignedBy));
        Assert.Equal(0, master.RejectCounter);
        var note = Assert.Single(meeting.Changes.Notifications);
        Assert.Equal((Frode, NotificationKind.InvitationDeclined), (note.RecipientId, note.Kind));
        Assert.Contains("busy", note.Text, StringComparison.Ordinal);
        Assert.Equal(
            [(HistoryAction.AssignmentDeclined, (AppointmentStatus?)AppointmentStatus.AssignmentDeclined), (HistoryAction.StatusChanged, AppointmentStatus.NotStarted)],
            meeting.Changes.History.Select(h => (h.Action, h.ToStatus)));
    }

    [Fact]
    public void AcceptingAssignee_WhoWasInvited_LosesTheInvitationRow()
    {
        var meeting = Stored(KariCandidate);
        meeting.Assign(Frode, KariCandidate, null, Now);
        meeting.TakeChanges();

        meeting.Answer(Kari, InvitationAction.Accept, null, Now);

        Assert.DoesNotContain(meeting.Participants, p => p.Kind == ParticipantKind.Associate && p.Row.AssociateId == Kari);
        Assert.Single(meeting.Changes.RemovedRows);
    }

    [Theory]
    [InlineData(ParticipantKind.Resource, true, Kari, "assignment.not_an_employee")]
    [InlineData(ParticipantKind.Associate, false, Kari, "assignment.inactive")]
    [InlineData(ParticipantKind.Associate, true, Frode, "assignment.to_self")]
    public void Assign_Invalid_ChangesNothing(ParticipantKind kind, bool active, int to, string code)
    {
        var meeting = Stored();
        var revision = meeting.Revision;

        var result = meeting.Assign(Frode, new ParticipantCandidate(kind, to, null, "x", active), null, Now);

        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(revision, meeting.Revision);
        Assert.Empty(meeting.Changes.History);
    }

    private static Meeting Stored(params ParticipantCandidate[] extra)
    {
        var details = new MeetingDetails("Budget review", null, null, Instant.FromUtc(2030, 6, 3, 8, 0), Instant.FromUtc(2030, 6, 3, 9, 0), false, false, null, null);
        var created = Meeting.Create(details, Owner, [IngridInvite, FrantzInvite, .. extra], Now);
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value.AsStored();
    }
}
