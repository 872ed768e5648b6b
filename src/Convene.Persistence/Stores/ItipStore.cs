using Convene.Core.Itip;
using Convene.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace Convene.Persistence.Stores;

internal sealed class ItipStore(ConveneDbContext db) : IItipStore
{
    public Task<InvitationRecord?> FindInvitationAsync(int motherId, CancellationToken cancellationToken) =>
        db.Set<InvitationRecord>().FirstOrDefaultAsync(i => i.MotherId == motherId, cancellationToken);

    public Task<InvitationRecord?> FindInvitationByUidAsync(string uid, CancellationToken cancellationToken) =>
        db.Set<InvitationRecord>().FirstOrDefaultAsync(i => i.Uid == uid, cancellationToken);

    public async Task<IReadOnlyDictionary<int, InvitationRecord>> FindInvitationsAsync(IReadOnlyCollection<int> motherIds, CancellationToken cancellationToken) =>
        motherIds.Count == 0
            ? new Dictionary<int, InvitationRecord>()
            : await db.Set<InvitationRecord>().AsNoTracking().Where(i => motherIds.Contains(i.MotherId)).ToDictionaryAsync(i => i.MotherId, cancellationToken);

    public Task<InvitationRecord?> FindSeriesInvitationAsync(int ruleId, CancellationToken cancellationToken) =>
        db.Set<InvitationRecord>().FirstOrDefaultAsync(i => i.RecurrenceRuleId == ruleId, cancellationToken);

    public async Task<IReadOnlyList<InvitationOccurrence>> GetOccurrencesAsync(int invitationId, CancellationToken cancellationToken) =>
        await db.Set<InvitationOccurrence>().Where(o => o.InvitationId == invitationId).ToListAsync(cancellationToken);

    public void Add(InvitationOccurrence occurrence) => db.Add(occurrence);

    public void Remove(InvitationOccurrence occurrence) => db.Remove(occurrence);

    public async Task<IReadOnlyList<InvitationRecipient>> GetRecipientsAsync(int motherId, CancellationToken cancellationToken) =>
        await db.Set<InvitationRecipient>().Where(r => r.MotherId == motherId).OrderBy(r => r.Id).ToListAsync(cancellationToken);

    public Task<RsvpToken?> FindRsvpTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        db.Set<RsvpToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public Task<CalendarFeed?> FindFeedAsync(int associateId, CancellationToken cancellationToken) =>
        db.Set<CalendarFeed>().FirstOrDefaultAsync(f => f.AssociateId == associateId, cancellationToken);

    public Task<CalendarFeed?> FindFeedByTokenAsync(string token, CancellationToken cancellationToken) =>
        db.Set<CalendarFeed>().AsNoTracking().FirstOrDefaultAsync(f => f.Token == token, cancellationToken);

    public void Add(InvitationRecord invitation) => db.Add(invitation);

    public void Add(InvitationRecipient recipient) => db.Add(recipient);

    public void Add(OutboxMessage message) => db.Add(message);

    public void Add(RsvpToken token) => db.Add(token);

    public void Add(CalendarFeed feed) => db.Add(feed);

    public void Remove(CalendarFeed feed) => db.Remove(feed);
}
