using Convene.Core.Appointments;
using NodaTime;

namespace Convene.Core.Ports;

/// <summary>Loads and stores whole meetings (all rows of one booking).</summary>
public interface IMeetingStore
{
    /// <summary>The meeting that row <paramref name="appointmentId"/> belongs to (master or any child id), or null.</summary>
    /// <remarks>Also finds a cancelled meeting by its former master id while invitees' cancelled rows remain.</remarks>
    Task<Meeting?> FindAsync(int appointmentId, CancellationToken cancellationToken);

    /// <summary>Writes what <see cref="Meeting.Changes"/> holds: rows, notifications and history.</summary>
    Task SaveAsync(Meeting meeting, CancellationToken cancellationToken);

    /// <summary>
    /// The diaries among <paramref name="diaryIds"/> that hold a time-blocking row of another meeting overlapping
    /// [<paramref name="start"/>, <paramref name="end"/>) (half-open: touching rows do not overlap).
    /// </summary>
    Task<IReadOnlySet<int>> FindDiariesWithOverlapAsync(IReadOnlyCollection<int> diaryIds, Instant start, Instant end, int excludeMotherId, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(int motherId, CancellationToken cancellationToken);
}
