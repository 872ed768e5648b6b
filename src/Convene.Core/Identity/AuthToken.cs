using NodaTime;

namespace Convene.Core.Identity;

/// <summary>A bearer token; only its SHA-256 hash is stored, so a database leak does not leak sessions.</summary>
public sealed class AuthToken
{
    private AuthToken()
    {
        TokenHash = "";
    }

    public int Id { get; private set; }

    public int AssociateId { get; private set; }

    /// <summary>Lowercase hex SHA-256 of the token.</summary>
    public string TokenHash { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant ExpiresAt { get; private set; }

    public Instant? RevokedAt { get; private set; }

    public bool IsValidAt(Instant now) => IsValid(RevokedAt, ExpiresAt, now);

    /// <summary>The one rule: a token is valid until it expires or is revoked.</summary>
    public static bool IsValid(Instant? revokedAt, Instant expiresAt, Instant now) => revokedAt is null && now < expiresAt;

    public void Revoke(Instant now) => RevokedAt ??= now;

    public static AuthToken Create(int associateId, string tokenHash, Instant now, Duration lifetime) =>
        new() { AssociateId = associateId, TokenHash = tokenHash, CreatedAt = now, ExpiresAt = now + lifetime };
}
