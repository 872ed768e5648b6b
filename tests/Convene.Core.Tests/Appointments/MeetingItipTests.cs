using Convene.Core.Appointments;
using NodaTime;

namespace Convene.Core.Tests.Appointments;

/// <summary>What the meeting aggregate decides external persons are sent (iTIP), and their replies from outside.</summary>
public sealed class MeetingItipTests
{
    private const int Frode = 7;
    private const int Ingrid = 10;
    private const int Frantz = 42;
    private const int Liv = 43;

    private static readonly Instant Now = Instant.FromUtc(2030, 5, 1, 12, 0);
    private static readonly Instant Start = Instant.FromUtc(2030, 6, 3, 8, 0);

    private static readonly ParticipantCandidate Owner = new(ParticipantKind.Owner, Frode, 15, "Frode", true);
    private static readonly ParticipantCandidate IngridInvite = new(ParticipantKind.Associate, Ingrid, 18, "Ingrid", true);
    private static readonly ParticipantCandidate FrantzInvite = new(ParticipantKind.Person, null, Frantz, "Frantz Olsen", true);
    private static readonly ParticipantCandidate LivInvite = new(ParticipantKind.Person, null, Liv, "Liv Berg", true);

    [Fact]
    public void Create_RequestsGoToExternalPersonsOnly_WithEveryAttendee()
    {
        var meeting = Meeting.Create(Details(), Owner, [IngridInvite, FrantzInvite, LivInvite], Now).Value;

        Assert.Equal([(ItipMethod.Request, Frantz), (ItipMethod.Request, Liv)], meeting.Changes.Itip.Select(i => (i.Method, i.Recipient.Row.InvitedPersonId)));
        Assert.All(meeting.Changes.Itip, i => Assert.Equal(4, i.Attendees.Count));
        Assert.False(meeting.Changes.Revised);
    }

    [Fact]
    public void Move_IsARevision_AndRequestsAgain()
    {
        var meeting = Stored(FrantzInvite);

        meeting.Edit(Frode, new MeetingEdit(Start: Start + Duration.FromHours(1), End: Start + Duration.FromHours(2)), Now);

        Assert.True(meeting.Changes.Revised);
        Assert.Equal(ItipMethod.Request, Assert.Single(meeting.Changes.Itip).Method);
    }

    [Fact]
    public void EditWithoutMove_RequestsAgain_WithoutRevision()
    {
        var meeting = Stored(FrantzInvite);

        meeting.Edit(Frode, new MeetingEdit(Location: "Room Fjord"), Now);

        Assert.False(meeting.Changes.Revised);
        Assert.Equal(ItipMethod.Request, Assert.Single(meeting.Changes.Itip).Method);
    }

    [Fact]
    public void Cancel_SendsCancelNamingEveryAttendee_AndIsARevision()
    {
        var meeting = Stored(IngridInvite, FrantzInvite);

        meeting.Cancel(Frode, Now);

        var cancel = Assert.Single(meeting.Changes.Itip);
        Assert.Equal((ItipMethod.Cancel, Frantz, 3), (cancel.Method, cancel.Recipient.Row.InvitedPersonId, cancel.Attendees.Count));
        Assert.True(meeting.Changes.Revised);
    }

    [Fact]
    public void RemovePerson_SendsCancelToThemAlone()
    {
        var meeting = Stored(FrantzInvite, LivInvite);
        var liv = meeting.Participants.Single(p => p.Row.InvitedPersonId == Liv);

        meeting.RemoveParticipant(Frode, liv.Row.Id, Now);

        var cancel = Assert.Single(meeting.Changes.Itip);
        Assert.Equal((ItipMethod.Cancel, Liv), (cancel.Method, cancel.Recipient.Row.InvitedPersonId));
        Assert.Equal([cancel.Recipient], cancel.Attendees);
        Assert.False(meeting.Changes.Revised);
    }

    [Fact]
    public void AddPerson_SendsRequestToThemAlone()
    {
        var meeting = Stored(FrantzInvite);

        meeting.AddParticipant(Frode, LivInvite, Now);

        Assert.Equal(Liv, Assert.Single(meeting.Changes.Itip).Recipient.Row.InvitedPersonId);
    }

    [Fact]
    public void PersonDeclines_StatusNine_OwnerIsToldAndCounts()
    {
        var meeting = Stored(FrantzInvite);

        var replied = meeting.ReplyFromPerson(Frantz, accept: false, "  Travelling  ", Now);

        Assert.True(replied.IsSuccess);
        Assert.Equal((AppointmentStatus.BookingDeclined, "Travelling"), (replied.Value.Row.Status, replied.Value.Row.RejectReason));
        Assert.Equal(1, meeting.Owner!.Row.RejectCounter);
        var notification = Assert.Single(meeting.Changes.Notifications);
        Assert.Equal((Frode, NotificationKind.InvitationDeclined), (notification.RecipientId, notification.Kind));
        var history = Assert.Single(meeting.Changes.History);
        Assert.Equal((HistoryAction.Declined, Meeting.ExternalActorId, AppointmentStatus.BookingDeclined), (history.Action, history.ActorId, history.ToStatus));
        Assert.Empty(meeting.Changes.Itip);
    }

    [Fact]
    public void PersonAcceptsAfterDeclining_BackToOne_WithoutNotification()
    {
        var meeting = Stored(FrantzInvite);
        meeting.ReplyFromPerson(Frantz, accept: false, null, Now);
        meeting.TakeChanges();

        var replied = meeting.ReplyFromPerson(Frantz, accept: true, null, Now);

        Assert.Equal((AppointmentType.InDiary, AppointmentStatus.NotStarted, null), (replied.Value.Row.Type, replied.Value.Row.Status, replied.Value.Row.RejectReason));
        Assert.Empty(meeting.Changes.Notifications);
        Assert.Equal(HistoryAction.Accepted, Assert.Single(meeting.Changes.History).Action);
    }

    [Fact]
    public void UninvitedPerson_CannotReply()
    {
        var meeting = Stored(FrantzInvite);

        Assert.Equal("invitation.not_invited", meeting.ReplyFromPerson(Liv, accept: true, null, Now).Error!.Code);
        Assert.Empty(meeting.Changes.History);
    }

    private static MeetingDetails Details() => new("Budget review", "Q3 numbers", null, Start, Start + Duration.FromHours(1), false, false, null, null);

    private static Meeting Stored(params ParticipantCandidate[] invitees) => Meeting.Create(Details(), Owner, invitees, Now).Value.AsStored();
}
