using Convene.Core.Common;
using NodaTime;

namespace Convene.Core.Appointments;

/// <summary>What the owner decides about a meeting, as one validated value.</summary>
/// <remarks>The time is a half-open interval [<see cref="Start"/>, <see cref="End"/>): back-to-back meetings do not overlap.</remarks>
public sealed record MeetingDetails(
    string Title,
    string? Description,
    string? Location,
    Instant Start,
    Instant End,
    bool Private,
    bool Free,
    int? ContactId,
    int? PersonId)
{
    /// <summary>Travel time before the start; blocks the participants' time like the meeting itself (BusyRules).</summary>
    public Duration LeadTime { get; init; }

    /// <summary>Travel time after the end.</summary>
    public Duration LagTime { get; init; }

    public Result<MeetingDetails> Validate()
    {
        if (ValidateTravel(LeadTime, "leadTime") is { } badLead)
        {
            return badLead;
        }

        if (ValidateTravel(LagTime, "lagTime") is { } badLag)
        {
            return badLag;
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            return Error.Validation("appointment.title_required", "A title is required.", "title");
        }

        if (Title.Trim().Length > Limits.TitleLength)
        {
            return Error.Validation("appointment.title_too_long", $"The title has at most {Limits.TitleLength} characters.", "title");
        }

        if (Location is { Length: > Limits.LocationLength })
        {
            return Error.Validation("appointment.location_too_long", $"The location has at most {Limits.LocationLength} characters.", "location");
        }

        if (Description is { Length: > Limits.DescriptionLength })
        {
            return Error.Validation("appointment.description_too_long", $"The description has at most {Limits.DescriptionLength} characters.", "description");
        }

        if (End <= Start)
        {
            return Error.Validation("appointment.end_not_after_start", "The end must be after the start.", "end");
        }

        if (End - Start > Duration.FromDays(MaxDurationDays))
        {
            return Error.Validation("appointment.too_long", $"A meeting lasts at most {MaxDurationDays} days.", "end");
        }

        return this with { Title = Title.Trim(), Location = string.IsNullOrWhiteSpace(Location) ? null : Location.Trim() };
    }

    public const int MaxDurationDays = 31;

    // Whole minutes between 0 and BusyRules.MaxBuffer: the columns hold minutes, and the busy queries widen their
    // search by exactly MaxBuffer, so a longer buffer could be missed by them.
    private static Error? ValidateTravel(Duration travel, string field)
    {
        if (travel < Duration.Zero || travel > Scheduling.BusyRules.MaxBuffer || travel.SubsecondNanoseconds != 0 || travel.Seconds != 0)
        {
            return Error.Validation(
                $"appointment.{(field == "leadTime" ? "lead_time" : "lag_time")}_invalid",
                $"{field} is whole minutes between PT0M and PT{(int)Scheduling.BusyRules.MaxBuffer.TotalHours}H.",
                field);
        }

        return null;
    }
}
