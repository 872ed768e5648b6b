using Convene.Core.Itip;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.Persistence.Stores;

/// <summary>The sender's side of the iMIP outbox: claim due messages, record the outcome on message and recipient.</summary>
/// <remarks>
/// A claim moves <c>next_attempt_at</c> forward by a lease in one conditional UPDATE, so that two senders (two server
/// processes on one database) never send the same message; a sender that dies mid-send leaves a lease that expires.
/// </remarks>
public sealed class OutboxStore(ConveneDbContext db)
{
    /// <summary>Claims up to <paramref name="limit"/> messages due at <paramref name="now"/>; each claim is its own statement.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(Instant now, Duration lease, int limit, CancellationToken ct)
    {
        var due = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.State == OutboxState.Queued && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.NextAttemptAt })
            .Take(limit)
            .ToListAsync(ct);
        var claimed = new List<OutboxMessage>();
        var until = now + lease;
        foreach (var candidate in due)
        {
            var id = candidate.Id;
            var seen = candidate.NextAttemptAt;
            var won = await db.Set<OutboxMessage>()
                .Where(m => m.Id == id && m.State == OutboxState.Queued && m.NextAttemptAt == seen)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, until).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
            if (won == 1)
            {
                claimed.Add(await db.Set<OutboxMessage>().AsNoTracking().FirstAsync(m => m.Id == id, ct));
            }
        }

        return claimed;
    }

    public Task MarkSentAsync(OutboxMessage message, Instant now, CancellationToken ct) =>
        RecordAsync(message, OutboxState.Sent, null, now, now, DeliveryState.Sent, ct);

    /// <summary>A failed attempt: retried at <paramref name="retryAt"/>, or given up when that is null.</summary>
    public Task MarkFailedAsync(OutboxMessage message, string error, Instant now, Instant? retryAt, CancellationToken ct) =>
        RecordAsync(message, retryAt is null ? OutboxState.Failed : OutboxState.Queued, error, retryAt ?? now, now, retryAt is null ? DeliveryState.Failed : DeliveryState.Queued, ct);

    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(int motherId, CancellationToken ct) =>
        await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MotherId == motherId).OrderBy(m => m.Id).ToListAsync(ct);

    private async Task RecordAsync(OutboxMessage message, OutboxState state, string? error, Instant next, Instant now, DeliveryState delivery, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var id = message.Id;
        var sentAt = state == OutboxState.Sent ? now : (Instant?)null;
        await db.Set<OutboxMessage>().Where(m => m.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.State, state).SetProperty(m => m.LastError, error).SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.SentAt, sentAt), ct);

        // The recipient shows the state of their newest message only: an older one's outcome is history.
        var (motherId, personId) = (message.MotherId, message.PersonId);
        var newest = !await db.Set<OutboxMessage>().AnyAsync(m => m.MotherId == motherId && m.PersonId == personId && m.Id > id, ct);
        if (newest)
        {
            await db.Set<InvitationRecipient>().Where(r => r.MotherId == motherId && r.PersonId == personId).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.DeliveryState, delivery).SetProperty(r => r.DeliveryError, error).SetProperty(r => r.DeliveryUpdated, now), ct);
        }

        await transaction.CommitAsync(ct);
    }
}
