using Convene.Core.Appointments;
using NodaTime;

namespace Convene.Core.Tests.Appointments;

/// <summary>The meeting aggregate without a database: rows, notifications and history of each operation.</summary>
public sealed class MeetingTests
{
    private const int Frode = 7;
    private const int Ingrid = 10;
    private const int Kari = 11;
    private const int RoomFjord = 41;
    private const int Frantz = 42;

    private static readonly Instant Now = Instant.FromUtc(2030, 5, 1, 12, 0);
    private static readonly Instant Start = Instant.FromUtc(2030, 6, 3, 8, 0);
    private static readonly Instant End = Instant.FromUtc(2030, 6, 3, 9, 0);

    private static readonly ParticipantCandidate Owner = new(ParticipantKind.Owner, Frode, 15, "Frode", true);
    private static readonly ParticipantCandidate IngridInvite = new(ParticipantKind.Associate, Ingrid, 18, "Ingrid", true);
    private static readonly ParticipantCandidate KariInvite = new(ParticipantKind.Associate, Kari, null, "Kari", true);
    private static readonly ParticipantCandidate Room = new(ParticipantKind.Resource, RoomFjord, null, "Room Fjord", true, IsLocation: true);
    private static readonly ParticipantCandidate FrantzInvite = new(ParticipantKind.Person, null, Frantz, "Frantz Olsen", true);

    [Fact]
    public void Create_WithColleaguePersonAndRoom_WritesOneRowPerParticipant()
    {
        var meeting = Create(IngridInvite, FrantzInvite, Room);

        Assert.Collection(
            meeting.Participants,
            owner => Assert.Equal((ParticipantKind.Owner, Frode, AppointmentType.InDiary, AppointmentStatus.NotStarted), Describe(owner)),
            ingrid => Assert.Equal((ParticipantKind.Associate, Ingrid, AppointmentType.BookingForDiary, AppointmentStatus.Booking), Describe(ingrid)),
            frantz => Assert.Equal((ParticipantKind.Person, 0, AppointmentType.InDiary, AppointmentStatus.NotStarted), Describe(frantz)),
            room => Assert.Equal((ParticipantKind.Resource, RoomFjord, AppointmentType.InDiary, AppointmentStatus.NotStarted), Describe(room)));
        Assert.Equal(Frantz, meeting.Participants[2].Row.InvitedPersonId);
        Assert.All(meeting.Participants, p => Assert.Equal((Start, End, "Budget review"), (p.Row.Start, p.Row.End, p.Row.Title)));
        Assert.Equal("Room Fjord", meeting.Reference.Location);
    }

    [Fact]
    public void Create_NotifiesInvitedColleaguesOnly()
    {
        var meeting = Create(IngridInvite, FrantzInvite, Room);

        var notification = Assert.Single(meeting.Changes.Notifications);
        Assert.Equal((Ingrid, NotificationKind.NewMeeting), (notification.RecipientId, notification.Kind));
        Assert.Contains("Budget review", notification.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OwnerListedAsParticipant_IsNotInvitedTwice()
    {
        var meeting = Create(Owner with { Kind = ParticipantKind.Associate }, IngridInvite);

        Assert.Equal(2, meeting.Participants.Count);
    }

    [Theory]
    [InlineData("", "appointment.title_required")]
    [InlineData("   ", "appointment.title_required")]
    public void Create_WithoutTitle_IsRefused(string title, string code)
    {
        var result = Meeting.Create(Details() with { Title = title }, Owner, [], Now);

        Assert.Equal(code, result.Error!.Code);
    }

    [Fact]
    public void Create_TitleOverLimit_IsRefused()
    {
        var result = Meeting.Create(Details() with { Title = new string('x', 256) }, Owner, [], Now);

        Assert.Equal("appointment.title_too_long", result.Error!.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void Create_EndNotAfterStart_IsRefused(int minutes)
    {
        var result = Meeting.Create(Details() with { End = Start + Duration.FromMinutes(minutes) }, Owner, [], Now);

        Assert.Equal("appointment.end_not_after_start", result.Error!.Code);
    }

    [Fact]
    public void Create_SameColleagueTwice_IsRefused()
    {
        var result = Meeting.Create(Details(), Owner, [IngridInvite, IngridInvite], Now);

        Assert.Equal("participant.duplicate", result.Error!.Code);
    }

    [Fact]
    public void Create_DeactivatedColleague_IsRefused()
    {
        var result = Meeting.Create(Details(), Owner, [IngridInvite with { IsActive = false }], Now);

        Assert.Equal("participant.inactive", result.Error!.Code);
    }

    [Fact]
    public void Accept_RemovesTheOpenNewMeetingNotification_AndRecordsHistory()
    {
        var meeting = Stored(IngridInvite);

        var result = meeting.Answer(Ingrid, InvitationAction.Accept, null, Now);

        Assert.True(result.IsSuccess);
        Assert.Equal((AppointmentType.InDiary, AppointmentStatus.NotStarted), (result.Value.Row.Type, result.Value.Row.Status));
        Assert.Contains(meeting.Changes.ResolvedNotifications, r => r.RecipientId == Ingrid);
        var history = Assert.Single(meeting.Changes.History);
        Assert.Equal((HistoryAction.Accepted, Ingrid, AppointmentStatus.Booking, AppointmentStatus.NotStarted), (history.Action, history.ActorId, history.FromStatus!.Value, history.ToStatus!.Value));
    }

    [Fact]
    public void Decline_WithReason_CountsOnTheMasterAndTellsTheOwner()
    {
        var meeting = Stored(IngridInvite);

        meeting.Answer(Ingrid, InvitationAction.Decline, "Busy", Now);

        var ingrid = meeting.Participants[1].Row;
        Assert.Equal((AppointmentStatus.BookingDeclined, "Busy"), (ingrid.Status, ingrid.RejectReason));
        Assert.Equal(1, meeting.Owner!.Row.RejectCounter);
        var notification = Assert.Single(meeting.Changes.Notifications);
        Assert.Equal((Frode, NotificationKind.InvitationDeclined), (notification.RecipientId, notification.Kind));
        Assert.Contains("Busy", notification.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decline_Twice_CountsOnce()
    {
        var meeting = Stored(IngridInvite);

        meeting.Answer(Ingrid, InvitationAction.Decline, null, Now);
        meeting.Answer(Ingrid, InvitationAction.Decline, null, Now);

        Assert.Equal(1, meeting.Owner!.Row.RejectCounter);
    }

    [Fact]
    public void Decline_ReasonOverLimit_IsRefusedAndChangesNothing()
    {
        var meeting = Stored(IngridInvite);

        var result = meeting.Answer(Ingrid, InvitationAction.Decline, new string('r', 255), Now);

        Assert.Equal("invitation.reason_too_long", result.Error!.Code);
        Assert.Equal(AppointmentStatus.Booking, meeting.Participants[1].Row.Status);
        Assert.Empty(meeting.Changes.History);
    }

    [Fact]
    public void Answer_BySomeoneNotInvited_IsForbidden()
    {
        var meeting = Stored(IngridInvite);

        Assert.Equal("invitation.not_invited", meeting.Answer(Kari, InvitationAction.Accept, null, Now).Error!.Code);
        Assert.Equal("invitation.owner_cannot_answer", meeting.Answer(Frode, InvitationAction.Accept, null, Now).Error!.Code);
    }

    [Fact]
    public void Move_AfterAnswers_AsksAgainAndTellsThoseWhoHadSeenIt()
    {
        var meeting = Stored(IngridInvite, KariInvite, Room, FrantzInvite);
        meeting.Answer(Ingrid, InvitationAction.Accept, null, Now);
        meeting.TakeChanges();

        var result = meeting.Edit(Frode, new MeetingEdit(Start: Start + Duration.FromHours(2), End: End + Duration.FromHours(2)), Now);

        Assert.True(result.IsSuccess);
        Assert.Equal((AppointmentType.BookingForDiary, AppointmentStatus.BookingMoved), (meeting.Participants[1].Row.Type, meeting.Participants[1].Row.Status));
        Assert.Equal(AppointmentStatus.Booking, meeting.Participants[2].Row.Status); // Kari had not seen it: nothing to re-confirm
        Assert.Equal(AppointmentStatus.NotStarted, meeting.Participants[3].Row.Status); // the room stays booked
        Assert.Equal(AppointmentStatus.NotStarted, meeting.Participants[4].Row.Status); // so does Frantz
        Assert.All(meeting.Participants, p => Assert.Equal(Start + Duration.FromHours(2), p.Row.Start));
        var notification = Assert.Single(meeting.Changes.Notifications);
        Assert.Equal((Ingrid, NotificationKind.MeetingChanged), (notification.RecipientId, notification.Kind));
    }

    [Fact]
    public void Edit_ByNonOwner_IsForbiddenAndChangesNothing()
    {
        var meeting = Stored(IngridInvite);

        var result = meeting.Edit(Ingrid, new MeetingEdit(Title: "Mine now"), Now);

        Assert.Equal("appointment.not_owner", result.Error!.Code);
        Assert.Equal("Budget review", meeting.Reference.Title);
    }

    [Fact]
    public void Edit_TitleOnly_IsNotAMove()
    {
        var meeting = Stored(IngridInvite);
        meeting.Answer(Ingrid, InvitationAction.Accept, null, Now);

        meeting.Edit(Frode, new MeetingEdit(Title: "Budget review (Q3)"), Now);

        Assert.Equal(AppointmentStatus.NotStarted, meeting.Participants[1].Row.Status);
        Assert.Equal("Budget review (Q3)", meeting.Participants[1].Row.Title);
    }

    [Fact]
    public void Cancel_KeepsRowsOfThoseWhoSawIt_DeletesTheRest()
    {
        var meeting = Stored(IngridInvite, KariInvite, Room, FrantzInvite);
        meeting.Answer(Ingrid, InvitationAction.MarkSeen, null, Now);
        meeting.TakeChanges();

        var result = meeting.Cancel(Frode, Now);

        Assert.True(result.IsSuccess);
        var remaining = Assert.Single(meeting.Participants);
        Assert.Equal((Ingrid, AppointmentStatus.BookingDeleted), (remaining.Row.AssociateId, remaining.Row.Status));
        Assert.True(meeting.IsCancelled);
        Assert.Equal(4, meeting.Changes.RemovedRows.Count); // master, Kari (unseen), room, Frantz
        var notification = Assert.Single(meeting.Changes.Notifications);
        Assert.Equal((Ingrid, NotificationKind.MeetingCancelled), (notification.RecipientId, notification.Kind));
    }

    [Fact]
    public void Decline_AfterCancel_IsInvalid()
    {
        var meeting = Stored(IngridInvite);
        meeting.Answer(Ingrid, InvitationAction.MarkSeen, null, Now);
        meeting.Cancel(Frode, Now);

        var result = meeting.Answer(Ingrid, InvitationAction.Decline, "Too late", Now);

        Assert.Equal("invitation.cancelled", result.Error!.Code);
    }

    [Fact]
    public void RemoveParticipant_Unseen_DeletesTheRow()
    {
        var meeting = Stored(IngridInvite);
        var row = meeting.Participants[1].Row;

        meeting.RemoveParticipant(Frode, row.Id, Now);

        Assert.Single(meeting.Participants);
        Assert.Contains(row, meeting.Changes.RemovedRows);
        Assert.Empty(meeting.Changes.Notifications);
    }

    [Fact]
    public void RemoveParticipant_Seen_CancelsForThemAndTellsThem()
    {
        var meeting = Stored(IngridInvite);
        meeting.Answer(Ingrid, InvitationAction.MarkSeen, null, Now);
        meeting.TakeChanges();

        meeting.RemoveParticipant(Frode, meeting.Participants[1].Row.Id, Now);

        Assert.Equal(AppointmentStatus.BookingDeleted, meeting.Participants[1].Row.Status);
        Assert.Equal(NotificationKind.MeetingCancelled, Assert.Single(meeting.Changes.Notifications).Kind);
    }

    [Fact]
    public void AddParticipant_RemovedBefore_GetsAFreshInvitation()
    {
        var meeting = Stored(IngridInvite);
        meeting.Answer(Ingrid, InvitationAction.MarkSeen, null, Now);
        meeting.RemoveParticipant(Frode, meeting.Participants[1].Row.Id, Now);

        var added = meeting.AddParticipant(Frode, IngridInvite, Now);

        Assert.Equal(AppointmentStatus.Booking, added.Value.Row.Status);
        Assert.Equal(2, meeting.Participants.Count);
    }

    [Fact]
    public void AddParticipant_AlreadyThere_IsAConflict()
    {
        var meeting = Stored(IngridInvite);

        Assert.Equal("participant.already_invited", meeting.AddParticipant(Frode, IngridInvite, Now).Error!.Code);
    }

    private static MeetingDetails Details() => new("Budget review", "Q3 numbers", null, Start, End, false, false, null, null);

    private static Meeting Create(params ParticipantCandidate[] invitees)
    {
        var result = Meeting.Create(Details(), Owner, invitees, Now);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    /// <summary>A created meeting as if stored: rows have ids, the create's changes are written.</summary>
    private static Meeting Stored(params ParticipantCandidate[] invitees) => Create(invitees).AsStored();

    private static (ParticipantKind, int, AppointmentType, AppointmentStatus) Describe(Participant p) =>
        (p.Kind, p.Row.AssociateId, p.Row.Type, p.Row.Status);
}
