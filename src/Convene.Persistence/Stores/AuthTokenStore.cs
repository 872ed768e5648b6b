using Convene.Core.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Convene.Persistence.Stores;

internal sealed class AuthTokenStore(ConveneDbContext db) : IAuthTokenStore
{
    public void Add(AuthToken token) => db.AuthTokens.Add(token);

    public Task<AuthToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        db.AuthTokens.FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    // Every API request authenticates: one hand-written query for the token and its associate (issue 8, AdoQuery).
    public async Task<TokenHolder?> FindHolderAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var holders = await AdoQuery.ListAsync(
            db,
            """
            SELECT t.associate_id, t.expires_at, t.revoked_at, a.is_active, a.is_administrator
            FROM auth_token t JOIN associate a ON a.associate_id = t.associate_id
            WHERE t.token_hash = @hash
            """,
            [("@hash", tokenHash)],
            reader => new TokenHolder(reader.GetInt32(0), reader.GetInstant(1), reader.GetNullableInstant(2), reader.GetBoolean(3), reader.GetBoolean(4)),
            cancellationToken);
        return holders.Count == 0 ? null : holders[0];
    }

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
