namespace Convene.Core.Identity;

public interface IAuthTokenStore
{
    void Add(AuthToken token);

    Task<AuthToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>The token and its associate in one read, untracked: what authenticating a request needs.</summary>
    Task<TokenHolder?> FindHolderAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Revokes every live token of the associate (on deactivation or password change).</summary>
    Task<int> RevokeAllAsync(int associateId, NodaTime.Instant now, CancellationToken cancellationToken);
}

/// <summary>A stored token with the state of the associate it belongs to.</summary>
public sealed record TokenHolder(int AssociateId, NodaTime.Instant ExpiresAt, NodaTime.Instant? RevokedAt, bool IsActive, bool IsAdministrator)
{
    public bool IsValidAt(NodaTime.Instant now) => AuthToken.IsValid(RevokedAt, ExpiresAt, now);
}
