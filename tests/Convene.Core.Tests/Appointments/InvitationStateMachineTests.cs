using Convene.Core.Appointments;

namespace Convene.Core.Tests.Appointments;

/// <summary>
/// Every status × every operation, for every kind of row, against the table of PRODUCT.md §3 written out by hand.
/// </summary>
public sealed class InvitationStateMachineTests
{
    // Expected outcome per status 0..13 for an invitee's (associate's) row.
    // "=" unchanged, "~" unchanged but told the meeting changed, a number: the new status,
    // "D" row deleted, "!" invalid transition (409), "X" the meeting is cancelled (409).
    private static readonly Dictionary<InvitationAction, string> InviteeTable = new()
    {
        //                                           0  1  2  3  4  5  6  7  8  9  10 11 12 13
        [InvitationAction.MarkSeen] = "              =  =  =  =  =  7  8  =  =  =  =  12 =  =",
        [InvitationAction.Accept] = "                !  =  !  !  !  1  1  1  1  1  X  !  !  !",
        [InvitationAction.Decline] = "               !  9  !  !  !  9  9  9  9  =  X  !  !  !",
        [InvitationAction.RemoveFromOwnDiary] = "    !  9  !  !  !  9  9  9  9  =  D  !  !  !",
        [InvitationAction.Move] = "                  =  6  =  =  =  =  ~  6  6  6  =  =  =  =",
        [InvitationAction.Cancel] = "                D  10 D  D  D  D  10 10 10 10 =  D  D  D",
        [InvitationAction.RemoveParticipant] = "     D  10 D  D  D  D  10 10 10 10 =  D  D  D",
        [InvitationAction.ExternalAccept] = "        !  !  !  !  !  !  !  !  !  !  !  !  !  !",
        [InvitationAction.ExternalDecline] = "       !  !  !  !  !  !  !  !  !  !  !  !  !  !",
        [InvitationAction.Assign] = "                !  !  !  !  !  !  !  !  !  !  !  !  !  !",
        [InvitationAction.TakeBackAssignment] = "    !  !  !  !  !  !  !  !  !  !  !  !  !  !",
        [InvitationAction.ReturnAssignment] = "      !  !  !  !  !  !  !  !  !  !  !  !  !  !",
        [InvitationAction.HandOver] = "              !  !  !  !  !  !  !  !  !  !  !  !  !  !",
    };

    // An external person's row (booked at once, status 1), same notation. Only their replies from outside answer.
    // "N" is "not answerable" (409 invitation.not_answerable).
    private static readonly Dictionary<InvitationAction, string> PersonTable = new()
    {
        //                                           0  1  2  3  4  5  6  7  8  9  10 11 12 13
        [InvitationAction.MarkSeen] = "              N  N  N  N  N  N  N  N  N  N  N  N  N  N",
        [InvitationAction.Accept] = "                N  N  N  N  N  N  N  N  N  N  N  N  N  N",
        [InvitationAction.Decline] = "               N  N  N  N  N  N  N  N  N  N  N  N  N  N",
        [InvitationAction.RemoveFromOwnDiary] = "    N  N  N  N  N  N  N  N  N  N  N  N  N  N",
        [InvitationAction.Move] = "                  =  =  =  =  =  =  =  =  =  =  =  =  =  =",
        [InvitationAction.Cancel] = "                D  D  D  D  D  D  D  D  D  D  D  D  D  D",
        [InvitationAction.RemoveParticipant] = "     D  D  D  D  D  D  D  D  D  D  D  D  D  D",
        [InvitationAction.ExternalAccept] = "        !  1  !  !  !  !  !  !  !  1  X  !  !  !",
        [InvitationAction.ExternalDecline] = "       !  9  !  !  !  !  !  !  !  =  X  !  !  !",
        [InvitationAction.Assign] = "                !  !  !  !  !  !  !  !  !  !  !  !  !  !",
        [InvitationAction.TakeBackAssignment] = "    !  !  !  !  !  !  !  !  !  !  !  !  !  !",
        [InvitationAction.ReturnAssignment] = "      !  !  !  !  !  !  !  !  !  !  !  !  !  !",
        [InvitationAction.HandOver] = "              !  !  !  !  !  !  !  !  !  !  !  !  !  !",
    };

    // The owner's (master) row, issue 9 (superoffice-domain.md §5.10): it answers nothing ("O": owner_cannot_answer)
    // except while assigned — the assignee sees it (11 → 12), accepts (→ 1, the new owner) or declines (→ 13, after
    // which the row returns to the assigner: 13 → 1). "R": the owner cannot be removed. Same notation otherwise.
    private static readonly Dictionary<InvitationAction, string> OwnerTable = new()
    {
        //                                           0  1  2  3  4  5  6  7  8  9  10 11 12 13
        [InvitationAction.MarkSeen] = "              O  O  O  O  O  O  O  O  O  O  O  12 =  =",
        [InvitationAction.Accept] = "                O  O  O  O  O  O  O  O  O  O  O  1  1  !",
        [InvitationAction.Decline] = "               O  O  O  O  O  O  O  O  O  O  O  13 13 =",
        [InvitationAction.RemoveFromOwnDiary] = "    O  O  O  O  O  O  O  O  O  O  O  13 13 =",
        [InvitationAction.Move] = "                  =  =  =  =  =  =  =  =  =  =  =  =  =  =",
        [InvitationAction.Cancel] = "                D  D  D  D  D  D  D  D  D  D  D  D  D  D",
        [InvitationAction.RemoveParticipant] = "     R  R  R  R  R  R  R  R  R  R  R  R  R  R",
        [InvitationAction.ExternalAccept] = "        O  O  O  O  O  O  O  O  O  O  O  O  O  O",
        [InvitationAction.ExternalDecline] = "       O  O  O  O  O  O  O  O  O  O  O  O  O  O",
        [InvitationAction.Assign] = "                !  11 !  !  !  !  !  !  !  !  !  !  !  !",
        [InvitationAction.TakeBackAssignment] = "    !  !  !  !  !  !  !  !  !  !  !  1  1  !",
        [InvitationAction.ReturnAssignment] = "      !  !  !  !  !  !  !  !  !  !  !  !  !  1",
        [InvitationAction.HandOver] = "              !  =  !  !  !  !  !  !  !  !  !  1  1  !",
    };

    public static TheoryData<AppointmentStatus, InvitationAction> EveryStatusAndAction()
    {
        var data = new TheoryData<AppointmentStatus, InvitationAction>();
        foreach (var status in Enum.GetValues<AppointmentStatus>())
        {
            foreach (var action in Enum.GetValues<InvitationAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Fact]
    public void Table_CoversEveryStatusAndEveryAction()
    {
        Assert.Equal(Enum.GetValues<InvitationAction>().Length, InviteeTable.Count);
        Assert.Equal(Enum.GetValues<InvitationAction>().Length, PersonTable.Count);
        Assert.Equal(Enum.GetValues<InvitationAction>().Length, OwnerTable.Count);
        Assert.All(InviteeTable.Values.Concat(PersonTable.Values).Concat(OwnerTable.Values), row => Assert.Equal(Enum.GetValues<AppointmentStatus>().Length, Cells(row).Length));
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void ExternalPerson_Transition_FollowsTheTable(AppointmentStatus status, InvitationAction action)
    {
        var from = new RowState(status == AppointmentStatus.BookingDeclined ? AppointmentType.BookingForDiary : AppointmentType.InDiary, status);
        var expected = Cells(PersonTable[action])[(int)status];

        var result = InvitationStateMachine.Apply(ParticipantKind.Person, from, action);

        switch (expected)
        {
            case "N":
                Assert.Equal("invitation.not_answerable", result.Error!.Code);
                break;
            case "!":
                Assert.Equal("invitation.invalid_transition", result.Error!.Code);
                break;
            case "X":
                Assert.Equal("invitation.cancelled", result.Error!.Code);
                break;
            case "D":
                Assert.Equal(RowEffect.Deleted, result.Value.Effect);
                break;
            case "=":
                Assert.Equal(Transition.Unchanged(from), result.Value);
                break;
            default:
                var to = (AppointmentStatus)int.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(RowEffect.Updated, result.Value.Effect);
                Assert.Equal(to, result.Value.To.Status);
                AssertTypeFollowsStatus(from, result.Value.To);
                var declined = to == AppointmentStatus.BookingDeclined;
                Assert.Equal(declined ? TransitionNotice.InvitationDeclinedToOwner : TransitionNotice.None, result.Value.Notice);
                Assert.Equal(declined, result.Value.CountsAsDecline);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void Invitee_Transition_FollowsTheTable(AppointmentStatus status, InvitationAction action)
    {
        var from = new RowState(status == AppointmentStatus.NotStarted ? AppointmentType.InDiary : AppointmentType.BookingForDiary, status);
        var expected = Cells(InviteeTable[action])[(int)status];

        var result = InvitationStateMachine.Apply(ParticipantKind.Associate, from, action);

        switch (expected)
        {
            case "!":
                Assert.False(result.IsSuccess);
                Assert.Equal("invitation.invalid_transition", result.Error!.Code);
                break;
            case "X":
                Assert.False(result.IsSuccess);
                Assert.Equal("invitation.cancelled", result.Error!.Code);
                break;
            case "D":
                Assert.Equal(RowEffect.Deleted, result.Value.Effect);
                Assert.Equal(TransitionNotice.None, result.Value.Notice);
                break;
            case "=":
                Assert.Equal(RowEffect.Unchanged, result.Value.Effect);
                Assert.Equal(from, result.Value.To);
                Assert.Equal(TransitionNotice.None, result.Value.Notice);
                Assert.False(result.Value.CountsAsDecline);
                break;
            case "~":
                Assert.Equal(RowEffect.Unchanged, result.Value.Effect);
                Assert.Equal(TransitionNotice.MeetingChanged, result.Value.Notice);
                break;
            default:
                var to = (AppointmentStatus)int.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(RowEffect.Updated, result.Value.Effect);
                Assert.Equal(to, result.Value.To.Status);
                AssertTypeFollowsStatus(from, result.Value.To);
                AssertNotice(to, action, result.Value);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void Owner_Transition_FollowsTheTable(AppointmentStatus status, InvitationAction action)
    {
        var from = new RowState(AppointmentType.InDiary, status);
        var expected = Cells(OwnerTable[action])[(int)status];

        var result = InvitationStateMachine.Apply(ParticipantKind.Owner, from, action);

        switch (expected)
        {
            case "O":
                Assert.Equal("invitation.owner_cannot_answer", result.Error!.Code);
                break;
            case "R":
                Assert.Equal("participant.owner_not_removable", result.Error!.Code);
                break;
            case "!":
                Assert.Equal("invitation.invalid_transition", result.Error!.Code);
                break;
            case "D":
                Assert.Equal(RowEffect.Deleted, result.Value.Effect);
                break;
            case "=":
                Assert.Equal(RowEffect.Unchanged, result.Value.Effect);
                Assert.Equal(from, result.Value.To);
                Assert.False(result.Value.CountsAsDecline);
                break;
            default:
                var to = (AppointmentStatus)int.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(RowEffect.Updated, result.Value.Effect);
                Assert.Equal(new RowState(AppointmentType.InDiary, to), result.Value.To); // the master stays a diary entry
                Assert.False(result.Value.CountsAsDecline); // declining an assignment is not a declined invitation
                var notice = action switch
                {
                    InvitationAction.Assign => TransitionNotice.AssignedToNewOwner,
                    InvitationAction.Accept or InvitationAction.HandOver => TransitionNotice.OrganizerChanged,
                    InvitationAction.Decline or InvitationAction.RemoveFromOwnDiary => TransitionNotice.AssignmentDeclinedToAssigner,
                    _ => TransitionNotice.None,
                };
                Assert.Equal(notice, result.Value.Notice);
                break;
        }
    }

    [Fact]
    public void Assignment_FullPaths_AssignSeenAcceptOrDeclineAndReturn()
    {
        var owned = new RowState(AppointmentType.InDiary, AppointmentStatus.NotStarted);
        var assigned = InvitationStateMachine.Apply(ParticipantKind.Owner, owned, InvitationAction.Assign).Value.To;
        var seen = InvitationStateMachine.Apply(ParticipantKind.Owner, assigned, InvitationAction.MarkSeen).Value.To;
        var accepted = InvitationStateMachine.Apply(ParticipantKind.Owner, seen, InvitationAction.Accept).Value.To;
        var declined = InvitationStateMachine.Apply(ParticipantKind.Owner, seen, InvitationAction.Decline).Value.To;
        var returned = InvitationStateMachine.Apply(ParticipantKind.Owner, declined, InvitationAction.ReturnAssignment).Value.To;

        Assert.Equal(
            [AppointmentStatus.Assignment, AppointmentStatus.AssignmentSeen, AppointmentStatus.NotStarted, AppointmentStatus.AssignmentDeclined, AppointmentStatus.NotStarted],
            new[] { assigned, seen, accepted, declined, returned }.Select(r => r.Status));
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void Resources_AreNeverAskedAndStayAcceptedOnMove(AppointmentStatus status, InvitationAction action)
    {
        foreach (var kind in new[] { ParticipantKind.Resource })
        {
            var from = new RowState(AppointmentType.InDiary, status);
            var result = InvitationStateMachine.Apply(kind, from, action);

            switch (action)
            {
                case InvitationAction.MarkSeen or InvitationAction.Accept or InvitationAction.Decline or InvitationAction.RemoveFromOwnDiary
                    or InvitationAction.ExternalAccept or InvitationAction.ExternalDecline:
                    Assert.Equal("invitation.not_answerable", result.Error!.Code);
                    break;
                case InvitationAction.Move:
                    Assert.Equal(Transition.Unchanged(from), result.Value);
                    break;
                case InvitationAction.Cancel or InvitationAction.RemoveParticipant:
                    Assert.Equal(RowEffect.Deleted, result.Value.Effect);
                    break;
                case InvitationAction.Assign or InvitationAction.TakeBackAssignment or InvitationAction.ReturnAssignment or InvitationAction.HandOver:
                    Assert.Equal("invitation.invalid_transition", result.Error!.Code); // a resource's row is never assigned
                    break;
            }
        }
    }

    [Fact]
    public void Accept_TaskInvitation_BecomesTask()
    {
        var result = InvitationStateMachine.Apply(ParticipantKind.Associate, new RowState(AppointmentType.BookingForChecklist, AppointmentStatus.Booking), InvitationAction.Accept);

        Assert.Equal(new RowState(AppointmentType.InChecklist, AppointmentStatus.NotStarted), result.Value.To);
    }

    [Fact]
    public void Cancel_KeepsTheRowsLastType()
    {
        var accepted = InvitationStateMachine.Apply(ParticipantKind.Associate, new RowState(AppointmentType.InDiary, AppointmentStatus.NotStarted), InvitationAction.Cancel);
        var seen = InvitationStateMachine.Apply(ParticipantKind.Associate, new RowState(AppointmentType.BookingForDiary, AppointmentStatus.BookingSeen), InvitationAction.Cancel);

        Assert.Equal(AppointmentType.InDiary, accepted.Value.To.Type);
        Assert.Equal(AppointmentType.BookingForDiary, seen.Value.To.Type);
    }

    // PRODUCT.md §3 "Type follows status": waiting or declined → an invitation type; accepted → a diary type; cancelled keeps its type.
    private static void AssertTypeFollowsStatus(RowState from, RowState to)
    {
        switch (to.Status)
        {
            case AppointmentStatus.NotStarted:
                Assert.Equal(AppointmentType.InDiary, to.Type);
                break;
            case AppointmentStatus.BookingDeleted:
                Assert.Equal(from.Type, to.Type);
                break;
            default:
                Assert.Equal(AppointmentType.BookingForDiary, to.Type);
                break;
        }
    }

    private static void AssertNotice(AppointmentStatus to, InvitationAction action, Transition transition)
    {
        var (notice, declines) = (to, action) switch
        {
            (AppointmentStatus.BookingDeclined, _) => (TransitionNotice.InvitationDeclinedToOwner, true),
            (AppointmentStatus.BookingMoved, InvitationAction.Move) => (TransitionNotice.MeetingChanged, false),
            (AppointmentStatus.BookingDeleted, _) => (TransitionNotice.MeetingCancelled, false),
            _ => (TransitionNotice.None, false),
        };
        Assert.Equal(notice, transition.Notice);
        Assert.Equal(declines, transition.CountsAsDecline);
    }

    private static string[] Cells(string row) => row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
