using Convene.Core.Common;

namespace Convene.Core.Appointments;

/// <summary>The errors of the invitation lifecycle, with their stable codes.</summary>
public static class InvitationErrors
{
    public static Error InvalidTransition(AppointmentStatus from, InvitationAction action) =>
        Error.Conflict("invitation.invalid_transition", $"'{action}' is not possible on an invitation in status {(int)from} ({from}).");

    public static Error MeetingCancelled(InvitationAction action) =>
        Error.Conflict("invitation.cancelled", $"The meeting is cancelled; '{action}' is no longer possible.");

    public static readonly Error OwnerCannotAnswer =
        Error.Conflict("invitation.owner_cannot_answer", "The owner of a meeting has no invitation to answer.");

    public static readonly Error OwnerNotRemovable =
        Error.Conflict("participant.owner_not_removable", "The owner cannot be removed from their own meeting; cancel it instead.");

    public static Error NotAnswerable(ParticipantKind kind) =>
        Error.Conflict("invitation.not_answerable", $"A {kind.ToString().ToLowerInvariant()} is booked at once and has no invitation to answer.");
}
