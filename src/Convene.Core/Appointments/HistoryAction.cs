namespace Convene.Core.Appointments;

/// <summary>What a history entry records.</summary>
public enum HistoryAction
{
    Created,
    Edited,
    Moved,
    Cancelled,
    ParticipantAdded,
    ParticipantRemoved,
    Seen,
    Accepted,
    Declined,
    RemovedFromDiary,

    /// <summary>A participant's status changed as a consequence of the owner's action (move, cancel).</summary>
    StatusChanged,
}
