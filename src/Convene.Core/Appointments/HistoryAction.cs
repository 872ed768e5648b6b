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

    /// <summary>The owner assigned the meeting to another associate (the note is the reason).</summary>
    Assigned,

    /// <summary>The assignee accepted: they are the owner now.</summary>
    AssignmentAccepted,

    /// <summary>The assignee declined (with a reason); the meeting went back to the assigner.</summary>
    AssignmentDeclined,

    /// <summary>The assigner took the pending assignment back.</summary>
    AssignmentTakenBack,

    /// <summary>An administrator handed the meeting to a new owner (reassign-meetings).</summary>
    HandedOver,
}
