using Convene.Core.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.Persistence.Stores;

internal sealed class AuthTokenStore(ConveneDbContext db) : IAuthTokenStore
{
    public void Add(AuthToken token) => db.AuthTokens.Add(token);

    public Task<AuthToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        db.AuthTokens.FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    // Every API request authenticates: one query for the token and its associate (issue 8).
    public Task<TokenHolder?> FindHolderAsync(string tokenHash, CancellationToken cancellationToken) =>
        (from t in db.AuthTokens.AsNoTracking()
         join a in db.Associates on t.AssociateId equals a.Id
         where t.TokenHash == tokenHash
         select new TokenHolder(t.AssociateId, t.ExpiresAt, t.RevokedAt, a.IsActive, a.IsAdministrator))
        .FirstOrDefaultAsync(cancellationToken);

    public async Task<int> RevokeAllAsync(int associateId, Instant now, CancellationToken cancellationToken)
    {
        var live = await db.AuthTokens.Where(t => t.AssociateId == associateId && t.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var token in live)
        {
            token.Revoke(now);
        }

        return live.Count;
    }
}
