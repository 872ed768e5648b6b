using Convene.Core.Appointments;
using NodaTime;

namespace Convene.Core.Ports;

/// <summary>Loads and stores whole meetings (all rows of one booking).</summary>
public interface IMeetingStore
{
    /// <summary>The meeting that row <paramref name="appointmentId"/> belongs to (master or any child id), or null.</summary>
    /// <remarks>Also finds a cancelled meeting by its former master id while invitees' cancelled rows remain.</remarks>
    Task<Meeting?> FindAsync(int appointmentId, CancellationToken cancellationToken);

    /// <summary>
    /// Called before the write transaction that will load and change this meeting: a store whose writers all wait for
    /// one lock (SQLite) may read the meeting now and, inside the transaction, hand it out if it has not changed since.
    /// A hint only: <see cref="FindAsync"/> returns the stored meeting either way.
    /// </summary>
    Task ReadAheadAsync(int appointmentId, CancellationToken cancellationToken);

    /// <summary>Writes what <see cref="Meeting.Changes"/> holds: rows, notifications and history.</summary>
    Task SaveAsync(Meeting meeting, CancellationToken cancellationToken);

    /// <summary>
    /// The diaries among <paramref name="diaryIds"/> that hold a time-blocking row of another meeting overlapping
    /// [<paramref name="start"/>, <paramref name="end"/>) (half-open: touching rows do not overlap).
    /// </summary>
    Task<IReadOnlySet<int>> FindDiariesWithOverlapAsync(IReadOnlyCollection<int> diaryIds, Instant start, Instant end, int excludeMotherId, CancellationToken cancellationToken);

    /// <summary>
    /// Time-blocking rows of other meetings in these diaries overlapping [start, end): (diary, start, end) only, no
    /// titles — what a refused booking may tell about the bookings it collides with.
    /// </summary>
    Task<IReadOnlyList<(int DiaryId, Instant Start, Instant End)>> FindOverlapsAsync(IReadOnlyCollection<int> diaryIds, Instant start, Instant end, int excludeMotherId, CancellationToken cancellationToken);

    /// <summary>
    /// Serialises bookings of these resources until the transaction ends (PostgreSQL advisory locks, taken in id order
    /// so two bookings never wait on each other in a cycle; SQLite's single writer needs none).
    /// </summary>
    Task LockResourcesAsync(IReadOnlyList<int> resourceIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(int motherId, CancellationToken cancellationToken);

    /// <summary>
    /// Meetings (master ids) that <paramref name="associateId"/> owns — or has assigned and still holds while the
    /// assignment is pending — and that end after <paramref name="after"/>, by start.
    /// </summary>
    Task<IReadOnlyList<int>> FindOwnedMeetingIdsAsync(int associateId, Instant after, CancellationToken cancellationToken);
}
