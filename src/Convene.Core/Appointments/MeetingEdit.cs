using NodaTime;

namespace Convene.Core.Appointments;

/// <summary>The owner's changes to a meeting; null means "keep".</summary>
public sealed record MeetingEdit(
    string? Title = null,
    string? Description = null,
    string? Location = null,
    Instant? Start = null,
    Instant? End = null,
    bool? Private = null,
    bool? Free = null,
    Duration? LeadTime = null,
    Duration? LagTime = null);
