using Convene.Core.Common;
using NodaTime;
using NodaTime.Text;

namespace Convene.Core.Appointments;

/// <summary>The errors of meetings and their participants, with their stable codes.</summary>
public static class MeetingErrors
{
    public static readonly Error NotFound = Error.NotFound("appointment.not_found", "The appointment does not exist or is not visible to you.");

    public static readonly Error NotOwner = Error.Forbidden("appointment.not_owner", "Only the owner of the meeting can do this.");

    public static readonly Error NotInvited = Error.Forbidden("invitation.not_invited", "You have no invitation to this meeting.");

    public static readonly Error Cancelled = Error.Conflict("appointment.cancelled", "The meeting is cancelled.");

    public static readonly Error ParticipantNotFound = Error.NotFound("participant.not_found", "The meeting has no such participant row.");

    public static readonly Error TooManyParticipants =
        Error.Validation("participant.too_many", $"A meeting has at most {Limits.MaxParticipants} participants.", "participants");

    public static Error Duplicate(string name) =>
        Error.Validation("participant.duplicate", $"'{name}' is listed more than once.", "participants");

    public static Error AlreadyInvited(string name) =>
        Error.Conflict("participant.already_invited", $"'{name}' already takes part in the meeting.");

    public static Error Inactive(string name) =>
        Error.Validation("participant.inactive", $"'{name}' is deactivated and cannot be invited.", "participants");

    public static Error DoubleBooked(IReadOnlyList<(string Resource, int ResourceId, Instant Start, Instant End)> conflicts) =>
        Error.Conflict(
            "resource.double_booked",
            $"{string.Join(", ", conflicts.Select(c => c.Resource).Distinct())} refuses overlapping bookings and is taken at that time.")
        with
        {
            Data = new Dictionary<string, object?>
            {
                ["conflicts"] = conflicts.Select(c => new Dictionary<string, object?>
                {
                    ["resourceId"] = c.ResourceId,
                    ["resource"] = c.Resource,
                    ["start"] = InstantPattern.ExtendedIso.Format(c.Start),
                    ["end"] = InstantPattern.ExtendedIso.Format(c.End),
                }).ToList(),
            },
        };

    public static readonly Error ReasonTooLong =
        Error.Validation("invitation.reason_too_long", $"A reason has at most {Limits.RejectReasonLength} characters.", "reason");
}
