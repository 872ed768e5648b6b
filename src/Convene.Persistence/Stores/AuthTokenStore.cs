using Convene.Core.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.Persistence.Stores;

internal sealed class AuthTokenStore(ConveneDbContext db) : IAuthTokenStore
{
    public void Add(AuthToken token) => db.AuthTokens.Add(token);

    public Task<AuthToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        db.AuthTokens.FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

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
