using Convene.Core.Appointments;
using NodaTime;

namespace Convene.Core.Ports;

/// <summary>One row of a diary, projected for reading.</summary>
public sealed record DiaryRow(
    int RowId,
    int MotherId,
    int AssociateId,
    int OwnerId,
    string Title,
    string? Location,
    Instant Start,
    Instant End,
    AppointmentType Type,
    AppointmentStatus Status,
    PrivacyLevel Private,
    bool Free,
    string? RejectReason,
    int RecurrenceRuleId = 0,
    Instant? OriginalStart = null,
    string? OwnerName = null);

/// <summary>The read side of diaries, invitations and contact activities (no aggregates loaded).</summary>
public interface IDiaryReader
{
    /// <summary>Rows of one diary overlapping [from, to), any type and status; the caller filters.</summary>
    Task<IReadOnlyList<DiaryRow>> GetDiaryRowsAsync(int associateId, Instant from, Instant to, CancellationToken cancellationToken);

    /// <summary>Rows of several diaries overlapping [from, to) in one query (group views).</summary>
    Task<IReadOnlyList<DiaryRow>> GetDiaryRowsAsync(IReadOnlyCollection<int> associateIds, Instant from, Instant to, CancellationToken cancellationToken);

    /// <summary>The associate's child rows in the given statuses, soonest first.</summary>
    Task<IReadOnlyList<DiaryRow>> GetInvitationRowsAsync(int associateId, IReadOnlyCollection<AppointmentStatus> statuses, CancellationToken cancellationToken);

    /// <summary>Of <paramref name="motherIds"/>, the meetings the associate owns or is invited to.</summary>
    Task<IReadOnlySet<int>> GetInvolvedMeetingIdsAsync(int associateId, IReadOnlyCollection<int> motherIds, CancellationToken cancellationToken);

    /// <summary>Master rows of live meetings with the contact, or with one of its persons as a participant.</summary>
    Task<IReadOnlyList<(DiaryRow Master, IReadOnlyList<int> PersonIds)>> GetContactActivitiesAsync(int contactId, Instant? from, Instant? to, CancellationToken cancellationToken);
}
